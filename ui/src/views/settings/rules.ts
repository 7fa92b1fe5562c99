// Form rules for the branch profile and party groups, mirroring src/branch.rs.
import type { FormRules } from 'element-plus';
import type { BranchInput } from '@/generated/BranchInput';
import type { GroupInput } from '@/generated/GroupInput';
import type { Reason } from '@/generated/Reason';
import type { Translate } from '@/api/ipc';
import { isIsoDate } from '@/utils/dates';
import { reasonRule } from '@/utils/form';

function textReason(v: string, max: number, required: boolean): Reason | null {
  const s = v.trim();
  if (required && s === '') return 'required';
  return Array.from(s).length > max ? 'too_long' : null;
}

function optionalDateReason(v: string | null, today: string | null): Reason | null {
  if (!v || v.trim() === '') return null;
  if (!isIsoDate(v)) return 'invalid_date';
  return today && v > today ? 'date_in_future' : null;
}

/** Why the core would refuse this field of the branch profile, or null. */
export function branchFieldReason(field: keyof BranchInput, b: BranchInput, today: string): Reason | null {
  switch (field) {
    case 'name':
      return textReason(b.name, 60, true);
    case 'superior_org':
      return textReason(b.superior_org, 60, false);
    case 'founded_on':
      return optionalDateReason(b.founded_on, today);
    case 'term_start':
      return optionalDateReason(b.term_start, null);
    case 'term_end': {
      const r = optionalDateReason(b.term_end, null);
      if (r) return r;
      return b.term_start && b.term_end && isIsoDate(b.term_start) && b.term_end <= b.term_start ? 'term_order' : null;
    }
    case 'records_from':
      return optionalDateReason(b.records_from ?? null, today);
    case 'term_years':
      return b.term_years == null || (Number.isInteger(b.term_years) && b.term_years >= 1 && b.term_years <= 5) ? null : 'term_years_range';
    case 'lecture_series_target':
      return b.lecture_series_target == null || (Number.isInteger(b.lecture_series_target) && b.lecture_series_target >= 0 && b.lecture_series_target <= 1000)
        ? null
        : 'invalid_value';
    case 'name_order':
      // A radio of the two orders: nothing to refuse.
      return null;
  }
}

export function branchRules(b: BranchInput, today: () => string, t: Translate): FormRules {
  const fields: (keyof BranchInput)[] = ['name', 'superior_org', 'founded_on', 'term_start', 'term_end', 'records_from', 'term_years', 'lecture_series_target'];
  return Object.fromEntries(fields.map((f) => [f, [reasonRule(() => branchFieldReason(f, b, today()), t, { required: f === 'name' })]]));
}

/** The core's field names for the branch form, mapped to the form's props. */
export const BRANCH_FIELD_TO_PROP: Record<string, string> = { branch_name: 'name' };

export function groupRules(g: GroupInput, t: Translate, today: () => string = () => ''): FormRules {
  return {
    name: [reasonRule(() => textReason(g.name, 30, true), t, { required: true })],
    formed_on: [reasonRule(() => optionalDateReason(g.formed_on ?? null, today() || null), t)],
  };
}

export const GROUP_FIELD_TO_PROP: Record<string, string> = { group_name: 'name' };
