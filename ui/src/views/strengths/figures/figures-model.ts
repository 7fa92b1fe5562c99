// 指标与荣誉: the forms for an indicator, a dated value and an honour, with the checks the core
// makes (src/strengths/indicators.rs), and how an indicator's figures read in the table.
import type { Honour } from '@/generated/Honour';
import type { HonourInput } from '@/generated/HonourInput';
import type { Indicator } from '@/generated/Indicator';
import type { IndicatorInput } from '@/generated/IndicatorInput';
import type { IndicatorValue } from '@/generated/IndicatorValue';
import type { IndicatorValueInput } from '@/generated/IndicatorValueInput';
import type { Reason } from '@/generated/Reason';
import type { Translate } from '@/api/ipc';
import { pastDateReason } from '@/utils/dates';
import { limits } from '@/utils/limits';

function textReason(v: string, max: number, required: boolean): Reason | null {
  const s = v.trim();
  if (required && s === '') return 'required';
  return Array.from(s).length > max ? 'too_long' : null;
}

function numberReason(v: number | null | undefined, required: boolean): Reason | null {
  if (v == null || Number.isNaN(v)) return required ? 'required' : null;
  return Number.isFinite(v) ? null : 'invalid_value';
}

/**
 * The day a new value or honour is dated by default: today in this year; the last day of an
 * earlier year, so what is entered shows in the year on screen.
 */
export function defaultDay(year: number, today: string): string {
  return year < Number(today.slice(0, 4)) ? `${year}-12-31` : today;
}

/** Whether a day falls outside the year shown (and so will not be listed under it). */
export function outsideYear(date: string | null, year: number): boolean {
  return !!date && /^\d{4}-/.test(date) && !date.startsWith(`${year}-`);
}

// --- indicator ---

export interface IndicatorForm {
  name: string;
  unit: string;
  target: number | null;
  higher_is_better: boolean;
}

export function indicatorFormFrom(ind: Indicator | null): IndicatorForm {
  return {
    name: ind?.name ?? '',
    unit: ind?.unit ?? '',
    target: ind?.target ?? null,
    higher_is_better: ind?.higher_is_better ?? true,
  };
}

export const INDICATOR_FIELDS = ['name', 'unit', 'target'] as const;
export type IndicatorField = (typeof INDICATOR_FIELDS)[number];

export function indicatorFieldReason(field: IndicatorField, f: IndicatorForm): Reason | null {
  switch (field) {
    case 'name':
      return textReason(f.name, limits.indicator_name, true);
    case 'unit':
      return textReason(f.unit, limits.indicator_unit, false);
    case 'target':
      return numberReason(f.target, false);
  }
}

export function toIndicatorInput(f: IndicatorForm): IndicatorInput {
  return { name: f.name.trim(), unit: f.unit.trim(), target: f.target ?? null, higher_is_better: f.higher_is_better };
}

// --- value ---

export interface ValueForm {
  measured_on: string | null;
  value: number | null;
  note: string;
}

export function emptyValueForm(year: number, today: string): ValueForm {
  return { measured_on: defaultDay(year, today), value: null, note: '' };
}

export const VALUE_FIELDS = ['measured_on', 'value', 'note'] as const;
export type ValueField = (typeof VALUE_FIELDS)[number];

export function valueFieldReason(field: ValueField, f: ValueForm, today: string): Reason | null {
  switch (field) {
    case 'measured_on':
      return pastDateReason(f.measured_on, today);
    case 'value':
      return numberReason(f.value, true);
    case 'note':
      return textReason(f.note, limits.note, false);
  }
}

export function toValueInput(f: ValueForm, indicatorId: string): IndicatorValueInput {
  return { indicator_id: indicatorId, measured_on: (f.measured_on ?? '').trim(), value: f.value ?? 0, note: f.note.trim() };
}

// --- honour ---

export interface HonourForm {
  title: string;
  awarded_by: string;
  awarded_on: string | null;
  /** The member honoured; none for the branch's own honour. */
  member_id: string | null;
  note: string;
}

export function emptyHonourForm(year: number, today: string): HonourForm {
  return { title: '', awarded_by: '', awarded_on: defaultDay(year, today), member_id: null, note: '' };
}

export const HONOUR_FIELDS = ['title', 'awarded_by', 'awarded_on', 'member_id', 'note'] as const;
export type HonourField = (typeof HONOUR_FIELDS)[number];

export function honourFieldReason(field: HonourField, f: HonourForm, today: string): Reason | null {
  switch (field) {
    case 'title':
      return textReason(f.title, limits.honour_title, true);
    case 'awarded_by':
      return textReason(f.awarded_by, limits.honour_awarded_by, false);
    case 'awarded_on':
      return pastDateReason(f.awarded_on, today);
    case 'member_id':
      return null;
    case 'note':
      return textReason(f.note, limits.honour_note, false);
  }
}

export function toHonourInput(f: HonourForm): HonourInput {
  return {
    title: f.title.trim(),
    awarded_by: f.awarded_by.trim(),
    awarded_on: (f.awarded_on ?? '').trim(),
    member_id: f.member_id || null,
    note: f.note.trim(),
  };
}

// --- reading the figures ---

/** A figure as typed, without float noise: 0.14, 78.11, 169. */
export function numberText(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toFixed(4))) : '—';
}

/** "78.11%", "0.14次": the unit follows the number, as on the superior's sheets. */
export function withUnit(v: number, unit: string): string {
  return `${numberText(v)}${unit}`;
}

export function latestValue(ind: Indicator): IndicatorValue | null {
  return ind.values.length ? ind.values[ind.values.length - 1] : null;
}

/** The year's values, newest first (the core sends them oldest first). */
export function valuesNewestFirst(ind: Indicator): IndicatorValue[] {
  return [...ind.values].reverse();
}

export type IndicatorStatus = 'on_target' | 'off_target' | 'no_target' | 'no_value';

export const STATUS_TAG: Record<IndicatorStatus, 'success' | 'danger' | 'info' | 'warning'> = {
  on_target: 'success',
  off_target: 'danger',
  no_target: 'info',
  no_value: 'warning',
};

/** How the indicator stands by its latest value of the year. */
export function indicatorStatus(ind: Indicator): IndicatorStatus {
  if (ind.target === null) return 'no_target';
  if (ind.on_target === null) return 'no_value';
  return ind.on_target ? 'on_target' : 'off_target';
}

/** "≥ 75%" or "≤ 0.2次"; "无目标" without one. */
export function targetText(ind: Pick<Indicator, 'target' | 'unit' | 'higher_is_better'>, t: Translate): string {
  if (ind.target === null) return t('indicators.figures.status.no_target');
  return t(ind.higher_is_better ? 'indicators.figures.target_at_least' : 'indicators.figures.target_at_most', {
    value: withUnit(ind.target, ind.unit),
  });
}

/** A member honoured, or the branch itself; a member since removed keeps the honour. */
export function honourOwner(h: Honour, t: Translate): string {
  if (!h.member_id) return t('indicators.honours.branch');
  return h.member_name ?? t('indicators.honours.member_gone');
}

export interface Spark {
  /** SVG polyline points, "x,y x,y". */
  points: string;
  /** The latest value's dot. */
  last: { x: number; y: number } | null;
  /** Where the target sits, when it lies within the values' range. */
  targetY: number | null;
}

/**
 * A small line of the year's values in a `width` × `height` box (y grows downwards). One value
 * is a dot; equal values sit in the middle.
 */
export function sparkline(values: number[], width: number, height: number, target: number | null = null, pad = 3): Spark {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { points: '', last: null, targetY: null };
  const lo = Math.min(...finite, ...(target !== null ? [target] : []));
  const hi = Math.max(...finite, ...(target !== null ? [target] : []));
  const span = hi - lo;
  const y = (v: number) => (span === 0 ? height / 2 : pad + (1 - (v - lo) / span) * (height - 2 * pad));
  const x = (i: number) => (finite.length === 1 ? width / 2 : pad + (i / (finite.length - 1)) * (width - 2 * pad));
  const round = (n: number) => Math.round(n * 10) / 10;
  const pts = finite.map((v, i) => ({ x: round(x(i)), y: round(y(v)) }));
  return {
    points: pts.map((p) => `${p.x},${p.y}`).join(' '),
    last: pts[pts.length - 1],
    targetY: target !== null && span !== 0 ? round(y(target)) : null,
  };
}
