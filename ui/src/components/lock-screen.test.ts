import { describe, expect, test } from 'vitest';
import { mount } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import { mockIPC } from '@tauri-apps/api/mocks';
import { createMemoryHistory, createRouter } from 'vue-router';
import { appPlugins, byTestId, cleanUpAfterEach, eventually, has } from '@/test-utils';
import { useLockStore } from '@/stores/lock';
import { useOperatorStore } from '@/stores/operator';
import LockScreen from './lock-screen.vue';

cleanUpAfterEach();

const RECOVERED = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789';

/** A Rust side with a password set, locked until the right password or recovery key. */
function core() {
  const state = { locked: true, operator: null as string | null, calls: [] as [string, unknown][] };
  mockIPC((cmd, args) => {
    state.calls.push([cmd, JSON.parse(JSON.stringify(args ?? {}))]);
    if (cmd === 'operator_status')
      return { current: state.operator, remembered: '书记', suggested: ['书记', '副书记', '组织委员', '宣传委员', '纪检委员'], max_chars: 20 };
    if (cmd === 'operator_set') {
      if (state.locked) throw { code: 'locked', message: 'x', field: null, reason: null };
      state.operator = (args as { name: string }).name;
      return state.operator;
    }
    if (cmd === 'lock_status') return { password_set: true, locked: state.locked, idle_minutes: 10, password_changed_at: null };
    if (cmd === 'unlock') {
      if ((args as { password: string }).password !== 'right password') {
        throw { code: 'validation', message: 'x', field: 'password', reason: 'wrong_password' };
      }
      state.locked = false;
      return null;
    }
    if (cmd === 'password_recover') {
      state.locked = false;
      return { key: RECOVERED };
    }
    throw new Error(cmd);
  });
  return state;
}

async function mountLock() {
  const { plugins } = appPlugins();
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<div />' } },
      { path: '/my-hours', name: 'my-hours', component: { template: '<div />' } },
    ],
  });
  const lock = useLockStore();
  await lock.refresh();
  await useOperatorStore().load();
  const w = mount(LockScreen, { global: { plugins: [...plugins, router] }, attachTo: document.body });
  return { w, lock, router };
}

function type(id: string, value: string) {
  const input = byTestId(id).querySelector('input') ?? (byTestId(id) as HTMLInputElement);
  (input as HTMLInputElement).value = value;
  input.dispatchEvent(new Event('input'));
}

describe('the lock screen', () => {
  test('a wrong password is refused in Chinese; the right one unlocks', async () => {
    core();
    const { lock } = await mountLock();
    byTestId('lock-unlock').click();
    await eventually(() => expect(byTestId('lock-error').textContent).toBe('请输入密码'));
    type('lock-password', 'wrong');
    byTestId('lock-unlock').click();
    await eventually(() => expect(byTestId('lock-error').textContent).toBe('密码：密码不正确'));
    expect(lock.locked).toBe(true);
    type('lock-password', 'right password');
    byTestId('lock-unlock').click();
    await eventually(() => expect(lock.locked).toBe(false));
  });

  test('whoever unlocks is the 操作人: last time’s is offered, another may be chosen', async () => {
    const rust = core();
    const { w, lock } = await mountLock();
    await eventually(() => expect(rust.calls.map(([c]) => c)).toContain('operator_status'));
    const select = w.findComponent(ElSelect);
    await eventually(() => expect(select.props('modelValue')).toBe('书记'));
    // Its menu stays inside the lock screen: what is under <body> is hidden while locked.
    expect(select.props('teleported')).toBe(false);
    select.vm.$emit('update:modelValue', '组织委员');
    type('lock-password', 'right password');
    byTestId('lock-unlock').click();
    await eventually(() => expect(lock.locked).toBe(false));
    // Set once the password was accepted, before the lock screen went.
    const order = rust.calls.map(([c]) => c).filter((c) => c === 'unlock' || c === 'operator_set' || c === 'lock_status');
    expect(order.slice(-3)).toEqual(['unlock', 'operator_set', 'lock_status']);
    expect(rust.operator).toBe('组织委员');
  });

  test('the heading shows the lock icon', async () => {
    core();
    await mountLock();
    expect(byTestId('lock-icon').querySelector('svg')).not.toBeNull();
  });

  test('the recovery key breaks between its groups, never inside one', async () => {
    const rust = core();
    await mountLock();
    byTestId('lock-forgot').click();
    await eventually(() => expect(has('lock-recovery-key')).toBe(true));
    type('lock-recovery-key', 'abcd efgh');
    type('lock-new-password', '12345678');
    type('lock-confirm-password', '12345678');
    byTestId('lock-recover').click();
    await eventually(() => expect(byTestId('recovery-key').textContent).toBe(RECOVERED));
    const groups = [...byTestId('recovery-key').querySelectorAll('.recovery-key__group')].map((g) => g.textContent);
    expect(groups).toEqual(RECOVERED.split('-').map((g, i, all) => (i < all.length - 1 ? `${g}-` : g)));
    expect(rust.locked).toBe(false);
  });

  test('the recovery key and a new password unlock after the new key is kept', async () => {
    const rust = core();
    const { lock } = await mountLock();
    byTestId('lock-forgot').click();
    await eventually(() => expect(has('lock-recovery-key')).toBe(true));
    type('lock-recovery-key', 'abcd efgh');
    type('lock-new-password', '12345678');
    type('lock-confirm-password', '12345679');
    byTestId('lock-recover').click();
    await eventually(() => expect(byTestId('lock-error').textContent).toBe('两次输入的密码不一致'));
    type('lock-confirm-password', '12345678');
    byTestId('lock-recover').click();
    await eventually(() => expect(byTestId('recovery-key').textContent).toBe(RECOVERED));
    expect(rust.calls).toContainEqual(['password_recover', { recoveryKey: 'abcd efgh', password: '12345678' }]);
    byTestId('recovery-key-done').click();
    await eventually(() => expect(lock.locked).toBe(false));
  });

  test('members go on to 我的学时 without the password', async () => {
    core();
    const { router } = await mountLock();
    byTestId('lock-my-hours').click();
    await eventually(() => expect(router.currentRoute.value.name).toBe('my-hours'));
  });
});
