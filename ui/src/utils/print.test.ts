import { afterEach, describe, expect, test, vi } from 'vitest';
import { printSheet } from './print';

const originalPrint = window.print;

afterEach(() => {
  window.print = originalPrint;
  document.documentElement.classList.remove('is-printing');
});

describe('printSheet', () => {
  test('marks the root while the print dialog is open and calls done once it closes', async () => {
    let printingWhilePrinted = false;
    // happy-dom has no print dialog; this one notes what the page looked like while shown.
    window.print = vi.fn(() => {
      printingWhilePrinted = document.documentElement.classList.contains('is-printing');
    });
    const done = vi.fn();
    await printSheet(done);
    expect(printingWhilePrinted).toBe(true);
    expect(done).not.toHaveBeenCalled();
    window.dispatchEvent(new Event('afterprint'));
    expect(document.documentElement.classList.contains('is-printing')).toBe(false);
    expect(done).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new Event('afterprint'));
    expect(done).toHaveBeenCalledTimes(1);
  });

  test('a print that fails ends at once, so the sheet does not stay behind', async () => {
    window.print = vi.fn(() => {
      throw new Error('no printer');
    });
    const done = vi.fn();
    await printSheet(done);
    expect(done).toHaveBeenCalledTimes(1);
    expect(document.documentElement.classList.contains('is-printing')).toBe(false);
    // The listener left for afterprint does nothing more.
    window.dispatchEvent(new Event('afterprint'));
    expect(done).toHaveBeenCalledTimes(1);
  });
});
