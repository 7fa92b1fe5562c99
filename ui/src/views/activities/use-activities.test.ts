import { afterEach, describe, expect, test } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { ActivitySummary } from '@/generated/ActivitySummary';
import type { ActivityQuery } from '@/generated/ActivityQuery';
import { useActivities } from './use-activities';

afterEach(() => clearMocks());

function activity(id: string, series: string, held_on: string): ActivitySummary {
  return { id, kind: 'lecture_series', series, issue_no: series ? 1 : null, title: 't', held_on, place: '', participant_count: 3, role: null };
}

describe('useActivities', () => {
  test('loads the year, reloads on filters, offers the series and years there are', async () => {
    const queries: ActivityQuery[] = [];
    mockIPC((cmd, args) => {
      // The choices come from their own command, never from every activity of every year.
      if (cmd === 'activity_facets')
        return {
          series: [
            { series: '诵经典', count: 1 },
            { series: '微讲堂', count: 2 },
          ],
          years: [2025, 2024],
        };
      if (cmd !== 'activity_list') throw new Error(cmd);
      const q = (args as { query: ActivityQuery }).query;
      queries.push(q);
      return [activity('a1', '微讲堂', '2026-03-01')];
    });
    const page = useActivities(2026);
    await Promise.all([page.load(), page.loadFacets()]);
    expect(queries).toHaveLength(1);
    expect(queries[0]).toEqual({ kind: null, series: null, year: 2026, member_id: null });
    expect(page.rows.value).toHaveLength(1);
    expect(page.series.value).toEqual(['微讲堂', '诵经典']);
    expect(page.years.value).toEqual([2026, 2025, 2024]);
    page.filters.kind = 'reading_salon';
    await flushPromises();
    expect(queries.at(-1)).toMatchObject({ kind: 'reading_salon', year: 2026 });
  });

  test('the next 期 of a series; none without a series', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      return 20;
    });
    const page = useActivities(2026);
    expect(await page.nextIssue(' 微讲堂 ')).toBe(20);
    expect(await page.nextIssue('  ')).toBeNull();
    expect(asked).toEqual([['activity_next_issue', { series: '微讲堂' }]]);
  });

  test('adding refreshes the year and the series', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'activity_add') return activity('a9', '微讲堂', '2026-11-20');
      return cmd === 'activity_facets' ? { series: [], years: [] } : [];
    });
    const page = useActivities(2026);
    const added = await page.addActivity({} as never);
    expect(added.id).toBe('a9');
    expect(calls.sort()).toEqual(['activity_add', 'activity_facets', 'activity_list']);
  });

  test('an activity added outside the year or kind shown moves the filters to show it', async () => {
    const queries: ActivityQuery[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'activity_add') return { ...activity('a9', '微讲堂', '2025-12-20'), kind: 'lecture_series' };
      if (cmd === 'activity_list') queries.push((args as { query: ActivityQuery }).query);
      return cmd === 'activity_facets' ? { series: [], years: [2025] } : [];
    });
    const page = useActivities(2026);
    page.filters.kind = 'reading_salon';
    await page.addActivity({} as never);
    await flushPromises();
    expect(page.filters).toEqual({ year: 2025, kind: null });
    expect(queries.at(-1)).toMatchObject({ year: 2025, kind: null });
    // One the filters already show leaves them as they are.
    page.filters.kind = 'lecture_series';
    await flushPromises();
    await page.addActivity({} as never);
    expect(page.filters).toEqual({ year: 2025, kind: 'lecture_series' });
  });
});
