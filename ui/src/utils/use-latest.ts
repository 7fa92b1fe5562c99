// Latest request wins: a list or report asked again (another year, another filter, a name typed)
// before the core answered keeps only the newest answer, and only its error and loading flag.
import { ref, type Ref } from 'vue';
import { toAppError, type AppError } from '@/api/ipc';

export interface LatestOptions {
  /** The flag to drive, when the caller already has one (a preview's `pending`). */
  loading?: Ref<boolean>;
  error?: Ref<AppError | null>;
}

export function useLatest(options: LatestOptions = {}) {
  const loading = options.loading ?? ref(false);
  const error = options.error ?? ref<AppError | null>(null);
  let requestNo = 0;

  /**
   * Asks `fetch`; when its answer is still the newest request's, hands it to `apply` and clears
   * the error. A failure counts only when it is the newest request's: it goes to `failed` when
   * given, else into `error`.
   */
  async function run<T>(fetch: () => Promise<T>, apply?: (answer: T) => unknown, failed?: (e: unknown) => void): Promise<void> {
    const mine = ++requestNo;
    loading.value = true;
    try {
      const answer = await fetch();
      if (mine !== requestNo) return;
      await apply?.(answer);
      if (mine === requestNo) error.value = null;
    } catch (e) {
      if (mine !== requestNo) return;
      if (failed) failed(e);
      else error.value = toAppError(e);
    } finally {
      if (mine === requestNo) loading.value = false;
    }
  }

  /** Drops any answer still on its way (there is nothing to ask for now). */
  function drop() {
    requestNo += 1;
    loading.value = false;
  }

  return { loading, error, run, drop };
}
