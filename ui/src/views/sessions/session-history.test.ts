import { describe, expect, test } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { historyEntry } from '@/components/history-fixtures';
import { historyRows } from '@/components/record-history';
import { i18n } from '@/locales';
import { useGroupsStore } from '@/stores/groups';
import { useRosterStore } from '@/stores/roster';
import { appPlugins, cleanUpAfterEach, eventually } from '@/test-utils';
import SessionDetail from './session-detail.vue';
import { sessionHistoryFormats } from './session-history';
import { blankSession } from './session-fixtures';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;
const names: Record<string, string> = { m1: '张伟', m2: '李娜', g1: '第一党小组' };
const nameOf = (id: string) => names[id] ?? null;

let wrapper: VueWrapper | null = null;

cleanUpAfterEach();

/** A session logged as a 党员大会 and then corrected: a leave added, the host changed. */
const ENTRIES = [
  historyEntry(4, '2026-11-03T09:00:00.000Z', 'app', 'create', {
    agenda: [
      null,
      [
        { title: '学习二十届四中全会精神', first_topic: true },
        { title: '发展党员', first_topic: false },
      ],
    ],
    also: [null, ['party_lecture']],
    attendance: [null, []],
    host_id: [null, 'm1'],
    kind: [null, 'general_meeting'],
    others: [null, 'present'],
    party_group_id: [null, null],
    resolutions: [null, [{ title: '接收张三为预备党员', kind: 'election', votes_for: 20, votes_against: 1, votes_abstain: 0, passed: true }]],
  }),
  historyEntry(7, '2026-11-04T10:00:00.000Z', 'app', 'update', {
    attendance: [
      [],
      [
        { member_id: 'm2', status: 'leave', reason: '出差' },
        { member_id: 'gone', status: 'absent', reason: '' },
      ],
    ],
    host_id: ['m1', 'm2'],
    minutes: ['', '会'.repeat(100)],
  }),
];

describe('a session’s 修改记录', () => {
  test('fields come out with Chinese labels, codes as labels and members by name', () => {
    const rows = historyRows(ENTRIES, t, sessionHistoryFormats(t, nameOf, nameOf));
    expect(rows.map((r) => r.action)).toEqual(['修改', '新建']);
    expect(rows[1].changes).toEqual([
      '议程：【第一议题】学习二十届四中全会精神；发展党员',
      '同时计为：党课',
      '主持人：张伟',
      '类型：支部党员大会',
      '其余应到人员：出席',
      '决议：接收张三为预备党员（赞成 20，反对 1，弃权 0，通过）',
    ]);
    expect(rows[0].changes).toEqual([
      '出席情况：（空） → 李娜 请假（出差）、（已不在名册的党员） 缺席',
      '主持人：张伟 → 李娜',
      `会议记录：（空） → ${'会'.repeat(60)}…`,
    ]);
  });

  test('a branch’s own kind shows as it was typed', () => {
    const formats = sessionHistoryFormats(t, nameOf, nameOf);
    expect(formats.kind('青年理论学习小组')).toBe('青年理论学习小组');
    expect(formats.party_group_id('g1')).toBe('第一党小组');
    expect(formats.party_group_id('g9')).toBe('（已不存在的党小组）');
  });

  test('the session drawer shows its history and reads it again after an edit', async () => {
    const { plugins } = appPlugins();
    useRosterStore().members = [{ id: 'm1', name: '张伟' }] as never;
    useGroupsStore().groups = [] as never;
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'record_history') {
        asked.push(JSON.parse(JSON.stringify(args)));
        return ENTRIES.slice(0, asked.length);
      }
      if (cmd === 'attachment_list') return [];
      return null;
    });
    const session = blankSession({
      counts_for: ['general_meeting', 'party_lecture'],
      host_id: 'm2',
      attendance: [{ member_id: 'm2', name: '李娜', status: 'leave', reason: '出差', expected: true, exempt: false, excluded: false, has_vote: true }],
      head_count: { expected: 1, present: 0, leave: 1, absent: 0 },
    });
    wrapper = mount(SessionDetail, { props: { visible: true, session }, global: { plugins }, attachTo: document.body });
    await eventually(() => expect(document.querySelectorAll('[data-testid="history-entry"]')).toHaveLength(1));
    expect(document.querySelector('[data-testid="record-history"]')?.textContent).toContain('主持人：张伟');
    expect(asked).toEqual([{ entity: 'session', entityId: 's1' }]);

    // Saved again: the drawer gets the session as it now is, and the history is read anew.
    await wrapper.setProps({ session: { ...session, place: '三楼会议室' } });
    await flushPromises();
    await eventually(() => expect(document.querySelectorAll('[data-testid="history-entry"]')).toHaveLength(2));
    // The member no longer on today's roster is named from the session's own attendance.
    expect(document.querySelector('[data-testid="record-history"]')?.textContent).toContain('主持人：张伟 → 李娜');
  });
});
