import { beforeEach, describe, expect, test } from 'vitest';
import { mockIPC } from '@tauri-apps/api/mocks';
import { i18n } from '@/locales';
import { byTestId, cleanUpAfterEach, eventually } from '@/test-utils';
import { filterLabel, saveFile, showSaved } from './download';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;

type Sent = { cmd: string; args: unknown; headers?: Record<string, string> };
let sent: Sent[];
/** What the save dialog answers: a path, or null for a cancelled dialog. */
let picked: string | null;

beforeEach(() => {
  sent = [];
  picked = '/home/她/文档/永川区党支部2026年台账.xlsx';
  mockIPC((cmd) => {
    if (cmd === 'file_save') return picked ? { path: picked, file_name: picked.split('/').pop() } : null;
    if (cmd === 'file_reveal') return null;
    throw new Error(`unexpected ${cmd}`);
  });
  // The mock does not hand the headers on; note them on the way.
  type Invoke = (cmd: string, args: unknown, options?: { headers?: Record<string, string> }) => unknown;
  const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: Invoke } }).__TAURI_INTERNALS__;
  const invoke = internals.invoke;
  internals.invoke = (cmd, args, options) => {
    sent.push({ cmd, args, headers: options?.headers });
    return invoke(cmd, args, options);
  };
});

cleanUpAfterEach();

describe('saving where she chooses', () => {
  test('the dialog is asked with the proposed name and a filter for its kind of file', async () => {
    const saved = await saveFile(new Uint8Array([80, 75, 3, 4]), '永川区党支部2026年台账.xlsx', t);
    expect(saved).toEqual({ path: picked, file_name: '永川区党支部2026年台账.xlsx' });
    expect(sent).toHaveLength(1);
    expect(sent[0].cmd).toBe('file_save');
    expect(Array.from(sent[0].args as Uint8Array)).toEqual([80, 75, 3, 4]);
    expect(sent[0].headers).toEqual({
      'x-file-name': encodeURIComponent('永川区党支部2026年台账.xlsx'),
      'x-file-filter': encodeURIComponent('Excel 工作簿'),
    });
  });

  test('text is sent as UTF-8 bytes', async () => {
    await saveFile('{"名称":"四强"}', '四强模板.json', t);
    expect(new TextDecoder().decode(sent[0].args as Uint8Array)).toBe('{"名称":"四强"}');
    expect(decodeURIComponent(sent[0].headers!['x-file-filter'])).toBe('JSON 文件');
  });

  test('a cancelled dialog answers null and nothing else is asked', async () => {
    picked = null;
    expect(await saveFile(new Uint8Array([1]), '签到表.xlsx', t)).toBeNull();
    expect(sent.map((s) => s.cmd)).toEqual(['file_save']);
  });

  test('filters are labelled by extension, known or not', () => {
    expect(filterLabel('a.xlsx', t)).toBe('Excel 工作簿');
    expect(filterLabel('zhibu-zhibu-20261122-090005-manual.sqlite3', t)).toBe('支部工作台备份');
    expect(filterLabel('.sqlite3', t)).toBe('支部工作台备份');
    expect(filterLabel('照片.JPG', t)).toBe('JPG 文件');
  });

  test('the notice names the path and offers 打开所在文件夹, which shows the file in its folder', async () => {
    showSaved({ path: '/home/她/文档/台账.xlsx', file_name: '台账.xlsx' }, '已保存 台账.xlsx', t);
    const path = await eventually(() => byTestId('saved-file-path'));
    expect(path.textContent).toBe('/home/她/文档/台账.xlsx');
    const reveal = byTestId('saved-file-reveal');
    expect(reveal.textContent).toContain('打开所在文件夹');
    reveal.click();
    await eventually(() => expect(sent.map((s) => s.cmd)).toEqual(['file_reveal']));
    expect(sent[0].args).toEqual({ path: '/home/她/文档/台账.xlsx' });
  });
});
