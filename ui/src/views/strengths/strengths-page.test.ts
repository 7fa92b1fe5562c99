import { describe, expect, test, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { acceptSaveDialogs, byTestId, cleanUpAfterEach, eventually, has, mountRoutedPage } from '@/test-utils';
import { assessment, attestation, trend } from './fixtures';
import StrengthsPage from './index.vue';

let wrapper: VueWrapper | null = null;

cleanUpAfterEach(() => document.documentElement.classList.remove('is-printing'));

const BRAND = attestation({ item_id: 'branch_brand', note: '品牌发布', evidence: [{ kind: 'activity', ref_id: 'a1', label: '2026-05-09 志愿服务' }] });

async function mountPage(query: Record<string, string> = {}) {
  const asked: string[] = [];
  let brand: typeof BRAND | null = null;
  mockIPC((cmd, args) => {
    asked.push(cmd === 'strengths_withdraw' ? `${cmd} ${JSON.stringify(args)}` : cmd);
    if (cmd === 'strengths_assess') return assessment(brand);
    if (cmd === 'strengths_trend') return trend();
    if (cmd === 'strengths_withdraw') return null;
    if (cmd === 'strengths_export') return [80, 75, 3, 4];
    if (cmd === 'session_list' || cmd === 'activity_list') return [];
    if (cmd === 'member_list') return { total: 0, rows: [], counts: {} };
    throw new Error(cmd);
  });
  const mounted = await mountRoutedPage(StrengthsPage, '/strengths', ['/sessions', '/activities', '/study'], { query, routerView: true });
  wrapper = mounted.wrapper;
  const router = mounted.router;
  return { router, asked, confirmBrand: () => (brand = BRAND) };
}

const text = (id: string) => byTestId(id).textContent?.trim();

describe('四强 page', () => {
  test('shows the overall and each strength’s score, the charts, what is missing and the checklist', async () => {
    await mountPage();
    await eventually(() => expect(text('strengths-overall')).toBe('54%'));
    expect(text('strengths-met')).toBe('已达标 5 / 10 项');
    expect(text('strength-score-impact')).toBe('50%');
    expect(text('strength-met-impact')).toBe('已达标 2 / 4 项');
    expect(text('radar-label-impact')).toBe('作用发挥强50%');
    expect(document.querySelectorAll('[data-testid="strengths-trend"] [data-testid^="trend-line-"]')).toHaveLength(5);
    expect([...document.querySelectorAll('[data-testid^="missing-item-"]')].map((e) => e.getAttribute('data-testid'))).toEqual([
      'missing-item-first_topic',
      'missing-item-study_on_pace',
      'missing-item-report_to_party_group',
      'missing-item-branch_brand',
      'missing-item-service_figures',
    ]);
    expect(text('missing-item-study_on_pace')).toContain('实际 87.5%，目标 90%');
    expect(text('item-status-branch_brand')).toBe('待确认');
    expect(text('item-status-report_to_party_group')).toBe('待确认');
    expect(text('item-status-first_topic')).toBe('未达标');
    expect(text('item-status-work_plan')).toBe('已达标');
    expect(text('item-figures-committee_complete')).toBe('实际 是，目标 是');
    const evidence = text('item-evidence-work_plan');
    expect(evidence).toContain('周建华 于 2026-01-09 确认');
    expect(evidence).toContain('支委会审议通过《2026年党建工作要点》');
    expect(evidence).toContain('会议 · 2026-01-08 支委会 一月支委会');
    expect(evidence).toContain('工作要点.pdf');
    expect(text('item-attest-work_plan')).toBe('修改');
    expect(text('item-attest-branch_brand')).toBe('确认');
    expect(has('item-withdraw-branch_brand')).toBe(false);
  });

  test('an item links to the page where it is put right; the figures are a tab of this page', async () => {
    const { router } = await mountPage();
    byTestId('missing-fix-study_on_pace').click();
    await eventually(() => expect(router.currentRoute.value.name).toBe('study'));
    await router.push({ name: 'strengths' });
    await flushPromises();
    await eventually(() => expect(has('missing-fix-service_figures')).toBe(true));
    byTestId('missing-fix-service_figures').click();
    await eventually(() => expect(router.currentRoute.value.query).toEqual({ tab: 'figures' }));
    expect(router.currentRoute.value.name).toBe('strengths');
    expect(document.querySelector('.el-tabs__item.is-active')?.textContent).toBe('指标与荣誉');
  });

  test('the tab follows the query', async () => {
    await mountPage({ tab: 'template' });
    expect(document.querySelector('.el-tabs__item.is-active')?.textContent).toBe('清单模板');
  });

  test('确认 opens the dialog for the item; saving reloads the assessment', async () => {
    const { asked, confirmBrand } = await mountPage();
    byTestId('missing-attest-branch_brand').click();
    await eventually(() => expect(byTestId('attest-dialog').textContent).toContain('确认：打造支部党建品牌'));
    const wrapperVm = wrapper!.findComponent({ name: 'AttestDialog' });
    confirmBrand();
    const before = asked.filter((c) => c === 'strengths_assess').length;
    wrapperVm.vm.$emit('saved', BRAND);
    await eventually(() => expect(asked.filter((c) => c === 'strengths_assess').length).toBe(before + 1));
    await eventually(() => expect(text('item-status-branch_brand')).toBe('已达标'));
    expect(text('strength-score-impact')).toBe('75%');
  });

  test('撤销 asks first, then withdraws and reloads', async () => {
    const { asked } = await mountPage();
    byTestId('item-withdraw-work_plan').click();
    await eventually(() => expect(document.querySelector('.el-message-box')?.textContent).toContain('撤销“制定年度党建工作要点”的确认？'));
    expect(asked.some((c) => c.startsWith('strengths_withdraw'))).toBe(false);
    document.querySelector<HTMLElement>('.el-message-box__btns .el-button--primary')!.click();
    await eventually(() => expect(asked).toContain('strengths_withdraw {"year":2026,"itemId":"work_plan"}'));
    await eventually(() => expect(asked.at(-1)).toBe('strengths_trend'));
  });

  test('the report is proposed as <branch><year>年四强自评报告.xlsx; 打印 shows the A4 sheet', async () => {
    await mountPage();
    const names = acceptSaveDialogs();
    byTestId('strengths-export').click();
    await eventually(() => expect(names).toHaveLength(1));
    expect(names[0]).toBe('永川区行政服务中心党支部2026年四强自评报告.xlsx');
    await eventually(() => expect(byTestId('saved-file-reveal').textContent).toContain('打开所在文件夹'));

    let sheet = '';
    // happy-dom has no print dialog; this one reads the sheet while it is shown.
    window.print = vi.fn(() => {
      sheet = byTestId('strengths-print-sheet').textContent ?? '';
    });
    byTestId('strengths-print').click();
    await eventually(() => expect(sheet).not.toBe(''));
    expect(sheet).toContain('永川区行政服务中心党支部');
    expect(sheet).toContain('2026年度“四强”党支部创建自评表');
    expect(sheet).toContain('综合得分 54%，已达标 5 / 10 项');
    expect(sheet).toContain('打造支部党建品牌待确认');
    expect(sheet).toContain('会议：2026-01-08 支委会 一月支委会');
    window.dispatchEvent(new Event('afterprint'));
    await eventually(() => expect(has('strengths-print-sheet')).toBe(false));
  });
});
