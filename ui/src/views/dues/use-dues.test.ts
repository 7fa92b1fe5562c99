import { afterEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { allPaid, member, report } from './dues-fixtures';
import { useDues } from './use-dues';

afterEach(() => clearMocks());

describe('useDues', () => {
  test('reads the year as of today and lists who is behind, the longest run first', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      if (cmd === 'dues_report') return report([member('甲', 5), member('乙', 0), member('丙', 7)]);
      throw new Error(cmd);
    });
    const dues = useDues('2026-11-22');
    await dues.load();
    expect(asked).toEqual([['dues_report', { year: 2026, asOf: '2026-11-22' }]]);
    expect(dues.behind.value.map((m) => m.name)).toEqual(['丙', '甲']);
  });

  test('a payment is recorded, then the dues year read again', async () => {
    const asked: string[] = [];
    let paid = false;
    mockIPC((cmd) => {
      asked.push(cmd);
      if (cmd === 'dues_record') {
        paid = true;
        return { id: 'p1', member_id: '甲', for_month: '2026-10', paid_on: '2026-11-22', amount_cents: 4000, extra_cents: 0, way: '', note: '' };
      }
      if (cmd === 'dues_report') return report([member('甲', paid ? 4 : 5)]);
      throw new Error(cmd);
    });
    const dues = useDues('2026-11-22');
    await dues.load();
    expect(dues.behind.value).toHaveLength(1);
    await dues.record({ member_id: '甲', for_month: '2026-06', paid_on: '2026-11-22', amount: '40', extra: '', way: '', note: '' });
    expect(asked).toEqual(['dues_report', 'dues_record', 'dues_report']);
    expect(dues.behind.value).toHaveLength(0);
  });

  test('a refused payment is passed on and the dues year is left as it was', async () => {
    mockIPC((cmd) => {
      if (cmd === 'dues_record') throw { code: 'validation', message: 'x', field: 'for_month', reason: 'dues_too_late' };
      if (cmd === 'dues_report') return report([member('甲', 5)]);
      throw new Error(cmd);
    });
    const dues = useDues('2026-11-22');
    await dues.load();
    await expect(
      dues.record({ member_id: '甲', for_month: '2026-01', paid_on: '2026-11-22', amount: '40', extra: '', way: '', note: '' }),
    ).rejects.toMatchObject({
      reason: 'dues_too_late',
    });
    expect(dues.behind.value).toHaveLength(1);
  });

  test('本月全员已交 is worked out first and kept nothing, then recorded and the dues year read again', async () => {
    const asked: [string, unknown][] = [];
    const done = allPaid([
      ['甲', '甲', 4000],
      ['乙', '乙', 20],
    ]);
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      if (cmd === 'dues_pay_all') return done;
      if (cmd === 'dues_report') return report([]);
      throw new Error(cmd);
    });
    const dues = useDues('2026-11-22');
    const preview = await dues.previewPayAll();
    expect(preview.total_cents).toBe(4020);
    expect(asked).toEqual([['dues_pay_all', { month: '2026-11', paidOn: '2026-11-22', dryRun: true }]]);
    await dues.payAll();
    expect(asked.slice(1)).toEqual([
      ['dues_pay_all', { month: '2026-11', paidOn: '2026-11-22', dryRun: false }],
      ['dues_report', { year: 2026, asOf: '2026-11-22' }],
    ]);
  });
});
