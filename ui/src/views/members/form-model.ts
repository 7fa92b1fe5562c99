// The member form's model: a MemberInput, empty for a new member or taken from a stored record.
import type { Member } from '@/generated/Member';
import type { MemberInput } from '@/generated/MemberInput';
import { isAdmitted } from '@/utils/codes';
import { blankToNull } from '@/utils/form';

export function emptyMemberInput(): MemberInput {
  return {
    name: '',
    gender: null,
    ethnicity: '',
    birth_date: '',
    native_place: '',
    id_number: '',
    education: '',
    work_start_date: null,
    workplace_title: '',
    phone: '',
    address: '',
    stage: null,
    stage_date: null,
    joined_on: null,
    confirmed_on: null,
    party_group_id: null,
    roles: [],
    introducers: '',
    status: 'normal',
    notes: '',
    backfill: '',
  };
}

/** The record as the edit form starts from it (the core's `Member::to_input`). */
export function memberToInput(m: Member): MemberInput {
  return {
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    birth_date: m.birth_date,
    native_place: m.native_place,
    id_number: m.id_number,
    education: m.education,
    work_start_date: m.work_start_date,
    workplace_title: m.workplace_title,
    phone: m.phone,
    address: m.address,
    stage: m.stage,
    stage_date: null,
    joined_on: m.joined_on,
    confirmed_on: m.confirmed_on,
    party_group_id: m.party_group_id,
    roles: [...m.roles],
    introducers: m.introducers,
    status: m.status,
    notes: m.notes,
    backfill: '',
  };
}

/**
 * What the form sends: text trimmed, blank dates as null, and the dates the chosen stage has no
 * use for dropped (a stage changed in the form leaves them behind).
 */
export function cleanMemberInput(m: MemberInput): MemberInput {
  const admitted = isAdmitted(m.stage);
  return {
    ...m,
    name: m.name.trim(),
    ethnicity: m.ethnicity.trim(),
    birth_date: (m.birth_date ?? '').trim(),
    native_place: m.native_place.trim(),
    id_number: m.id_number.trim().toUpperCase(),
    education: m.education.trim(),
    work_start_date: blankToNull(m.work_start_date),
    workplace_title: m.workplace_title.trim(),
    phone: m.phone.trim(),
    address: m.address.trim(),
    stage_date: admitted ? null : blankToNull(m.stage_date),
    joined_on: admitted ? blankToNull(m.joined_on) : null,
    confirmed_on: m.stage === 'full' ? blankToNull(m.confirmed_on) : null,
    party_group_id: blankToNull(m.party_group_id),
    roles: m.stage === 'full' ? [...m.roles] : [],
    introducers: m.introducers.trim(),
    notes: m.notes.trim(),
    backfill: m.backfill.trim(),
  };
}
