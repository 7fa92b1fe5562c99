// 学时: the year's progress, the credits and their entries, the targets and accrual rules,
// exemptions, PINs, importing a platform's export, and 我的学时 (a member's own statement).
import type { ImportDone } from '@/generated/ImportDone';
import type { AccrualRuleSet } from '@/generated/AccrualRuleSet';
import type { EntryInput } from '@/generated/EntryInput';
import type { ImportMapping } from '@/generated/ImportMapping';
import type { ImportPreview } from '@/generated/ImportPreview';
import type { ImportTable } from '@/generated/ImportTable';
import type { CreditEntry } from '@/generated/CreditEntry';
import type { CreditQuery } from '@/generated/CreditQuery';
import type { MemberStatement } from '@/generated/MemberStatement';
import type { SelfCheckMode } from '@/generated/SelfCheckMode';
import type { StudyReport } from '@/generated/StudyReport';
import type { TargetRuleSet } from '@/generated/TargetRuleSet';
import { toBytes } from './attachments';
import { call } from './ipc';
import type { VersionedRules } from './rules';

/** Targets or accrual rules: the set in force and every saved set. */
export type StudyRules<T> = VersionedRules<T>;

import type { SelfCheckSettings } from '@/generated/SelfCheckSettings';
export type { SelfCheckSettings };

export const studyReport = (year?: number | null, asOf?: string | null) => call<StudyReport>('study_report', { year: year ?? null, asOf: asOf ?? null });
/** The 学时单 workbook (.xlsx) of `year` as of `asOf`, as bytes: every member's hours as the page shows them. */
export async function studyHoursExport(year: number, asOf?: string | null): Promise<Uint8Array<ArrayBuffer>> {
  return toBytes(await call<unknown>('study_hours_export', { year, asOf: asOf ?? null }));
}
/** 「生成学时单」: one member's year as a PNG image, as bytes. */
export async function studyStatementPng(memberId: string, year: number): Promise<Uint8Array<ArrayBuffer>> {
  return toBytes(await call<unknown>('study_statement_png', { memberId, year }));
}
export const studyCredits = (query: CreditQuery) => call<CreditEntry[]>('study_credits', { query });
/** One manual entry or correction; answers with its id. */
export const studyEntryAdd = (input: EntryInput) => call<string>('study_entry_add', { input });
/** The same hours for several members, all or none (a refusal names its `row`). */
export const studyEntriesAdd = (inputs: EntryInput[]) => call<string[]>('study_entries_add', { inputs });
export const studyEntryDelete = (id: string) => call<void>('study_entry_delete', { id });

export const studyTargetsGet = () => call<StudyRules<TargetRuleSet>>('study_targets_get');
export const studyTargetsSave = (set: TargetRuleSet) => call<StudyRules<TargetRuleSet>>('study_targets_save', { set });
export const studyAccrualGet = () => call<StudyRules<AccrualRuleSet>>('study_accrual_get');
export const studyAccrualSave = (set: AccrualRuleSet) => call<StudyRules<AccrualRuleSet>>('study_accrual_save', { set });

export const studyExempt = (memberId: string, year: number, reason: string) => call<void>('study_exempt', { memberId, year, reason });
export const studyLiftExemption = (memberId: string, year: number) => call<void>('study_lift_exemption', { memberId, year });

export const selfCheckSettings = () => call<SelfCheckSettings>('self_check_settings');
/** Only how members identify (what 我的学时 may know before anyone has identified). */
export const selfCheckMode = () => call<SelfCheckMode>('self_check_mode');
export const selfCheckModeSet = (mode: SelfCheckMode) => call<void>('self_check_mode_set', { mode });
/** Sets a member's PIN (4 to 8 digits), or removes it with null. */
export const memberPinSet = (memberId: string, pin: string | null) => call<void>('member_pin_set', { memberId, pin });
/** 我的学时: the member's own statement once name and PIN (or 身份证号 last six) check out. */
export const selfCheckOpen = (name: string, secret: string, year?: number | null) =>
  call<MemberStatement>('self_check_open', { name, secret, year: year ?? null });

/** Reads a .csv or .xlsx file chosen in the open dialog into a table (the Rust side reads the path). */
export const studyImportRead = (path: string) => call<ImportTable>('study_import_read_path', { path });
/** Every row as it would be entered, with the first problem of each; stores nothing. */
export const studyImportPreview = (table: ImportTable, mapping: ImportMapping) => call<ImportPreview>('study_import_preview', { table, mapping });
/** Adds every row's entry, all or none (a refusal names the file's line as `row`). */
export const studyImportCommit = (table: ImportTable, mapping: ImportMapping) => call<ImportDone>('study_import_commit', { table, mapping });
