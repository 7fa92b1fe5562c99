// The 学时 page: the chosen year's report, the table's filter and sort, who has a PIN.
import { computed, ref } from 'vue';
import { selfCheckSettings, studyHoursExport, studyReport } from '@/api/study';
import { type AppError, type Translate } from '@/api/ipc';
import { saveFile, type SavedFile } from '@/utils/download';
import type { StudyReport } from '@/generated/StudyReport';
import { useAppStore } from '@/stores/app';
import { behindList, summaryOf, tableRows, type StudySort } from './study-model';
import { useLatest } from '@/utils/use-latest';

export const DEFAULT_SORT: StudySort = { prop: 'pace', order: 'ascending' };

/** How many earlier years the year selector offers. */
export const YEARS_BACK = 5;

/** The name the save dialog proposes for the 学时单. */
export function hoursFileName(year: number, branchName: string, t: Translate): string {
  return t('study.export.file_name', { year, branch: branchName });
}

export function useStudy() {
  const app = useAppStore();
  const thisYear = computed(() => Number(app.today.slice(0, 4)));
  const year = ref(thisYear.value);
  const years = computed(() => Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear.value - i));
  const report = ref<StudyReport | null>(null);
  const loading = ref(false);
  const error = ref<AppError | null>(null);
  const behindOnly = ref(false);
  /** Worst first unless the secretary sorts otherwise: the page is there to show who is behind. */
  const sort = ref<StudySort>({ ...DEFAULT_SORT });
  /** Members who have a PIN for 我的学时. */
  const withPin = ref<ReadonlySet<string>>(new Set());

  const rows = computed(() => tableRows(report.value, { behindOnly: behindOnly.value, sort: sort.value }));
  const behind = computed(() => behindList(report.value));
  const summary = computed(() => summaryOf(report.value));

  // The year can be switched faster than the core answers; only the latest choice counts.
  const latest = useLatest({ loading, error });
  function load(): Promise<void> {
    const wanted = year.value;
    return latest.run(
      () => studyReport(wanted, app.today),
      (answer) => {
        report.value = answer;
      },
    );
  }

  async function loadPins(): Promise<void> {
    withPin.value = new Set((await selfCheckSettings()).with_pin);
  }

  function setYear(y: number): Promise<void> {
    year.value = y;
    return load();
  }

  function setSort(prop: string | null, order: StudySort['order']) {
    const known = prop === 'name' || prop === 'hours' || prop === 'share' || prop === 'pace';
    sort.value = known && order ? { prop, order } : { prop: null, order: null };
  }

  const exporting = ref(false);

  /**
   * 导出学时单: the year shown saved where she chooses, proposed as "<branch>-<year>年学时单.xlsx"
   * in Documents; answers where it went, or null when she cancelled.
   */
  async function exportHours(t: Translate): Promise<SavedFile | null> {
    exporting.value = true;
    try {
      const bytes = await studyHoursExport(year.value, app.today);
      return await saveFile(bytes, hoursFileName(year.value, app.branch?.name ?? '', t), t);
    } finally {
      exporting.value = false;
    }
  }

  /** The member's line in the report shown, if any. */
  function progressOf(id: string | null) {
    return id ? (report.value?.members.find((m) => m.id === id) ?? null) : null;
  }

  return {
    year,
    years,
    thisYear,
    report,
    loading,
    error,
    behindOnly,
    sort,
    withPin,
    rows,
    behind,
    summary,
    exporting,
    load,
    loadPins,
    setYear,
    setSort,
    progressOf,
    exportHours,
  };
}
