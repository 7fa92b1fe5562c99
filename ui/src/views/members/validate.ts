// The roster's field rules, mirrored from the core (src/members/validate.rs) for instant feedback.
// Each check returns the core's Reason code, so the messages are the same on both sides.
import type { Gender } from '@/generated/Gender';
import type { MemberInput } from '@/generated/MemberInput';
import type { Reason } from '@/generated/Reason';
import { addMonths, addYears, isIsoDate, parseIsoDate } from '@/utils/dates';
import { isAdmitted } from '@/utils/codes';
import { limits } from '@/utils/limits';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** The GB 11643 check character for the first 17 digits, or null when they are not 17 digits. */
export function idCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

export type IdNumberCheck = { ok: true; id: string; birth: string; gender: Gender } | { ok: false; reason: Reason };

/** A 身份证号 checked for shape and check digit, upper-cased, with the birth date and gender it encodes. */
export function parseIdNumber(raw: string): IdNumberCheck {
  const id = raw.trim().toUpperCase();
  if (id === '') return { ok: false, reason: 'required' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'id_number_format' };
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birth)) return { ok: false, reason: 'id_number_birth_date' };
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, reason: 'id_number_checksum' };
  const gender: Gender = Number(id[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, id, birth, gender };
}

const DIGITS = /^\d+$/;

/** Mobile (11 digits from 13–19) or landline with area code (010-12345678, 023 6123 4567, 0236123456-801). */
export function validPhone(phone: string): boolean {
  const compact = (s: string) => s.replace(/[ -]/g, '');
  const whole = compact(phone);
  if (whole.length === 11 && whole.startsWith('1') && DIGITS.test(whole)) {
    return whole[1] >= '3' && whole[1] <= '9';
  }
  // Landline: area code 0xx or 0xxx, then 7–8 digits (written together or apart), and an
  // optional extension of 1–6 digits after a dash that follows a whole number.
  const landline = (s: string) => {
    const all = compact(s);
    return all.startsWith('0') && all.length >= 10 && all.length <= 12 && DIGITS.test(all);
  };
  const trimmed = phone.trim();
  const lastDash = trimmed.lastIndexOf('-');
  let main = trimmed;
  if (lastDash >= 0) {
    const ext = trimmed.slice(lastDash + 1);
    if (ext.length >= 1 && ext.length <= 6 && DIGITS.test(ext) && landline(trimmed.slice(0, lastDash))) {
      main = trimmed.slice(0, lastDash);
    }
  }
  const sep = main.search(/[- ]/);
  if (sep < 0) return landline(main);
  const area = main.slice(0, sep);
  const number = main.slice(sep + 1).replace(/ /g, '');
  return area.startsWith('0') && area.length >= 3 && area.length <= 4 && DIGITS.test(area) && number.length >= 7 && number.length <= 8 && DIGITS.test(number);
}

/**
 * A member's facts from the name to the 人员类别, in the order the form asks them, the core checks
 * them and the roster import's template lists them; the member form and the import go on from here.
 */
export const PERSON_FIELDS = [
  'name',
  'gender',
  'ethnicity',
  'birth_date',
  'native_place',
  'id_number',
  'education',
  'work_start_date',
  'workplace_title',
  'phone',
  'address',
  'stage',
] as const;

/** Fields of MemberInput the form checks, in form order (the order the core checks them). */
export const MEMBER_FIELDS = [
  ...PERSON_FIELDS,
  'stage_date',
  'joined_on',
  'confirmed_on',
  'roles',
  'introducers',
  'status',
  'notes',
] as const satisfies readonly (keyof MemberInput)[];

export type MemberField = (typeof MEMBER_FIELDS)[number];

/** Longest text the core keeps, per free-text field. */
/** The core's limits on the roster's text fields (src/limits.rs, generated). */
const MAX_CHARS: Partial<Record<MemberField, number>> = {
  name: limits.member_name,
  ethnicity: limits.ethnicity,
  native_place: limits.native_place,
  education: limits.education,
  workplace_title: limits.workplace_title,
  phone: limits.phone,
  address: limits.address,
  introducers: limits.introducers,
  notes: limits.member_notes,
};

function textReason(value: string, max: number, required: boolean): Reason | null {
  const v = value.trim();
  if (required && v === '') return 'required';
  if (Array.from(v).length > max) return 'too_long';
  return null;
}

/** A date field's own problems: format, then not after today. Empty is left to the caller. */
function dateReason(value: string, today: string): Reason | null {
  if (!isIsoDate(value)) return 'invalid_date';
  if (value.trim() > today) return 'date_in_future';
  return null;
}

function filled(v: string | null | undefined): v is string {
  return v != null && v.trim() !== '';
}

/**
 * Why the core would refuse this field of the member, or null. Cross-field rules are checked on
 * the field the core names (a birth-date mismatch is the 身份证号's error). Checks that need the
 * stored roster (duplicates, roles taken) stay with the core.
 */
export function memberFieldReason(field: MemberField, m: MemberInput, today: string): Reason | null {
  switch (field) {
    case 'name':
      return textReason(m.name, MAX_CHARS.name!, true);
    case 'gender':
      return m.gender ? null : 'required';
    case 'birth_date':
      if (!filled(m.birth_date)) return 'required';
      return dateReason(m.birth_date, today);
    case 'id_number': {
      const parsed = parseIdNumber(m.id_number);
      if (!parsed.ok) return parsed.reason;
      if (isIsoDate(m.birth_date) && parsed.birth !== m.birth_date.trim()) return 'id_number_birth_mismatch';
      if (m.gender && parsed.gender !== m.gender) return 'id_number_gender_mismatch';
      return null;
    }
    case 'work_start_date': {
      if (!filled(m.work_start_date)) return null;
      const r = dateReason(m.work_start_date, today);
      if (r) return r;
      if (isIsoDate(m.birth_date) && m.work_start_date.trim() <= m.birth_date.trim()) return 'work_before_birth';
      return null;
    }
    case 'phone': {
      const r = textReason(m.phone, MAX_CHARS.phone!, false);
      if (r) return r;
      return m.phone.trim() === '' || validPhone(m.phone.trim()) ? null : 'phone_format';
    }
    case 'address':
      return textReason(m.address, MAX_CHARS.address!, false);
    case 'stage':
      return m.stage ? null : 'required';
    case 'stage_date': {
      if (!filled(m.stage_date)) return null;
      const r = dateReason(m.stage_date, today);
      if (r) return r;
      if (!isAdmitted(m.stage) && isIsoDate(m.birth_date) && m.stage_date.trim() < m.birth_date.trim()) {
        return 'invalid_date';
      }
      // Whoever reached a stage before 预备党员 applied by then, at 18 or older.
      if (!isAdmitted(m.stage) && isIsoDate(m.birth_date) && m.stage_date.trim() < addYears(m.birth_date.trim(), 18)) {
        return 'too_young_to_apply';
      }
      return null;
    }
    case 'joined_on': {
      const admitted = isAdmitted(m.stage);
      if (!filled(m.joined_on)) return admitted && m.stage ? 'required' : null;
      if (!isIsoDate(m.joined_on)) return 'invalid_date';
      if (!admitted) return m.stage ? 'joined_not_allowed' : null;
      if (m.joined_on.trim() > today) return 'date_in_future';
      if (isIsoDate(m.birth_date) && m.joined_on.trim() < addYears(m.birth_date.trim(), 18)) return 'too_young_to_join';
      return null;
    }
    case 'confirmed_on': {
      const full = m.stage === 'full';
      if (!filled(m.confirmed_on)) return full ? 'required' : null;
      if (!isIsoDate(m.confirmed_on)) return 'invalid_date';
      if (!full) return m.stage ? 'confirmed_not_allowed' : null;
      const c = m.confirmed_on.trim();
      if (c > today) return 'date_in_future';
      if (!isIsoDate(m.joined_on)) return null;
      const j = m.joined_on!.trim();
      if (c <= j) return 'confirmed_before_joined';
      // The day the 预备期 ends: a year after joining, or after an extension of 6 to 12 months
      // (the core also holds it to an extension already on record).
      return probationEnds(j).includes(c) ? null : 'probation_length';
    }
    case 'roles':
      return m.roles.length > 0 && m.stage && m.stage !== 'full' ? 'role_needs_full_member' : null;
    case 'status':
      return m.status === 'transferred_out' || m.status === 'expelled' || m.status === 'deceased' ? 'status_needs_archive' : null;
    case 'ethnicity':
    case 'native_place':
    case 'education':
    case 'workplace_title':
    case 'introducers':
    case 'notes':
      return textReason(m[field], MAX_CHARS[field]!, false);
  }
}

/** The first field the core would refuse, in its order, or null when the member passes. */
export function firstMemberError(m: MemberInput, today: string): { field: MemberField; reason: Reason } | null {
  for (const field of MEMBER_FIELDS) {
    const reason = memberFieldReason(field, m, today);
    if (reason) return { field, reason };
  }
  return null;
}

/** Birth date and gender read from a valid 身份证号, to fill the form. */
export function factsFromIdNumber(raw: string): { birth: string; gender: Gender } | null {
  const parsed = parseIdNumber(raw);
  return parsed.ok && parseIsoDate(parsed.birth) ? { birth: parsed.birth, gender: parsed.gender } : null;
}

/** The days a 预备期 begun on `joined` can end under the 2014 细则: after 12 months, or after an
 * extension of 6 to 12 months. */
export function probationEnds(joined: string): string[] {
  return [12, ...Array.from({ length: 7 }, (_, i) => 18 + i)].map((months) => addMonths(joined, months));
}
