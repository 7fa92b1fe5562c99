import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { createPinia, setActivePinia } from 'pinia';
import { errorText } from '@/api/ipc';
import { i18n } from '@/locales';
import { useSessionKindsStore } from './session-kinds';

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => clearMocks());

/** A Rust side holding the branch's own kinds, refusing a taken name as the core does. */
function core() {
  const names: string[] = [];
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    const kind = (name: string) => ({ id: `k-${name}`, name, created_at: '2026-11-22T00:00:00Z' });
    if (cmd === 'session_kind_list') return names.map(kind);
    if (cmd === 'session_kind_add') {
      const name = (args as { input: { name: string } }).input.name.trim();
      if (names.includes(name)) throw { code: 'validation', message: 'x', field: 'kind_name', reason: 'session_kind_taken' };
      names.push(name);
      return kind(name);
    }
    throw new Error(cmd);
  });
  return calls;
}

describe('the branch’s own session kinds', () => {
  test('are added by name and listed again; a taken name is refused in Chinese', async () => {
    const calls = core();
    const store = useSessionKindsStore();
    await store.ensure();
    expect(store.kinds).toEqual([]);
    const added = await store.add(' 读书会 ');
    expect(added.name).toBe('读书会');
    expect(store.kinds.map((k) => k.name)).toEqual(['读书会']);
    expect(calls.filter(([cmd]) => cmd === 'session_kind_add')).toEqual([['session_kind_add', { input: { name: ' 读书会 ' } }]]);
    const refused = await store.add('读书会').catch((e: unknown) => e);
    expect(errorText(refused, i18n.global.t)).toBe('会议类型名称：已有同名的会议类型');
    expect(store.kinds).toHaveLength(1);
  });

  test('ensure reads once', async () => {
    const calls = core();
    const store = useSessionKindsStore();
    await store.ensure();
    await store.ensure();
    expect(calls.filter(([cmd]) => cmd === 'session_kind_list')).toHaveLength(1);
  });
});
