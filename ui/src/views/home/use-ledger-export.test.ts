import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { i18n } from '@/locales';
import { useAppStore } from '@/stores/app';
import { acceptSaveDialogs, appPlugins, TEST_BRANCH } from '@/test-utils';
import { ledgerFileName, useLedgerExport } from './use-ledger-export';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;

let asked: unknown[];
/** The names the save dialog was asked to propose. */
let names: string[];

beforeEach(() => {
  asked = [];
  appPlugins('2026-11-22');
  useAppStore().branch = TEST_BRANCH;
  mockIPC((cmd, args) => {
    if (cmd !== 'ledger_export') throw new Error(`unexpected ${cmd}`);
    asked.push(args);
    if ((args as { year: number }).year === 2019) throw { code: 'db', message: 'disk I/O error' };
    return [80, 75, 3, 4];
  });
  names = acceptSaveDialogs();
});

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
});

describe('useLedgerExport', () => {
  test('starts at this year, masked; offers this year and the nine before', () => {
    const ledger = useLedgerExport();
    expect(ledger.year.value).toBe(2026);
    expect(ledger.reveal.value).toBe(false);
    expect(ledger.years.value[0]).toBe(2026);
    expect(ledger.years.value.at(-1)).toBe(2017);
  });

  test('exports the year asked, masked unless asked otherwise, proposed as <branch><year>年台账.xlsx', async () => {
    const ledger = useLedgerExport();
    expect(await ledger.exportLedger(t)).toEqual({
      path: '/home/她/文档/永川区行政服务中心党支部2026年台账.xlsx',
      file_name: '永川区行政服务中心党支部2026年台账.xlsx',
    });
    ledger.year.value = 2025;
    ledger.reveal.value = true;
    expect((await ledger.exportLedger(t))?.file_name).toBe('永川区行政服务中心党支部2025年台账.xlsx');
    expect(asked).toEqual([
      { year: 2026, asOf: null, reveal: false },
      { year: 2025, asOf: null, reveal: true },
    ]);
    expect(names).toEqual(['永川区行政服务中心党支部2026年台账.xlsx', '永川区行政服务中心党支部2025年台账.xlsx']);
  });

  test('a cancelled save dialog answers null: nothing written, nothing to say', async () => {
    acceptSaveDialogs(null);
    const ledger = useLedgerExport();
    expect(await ledger.exportLedger(t)).toBeNull();
    expect(ledger.exporting.value).toBe(false);
  });

  test('a reset goes back to this year and to masked', () => {
    const ledger = useLedgerExport();
    ledger.year.value = 2024;
    ledger.reveal.value = true;
    ledger.reset();
    expect(ledger.year.value).toBe(2026);
    expect(ledger.reveal.value).toBe(false);
  });

  test('a refusal reaches the caller and leaves nothing saved', async () => {
    const ledger = useLedgerExport();
    ledger.year.value = 2019;
    await expect(ledger.exportLedger(t)).rejects.toMatchObject({ code: 'db' });
    expect(ledger.exporting.value).toBe(false);
    expect(names).toEqual([]);
  });

  test('the printable pages open on the year asked, in full only when asked', () => {
    const ledger = useLedgerExport();
    expect(ledger.printRoute()).toEqual({ name: 'ledger-print', query: { year: '2026' } });
    ledger.year.value = 2025;
    ledger.reveal.value = true;
    expect(ledger.printRoute()).toEqual({ name: 'ledger-print', query: { year: '2025', reveal: '1' } });
  });

  test('the file name follows the branch', () => {
    expect(ledgerFileName(2026, '第二党支部', t)).toBe('第二党支部2026年台账.xlsx');
  });
});
