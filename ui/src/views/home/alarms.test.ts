import { describe, expect, test } from 'vitest';
import type { Alarm } from '@/generated/Alarm';
import { menu } from '@/router/menu';
import { alarmRoute } from './alarms';

const alarm = (over: Partial<Alarm>): Alarm => ({
  kind: 'no_committee',
  level: 'overdue',
  message: '',
  member_id: null,
  member_name: null,
  date: null,
  count: 7,
  place: 'committee',
  ...over,
});

describe('where an alarm is resolved', () => {
  test('「应当设立支部委员会」 leads to the 支部委员会 page, which is in the menu', () => {
    expect(alarmRoute(alarm({}))).toEqual({ name: 'committee' });
    expect(menu.map((m) => m.name)).toContain('committee');
  });

  test('a member alarm opens the record; 学时 opens those behind; the term opens 支部设置', () => {
    expect(alarmRoute(alarm({ kind: 'probation_ending', place: 'members', member_id: 'm1' }))).toEqual({ name: 'members', query: { member: 'm1' } });
    expect(alarmRoute(alarm({ kind: 'study_behind', place: 'study' }))).toEqual({ name: 'study', query: { behind: '1' } });
    expect(alarmRoute(alarm({ kind: 'term_due', place: 'settings' }))).toEqual({ name: 'settings' });
  });
});
