// Printing one sheet on A4: while `is-printing` is on the root, the print stylesheet
// (styles/index.css) hides everything but the `.print-sheet` element, which is invisible on
// screen. Used by the 学时 statement, the 四强 自评表 and the 签到表.
import { nextTick } from 'vue';

/** Prints once the sheet is rendered; `done` runs when the print dialog closes. */
export async function printSheet(done: () => void): Promise<void> {
  await nextTick();
  const root = document.documentElement;
  root.classList.add('is-printing');
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    root.classList.remove('is-printing');
    done();
  };
  window.addEventListener('afterprint', finish, { once: true });
  try {
    window.print();
  } catch {
    finish();
  }
}
