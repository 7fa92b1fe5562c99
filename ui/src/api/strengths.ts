// 四强: the year's assessment and its month-by-month trend, attestations with evidence, the
// checklist template a year is judged by, the branch's own indicators and honours, and the
// 自评报告 workbook; the yearly 台账 as a workbook and as data to print.
import type { Assessment } from '@/generated/Assessment';
import type { Attestation } from '@/generated/Attestation';
import type { AttestationInput } from '@/generated/AttestationInput';
import type { Honour } from '@/generated/Honour';
import type { HonourInput } from '@/generated/HonourInput';
import type { Indicator } from '@/generated/Indicator';
import type { IndicatorInput } from '@/generated/IndicatorInput';
import type { IndicatorValueInput } from '@/generated/IndicatorValueInput';
import type { LedgerBook } from '@/generated/LedgerBook';
import type { Template } from '@/generated/Template';
import type { TrendPoint } from '@/generated/TrendPoint';
import type { YearTemplate } from '@/generated/YearTemplate';
import { toBytes } from './attachments';
import { call } from './ipc';

const yearArgs = (year?: number | null, asOf?: string | null) => ({ year: year ?? null, asOf: asOf ?? null });

/** The year (this year when not given) judged as of a day (today when not given). */
export const strengthsAssess = (year?: number | null, asOf?: string | null) => call<Assessment>('strengths_assess', yearArgs(year, asOf));
/** The scores at the end of each month of the year up to the day. */
export const strengthsTrend = (year?: number | null, asOf?: string | null) => call<TrendPoint[]>('strengths_trend', yearArgs(year, asOf));

/** Ticks (or marks not met) an attested item with its evidence; replaces an earlier one. */
export const strengthsAttest = (input: AttestationInput) => call<Attestation>('strengths_attest', { input });
/** Withdraws the year's attestation of an item, with its evidence and files. */
export const strengthsWithdraw = (year: number, itemId: string) => call<void>('strengths_withdraw', { year, itemId });

export const strengthsTemplateGet = (year: number) => call<YearTemplate>('strengths_template_get', { year });
/** Judges the year by an edited template (refused whole when it could not judge a year). */
export const strengthsTemplateAssign = (year: number, template: Template) => call<void>('strengths_template_assign', { year, template });
/** Judges the year by a template file's JSON text; answers with the template read. */
export const strengthsTemplateLoad = (year: number, text: string) => call<Template>('strengths_template_load', { year, text });
/** The year goes back to an earlier year's template, or the shipped one. */
export const strengthsTemplateReset = (year: number) => call<void>('strengths_template_reset', { year });

/** The 自评报告 workbook (.xlsx) as bytes. */
export async function strengthsExport(year?: number | null, asOf?: string | null): Promise<Uint8Array<ArrayBuffer>> {
  return toBytes(await call<unknown>('strengths_export', yearArgs(year, asOf)));
}

/** The branch's indicators with their values in the year up to the day. */
export const indicatorList = (year?: number | null, asOf?: string | null) => call<Indicator[]>('indicator_list', yearArgs(year, asOf));
/** Adds an indicator (id null) or changes one; answers with its id. */
export const indicatorSave = (id: string | null, input: IndicatorInput) => call<string>('indicator_save', { id, input });
export const indicatorDelete = (id: string) => call<void>('indicator_delete', { id });
/** Records a value on a day (the same day's value is replaced). */
export const indicatorValueRecord = (input: IndicatorValueInput) => call<void>('indicator_value_record', { input });
export const indicatorValueDelete = (indicatorId: string, measuredOn: string) => call<void>('indicator_value_delete', { indicatorId, measuredOn });

export const honourList = (year?: number | null, asOf?: string | null) => call<Honour[]>('honour_list', yearArgs(year, asOf));
export const honourAdd = (input: HonourInput) => call<string>('honour_add', { input });
export const honourDelete = (id: string) => call<void>('honour_delete', { id });

/** The yearly 台账 workbook (.xlsx) as bytes; 身份证号 and phones masked unless `reveal`. */
export async function ledgerExport(year: number, reveal = false, asOf?: string | null): Promise<Uint8Array<ArrayBuffer>> {
  return toBytes(await call<unknown>('ledger_export', { ...yearArgs(year, asOf), reveal }));
}

/** The yearly 台账 as data, for its printable pages; 身份证号 and phones masked unless `reveal`. */
export const ledgerBook = (year: number, reveal = false, asOf?: string | null) => call<LedgerBook>('ledger_book', { ...yearArgs(year, asOf), reveal });
