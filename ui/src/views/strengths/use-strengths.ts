// The 四强 page: the chosen year's assessment and trend as of a day, what is missing, the
// 自评报告 workbook and withdrawing an attestation.
import { computed, ref } from 'vue';
import { strengthsAssess, strengthsExport, strengthsTrend, strengthsWithdraw } from '@/api/strengths';
import { type AppError } from '@/api/ipc';
import type { Assessment } from '@/generated/Assessment';
import type { TrendPoint } from '@/generated/TrendPoint';
import { useAppStore } from '@/stores/app';
import { asOfAllowed, missingItems } from './strengths-model';
import { useLatest } from '@/utils/use-latest';

/** How many earlier years the year selector offers. */
export const YEARS_BACK = 5;

export function useStrengths() {
  const app = useAppStore();
  const thisYear = computed(() => Number(app.today.slice(0, 4)));
  const year = ref(thisYear.value);
  const years = computed(() => Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear.value - i));
  /** The day the year is judged at; none means today (or the year's end for a past year). */
  const asOf = ref<string | null>(null);
  const assessment = ref<Assessment | null>(null);
  const trend = ref<TrendPoint[]>([]);
  const loading = ref(false);
  const error = ref<AppError | null>(null);

  const missing = computed(() => missingItems(assessment.value));
  const dayAsked = computed(() => asOf.value ?? app.today);

  // The year or day can change faster than the core answers; only the latest choice counts.
  const latest = useLatest({ loading, error });
  function load(): Promise<void> {
    const [y, day] = [year.value, dayAsked.value];
    return latest.run(
      () => Promise.all([strengthsAssess(y, day), strengthsTrend(y, day)]),
      ([a, points]) => {
        assessment.value = a;
        trend.value = points;
      },
    );
  }

  /** Another year; a day chosen in the previous year no longer applies. */
  function setYear(y: number): Promise<void> {
    year.value = y;
    if (asOf.value && !asOfAllowed(asOf.value, y, app.today)) asOf.value = null;
    return load();
  }

  function setAsOf(day: string | null): Promise<void> {
    asOf.value = day && asOfAllowed(day, year.value, app.today) ? day : null;
    return load();
  }

  /** The 自评报告 workbook of what the page shows. */
  function exportReport(): Promise<Uint8Array<ArrayBuffer>> {
    return strengthsExport(year.value, dayAsked.value);
  }

  async function withdraw(itemId: string): Promise<void> {
    await strengthsWithdraw(year.value, itemId);
    await load();
  }

  return { thisYear, year, years, asOf, dayAsked, assessment, trend, loading, error, missing, load, setYear, setAsOf, exportReport, withdraw };
}
