// The 台账 to print: the year's book from the core, measured as laid out on the page and cut
// into pages.
import { nextTick, ref } from 'vue';
import { ledgerBook } from '@/api/strengths';
import type { LedgerBook } from '@/generated/LedgerBook';
import { pagesOf, type Measured, type PageSlice } from './ledger-model';

export function useLedgerPrint() {
  const book = ref<LedgerBook | null>(null);
  const pages = ref<PageSlice[]>([]);
  const loading = ref(false);
  /** While on, the uncut copy is laid out out of sight to be measured. */
  const measuring = ref(false);
  const error = ref<unknown>(null);

  let requestNo = 0;

  /**
   * Loads the year's book, lets the uncut copy render, and cuts the pages by `measure`; an
   * older answer arriving after a newer request (the year changed meanwhile) is dropped.
   */
  async function load(year: number, reveal: boolean, measure: () => Measured | null): Promise<void> {
    const mine = ++requestNo;
    loading.value = true;
    error.value = null;
    book.value = null;
    pages.value = [];
    try {
      const got = await ledgerBook(year, reveal);
      if (mine !== requestNo) return;
      book.value = got;
      measuring.value = true;
      await nextTick();
      // Measured in the fonts it prints in.
      await document.fonts?.ready;
      if (mine !== requestNo) return;
      pages.value = pagesOf(got, measure());
    } catch (e) {
      if (mine === requestNo) error.value = e;
    } finally {
      if (mine === requestNo) {
        measuring.value = false;
        loading.value = false;
      }
    }
  }

  return { book, pages, loading, measuring, error, load };
}
