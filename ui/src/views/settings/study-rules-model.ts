// 学时规则 in settings: the targets and the accrual rules as editable drafts and back, with the
// checks the core makes before saving a set (src/study/rules.rs).
import type { AccrualOn } from '@/generated/AccrualOn';
import type { AccrualRule } from '@/generated/AccrualRule';
import type { AccrualRuleSet } from '@/generated/AccrualRuleSet';
import type { CreditMode } from '@/generated/CreditMode';
import type { Reason } from '@/generated/Reason';
import type { TargetRuleSet } from '@/generated/TargetRuleSet';
import type { Translate } from '@/api/ipc';
import { isObligation } from '@/utils/codes';
import { isIsoDate } from '@/utils/dates';
import { isHalfHours } from '@/views/study/entry-model';
import { hoursText } from '@/views/study/study-model';
import { hasMessage } from '@/locales';
import { limits } from '@/utils/limits';

export interface TargetDraft {
  version: string;
  effective_from: string | null;
  member: number | null;
  committee: number | null;
  /** Whether the branch sets one figure for everyone. */
  branch_wide_on: boolean;
  branch_wide: number | null;
  per_member: { member_id: string | null; hours: number | null }[];
  /** The categories whose hours count toward the target; the others are shown beside it. */
  counted_categories: string[];
}

export interface AccrualDraftLine {
  on: AccrualOn;
  kind: string;
  mode: CreditMode;
  hours: number | null;
  category: string;
}

export interface AccrualDraft {
  version: string;
  effective_from: string | null;
  lines: AccrualDraftLine[];
}

/** Hours of a rule: whole half hours from `min` to `max`. */
export function ruleHoursReason(hours: number | null | undefined, min: number, max: number): Reason | null {
  if (hours == null || Number.isNaN(hours)) return 'required';
  if (!isHalfHours(hours)) return 'half_hours';
  return hours < min || hours > max ? 'hours_out_of_range' : null;
}

function versionReason(version: string): Reason | null {
  const v = version.trim();
  if (!v) return 'required';
  return Array.from(v).length > limits.rule_set_version ? 'too_long' : null;
}

function dateReason(date: string | null): Reason | null {
  if (!date) return 'required';
  return isIsoDate(date) ? null : 'invalid_date';
}

export function targetDraftFrom(set: TargetRuleSet, effectiveFrom: string): TargetDraft {
  return {
    version: '',
    effective_from: effectiveFrom,
    member: set.member,
    committee: set.committee,
    branch_wide_on: set.branch_wide != null,
    branch_wide: set.branch_wide ?? set.member,
    per_member: set.per_member.map((p) => ({ member_id: p.member_id, hours: p.hours })),
    counted_categories: [...set.counted_categories],
  };
}

export function targetSetFrom(d: TargetDraft): TargetRuleSet {
  return {
    version: d.version.trim(),
    effective_from: (d.effective_from ?? '').trim(),
    member: d.member ?? 0,
    committee: d.committee ?? 0,
    branch_wide: d.branch_wide_on ? (d.branch_wide ?? 0) : null,
    per_member: d.per_member.filter((p) => p.member_id).map((p) => ({ member_id: p.member_id as string, hours: p.hours ?? 0 })),
    counted_categories: [...d.counted_categories],
  };
}

/**
 * The categories the dialog offers to count: the known ones, then the branch's own ones the
 * set already counts or the accrual rules credit, each once.
 */
export function countableCategories(known: readonly string[], counted: readonly string[], credited: readonly string[]): string[] {
  const out = [...known];
  for (const c of [...counted, ...credited]) if (c.trim() && !out.includes(c)) out.push(c);
  return out;
}

export type TargetField = 'version' | 'effective_from' | 'member' | 'committee' | 'branch_wide' | 'per_member';

export function targetFieldReason(field: TargetField, d: TargetDraft): Reason | null {
  switch (field) {
    case 'version':
      return versionReason(d.version);
    case 'effective_from':
      return dateReason(d.effective_from);
    case 'member':
      return ruleHoursReason(d.member, 1, limits.target_hours_max);
    case 'committee':
      return ruleHoursReason(d.committee, 1, limits.target_hours_max);
    case 'branch_wide':
      return d.branch_wide_on ? ruleHoursReason(d.branch_wide, 1, limits.target_hours_max) : null;
    case 'per_member': {
      const seen = new Set<string>();
      for (const p of d.per_member) {
        if (!p.member_id) return 'required';
        if (seen.has(p.member_id)) return 'invalid_value';
        seen.add(p.member_id);
        const r = ruleHoursReason(p.hours, 1, limits.target_hours_max);
        if (r) return r;
      }
      return null;
    }
  }
}

export function accrualDraftFrom(set: AccrualRuleSet, effectiveFrom: string): AccrualDraft {
  return {
    version: '',
    effective_from: effectiveFrom,
    lines: set.rules.map((r) => ({ ...r })),
  };
}

export function emptyAccrualLine(): AccrualDraftLine {
  return { on: 'session', kind: '', mode: 'duration', hours: 2, category: '' };
}

export function accrualSetFrom(d: AccrualDraft): AccrualRuleSet {
  return {
    version: d.version.trim(),
    effective_from: (d.effective_from ?? '').trim(),
    rules: d.lines.map((l): AccrualRule => ({ on: l.on, kind: l.kind.trim(), mode: l.mode, hours: l.hours ?? 0, category: l.category.trim() })),
  };
}

/** What is wrong with one line: hours 0 to the accrual maximum in half hours, a kind and category, no kind twice. */
export function accrualLineReason(d: AccrualDraft, index: number): Reason | null {
  const line = d.lines[index];
  if (!line.kind.trim() || !line.category.trim()) return 'required';
  const hours = ruleHoursReason(line.hours, 0, limits.accrual_hours_max);
  if (hours) return hours;
  const twice = d.lines.some((l, i) => i < index && l.on === line.on && l.kind.trim() === line.kind.trim());
  return twice ? 'invalid_value' : null;
}

export type AccrualField = 'version' | 'effective_from' | 'rules';

export function accrualFieldReason(field: AccrualField, d: AccrualDraft): Reason | null {
  switch (field) {
    case 'version':
      return versionReason(d.version);
    case 'effective_from':
      return dateReason(d.effective_from);
    case 'rules':
      for (let i = 0; i < d.lines.length; i++) {
        const r = accrualLineReason(d, i);
        if (r) return r;
      }
      return null;
  }
}

/** What a rule credits for, in words: "党课", "讲堂", or the branch's own session kind. */
export function accrualKindLabel(on: AccrualOn, kind: string, t: Translate): string {
  if (on === 'session') return isObligation(kind) ? t(`codes.obligation.${kind}`) : kind;
  const key = `codes.activity_kind.${kind}`;
  return hasMessage(key) ? t(key) : kind;
}

/** How a rule counts: "按实际时长（无记录时 2 学时）", "固定 4 学时", "每天 8 学时". */
export function accrualHoursText(rule: Pick<AccrualRule, 'mode' | 'hours'>, t: Translate): string {
  return t(`study.rules.accrual.mode_text.${rule.mode}`, { n: hoursText(rule.hours) });
}

/** Sets newest first, for the history lists. */
export function newestFirst<T extends { effective_from: string }>(history: T[]): T[] {
  return [...history].sort((a, b) => b.effective_from.localeCompare(a.effective_from));
}
