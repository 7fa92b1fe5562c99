import { afterEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { createPinia, setActivePinia } from 'pinia';
import { byColumn, emptyFilter, filterRows, percent, rankingOf, useOverview } from './use-overview';
import { OVERVIEW, row } from './fixtures';

afterEach(() => clearMocks());

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe('所辖支部一览: filters, sort, ranking', () => {
  test('filters by name and by silent / missed / alarms, each alone and together', () => {
    const rows = OVERVIEW.rows;
    expect(names(filterRows(rows, emptyFilter()))).toEqual(['永川区行政服务中心党支部', '城关社区党支部', '河埂村党支部']);
    expect(names(filterRows(rows, { ...emptyFilter(), name: ' 社区 ' }))).toEqual(['城关社区党支部']);
    expect(names(filterRows(rows, { ...emptyFilter(), silentOnly: true }))).toEqual(['城关社区党支部', '河埂村党支部']);
    expect(names(filterRows(rows, { ...emptyFilter(), missedOnly: true }))).toEqual(['河埂村党支部']);
    expect(names(filterRows(rows, { ...emptyFilter(), alarmsOnly: true }))).toEqual(['河埂村党支部']);
    expect(filterRows(rows, { ...emptyFilter(), name: '永川', alarmsOnly: true })).toEqual([]);
  });

  test('a column sorts figures in order and a branch without a report below every figure', () => {
    const rows = [row({ branch_id: 'a', overall: 0.5 }), row({ branch_id: 'b', overall: null }), row({ branch_id: 'c', overall: 0.9 })];
    expect([...rows].sort(byColumn('overall')).map((r) => r.branch_id)).toEqual(['b', 'a', 'c']);
    const named = [row({ name: '乙' }), row({ name: '甲' })];
    expect(names([...named].sort(byColumn('name')))).toEqual(['甲', '乙']);
    const dated = [
      row({ branch_id: 'x', reported_at: '2026-11-20 09:00' }),
      row({ branch_id: 'y', reported_at: null }),
      row({ branch_id: 'z', reported_at: '2026-10-01 08:00' }),
    ];
    expect([...dated].sort(byColumn('reported_at')).map((r) => r.branch_id)).toEqual(['y', 'z', 'x']);
  });

  test('the ranking takes the core’s places and names those without one', () => {
    const { ranked, unranked } = rankingOf(OVERVIEW.rows);
    expect(names(ranked)).toEqual(['永川区行政服务中心党支部', '河埂村党支部'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    expect(unranked).toEqual(['城关社区党支部']);
    expect(percent(0.875)).toBe('87.5%');
    expect(percent(null)).toBe('');
  });

  test('loads the overview and exports the table through the save dialog', async () => {
    setActivePinia(createPinia());
    const asked: string[] = [];
    mockIPC((cmd) => {
      asked.push(cmd);
      if (cmd === 'council_overview') return OVERVIEW;
      if (cmd === 'council_overview_export') return [80, 75];
      if (cmd === 'file_save') return { path: '/home/她/文档/所辖支部一览-2026-11-22.xlsx', file_name: '所辖支部一览-2026-11-22.xlsx' };
      throw new Error(`unexpected ${cmd}`);
    });
    const o = useOverview();
    await o.load();
    expect(o.rows.value).toHaveLength(3);
    o.filter.silentOnly = true;
    expect(o.rows.value).toHaveLength(2);
    const t = ((key: string, values?: Record<string, unknown>) => `${key}:${JSON.stringify(values ?? {})}`) as never;
    const saved = await o.exportTable(t);
    expect(saved?.file_name).toBe('所辖支部一览-2026-11-22.xlsx');
    expect(asked).toEqual(['council_overview', 'council_overview_export', 'file_save']);
  });
});
