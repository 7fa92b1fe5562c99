// The idle lock covers the page without unmounting it: a half-filled form is there again after
// unlocking, on the page that was open, and nothing of it shows while locked.
import { describe, expect, test } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent, h, ref } from 'vue';
import { appPlugins, byTestId, cleanUpAfterEach, eventually, has } from '@/test-utils';
import { useLockStore } from '@/stores/lock';
import App from './App.vue';

cleanUpAfterEach();

const BRANCH = { id: 'b1', name: '测试党支部' };

/** A page with a form being filled in. */
const FormPage = defineComponent({
  setup() {
    const name = ref('');
    return () => h('input', { 'data-testid': 'page-field', value: name.value, onInput: (e: Event) => (name.value = (e.target as HTMLInputElement).value) });
  },
});

/** A Rust side with a password set, open, and 书记 as this session's 操作人. */
function core() {
  const state = { locked: false };
  mockIPC((cmd, args) => {
    switch (cmd) {
      case 'app_info':
        return { version: '0.1.0', license: 'MIT', db_path: '/tmp/zhibu.sqlite3', data_dir: '/tmp', today: '2026-11-22' };
      case 'branch_get':
        return BRANCH;
      case 'lock_status':
        return { password_set: true, locked: state.locked, idle_minutes: 10, password_changed_at: null };
      case 'operator_status':
        return { current: '书记', remembered: '书记', suggested: ['书记'], max_chars: 20 };
      case 'operator_set':
        return (args as { name: string }).name;
      case 'lock':
        state.locked = true;
        return null;
      case 'unlock':
        state.locked = false;
        return null;
      default:
        return null;
    }
  });
  return state;
}

describe('the idle lock', () => {
  test('keeps a half-filled form, hidden and inert while locked, and returns to its page', async () => {
    core();
    const { plugins } = appPlugins();
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/home', name: 'home', component: { template: '<div />' } },
        { path: '/members', name: 'members', component: FormPage },
        { path: '/my-hours', name: 'my-hours', component: { template: '<div />' } },
      ],
    });
    await router.push('/members');
    mount(App, { global: { plugins: [...plugins, router] }, attachTo: document.body });
    const field = (await eventually(() => byTestId('page-field'))) as HTMLInputElement;
    field.value = '钱晓燕';
    field.dispatchEvent(new Event('input'));
    await flushPromises();

    // The idle watch locks (as checkIdle does once the minutes have passed).
    const lock = useLockStore();
    await lock.lockNow();
    await eventually(() => expect(has('lock-screen')).toBe(true));
    const page = byTestId('app-page');
    expect(page.style.display).toBe('none');
    expect(page.hasAttribute('inert')).toBe(true);
    expect(page.getAttribute('aria-hidden')).toBe('true');
    expect(document.body.classList.contains('zb-locked')).toBe(true);
    // Still mounted under the lock: the same element with what was typed.
    expect(byTestId('page-field')).toBe(field);

    await lock.unlock('right password');
    await eventually(() => expect(has('lock-screen')).toBe(false));
    expect(byTestId('page-field')).toBe(field);
    expect((byTestId('page-field') as HTMLInputElement).value).toBe('钱晓燕');
    expect(byTestId('app-page').style.display).toBe('');
    expect(byTestId('app-page').hasAttribute('inert')).toBe(false);
    expect(document.body.classList.contains('zb-locked')).toBe(false);
    expect(router.currentRoute.value.name).toBe('members');
  });
});
