import { describe, expect, test } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { createMemoryHistory, createRouter } from 'vue-router';
import { useAppStore } from '@/stores/app';
import { appPlugins, byTestId, cleanUpAfterEach, eventually, has, TEST_BRANCH } from '@/test-utils';
import { statement } from '@/views/study/fixtures';
import MyHours from './index.vue';

cleanUpAfterEach();

function type(id: string, text: string) {
  const input = byTestId(id) as HTMLInputElement;
  input.value = text;
  input.dispatchEvent(new Event('input'));
}

async function mountPage(mode: 'pin' | 'id_last6' = 'pin') {
  const asked: string[] = [];
  mockIPC((cmd, args) => {
    asked.push(cmd);
    if (cmd === 'self_check_mode') return mode;
    if (cmd === 'self_check_open') {
      const { secret } = args as { secret: string };
      if (secret !== '246810') throw { code: 'conflict', message: '姓名或密码不正确', field: null, reason: 'wrong_pin' };
      return statement();
    }
    throw new Error(`unexpected ${cmd}`);
  });
  const { plugins } = appPlugins('2026-11-22');
  useAppStore().branch = TEST_BRANCH;
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/my-hours', name: 'my-hours', component: MyHours },
      { path: '/study', name: 'study', component: { template: '<div />' } },
    ],
  });
  await router.push('/my-hours');
  mount(MyHours, { global: { plugins: [...plugins, router] }, attachTo: document.body });
  await flushPromises();
  return { asked, router };
}

describe('我的学时', () => {
  test('a wrong PIN is refused in plain words; the right one shows the member’s own year only', async () => {
    const { asked } = await mountPage();
    expect(byTestId('my-hours-form').textContent).toContain('个人密码');
    type('my-hours-name', '徐婷');
    type('my-hours-secret', '135790');
    byTestId('my-hours-open').click();
    await eventually(() => expect(has('my-hours-error')).toBe(true));
    expect(byTestId('my-hours-error').textContent).toContain('姓名或个人密码不正确');
    expect(has('my-hours-statement')).toBe(false);
    expect((byTestId('my-hours-secret') as HTMLInputElement).value).toBe('');

    type('my-hours-secret', '246810');
    byTestId('my-hours-open').click();
    await eventually(() => expect(has('my-hours-statement')).toBe(true));
    expect(byTestId('my-hours-member').textContent).toBe('徐婷');
    expect(byTestId('my-hours-hours').textContent).toBe('30');
    expect(byTestId('my-hours-pace').textContent).toBe('进度正常');
    const page = byTestId('my-hours-page').textContent ?? '';
    expect(page).toContain('学习强国');
    for (const other of ['吴刚', '杨丽', '陈老']) expect(page).not.toContain(other);
    expect(asked).toEqual(['self_check_mode', 'self_check_open', 'self_check_open']);
  });

  test('退出 clears the statement and the form', async () => {
    await mountPage();
    type('my-hours-name', '徐婷');
    type('my-hours-secret', '246810');
    byTestId('my-hours-open').click();
    await eventually(() => expect(has('my-hours-statement')).toBe(true));
    byTestId('my-hours-exit').click();
    await flushPromises();
    expect(has('my-hours-statement')).toBe(false);
    expect((byTestId('my-hours-name') as HTMLInputElement).value).toBe('');
    expect(document.body.textContent).not.toContain('学习强国');
  });

  test('with the 身份证号 mode, the form asks for its last six', async () => {
    await mountPage('id_last6');
    expect(byTestId('my-hours-form').textContent).toContain('身份证号后六位');
    type('my-hours-name', '徐婷');
    type('my-hours-secret', '12');
    byTestId('my-hours-open').click();
    await flushPromises();
    await eventually(() => expect(byTestId('my-hours-form').textContent).toContain('请输入身份证号的后六位'));
  });

  test('返回 leads back to 学时', async () => {
    const { router } = await mountPage();
    byTestId('my-hours-back').click();
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('study');
  });
});
