// The 工作台's obligation calendar: this year's report (for what is due) and the report of the
// year shown in the grid, which may be an earlier one.
import { computed, ref } from 'vue';
import { missedConfirm, missedUndo } from '@/api/calendar';
import { complianceGet } from '@/api/sessions';
import { type AppError } from '@/api/ipc';
import type { ComplianceReport } from '@/generated/ComplianceReport';
import type { PeriodKey } from '@/generated/PeriodKey';
import { useAppStore } from '@/stores/app';
import { dueSoon, gridRows, missedPeriods } from './compliance';
import { useLatest } from '@/utils/use-latest';

/** How many earlier years the grid offers. */
export const YEARS_BACK = 5;

export function useCalendar() {
  const app = useAppStore();
  const thisYear = computed(() => Number(app.today.slice(0, 4)));
  const year = ref(thisYear.value);
  const current = ref<ComplianceReport | null>(null);
  const shown = ref<ComplianceReport | null>(null);
  const loading = ref(false);
  const error = ref<AppError | null>(null);

  const years = computed(() => Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear.value - i));
  const due = computed(() => (current.value ? dueSoon(current.value, app.today) : []));
  const missed = computed(() => (current.value ? missedPeriods(current.value) : []));
  const rows = computed(() => (shown.value ? gridRows(shown.value, app.today) : []));

  // Years can be switched faster than the core answers; only the latest choice counts.
  const { run } = useLatest({ loading, error });

  /** Loads this year's report, and the shown year's when it is another. */
  function load(): Promise<void> {
    return run(async () => {
      const wanted = year.value;
      const now = await complianceGet(thisYear.value, app.today);
      current.value = now;
      shown.value = wanted === thisYear.value ? now : await complianceGet(wanted, app.today);
    });
  }

  function setYear(y: number): Promise<void> {
    year.value = y;
    return run(async () => {
      const report = y === thisYear.value && current.value ? current.value : await complianceGet(y, app.today);
      if (year.value === y) shown.value = report;
    });
  }

  /**
   * 「确认未开展」 (or 「撤销确认」) for every period of a cell, then the report again. A refusal
   * is thrown to the caller after the report is reloaded, so the grid shows what was kept.
   */
  async function settle(keys: PeriodKey[], confirm: boolean): Promise<void> {
    try {
      for (const key of keys) await (confirm ? missedConfirm(key) : missedUndo(key));
    } finally {
      await load();
    }
  }

  return { year, years, thisYear, current, shown, loading, error, due, missed, rows, load, setYear, settle };
}
