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

describe('printSheet in landscape', () => {
  test('A4 landscape holds while the print dialog is open and is gone after it', async () => {
    // happy-dom keeps no @page rules, so what the sheet was given is noted instead.
    const given = vi.spyOn(CSSStyleSheet.prototype, 'replaceSync');
    const before = document.adoptedStyleSheets.length;
    let whilePrinted = 0;
    window.print = vi.fn(() => {
      whilePrinted = document.adoptedStyleSheets.length;
    });
    const done = vi.fn();
    await printSheet(done, { landscape: { margin: '10mm' } });
    expect(whilePrinted).toBe(before + 1);
    expect(given).toHaveBeenCalledTimes(1);
    expect(given.mock.calls[0][0]).toBe('@media print { @page { size: A4 landscape; margin: 10mm; } }');
    window.dispatchEvent(new Event('afterprint'));
    expect(document.adoptedStyleSheets.length).toBe(before);
    expect(done).toHaveBeenCalledTimes(1);
    given.mockRestore();
  });

  test('a print without it adds no page rule', async () => {
    const before = document.adoptedStyleSheets.length;
    let whilePrinted = -1;
    window.print = vi.fn(() => {
      whilePrinted = document.adoptedStyleSheets.length;
    });
    await printSheet(() => {});
    expect(whilePrinted).toBe(before);
    window.dispatchEvent(new Event('afterprint'));
  });
});
