// Printing one sheet on A4: while `is-printing` is on the root, the print stylesheet
// (styles/index.css) hides everything but the `.print-sheet` element, which is invisible on
// screen. Used by the 学时 statement, the 四强 自评表, the 签到表 and (landscape) the 台账.
import { nextTick, ref, type Ref } from 'vue';

export interface PrintOptions {
  /**
   * A4 landscape with these margins (a CSS length) while this print lasts, instead of the
   * stylesheet's A4 portrait.
   */
  landscape?: { margin: string };
}

/**
 * Adds an @page rule for this print only; answers with its removal. Added through the CSSOM
 * (a constructed stylesheet), which the window's content policy does not hold back as it may
 * an inline <style> element.
 */
function addPageRule(rule: string): () => void {
  if (typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return () => {};
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`@media print { ${rule} }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}

/** Prints once the sheet is rendered; `done` runs when the print dialog closes. */
export async function printSheet(done: () => void, options: PrintOptions = {}): Promise<void> {
  await nextTick();
  const root = document.documentElement;
  root.classList.add('is-printing');
  const removePage = options.landscape ? addPageRule(`@page { size: A4 landscape; margin: ${options.landscape.margin}; }`) : () => {};
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    root.classList.remove('is-printing');
    removePage();
    done();
  };
  window.addEventListener('afterprint', finish, { once: true });
  try {
    window.print();
  } catch {
    finish();
  }
}

/**
 * A 打印 button's state: `printing` is on while the sheet is rendered for the print dialog (the
 * page shows its `.print-sheet` with `v-if="printing"`); `print()` starts a print.
 */
export function usePrintSheet(options: PrintOptions = {}): { printing: Ref<boolean>; print: () => Promise<void> } {
  const printing = ref(false);
  async function print() {
    printing.value = true;
    await printSheet(() => (printing.value = false), options);
  }
  return { printing, print };
}
