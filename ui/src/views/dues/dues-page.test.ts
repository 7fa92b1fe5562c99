import { describe, expect, test } from 'vitest';
import { mount } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { appPlugins, byTestId, cleanUpAfterEach, eventually } from '@/test-utils';
import { allPaid, report } from './dues-fixtures';
import DuesPage from './index.vue';

cleanUpAfterEach();

function mountPage() {
  const payAll: { dryRun: boolean }[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'dues_report') return report([]);
    if (cmd === 'member_list') return { total: 0, rows: [], counts: {} };
    if (cmd === 'dues_pay_all') {
      payAll.push(args as { dryRun: boolean });
      return allPaid([
        ['m1', '张伟', 4000],
        ['m2', '李娜', 1250],
      ]);
    }
    throw new Error(cmd);
  });
  const { plugins } = appPlugins('2026-11-22');
  mount(DuesPage, { global: { plugins }, attachTo: document.body });
  return payAll;
}

describe('党费 page', () => {
  test('本月全员已交 names the count and total before recording anything; confirmed, it records', async () => {
    const payAll = mountPage();
    await eventually(() => expect(byTestId('dues-pay-all')).toBeTruthy());
    byTestId('dues-pay-all').click();
    await eventually(() => expect(document.querySelector('.el-message-box')?.textContent).toContain('将为 2 名党员登记 2026-11 的党费，共 52.50 元'));
    expect(payAll.map((a) => a.dryRun)).toEqual([true]);
    (document.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement).click();
    await eventually(() => expect(payAll.map((a) => a.dryRun)).toEqual([true, false]));
    await eventually(() => expect(document.querySelector('.el-message--success')?.textContent).toContain('已登记 2026-11 的党费：2 人，共 52.50 元'));
  });

  test('cancelled, nothing is recorded', async () => {
    const payAll = mountPage();
    await eventually(() => expect(byTestId('dues-pay-all')).toBeTruthy());
    byTestId('dues-pay-all').click();
    await eventually(() => expect(document.querySelector('.el-message-box')).not.toBeNull());
    (document.querySelector('.el-message-box__btns .el-button:not(.el-button--primary)') as HTMLElement).click();
    await new Promise((r) => setTimeout(r, 50));
    expect(payAll.map((a) => a.dryRun)).toEqual([true]);
  });
});
