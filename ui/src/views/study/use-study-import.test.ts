import { afterEach, describe, expect, test } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { ImportMapping } from '@/generated/ImportMapping';
import type { ImportPreview } from '@/generated/ImportPreview';
import type { ImportTable } from '@/generated/ImportTable';
import { i18n } from '@/locales';
import { columnLabel, rowErrorText } from '@/utils/import';
import { cleanMapping, emptyMapping, mappingReason, useStudyImport } from './use-study-import';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;

afterEach(() => clearMocks());

const GUESS: ImportMapping = { name: 0, id_number: null, date: 1, hours: 2, category: null, note: null, default_category: '', default_date: null };
const TABLE: ImportTable = {
  file_name: '学习强国11月.xlsx',
  header_line: 1,
  headers: ['姓名', '日期', '学时', ''],
  rows: [
    ['徐婷', '2026-11-01', '2', ''],
    ['吴刚', '2026-11-02', '1.3', ''],
    ['张三', '2026-11-03', '1', ''],
  ],
  mapping: GUESS,
};

const PREVIEW_WITH_ERRORS: ImportPreview = {
  rows: [
    { line: 2, member_id: 'm2', member_name: '徐婷', occurred_on: '2026-11-01', hours: 2, category: 'xuexi_qiangguo', note: '', error: null, duplicate: false },
    {
      line: 3,
      member_id: 'm3',
      member_name: '吴刚',
      occurred_on: '2026-11-02',
      hours: null,
      category: 'xuexi_qiangguo',
      note: '',
      error: { field: 'hours', reason: 'half_hours', message: '学时：学时以半小时为单位，如 1、1.5、2' },
      duplicate: false,
    },
    {
      line: 4,
      member_id: null,
      member_name: '张三',
      occurred_on: '2026-11-03',
      hours: 1,
      category: 'xuexi_qiangguo',
      note: '',
      error: { field: 'name', reason: 'not_on_roster', message: '姓名：该人员不在支部名册中' },
      duplicate: false,
    },
  ],
  valid: 1,
  invalid: 2,
  duplicates: 0,
};

const PREVIEW_CLEAN: ImportPreview = { rows: [PREVIEW_WITH_ERRORS.rows[0]], valid: 1, invalid: 0, duplicates: 0 };
/** The same file again: every row was imported before. */
const PREVIEW_ALL_IMPORTED: ImportPreview = {
  rows: [{ ...PREVIEW_WITH_ERRORS.rows[0], duplicate: true }],
  valid: 1,
  invalid: 0,
  duplicates: 1,
};

/** The path the open dialog answers with for a file named `name`. */
function file(name: string): string {
  return `/home/她/文档/${name}`;
}

/** The core: reads the table; previews with errors unless rows 3 and 4 were fixed; commits. */
function mockCore(preview: () => ImportPreview = () => PREVIEW_WITH_ERRORS) {
  const asked: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    asked.push([cmd, args]);
    if (cmd === 'study_import_read_path') return TABLE;
    if (cmd === 'study_import_preview') return preview();
    if (cmd === 'study_import_commit') return { imported: 1, skipped_duplicates: 0 };
    throw new Error(cmd);
  });
  return asked;
}

describe('the mapping', () => {
  test('needs a member column, the hours, a date and a category (column or default)', () => {
    expect(mappingReason(emptyMapping(), 4)).toEqual({ field: 'member', reason: 'required' });
    expect(mappingReason({ ...GUESS, hours: null }, 4)).toEqual({ field: 'hours', reason: 'required' });
    expect(mappingReason(GUESS, 4)).toEqual({ field: 'category', reason: 'required' });
    expect(mappingReason({ ...GUESS, default_category: 'xuexi_qiangguo' }, 4)).toBeNull();
    expect(mappingReason({ ...GUESS, name: null, id_number: 3, category: 3 }, 4)).toBeNull();
    expect(mappingReason({ ...GUESS, date: null, default_category: 'x' }, 4)).toEqual({ field: 'date', reason: 'required' });
    expect(mappingReason({ ...GUESS, date: null, default_date: '2026-13-01', default_category: 'x' }, 4)).toEqual({ field: 'date', reason: 'invalid_date' });
    expect(mappingReason({ ...GUESS, date: null, default_date: '2026-11-30', default_category: 'x' }, 4)).toBeNull();
    expect(mappingReason({ ...GUESS, note: 7, default_category: 'x' }, 4)).toEqual({ field: 'columns', reason: 'invalid_value' });
  });

  test('as sent: cleared selects as none, text trimmed, a blank date as none', () => {
    const cleared = { ...GUESS, note: undefined, default_category: ' 学习强国 ', default_date: ' ' } as unknown as ImportMapping;
    expect(cleanMapping(cleared)).toEqual({ ...GUESS, note: null, default_category: '学习强国', default_date: null });
  });

  test('columns by their header, or their number when the header is blank', () => {
    expect(columnLabel(TABLE.headers, 0, t)).toBe('姓名');
    expect(columnLabel(TABLE.headers, 3, t)).toBe('第 4 列');
  });

  test('a row’s problem: the field and the reason, else the core’s sentence', () => {
    expect(rowErrorText({ field: 'hours', reason: 'half_hours', message: 'x' }, t)).toBe('学时：学时以半小时为单位，如 1、1.5、2');
    expect(rowErrorText({ field: null, reason: 'too_many_tries', message: 'x' }, t)).toBe('尝试次数过多，请稍后再试');
    expect(rowErrorText({ field: 'hours', reason: null, message: '第 3 行的学时无法识别' }, t)).toBe('第 3 行的学时无法识别');
  });
});

describe('useStudyImport', () => {
  test('reading a file starts from the core’s guess; nothing can be imported before a preview', async () => {
    const asked = mockCore();
    const imp = useStudyImport();
    expect(await imp.read(file('学习强国11月.xlsx'))).toBe(true);
    expect(asked).toEqual([['study_import_read_path', { path: '/home/她/文档/学习强国11月.xlsx' }]]);
    expect(imp.table.value?.rows).toHaveLength(3);
    expect({ ...imp.mapping }).toEqual(GUESS);
    expect(imp.problem.value).toEqual({ field: 'category', reason: 'required' });
    expect(imp.canCommit.value).toBe(false);
    // With the mapping incomplete, the preview is not asked for.
    expect(await imp.runPreview()).toBe(false);
    expect(asked).toHaveLength(1);
  });

  test('a preview with bad rows cannot be imported; fixing the file and previewing again can', async () => {
    let fixed = false;
    const asked = mockCore(() => (fixed ? PREVIEW_CLEAN : PREVIEW_WITH_ERRORS));
    const imp = useStudyImport();
    await imp.read(file('a.csv'));
    imp.mapping.default_category = ' xuexi_qiangguo ';
    await flushPromises();
    await imp.runPreview();
    expect(asked.at(-1)).toEqual(['study_import_preview', { table: TABLE, mapping: { ...GUESS, default_category: 'xuexi_qiangguo' } }]);
    expect(imp.preview.value?.invalid).toBe(2);
    expect(imp.canCommit.value).toBe(false);
    await expect(imp.commit()).resolves.toBeNull();
    expect(asked.map(([cmd]) => cmd)).not.toContain('study_import_commit');

    fixed = true;
    await imp.runPreview();
    expect(imp.canCommit.value).toBe(true);
    await expect(imp.commit()).resolves.toEqual({ imported: 1, skipped_duplicates: 0 });
    expect(imp.added.value).toEqual({ imported: 1, skipped_duplicates: 0 });
    expect(asked.at(-1)).toEqual(['study_import_commit', { table: TABLE, mapping: { ...GUESS, default_category: 'xuexi_qiangguo' } }]);
    // Once imported, the same preview is not imported twice.
    expect(imp.canCommit.value).toBe(false);
  });

  test('changing the mapping makes the preview stale', async () => {
    mockCore(() => PREVIEW_CLEAN);
    const imp = useStudyImport();
    await imp.read(file('a.csv'));
    imp.mapping.default_category = 'xuexi_qiangguo';
    await flushPromises();
    await imp.runPreview();
    expect(imp.canCommit.value).toBe(true);
    imp.mapping.note = 3;
    await flushPromises();
    expect(imp.preview.value).toBeNull();
    expect(imp.canCommit.value).toBe(false);
  });

  test('a file whose every row was imported before has nothing to import', async () => {
    const asked = mockCore(() => PREVIEW_ALL_IMPORTED);
    const imp = useStudyImport();
    await imp.read(file('a.csv'));
    imp.mapping.default_category = 'xuexi_qiangguo';
    await flushPromises();
    await imp.runPreview();
    expect(imp.preview.value?.duplicates).toBe(1);
    expect(imp.canCommit.value).toBe(false);
    await expect(imp.commit()).resolves.toBeNull();
    expect(asked.map(([cmd]) => cmd)).not.toContain('study_import_commit');
  });

  test('a refused file or import keeps the error, with the row the core named', async () => {
    mockIPC((cmd) => {
      if (cmd === 'study_import_read_path') throw { code: 'validation', message: 'x', field: 'import_file', reason: 'unsupported_file_type' };
      throw new Error(cmd);
    });
    const imp = useStudyImport();
    expect(await imp.read(file('a.docx'))).toBe(false);
    expect(imp.error.value?.reason).toBe('unsupported_file_type');
    expect(imp.table.value).toBeNull();
    expect(imp.busy.value).toBeNull();

    mockIPC((cmd) => {
      if (cmd === 'study_import_read_path') return TABLE;
      if (cmd === 'study_import_preview') return PREVIEW_CLEAN;
      throw { code: 'validation', message: 'x', field: 'occurred_on', reason: 'date_in_future', row: 5 };
    });
    await imp.read(file('a.csv'));
    expect(imp.error.value).toBeNull();
    imp.mapping.default_category = 'xuexi_qiangguo';
    await flushPromises();
    await imp.runPreview();
    await expect(imp.commit()).resolves.toBeNull();
    expect(imp.error.value?.row).toBe(5);
    expect(imp.added.value).toBeNull();
  });

  test('reset forgets the file', async () => {
    mockCore();
    const imp = useStudyImport();
    await imp.read(file('a.csv'));
    imp.reset();
    expect(imp.table.value).toBeNull();
    expect({ ...imp.mapping }).toEqual(emptyMapping());
    expect(imp.problem.value).toBeNull();
  });
});
