// The session form's checks, mirrored from the core (src/sessions/store.rs) for instant
// feedback; each returns the core's Reason, so both sides say the same thing.
import type { Reason } from '@/generated/Reason';
import { isIsoDate, pastDateReason } from '@/utils/dates';
import { limits } from '@/utils/limits';
import { needsGroup, needsLecturer, type SessionForm } from './form-model';

/** Form item props the checks below name, in the core's order. */
export const SESSION_FIELDS = ['kind', 'held_on', 'end_time', 'party_group_id', 'lecturer'] as const;
export type SessionField = (typeof SESSION_FIELDS)[number];

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Why the core would refuse this field, or null. Roster checks stay with the core. */
export function sessionFieldReason(field: SessionField, form: SessionForm, today: string): Reason | null {
  switch (field) {
    case 'kind': {
      const kind = form.kind.trim();
      if (kind === '') return 'required';
      return Array.from(kind).length > limits.session_kind_name || kind === 'secretary_lecture' ? 'unknown_kind' : null;
    }
    case 'held_on':
      return pastDateReason(form.held_on, today);
    case 'end_time': {
      const [s, e] = [form.start_time ?? '', form.end_time ?? ''];
      if ((s && !TIME.test(s)) || (e && !TIME.test(e))) return 'invalid_value';
      return s && e && e <= s ? 'time_order' : null;
    }
    case 'party_group_id':
      return needsGroup(form) && !form.party_group_id ? 'group_required' : null;
    case 'lecturer': {
      if (!needsLecturer(form)) return null;
      const filled = form.lecturer_mode === 'member' ? !!form.lecturer_id : form.lecturer_name.trim() !== '';
      return filled ? null : 'lecturer_required';
    }
  }
}

export function firstSessionError(form: SessionForm, today: string): { field: SessionField; reason: Reason } | null {
  for (const field of SESSION_FIELDS) {
    const reason = sessionFieldReason(field, form, today);
    if (reason) return { field, reason };
  }
  return null;
}

/** Whether the form is far enough along to ask the core for a preview. */
export function canPreview(form: SessionForm, today: string): boolean {
  return sessionFieldReason('kind', form, today) === null && isIsoDate((form.held_on ?? '').trim());
}
