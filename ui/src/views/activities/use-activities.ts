// The 活动 page: a year's activities filtered by kind, the series and years there are, and
// adding one.
import { computed, reactive, ref, watch } from 'vue';
import { activityAdd, activityFacets, activityList, activityNextIssue } from '@/api/activities';
import { toAppError, type AppError } from '@/api/ipc';
import type { Activity } from '@/generated/Activity';
import type { ActivityFacets } from '@/generated/ActivityFacets';
import type { ActivityInput } from '@/generated/ActivityInput';
import type { ActivityKind } from '@/generated/ActivityKind';
import type { ActivityQuery } from '@/generated/ActivityQuery';
import type { ActivitySummary } from '@/generated/ActivitySummary';
import { seriesNames } from './activity-model';

export interface ActivityFilters {
  year: number;
  kind: ActivityKind | null;
}

export function buildActivityQuery(f: ActivityFilters): ActivityQuery {
  return { kind: f.kind, series: null, year: f.year, member_id: null };
}

export function useActivities(thisYear: number) {
  const filters = reactive<ActivityFilters>({ year: thisYear, kind: null });
  const rows = ref<ActivitySummary[]>([]);
  /** The series used and the years with activities (not the activities themselves). */
  const facets = ref<ActivityFacets>({ series: [], years: [] });
  const loading = ref(false);
  const error = ref<AppError | null>(null);

  const series = computed(() => seriesNames(facets.value.series));
  const years = computed(() => {
    const seen = new Set<number>([thisYear, ...facets.value.years]);
    return [...seen].filter((y) => y <= thisYear).sort((a, b) => b - a);
  });

  let requestNo = 0;
  async function load(): Promise<void> {
    const mine = ++requestNo;
    loading.value = true;
    try {
      const list = await activityList(buildActivityQuery(filters));
      if (mine !== requestNo) return;
      rows.value = list;
      error.value = null;
    } catch (e) {
      if (mine === requestNo) error.value = toAppError(e);
    } finally {
      if (mine === requestNo) loading.value = false;
    }
  }

  async function loadFacets(): Promise<void> {
    facets.value = await activityFacets();
  }

  watch(() => [filters.year, filters.kind], () => void load());

  async function addActivity(input: ActivityInput): Promise<Activity> {
    const activity = await activityAdd(input);
    await Promise.all([load(), loadFacets().catch(() => undefined)]);
    return activity;
  }

  /** The next 期 of a series; null for no series. */
  async function nextIssue(name: string): Promise<number | null> {
    const s = name.trim();
    return s ? activityNextIssue(s) : null;
  }

  return { filters, rows, facets, series, years, loading, error, load, loadFacets, addActivity, nextIssue };
}
