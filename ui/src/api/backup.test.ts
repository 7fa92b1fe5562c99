import { afterEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { backupCreate, backupList, backupPreview, backupRestore } from './backup';

afterEach(() => clearMocks());

describe('backup commands', () => {
  test('each wrapper sends its command with camelCase arguments', async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, JSON.parse(JSON.stringify(args ?? {}))]);
      return cmd === 'backup_list' ? [] : null;
    });
    expect(await backupList()).toEqual([]);
    await backupCreate();
    await backupPreview('zhibu-20261122-090000-manual.sqlite3');
    await backupRestore('zhibu-20261122-090000-manual.sqlite3');
    expect(seen).toEqual([
      ['backup_list', {}],
      ['backup_create', {}],
      ['backup_preview', { fileName: 'zhibu-20261122-090000-manual.sqlite3' }],
      ['backup_restore', { fileName: 'zhibu-20261122-090000-manual.sqlite3' }],
    ]);
  });
});
