// The activity form's model, what it sends, and how an activity is named in lists.
import type { Activity } from '@/generated/Activity';
import type { Participant } from '@/generated/Participant';
import type { SeriesUse } from '@/generated/SeriesUse';
import type { ActivitySummary } from '@/generated/ActivitySummary';
import type { ActivityInput } from '@/generated/ActivityInput';
import type { ActivityKind } from '@/generated/ActivityKind';
import type { ParticipantInput } from '@/generated/ParticipantInput';
import type { Reason } from '@/generated/Reason';
import type { Translate } from '@/api/ipc';
import { pastDateReason } from '@/utils/dates';
import { blankToNull } from '@/utils/form';
import { limits } from '@/utils/limits';

export interface ActivityForm {
  kind: ActivityKind | null;
  series: string;
  issue_no: number | null;
  title: string;
  held_on: string | null;
  start_time: string | null;
  end_time: string | null;
  place: string;
  description: string;
  book: string;
  author: string;
  destination: string;
  duration_days: number | null;
  /** 主讲 (讲堂). */
  speakers: string[];
  /** 分享 (读书分享会). */
  sharers: string[];
  /** 选派 (外出学习). */
  sent: string[];
  participants: string[];
}

/** An activity's details past its name and day, none given: no time, place or description, no book, no trip. */
export const NO_DETAILS = { start_time: null, end_time: null, place: '', description: '', book: '', author: '', destination: '', duration_days: null } as const;

export function emptyActivityForm(today: string): ActivityForm {
  return {
    kind: null,
    series: '',
    issue_no: null,
    title: '',
    held_on: today,
    ...NO_DETAILS,
    speakers: [],
    sharers: [],
    sent: [],
    participants: [],
  };
}

/** A saved activity as the form starts from it when edited: each member in their role's list. */
export function activityToForm(a: Activity): ActivityForm {
  const of = (role: Participant['role']) => a.participants.filter((p) => p.role === role).map((p) => p.member_id);
  return {
    kind: a.kind,
    series: a.series,
    issue_no: a.issue_no,
    title: a.title,
    held_on: a.held_on,
    start_time: a.start_time,
    end_time: a.end_time,
    place: a.place,
    description: a.description,
    book: a.book,
    author: a.author,
    destination: a.destination,
    duration_days: a.duration_days,
    speakers: of('speaker'),
    sharers: of('sharer'),
    sent: of('sent'),
    participants: of('participant'),
  };
}

/** Which role lists the form shows for a kind. */
export function rolesFor(kind: ActivityKind | null): { speakers: boolean; sharers: boolean; sent: boolean } {
  return { speakers: kind === 'lecture_series', sharers: kind === 'reading_salon', sent: kind === 'study_trip' };
}

/** Everyone once, with their most specific role (a speaker is not also listed as a participant). */
export function buildParticipants(form: Pick<ActivityForm, 'kind' | 'speakers' | 'sharers' | 'sent' | 'participants'>): ParticipantInput[] {
  const shown = rolesFor(form.kind);
  const out: ParticipantInput[] = [];
  const add = (ids: string[], role: ParticipantInput['role']) => {
    for (const member_id of ids) if (!out.some((p) => p.member_id === member_id)) out.push({ member_id, role });
  };
  if (shown.speakers) add(form.speakers, 'speaker');
  if (shown.sharers) add(form.sharers, 'sharer');
  if (shown.sent) add(form.sent, 'sent');
  add(form.participants, 'participant');
  return out;
}

/** What the form sends: trimmed, and the fields of other kinds left out. */
export function toActivityInput(form: ActivityForm): ActivityInput {
  const series = form.series.trim();
  return {
    kind: form.kind,
    series,
    issue_no: series ? form.issue_no : null,
    title: form.title.trim(),
    held_on: (form.held_on ?? '').trim(),
    start_time: blankToNull(form.start_time),
    end_time: blankToNull(form.end_time),
    place: form.place.trim(),
    description: form.description.trim(),
    book: form.kind === 'reading_salon' ? form.book.trim() : '',
    author: form.kind === 'reading_salon' ? form.author.trim() : '',
    destination: form.kind === 'study_trip' ? form.destination.trim() : '',
    duration_days: form.kind === 'study_trip' ? form.duration_days : null,
    participants: buildParticipants(form),
  };
}

export const ACTIVITY_FIELDS = ['kind', 'title', 'held_on', 'issue_no'] as const;
export type ActivityField = (typeof ACTIVITY_FIELDS)[number];

/** Why the core would refuse this field, or null (src/activities.rs). */
export function activityFieldReason(field: ActivityField, form: ActivityForm, today: string): Reason | null {
  switch (field) {
    case 'kind':
      return form.kind ? null : 'required';
    case 'title': {
      const title = form.title.trim();
      const series = form.series.trim();
      if (!title && !series) return 'required';
      return Array.from(title).length > limits.activity_title || Array.from(series).length > limits.activity_series ? 'too_long' : null;
    }
    case 'held_on':
      return pastDateReason(form.held_on, today);
    case 'issue_no':
      return form.series.trim() && form.issue_no !== null && form.issue_no < 1 ? 'invalid_value' : null;
  }
}

/** "微讲堂 第20期" for a numbered series, else the title. */
export function displayName(a: Pick<ActivitySummary, 'series' | 'issue_no' | 'title'>, t: Translate): string {
  if (a.series && a.issue_no !== null) return t('activities.issue_name', { series: a.series, n: a.issue_no });
  return a.title || a.series;
}

/** Series names in use, most used first (ties in pinyin order), blanks left out. */
export function seriesNames(used: SeriesUse[]): string[] {
  return used
    .filter((u) => u.series.trim())
    .sort((a, b) => b.count - a.count || a.series.localeCompare(b.series, 'zh-CN'))
    .map((u) => u.series);
}
