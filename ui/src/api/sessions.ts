// 三会一课 and other sessions, the obligation calendar and its rules, attendance per member.
import type { ComplianceReport } from '@/generated/ComplianceReport';
import type { MemberAttendance } from '@/generated/MemberAttendance';
import type { ObligationRuleSet } from '@/generated/ObligationRuleSet';
import type { Session } from '@/generated/Session';
import type { SessionInput } from '@/generated/SessionInput';
import type { SessionQuery } from '@/generated/SessionQuery';
import type { SessionSummary } from '@/generated/SessionSummary';
import type { SignInSheet } from '@/generated/SignInSheet';
import { toBytes } from './attachments';
import { call } from './ipc';
import type { VersionedRules } from './rules';

/** The obligation rules in force today and every set the branch saved. */
export type ObligationRules = VersionedRules<ObligationRuleSet>;

export const sessionList = (query: SessionQuery) => call<SessionSummary[]>('session_list', { query });
export const sessionGet = (id: string) => call<Session>('session_get', { id });
/** A dry run: 应到, head count, quorum and resolution results as if saved now; stores nothing. */
export const sessionPreview = (input: SessionInput) => call<Session>('session_preview', { input });
export const sessionAdd = (input: SessionInput) => call<Session>('session_add', { input });
export const sessionUpdate = (id: string, input: SessionInput) => call<Session>('session_update', { id, input });

export const complianceGet = (year?: number, asOf?: string) =>
  call<ComplianceReport>('compliance_get', { year: year ?? null, asOf: asOf ?? null });

export const obligationRulesGet = () => call<ObligationRules>('obligation_rules_get');
export const obligationRulesSave = (set: ObligationRuleSet) => call<ObligationRules>('obligation_rules_save', { set });

export const memberAttendance = (memberId: string, year?: number) =>
  call<MemberAttendance>('member_attendance', { memberId, year: year ?? null });

/** The sign-in sheet (签到表) for a planned session: who should attend on that day. */
export const sessionSignIn = (kind: string, partyGroupId: string | null, heldOn: string) =>
  call<SignInSheet>('session_sign_in', { kind, partyGroupId, heldOn });
/** The same sheet as .xlsx bytes. */
export async function sessionSignInXlsx(kind: string, partyGroupId: string | null, heldOn: string): Promise<Uint8Array<ArrayBuffer>> {
  return toBytes(await call<unknown>('session_sign_in_xlsx', { kind, partyGroupId, heldOn }));
}
