// About the app itself: version, database file, the rules' "today".
import { call } from './ipc';

export interface AppInfo {
  version: string;
  db_path: string;
  /** YYYY-MM-DD: the day the rules take as today (overridable for tests). */
  today: string;
}

export const appInfo = () => call<AppInfo>('app_info');
