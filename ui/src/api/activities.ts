// Activities beyond the obligations: lecture series, reading salons, study trips.
import type { Activity } from '@/generated/Activity';
import type { ActivityFacets } from '@/generated/ActivityFacets';
import type { ActivityInput } from '@/generated/ActivityInput';
import type { ActivityQuery } from '@/generated/ActivityQuery';
import type { ActivitySummary } from '@/generated/ActivitySummary';
import { call } from './ipc';

/** A list's lines with head counts; the participants come with `activityGet`. */
export const activityList = (query: ActivityQuery) => call<ActivitySummary[]>('activity_list', { query });
export const activityGet = (id: string) => call<Activity>('activity_get', { id });
export const activityAdd = (input: ActivityInput) => call<Activity>('activity_add', { input });
/** Changes a saved activity with the checks of adding one; its 修改记录 keeps what changed. */
export const activityUpdate = (id: string, input: ActivityInput) => call<Activity>('activity_update', { id, input });
/** The series used (with how many activities each) and the years that have activities. */
export const activityFacets = () => call<ActivityFacets>('activity_facets');
/** The 期 number the next activity of the series gets. */
export const activityNextIssue = (series: string) => call<number>('activity_next_issue', { series });
