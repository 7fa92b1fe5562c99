import { afterEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { activityAdd, activityList, activityNextIssue } from './activities';
import { attachmentList, attachmentRead, toBytes } from './attachments';
import {
  complianceGet,
  memberAttendance,
  obligationRulesGet,
  sessionAddGroups,
  sessionGet,
  sessionGroupMonth,
  sessionList,
  sessionPreview,
  sessionTemplate,
  sessionUpdate,
} from './sessions';

afterEach(() => clearMocks());

describe('command arguments', () => {
  test('each wrapper sends its command with camelCase arguments', async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return cmd === 'attachment_read' ? new Uint8Array([7]).buffer : null;
    });
    const query = { from: '2026-01-01', to: null, obligation: null, party_group_id: null };
    await sessionList(query);
    await sessionGet('s1');
    await sessionPreview({} as never);
    await sessionUpdate('s1', {} as never);
    await sessionTemplate('group_meeting', 'g1', '2026-11-20');
    await sessionGroupMonth('2026-11');
    await sessionAddGroups('2026-11', []);
    await complianceGet(2025, '2026-11-22');
    await complianceGet();
    await obligationRulesGet();
    await memberAttendance('m1', 2026);
    await activityList({ kind: null, series: null, year: 2026, member_id: null });
    await activityAdd({} as never);
    await activityNextIssue('微讲堂');
    await attachmentList('activity', 'a1');
    expect(Array.from(await attachmentRead('f1'))).toEqual([7]);
    expect(seen).toEqual([
      ['session_list', { query }],
      ['session_get', { id: 's1' }],
      ['session_preview', { input: {} }],
      ['session_update', { id: 's1', input: {} }],
      ['session_template', { kind: 'group_meeting', partyGroupId: 'g1', heldOn: '2026-11-20' }],
      ['session_group_month', { month: '2026-11' }],
      ['session_add_groups', { month: '2026-11', meetings: [] }],
      ['compliance_get', { year: 2025, asOf: '2026-11-22' }],
      ['compliance_get', { year: null, asOf: null }],
      ['obligation_rules_get', {}],
      ['member_attendance', { memberId: 'm1', year: 2026 }],
      ['activity_list', { query: { kind: null, series: null, year: 2026, member_id: null } }],
      ['activity_add', { input: {} }],
      ['activity_next_issue', { series: '微讲堂' }],
      ['attachment_list', { ownerKind: 'activity', ownerId: 'a1' }],
      ['attachment_read', { id: 'f1' }],
    ]);
  });

  test('bytes arrive as an ArrayBuffer, a typed array or a plain list', () => {
    expect(Array.from(toBytes(new Uint8Array([1, 2]).buffer))).toEqual([1, 2]);
    expect(Array.from(toBytes(new Uint8Array([0, 1, 2, 3]).subarray(1, 3)))).toEqual([1, 2]);
    expect(Array.from(toBytes([3, 4]))).toEqual([3, 4]);
    expect(toBytes(null)).toHaveLength(0);
  });
});
