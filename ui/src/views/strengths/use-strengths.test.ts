import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { appPlugins, eventually } from '@/test-utils';
import { assessment, trend } from './fixtures';
import { useStrengths } from './use-strengths';

beforeEach(() => {
  appPlugins('2026-11-22');
});
afterEach(() => clearMocks());

describe('useStrengths', () => {
  test('loads this year’s assessment and trend as of today; lists what is missing', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      return cmd === 'strengths_trend' ? trend() : assessment();
    });
    const page = useStrengths();
    expect(page.years.value).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
    await page.load();
    expect(asked).toEqual([
      ['strengths_assess', { year: 2026, asOf: '2026-11-22' }],
      ['strengths_trend', { year: 2026, asOf: '2026-11-22' }],
    ]);
    expect(page.assessment.value?.strengths.map((s) => s.key)).toEqual(['political', 'leadership', 'membership', 'impact']);
    expect(page.trend.value).toHaveLength(3);
    expect(page.missing.value.map((m) => m.item.id)).toContain('branch_brand');
    expect(page.loading.value).toBe(false);
  });

  test('a day inside the year is asked about; another year drops a day outside it', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'strengths_assess') asked.push(args);
      return cmd === 'strengths_trend' ? [] : assessment();
    });
    const page = useStrengths();
    await page.setAsOf('2026-06-30');
    expect(page.asOf.value).toBe('2026-06-30');
    await page.setAsOf('2026-12-31');
    expect(page.asOf.value).toBeNull();
    await page.setAsOf('2026-06-30');
    await page.setYear(2025);
    expect(page.asOf.value).toBeNull();
    await page.setAsOf('2025-03-31');
    expect(asked).toEqual([
      { year: 2026, asOf: '2026-06-30' },
      { year: 2026, asOf: '2026-11-22' },
      { year: 2026, asOf: '2026-06-30' },
      { year: 2025, asOf: '2026-11-22' },
      { year: 2025, asOf: '2025-03-31' },
    ]);
  });

  test('switching years faster than the core answers keeps the last choice', async () => {
    const pending: (() => void)[] = [];
    mockIPC((cmd, args) => {
      const year = (args as { year: number }).year;
      return new Promise((resolve) => pending.push(() => resolve(cmd === 'strengths_trend' ? [] : { ...assessment(), year })));
    });
    const page = useStrengths();
    const first = page.setYear(2024);
    const second = page.setYear(2025);
    await eventually(() => expect(pending).toHaveLength(4));
    pending[2]();
    pending[3]();
    await second;
    pending[0]();
    pending[1]();
    await first;
    expect(page.assessment.value?.year).toBe(2025);
    expect(page.loading.value).toBe(false);
  });

  test('withdrawing an attestation asks the core and reloads; a failed load keeps the error', async () => {
    const asked: string[] = [];
    let fail = false;
    mockIPC((cmd, args) => {
      asked.push(cmd === 'strengths_withdraw' ? `${cmd} ${JSON.stringify(args)}` : cmd);
      if (fail) throw { code: 'db', message: 'x', field: null, reason: null };
      return cmd === 'strengths_trend' ? [] : cmd === 'strengths_withdraw' ? null : assessment();
    });
    const page = useStrengths();
    await page.withdraw('work_plan');
    expect(asked).toEqual(['strengths_withdraw {"year":2026,"itemId":"work_plan"}', 'strengths_assess', 'strengths_trend']);
    fail = true;
    await page.load();
    expect(page.error.value?.code).toBe('db');
    expect(page.assessment.value).not.toBeNull();
  });

  test('the workbook is of the year and day shown', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      return cmd === 'strengths_export' ? [80, 75, 3, 4] : cmd === 'strengths_trend' ? [] : assessment();
    });
    const page = useStrengths();
    await page.setAsOf('2026-09-30');
    const bytes = await page.exportReport();
    expect(Array.from(bytes)).toEqual([80, 75, 3, 4]);
    expect(asked.at(-1)).toEqual(['strengths_export', { year: 2026, asOf: '2026-09-30' }]);
  });
});
