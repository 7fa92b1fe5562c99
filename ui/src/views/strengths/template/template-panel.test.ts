import { describe, expect, test, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { ElInputNumber, ElMessageBox, ElSwitch } from 'element-plus';
import { clearMocks } from '@tauri-apps/api/mocks';
import type { Template } from '@/generated/Template';
import { acceptSaveDialogs, appPlugins, byTestId, cleanUpAfterEach, eventually, has } from '@/test-utils';
import { template, templateCore as fakeCore, yearTemplate } from './fixtures';
import TemplatePanel from './template-panel.vue';

let wrapper: VueWrapper | null = null;

cleanUpAfterEach();

function mountPanel(year = 2026) {
  const { plugins } = appPlugins('2026-11-22');
  wrapper = mount(TemplatePanel, { props: { year }, global: { plugins }, attachTo: document.body });
  return wrapper;
}

function type(testId: string, text: string) {
  const input = byTestId(testId) as HTMLInputElement;
  input.value = text;
  input.dispatchEvent(new Event('input'));
}

function numberInput(w: VueWrapper, testId: string) {
  const found = w.findAllComponents(ElInputNumber).find((c) => c.attributes('data-testid') === testId);
  if (!found) throw new Error(`no number ${testId}`);
  return found;
}

function confirmWith(answer: 'confirm' | 'cancel') {
  return vi
    .spyOn(ElMessageBox, 'confirm')
    .mockImplementation((() => (answer === 'confirm' ? Promise.resolve('confirm') : Promise.reject('cancel'))) as unknown as typeof ElMessageBox.confirm);
}

function disabled(testId: string): boolean {
  return (byTestId(testId) as HTMLButtonElement).disabled;
}

describe('清单模板', () => {
  test('says which template judges the year and from where; items read in words, shares in percent', async () => {
    fakeCore(yearTemplate({ source: { inherited: { from_year: 2025 } } }));
    const w = mountPanel();
    await eventually(() => expect(has('template-source')).toBe(true));
    const source = byTestId('template-source').textContent ?? '';
    expect(source).toContain('2026 年按《“四强”党支部创建（默认模板）》（版本 2026.1）评定');
    expect(source).toContain('沿用 2025 年的清单');
    expect(byTestId('template-metric-committee_monthly').textContent?.trim()).toBe('支委会按期召开比例');
    expect(byTestId('template-metric-work_plan').textContent?.trim()).toBe('由支部确认，并附佐证材料');
    expect(numberInput(w, 'template-item-threshold-study_on_pace').props('modelValue')).toBe(90);
    expect(numberInput(w, 'template-item-threshold-reading_salons').props('modelValue')).toBe(4);
    const flag = w.findAllComponents(ElSwitch).find((c) => c.attributes('data-testid') === 'template-item-threshold-committee_complete');
    expect(flag?.props('modelValue')).toBe(true);
    // Inherited: it may be taken as the year's own, but there is nothing of the year's to reset.
    expect(disabled('template-save')).toBe(false);
    expect(disabled('template-reset')).toBe(true);
    expect(disabled('template-discard')).toBe(true);
  });

  test('an edited threshold raises the version and is saved as a share for this year', async () => {
    const asked = fakeCore(yearTemplate({ source: 'assigned' }));
    const w = mountPanel();
    await eventually(() => expect(has('template-item-threshold-study_on_pace')).toBe(true));
    expect(disabled('template-save')).toBe(true);
    numberInput(w, 'template-item-threshold-study_on_pace').vm.$emit('update:modelValue', 80);
    await flushPromises();
    await eventually(() => expect(has('template-version-bumped')).toBe(true));
    expect((byTestId('template-version') as HTMLInputElement).value).toBe('2026.2');
    expect(has('template-dirty')).toBe(true);
    byTestId('template-save').click();
    await eventually(() => expect(w.emitted('changed')).toHaveLength(1));
    const [, args] = asked.find(([cmd]) => cmd === 'strengths_template_assign') as [string, { year: number; template: Template }];
    expect(args.year).toBe(2026);
    expect(args.template.version).toBe('2026.2');
    expect(args.template.items.find((i) => i.id === 'study_on_pace')?.threshold).toBe(0.8);
    await eventually(() => expect(has('template-dirty')).toBe(false));
  });

  test('a blank title is pointed out and nothing is sent; an added attested item is saved with its title', async () => {
    const asked = fakeCore();
    const w = mountPanel();
    await eventually(() => expect(has('template-item-title-work_plan')).toBe(true));
    type('template-item-title-work_plan', '');
    await eventually(() => expect(byTestId('template-item-problem-work_plan').textContent?.trim()).toBe('条目名称不能为空'));
    expect(byTestId('template-problems').textContent).toContain('支部班子强第 3 条：条目名称不能为空');
    byTestId('template-save').click();
    await flushPromises();
    expect(asked.some(([cmd]) => cmd === 'strengths_template_assign')).toBe(false);
    type('template-item-title-work_plan', '制定年度党建工作要点');

    byTestId('template-add-item-impact').click();
    await flushPromises();
    const added = await eventually(() => {
      const input = document.querySelector<HTMLInputElement>('[data-testid^="template-item-title-custom_"]');
      expect(input).not.toBeNull();
      return input!;
    });
    added.value = '打造支部党建品牌';
    added.dispatchEvent(new Event('input'));
    byTestId('template-item-remove-honours').click();
    await flushPromises();
    await eventually(() => expect(has('template-problems')).toBe(false));
    byTestId('template-save').click();
    await eventually(() => expect(w.emitted('changed')).toHaveLength(1));
    const [, args] = asked.find(([cmd]) => cmd === 'strengths_template_assign') as [string, { template: Template }];
    const impact = args.template.items.filter((i) => i.strength === 'impact');
    expect(impact).toHaveLength(1);
    expect(impact[0]).toMatchObject({ title: '打造支部党建品牌', kind: 'attested', metric: null, threshold: null, weight: 1 });
    expect(impact[0].id).toMatch(/^custom_/);
  });

  test('a strength left with no items says how to add one', async () => {
    fakeCore();
    mountPanel();
    await eventually(() => expect(has('template-item-remove-honours')).toBe(true));
    byTestId('template-item-remove-honours').click();
    await eventually(() => expect(has('template-empty-impact')).toBe(true));
    expect(byTestId('template-empty-impact').textContent).toContain('新增佐证条目');
  });

  test('the core’s refusal is shown and the edits stay', async () => {
    const asked = fakeCore(yearTemplate(), { code: 'validation', message: 'x', field: 'items', reason: 'invalid_value' });
    const w = mountPanel();
    await eventually(() => expect(has('template-item-title-first_topic')).toBe(true));
    type('template-item-title-first_topic', '支委会会前学习“第一议题”');
    await flushPromises();
    byTestId('template-save').click();
    await eventually(() => expect(document.body.textContent).toContain('清单条目：取值无效'));
    expect(asked.some(([cmd]) => cmd === 'strengths_template_assign')).toBe(true);
    expect((byTestId('template-item-title-first_topic') as HTMLInputElement).value).toBe('支委会会前学习“第一议题”');
    expect(w.emitted('changed')).toBeUndefined();
  });

  test('a template file is loaded after asking; a bad one changes nothing and says so', async () => {
    const asked = fakeCore(yearTemplate({ source: 'assigned' }));
    const w = mountPanel();
    await eventually(() => expect(has('template-source')).toBe(true));
    const confirm = confirmWith('confirm');
    const other = { ...template(), id: 'district', name: '区机关工委四强清单', version: '2026 区版' };
    const input = byTestId('template-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([JSON.stringify(other)], '区清单.json')], configurable: true });
    input.dispatchEvent(new Event('change'));
    await eventually(() => expect(w.emitted('changed')).toHaveLength(1));
    expect(String(confirm.mock.calls[0][0])).toContain('区清单.json');
    expect(asked.find(([cmd]) => cmd === 'strengths_template_load')).toEqual(['strengths_template_load', { year: 2026, text: JSON.stringify(other) }]);
    await eventually(() => expect(byTestId('template-source').textContent).toContain('《区机关工委四强清单》（版本 2026 区版）'));

    clearMocks();
    fakeCore(yearTemplate({ source: 'assigned' }), { code: 'validation', message: 'x', field: 'template', reason: 'invalid_value' });
    Object.defineProperty(input, 'files', { value: [new File(['{"not":"a template"}'], '名单.json')], configurable: true });
    input.dispatchEvent(new Event('change'));
    await eventually(() => expect(document.body.textContent).toContain('未能载入“名单.json”：四强清单模板：取值无效。本年度的清单没有改动'));
    expect(w.emitted('changed')).toHaveLength(1);
  });

  test('resetting an assigned year asks first, then the year reads as judged by the default', async () => {
    const asked = fakeCore(yearTemplate({ source: 'assigned' }));
    const w = mountPanel();
    await eventually(() => expect(has('template-reset')).toBe(true));
    await eventually(() => expect(disabled('template-reset')).toBe(false));
    const cancel = confirmWith('cancel');
    byTestId('template-reset').click();
    await eventually(() => expect(cancel).toHaveBeenCalledTimes(1));
    expect(String(cancel.mock.calls[0][0])).toContain('程序自带的默认清单');
    await flushPromises();
    expect(asked.some(([cmd]) => cmd === 'strengths_template_reset')).toBe(false);

    vi.restoreAllMocks();
    confirmWith('confirm');
    byTestId('template-reset').click();
    await eventually(() => expect(w.emitted('changed')).toHaveLength(1));
    expect(asked.find(([cmd]) => cmd === 'strengths_template_reset')).toEqual(['strengths_template_reset', { year: 2026 }]);
    await eventually(() => expect(byTestId('template-source').textContent).toContain('程序自带的默认清单'));
    expect(disabled('template-reset')).toBe(true);
  });

  test('exports the saved template as a JSON file', async () => {
    fakeCore(yearTemplate({ source: 'assigned' }));
    mountPanel();
    await eventually(() => expect(has('template-source')).toBe(true));
    const contents: Uint8Array[] = [];
    const names = acceptSaveDialogs('/home/她', contents);
    byTestId('template-export').click();
    await eventually(() => expect(names).toEqual(['“四强”党支部创建（默认模板）-2026.1.json']));
    expect(JSON.parse(new TextDecoder().decode(contents[0]))).toEqual(template());
    await eventually(() => expect(byTestId('saved-file-path').textContent).toBe('/home/她/“四强”党支部创建（默认模板）-2026.1.json'));
  });

  test('another year is read when the year changes', async () => {
    const asked = fakeCore();
    const w = mountPanel(2026);
    await eventually(() => expect(has('template-source')).toBe(true));
    await w.setProps({ year: 2024 });
    await eventually(() => expect(byTestId('template-source').textContent).toContain('2024 年按'));
    expect(asked.map(([, a]) => a)).toEqual([{ year: 2026 }, { year: 2024 }]);
  });
});
