// 组织生活规定 in settings: the rule set as an editable table (one line per obligation) and
// back, with the checks the core makes before saving a set.
import type { Obligation } from '@/generated/Obligation';
import type { ObligationRuleSet } from '@/generated/ObligationRuleSet';
import type { PeriodUnit } from '@/generated/PeriodUnit';
import type { Reason } from '@/generated/Reason';
import type { Scope } from '@/generated/Scope';
import { OBLIGATIONS } from '@/utils/codes';
import { isIsoDate } from '@/utils/dates';
import { limits } from '@/utils/limits';

export interface RuleDraftLine {
  obligation: Obligation;
  enabled: boolean;
  every: PeriodUnit;
  scope: Scope;
  times: number;
}

export interface RuleDraft {
  version: string;
  effective_from: string | null;
  lines: RuleDraftLine[];
}

/** Scopes that make sense for an obligation: talks are between pairs, the rest per branch or group. */
export function scopesFor(obligation: Obligation): Scope[] {
  return obligation === 'heart_to_heart_talk' ? ['pair'] : ['branch', 'party_group'];
}

function defaultScope(obligation: Obligation): Scope {
  if (obligation === 'heart_to_heart_talk') return 'pair';
  return obligation === 'group_meeting' ? 'party_group' : 'branch';
}

/** The set as a table with every obligation, those not required switched off. */
export function draftFromSet(set: ObligationRuleSet, effectiveFrom: string | null): RuleDraft {
  return {
    version: '',
    effective_from: effectiveFrom,
    lines: OBLIGATIONS.map((obligation) => {
      const rule = set.rules.find((r) => r.obligation === obligation);
      return rule
        ? { obligation, enabled: true, every: rule.every, scope: rule.scope, times: rule.times }
        : { obligation, enabled: false, every: 'year', scope: defaultScope(obligation), times: 1 };
    }),
  };
}

export function setFromDraft(d: RuleDraft): ObligationRuleSet {
  return {
    version: d.version.trim(),
    effective_from: (d.effective_from ?? '').trim(),
    rules: d.lines.filter((l) => l.enabled).map((l) => ({ obligation: l.obligation, every: l.every, scope: l.scope, times: l.times })),
  };
}

export function validTimes(n: number | null | undefined): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 12;
}

/** Why the core would refuse the draft's field, or null. */
export function draftFieldReason(field: 'version' | 'effective_from' | 'rules', d: RuleDraft): Reason | null {
  switch (field) {
    case 'version': {
      const v = d.version.trim();
      if (!v) return 'required';
      return Array.from(v).length > limits.rule_set_version ? 'too_long' : null;
    }
    case 'effective_from':
      if (!d.effective_from) return 'required';
      return isIsoDate(d.effective_from) ? null : 'invalid_date';
    case 'rules': {
      const on = d.lines.filter((l) => l.enabled);
      return on.length === 0 || on.some((l) => !validTimes(l.times)) ? 'invalid_value' : null;
    }
  }
}

/** Sets newest first, for the history list. */
export function historyNewestFirst(history: ObligationRuleSet[]): ObligationRuleSet[] {
  return [...history].sort((a, b) => b.effective_from.localeCompare(a.effective_from));
}
