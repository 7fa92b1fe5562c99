import { afterEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { RosterTable } from '@/generated/RosterTable';
import { rosterImportCommit, rosterImportPreview, rosterImportTemplate } from './members';

afterEach(() => clearMocks());

describe('roster import commands', () => {
  test('preview and commit send the table, the mapping and whether to update members; the template comes back as bytes', async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, JSON.parse(JSON.stringify(args ?? {}))]);
      return cmd === 'roster_import_template' ? [80, 75] : null;
    });
    const table = { file_name: 'a.csv', header_line: 1, headers: ['姓名'], rows: [['张三']], mapping: { name: 0 } } as unknown as RosterTable;
    await rosterImportPreview(table, table.mapping);
    await rosterImportCommit(table, table.mapping, true);
    expect(Array.from(await rosterImportTemplate())).toEqual([80, 75]);
    expect(seen).toEqual([
      ['roster_import_preview', { table, mapping: { name: 0 }, update: false }],
      ['roster_import_commit', { table, mapping: { name: 0 }, update: true }],
      ['roster_import_template', {}],
    ]);
  });
});
