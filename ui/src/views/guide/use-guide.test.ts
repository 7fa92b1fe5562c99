import { afterEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { guideSteps, nextStep, stepStatus, useGuide } from './use-guide';

afterEach(() => clearMocks());

describe('入门指南', () => {
  test('a new branch starts at the first step; each is ticked off by the records', () => {
    const none = guideSteps({ groups: 0, members: 0, groupsWithoutLeader: 0, committeeThisMonth: 0 });
    expect(none.map((s) => s.done)).toEqual([false, false, false, false, false]);
    expect(nextStep(none)).toBe('groups');
    const roster = guideSteps({ groups: 2, members: 30, groupsWithoutLeader: 0, committeeThisMonth: 0 });
    expect(nextStep(roster)).toBe('committee');
    expect(roster.map((s) => s.route)).toEqual(['settings', 'members', 'settings', 'sessions', 'home']);
    const all = guideSteps({ groups: 2, members: 30, groupsWithoutLeader: 0, committeeThisMonth: 1 });
    expect(nextStep(all)).toBeNull();
  });

  test('the 组长 step waits until there are members, then is a to-do until each group has one', () => {
    const leaders = (groups: number, members: number, groupsWithoutLeader: number) =>
      guideSteps({ groups, members, groupsWithoutLeader, committeeThisMonth: 0 }).find((s) => s.key === 'leaders')!;
    for (const [groups, members, without, status] of [
      [1, 0, 1, 'waiting'],
      [0, 0, 0, 'waiting'],
      [0, 5, 0, 'waiting'],
      [2, 5, 1, 'todo'],
      [2, 5, 0, 'done'],
    ] as const) {
      expect(stepStatus(leaders(groups, members, without)), `${groups}/${members}/${without}`).toBe(status);
    }
    // With groups and no members, the next step is the roster, never the waiting 组长.
    const groupsOnly = guideSteps({ groups: 1, members: 0, groupsWithoutLeader: 1, committeeThisMonth: 0 });
    expect(nextStep(groupsOnly)).toBe('members');
    const noLeader = guideSteps({ groups: 1, members: 3, groupsWithoutLeader: 1, committeeThisMonth: 0 });
    expect(nextStep(noLeader)).toBe('leaders');
  });

  test('reads the groups, whether the roster has anyone, and this month’s 支委会', async () => {
    const asked: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      if (cmd === 'group_list')
        return [
          { id: 'g1', leader_id: 'm1' },
          { id: 'g2', leader_id: null },
        ];
      if (cmd === 'member_list') return { total: 12, rows: [], counts: {} };
      if (cmd === 'session_list') return [];
      throw new Error(cmd);
    });
    const guide = useGuide('2026-11-22');
    await guide.load();
    expect(guide.facts.value).toEqual({ groups: 2, members: 12, groupsWithoutLeader: 1, committeeThisMonth: 0 });
    expect(guide.next.value).toBe('leaders');
    expect(asked).toContainEqual(['session_list', { query: { from: '2026-11-01', to: '2026-11-22', obligation: 'committee_meeting', party_group_id: null } }]);
    const roster = asked.find(([c]) => c === 'member_list')?.[1] as { query: { limit: number; archived: boolean } };
    expect(roster.query.limit).toBe(1);
    expect(roster.query.archived).toBe(false);
  });

  test('a failure is shown, not a half-ticked list', async () => {
    mockIPC(() => {
      throw { code: 'db', message: 'x', field: null, reason: null };
    });
    const guide = useGuide('2026-11-22');
    await guide.load();
    expect(guide.error.value?.code).toBe('db');
    expect(guide.steps.value).toEqual([]);
  });
});
