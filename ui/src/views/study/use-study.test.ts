import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { i18n } from '@/locales';
import { useAppStore } from '@/stores/app';
import { acceptSaveDialogs, appPlugins, eventually, TEST_BRANCH } from '@/test-utils';
import { report } from './fixtures';
import { useStudy } from './use-study';

beforeEach(() => {
  appPlugins('2026-11-22');
});
afterEach(() => clearMocks());

describe('useStudy', () => {
  test('loads this year as of today, worst first; shapes rows, who is behind and the summary', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      return report();
    });
    const study = useStudy();
    expect(study.years.value).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
    await study.load();
    expect(asked).toEqual([['study_report', { year: 2026, asOf: '2026-11-22' }]]);
    expect(study.rows.value.map((r) => r.name)).toEqual(['吴刚', '杨丽', '徐婷', '周建华', '陈老']);
    expect(study.behind.value.map((r) => r.name)).toEqual(['吴刚', '杨丽']);
    expect(study.summary.value).toMatchObject({ rate: 25, counted: 4, behind: 2 });
    study.behindOnly.value = true;
    expect(study.rows.value.map((r) => r.name)).toEqual(['吴刚', '杨丽']);
    expect(study.progressOf('m2')?.name).toBe('徐婷');
    expect(study.progressOf(null)).toBeNull();
  });

  test('the table’s sort follows the headers; clearing it shows the core’s order', async () => {
    mockIPC(() => report());
    const study = useStudy();
    await study.load();
    study.setSort('hours', 'descending');
    expect(study.rows.value[0].name).toBe('周建华');
    study.setSort('hours', null);
    expect(study.rows.value.map((r) => r.name)).toEqual(['周建华', '徐婷', '吴刚', '杨丽', '陈老']);
    study.setSort('mystery', 'ascending');
    expect(study.sort.value).toEqual({ prop: null, order: null });
  });

  test('switching years faster than the core answers keeps the last choice', async () => {
    const pending: ((value: unknown) => void)[] = [];
    mockIPC((_cmd, args) => {
      const year = (args as { year: number }).year;
      return new Promise((resolve) => pending.push(() => resolve({ ...report(), year })));
    });
    const study = useStudy();
    const first = study.setYear(2024);
    const second = study.setYear(2025);
    await eventually(() => expect(pending).toHaveLength(2));
    pending[1](null);
    await second;
    pending[0](null);
    await first;
    expect(study.year.value).toBe(2025);
    expect(study.report.value?.year).toBe(2025);
    expect(study.loading.value).toBe(false);
  });

  test('a failed load keeps the error; who has a PIN comes from the settings', async () => {
    mockIPC((cmd) => {
      if (cmd === 'self_check_settings') return { mode: 'pin', with_pin: ['m2'] };
      throw { code: 'db', message: 'x', field: null, reason: null };
    });
    const study = useStudy();
    await study.load();
    expect(study.error.value?.code).toBe('db');
    await study.loadPins();
    expect(study.withPin.value.has('m2')).toBe(true);
    expect(study.withPin.value.has('m3')).toBe(false);
  });

  test('导出学时单 saves the year shown as of today, proposed as <branch>-<year>年学时单.xlsx', async () => {
    const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;
    useAppStore().branch = TEST_BRANCH;
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'study_report') return report();
      if (cmd !== 'study_hours_export') throw new Error(`unexpected ${cmd}`);
      asked.push(args);
      return [80, 75, 3, 4];
    });
    const names = acceptSaveDialogs();
    const study = useStudy();
    await study.setYear(2025);
    const saved = await study.exportHours(t);
    expect(saved?.file_name).toBe('永川区行政服务中心党支部-2025年学时单.xlsx');
    expect(asked).toEqual([{ year: 2025, asOf: '2026-11-22' }]);
    expect(names).toEqual(['永川区行政服务中心党支部-2025年学时单.xlsx']);
    expect(study.exporting.value).toBe(false);

    acceptSaveDialogs(null);
    expect(await study.exportHours(t)).toBeNull();
  });
});
