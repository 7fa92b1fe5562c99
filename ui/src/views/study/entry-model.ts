// The 录入学时 form: a manual entry, or a correction that stands in place of one credit the
// member earned by attending; its checks mirror the core's (src/study/credits.rs) so the form
// says the same thing before sending.
import type { EntryInput } from '@/generated/EntryInput';
import type { CreditEntry } from '@/generated/CreditEntry';
import type { Reason } from '@/generated/Reason';
import { pastDateReason } from '@/utils/dates';
import { limits } from '@/utils/limits';

/** The most hours one entry may carry (the core's limit, generated). */
export const MAX_ENTRY_HOURS = limits.entry_hours_max;

export interface EntryForm {
  occurred_on: string | null;
  hours: number | null;
  category: string;
  /** Correct one credit instead of adding hours. */
  correct: boolean;
  /** The credit corrected (its `creditKey`). */
  credit: string | null;
  /** The reason, required for a correction. */
  note: string;
  entered_by: string;
}

export function emptyEntryForm(today: string, category = ''): EntryForm {
  return { occurred_on: today, hours: null, category, correct: false, credit: null, note: '', entered_by: '' };
}

/** A credit computed from attendance is named by where it came from: its session or activity. */
export function creditKey(e: Pick<CreditEntry, 'source' | 'session_id' | 'activity_id'>): string {
  return e.session_id ? `session:${e.session_id}` : `activity:${e.activity_id ?? ''}`;
}

/** Credits that can still be corrected: computed ones (no id) not already replaced. */
export function correctableCredits(entries: CreditEntry[]): CreditEntry[] {
  return entries.filter((e) => e.id === null && !e.replaced && (e.session_id !== null || e.activity_id !== null));
}

/** Picking a credit fills in its day, hours and category, which the correction then changes. */
export function applyCredit(form: EntryForm, credit: CreditEntry) {
  form.credit = creditKey(credit);
  form.occurred_on = credit.occurred_on;
  form.hours = credit.hours;
  form.category = credit.category;
}

/** Whole half hours: 1, 1.5, 2. */
export function isHalfHours(hours: number): boolean {
  return Number.isFinite(hours) && Math.abs(hours * 2 - Math.round(hours * 2)) < 1e-9;
}

/** Why the core would refuse these hours: a correction may set 0, an entry needs at least 0.5. */
export function hoursReason(hours: number | null | undefined, correction = false): Reason | null {
  if (hours == null || Number.isNaN(hours)) return 'required';
  if (!isHalfHours(hours)) return 'half_hours';
  if (hours < 0 || hours > MAX_ENTRY_HOURS) return 'hours_out_of_range';
  return hours === 0 && !correction ? 'hours_minimum' : null;
}

export function categoryReason(category: string): Reason | null {
  const c = category.trim();
  if (!c) return 'required';
  return Array.from(c).length > limits.study_category_name ? 'too_long' : null;
}

export const ENTRY_FIELDS = ['occurred_on', 'hours', 'category', 'credit', 'note', 'entered_by'] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

/** Why the core would refuse this field, or null. */
export function entryFieldReason(field: EntryField, form: EntryForm, today: string): Reason | null {
  switch (field) {
    case 'occurred_on':
      return pastDateReason(form.occurred_on, today);
    case 'hours':
      return hoursReason(form.hours, form.correct);
    case 'category':
      return categoryReason(form.category);
    case 'credit':
      return form.correct && !form.credit ? 'correction_needs_source' : null;
    case 'note':
      if (form.correct && !form.note.trim()) return 'correction_needs_reason';
      return Array.from(form.note.trim()).length > limits.note ? 'too_long' : null;
    case 'entered_by':
      return Array.from(form.entered_by.trim()).length > limits.entered_by ? 'too_long' : null;
  }
}

export function firstEntryError(form: EntryForm, today: string): { field: EntryField; reason: Reason } | null {
  for (const field of ENTRY_FIELDS) {
    const reason = entryFieldReason(field, form, today);
    if (reason) return { field, reason };
  }
  return null;
}

/** What the form sends: a correction names the session or activity of the credit it replaces. */
export function toEntryInput(form: EntryForm, memberId: string, credits: CreditEntry[]): EntryInput {
  const credit = form.correct ? (credits.find((c) => creditKey(c) === form.credit) ?? null) : null;
  return {
    member_id: memberId,
    occurred_on: (form.occurred_on ?? '').trim(),
    hours: form.hours ?? 0,
    category: form.category.trim(),
    session_id: credit?.session_id ?? null,
    activity_id: credit?.session_id ? null : (credit?.activity_id ?? null),
    replaces_credit: form.correct,
    note: form.note.trim(),
    entered_by: form.entered_by.trim(),
  };
}

/** The core's field names mapped to the form's props. */
export const ENTRY_FIELD_TO_PROP: Record<string, string> = {
  replaces_credit: 'credit',
  session_id: 'credit',
  activity_id: 'credit',
};
