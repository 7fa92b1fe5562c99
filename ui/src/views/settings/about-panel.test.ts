import { describe, expect, test, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { createMemoryHistory, createRouter } from 'vue-router';
import { appPlugins, byTestId, cleanUpAfterEach, eventually } from '@/test-utils';
import AboutPanel from './about-panel.vue';

cleanUpAfterEach();

function mountPanel(handler: (cmd: string) => unknown) {
  const asked: string[] = [];
  mockIPC((cmd) => {
    asked.push(cmd);
    return handler(cmd);
  });
  const { plugins } = appPlugins();
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', name: 'guide', component: { template: '<div />' } }] });
  const restarted = vi.fn();
  mount(AboutPanel, { props: { onRestarted: restarted }, global: { plugins: [...plugins, router] }, attachTo: document.body });
  return { asked, restarted };
}

describe('设置 → 关于', () => {
  test('shows the version, the licence and where the data is', () => {
    mountPanel(() => null);
    expect(byTestId('about-version').textContent).toContain('0.1.0');
    expect(byTestId('about-license').textContent).toBe('MIT 开源许可');
    expect(byTestId('about-db-path').textContent).toBe('/tmp/zhibu.sqlite3');
    // The day the rules take as today is called 今日日期 (not 业务日期).
    expect(byTestId('about-today').textContent).toBe('2026-11-22');
    expect(document.body.textContent).toContain('今日日期');
    expect(document.body.textContent).not.toContain('业务日期');
  });

  test('opens the data folder, and says where it is when the system cannot', async () => {
    const { asked } = mountPanel(() => {
      throw { code: 'io', message: 'xdg-open: exit status 3', field: null, reason: null };
    });
    byTestId('about-open-folder').click();
    await flushPromises();
    expect(asked).toEqual(['app_open_data_folder']);
    await eventually(() => expect(document.querySelector('.el-message--error')?.textContent).toContain('请在文件管理器中手动打开：/tmp'));
  });

  test('starting over asks first, then backs up and restarts the window', async () => {
    const { asked, restarted } = mountPanel((cmd) =>
      cmd === 'backup_start_over' ? { path: '/tmp/backups/zhibu-20261122-100000-before_start_over.sqlite3' } : null,
    );
    byTestId('start-over').click();
    await eventually(() => expect(document.querySelector('.el-message-box')).not.toBeNull());
    expect(asked).toEqual([]);
    (document.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement).click();
    await eventually(() => expect(asked).toEqual(['backup_start_over']));
    await eventually(() => expect(restarted).toHaveBeenCalledTimes(1));
  });

  test('a start-over that is cancelled changes nothing', async () => {
    const { asked, restarted } = mountPanel(() => null);
    byTestId('start-over').click();
    await eventually(() => expect(document.querySelector('.el-message-box')).not.toBeNull());
    (document.querySelector('.el-message-box__btns .el-button:not(.el-button--primary)') as HTMLElement).click();
    await flushPromises();
    await new Promise((r) => setTimeout(r, 50));
    expect(asked).toEqual([]);
    expect(restarted).not.toHaveBeenCalled();
  });
});
