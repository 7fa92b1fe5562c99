import { describe, expect, test } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import { mockIPC } from '@tauri-apps/api/mocks';
import { acceptSaveDialogs, byTestId, cleanUpAfterEach, eventually, has, mountRoutedPage } from '@/test-utils';
import { assessment } from '@/views/strengths/fixtures';
import HomePage from './index.vue';

let wrapper: VueWrapper | null = null;

cleanUpAfterEach();

async function mountHome(asked: unknown[]) {
  mockIPC((cmd, args) => {
    if (cmd === 'ledger_export') {
      asked.push(args);
      return [80, 75, 3, 4, 9, 9];
    }
    if (cmd === 'compliance_get') return { as_of: '2026-11-22', year: 2026, obligations: [] };
    if (cmd === 'member_list')
      return { total: 0, rows: [], counts: { applicant: 0, activist: 0, candidate: 0, probationary: 0, full: 0, total: 0, voters: 0 } };
    if (cmd === 'group_list') return [];
    if (cmd === 'strengths_assess') return assessment();
    throw new Error(cmd);
  });
  const mounted = await mountRoutedPage(HomePage, '/home', ['/members', '/strengths', '/ledger/print']);
  wrapper = mounted.wrapper;
  const router = mounted.router;
  return { wrapper, router };
}

function dialogOpen(): boolean {
  const dialog = document.querySelector<HTMLElement>('[data-testid="ledger-dialog"]');
  return !!dialog && dialog.style.display !== 'none' && dialog.closest<HTMLElement>('.el-overlay')?.style.display !== 'none';
}

describe('导出年度台账 on the 工作台', () => {
  test('this year, masked by default; checking the box warns of personal data and exports in full', async () => {
    const asked: unknown[] = [];
    const { wrapper: w } = await mountHome(asked);
    const names = acceptSaveDialogs();

    expect(byTestId('ledger-open').textContent).toContain('导出年度台账');
    byTestId('ledger-open').click();
    await eventually(() => expect(has('ledger-export')).toBe(true));
    expect(byTestId('ledger-year').textContent).toContain('2026 年');
    expect(byTestId('ledger-reveal').querySelector('input')!.checked).toBe(false);
    expect(byTestId('ledger-reveal-hint').textContent).toContain('隐去');

    byTestId('ledger-reveal').querySelector('input')!.click();
    await eventually(() => expect(byTestId('ledger-reveal-hint').textContent).toContain('个人信息'));
    const year = w.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === 'ledger-year')!;
    year.vm.$emit('update:modelValue', 2025);
    await flushPromises();

    byTestId('ledger-export').click();
    await eventually(() => expect(names).toHaveLength(1));
    expect(asked).toEqual([{ year: 2025, asOf: null, reveal: true }]);
    expect(names[0]).toBe('永川区行政服务中心党支部2025年台账.xlsx');
    await eventually(() => expect(dialogOpen()).toBe(false));
    // Where it went, with 打开所在文件夹.
    await eventually(() => expect(byTestId('saved-file-path').textContent).toBe('/home/她/文档/永川区行政服务中心党支部2025年台账.xlsx'));
    expect(byTestId('saved-file-reveal').textContent).toContain('打开所在文件夹');

    // Opened again, it is back to this year and masked.
    byTestId('ledger-open').click();
    await eventually(() => expect(dialogOpen()).toBe(true));
    expect(byTestId('ledger-reveal').querySelector('input')!.checked).toBe(false);
    // A cancelled save dialog leaves the dialog open, with nothing said.
    acceptSaveDialogs(null);
    const notices = document.querySelectorAll('[data-testid="saved-file"]').length;
    byTestId('ledger-export').click();
    await eventually(() => expect(asked).toHaveLength(2));
    expect(asked[1]).toEqual({ year: 2026, asOf: null, reveal: false });
    await flushPromises();
    expect(dialogOpen()).toBe(true);
    expect(document.querySelectorAll('[data-testid="saved-file"]')).toHaveLength(notices);
  });

  test('打印预览 opens the printable pages of the year asked and closes the dialog', async () => {
    const { wrapper: w, router } = await mountHome([]);
    byTestId('ledger-open').click();
    await eventually(() => expect(has('ledger-print-open')).toBe(true));
    byTestId('ledger-reveal').querySelector('input')!.click();
    const year = w.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === 'ledger-year')!;
    year.vm.$emit('update:modelValue', 2025);
    await flushPromises();
    expect(byTestId('ledger-print-open').textContent).toContain('打印预览');
    byTestId('ledger-print-open').click();
    await eventually(() => expect(router.currentRoute.value.name).toBe('ledger-print'));
    expect(router.currentRoute.value.query).toEqual({ year: '2025', reveal: '1' });
  });
});
