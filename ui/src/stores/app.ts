// The app's own facts (version, database file, today) and what it serves: a branch, or (the
// 党委's window) the 上级党委's database through its reading connection.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { appInfo, markStartup, type AppInfo } from '@/api/app';
import { branchGet } from '@/api/branch';
import { councilConnectionGet } from '@/api/council';
import { AppError, toAppError } from '@/api/ipc';
import type { Branch } from '@/generated/Branch';
import type { ConnectionInfo } from '@/generated/ConnectionInfo';

/** Where start-up stands: loading, ready (with or without a branch), or unable to open the data. */
export type StartState = 'loading' | 'ready' | 'failed';

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const branch = ref<Branch | null>(null);
  /** The 党委's reading connection when the app is a 党委's window (never beside a branch). */
  const council = ref<ConnectionInfo | null>(null);
  const state = ref<StartState>('loading');
  /** Why start-up failed: the database could not be opened, or the backend did not answer. */
  const startError = ref<AppError | null>(null);

  const today = computed(() => info.value?.today ?? localToday());
  const hasBranch = computed(() => branch.value !== null);
  const isCouncil = computed(() => branch.value === null && council.value !== null);

  let loading: Promise<void> | null = null;

  /** Loads app info and the branch once; later calls wait for the same load. */
  function load(): Promise<void> {
    loading ??= (async () => {
      state.value = 'loading';
      try {
        // Asked together: each call is a round trip to the app before the first page.
        const [i, b] = await Promise.allSettled([appInfo(), branchGet()]);
        if (i.status === 'fulfilled') info.value = i.value;
        if (i.status === 'rejected') throw i.reason;
        if (b.status === 'rejected') throw b.reason;
        branch.value = b.value;
        // Only a file without a branch can be a 党委's window: asked then, not on every start.
        if (b.value === null) council.value = await councilConnectionGet();
        state.value = 'ready';
        markStartup('app_known');
      } catch (e) {
        startError.value = toAppError(e);
        state.value = 'failed';
      }
    })();
    return loading;
  }

  function setBranch(b: Branch) {
    branch.value = b;
  }

  /** The 党委's connection kept (the window opens in 党委 mode), or forgotten (null: first run again). */
  function setCouncil(c: ConnectionInfo | null) {
    council.value = c;
  }

  return { info, branch, council, state, startError, today, hasBranch, isCouncil, load, setBranch, setCouncil };
});

/** The computer's date, only until app_info has answered. */
function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
