import { describe, expect, test } from 'vitest';
import { AppError } from '@/api/ipc';
import type { GroupMonth } from '@/generated/GroupMonth';
import { i18n } from '@/locales';
import { defaultDay, groupMeetingRows, groupMeetingsErrorText, groupMeetingsInput, lastDayOf, monthOf } from './group-meetings-model';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;
const TODAY = '2026-11-22';

const GROUPS: GroupMonth[] = [
  { party_group_id: 'g1', name: '第一党小组', leader_id: 'm1', leader_name: '张伟', held: [] },
  { party_group_id: 'g2', name: '第二党小组', leader_id: null, leader_name: null, held: ['2026-11-03'] },
  { party_group_id: 'g3', name: '第三党小组', leader_id: 'm7', leader_name: '王强', held: [] },
];

describe('group meetings of a month', () => {
  test.each([
    ['this month', '2026-11', '2026-11-22'],
    ['a past month', '2026-10', '2026-10-31'],
    ['February of a leap year', '2024-02', '2024-02-29'],
    ['February', '2026-02', '2026-02-28'],
  ])('the default day in %s', (_what, month, day) => {
    expect(defaultDay(month, TODAY)).toBe(day);
  });

  test('a month and its last day', () => {
    expect(monthOf(TODAY)).toBe('2026-11');
    expect(lastDayOf('2026-12')).toBe('2026-12-31');
  });

  test('a group that already met that month starts unchosen; the leader hosts', () => {
    const rows = groupMeetingRows(GROUPS, '2026-11', TODAY);
    expect(rows.map((r) => [r.party_group_id, r.chosen, r.held_on, r.host_id])).toEqual([
      ['g1', true, TODAY, 'm1'],
      ['g2', false, TODAY, null],
      ['g3', true, TODAY, 'm7'],
    ]);
    rows[0].topic = ' 学习党章 ';
    rows[2].host_id = '';
    expect(groupMeetingsInput(rows)).toEqual([
      { party_group_id: 'g1', held_on: TODAY, topic: '学习党章', host_id: 'm1' },
      { party_group_id: 'g3', held_on: TODAY, topic: '', host_id: null },
    ]);
    // Chosen deliberately, a group that met is logged again.
    rows[1].chosen = true;
    expect(groupMeetingsInput(rows).map((m) => m.party_group_id)).toEqual(['g1', 'g2', 'g3']);
  });

  test('a refused row is named by its group, counted among the chosen', () => {
    const rows = groupMeetingRows(GROUPS, '2026-11', TODAY);
    const e = new AppError('validation', 'x', 'held_on', 'date_not_in_month', 2);
    expect(groupMeetingsErrorText(e, rows, t)).toBe('第三党小组：日期不在所选月份内');
    const whole = new AppError('validation', 'x', 'party_group_id', 'no_group_chosen');
    expect(groupMeetingsErrorText(whole, rows, t)).toContain('没有选择要登记的党小组');
  });
});
