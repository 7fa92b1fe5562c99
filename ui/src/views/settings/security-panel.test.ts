import { describe, expect, test } from 'vitest';
import { mount } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { appPlugins, byTestId, cleanUpAfterEach, eventually, has } from '@/test-utils';
import { useLockStore } from '@/stores/lock';
import SecurityPanel from './security-panel.vue';

cleanUpAfterEach();

const KEY = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789';

function core() {
  const state = { passwordSet: false, locked: false, calls: [] as [string, unknown][] };
  mockIPC((cmd, args) => {
    state.calls.push([cmd, JSON.parse(JSON.stringify(args ?? {}))]);
    if (cmd === 'lock_status') {
      return { password_set: state.passwordSet, locked: state.locked, idle_minutes: 10, password_changed_at: state.passwordSet ? '2026-11-22 09:00:00' : null };
    }
    if (cmd === 'password_set') {
      state.passwordSet = true;
      return { key: KEY };
    }
    if (cmd === 'lock') return void (state.locked = true);
    throw new Error(cmd);
  });
  return state;
}

function type(id: string, value: string) {
  const el = byTestId(id);
  const input = (el.querySelector('input') ?? el) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

async function mountPanel() {
  const { plugins } = appPlugins();
  const lock = useLockStore();
  await lock.refresh();
  mount(SecurityPanel, { global: { plugins }, attachTo: document.body });
  return lock;
}

describe('书记密码与锁定', () => {
  test('a short or unmatched password is refused before asking the core', async () => {
    const rust = core();
    await mountPanel();
    type('security-password', '1234567');
    type('security-confirm', '1234567');
    byTestId('security-set').click();
    await eventually(() => expect(byTestId('security-error').textContent).toBe('密码至少 8 个字符'));
    type('security-password', '12345678');
    byTestId('security-set').click();
    await eventually(() => expect(byTestId('security-error').textContent).toBe('两次输入的密码不一致'));
    expect(rust.calls.map(([c]) => c)).not.toContain('password_set');
  });

  test('setting the password shows the recovery key once, then the status and 立即锁定', async () => {
    const rust = core();
    const lock = await mountPanel();
    type('security-password', 'zhibu-2026');
    type('security-confirm', 'zhibu-2026');
    byTestId('security-set').click();
    await eventually(() => expect(byTestId('recovery-key').textContent).toBe(KEY));
    expect(rust.calls).toContainEqual(['password_set', { password: 'zhibu-2026' }]);
    byTestId('recovery-key-done').click();
    await eventually(() => expect(byTestId('security-status').textContent).toContain('2026-11-22'));
    byTestId('lock-now').click();
    await eventually(() => expect(lock.locked).toBe(true));
    expect(has('security-error')).toBe(false);
  });
});
