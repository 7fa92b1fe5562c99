// 导出年度台账: the year asked for, whether 身份证号 and phones go in full, and the workbook saved
// where she chooses (proposed as "<branch><year>年台账.xlsx"), or the route to the same as printable pages.
import { computed, ref } from 'vue';
import type { Translate } from '@/api/ipc';
import { ledgerExport } from '@/api/strengths';
import { useAppStore } from '@/stores/app';
import { saveFile, type SavedFile } from '@/utils/download';

/** How many earlier years the year selector offers. */
export const LEDGER_YEARS_BACK = 9;

/** The years a 台账 can be asked for: this year (of `today`) and the earlier ones, newest first. */
export function ledgerYears(today: string): number[] {
  const thisYear = Number(today.slice(0, 4));
  return Array.from({ length: LEDGER_YEARS_BACK + 1 }, (_, i) => thisYear - i);
}

export function ledgerFileName(year: number, branchName: string, t: Translate): string {
  return t('home.ledger.file_name', { year, branch: branchName });
}

export function useLedgerExport() {
  const app = useAppStore();
  const thisYear = computed(() => Number(app.today.slice(0, 4)));
  const years = computed(() => ledgerYears(app.today));
  const year = ref(thisYear.value);
  /** Off unless asked for each time: a file with them in full holds personal data. */
  const reveal = ref(false);
  const exporting = ref(false);

  function reset() {
    year.value = thisYear.value;
    reveal.value = false;
  }

  /** Saves the workbook where she chooses; answers with where it went, null when she cancelled. */
  async function exportLedger(t: Translate): Promise<SavedFile | null> {
    exporting.value = true;
    try {
      const bytes = await ledgerExport(year.value, reveal.value);
      return await saveFile(bytes, ledgerFileName(year.value, app.branch?.name ?? '', t), t);
    } finally {
      exporting.value = false;
    }
  }

  /** The printable pages of the year asked for, with 身份证号 and phones as asked. */
  function printRoute() {
    return { name: 'ledger-print', query: reveal.value ? { year: String(year.value), reveal: '1' } : { year: String(year.value) } };
  }

  return { thisYear, years, year, reveal, exporting, reset, exportLedger, printRoute };
}
