import { describe, expect, test } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { GroupMeetingInput } from '@/generated/GroupMeetingInput';
import type { GroupMonth } from '@/generated/GroupMonth';
import { appPlugins, byTestId, cleanUpAfterEach, eventually } from '@/test-utils';
import GroupMeetingsDialog from './group-meetings-dialog.vue';

let wrapper: VueWrapper | null = null;

cleanUpAfterEach();

const GROUPS: GroupMonth[] = [
  { party_group_id: 'g1', name: '第一党小组', leader_id: null, leader_name: null, held: [] },
  { party_group_id: 'g2', name: '第二党小组', leader_id: null, leader_name: null, held: ['2026-11-03'] },
  { party_group_id: 'g3', name: '第三党小组', leader_id: null, leader_name: null, held: [] },
];

function mountWith(addGroups: (month: string, meetings: GroupMeetingInput[]) => unknown) {
  const asked: string[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'session_group_month') {
      asked.push((args as { month: string }).month);
      return GROUPS;
    }
    if (cmd === 'member_list') return { rows: [], total: 0 };
    if (cmd === 'session_add_groups') {
      const a = args as { month: string; meetings: GroupMeetingInput[] };
      return addGroups(a.month, a.meetings);
    }
    throw new Error(`unexpected ${cmd}`);
  });
  const { plugins } = appPlugins('2026-11-22');
  wrapper = mount(GroupMeetingsDialog, { props: { visible: true }, global: { plugins }, attachTo: document.body });
  return { asked, w: wrapper };
}

describe('group meetings dialog', () => {
  test('lists the month’s groups, a group that met unchosen, and logs the chosen at once', async () => {
    const sent: GroupMeetingInput[][] = [];
    const { asked, w } = mountWith((month, meetings) => {
      expect(month).toBe('2026-11');
      sent.push(meetings);
      return meetings.map((m, i) => ({ id: `s${i}`, held_on: m.held_on, party_group_id: m.party_group_id }));
    });
    await eventually(() => expect(document.querySelectorAll('[data-testid="group-meetings-name"]')).toHaveLength(3));
    expect(asked).toEqual(['2026-11']);
    expect(byTestId('group-meetings-held-g2').textContent).toContain('2026-11-03');
    expect(byTestId('group-meetings-chosen-g2').classList.contains('is-checked')).toBe(false);
    expect(byTestId('group-meetings-save').textContent).toContain('登记 2 个党小组会');
    byTestId('group-meetings-save').click();
    await eventually(() => expect(sent).toHaveLength(1));
    expect(sent[0].map((m) => [m.party_group_id, m.held_on])).toEqual([
      ['g1', '2026-11-22'],
      ['g3', '2026-11-22'],
    ]);
    await flushPromises();
    expect(w.emitted('saved')?.[0]?.[0]).toHaveLength(2);
  });

  test('a refused row is named by its group and the dialog stays open', async () => {
    const { w } = mountWith(() => {
      throw { code: 'validation', message: 'x', field: 'held_on', reason: 'date_in_future', row: 2 };
    });
    await eventually(() => expect(document.querySelectorAll('[data-testid="group-meetings-name"]')).toHaveLength(3));
    byTestId('group-meetings-save').click();
    await eventually(() => expect(byTestId('group-meetings-error').textContent).toContain('第三党小组'));
    expect(w.emitted('saved')).toBeUndefined();
    expect(w.emitted('update:visible')).toBeUndefined();
  });
});
