import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { Attachment } from '@/generated/Attachment';
import type { MemberSummary } from '@/generated/MemberSummary';
import { appPlugins } from '@/test-utils';
import { activity, attestation, session } from './fixtures';
import { useAttest } from './use-attest';

beforeEach(() => {
  appPlugins('2026-11-22');
});
afterEach(() => clearMocks());

const INPUT = { year: 2026, item_id: 'branch_brand', met: true, achieved_on: '2026-11-20', note: '品牌发布', attested_by: '', evidence: [] };

function member(name: string, roles: MemberSummary['roles']): Partial<MemberSummary> {
  return { id: name, name, roles };
}

function file(name: string, bytes: number[], size?: number): Blob & { name: string } {
  const blob = new Blob([new Uint8Array(bytes)]) as Blob & { name: string };
  Object.defineProperty(blob, 'name', { value: name });
  if (size !== undefined) Object.defineProperty(blob, 'size', { value: size });
  return blob;
}

/** Catches attachment_add, whose owner travels in headers that mockIPC does not pass on. */
function catchUploads(): { owner: string; name: string }[] {
  const sent: { owner: string; name: string }[] = [];
  const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: (...a: unknown[]) => Promise<unknown> } }).__TAURI_INTERNALS__;
  const mocked = internals.invoke;
  internals.invoke = async (cmd, args, options) => {
    if (cmd === 'attachment_add') {
      const headers = (options as { headers: Record<string, string> }).headers;
      sent.push({ owner: `${headers['x-owner-kind']}:${headers['x-owner-id']}`, name: decodeURIComponent(headers['x-file-name']) });
      return {
        id: 'f9',
        owner_kind: 'attestation',
        owner_id: headers['x-owner-id'],
        file_name: 'x',
        sha256: '',
        size: 1,
        mime: '',
        added_at: '',
      } satisfies Attachment;
    }
    return mocked(cmd, args, options);
  };
  return sent;
}

describe('useAttest', () => {
  test('offers the year’s sessions and activities; the secretary confirms by default', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      if (cmd === 'session_list') return [session({ id: 's1', held_on: '2026-01-08', title: '一月支委会' })];
      if (cmd === 'activity_list') return [activity({ id: 'a1', held_on: '2026-05-09', title: '志愿服务' })];
      if (cmd === 'member_list') return { total: 2, rows: [member('陈敏', []), member('周建华', ['secretary'])], counts: {} };
      throw new Error(cmd);
    });
    const attest = useAttest();
    await attest.load(2026);
    expect(asked).toContainEqual(['session_list', { query: { from: '2026-01-01', to: '2026-12-31', obligation: null, party_group_id: null } }]);
    expect(asked).toContainEqual(['activity_list', { query: { kind: null, series: null, year: 2026, member_id: null } }]);
    expect(attest.sessions.value.map((s) => s.id)).toEqual(['s1']);
    expect(attest.activities.value.map((a) => a.id)).toEqual(['a1']);
    expect(attest.secretary.value).toBe('周建华');
    expect(attest.error.value).toBeNull();
  });

  test('saves the confirmation, then uploads the chosen files to it; a refused file is reported', async () => {
    const order: string[] = [];
    mockIPC((cmd, args) => {
      order.push(cmd);
      if (cmd === 'strengths_attest') return attestation({ id: 'att-9', item_id: (args as { input: { item_id: string } }).input.item_id });
      if (cmd === 'attachment_list') return [];
      throw new Error(cmd);
    });
    const sent = catchUploads();
    const attest = useAttest();
    const { attestation: saved, failed } = await attest.save(INPUT, [file('品牌发布会.jpg', [1, 2]), file('录像.mp4', [0], 60 * 1024 * 1024)]);
    expect(saved.id).toBe('att-9');
    expect(order[0]).toBe('strengths_attest');
    expect(sent).toEqual([{ owner: 'attestation:att-9', name: '品牌发布会.jpg' }]);
    expect(failed.map((f) => [f.name, f.error.reason])).toEqual([['录像.mp4', 'file_too_large']]);
    expect(attest.saving.value).toBe(false);
  });

  test('a refused confirmation uploads nothing', async () => {
    mockIPC((cmd) => {
      if (cmd === 'strengths_attest') throw { code: 'validation', message: 'x', field: 'evidence', reason: 'evidence_required' };
      throw new Error(cmd);
    });
    const sent = catchUploads();
    const attest = useAttest();
    await expect(attest.save({ ...INPUT, note: '' }, [file('a.jpg', [1])])).rejects.toMatchObject({ reason: 'evidence_required' });
    expect(sent).toEqual([]);
    expect(attest.saving.value).toBe(false);
  });
});
