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

  /** Loads the year's book, lets the uncut copy render, and cuts the pages by `measure`. */
  async function load(year: number, reveal: boolean, measure: () => Measured | null): Promise<void> {
    loading.value = true;
    error.value = null;
    book.value = null;
    pages.value = [];
    try {
      const got = await ledgerBook(year, reveal);
      book.value = got;
      measuring.value = true;
      await nextTick();
      // Measured in the fonts it prints in.
      await document.fonts?.ready;
      pages.value = pagesOf(got, measure());
    } catch (e) {
      error.value = e;
    } finally {
      measuring.value = false;
      loading.value = false;
    }
  }

  return { book, pages, loading, measuring, error, load };
}
