import { describe, expect, test } from 'vitest';
import type { LedgerBook } from '@/generated/LedgerBook';
import { i18n } from '@/locales';
import { columnShares, emptySheets, pageNumber, pagesOf, paginate, runningHead, unmeasured, yearFromQuery, type SectionMeasure } from './ledger-model';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;

const rows = (n: number, h = 10) => Array.from({ length: n }, () => h);
/** A section as measured: its lead, then its tables, each given as its row heights under a 20-high header. */
const section = (lead: number, ...tables: number[][]): SectionMeasure => ({ lead, tables: tables.map((r) => ({ head: 20, rows: r })) });

describe('paginate', () => {
  test('a section that fits is one page; each section starts a page of its own', () => {
    const sections: SectionMeasure[] = [section(30, rows(5)), section(30, rows(1))];
    expect(paginate(sections, 200)).toEqual([
      { section: 0, first: true, parts: [{ table: 0, from: 0, to: 5 }] },
      { section: 1, first: true, parts: [{ table: 0, from: 0, to: 1 }] },
    ]);
  });

  test('a long table runs on, its header repeated on each page within the capacity', () => {
    // First page: 30 lead + 20 head + 15 rows = 200; then 20 head + 18 rows = 200 a page.
    const [first, second, third] = paginate([section(30, rows(40))], 200);
    expect(first).toEqual({ section: 0, first: true, parts: [{ table: 0, from: 0, to: 15 }] });
    expect(second).toEqual({ section: 0, first: false, parts: [{ table: 0, from: 15, to: 33 }] });
    expect(third).toEqual({ section: 0, first: false, parts: [{ table: 0, from: 33, to: 40 }] });
  });

  test('a second table follows the first on the same page when its header and a row fit', () => {
    const pages = paginate([section(30, rows(4), rows(20))], 200, 8);
    // 30 + 20 + 40 = 90; then 8 + 20 + 8 rows = 198.
    expect(pages[0].parts).toEqual([
      { table: 0, from: 0, to: 4 },
      { table: 1, from: 0, to: 8 },
    ]);
    expect(pages[1].parts).toEqual([{ table: 1, from: 8, to: 20 }]);
  });

  test('a table whose header and first row no longer fit starts on the next page', () => {
    const pages = paginate([section(0, rows(17), rows(2))], 200, 8);
    expect(pages.map((p) => p.parts)).toEqual([[{ table: 0, from: 0, to: 17 }], [{ table: 1, from: 0, to: 2 }]]);
  });

  test('an empty table keeps a page for its 无记录 line; a row taller than a page still prints', () => {
    expect(paginate([section(30, [])], 200)).toEqual([{ section: 0, first: true, parts: [{ table: 0, from: 0, to: 1 }] }]);
    const pages = paginate([section(30, [10, 500, 10])], 200);
    expect(pages.map((p) => p.parts[0])).toEqual([
      { table: 0, from: 0, to: 1 },
      { table: 0, from: 1, to: 2 },
      { table: 0, from: 2, to: 3 },
    ]);
  });
});

const BOOK: LedgerBook = {
  branch_name: '永川区行政服务中心党支部',
  year: 2026,
  as_of: '2026-11-22',
  revealed: false,
  sections: [
    {
      part: 'roster',
      sheet: '花名册',
      title: '永川区行政服务中心党支部 2026年 党员花名册',
      notes: [],
      tables: [
        {
          columns: [
            { header: '序号', width: 6 },
            { header: '姓名', width: 10 },
            { header: '身份证号', width: 24 },
          ],
          rows: [['1', '张伟', '500107********0012']],
        },
      ],
    },
  ],
};

describe('page furniture', () => {
  test('columns share the page as the workbook’s widths do', () => {
    expect(columnShares(BOOK.sections[0].tables[0])).toEqual(['15.00%', '25.00%', '60.00%']);
  });

  test('every page names the branch, the year and the section, and counts the pages', () => {
    expect(runningHead(BOOK, 0, t)).toBe('永川区行政服务中心党支部 2026年度台账 · 花名册');
    expect(pageNumber(3, 41, t)).toBe('第 3 页，共 41 页');
  });

  test('before measuring, each section is one page with all its rows', () => {
    expect(unmeasured(BOOK)).toEqual([{ section: 0, first: true, parts: [{ table: 0, from: 0, to: 1 }] }]);
  });

  test('measured pages are cut; without a page to measure, each section stays whole', () => {
    const m = { capacity: 100, gap: 0, sections: [section(40, [30, 30, 30])] };
    expect(pagesOf(BOOK, m)).toHaveLength(2);
    expect(pagesOf(BOOK, { ...m, capacity: 0 })).toEqual(unmeasured(BOOK));
    expect(pagesOf(BOOK, null)).toEqual(unmeasured(BOOK));
  });

  test('a section is empty when none of its tables has a row', () => {
    expect(emptySheets(BOOK)).toEqual([]);
    const bare = { ...BOOK.sections[0], sheet: '活动', tables: [{ ...BOOK.sections[0].tables[0], rows: [] }] };
    expect(emptySheets({ ...BOOK, sections: [BOOK.sections[0], bare] })).toEqual(['活动']);
  });

  test('the year comes from the route, within reason, else this year', () => {
    expect(yearFromQuery('2025', '2026-11-22')).toBe(2025);
    expect(yearFromQuery('2027', '2026-11-22')).toBe(2026);
    expect(yearFromQuery('abc', '2026-11-22')).toBe(2026);
    expect(yearFromQuery(undefined, '2026-11-22')).toBe(2026);
    expect(yearFromQuery(['2025'], '2026-11-22')).toBe(2026);
  });
});
