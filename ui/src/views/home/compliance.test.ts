import { describe, expect, test } from 'vitest';
import type { ComplianceReport } from '@/generated/ComplianceReport';
import type { Obligation } from '@/generated/Obligation';
import type { ObligationPeriod } from '@/generated/ObligationPeriod';
import type { PeriodStatus } from '@/generated/PeriodStatus';
import { i18n } from '@/locales';
import { daysBetween } from '@/utils/dates';
import {
  backfillRoute,
  cellRoute,
  cellTitle,
  cellTone,
  dueRoute,
  dueSoon,
  dueText,
  gridRows,
  missedPeriods,
  missedText,
  periodUnit,
  periodsText,
  runs,
} from './compliance';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;

function bounds(period: string): [string, string] {
  const year = Number(period.slice(0, 4));
  const last = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  if (period.length === 4) return [`${year}-01-01`, `${year}-12-31`];
  if (period.includes('Q')) {
    const q = Number(period.slice(-1));
    const first = (q - 1) * 3 + 1;
    return [`${year}-${pad(first)}-01`, `${year}-${pad(first + 2)}-${last(year, first + 2)}`];
  }
  const m = Number(period.slice(5, 7));
  return [`${year}-${pad(m)}-01`, `${year}-${pad(m)}-${last(year, m)}`];
}

/** A period as the core reports it, judged on `today`. */
function p(kind: Obligation, period: string, status: PeriodStatus, today: string, extra: Partial<ObligationPeriod> = {}): ObligationPeriod {
  const [start, end] = bounds(period);
  return {
    kind,
    period,
    party_group: null,
    party_group_id: null,
    status,
    days_left: status === 'open' ? daysBetween(today, end)! + 1 : null,
    sessions: status === 'met' ? ['s1'] : [],
    pair: null,
    subject: '',
    missed_confirmed: false,
    period_start: start,
    period_end: end,
    required: 1,
    ...extra,
  };
}

function report(year: number, today: string, obligations: ObligationPeriod[]): ComplianceReport {
  return { as_of: today, year, obligations };
}

const TODAY = '2026-11-22';

/** The default rules' year as of 22 November 2026: Q1–Q3 meetings held, some gaps. */
function sampleYear(): ComplianceReport {
  const rows: ObligationPeriod[] = [];
  for (let q = 1; q <= 4; q++) {
    const status: PeriodStatus = q === 4 ? 'open' : q === 2 ? 'missed' : 'met';
    rows.push(p('general_meeting', `2026-Q${q}`, status, TODAY));
  }
  for (let m = 1; m <= 12; m++) {
    const period = `2026-${String(m).padStart(2, '0')}`;
    rows.push(p('committee_meeting', period, m < 11 ? (m === 3 ? 'missed' : 'met') : 'open', TODAY));
    rows.push(p('group_meeting', period, m < 11 ? 'met' : 'open', TODAY, { party_group: '第一党小组', party_group_id: 'g1' }));
    rows.push(p('group_meeting', period, m < 11 ? 'met' : 'open', TODAY, { party_group: '第二党小组', party_group_id: 'g2' }));
  }
  rows.push(p('org_life_meeting', '2026', 'open', TODAY));
  rows.push(p('heart_to_heart_talk', '2026', 'met', TODAY, { pair: ['a', 'b'], sessions: ['t1'] }));
  rows.push(p('heart_to_heart_talk', '2026', 'open', TODAY, { pair: ['a', 'c'] }));
  rows.push(p('heart_to_heart_talk', '2026', 'open', TODAY, { pair: ['b', 'c'] }));
  return report(2026, TODAY, rows);
}

describe('periods', () => {
  test.each([
    ['2026', 'year'],
    ['2026-Q2', 'quarter'],
    ['2026-11', 'month'],
  ])('%s is a %s', (period, unit) => expect(periodUnit(period)).toBe(unit));

  test('runs of consecutive numbers', () => {
    expect(runs([5, 1, 2, 3])).toEqual([
      [1, 3],
      [5, 5],
    ]);
    expect(runs([])).toEqual([]);
  });

  test.each<[string[], string]>([
    [['2026-Q2'], '2026年第二季度'],
    [['2026-Q1', '2026-Q2', '2026-Q4'], '2026年第一至第二季度、第四季度'],
    [['2026-03'], '2026年3月'],
    [['2026-01', '2026-02', '2026-03', '2026-05'], '2026年1月至3月、5月'],
    [['2025'], '2025年度'],
  ])('%j in words: %s', (periods, want) => {
    expect(periodsText(Number(periods[0].slice(0, 4)), periods, t)).toBe(want);
  });
});

describe('dueSoon', () => {
  test('lists the open periods that have begun, soonest deadline first, pairs in one line', () => {
    const items = dueSoon(sampleYear(), TODAY);
    expect(items.map((i) => dueText(i, t))).toEqual([
      '本月尚未召开支委会，还剩 9 天',
      '本月尚未召开第一党小组党小组会，还剩 9 天',
      '本月尚未召开第二党小组党小组会，还剩 9 天',
      '本季度尚未召开支部党员大会，还剩 40 天',
      '本年度尚未开展组织生活会，还剩 40 天',
      '本年度还有 2 对谈心谈话未完成，还剩 40 天',
    ]);
  });

  test('periods that have not begun are not due yet', () => {
    const today = '2026-11-22';
    const items = dueSoon(report(2026, today, [p('committee_meeting', '2026-12', 'open', today)]), today);
    expect(items).toEqual([]);
  });

  test('met and missed periods are not due', () => {
    const today = '2026-05-10';
    const rows = [p('committee_meeting', '2026-05', 'met', today), p('committee_meeting', '2026-04', 'missed', today)];
    expect(dueSoon(report(2026, today, rows), today)).toEqual([]);
  });

  test('the last day of a quarter says so', () => {
    const today = '2026-09-30';
    const [item] = dueSoon(report(2026, today, [p('general_meeting', '2026-Q3', 'open', today)]), today);
    expect(item.daysLeft).toBe(1);
    expect(dueText(item, t)).toBe('本季度尚未召开支部党员大会，今天是最后一天');
  });

  test('a rule asking for more than one session counts what is still missing', () => {
    const today = '2026-08-01';
    const rows = [p('party_lecture', '2026-Q3', 'open', today, { required: 2, sessions: ['s1'] })];
    const [item] = dueSoon(report(2026, today, rows), today);
    expect(dueText(item, t)).toBe('本季度党课还差 1 次（应 2 次），还剩 61 天');
  });

  test('pairs keep the soonest deadline and their count', () => {
    const today = '2026-12-31';
    const rows = ['b', 'c', 'd'].map((x) => p('heart_to_heart_talk', '2026', 'open', today, { pair: ['a', x] }));
    const items = dueSoon(report(2026, today, rows), today);
    expect(items).toHaveLength(1);
    expect(items[0].pairs).toBe(3);
    expect(dueText(items[0], t)).toBe('本年度还有 3 对谈心谈话未完成，今天是最后一天');
  });

  test('书记讲党课 reads as a sentence too', () => {
    const today = '2026-12-01';
    const [item] = dueSoon(report(2026, today, [p('secretary_lecture', '2026', 'open', today)]), today);
    expect(dueText(item, t)).toBe('本年度尚未开展书记讲党课，还剩 31 天');
  });
});

describe('missedPeriods', () => {
  test('one line per obligation, in the core order', () => {
    const items = missedPeriods(sampleYear());
    expect(items.map((i) => missedText(i, t))).toEqual(['2026年第二季度未召开支部党员大会', '2026年3月未召开支委会']);
  });

  test('consecutive months run together; groups are named', () => {
    const today = '2026-06-15';
    const rows = ['01', '02', '03', '05'].map((m) => p('group_meeting', `2026-${m}`, 'missed', today, { party_group: '第一党小组', party_group_id: 'g1' }));
    rows.push(p('group_meeting', '2026-04', 'met', today, { party_group: '第一党小组', party_group_id: 'g1' }));
    const items = missedPeriods(report(2026, today, rows));
    expect(items.map((i) => missedText(i, t))).toEqual(['2026年1月至3月、5月未召开第一党小组党小组会']);
  });

  test('pairs that never talked in a past year are counted in one line', () => {
    const today = '2027-01-05';
    const rows = [
      p('heart_to_heart_talk', '2026', 'missed', today, { pair: ['a', 'b'] }),
      p('heart_to_heart_talk', '2026', 'missed', today, { pair: ['a', 'c'] }),
      p('heart_to_heart_talk', '2026', 'met', today, { pair: ['b', 'c'] }),
      p('org_life_meeting', '2026', 'missed', today),
    ];
    const items = missedPeriods(report(2026, today, rows));
    expect(items.map((i) => missedText(i, t))).toEqual(['2026年度未开展组织生活会', '2026年度有 2 对谈心谈话未完成']);
  });
});

describe('gridRows', () => {
  test('one row per obligation, one per 党小组, one for all pairs', () => {
    const rows = gridRows(sampleYear(), TODAY);
    expect(rows.map((r) => r.key)).toEqual([
      'general_meeting',
      'committee_meeting',
      'group_meeting-g1',
      'group_meeting-g2',
      'org_life_meeting',
      'heart_to_heart_talk',
    ]);
    for (const row of rows)
      expect(
        row.cells.reduce((n, c) => n + c.span, 0),
        row.key,
      ).toBe(12);
  });

  test('a quarter spans three months, a year twelve, with its test id and status', () => {
    const rows = gridRows(sampleYear(), TODAY);
    const general = rows.find((r) => r.key === 'general_meeting')!;
    expect(general.cells.map((c) => [c.testId, c.startMonth, c.span, c.status])).toEqual([
      ['cell-general_meeting-2026-Q1', 1, 3, 'met'],
      ['cell-general_meeting-2026-Q2', 4, 3, 'missed'],
      ['cell-general_meeting-2026-Q3', 7, 3, 'met'],
      ['cell-general_meeting-2026-Q4', 10, 3, 'open'],
    ]);
    const org = rows.find((r) => r.key === 'org_life_meeting')!;
    expect(org.cells).toHaveLength(1);
    expect(org.cells[0]).toMatchObject({ testId: 'cell-org_life_meeting-2026', startMonth: 1, span: 12, status: 'open' });
  });

  test('group rows carry the group id in their test ids', () => {
    const rows = gridRows(sampleYear(), TODAY);
    const g1 = rows.find((r) => r.key === 'group_meeting-g1')!;
    expect(g1.group).toBe('第一党小组');
    expect(g1.cells[10].testId).toBe('cell-group_meeting-2026-11-g1');
  });

  test('periods ahead are open but look like the future', () => {
    const rows = gridRows(sampleYear(), TODAY);
    const committee = rows.find((r) => r.key === 'committee_meeting')!;
    expect(cellTone(committee.cells[10])).toBe('open');
    expect(committee.cells[10].daysLeft).toBe(9);
    expect(committee.cells[0].daysLeft).toBeNull();
    expect(committee.cells[11].status).toBe('open');
    expect(cellTone(committee.cells[11])).toBe('future');
    expect(cellTone(committee.cells[2])).toBe('missed');
    expect(cellTone(committee.cells[0])).toBe('met');
  });

  test('pairs make one cell with the pairs done and in all', () => {
    const rows = gridRows(sampleYear(), TODAY);
    const talks = rows.find((r) => r.key === 'heart_to_heart_talk')!;
    expect(talks.pairs).toEqual({ done: 1, total: 3 });
    expect(talks.cells).toHaveLength(1);
    expect(talks.cells[0]).toMatchObject({ testId: 'cell-heart_to_heart_talk-2026', status: 'open', done: 1, total: 3, sessions: ['t1'], daysLeft: 40 });
    expect(cellTitle(talks, talks.cells[0], 2026, t)).toBe('2026年度谈心谈话：进行中（已谈 1 对，共 3 对）');
  });

  test('all pairs done makes the cell met; any missed after the year makes it missed', () => {
    const today = '2027-01-02';
    const met = gridRows(report(2026, today, [p('heart_to_heart_talk', '2026', 'met', today, { pair: ['a', 'b'] })]), today);
    expect(met[0].cells[0].status).toBe('met');
    const missed = gridRows(
      report(2026, today, [
        p('heart_to_heart_talk', '2026', 'met', today, { pair: ['a', 'b'] }),
        p('heart_to_heart_talk', '2026', 'missed', today, { pair: ['a', 'c'] }),
      ]),
      today,
    );
    expect(missed[0].cells[0].status).toBe('missed');
  });

  test('a rule that changed mid-year: quarters, then months; months without a rule stay empty', () => {
    const today = '2026-11-22';
    const rows = [p('party_lecture', '2026-Q1', 'met', today), p('party_lecture', '2026-07', 'met', today), p('party_lecture', '2026-08', 'missed', today)];
    const [row] = gridRows(report(2026, today, rows), today);
    expect(row.cells.map((c) => [c.startMonth, c.span, c.status])).toEqual([
      [1, 3, 'met'],
      [4, 3, null],
      [7, 1, 'met'],
      [8, 1, 'missed'],
      [9, 4, null],
    ]);
    expect(cellTitle(row, row.cells[1], 2026, t)).toBe('该时段无此项要求');
  });
});

describe('cellRoute', () => {
  test('a cell with sessions opens them', () => {
    const rows = gridRows(sampleYear(), TODAY);
    const general = rows.find((r) => r.key === 'general_meeting')!;
    expect(cellRoute(general, general.cells[0])).toEqual({ name: 'sessions', query: { ids: 's1' } });
  });

  test('an owed cell opens the form for its obligation, period and group, as 去登记 does', () => {
    const rows = gridRows(sampleYear(), TODAY);
    const g2 = rows.find((r) => r.key === 'group_meeting-g2')!;
    expect(g2.cells[10].status).toBe('open');
    expect(cellRoute(g2, g2.cells[10])).toEqual({
      name: 'sessions',
      query: { obligation: 'group_meeting', from: '2026-11-01', to: '2026-11-30', group: 'g2', new: '1' },
    });
    const general = rows.find((r) => r.key === 'general_meeting')!;
    expect(general.cells[1].status).toBe('missed');
    expect(cellRoute(general, general.cells[1])).toEqual({
      name: 'sessions',
      query: { obligation: 'general_meeting', from: '2026-04-01', to: '2026-06-30', new: '1' },
    });
    // The same place 去登记 leads to for this month's group meeting.
    const due = dueSoon(sampleYear(), TODAY).find((i) => i.groupId === 'g1')!;
    const g1 = rows.find((r) => r.key === 'group_meeting-g1')!;
    expect(cellRoute(g1, g1.cells[10])).toEqual(dueRoute(due));
  });

  test('a period still ahead opens its list only', () => {
    const rows = gridRows(sampleYear(), TODAY);
    const committee = rows.find((r) => r.key === 'committee_meeting')!;
    const december = committee.cells[11];
    expect(december.future).toBe(true);
    expect(cellRoute(committee, december)).toEqual({
      name: 'sessions',
      query: { obligation: 'committee_meeting', from: '2026-12-01', to: '2026-12-31' },
    });
  });

  test('书记讲党课 leads to the 党课 form', () => {
    const today = '2026-11-22';
    const [row] = gridRows(report(2026, today, [p('secretary_lecture', '2026', 'open', today)]), today);
    expect(cellRoute(row, row.cells[0])).toEqual({
      name: 'sessions',
      query: { obligation: 'party_lecture', from: '2026-01-01', to: '2026-12-31', new: '1' },
    });
  });

  test('去登记 opens the form for the obligation, period and group', () => {
    const items = dueSoon(sampleYear(), TODAY);
    expect(dueRoute(items[1])).toEqual({
      name: 'sessions',
      query: { obligation: 'group_meeting', from: '2026-11-01', to: '2026-11-30', group: 'g1', new: '1' },
    });
  });

  test('an empty cell leads nowhere', () => {
    const today = '2026-11-22';
    const [row] = gridRows(report(2026, today, [p('party_lecture', '2026-Q1', 'met', today)]), today);
    expect(cellRoute(row, row.cells[1])).toBeNull();
  });

  test('a cell title says when, what, how it stands and the count', () => {
    const rows = gridRows(sampleYear(), TODAY);
    const committee = rows.find((r) => r.key === 'committee_meeting')!;
    expect(cellTitle(committee, committee.cells[0], 2026, t)).toBe('2026年1月支委会：已完成（已开 1 次，应开 1 次）');
    expect(cellTitle(committee, committee.cells[11], 2026, t)).toBe('2026年12月支委会：未到期（已开 0 次，应开 1 次）');
  });

  test('a period before the records began is 未登记, with 补登 and 确认未开展; a confirmed one can be undone', () => {
    const today = '2026-11-22';
    const rows = gridRows(
      report(2026, today, [
        p('theme_day', '2026-05', 'unrecorded', today),
        p('theme_day', '2026-06', 'missed', today, { missed_confirmed: true }),
        p('theme_day', '2026-07', 'missed', today),
      ]),
      today,
    );
    const [row] = rows;
    const [may, june, july] = row.cells.filter((c) => c.status !== null);
    expect(cellTone(may)).toBe('unrecorded');
    expect(may.unrecorded).toEqual([{ kind: 'theme_day', period: '2026-05', subject: '' }]);
    expect(may.confirmed).toEqual([]);
    expect(backfillRoute(row, may)).toEqual({
      name: 'sessions',
      query: { obligation: 'theme_day', from: '2026-05-01', to: '2026-05-31', new: '1' },
    });
    expect(cellTitle(row, may, 2026, t)).toBe('2026年5月主题党日：未登记（已开 0 次，应开 1 次）');
    expect([cellTone(june), june.confirmed.length, june.unrecorded.length]).toEqual(['missed', 1, 0]);
    expect([july.confirmed.length, july.unrecorded.length]).toEqual([0, 0]);
    // 未登记 is not among the missed periods of the 工作台's list.
    expect(missedPeriods(report(2026, today, [p('theme_day', '2026-05', 'unrecorded', today)]))).toEqual([]);
  });

  test('pairs not recorded make their cell 未登记, each pair confirmable', () => {
    const today = '2026-11-22';
    const pair = (a: string, status: PeriodStatus) => p('heart_to_heart_talk', '2025', status, today, { pair: [a, 'z'], subject: `${a}+z` });
    const [row] = gridRows(report(2025, today, [pair('a', 'met'), pair('b', 'unrecorded'), pair('c', 'unrecorded')]), today);
    const cell = row.cells.find((c) => c.status !== null)!;
    expect(cell.status).toBe('unrecorded');
    expect(cell.unrecorded.map((k) => k.subject)).toEqual(['b+z', 'c+z']);
  });
});
