// The yearly 台账 on A4 landscape pages: each section's tables cut into pages by the rows'
// measured heights, every page with the branch and year above and "第 n 页，共 N 页" below
// (WebKit prints no page numbers of its own: it has no @page margin boxes).
import type { Translate } from '@/api/ipc';
import type { LedgerBook } from '@/generated/LedgerBook';
import type { LedgerTable } from '@/generated/LedgerTable';

/** The printable area of A4 landscape inside the print margins, in millimetres. */
export const PAGE_MARGIN_MM = 10;
export const PAGE_WIDTH_MM = 297 - 2 * PAGE_MARGIN_MM;
/** A millimetre short of the area, so rounding never spills a page onto a second sheet. */
export const PAGE_HEIGHT_MM = 210 - 2 * PAGE_MARGIN_MM - 1;
/** The space above a section's second table (四强: the items under the scores). */
export const TABLE_GAP_MM = 4;

/** What was measured of one section, in pixels. */
export interface SectionMeasure {
  /** Its title and notes, on its first page only. */
  lead: number;
  /** Each table's header row and each of its rows (an empty table: its one "无记录" row). */
  tables: { head: number; rows: number[] }[];
}

/** What a page's body holds (in pixels), what each section needs, and the gap between tables. */
export interface Measured {
  capacity: number;
  gap: number;
  sections: SectionMeasure[];
}

/** Rows `from` up to `to` (exclusive) of one of the section's tables. */
export interface PagePart {
  table: number;
  from: number;
  to: number;
}

/** One page: a section's lead (on its first page), then parts of its tables. */
export interface PageSlice {
  section: number;
  first: boolean;
  parts: PagePart[];
}

/**
 * Cuts every section into pages of `capacity` pixels (the page body between the running
 * header and the footer). A section starts on a new page; a table continued on the next page
 * repeats its header row. A page with nothing on it takes the next row whatever its height, so
 * a row taller than a page still prints (cut at the page's foot) instead of looping.
 */
export function paginate(sections: SectionMeasure[], capacity: number, gap = 0): PageSlice[] {
  const pages: PageSlice[] = [];
  sections.forEach((section, s) => {
    let page: PageSlice = { section: s, first: true, parts: [] };
    let used = section.lead;
    const turn = () => {
      pages.push(page);
      page = { section: s, first: false, parts: [] };
      used = 0;
    };
    const bare = () => page.parts.length === 0 && !(page.first && section.lead > 0);
    section.tables.forEach((table, ti) => {
      const rows = table.rows.length ? table.rows : [0];
      let i = 0;
      while (i < rows.length) {
        const spacing = page.parts.length ? gap : 0;
        if (used + spacing + table.head + rows[i] > capacity && !bare()) {
          turn();
          continue;
        }
        used += spacing + table.head;
        const from = i;
        do {
          used += rows[i];
          i += 1;
        } while (i < rows.length && used + rows[i] <= capacity);
        page.parts.push({ table: ti, from, to: i });
        if (i < rows.length) turn();
      }
    });
    pages.push(page);
  });
  return pages;
}

/** The year asked for in the route (`?year=2025`), else this year. */
export function yearFromQuery(value: unknown, today: string): number {
  const thisYear = Number(today.slice(0, 4));
  const year = typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(year) && year >= 1921 && year <= thisYear ? year : thisYear;
}

/** The sections with no row in any table (nothing logged that year): their sheet names. */
export function emptySheets(book: LedgerBook): string[] {
  return book.sections.filter((s) => s.tables.every((tb) => tb.rows.length === 0)).map((s) => s.sheet);
}

/** The columns' widths as shares of the page's width, from the widths the workbook sets. */
export function columnShares(table: LedgerTable): string[] {
  const total = table.columns.reduce((sum, c) => sum + c.width, 0) || 1;
  return table.columns.map((c) => `${((c.width / total) * 100).toFixed(2)}%`);
}

/** The running header of every page: "永川区…党支部 2026年度台账 · 花名册". */
export function runningHead(book: LedgerBook, section: number, t: Translate): string {
  return t('ledger.print.running_head', { branch: book.branch_name, year: book.year, sheet: book.sections[section]?.sheet ?? '' });
}

/** "第 3 页，共 41 页". */
export function pageNumber(n: number, total: number, t: Translate): string {
  return t('ledger.print.page_number', { n, total });
}

/** The pages as measured; with nothing measurable (no layout), each section on one page. */
export function pagesOf(book: LedgerBook, m: Measured | null): PageSlice[] {
  return m && m.capacity > 0 ? paginate(m.sections, m.capacity, m.gap) : unmeasured(book);
}

/** Every section on a page of its own, all rows: what shows before anything is measured. */
export function unmeasured(book: LedgerBook): PageSlice[] {
  return book.sections.map((s, section) => ({
    section,
    first: true,
    parts: s.tables.map((tb, table) => ({ table, from: 0, to: tb.rows.length })),
  }));
}
