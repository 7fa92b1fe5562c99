import { afterEach, describe, expect, test, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { ref } from 'vue';
import type { Attachment } from '@/generated/Attachment';
import { bytesToDataUrl, formatSize, isImage, useAttachments } from './use-attachments';

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
});

function attachment(id: string, file_name: string, mime: string, size = 3): Attachment {
  return { id, owner_kind: 'session', owner_id: 's1', file_name, sha256: 'x', size, mime, added_at: '2026-11-22T10:00:00' };
}

/** A file as an <input type=file> gives it. */
function file(name: string, bytes: number[], size?: number): Blob & { name: string } {
  const blob = new Blob([new Uint8Array(bytes)]) as Blob & { name: string };
  Object.defineProperty(blob, 'name', { value: name });
  if (size !== undefined) Object.defineProperty(blob, 'size', { value: size });
  return blob;
}

describe('helpers', () => {
  test('sizes read as people write them', () => {
    expect(formatSize(820)).toBe('820 B');
    expect(formatSize(14_540)).toBe('14.2 KB');
    expect(formatSize(3.5 * 1024 * 1024)).toBe('3.5 MB');
  });

  test('only common image types get thumbnails', () => {
    expect(isImage('image/jpeg')).toBe(true);
    expect(isImage('image/png')).toBe(true);
    expect(isImage('application/pdf')).toBe(false);
    expect(isImage('image/svg+xml')).toBe(false);
  });

  test('bytes become a data: URL (allowed by the window’s content policy)', () => {
    expect(bytesToDataUrl(new Uint8Array([104, 105]), 'image/png')).toBe('data:image/png;base64,aGk=');
  });
});

describe('useAttachments', () => {
  test('lists the files of an owner and loads thumbnails for images', async () => {
    const seen: unknown[] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      if (cmd === 'attachment_list') return [attachment('f1', '签到表.jpg', 'image/jpeg'), attachment('f2', '纪要.pdf', 'application/pdf')];
      if (cmd === 'attachment_read') return new Uint8Array([104, 105]).buffer;
      throw new Error(cmd);
    });
    const files = useAttachments('session', ref('s1'));
    await files.load();
    await flushPromises();
    expect(files.items.value.map((a) => a.file_name)).toEqual(['签到表.jpg', '纪要.pdf']);
    expect(files.thumbs.f1).toBe('data:image/jpeg;base64,aGk=');
    expect(files.thumbs.f2).toBeUndefined();
    expect(seen).toEqual([
      ['attachment_list', { ownerKind: 'session', ownerId: 's1' }],
      ['attachment_read', { id: 'f1' }],
    ]);
  });

  test('uploads each file with its owner and name in headers; too large files are refused here', async () => {
    const sent: { body: unknown; headers: unknown }[] = [];
    mockIPC((cmd) => (cmd === 'attachment_list' ? [] : null));
    const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: (...a: unknown[]) => Promise<unknown> } }).__TAURI_INTERNALS__;
    const mocked = internals.invoke;
    internals.invoke = async (cmd, args, options) => {
      if (cmd === 'attachment_add') {
        sent.push({ body: args, headers: (options as { headers: unknown }).headers });
        return attachment('f9', '会议照片.png', 'image/png');
      }
      return mocked(cmd, args, options);
    };
    const files = useAttachments('activity', ref('a1'));
    const result = await files.upload([file('会议照片.png', [1, 2, 3]), file('录像.mp4', [0], 60 * 1024 * 1024)]);
    expect(result.added.map((a) => a.id)).toEqual(['f9']);
    expect(result.failed.map((f) => [f.name, f.error.reason])).toEqual([['录像.mp4', 'file_too_large']]);
    expect(sent).toHaveLength(1);
    expect(Array.from(sent[0].body as Uint8Array)).toEqual([1, 2, 3]);
    expect(sent[0].headers).toEqual({
      'x-owner-kind': 'activity',
      'x-owner-id': 'a1',
      'x-file-name': encodeURIComponent('会议照片.png'),
    });
  });

  test('a refusal from the core is reported per file, the others still go', async () => {
    let n = 0;
    mockIPC((cmd) => {
      if (cmd === 'attachment_list') return [];
      n += 1;
      if (n === 1) throw { code: 'io', message: 'disk full', field: null, reason: null };
      return attachment('f2', 'b.pdf', 'application/pdf');
    });
    const files = useAttachments('session', ref('s1'));
    const result = await files.upload([file('a.pdf', [1]), file('b.pdf', [2])]);
    expect(result.failed.map((f) => [f.name, f.error.code])).toEqual([['a.pdf', 'io']]);
    expect(result.added).toHaveLength(1);
  });

  test('saving a copy reads the file and saves its bytes where she chooses, under its name', async () => {
    const asked: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, cmd === 'file_save' ? Array.from(args as Uint8Array) : args]);
      return cmd === 'file_save' ? { path: '/home/她/签到表.pdf', file_name: '签到表.pdf' } : new Uint8Array([1, 2]).buffer;
    });
    const files = useAttachments('session', ref('s1'));
    const saved = await files.download(attachment('f1', '签到表.pdf', 'application/pdf'), (k) => k);
    expect(saved).toEqual({ path: '/home/她/签到表.pdf', file_name: '签到表.pdf' });
    expect(asked).toEqual([
      ['attachment_read', { id: 'f1' }],
      ['file_save', [1, 2]],
    ]);
  });

  test('without an owner there is nothing to list', async () => {
    const files = useAttachments('session', ref(null));
    await files.load();
    expect(files.items.value).toEqual([]);
  });
});
