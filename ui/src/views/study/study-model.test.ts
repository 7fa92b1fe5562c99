import { describe, expect, test } from 'vitest';
import { i18n } from '@/locales';
import { progress, report, TARGETS } from './fixtures';
import {
  barPercent,
  behindList,
  categoryBars,
  categoryHoursText,
  categoryLabel,
  enteredByText,
  hoursText,
  paceOf,
  paceText,
  percentOf,
  proratedText,
  summaryOf,
  tableRows,
  targetsText,
  uncountedText,
} from './study-model';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;

describe('hours and shares', () => {
  test.each([
    [2, '2'],
    [1.5, '1.5'],
    [0, '0'],
    [57.5, '57.5'],
    [1608.5, '1608.5'],
    // The core's figures as they are: the 台账 shows the same (no second rounding).
    [25.5, '25.5'],
    [44, '44'],
    [null, '—'],
  ])('%s hours → %s', (h, want) => expect(hoursText(h)).toBe(want));

  test('shares as whole percentages; the bar stops at full', () => {
    expect(percentOf(0.4375)).toBe(44);
    expect(percentOf(null)).toBeNull();
    expect(barPercent(progress({ id: 'x', name: 'x', share: 1.88 }))).toBe(100);
    expect(barPercent(progress({ id: 'x', name: 'x', share: 0.5 }))).toBe(50);
    expect(barPercent(progress({ id: 'x', name: 'x', share: null }))).toBe(0);
  });
});

describe('pace', () => {
  const [reached, onTrack, farBehind, , exempt] = report().members;

  test('exempt first, then the whole target, then the pace', () => {
    expect([reached, onTrack, farBehind, exempt].map(paceOf)).toEqual(['reached', 'on_track', 'behind', 'exempt']);
    // An exempt member is "on track" for the core; the page says exempt.
    expect(paceOf(progress({ id: 'x', name: 'x', exempt: true, reached: true }))).toBe('exempt');
  });

  test.each([
    [0, '达标'],
    [1, '进度正常'],
    [2, '落后 18.5 学时'],
    [4, '免除'],
  ])('member %i reads %s', (i, want) => expect(paceText(report().members[i], t)).toBe(want));
});

describe('the table', () => {
  const names = (rows: { name: string }[]) => rows.map((r) => r.name);

  test('everyone in the core’s order unless sorted', () => {
    expect(names(tableRows(report(), { behindOnly: false, sort: { prop: null, order: null } }))).toEqual(['周建华', '徐婷', '吴刚', '杨丽', '陈老']);
    expect(tableRows(null, { behindOnly: false, sort: { prop: null, order: null } })).toEqual([]);
  });

  test('only those behind', () => {
    expect(names(tableRows(report(), { behindOnly: true, sort: { prop: null, order: null } }))).toEqual(['吴刚', '杨丽']);
  });

  test('by pace: furthest behind first, then on pace, reached, exempt; and the other way', () => {
    const sorted = tableRows(report(), { behindOnly: false, sort: { prop: 'pace', order: 'ascending' } });
    expect(names(sorted)).toEqual(['吴刚', '杨丽', '徐婷', '周建华', '陈老']);
    const reversed = tableRows(report(), { behindOnly: false, sort: { prop: 'pace', order: 'descending' } });
    expect(names(reversed)).toEqual(['陈老', '周建华', '徐婷', '杨丽', '吴刚']);
  });

  test('by hours, by share (exempt last), by name in the core’s (the branch’s) name order', () => {
    expect(names(tableRows(report(), { behindOnly: false, sort: { prop: 'hours', order: 'descending' } }))).toEqual(['周建华', '徐婷', '杨丽', '吴刚', '陈老']);
    expect(names(tableRows(report(), { behindOnly: false, sort: { prop: 'share', order: 'ascending' } }))).toEqual(['吴刚', '杨丽', '徐婷', '周建华', '陈老']);
    expect(names(tableRows(report(), { behindOnly: false, sort: { prop: 'name', order: 'ascending' } }))).toEqual(['周建华', '徐婷', '吴刚', '杨丽', '陈老']);
    expect(names(tableRows(report(), { behindOnly: false, sort: { prop: 'name', order: 'descending' } }))).toEqual(['陈老', '杨丽', '吴刚', '徐婷', '周建华']);
  });
});

describe('the report at a glance', () => {
  test('those behind in the core’s order, ids it no longer lists dropped', () => {
    const r = report();
    r.behind_pace = ['m4', 'gone', 'm3'];
    expect(behindList(r).map((m) => m.name)).toEqual(['杨丽', '吴刚']);
    expect(behindList(null)).toEqual([]);
  });

  test('summary: the rate of those counted, on pace, behind, exempt and the branch’s hours', () => {
    expect(summaryOf(report())).toEqual({ rate: 25, counted: 4, reached: 1, onTrack: 2, behind: 2, exempt: 1, total: 142 });
    expect(summaryOf({ ...report(), reached_rate: null })?.rate).toBeNull();
    expect(summaryOf(null)).toBeNull();
  });

  test('targets in words, with the branch’s figure and single members when set', () => {
    expect(targetsText(TARGETS, t)).toBe('党员 32 学时，支委 56 学时');
    expect(targetsText({ ...TARGETS, branch_wide: 50, per_member: [{ member_id: 'm1', hours: 60 }] }, t)).toBe(
      '党员 32 学时，支委 56 学时，支部统一 50 学时，1 人单独设定',
    );
  });

  test('categories: the core’s labels, the branch’s own shown as typed; bars against the largest', () => {
    expect(categoryLabel('cadre_online_academy', t)).toBe('干部网络学院');
    expect(categoryLabel('青年理论小组', t)).toBe('青年理论小组');
    expect(categoryBars(report().by_category).map((c) => [c.label, c.percent])).toEqual([
      ['集中学习', 100],
      ['学习强国', 50],
      ['青年理论小组', 28],
    ]);
    expect(categoryBars([{ category: 'self_study', label: '自学', hours: 0, counted: false }])[0].percent).toBe(0);
  });

  test('a prorated target and the hours not counted are said in words', () => {
    const joined = progress({ id: 'm9', name: '新党员', hours: 6, target: 16, full_target: 32, target_prorated: true, roster_days: 184, uncounted_hours: 4.5 });
    expect(proratedText(joined, t)).toBe('按在册天数折算（全年 32 学时，在册 184 天）');
    expect(uncountedText(joined, t)).toBe('另有 4.5 学时未计入目标');
    const whole = progress({ id: 'm1', name: '老党员', hours: 30 });
    expect([proratedText(whole, t), uncountedText(whole, t)]).toEqual(['', '']);
    expect(proratedText({ ...joined, target: null, exempt: true }, t)).toBe('');
    expect(categoryHoursText({ category: 'xuexi_qiangguo', label: '学习强国', hours: 6, counted: false }, t)).toBe('学习强国 6（未计入）');
    expect(categoryHoursText({ category: 'party_lecture', label: '党课', hours: 1.5, counted: true }, t)).toBe('党课 1.5');
  });

  test('who entered a line: a name as typed, the program in words', () => {
    expect(enteredByText('周建华', t)).toBe('周建华');
    expect(enteredByText('app', t)).toBe('支部工作台');
    expect(enteredByText('cli', t)).toBe('命令行');
  });
});
