import { afterEach, expect, test } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { createAppRouter } from '@/router';
import { menu } from '@/router/menu';
import { useAppStore } from '@/stores/app';
import { appPlugins, eventually, TEST_BRANCH } from '@/test-utils';
import AppShell from './app-shell.vue';

afterEach(() => clearMocks());

test('the shell shows one nav entry per menu line, the branch and today', async () => {
  const branch = TEST_BRANCH;
  const info = { version: '0.1.0', license: 'MIT', db_path: '/tmp/zhibu.sqlite3', data_dir: '/tmp', today: '2026-11-22' };
  mockIPC((cmd) => (cmd === 'app_info' ? info : cmd === 'branch_get' ? branch : cmd === 'self_check_mode' ? 'pin' : []));
  const { plugins } = appPlugins('2026-11-22');
  useAppStore().branch = branch;
  const router = createAppRouter();
  const wrapper = mount(AppShell, { global: { plugins: [...plugins, router] } });
  await flushPromises();
  for (const entry of menu) {
    const item = wrapper.find(`[data-testid="nav-${entry.name}"]`);
    expect(item.exists(), entry.name).toBe(true);
    expect(item.element.tagName).toBe('LI');
  }
  expect(wrapper.find('[data-testid="branch-name"]').text()).toBe('永川区行政服务中心党支部');
  expect(wrapper.find('[data-testid="today"]').text()).toContain('2026-11-22 星期日');
  // 我的学时 lives outside the shell; the header leads there.
  await wrapper.find('[data-testid="header-my-hours"]').trigger('click');
  await eventually(() => expect(router.currentRoute.value.name).toBe('my-hours'));
  wrapper.unmount();
});
