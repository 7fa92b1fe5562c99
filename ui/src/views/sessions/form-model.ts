// The session form's model: what the secretary edits (attendance as "all present" plus the
// exceptions), turned into the SessionInput the core checks, and back from a stored Session.
import type { AgendaItemInput } from '@/generated/AgendaItemInput';
import type { AttendanceInput } from '@/generated/AttendanceInput';
import type { AttendanceRow } from '@/generated/AttendanceRow';
import type { AttendanceStatus } from '@/generated/AttendanceStatus';
import type { Obligation } from '@/generated/Obligation';
import type { ObligationMet } from '@/generated/ObligationMet';
import type { Quorum } from '@/generated/Quorum';
import type { Resolution } from '@/generated/Resolution';
import type { ResolutionInput } from '@/generated/ResolutionInput';
import type { ResolutionVerdict } from '@/generated/ResolutionVerdict';
import type { Session } from '@/generated/Session';
import type { SessionInput } from '@/generated/SessionInput';
import type { Translate } from '@/api/ipc';
import { isObligation } from '@/utils/codes';
import { blankToNull } from '@/utils/form';

/** A status set by hand for one member, with the reason for a 请假. */
export interface AttendanceMark {
  status: AttendanceStatus;
  reason: string;
}

export type LecturerMode = 'member' | 'outside';

export interface SessionForm {
  /** An obligation code, or the name of the branch's own kind. */
  kind: string;
  also: Obligation[];
  held_on: string | null;
  start_time: string | null;
  end_time: string | null;
  place: string;
  title: string;
  party_group_id: string | null;
  host_id: string | null;
  recorder_id: string | null;
  lecturer_mode: LecturerMode;
  lecturer_id: string | null;
  lecturer_name: string;
  topic: string;
  minutes: string;
  agenda: AgendaItemInput[];
  resolutions: ResolutionInput[];
  /** Those expected and not marked attend (on) or are absent (off). */
  all_present: boolean;
  /** Statuses set by hand, by member id. */
  marks: Record<string, AttendanceMark>;
  /** Members present who were not expected (列席, the other side of a 谈心谈话). */
  extras: string[];
}

/** What a new form may start from: a kind, a 党小组 and a period (from the 工作台). */
export interface SessionPrefill {
  kind?: string | null;
  party_group_id?: string | null;
  /** The period the session should fall in; the date defaults to today within it. */
  from?: string | null;
  to?: string | null;
}

export function emptyAgendaItem(): AgendaItemInput {
  return { title: '', first_topic: false };
}

export function emptyResolution(): ResolutionInput {
  return { title: '', kind: 'resolution', votes_for: 0, votes_against: 0, votes_abstain: 0, passed: false, written: [], subject_id: null };
}

/**
 * Whom an admission or a 转正 may decide on: 发展对象 for an admission, 预备党员 for a 转正,
 * and whoever the resolution already names (a past session is edited after the change).
 */
export function subjectCandidates<M extends { id: string; stage: string }>(members: M[], r: ResolutionInput): M[] {
  const stage = r.kind === 'admission' ? 'candidate' : r.kind === 'confirmation' ? 'probationary' : null;
  return members.filter((m) => m.id === r.subject_id || (stage !== null && m.stage === stage));
}

/** The day a new session defaults to: today, or the period's last day when it is over. */
export function defaultHeldOn(today: string, prefill: SessionPrefill = {}): string {
  if (prefill.to && prefill.to < today) return prefill.to;
  return today;
}

export function emptySessionForm(today: string, prefill: SessionPrefill = {}): SessionForm {
  const kind = prefill.kind ?? '';
  return {
    kind,
    also: [],
    held_on: defaultHeldOn(today, prefill),
    start_time: null,
    end_time: null,
    place: '',
    title: '',
    party_group_id: kind === 'group_meeting' ? (prefill.party_group_id ?? null) : null,
    host_id: null,
    recorder_id: null,
    lecturer_mode: 'member',
    lecturer_id: null,
    lecturer_name: '',
    topic: '',
    minutes: '',
    agenda: [emptyAgendaItem()],
    resolutions: [],
    all_present: true,
    marks: {},
    extras: [],
  };
}

/** Obligations the session counts for as the form stands: its own kind first. */
export function countsFor(form: Pick<SessionForm, 'kind' | 'also'>): Obligation[] {
  const own = form.kind.trim();
  const list: Obligation[] = isObligation(own) ? [own] : [];
  for (const o of form.also) if (!list.includes(o)) list.push(o);
  return list;
}

export function needsGroup(form: Pick<SessionForm, 'kind'>): boolean {
  return form.kind.trim() === 'group_meeting';
}

/** A 党课 (as its kind or also) needs a lecturer. */
export function needsLecturer(form: Pick<SessionForm, 'kind' | 'also'>): boolean {
  return countsFor(form).includes('party_lecture');
}

export function defaultStatus(form: Pick<SessionForm, 'all_present'>): AttendanceStatus {
  return form.all_present ? 'present' : 'absent';
}

/** A member's status as the form stands: set by hand, else the default. */
export function statusOf(form: Pick<SessionForm, 'all_present' | 'marks'>, memberId: string): AttendanceStatus {
  return form.marks[memberId]?.status ?? defaultStatus(form);
}

/**
 * Attendance as the core takes it: everyone expected gets `others`, so only those whose
 * status differs are listed, with the extras as present. With `known` (the members of the
 * last preview), marks of members no longer expected (the date or kind changed) are dropped.
 */
export function attendanceInput(form: Pick<SessionForm, 'all_present' | 'marks' | 'extras'>, known: ReadonlySet<string> | null = null): AttendanceInput[] {
  const fallback = defaultStatus(form);
  const out: AttendanceInput[] = [];
  for (const [member_id, mark] of Object.entries(form.marks)) {
    if (known && !known.has(member_id)) continue;
    if (form.extras.includes(member_id)) continue;
    if (mark.status === fallback) continue;
    out.push({ member_id, status: mark.status, reason: mark.status === 'leave' ? mark.reason.trim() : '' });
  }
  for (const member_id of form.extras) out.push({ member_id, status: 'present', reason: '' });
  return out;
}

/** What the form sends (and previews): text trimmed, blanks as null, fields of other kinds dropped. */
export function toSessionInput(form: SessionForm, known: ReadonlySet<string> | null = null): SessionInput {
  const kind = form.kind.trim();
  const lecturer = needsLecturer(form);
  return {
    kind,
    also: form.also.filter((o) => o !== kind),
    held_on: (form.held_on ?? '').trim(),
    start_time: blankToNull(form.start_time),
    end_time: blankToNull(form.end_time),
    place: form.place.trim(),
    title: form.title.trim(),
    party_group_id: needsGroup(form) ? blankToNull(form.party_group_id) : null,
    host_id: blankToNull(form.host_id),
    recorder_id: blankToNull(form.recorder_id),
    lecturer_id: lecturer && form.lecturer_mode === 'member' ? blankToNull(form.lecturer_id) : null,
    lecturer_name: lecturer && form.lecturer_mode === 'outside' ? form.lecturer_name.trim() : '',
    topic: form.topic.trim(),
    minutes: form.minutes,
    agenda: form.agenda.filter((a) => a.title.trim() !== '').map((a) => ({ title: a.title.trim(), first_topic: a.first_topic })),
    resolutions: form.resolutions.map((r) => ({ ...r, title: r.title.trim(), written: r.written.filter((w) => w.member_id) })),
    attendance: attendanceInput(form, known),
    others: defaultStatus(form),
  };
}

/**
 * 「复制上次会议」: the form as the core's template of the last session of its kind gives it,
 * on the day already chosen; everyone expected present, nothing marked by hand, no votes.
 */
export function templateToForm(input: SessionInput): SessionForm {
  return {
    kind: input.kind,
    also: [...input.also],
    held_on: input.held_on,
    start_time: input.start_time,
    end_time: input.end_time,
    place: input.place,
    title: input.title,
    party_group_id: input.party_group_id,
    host_id: input.host_id,
    recorder_id: input.recorder_id,
    lecturer_mode: !input.lecturer_id && input.lecturer_name ? 'outside' : 'member',
    lecturer_id: input.lecturer_id,
    lecturer_name: input.lecturer_name,
    topic: input.topic,
    minutes: input.minutes,
    agenda: input.agenda.length ? input.agenda.map((a) => ({ ...a })) : [emptyAgendaItem()],
    resolutions: input.resolutions.map((r) => ({ ...r, passed: false, written: [], subject_id: null })),
    all_present: input.others !== 'absent',
    marks: {},
    extras: [],
  };
}

/** The stored session as the edit form starts from it. */
export function sessionToForm(s: Session): SessionForm {
  const counted = s.attendance.filter((r) => r.expected && !r.exempt);
  const present = counted.filter((r) => r.status === 'present').length;
  const all_present = present * 2 >= counted.length;
  const fallback: AttendanceStatus = all_present ? 'present' : 'absent';
  const marks: Record<string, AttendanceMark> = {};
  const extras: string[] = [];
  for (const r of s.attendance) {
    if (!r.expected) {
      if (r.status === 'present') extras.push(r.member_id);
      continue;
    }
    // The exempted are shown, not counted: they take whatever the others get.
    if (r.exempt) continue;
    if (r.status !== fallback || r.reason) marks[r.member_id] = { status: r.status, reason: r.reason };
  }
  return {
    kind: s.kind,
    also: s.counts_for.filter((o) => o !== s.kind),
    held_on: s.held_on,
    start_time: s.start_time,
    end_time: s.end_time,
    place: s.place,
    title: s.title,
    party_group_id: s.party_group_id,
    host_id: s.host_id,
    recorder_id: s.recorder_id,
    lecturer_mode: !s.lecturer_id && s.lecturer_name ? 'outside' : 'member',
    lecturer_id: s.lecturer_id,
    lecturer_name: s.lecturer_name,
    topic: s.topic,
    minutes: s.minutes,
    agenda: s.agenda.length ? s.agenda.map((a) => ({ ...a })) : [emptyAgendaItem()],
    resolutions: s.resolutions.map((r: Resolution) => ({
      ...r,
      written: r.written.map((w) => ({ member_id: w.member_id, opinion: w.opinion })),
    })),
    all_present,
    marks,
    extras,
  };
}

/**
 * The core's verdict on each resolution of the form, by the preview (null while unknown): the
 * preview judges the form's resolutions in their order, untitled ones as null.
 */
export function resolutionVerdicts(form: ResolutionInput[], verdicts: (ResolutionVerdict | null)[] | null | undefined): (ResolutionVerdict | null)[] {
  return form.map((r, i) => (r.title.trim() === '' ? null : (verdicts?.[i] ?? null)));
}

/** Whether the votes carry each resolution: an impossible count carries nothing. */
export function verdictResults(verdicts: (ResolutionVerdict | null)[]): (boolean | null)[] {
  return verdicts.map((v) => (v ? v.verdict === 'passed' : null));
}

/**
 * Who may hand in a written opinion (书面意见) on an admission or a 转正, by the preview's roll:
 * voters counted in 应到 (neither excused nor left out) who were not present.
 */
export function writtenOpinionCandidates(rows: AttendanceRow[]): AttendanceRow[] {
  return rows.filter((r) => r.expected && !r.exempt && !r.excluded && r.has_vote && r.status !== 'present');
}

/**
 * The verdict of each obligation a session counts for, when it counts for more than one or
 * one of them failed its own test (a 党小组会 is not a 党员大会; a 支委会 needs its majority).
 */
export function obligationLines(obligations: ObligationMet[] | undefined, t: Translate): { text: string; met: boolean }[] {
  const list = obligations ?? [];
  if (list.length < 2 && list.every((o) => o.met)) return [];
  return list.map((o) => ({
    met: o.met,
    text: t(o.met ? 'sessions.form.obligation_met' : 'sessions.form.obligation_not_met', {
      kind: t(`codes.obligation.${o.obligation}`),
    }),
  }));
}

/** The label of a session kind: an obligation's name, or the branch's own kind as written. */
export function kindLabel(kind: string, t: Translate): string {
  return isObligation(kind) ? t(`codes.obligation.${kind}`) : kind;
}

/** "有表决权 N 人，到会 N 人，需超过半数（至少 N 人）：符合法定人数" and its variants. */
export function quorumText(quorum: Quorum, context: { countsFor: Obligation[]; election: boolean }, t: Translate): string {
  const general = context.countsFor.includes('general_meeting');
  const key = general ? (context.election ? 'quorum_election' : 'quorum_general') : 'quorum_committee';
  return t(`sessions.form.${key}`, {
    entitled: quorum.entitled,
    present: quorum.present_voting,
    required: quorum.required,
    verdict: t(quorum.met ? 'sessions.form.quorum_met' : 'sessions.form.quorum_not_met'),
  });
}
