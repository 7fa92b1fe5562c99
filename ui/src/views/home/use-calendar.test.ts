import { afterEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { ComplianceReport } from '@/generated/ComplianceReport';
import { appPlugins } from '@/test-utils';
import { useCalendar } from './use-calendar';

afterEach(() => clearMocks());

function reportOf(year: number, status: 'open' | 'missed' | 'met'): ComplianceReport {
  return {
    as_of: '2026-11-22',
    year,
    obligations: [
      {
        kind: 'org_life_meeting',
        period: String(year),
        party_group: null,
        party_group_id: null,
        status,
        days_left: status === 'open' ? 40 : null,
        sessions: status === 'met' ? ['s9'] : [],
        pair: null,
        subject: '',
        missed_confirmed: false,
        period_start: `${year}-01-01`,
        period_end: `${year}-12-31`,
        required: 1,
      },
    ],
  };
}

describe('useCalendar', () => {
  test('loads this year as of the app today; what is due comes from it', async () => {
    const seen: unknown[] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return reportOf((args as { year: number }).year, 'open');
    });
    appPlugins('2026-11-22');
    const cal = useCalendar();
    await cal.load();
    expect(seen).toEqual([['compliance_get', { year: 2026, asOf: '2026-11-22' }]]);
    expect(cal.due.value).toHaveLength(1);
    expect(cal.rows.value[0].cells[0].testId).toBe('cell-org_life_meeting-2026');
    expect(cal.years.value.slice(0, 3)).toEqual([2026, 2025, 2024]);
  });

  test('an earlier year fills the grid; what is due stays this year', async () => {
    mockIPC((_cmd, args) => {
      const year = (args as { year: number }).year;
      return reportOf(year, year === 2026 ? 'open' : 'missed');
    });
    appPlugins('2026-11-22');
    const cal = useCalendar();
    await cal.load();
    await cal.setYear(2025);
    expect(cal.shown.value?.year).toBe(2025);
    expect(cal.rows.value[0].cells[0]).toMatchObject({ testId: 'cell-org_life_meeting-2025', status: 'missed' });
    expect(cal.due.value.map((d) => d.period)).toEqual(['2026']);
    await cal.setYear(2026);
    expect(cal.shown.value).toBe(cal.current.value);
  });

  test('a failure is kept for the page to show', async () => {
    mockIPC(() => {
      throw { code: 'db', message: 'disk I/O error', field: null, reason: null };
    });
    appPlugins('2026-11-22');
    const cal = useCalendar();
    await cal.load();
    expect(cal.error.value?.code).toBe('db');
    expect(cal.loading.value).toBe(false);
  });
});
