// About the app itself: version, database file, the rules' "today".
import type { AppInfo } from '@/generated/AppInfo';
import type { HistoryEntry } from '@/generated/HistoryEntry';
import { call } from './ipc';

export type { AppInfo } from '@/generated/AppInfo';

export const appInfo = () => call<AppInfo>('app_info');
/** Shows the data folder in the system's file manager. */
export const appOpenDataFolder = () => call<null>('app_open_data_folder');

let renderedReported = false;

/** Notes a step of the start (the script running, the app mounted, the data known) for the
 * start-up report below; a user timing mark, so it also shows in the web inspector. Once the
 * first page is reported, later visits mark nothing. */
export function markStartup(step: string): void {
  if (!renderedReported) performance.mark(`zhibu:${step}`);
}

/** The start's timeline in ms after the page began loading, in order: the document's own
 * milestones, then the steps marked with markStartup. */
export function startupMarks(): [string, number][] {
  const marks: [string, number][] = [];
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  if (nav) {
    marks.push(['html', nav.responseEnd], ['dom_interactive', nav.domInteractive]);
  }
  for (const m of performance.getEntriesByType('mark')) {
    if (m.name.startsWith('zhibu:')) marks.push([m.name.slice('zhibu:'.length), m.startTime]);
  }
  return marks.filter(([, ms]) => ms > 0).map(([step, ms]) => [step, Math.round(ms)]);
}

/** Tells the app, once per run, that the first page has been drawn with its data: the app logs
 * how long its start took, step by step (and scripts/measure-app times it). Called once the
 * page's DOM is in place; it reports after the next frame has been drawn (two animation
 * frames), as the bare window it is measured against does. Never fails the page. */
export function reportRendered(page: string): void {
  if (renderedReported) return;
  markStartup('dom_ready');
  renderedReported = true;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const sinceNavigationMs = Math.round(performance.now());
      call<null>('app_rendered', { page, sinceNavigationMs, marks: startupMarks() }).catch(() => undefined);
    }),
  );
}

/** A record's history from the change log (entity as the core logs it: member, session, ...). */
export const recordHistory = (entity: string, entityId: string) => call<HistoryEntry[]>('record_history', { entity, entityId });
