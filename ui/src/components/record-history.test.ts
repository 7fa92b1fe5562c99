import { describe, expect, test } from 'vitest';
import { mount } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { i18n } from '@/locales';
import { appPlugins, cleanUpAfterEach, eventually } from '@/test-utils';
import { historyEntry } from './history-fixtures';
import RecordHistory from './record-history.vue';
import { historyRows, SHOWN_CHANGES, valueText } from './record-history';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;

cleanUpAfterEach();

const ENTRIES = [
  historyEntry(3, '2026-11-01T09:00:00.000Z', 'app', 'create', { name: [null, '张三'], notes: [null, ''], roles: [null, []] }),
  historyEntry(9, '2026-11-20T10:30:00.000Z', 'cli', 'update', { notes: ['', '调入'], phone: ['139****1111', '023-4987****'] }),
];

describe('修改记录', () => {
  test('entries read newest first, with each field before and after in Chinese', () => {
    const rows = historyRows(ENTRIES, t);
    expect(rows.map((r) => [r.at, r.actor, r.action])).toEqual([
      ['2026-11-20 10:30', '命令行', '修改'],
      ['2026-11-01 09:00', '本机程序', '新建'],
    ]);
    expect(rows[0].changes).toEqual(['备注：（空） → 调入', '联系电话：139****1111 → 023-4987****']);
    // Blank fields set at creation say nothing.
    expect(rows[1].changes).toEqual(['姓名：张三']);
    expect(valueText(['书记', '组织委员'], t)).toBe('书记、组织委员');
  });

  test('an entry names the 操作人 who made it, as chosen', () => {
    const byPeople = ENTRIES.map((e, i) => ({ ...e, actor: ['组织委员', '张.伟'][i] }));
    expect(historyRows(byPeople, t).map((r) => r.actor)).toEqual(['张.伟', '组织委员']);
  });

  test('a long change lists the first fields and counts the rest', () => {
    const fields = Array.from({ length: SHOWN_CHANGES + 2 }, (_, i) => [`f${i}`, [null, i + 1]]);
    const many = historyEntry(1, '2026-11-01T09:00:00Z', 'app', 'save', Object.fromEntries(fields));
    const [row] = historyRows([many], t);
    expect(row.changes).toHaveLength(SHOWN_CHANGES);
    expect(row.more).toBe(2);
  });

  test('the component asks for the record it is given and shows its entries', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'record_history') {
        asked.push(JSON.parse(JSON.stringify(args)));
        return ENTRIES;
      }
      return null;
    });
    const { plugins } = appPlugins();
    const wrapper = mount(RecordHistory, { props: { entity: 'member', entityId: 'm1' }, global: { plugins } });
    await eventually(() => expect(wrapper.findAll('[data-testid="history-entry"]')).toHaveLength(2));
    expect(wrapper.text()).toContain('备注：（空） → 调入');
    expect(asked).toEqual([{ entity: 'member', entityId: 'm1' }]);
  });
});
