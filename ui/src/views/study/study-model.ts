// 学时 figures as the page shows them: hours as text, where each member stands against the
// pace of the year, the table's filter and sort, who is behind (worst first) and the summary.
import type { CategoryHours } from '@/generated/CategoryHours';
import type { MemberProgress } from '@/generated/MemberProgress';
import type { StudyReport } from '@/generated/StudyReport';
import type { TargetRuleSet } from '@/generated/TargetRuleSet';
import type { Translate } from '@/api/ipc';
import { isStudyCategory, type TagType } from '@/utils/codes';

/** Where a member stands: exempt, the whole target reached, on pace, or behind it. */
export type Pace = 'exempt' | 'reached' | 'on_track' | 'behind';

export const PACE_TAG: Record<Pace, TagType> = {
  reached: 'success',
  on_track: 'warning',
  behind: 'danger',
  exempt: 'info',
};

/**
 * Hours as the core sends them: "2", "1.5", "0". The core rounds once, to the half hour, for
 * the page, the printout and the workbook alike; rounding again here could only make them differ.
 */
export function hoursText(hours: number | null | undefined): string {
  if (hours == null || !Number.isFinite(hours)) return '—';
  return String(hours);
}

/** A share as a whole percentage: 0.4375 → 44. */
export function percentOf(share: number | null | undefined): number | null {
  return share == null || !Number.isFinite(share) ? null : Math.round(share * 100);
}

export function paceOf(p: MemberProgress): Pace {
  if (p.exempt) return 'exempt';
  if (p.reached) return 'reached';
  return p.on_track ? 'on_track' : 'behind';
}

/** "达标", "进度正常", "落后 3.5 学时", "免除". */
export function paceText(p: MemberProgress, t: Translate): string {
  const pace = paceOf(p);
  return pace === 'behind' ? t('study.pace.behind', { n: hoursText(p.behind_by) }) : t(`study.pace.${pace}`);
}

/**
 * Why a target is less than the role's yearly one, for a note beside it: "按在册天数折算（全年
 * 32 学时，在册 184 天）"; empty when the target is the whole year's (or the member is exempt).
 */
export function proratedText(p: MemberProgress, t: Translate): string {
  if (!p.target_prorated || p.target === null) return '';
  return t('study.prorated', { full: hoursText(p.full_target), days: p.roster_days });
}

/** The hours recorded in categories that do not count: "另有 6 学时未计入目标"; empty when none. */
export function uncountedText(p: MemberProgress, t: Translate): string {
  return p.uncounted_hours > 0 ? t('study.uncounted', { n: hoursText(p.uncounted_hours) }) : '';
}

/** A category's hours with 未计入 after those that do not count: "学习强国 6（未计入）". */
export function categoryHoursText(c: CategoryHours, t: Translate): string {
  const hours = `${c.label} ${hoursText(c.hours)}`;
  return c.counted ? hours : `${hours}（${t('study.not_counted')}）`;
}

/** The progress bar's fill, 0–100 (a member past the target shows a full bar). */
export function barPercent(p: MemberProgress): number {
  const percent = percentOf(p.share);
  return percent === null ? 0 : Math.min(100, Math.max(0, percent));
}

/** A category's name: the label of a code the core knows, else the branch's own name as typed. */
export function categoryLabel(code: string, t: Translate): string {
  return isStudyCategory(code) ? t(`codes.study_category.${code}`) : code;
}

export type StudySortProp = 'name' | 'hours' | 'share' | 'pace';
export type SortOrder = 'ascending' | 'descending';

export interface StudySort {
  prop: StudySortProp | null;
  order: SortOrder | null;
}

/**
 * Sort key for the pace column, ascending = worst first: those behind by how far, then on
 * pace, target reached, exempt.
 */
export function paceRank(p: MemberProgress): number {
  switch (paceOf(p)) {
    case 'behind':
      return -p.behind_by;
    case 'on_track':
      return 1;
    case 'reached':
      return 2;
    case 'exempt':
      return 3;
  }
}

function compare(a: MemberProgress, b: MemberProgress, prop: StudySortProp, rank: Map<string, number>): number {
  switch (prop) {
    case 'name':
      // The core sends the members in the branch's name order (拼音 or 姓氏笔画).
      return (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0);
    case 'hours':
      return a.hours - b.hours;
    case 'share':
      // Exempt members have no share; they sort after everyone with one.
      return (a.share ?? Number.POSITIVE_INFINITY) - (b.share ?? Number.POSITIVE_INFINITY);
    case 'pace':
      return paceRank(a) - paceRank(b);
  }
}

/** The table's rows: everyone, or only those behind the pace; sorted when asked, else as sent. */
export function tableRows(report: StudyReport | null, options: { behindOnly: boolean; sort: StudySort }): MemberProgress[] {
  if (!report) return [];
  const rows = options.behindOnly ? report.members.filter((m) => paceOf(m) === 'behind') : [...report.members];
  const { prop, order } = options.sort;
  if (prop && order) {
    const sign = order === 'descending' ? -1 : 1;
    const rank = new Map(report.members.map((m, i) => [m.id, i]));
    rows.sort((a, b) => sign * compare(a, b, prop, rank) || (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
  }
  return rows;
}

/** Members behind the pace in the core's order (furthest behind first). */
export function behindList(report: StudyReport | null): MemberProgress[] {
  if (!report) return [];
  const byId = new Map(report.members.map((m) => [m.id, m]));
  return report.behind_pace.map((id) => byId.get(id)).filter((m): m is MemberProgress => m !== undefined);
}

export interface StudySummary {
  /** Share of counted members who reached their target, as a percentage; null with nobody counted. */
  rate: number | null;
  counted: number;
  reached: number;
  onTrack: number;
  behind: number;
  exempt: number;
  /** Hours of the whole branch. */
  total: number;
}

export function summaryOf(report: StudyReport | null): StudySummary | null {
  if (!report) return null;
  return {
    rate: percentOf(report.reached_rate),
    counted: report.counted,
    reached: report.reached,
    onTrack: report.on_track,
    behind: report.behind_pace.length,
    exempt: report.members.filter((m) => m.exempt).length,
    total: report.members.reduce((sum, m) => sum + m.hours, 0),
  };
}

/** "党员 32 学时，支委 56 学时，支部统一 50 学时". */
export function targetsText(targets: TargetRuleSet, t: Translate): string {
  const parts = [t('study.targets.member', { n: hoursText(targets.member) }), t('study.targets.committee', { n: hoursText(targets.committee) })];
  if (targets.branch_wide != null) parts.push(t('study.targets.branch_wide', { n: hoursText(targets.branch_wide) }));
  if (targets.per_member.length) parts.push(t('study.targets.per_member', { n: targets.per_member.length }));
  return parts.join(t('study.targets.separator'));
}

/** Categories with their bar length relative to the largest. */
export function categoryBars(list: CategoryHours[]): { category: string; label: string; hours: number; counted: boolean; percent: number }[] {
  const max = Math.max(0, ...list.map((c) => c.hours));
  return list.map((c) => ({ ...c, percent: max > 0 ? Math.round((c.hours / max) * 100) : 0 }));
}

/** Who entered a line: the name typed, or the program when none was ("app", "cli"). */
export function enteredByText(enteredBy: string, t: Translate): string {
  const key = `study.credits.actor.${enteredBy}`;
  const known = enteredBy === 'app' || enteredBy === 'cli';
  return known ? t(key) : enteredBy;
}
