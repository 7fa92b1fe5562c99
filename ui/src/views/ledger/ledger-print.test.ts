import { describe, expect, test, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { ElSelect } from 'element-plus';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { LedgerBook } from '@/generated/LedgerBook';
import type { LedgerPart } from '@/generated/LedgerPart';
import { appPlugins, byTestId, cleanUpAfterEach, eventually, has } from '@/test-utils';
import LedgerPrint from './index.vue';

let wrapper: VueWrapper | null = null;
const originalPrint = window.print;

cleanUpAfterEach(() => {
  window.print = originalPrint;
  document.documentElement.classList.remove('is-printing');
});

const BRANCH = '永川区行政服务中心党支部';
const PARTS: [LedgerPart, string, string][] = [
  ['roster', '花名册', '党员花名册'],
  ['sessions', '三会一课记录', '“三会一课”记录'],
  ['theme_days', '主题党日', '主题党日记录'],
  ['activities', '活动', '活动记录'],
  ['study_hours', '学时登记', '党员学时登记'],
];

function book(revealed: boolean): LedgerBook {
  const sections: LedgerBook['sections'] = PARTS.map(([part, sheet, what]) => ({
    part,
    sheet,
    title: `${BRANCH} 2026年 ${what}`,
    notes: [],
    tables: [
      {
        columns: [
          { header: '日期', width: 11 },
          { header: '内容', width: 30 },
        ],
        rows:
          part === 'theme_days'
            ? []
            : [
                ['2026-03-05', `${sheet}第一行`],
                ['2026-04-09', `${sheet}第二行`],
              ],
      },
    ],
  }));
  sections[0].tables[0].rows[0][1] = revealed ? '500107199504180025' : '500107********0025';
  sections.push({
    part: 'strengths',
    sheet: '四强自评',
    title: `${BRANCH} 2026年度“四强”党支部自评报告`,
    notes: ['统计截至 2026-11-22　总体得分 80.0%'],
    tables: [
      {
        columns: [
          { header: '四强', width: 12 },
          { header: '得分', width: 10 },
        ],
        rows: [['政治功能强', '85.0%']],
      },
      {
        columns: [
          { header: '四强', width: 12 },
          { header: '条目', width: 34 },
        ],
        rows: [['政治功能强', '落实“第一议题”制度']],
      },
    ],
  });
  return { branch_name: BRANCH, year: 2026, as_of: '2026-11-22', revealed, sections };
}

async function mountPrint(query: string, asked: unknown[]) {
  mockIPC((cmd, args) => {
    if (cmd === 'ledger_book') {
      asked.push(JSON.parse(JSON.stringify(args)));
      return book((args as { reveal: boolean }).reveal);
    }
    throw new Error(cmd);
  });
  const { plugins } = appPlugins('2026-11-22');
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/home', name: 'home', component: { template: '<div />' } },
      { path: '/ledger/print', name: 'ledger-print', component: LedgerPrint },
    ],
  });
  await router.push(`/ledger/print${query}`);
  wrapper = mount(LedgerPrint, { global: { plugins: [...plugins, router] }, attachTo: document.body });
  await flushPromises();
  return router;
}

const texts = (id: string) => [...document.querySelectorAll(`[data-testid="${id}"]`)].map((e) => e.textContent?.trim());

describe('台账 打印预览', () => {
  test('the year’s six sections, each headed with the branch and year, every page numbered', async () => {
    const asked: unknown[] = [];
    await mountPrint('?year=2026', asked);
    await eventually(() => expect(texts('ledger-section-title')).toHaveLength(6));
    expect(asked).toEqual([{ year: 2026, asOf: null, reveal: false }]);
    expect(byTestId('ledger-print-title').textContent).toBe('2026年度台账');
    expect(texts('ledger-section-title')).toEqual([
      `${BRANCH} 2026年 党员花名册`,
      `${BRANCH} 2026年 “三会一课”记录`,
      `${BRANCH} 2026年 主题党日记录`,
      `${BRANCH} 2026年 活动记录`,
      `${BRANCH} 2026年 党员学时登记`,
      `${BRANCH} 2026年度“四强”党支部自评报告`,
    ]);
    // Without layout to measure (happy-dom), each section is one page.
    expect(texts('ledger-page-number')).toEqual([1, 2, 3, 4, 5, 6].map((n) => `第 ${n} 页，共 6 页`));
    const pages = document.querySelectorAll('[data-testid="ledger-page"]');
    expect(pages[0].textContent).toContain(`${BRANCH} 2026年度台账 · 花名册`);
    expect(pages[0].textContent).toContain('500107********0025');
    // Every table has its header row; an empty one says so.
    expect(pages[2].querySelector('thead')?.textContent).toContain('日期');
    expect(pages[2].textContent).toContain('无记录');
    expect(pages[5].querySelectorAll('table')).toHaveLength(2);
    expect(pages[5].textContent).toContain('统计截至 2026-11-22');
    expect(byTestId('ledger-print-pages').textContent).toBe('共 6 页');
    expect(has('ledger-print-revealed')).toBe(false);
  });

  test('打印 prints the pages alone in landscape, then puts the window back', async () => {
    await mountPrint('?year=2026', []);
    await eventually(() => expect(texts('ledger-section-title')).toHaveLength(6));
    let sheetPages = 0;
    window.print = vi.fn(() => {
      sheetPages = byTestId('ledger-print-sheet').querySelectorAll('[data-testid="ledger-page"]').length;
      expect(document.documentElement.classList.contains('is-printing')).toBe(true);
    });
    byTestId('ledger-print-print').click();
    await eventually(() => expect(window.print).toHaveBeenCalledTimes(1));
    expect(sheetPages).toBe(6);
    window.dispatchEvent(new Event('afterprint'));
    await eventually(() => expect(has('ledger-print-sheet')).toBe(false));
    expect(document.documentElement.classList.contains('is-printing')).toBe(false);
  });

  test('in full only when asked: the warning shows; 返回 goes back to the 工作台', async () => {
    const asked: unknown[] = [];
    const router = await mountPrint('?year=2025&reveal=1', asked);
    await eventually(() => expect(has('ledger-print-revealed')).toBe(true));
    expect(asked).toEqual([{ year: 2025, asOf: null, reveal: true }]);
    expect(document.querySelector('[data-testid="ledger-page"]')?.textContent).toContain('500107199504180025');
    byTestId('ledger-print-back').click();
    await eventually(() => expect(router.currentRoute.value.name).toBe('home'));
  });

  test('parts with nothing logged that year are named above the pages', async () => {
    await mountPrint('?year=2026', []);
    await eventually(() => expect(has('ledger-print-empty')).toBe(true));
    expect(byTestId('ledger-print-empty').textContent).toContain('2026年的主题党日没有记录');
    expect(byTestId('ledger-print-empty').textContent).toContain('换一个年度');
  });

  test('another year is picked on the page itself, as masked or in full as before', async () => {
    const asked: unknown[] = [];
    const router = await mountPrint('?year=2026&reveal=1', asked);
    await eventually(() => expect(texts('ledger-section-title')).toHaveLength(6));
    const select = wrapper!.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === 'ledger-print-year')!;
    expect(byTestId('ledger-print-year').textContent).toContain('2026 年');
    select.vm.$emit('update:modelValue', 2024);
    await eventually(() => expect(asked).toHaveLength(2));
    expect(asked[1]).toEqual({ year: 2024, asOf: null, reveal: true });
    expect(router.currentRoute.value.query).toEqual({ year: '2024', reveal: '1' });
    await eventually(() => expect(byTestId('ledger-print-title').textContent).toBe('2024年度台账'));
  });

  test('a refusal is shown in words', async () => {
    mockIPC(() => {
      throw { code: 'not_found', message: 'no branch' };
    });
    const { plugins } = appPlugins('2026-11-22');
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/ledger/print', component: LedgerPrint }] });
    await router.push('/ledger/print');
    wrapper = mount(LedgerPrint, { global: { plugins: [...plugins, router] }, attachTo: document.body });
    await eventually(() => expect(has('ledger-print-error')).toBe(true));
    expect(has('ledger-page')).toBe(false);
  });
});
