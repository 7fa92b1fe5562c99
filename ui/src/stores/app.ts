// The app's own facts (version, database file, today) and the branch it serves.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { appInfo, markStartup, type AppInfo } from '@/api/app';
import { branchGet } from '@/api/branch';
import { AppError, toAppError } from '@/api/ipc';
import type { Branch } from '@/generated/Branch';

/** Where start-up stands: loading, ready (with or without a branch), or unable to open the data. */
export type StartState = 'loading' | 'ready' | 'failed';

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const branch = ref<Branch | null>(null);
  const state = ref<StartState>('loading');
  /** Why start-up failed: the database could not be opened, or the backend did not answer. */
  const startError = ref<AppError | null>(null);

  const today = computed(() => info.value?.today ?? localToday());
  const hasBranch = computed(() => branch.value !== null);

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

  return { info, branch, state, startError, today, hasBranch, load, setBranch };
});

/** The computer's date, only until app_info has answered. */
function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
