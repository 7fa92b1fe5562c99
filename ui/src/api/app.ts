// About the app itself: version, database file, the rules' "today".
import type { HistoryEntry } from '@/generated/HistoryEntry';
import { call } from './ipc';

export interface AppInfo {
  version: string;
  /** The licence, as an SPDX name ("MIT"). */
  license: string;
  db_path: string;
  /** The folder that holds the database, its backups and attachments. */
  data_dir: string;
  /** YYYY-MM-DD: the day the rules take as today (overridable for tests). */
  today: string;
}

export const appInfo = () => call<AppInfo>('app_info');
/** Shows the data folder in the system's file manager. */
export const appOpenDataFolder = () => call<null>('app_open_data_folder');

let renderedReported = false;

/** Tells the app, once per run, that the first page has rendered with its data: the app logs
 * how long its start took (and scripts/measure-app times it). Never fails the page. */
export function reportRendered(page: string): void {
  if (renderedReported) return;
  renderedReported = true;
  const sinceNavigationMs = Math.round(performance.now());
  call<null>('app_rendered', { page, sinceNavigationMs }).catch(() => undefined);
}

/** A record's history from the change log (entity as the core logs it: member, session, ...). */
export const recordHistory = (entity: string, entityId: string) =>
  call<HistoryEntry[]>('record_history', { entity, entityId });
