// 清单模板: the year's checklist template as an editable draft and back, its metrics in words,
// thresholds as they read (shares in percent), and the checks the core makes before a year is
// judged by it (Template::validate in src/strengths/template.rs).
import type { ItemDef } from '@/generated/ItemDef';
import type { Metric } from '@/generated/Metric';
import type { Obligation } from '@/generated/Obligation';
import type { Strength } from '@/generated/Strength';
import type { StrengthDef } from '@/generated/StrengthDef';
import type { Template } from '@/generated/Template';
import type { TemplateSource } from '@/generated/TemplateSource';
import type { ValueFormat } from '@/generated/ValueFormat';
import type { Translate } from '@/api/ipc';
import { hasMessage } from '@/locales';

/** The four strengths every template names exactly once. */
export const STRENGTHS: readonly Strength[] = ['political', 'leadership', 'membership', 'impact'];

/** How a metric's value (and so its threshold) reads; mirrors Metric::value_format. */
export function metricFormat(metric: Metric | null): ValueFormat | null {
  if (!metric) return null;
  switch (metric.kind) {
    case 'obligation_met_share':
    case 'first_topic_share':
    case 'study_on_pace_share':
    case 'indicators_on_target':
      return 'share';
    case 'activity_count':
    case 'honour_count':
    case 'participant_count':
      return 'count';
    case 'obligations_held':
    case 'committee_in_term':
      return 'flag';
  }
}

/** Obligations that are meetings are 召开; the others (党课, 主题党日, 谈心谈话) 开展. */
const MEETINGS: ReadonlySet<Obligation> = new Set<Obligation>(['general_meeting', 'committee_meeting', 'group_meeting', 'org_life_meeting']);

function codeLabel(group: string, code: string, t: Translate): string {
  const key = `codes.${group}.${code}`;
  return hasMessage(key) ? t(key) : code;
}

/** What a measured item computes, in words: "支委会按期召开比例", "本年度读书分享会期数". */
export function metricText(metric: Metric | null, t: Translate): string {
  if (!metric) return t('indicators.metric.none');
  switch (metric.kind) {
    case 'obligation_met_share':
      return t('indicators.metric.obligation_met_share', {
        obligation: codeLabel('obligation', metric.obligation, t),
        verb: t(MEETINGS.has(metric.obligation) ? 'indicators.metric.verb_held' : 'indicators.metric.verb_done'),
      });
    case 'obligations_held':
      return t('indicators.metric.obligations_held', { list: metric.obligations.map((o) => codeLabel('obligation', o, t)).join('、') });
    case 'activity_count': {
      const activity = codeLabel('activity_kind', metric.activity, t);
      return metric.series
        ? t('indicators.metric.activity_count_series', { activity, series: metric.series })
        : t('indicators.metric.activity_count', { activity });
    }
    case 'committee_in_term':
      return t('indicators.metric.committee_in_term', { n: metric.min_members });
    case 'participant_count':
      return t('indicators.metric.participant_count', {
        activity: codeLabel('activity_kind', metric.activity, t),
        role: codeLabel('participant_role', metric.role, t),
      });
    default:
      return t(`indicators.metric.${metric.kind}`);
  }
}

/** An item as edited: its threshold as it reads (a share in percent, 0–100). */
export interface ItemDraft extends Omit<ItemDef, 'threshold'> {
  threshold: number | null;
}

export interface TemplateDraft {
  id: string;
  name: string;
  version: string;
  strengths: StrengthDef[];
  items: ItemDraft[];
}

/** A threshold as it reads: shares in percent (0.9 → 90), counts and 0/1 flags as they are. */
export function shownThreshold(threshold: number | null, format: ValueFormat | null): number | null {
  if (threshold === null || !Number.isFinite(threshold)) return threshold;
  return format === 'share' ? Number((threshold * 100).toFixed(2)) : threshold;
}

/** Back to what the template keeps (90 → 0.9). */
export function storedThreshold(shown: number | null, format: ValueFormat | null): number | null {
  if (shown === null || !Number.isFinite(shown)) return shown;
  return format === 'share' ? Number((shown / 100).toFixed(6)) : shown;
}

function copyMetric(metric: Metric | null): Metric | null {
  return metric ? (JSON.parse(JSON.stringify(metric)) as Metric) : null;
}

export function draftFrom(t: Template): TemplateDraft {
  return {
    id: t.id,
    name: t.name,
    version: t.version,
    strengths: t.strengths.map((s) => ({ key: s.key, title: s.title, weight: s.weight })),
    items: t.items.map((i) => ({
      id: i.id,
      strength: i.strength,
      title: i.title,
      kind: i.kind,
      metric: copyMetric(i.metric),
      threshold: shownThreshold(i.threshold, metricFormat(i.metric)),
      weight: i.weight,
      fix: i.fix,
    })),
  };
}

/** The template the draft stands for, as the core takes it. */
export function templateFrom(d: TemplateDraft): Template {
  return {
    id: d.id,
    name: d.name.trim(),
    version: d.version.trim(),
    strengths: d.strengths.map((s) => ({ key: s.key, title: s.title.trim(), weight: s.weight })),
    items: d.items.map((i): ItemDef => ({
      id: i.id,
      strength: i.strength,
      title: i.title.trim(),
      kind: i.kind,
      metric: copyMetric(i.metric),
      threshold: i.kind === 'measured' ? storedThreshold(i.threshold, metricFormat(i.metric)) : null,
      weight: i.weight,
      fix: i.fix,
    })),
  };
}

/** Everything but the version, to tell whether the checklist itself was changed. */
export function contentKey(t: Template): string {
  return JSON.stringify({ ...t, version: '' });
}

export type ProblemKey =
  | 'version_required'
  | 'strengths_incomplete'
  | 'strength_title'
  | 'strength_weight'
  | 'title_required'
  | 'title_taken'
  | 'id_taken'
  | 'weight'
  | 'metric_required'
  | 'threshold_required'
  | 'share_range'
  | 'count_negative';

function weightOk(w: number | null | undefined): boolean {
  return w != null && Number.isFinite(w) && w >= 0;
}

export function strengthProblem(d: TemplateDraft, index: number): ProblemKey | null {
  const s = d.strengths[index];
  if (!s.title.trim()) return 'strength_title';
  return weightOk(s.weight) ? null : 'strength_weight';
}

/** What is wrong with one item; a title or id used by an earlier item counts against the later. */
export function itemProblem(d: TemplateDraft, index: number): ProblemKey | null {
  const item = d.items[index];
  const title = item.title.trim();
  if (!title) return 'title_required';
  const earlier = d.items.slice(0, index);
  if (!item.id.trim() || earlier.some((i) => i.id === item.id)) return 'id_taken';
  if (earlier.some((i) => i.title.trim() === title)) return 'title_taken';
  if (!weightOk(item.weight)) return 'weight';
  if (item.kind !== 'measured') return null;
  if (!item.metric) return 'metric_required';
  if (item.threshold === null || !Number.isFinite(item.threshold)) return 'threshold_required';
  const format = metricFormat(item.metric);
  if (format === 'share' && (item.threshold < 0 || item.threshold > 100)) return 'share_range';
  if (format !== 'share' && item.threshold < 0) return 'count_negative';
  return null;
}

export interface Problem {
  key: ProblemKey;
  /** The strength (index in `strengths`) or item (index in `items`) at fault. */
  strength?: number;
  item?: number;
}

/** Every reason the core (or common sense about shares) would refuse the draft, in order. */
export function templateProblems(d: TemplateDraft): Problem[] {
  const problems: Problem[] = [];
  if (!d.version.trim()) problems.push({ key: 'version_required' });
  if (!STRENGTHS.every((k) => d.strengths.filter((s) => s.key === k).length === 1)) problems.push({ key: 'strengths_incomplete' });
  d.strengths.forEach((_, i) => {
    const key = strengthProblem(d, i);
    if (key) problems.push({ key, strength: i });
  });
  d.items.forEach((_, i) => {
    const key = itemProblem(d, i);
    if (key) problems.push({ key, item: i });
  });
  return problems;
}

/** A problem as a sentence that says where it is. */
export function problemText(p: Problem, d: TemplateDraft, t: Translate): string {
  const text = t(`indicators.template.problem.${p.key}`);
  if (p.item !== undefined) {
    const item = d.items[p.item];
    return t('indicators.template.problem_at', { where: item.title.trim() || untitledItem(d, p.item, t), text });
  }
  if (p.strength !== undefined) {
    return t('indicators.template.problem_at', { where: strengthTitle(d, d.strengths[p.strength].key, t), text });
  }
  return text;
}

function strengthTitle(d: TemplateDraft, key: Strength, t: Translate): string {
  return d.strengths.find((s) => s.key === key)?.title.trim() || t(`indicators.strength.${key}`);
}

/** An item without a title, by its place: "支部班子强第 3 条". */
function untitledItem(d: TemplateDraft, index: number, t: Translate): string {
  const item = d.items[index];
  const n = d.items.slice(0, index + 1).filter((i) => i.strength === item.strength).length;
  return t('indicators.template.untitled_item', { strength: strengthTitle(d, item.strength, t), n });
}

/** The items of one strength with their places in the whole list. */
export function itemsOf(d: TemplateDraft, strength: Strength): { item: ItemDraft; index: number }[] {
  return d.items.flatMap((item, index) => (item.strength === strength ? [{ item, index }] : []));
}

/**
 * An id for a new item. Attestations of a year refer to item ids and outlive an item removed
 * from the template, so a new item must not reuse an old one's id: the id carries the moment
 * it was made (base 36), and a counter when that is taken.
 */
export function newItemId(taken: readonly string[], now: number): string {
  const base = `custom_${Math.max(0, Math.floor(now)).toString(36)}`;
  if (!taken.includes(base)) return base;
  let n = 2;
  while (taken.includes(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

/** Adds an attested item to a strength, after its other items; returns it. */
export function addAttestedItem(d: TemplateDraft, strength: Strength, now: number): ItemDraft {
  const item: ItemDraft = {
    id: newItemId(
      d.items.map((i) => i.id),
      now,
    ),
    strength,
    title: '',
    kind: 'attested',
    metric: null,
    threshold: null,
    weight: 1,
    fix: null,
  };
  const last = d.items.map((i) => i.strength).lastIndexOf(strength);
  d.items.splice(last === -1 ? d.items.length : last + 1, 0, item);
  return item;
}

export function removeItem(d: TemplateDraft, id: string) {
  const index = d.items.findIndex((i) => i.id === id);
  if (index !== -1) d.items.splice(index, 1);
}

/** The next version after an edit: the last number goes up ("2026.1" → "2026.2"), or ".1" is added. */
export function bumpVersion(version: string): string {
  const v = version.trim();
  if (!v) return '1';
  const match = /(\d+)(\D*)$/.exec(v);
  if (!match) return `${v}.1`;
  const start = match.index;
  return `${v.slice(0, start)}${Number(match[1]) + 1}${match[2]}`;
}

export type SourceKind = 'assigned' | 'inherited' | 'default';

export function sourceOf(source: TemplateSource): { kind: SourceKind; fromYear: number | null } {
  if (typeof source === 'object') return { kind: 'inherited', fromYear: source.inherited.from_year };
  return { kind: source, fromYear: null };
}

/** "本年度专用清单", "沿用 2025 年的清单", "程序自带的默认清单". */
export function sourceText(source: TemplateSource, t: Translate): string {
  const { kind, fromYear } = sourceOf(source);
  return t(`indicators.template.source.${kind}`, { from: fromYear ?? '' });
}

/** A file name for the exported template: its name and version, without characters files refuse. */
export function templateFileName(t: Template): string {
  const clean = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '');
  const name = clean(t.name) || clean(t.id) || 'template';
  const version = clean(t.version);
  return version ? `${name}-${version}.json` : `${name}.json`;
}

/** The template as a file another branch (or a later year) can load. */
export function templateJson(t: Template): string {
  return `${JSON.stringify(t, null, 2)}\n`;
}
