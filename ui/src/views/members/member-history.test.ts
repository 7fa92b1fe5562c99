import { describe, expect, test } from 'vitest';
import { historyEntry } from '@/components/history-fixtures';
import { historyRows } from '@/components/record-history';
import { i18n } from '@/locales';
import { memberHistoryFormats } from './member-history';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;

describe('a member’s 修改记录', () => {
  test('codes read as their labels and the 党小组 by name', () => {
    const entries = [
      historyEntry(1, '2026-11-01T09:00:00Z', 'app', 'update', {
        party_group_id: ['g1', 'g2'],
        roles: [[], ['secretary', 'organization_officer']],
        stage: ['probationary', 'full'],
      }),
      historyEntry(2, '2026-11-02T09:00:00Z', 'app', 'archive', { reason: [null, 'transferred_out'] }),
    ];
    const groups: Record<string, string> = { g1: '第一党小组' };
    const rows = historyRows(
      entries,
      t,
      memberHistoryFormats(t, (id) => groups[id] ?? null),
    );
    expect(rows[0].changes).toEqual(['原因：转出']);
    expect(rows[1].changes).toEqual(['党小组：第一党小组 → （已不存在的党小组）', '党内职务：（空） → 支部书记、组织委员', '人员类别：预备党员 → 正式党员']);
  });
});
