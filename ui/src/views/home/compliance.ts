// The obligation calendar as the 工作台 shows it: due-soon sentences, missed periods and the
// year grid, all computed from the core's ComplianceReport. Pure: "today" is a parameter.
import type { RouteLocationRaw } from 'vue-router';
import type { ComplianceReport } from '@/generated/ComplianceReport';
import type { Obligation } from '@/generated/Obligation';
import type { ObligationPeriod } from '@/generated/ObligationPeriod';
import type { PeriodKey } from '@/generated/PeriodKey';
import type { PeriodStatus } from '@/generated/PeriodStatus';
import type { PeriodUnit } from '@/generated/PeriodUnit';
import type { Translate } from '@/api/ipc';
import { OBLIGATIONS } from '@/utils/codes';

/** The unit of a period label: `YYYY`, `YYYY-Qn` or `YYYY-MM`. */
export function periodUnit(period: string): PeriodUnit {
  if (/^\d{4}$/.test(period)) return 'year';
  return /^\d{4}-Q\d$/.test(period) ? 'quarter' : 'month';
}

function monthOf(date: string): number {
  return Number(date.slice(5, 7));
}

function obligationRank(kind: Obligation): number {
  return OBLIGATIONS.indexOf(kind);
}

/** An open period still ahead: it has not begun yet. */
export function isFuture(p: ObligationPeriod, today: string): boolean {
  return p.status === 'open' && p.period_start > today;
}

// ---------------------------------------------------------------------------------------------
// Due soon and missed

/** One line of 近期待办: an open period that has begun, or all open 谈心谈话 pairs together. */
export interface DueItem {
  key: string;
  kind: Obligation;
  unit: PeriodUnit;
  period: string;
  group: string | null;
  groupId: string | null;
  daysLeft: number;
  /** Sessions still needed (the rule's times less those held). */
  missing: number;
  required: number;
  /** For 谈心谈话: how many pairs have not talked yet. */
  pairs: number | null;
  periodStart: string;
  periodEnd: string;
}

/** Open periods of the current month, quarter and year, soonest deadline first. */
export function dueSoon(report: ComplianceReport, today: string): DueItem[] {
  const items: DueItem[] = [];
  const pairsByPeriod = new Map<string, DueItem>();
  for (const p of report.obligations) {
    if (p.status !== 'open' || p.period_start > today) continue;
    const daysLeft = p.days_left ?? 0;
    if (p.pair) {
      const existing = pairsByPeriod.get(p.period);
      if (existing) {
        existing.pairs = (existing.pairs ?? 0) + 1;
        existing.daysLeft = Math.min(existing.daysLeft, daysLeft);
        continue;
      }
      const item = dueItem(p, daysLeft);
      item.pairs = 1;
      pairsByPeriod.set(p.period, item);
      items.push(item);
      continue;
    }
    items.push(dueItem(p, daysLeft));
  }
  // A stable sort: 党小组 keep the core's order (the branch's own order of its groups).
  return items.sort((a, b) => a.daysLeft - b.daysLeft || obligationRank(a.kind) - obligationRank(b.kind));
}

function dueItem(p: ObligationPeriod, daysLeft: number): DueItem {
  return {
    key: `${p.kind}-${p.period}${p.party_group_id ? `-${p.party_group_id}` : ''}${p.pair ? '-pairs' : ''}`,
    kind: p.kind,
    unit: periodUnit(p.period),
    period: p.period,
    group: p.party_group,
    groupId: p.party_group_id,
    daysLeft,
    missing: Math.max(1, p.required - p.sessions.length),
    required: p.required,
    pairs: null,
    periodStart: p.period_start,
    periodEnd: p.period_end,
  };
}

/** Missed periods of one obligation (and 党小组), or the 谈心谈话 pairs that never talked. */
export interface MissedItem {
  key: string;
  kind: Obligation;
  year: number;
  group: string | null;
  groupId: string | null;
  /** Period labels in order. */
  periods: string[];
  /** For 谈心谈话: how many pairs did not talk. */
  pairs: number | null;
}

/** The year's missed periods, one line per obligation (per 党小组), in the core's order. */
export function missedPeriods(report: ComplianceReport): MissedItem[] {
  const byKey = new Map<string, MissedItem>();
  for (const p of report.obligations) {
    if (p.status !== 'missed') continue;
    const key = `${p.kind}${p.party_group_id ? `-${p.party_group_id}` : ''}`;
    let item = byKey.get(key);
    if (!item) {
      item = { key, kind: p.kind, year: report.year, group: p.party_group, groupId: p.party_group_id, periods: [], pairs: p.pair ? 0 : null };
      byKey.set(key, item);
    }
    if (p.pair) item.pairs = (item.pairs ?? 0) + 1;
    if (!item.periods.includes(p.period)) item.periods.push(p.period);
  }
  const items = [...byKey.values()];
  for (const item of items) item.periods.sort();
  return items.sort((a, b) => obligationRank(a.kind) - obligationRank(b.kind));
}

/** What is due, with a 党小组 named before its kind: "第一党小组党小组会". */
function whatText(kind: Obligation, group: string | null, t: Translate): string {
  const label = t(`codes.obligation.${kind}`);
  return group ? t('calendar.group_what', { group, kind: label }) : label;
}

function leftText(daysLeft: number, t: Translate): string {
  return daysLeft <= 1 ? t('calendar.due.last_day') : t('calendar.due.days_left', { n: daysLeft });
}

/** "本季度尚未召开支部党员大会，还剩 12 天" and its variants. */
export function dueText(item: DueItem, t: Translate): string {
  const period = t(`calendar.due.period.${item.unit}`);
  const left = leftText(item.daysLeft, t);
  if (item.pairs !== null) return t('calendar.due.pairs', { period, n: item.pairs, left });
  const what = whatText(item.kind, item.group, t);
  if (item.missing < item.required) {
    return t('calendar.due.short', { period, what, n: item.missing, required: item.required, left });
  }
  return t('calendar.due.not_held', { period, verb: t(`calendar.verb.${item.kind}`), what, left });
}

/** "2026年第二季度未召开支部党员大会", "2026年1月至3月未召开支委会", "2025年度有 3 对谈心谈话未完成". */
export function missedText(item: MissedItem, t: Translate): string {
  const when = periodsText(item.year, item.periods, t);
  if (item.pairs !== null) return t('calendar.missed.pairs', { when, n: item.pairs });
  return t('calendar.missed.not_held', { when, verb: t(`calendar.verb.${item.kind}`), what: whatText(item.kind, item.group, t) });
}

/** Consecutive numbers as runs: [1,2,3,5] → [[1,3],[5,5]]. */
export function runs(numbers: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of [...numbers].sort((a, b) => a - b)) {
    const last = out.at(-1);
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/** Periods of one year in words: "2026年度", "2026年第二季度", "2026年1月至3月、5月". */
export function periodsText(year: number, periods: string[], t: Translate): string {
  if (periods.some((p) => periodUnit(p) === 'year')) return t('calendar.when.year', { year });
  const quarterNo = (n: number) => t(`calendar.when.quarter_no.${n - 1}`);
  const parts: string[] = [];
  const quarters = periods.filter((p) => periodUnit(p) === 'quarter').map((p) => Number(p.slice(-1)));
  for (const [a, b] of runs(quarters)) {
    parts.push(a === b ? t('calendar.when.quarter', { n: quarterNo(a) }) : t('calendar.when.quarter_range', { from: quarterNo(a), to: quarterNo(b) }));
  }
  const months = periods.filter((p) => periodUnit(p) === 'month').map((p) => Number(p.slice(5, 7)));
  for (const [a, b] of runs(months)) {
    parts.push(a === b ? t('calendar.when.month', { n: a }) : t('calendar.when.month_range', { from: a, to: b }));
  }
  return t('calendar.when.of_year', { year, parts: parts.join('、') });
}

// ---------------------------------------------------------------------------------------------
// The year grid

/** Met, open (now or ahead), missed; `none` where no rule asked for anything. */
export interface GridCell {
  /** The test id: `cell-<kind>-<period>[-<party_group_id>]`. */
  testId: string;
  period: string | null;
  /** First month covered, 1–12, and how many months. */
  startMonth: number;
  span: number;
  status: PeriodStatus | null;
  future: boolean;
  sessions: string[];
  periodStart: string | null;
  periodEnd: string | null;
  required: number;
  /** Sessions held (or, for 谈心谈话, pairs that talked). */
  done: number;
  /** For 谈心谈话: pairs in the circle. */
  total: number | null;
  /** Days left, counting today, for an open period. */
  daysLeft: number | null;
  /** 未登记 periods (before the records began) that 「确认未开展」 would settle. */
  unrecorded: PeriodKey[];
  /** Periods the secretary confirmed were not held, which 「撤销确认」 takes back. */
  confirmed: PeriodKey[];
}

export interface GridRow {
  key: string;
  kind: Obligation;
  groupId: string | null;
  group: string | null;
  cells: GridCell[];
  /** 谈心谈话: pairs that talked and pairs in all, over the year. */
  pairs: { done: number; total: number } | null;
}

/** One row per obligation (one per 党小组 for group meetings, one for all 谈心谈话 pairs). */
export function gridRows(report: ComplianceReport, today: string): GridRow[] {
  const rows = new Map<string, { row: GridRow; periods: ObligationPeriod[] }>();
  for (const p of report.obligations) {
    const key = `${p.kind}${p.party_group_id ? `-${p.party_group_id}` : ''}`;
    let entry = rows.get(key);
    if (!entry) {
      entry = {
        row: { key, kind: p.kind, groupId: p.party_group_id, group: p.party_group, cells: [], pairs: null },
        periods: [],
      };
      rows.set(key, entry);
    }
    entry.periods.push(p);
  }
  const out: GridRow[] = [];
  for (const { row, periods } of rows.values()) {
    const isPairs = periods.some((p) => p.pair !== null);
    const cells = isPairs ? pairCells(row, periods, today) : periods.map((p) => cellOf(row, p, today));
    row.cells = fillGaps(row, cells);
    if (isPairs) {
      row.pairs = { done: periods.filter((p) => p.status === 'met').length, total: periods.length };
    }
    out.push(row);
  }
  return out.sort((a, b) => obligationRank(a.kind) - obligationRank(b.kind));
}

function testIdOf(row: Pick<GridRow, 'kind' | 'groupId'>, period: string): string {
  return `cell-${row.kind}-${period}${row.groupId ? `-${row.groupId}` : ''}`;
}

function cellOf(row: GridRow, p: ObligationPeriod, today: string): GridCell {
  const startMonth = monthOf(p.period_start);
  return {
    testId: testIdOf(row, p.period),
    period: p.period,
    startMonth,
    span: monthOf(p.period_end) - startMonth + 1,
    status: p.status,
    future: isFuture(p, today),
    sessions: [...p.sessions],
    periodStart: p.period_start,
    periodEnd: p.period_end,
    required: p.required,
    done: p.sessions.length,
    total: null,
    daysLeft: p.days_left,
    unrecorded: p.status === 'unrecorded' ? [keyOf(p)] : [],
    confirmed: p.missed_confirmed ? [keyOf(p)] : [],
  };
}

/** What a confirmation of a missed period is stored under. */
export function keyOf(p: ObligationPeriod): PeriodKey {
  return { kind: p.kind, period: p.period, subject: p.subject };
}

/** All pairs of a period in one cell: met when every pair talked, missed when any did not in time. */
function pairCells(row: GridRow, periods: ObligationPeriod[], today: string): GridCell[] {
  const byPeriod = new Map<string, ObligationPeriod[]>();
  for (const p of periods) byPeriod.set(p.period, [...(byPeriod.get(p.period) ?? []), p]);
  return [...byPeriod.values()].map((group) => {
    const first = group[0];
    const status: PeriodStatus = group.every((p) => p.status === 'met')
      ? 'met'
      : group.some((p) => p.status === 'open')
        ? 'open'
        : group.some((p) => p.status === 'unrecorded')
          ? 'unrecorded'
          : 'missed';
    const sessions = [...new Set(group.flatMap((p) => p.sessions))];
    const cell = cellOf(row, { ...first, status, sessions }, today);
    cell.unrecorded = group.filter((p) => p.status === 'unrecorded').map(keyOf);
    cell.confirmed = group.filter((p) => p.missed_confirmed).map(keyOf);
    cell.done = group.filter((p) => p.status === 'met').length;
    cell.daysLeft = status === 'open' ? Math.min(...group.map((p) => p.days_left ?? Infinity)) : null;
    cell.total = group.length;
    return cell;
  });
}

/** Cells in month order with `none` cells where no period covers a month, so each row spans 12. */
function fillGaps(row: GridRow, cells: GridCell[]): GridCell[] {
  const sorted = [...cells].sort((a, b) => a.startMonth - b.startMonth);
  const out: GridCell[] = [];
  let month = 1;
  const gap = (from: number, to: number) => {
    if (to < from) return;
    out.push({
      testId: `cell-${row.kind}-none-${from}${row.groupId ? `-${row.groupId}` : ''}`,
      period: null,
      startMonth: from,
      span: to - from + 1,
      status: null,
      future: false,
      sessions: [],
      periodStart: null,
      periodEnd: null,
      required: 0,
      done: 0,
      total: null,
      daysLeft: null,
      unrecorded: [],
      confirmed: [],
    });
  };
  for (const cell of sorted) {
    if (cell.startMonth < month) continue;
    gap(month, cell.startMonth - 1);
    out.push(cell);
    month = cell.startMonth + cell.span;
  }
  gap(month, 12);
  return out;
}

/** How a cell looks: met, open now, ahead, missed, not recorded, or nothing asked. */
export function cellTone(cell: GridCell): 'met' | 'open' | 'future' | 'missed' | 'unrecorded' | 'none' {
  if (cell.status === null) return 'none';
  if (cell.future) return 'future';
  return cell.status;
}

/**
 * Where a click on a cell leads: a met period to the sessions behind it; a period still owed
 * (open now, or missed) to the 三会一课 page of that obligation and period with the form open
 * and prefilled, as 「去登记」 does; a period still ahead to that list only (nothing can be
 * logged for a day to come).
 */
export function cellRoute(row: GridRow, cell: GridCell): RouteLocationRaw | null {
  if (cell.status === null || !cell.periodStart || !cell.periodEnd) return null;
  if (cell.status === 'met' && cell.sessions.length > 0) return { name: 'sessions', query: { ids: cell.sessions.join(',') } };
  const query: Record<string, string> = { obligation: listObligation(row.kind), from: cell.periodStart, to: cell.periodEnd };
  if (row.groupId) query.group = row.groupId;
  if (!cell.future) query.new = '1';
  return { name: 'sessions', query };
}

/** The obligation to list and log: 书记讲党课 is a 党课 given by the secretary. */
export function listObligation(kind: Obligation): Obligation {
  return kind === 'secretary_lecture' ? 'party_lecture' : kind;
}

/** 补登: the 三会一课 page for the cell's obligation and period, with the form open and prefilled. */
export function backfillRoute(row: GridRow, cell: GridCell): RouteLocationRaw | null {
  if (!cell.periodStart || !cell.periodEnd) return null;
  return logRoute(row.kind, cell.periodStart, cell.periodEnd, row.groupId);
}

/** 去登记: the 三会一课 page for that obligation and period, with the form open and prefilled. */
export function dueRoute(item: DueItem): RouteLocationRaw {
  return logRoute(item.kind, item.periodStart, item.periodEnd, item.groupId);
}

/** The 三会一课 page listing the obligation's sessions of the period, with the form open to log one. */
function logRoute(kind: Obligation, from: string, to: string, groupId: string | null | undefined): RouteLocationRaw {
  const query: Record<string, string> = { obligation: listObligation(kind), from, to, new: '1' };
  if (groupId) query.group = groupId;
  return { name: 'sessions', query };
}

/** A cell described in words, for its tooltip and screen readers. */
export function cellTitle(row: GridRow, cell: GridCell, year: number, t: Translate): string {
  if (cell.status === null || !cell.period) return t('calendar.grid.not_required');
  const when = periodsText(year, [cell.period], t);
  const what = whatText(row.kind, row.group, t);
  const state = t(`calendar.grid.tone.${cellTone(cell)}`);
  const count =
    cell.total !== null
      ? t('calendar.grid.pairs_count', { done: cell.done, total: cell.total })
      : t('calendar.grid.count', { done: cell.done, required: cell.required });
  return t('calendar.grid.title', { when, what, state, count });
}
