// The 四强 page's reading of an assessment: percentages, an item's status and value, what is
// missing and where it is put right, the tab a link asks for, the trend's series.
import type { LocationQuery, RouteLocationRaw } from 'vue-router';
import type { Assessment } from '@/generated/Assessment';
import type { Attachment } from '@/generated/Attachment';
import type { ItemResult } from '@/generated/ItemResult';
import type { Strength } from '@/generated/Strength';
import type { StrengthResult } from '@/generated/StrengthResult';
import type { TrendPoint } from '@/generated/TrendPoint';
import type { ValueFormat } from '@/generated/ValueFormat';
import type { Translate } from '@/api/ipc';

/** The page's tabs; `figures` and `template` belong to their own panels. */
export const TABS = ['overview', 'figures', 'template'] as const;
export type StrengthsTab = (typeof TABS)[number];

export const STRENGTH_COLORS: Record<Strength, string> = {
  political: '#c8161d',
  leadership: '#d4a017',
  membership: '#3b6fb6',
  impact: '#3a9b52',
};
/** The overall line of the trend. */
export const OVERALL_COLOR = '#5a3a2e';

/** What a list of the year's items asks of the page: attest, withdraw, go to the record, download evidence. */
export type ItemEmits = {
  attest: [item: ItemResult];
  withdraw: [item: ItemResult];
  go: [item: ItemResult];
  download: [file: Attachment];
};

/** How an item stands: met, not met, an attested item nobody has confirmed yet, or not
 * applicable to the branch (不适用: counted in no score). */
export type ItemStatus = 'met' | 'unmet' | 'pending' | 'not_applicable';

export const STATUS_TAG: Record<ItemStatus, 'success' | 'danger' | 'warning' | 'info'> = {
  met: 'success',
  unmet: 'danger',
  pending: 'warning',
  not_applicable: 'info',
};

export function itemStatus(item: ItemResult): ItemStatus {
  if (!item.applicable) return 'not_applicable';
  if (item.met) return 'met';
  return item.kind === 'attested' && item.attestation === null ? 'pending' : 'unmet';
}

/** A score (0–1) as a whole percentage. */
export function percentOf(share: number): number {
  return Number.isFinite(share) ? Math.round(share * 100) : 0;
}

/** Up to `digits` decimals, without trailing zeros: 0.14, 169, 78.1. */
function trimmed(v: number, digits: number): string {
  return String(Number(v.toFixed(digits)));
}

/** A measured value (or threshold) as it reads: a share as a percentage, a count, 是/否. */
export function valueText(value: number | null, format: ValueFormat | null, t: Translate): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (format) {
    case 'share':
      return `${trimmed(value * 100, 1)}%`;
    case 'flag':
      return t(value >= 1 ? 'strengths.flag.yes' : 'strengths.flag.no');
    default:
      return trimmed(value, 2);
  }
}

/** "实际 87.5% / 目标 90%" for a measured item ("未设置" when it measures figures the branch
 * has not defined: an applicable item with no value); null for an attested one. */
export function figuresText(item: ItemResult, t: Translate): string | null {
  if (item.kind !== 'measured') return null;
  if (item.applicable && item.value === null) return t('strengths.figures_unset', { threshold: valueText(item.threshold, item.format, t) });
  return t('strengths.figures', { value: valueText(item.value, item.format, t), threshold: valueText(item.threshold, item.format, t) });
}

export interface MissingItem {
  strength: Pick<StrengthResult, 'key' | 'title'>;
  item: ItemResult;
  status: ItemStatus;
}

/** Every item not met, strength by strength in the template's order, heavier items first. */
export function missingItems(assessment: Assessment | null): MissingItem[] {
  if (!assessment) return [];
  return assessment.strengths.flatMap((s) =>
    s.items
      .filter((item) => item.applicable && !item.met)
      .map((item, order) => ({ item, order }))
      .sort((a, b) => b.item.weight - a.item.weight || a.order - b.order)
      .map(({ item }) => ({ strength: { key: s.key, title: s.title }, item, status: itemStatus(item) })),
  );
}

/** Route names an item's `fix` may name; anything else gets no link. */
const FIX_ROUTES = new Set(['sessions', 'study', 'activities', 'settings', 'members', 'home']);

/** Where an item is put right: another page, or this page's 指标与荣誉 tab. */
export function fixTarget(fix: string | null): RouteLocationRaw | null {
  if (!fix) return null;
  if (fix === 'strengths') return { name: 'strengths', query: { tab: 'figures' } };
  return FIX_ROUTES.has(fix) ? { name: fix } : null;
}

/** The fix button's words: "前往三会一课", or "前往指标与荣誉" on this page. */
export function fixLabel(fix: string, t: Translate): string {
  return fix === 'strengths' ? t('strengths.go_figures') : t('strengths.go', { page: t(`nav.${fix}`) });
}

export function tabFromQuery(query: LocationQuery): StrengthsTab {
  const tab = Array.isArray(query.tab) ? query.tab[0] : query.tab;
  return (TABS as readonly string[]).includes(tab ?? '') ? (tab as StrengthsTab) : 'overview';
}

export interface TrendSeries {
  key: Strength | 'overall';
  title: string;
  color: string;
  points: { month: number; value: number }[];
}

/** The trend as lines: the overall first, then one per strength of the assessment. */
export function trendSeries(trend: TrendPoint[], strengths: Pick<StrengthResult, 'key' | 'title'>[], overallTitle: string): TrendSeries[] {
  const overall: TrendSeries = {
    key: 'overall',
    title: overallTitle,
    color: OVERALL_COLOR,
    points: trend.map((p) => ({ month: p.month, value: p.overall })),
  };
  const each = strengths.map((s) => ({
    key: s.key,
    title: s.title,
    color: STRENGTH_COLORS[s.key],
    points: trend.flatMap((p) => {
      const found = p.scores.find((x) => x.key === s.key);
      return found ? [{ month: p.month, value: found.score }] : [];
    }),
  }));
  return [overall, ...each];
}

/** The as-of days a year can be judged at: within the year and not after today. */
export function asOfAllowed(date: string, year: number, today: string): boolean {
  return date.startsWith(`${year}-`) && date <= today;
}
