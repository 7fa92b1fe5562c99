import { describe, expect, test } from 'vitest';
import { mount } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { AllPaid } from '@/generated/AllPaid';
import type { DuesReport } from '@/generated/DuesReport';
import { appPlugins, byTestId, cleanUpAfterEach, eventually } from '@/test-utils';
import DuesPage from './index.vue';

cleanUpAfterEach();

const REPORT: DuesReport = { year: 2026, as_of: '2026-11-22', rate_version: 'v', members: [], months: [], due_cents: 0, paid_cents: 0, extra_cents: 0 };
const ALL: AllPaid = {
  for_month: '2026-11',
  paid_on: '2026-11-22',
  payments: [
    { member_id: 'm1', name: '张伟', payment_id: 'p1', amount_cents: 4000 },
    { member_id: 'm2', name: '李娜', payment_id: 'p2', amount_cents: 1250 },
  ],
  total_cents: 5250,
};

function mountPage() {
  const payAll: { dryRun: boolean }[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'dues_report') return REPORT;
    if (cmd === 'member_list') return { total: 0, rows: [], counts: {} };
    if (cmd === 'dues_pay_all') {
      payAll.push(args as { dryRun: boolean });
      return ALL;
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
