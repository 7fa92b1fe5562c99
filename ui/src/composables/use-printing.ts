// Printing a sheet the page renders only while it prints: `printing` is true from the call until
// the print dialog closes, so the sheet can be `v-if="printing"`.
import { ref } from 'vue';
import { printSheet, type PrintOptions } from '@/utils/print';

export function usePrinting(options: PrintOptions = {}) {
  const printing = ref(false);

  async function print() {
    printing.value = true;
    await printSheet(() => {
      printing.value = false;
    }, options);
  }

  return { printing, print };
}
