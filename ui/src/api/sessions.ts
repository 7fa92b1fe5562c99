// 三会一课 and other sessions, the obligation calendar and its rules, attendance per member.
import type { ComplianceReport } from '@/generated/ComplianceReport';
import type { GroupMeetingInput } from '@/generated/GroupMeetingInput';
import type { GroupMonth } from '@/generated/GroupMonth';
import type { MemberAttendance } from '@/generated/MemberAttendance';
import type { ObligationRuleSet } from '@/generated/ObligationRuleSet';
import type { Session } from '@/generated/Session';
import type { SessionInput } from '@/generated/SessionInput';
import type { SessionKind } from '@/generated/SessionKind';
import type { SessionPreview } from '@/generated/SessionPreview';
import type { SessionQuery } from '@/generated/SessionQuery';
import type { SessionSummary } from '@/generated/SessionSummary';
import type { SessionTemplate } from '@/generated/SessionTemplate';
import type { SignInSheet } from '@/generated/SignInSheet';
import { toBytes } from './attachments';
import { call } from './ipc';
import type { VersionedRules } from './rules';

/** The obligation rules in force today and every set the branch saved. */
export type ObligationRules = VersionedRules<ObligationRuleSet>;

export const sessionList = (query: SessionQuery) => call<SessionSummary[]>('session_list', { query });
export const sessionGet = (id: string) => call<Session>('session_get', { id });
/** A dry run: 应到, head count, quorum and each resolution's verdict as if saved now; stores nothing. */
export const sessionPreview = (input: SessionInput) => call<SessionPreview>('session_preview', { input });
export const sessionAdd = (input: SessionInput) => call<Session>('session_add', { input });
export const sessionUpdate = (id: string, input: SessionInput) => call<Session>('session_update', { id, input });
/** 「复制上次会议」: the last session of the kind as a new one on `heldOn`; null when there is none. */
export const sessionTemplate = (kind: string, partyGroupId: string | null, heldOn: string | null) =>
  call<SessionTemplate | null>('session_template', { kind, partyGroupId, heldOn });
/** The 党小组 of a month (YYYY-MM), each with the 党小组会 already logged for it. */
export const sessionGroupMonth = (month: string) => call<GroupMonth[]>('session_group_month', { month });
/** 批量登记党小组会: one 党小组会 per group listed, all or none. */
export const sessionAddGroups = (month: string, meetings: GroupMeetingInput[]) => call<Session[]>('session_add_groups', { month, meetings });

/** The branch's own session kinds (besides the obligations), created in 支部设置. */
export const sessionKindList = () => call<SessionKind[]>('session_kind_list');
export const sessionKindAdd = (name: string) => call<SessionKind>('session_kind_add', { input: { name } });

export const complianceGet = (year?: number, asOf?: string) => call<ComplianceReport>('compliance_get', { year: year ?? null, asOf: asOf ?? null });

export const obligationRulesGet = () => call<ObligationRules>('obligation_rules_get');
export const obligationRulesSave = (set: ObligationRuleSet) => call<ObligationRules>('obligation_rules_save', { set });

export const memberAttendance = (memberId: string, year?: number) => call<MemberAttendance>('member_attendance', { memberId, year: year ?? null });

/** The sign-in sheet (签到表) for a planned session: who should attend on that day. */
export const sessionSignIn = (kind: string, partyGroupId: string | null, heldOn: string) =>
  call<SignInSheet>('session_sign_in', { kind, partyGroupId, heldOn });
/** The same sheet as .xlsx bytes. */
export async function sessionSignInXlsx(kind: string, partyGroupId: string | null, heldOn: string): Promise<Uint8Array<ArrayBuffer>> {
  return toBytes(await call<unknown>('session_sign_in_xlsx', { kind, partyGroupId, heldOn }));
}
