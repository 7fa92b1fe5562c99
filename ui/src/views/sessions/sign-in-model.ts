// 签到表: what the dialog asks (kind, day, 党小组), the request it sends, and the lines of the
// sheet as it prints. Who is on the sheet is the core's answer; nothing here filters the roster.
import type { SignInSheet } from '@/generated/SignInSheet';
import type { Translate } from '@/api/ipc';
import { SESSION_KINDS } from '@/utils/codes';
import { needsGroup } from './form-model';

/** Kinds a sheet can be made for: a 谈心谈话 is a talk between two people, nobody signs in. */
export const SIGN_IN_KINDS = SESSION_KINDS.filter((k) => k !== 'heart_to_heart_talk');

export interface SignInForm {
  /** An obligation code, or the name of the branch's own kind. */
  kind: string;
  held_on: string | null;
  party_group_id: string | null;
}

/** What the dialog starts from: the page's filters when they name a kind or a 党小组. */
export interface SignInPrefill {
  kind?: string | null;
  party_group_id?: string | null;
}

export function emptySignInForm(today: string, prefill: SignInPrefill = {}): SignInForm {
  const kind = prefill.kind && (SIGN_IN_KINDS as readonly string[]).includes(prefill.kind) ? prefill.kind : '';
  return { kind, held_on: today, party_group_id: prefill.party_group_id ?? null };
}

export interface SignInRequest {
  kind: string;
  partyGroupId: string | null;
  heldOn: string;
}

/**
 * The request for the form as it stands, or null until it names a kind and a day. A 党小组 goes
 * only with a 党小组会: for any other kind the core would put the group in the title while
 * listing the whole branch.
 */
export function signInRequest(form: SignInForm): SignInRequest | null {
  const kind = form.kind.trim();
  if (!kind || !form.held_on) return null;
  return { kind, partyGroupId: needsGroup(form) ? form.party_group_id : null, heldOn: form.held_on };
}

/** 应到: everyone listed but those excused from attending. */
export function expectedCount(sheet: SignInSheet): number {
  // A member excused from attending is listed but not counted as 应到.
  return sheet.rows.filter((r) => !r.exempt).length;
}

/** "<branch>（<group>） <kind>签到表", as the .xlsx heads it. */
export function sheetTitle(sheet: SignInSheet, t: Translate): string {
  const group = sheet.party_group ? t('sessions.sign_in.group', { name: sheet.party_group }) : '';
  return t('sessions.sign_in.title', { branch: sheet.branch_name, group, kind: sheet.kind_label });
}

/** The name the save dialog proposes: "<branch><kind>签到表-<date>.xlsx". */
export function signInFileName(sheet: SignInSheet, t: Translate): string {
  return t('sessions.sign_in.file_name', { branch: sheet.branch_name, date: sheet.held_on, kind: sheet.kind_label });
}
