import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { createPinia, setActivePinia } from 'pinia';
import { call } from '@/api/ipc';
import { useLockStore } from './lock';

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => {
  useLockStore().stopWatch();
  clearMocks();
});

/** A Rust side with a password set, locked until `unlock` gets the right one. */
function core(idleMinutes = 10) {
  const state = { locked: false, calls: [] as string[] };
  mockIPC((cmd, args) => {
    state.calls.push(cmd);
    if (cmd === 'lock_status') return { password_set: true, locked: state.locked, idle_minutes: idleMinutes, password_changed_at: '2026-11-22' };
    if (cmd === 'lock') return void (state.locked = true);
    if (cmd === 'unlock') {
      if ((args as { password: string }).password !== 'right password') {
        throw { code: 'validation', message: 'x', field: 'password', reason: 'wrong_password' };
      }
      return void (state.locked = false);
    }
    if (state.locked) throw { code: 'locked', message: '已锁定', field: null, reason: null };
    return [];
  });
  return state;
}

describe('the lock', () => {
  test('locks after the idle minutes without input, and not before', async () => {
    const rust = core(10);
    const lock = useLockStore();
    await lock.refresh();
    const start = Date.now();
    lock.noteActivity();
    await lock.checkIdle(start + 9 * 60_000);
    expect(lock.locked).toBe(false);
    await lock.checkIdle(start + 10 * 60_000 + 1);
    expect(lock.locked).toBe(true);
    expect(rust.calls).toContain('lock');
  });

  test('a wrong password keeps it locked; the right one opens it', async () => {
    const rust = core();
    rust.locked = true;
    const lock = useLockStore();
    await lock.refresh();
    expect(lock.locked).toBe(true);
    await expect(lock.unlock('wrong')).rejects.toMatchObject({ reason: 'wrong_password' });
    expect(lock.locked).toBe(true);
    await lock.unlock('right password');
    expect(lock.locked).toBe(false);
  });

  test('a command refused as locked (the Rust side’s own idle lock) shows the lock screen', async () => {
    const rust = core();
    const lock = useLockStore();
    await lock.refresh();
    lock.startWatch();
    rust.locked = true;
    await expect(call('member_list')).rejects.toMatchObject({ code: 'locked' });
    expect(lock.locked).toBe(true);
  });
});
