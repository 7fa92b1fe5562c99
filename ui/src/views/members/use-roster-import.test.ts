import { afterEach, describe, expect, test, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { RosterPreview } from '@/generated/RosterPreview';
import { emptyRosterMapping } from './import-model';
import { file, GUESS, PREVIEW_CLEAN, PREVIEW_DIFFERS, PREVIEW_NOBODY_NEW, PREVIEW_UPDATES, PREVIEW_WITH_ERRORS, TABLE } from './import-fixtures';
import { useRosterImport } from './use-roster-import';

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
});

/** The core: reads TABLE, previews with `preview`, and commits what a clean preview says. */
function mockCore(preview: () => RosterPreview = () => PREVIEW_WITH_ERRORS) {
  const asked: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    asked.push([cmd, args]);
    if (cmd === 'roster_import_read_path') return TABLE;
    if (cmd === 'roster_import_preview') return preview();
    if (cmd === 'roster_import_commit') return PREVIEW_CLEAN;
    throw new Error(cmd);
  });
  return asked;
}

describe('useRosterImport', () => {
  test('reading a file starts from the core’s guess; nothing can be imported before a preview', async () => {
    const asked = mockCore();
    const imp = useRosterImport();
    expect(await imp.read(file('一支部花名册.xlsx'))).toBe(true);
    expect(asked).toEqual([['roster_import_read_path', { path: '/home/她/文档/一支部花名册.xlsx' }]]);
    expect(imp.table.value?.rows).toHaveLength(4);
    expect({ ...imp.mapping }).toEqual(GUESS);
    expect(imp.problem.value).toBeNull();
    expect(imp.canCommit.value).toBe(false);
    await expect(imp.commit()).resolves.toBeNull();
    expect(asked).toHaveLength(1);
  });

  test('a mapping without 身份证号 or with a column twice is not previewed', async () => {
    const asked = mockCore();
    const imp = useRosterImport();
    await imp.read(file('a.csv'));
    imp.mapping.id_number = null;
    expect(imp.problem.value).toEqual({ kind: 'required', reason: 'required', field: 'id_number' });
    expect(await imp.runPreview()).toBe(false);
    imp.mapping.id_number = 2;
    imp.mapping.notes = 2;
    expect(imp.problem.value?.kind).toBe('shared');
    expect(await imp.runPreview()).toBe(false);
    expect(asked.map(([cmd]) => cmd)).toEqual(['roster_import_read_path']);
  });

  test('rows in error block the import; a clean preview of the same mapping imports it', async () => {
    let fixed = false;
    const asked = mockCore(() => (fixed ? PREVIEW_CLEAN : PREVIEW_WITH_ERRORS));
    const imp = useRosterImport();
    await imp.read(file('a.xlsx'));
    imp.mapping.native_place = 0;
    await flushPromises();
    expect(await imp.runPreview()).toBe(true);
    expect(asked.at(-1)).toEqual(['roster_import_preview', { table: TABLE, mapping: { ...GUESS, native_place: 0 }, update: false }]);
    expect(imp.preview.value?.invalid).toBe(2);
    expect(imp.canCommit.value).toBe(false);
    await expect(imp.commit()).resolves.toBeNull();
    expect(asked.map(([cmd]) => cmd)).not.toContain('roster_import_commit');

    fixed = true;
    await imp.runPreview();
    expect(imp.canCommit.value).toBe(true);
    await expect(imp.commit()).resolves.toEqual(PREVIEW_CLEAN);
    expect(asked.at(-1)).toEqual(['roster_import_commit', { table: TABLE, mapping: { ...GUESS, native_place: 0 }, update: false }]);
    expect(imp.done.value).toEqual(PREVIEW_CLEAN);
    // Once imported, the same preview is not imported twice.
    expect(imp.canCommit.value).toBe(false);
  });

  test('nobody new: nothing to import', async () => {
    mockCore(() => PREVIEW_NOBODY_NEW);
    const imp = useRosterImport();
    await imp.read(file('a.xlsx'));
    await imp.runPreview();
    expect(imp.preview.value?.existing).toBe(1);
    expect(imp.canCommit.value).toBe(false);
  });

  test('changing the mapping makes the preview stale', async () => {
    mockCore(() => PREVIEW_CLEAN);
    const imp = useRosterImport();
    await imp.read(file('a.csv'));
    await imp.runPreview();
    expect(imp.canCommit.value).toBe(true);
    imp.mapping.notes = 0;
    await flushPromises();
    expect(imp.preview.value).toBeNull();
    expect(imp.canCommit.value).toBe(false);
  });

  test('a refused file keeps the one before; a refused import keeps the row the core named', async () => {
    mockIPC((cmd) => {
      if (cmd === 'roster_import_read_path') throw { code: 'validation', message: 'x', field: 'import_file', reason: 'unsupported_file_type' };
      throw new Error(cmd);
    });
    const imp = useRosterImport();
    expect(await imp.read(file('a.docx'))).toBe(false);
    expect(imp.error.value?.reason).toBe('unsupported_file_type');
    expect(imp.table.value).toBeNull();
    expect(imp.busy.value).toBeNull();

    mockIPC((cmd) => {
      if (cmd === 'roster_import_read_path') return TABLE;
      if (cmd === 'roster_import_preview') return PREVIEW_CLEAN;
      throw { code: 'validation', message: 'x', field: 'id_number', reason: 'id_number_duplicate', row: 5 };
    });
    await imp.read(file('a.csv'));
    expect(imp.error.value).toBeNull();
    await imp.runPreview();
    await expect(imp.commit()).resolves.toBeNull();
    expect(imp.error.value?.row).toBe(5);
    expect(imp.done.value).toBeNull();
    // The preview stays: the user can look at the row and try again.
    expect(imp.canCommit.value).toBe(true);
  });

  test('reset forgets the file', async () => {
    mockCore();
    const imp = useRosterImport();
    await imp.read(file('a.csv'));
    imp.reset();
    expect(imp.table.value).toBeNull();
    expect({ ...imp.mapping }).toEqual(emptyRosterMapping());
    expect(imp.problem.value).toBeNull();
  });

  test('the template is saved as an .xlsx where she chooses', async () => {
    const saved: number[][] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'roster_import_template') return [0x50, 0x4b, 3, 4];
      if (cmd === 'file_save') {
        saved.push(Array.from(args as Uint8Array));
        return { path: '/home/她/党员花名册模板.xlsx', file_name: '党员花名册模板.xlsx' };
      }
      throw new Error(cmd);
    });
    const imp = useRosterImport();
    expect(await imp.downloadTemplate('党员花名册模板.xlsx', (k) => k)).toEqual({ path: '/home/她/党员花名册模板.xlsx', file_name: '党员花名册模板.xlsx' });
    expect(saved).toEqual([[0x50, 0x4b, 3, 4]]);
  });

  test('更新已有党员 previews again with the members on the roster updated, and imports so', async () => {
    const asked: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      if (cmd === 'roster_import_read_path') return TABLE;
      if (cmd === 'roster_import_preview') return (args as { update: boolean }).update ? PREVIEW_UPDATES : PREVIEW_DIFFERS;
      if (cmd === 'roster_import_commit') return PREVIEW_UPDATES;
      throw new Error(cmd);
    });
    const imp = useRosterImport();
    await imp.read(file('a.xlsx'));
    await imp.runPreview();
    expect(imp.canCommit.value).toBe(false);
    imp.update.value = true;
    await flushPromises();
    expect(asked.at(-1)).toEqual(['roster_import_preview', { table: TABLE, mapping: GUESS, update: true }]);
    expect(imp.preview.value).toEqual(PREVIEW_UPDATES);
    expect(imp.canCommit.value).toBe(true);
    await imp.commit();
    expect(asked.at(-1)).toEqual(['roster_import_commit', { table: TABLE, mapping: GUESS, update: true }]);
    imp.reset();
    expect(imp.update.value).toBe(false);
  });
});
