// The 活动 page: a year's activities filtered by kind, the series and years there are, and
// adding one (the list then shows it, whatever the filters were).
import { computed, reactive, ref, watch } from 'vue';
import { activityAdd, activityFacets, activityList, activityNextIssue, activityUpdate } from '@/api/activities';
import { type AppError } from '@/api/ipc';
import type { Activity } from '@/generated/Activity';
import type { ActivityFacets } from '@/generated/ActivityFacets';
import type { ActivityInput } from '@/generated/ActivityInput';
import type { ActivityKind } from '@/generated/ActivityKind';
import type { ActivityQuery } from '@/generated/ActivityQuery';
import type { ActivitySummary } from '@/generated/ActivitySummary';
import { seriesNames } from './activity-model';
import { useLatest } from '@/utils/use-latest';

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

  const latest = useLatest({ loading, error });
  function load(): Promise<void> {
    return latest.run(
      () => activityList(buildActivityQuery(filters)),
      (list) => {
        rows.value = list;
      },
    );
  }

  async function loadFacets(): Promise<void> {
    facets.value = await activityFacets();
  }

  watch(
    () => [filters.year, filters.kind],
    () => void load(),
  );

  async function addActivity(input: ActivityInput): Promise<Activity> {
    const activity = await activityAdd(input);
    // The list it returns to shows it: a year or kind filter that would hide it is changed.
    showing(activity);
    await Promise.all([load(), loadFacets().catch(() => undefined)]);
    return activity;
  }

  async function updateActivity(id: string, input: ActivityInput): Promise<Activity> {
    const activity = await activityUpdate(id, input);
    showing(activity);
    await Promise.all([load(), loadFacets().catch(() => undefined)]);
    return activity;
  }

  /** Moves the filters to the activity's year and drops a kind filter that would hide it. */
  function showing(activity: Pick<Activity, 'kind' | 'held_on'>) {
    const year = Number(activity.held_on.slice(0, 4));
    if (Number.isInteger(year) && year !== filters.year) filters.year = year;
    if (filters.kind && filters.kind !== activity.kind) filters.kind = null;
  }

  /** The next 期 of a series; null for no series. */
  async function nextIssue(name: string): Promise<number | null> {
    const s = name.trim();
    return s ? activityNextIssue(s) : null;
  }

  return { filters, rows, facets, series, years, loading, error, load, loadFacets, addActivity, updateActivity, nextIssue };
}
