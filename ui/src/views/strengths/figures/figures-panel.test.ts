import { describe, expect, test, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { ElInputNumber, ElMessageBox, ElSelect } from 'element-plus';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { Honour } from '@/generated/Honour';
import type { Indicator } from '@/generated/Indicator';
import { appPlugins, byTestId, cleanUpAfterEach, eventually, has } from '@/test-utils';
import FiguresPanel from './figures-panel.vue';
import { honours, indicators } from './fixtures';

let wrapper: VueWrapper | null = null;

cleanUpAfterEach();

const strip = (a: unknown) => JSON.parse(JSON.stringify(a ?? {}));

/** A core with these lists; answers every change with `answer` (or its error). */
function fakeCore(lists: { indicators?: Indicator[]; honours?: Honour[] } = {}, answer: (cmd: string, args: unknown) => unknown = () => null) {
  const asked: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    asked.push([cmd, strip(args)]);
    if (cmd === 'indicator_list') return lists.indicators ?? indicators();
    if (cmd === 'honour_list') return lists.honours ?? honours();
    if (cmd === 'member_list')
      return {
        rows: [
          { id: 'm1', name: '张伟' },
          { id: 'm2', name: '徐婷' },
        ],
        total: 2,
      };
    return answer(cmd, args);
  });
  return asked;
}

function mountPanel(year = 2026) {
  const { plugins } = appPlugins('2026-11-22');
  wrapper = mount(FiguresPanel, { props: { year }, global: { plugins }, attachTo: document.body });
  return wrapper;
}

function errors(): string[] {
  return [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim() ?? '');
}

function type(testId: string, text: string) {
  const input = byTestId(testId) as HTMLInputElement;
  input.value = text;
  input.dispatchEvent(new Event('input'));
}

function setNumber(w: VueWrapper, testId: string, value: number | null) {
  const found = w.findAllComponents(ElInputNumber).find((c) => c.attributes('data-testid') === testId);
  if (!found) throw new Error(`no number ${testId}`);
  found.vm.$emit('update:modelValue', value);
}

function confirmWith(answer: 'confirm' | 'cancel') {
  return vi
    .spyOn(ElMessageBox, 'confirm')
    .mockImplementation((() => (answer === 'confirm' ? Promise.resolve('confirm') : Promise.reject('cancel'))) as unknown as typeof ElMessageBox.confirm);
}

describe('指标与荣誉', () => {
  test('lists each indicator with its target, latest value and standing, and the year’s honours', async () => {
    fakeCore();
    const w = mountPanel();
    await eventually(() => expect(has('indicator-table')).toBe(true));
    const text = byTestId('indicator-table').textContent ?? '';
    expect(text).toContain('≤ 0.2次');
    expect(text).toContain('越低越好');
    expect(text).toContain('2026 年尚未记录');
    expect(byTestId('indicator-latest-i1').textContent).toBe('0.14次');
    expect(byTestId('indicator-latest-i2').textContent).toBe('78.11%');
    expect(['i1', 'i2', 'i3', 'i4'].map((id) => byTestId(`indicator-status-${id}`).textContent?.trim())).toEqual(['达标', '未达标', '无目标', '尚无数值']);
    await eventually(() => expect(has('honour-table')).toBe(true));
    expect(byTestId('honour-owner-h1').textContent).toBe('支部集体');
    expect(byTestId('honour-owner-h2').textContent).toBe('徐婷');
    expect(w.emitted('changed')).toBeUndefined();
  });

  test('with nothing yet, each part says what to do next', async () => {
    fakeCore({ indicators: [], honours: [] });
    mountPanel(2025);
    await eventually(() => expect(has('indicators-empty')).toBe(true));
    expect(byTestId('indicators-empty').textContent).toContain('还没有指标：可按上级要求录入办事跑动次数、全程网办比例等');
    expect(byTestId('honours-empty').textContent).toContain('2025 年还没有登记荣誉');
    expect(has('indicator-table')).toBe(false);
  });

  test('adds an indicator; a name already taken is shown under the name', async () => {
    let tries = 0;
    const asked = fakeCore({}, (cmd) => {
      if (cmd !== 'indicator_save') return null;
      if (tries++ === 0) throw { code: 'validation', message: 'x', field: 'name', reason: 'indicator_name_taken' };
      return 'i9';
    });
    const w = mountPanel();
    await eventually(() => expect(has('indicator-table')).toBe(true));
    byTestId('indicator-add').click();
    await eventually(() => expect(has('indicator-name')).toBe(true));
    byTestId('indicator-save').click();
    await eventually(() => expect(errors()).toContain('不能为空'));
    expect(asked.some(([cmd]) => cmd === 'indicator_save')).toBe(false);

    type('indicator-name', '全程网办比例');
    type('indicator-unit', '%');
    setNumber(w, 'indicator-target', 80);
    await flushPromises();
    byTestId('indicator-save').click();
    await eventually(() => expect(errors()).toContain('已有同名指标'));
    expect(w.emitted('changed')).toBeUndefined();

    type('indicator-name', '全程网办率');
    await flushPromises();
    byTestId('indicator-save').click();
    await eventually(() => expect(w.emitted('changed')).toHaveLength(1));
    expect(asked.filter(([cmd]) => cmd === 'indicator_save').at(-1)).toEqual([
      'indicator_save',
      { id: null, input: { name: '全程网办率', unit: '%', target: 80, higher_is_better: true } },
    ]);
  });

  test('edits an indicator from its row', async () => {
    const asked = fakeCore({}, (cmd) => (cmd === 'indicator_save' ? 'i1' : null));
    const w = mountPanel();
    await eventually(() => expect(has('indicator-edit-i1')).toBe(true));
    byTestId('indicator-edit-i1').click();
    await eventually(() => expect((byTestId('indicator-name') as HTMLInputElement).value).toBe('办事跑动次数'));
    setNumber(w, 'indicator-target', 0.15);
    await flushPromises();
    byTestId('indicator-save').click();
    await eventually(() => expect(w.emitted('changed')).toHaveLength(1));
    expect(asked.find(([cmd]) => cmd === 'indicator_save')).toEqual([
      'indicator_save',
      { id: 'i1', input: { name: '办事跑动次数', unit: '次', target: 0.15, higher_is_better: false } },
    ]);
  });

  test('records a value dated today; a day after today is refused before sending', async () => {
    const asked = fakeCore();
    const w = mountPanel();
    await eventually(() => expect(has('indicator-record-i2')).toBe(true));
    byTestId('indicator-record-i2').click();
    await eventually(() => expect(has('value-form')).toBe(true));
    expect((byTestId('value-date').querySelector('input') as HTMLInputElement).value).toBe('2026-11-22');
    byTestId('value-save').click();
    await eventually(() => expect(errors()).toContain('不能为空'));

    setNumber(w, 'value-value', 81.5);
    const date = byTestId('value-date').querySelector('input') as HTMLInputElement;
    date.value = '2026-12-01';
    date.dispatchEvent(new Event('input', { bubbles: true }));
    await flushPromises();
    byTestId('value-save').click();
    await eventually(() => expect(errors()).toContain('日期不能晚于今天'));
    expect(asked.some(([cmd]) => cmd === 'indicator_value_record')).toBe(false);

    date.value = '2026-10-31';
    date.dispatchEvent(new Event('input', { bubbles: true }));
    type('value-note', '10 月通报');
    await flushPromises();
    byTestId('value-save').click();
    await eventually(() => expect(w.emitted('changed')).toHaveLength(1));
    expect(asked.find(([cmd]) => cmd === 'indicator_value_record')).toEqual([
      'indicator_value_record',
      { input: { indicator_id: 'i2', measured_on: '2026-10-31', value: 81.5, note: '10 月通报' } },
    ]);
  });

  test('deleting an indicator asks first; cancelling sends nothing', async () => {
    const asked = fakeCore();
    const w = mountPanel();
    await eventually(() => expect(has('indicator-delete-i3')).toBe(true));
    const cancel = confirmWith('cancel');
    byTestId('indicator-delete-i3').click();
    await eventually(() => expect(cancel).toHaveBeenCalledTimes(1));
    expect(String(cancel.mock.calls[0][0])).toContain('零材料事项');
    await flushPromises();
    expect(asked.some(([cmd]) => cmd === 'indicator_delete')).toBe(false);

    vi.restoreAllMocks();
    confirmWith('confirm');
    byTestId('indicator-delete-i3').click();
    await eventually(() => expect(w.emitted('changed')).toHaveLength(1));
    expect(asked.find(([cmd]) => cmd === 'indicator_delete')).toEqual(['indicator_delete', { id: 'i3' }]);
  });

  test('a row opens to the year’s values, newest first, each deletable', async () => {
    const asked = fakeCore();
    const w = mountPanel();
    await eventually(() => expect(has('indicator-table')).toBe(true));
    const expand = byTestId('indicator-table').querySelector<HTMLElement>('.el-table__expand-icon');
    expand!.click();
    await eventually(() => expect(has('indicator-values-i1')).toBe(true));
    const rows = [...byTestId('indicator-values-i1').querySelectorAll('li')].map((li) => li.getAttribute('data-testid'));
    expect(rows).toEqual(['value-row-i1-2026-09-30', 'value-row-i1-2026-06-30', 'value-row-i1-2026-03-31']);
    const confirm = confirmWith('confirm');
    byTestId('value-delete-i1-2026-06-30').click();
    await eventually(() => expect(w.emitted('changed')).toHaveLength(1));
    expect(String(confirm.mock.calls[0][0])).toContain('2026-06-30');
    expect(asked.find(([cmd]) => cmd === 'indicator_value_delete')).toEqual(['indicator_value_delete', { indicatorId: 'i1', measuredOn: '2026-06-30' }]);
  });

  test('adds an honour for a member picked from the roster, and deletes one', async () => {
    const asked = fakeCore({}, (cmd) => (cmd === 'honour_add' ? 'h9' : null));
    const w = mountPanel();
    await eventually(() => expect(has('honour-table')).toBe(true));
    byTestId('honour-add').click();
    await eventually(() => expect(has('honour-title')).toBe(true));
    type('honour-title', '优秀共产党员');
    type('honour-awarded-by', '区机关工委');
    const member = w.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === 'honour-member');
    member!.vm.$emit('update:modelValue', 'm1');
    await flushPromises();
    byTestId('honour-save').click();
    await eventually(() => expect(w.emitted('changed')).toHaveLength(1));
    expect(asked.find(([cmd]) => cmd === 'honour_add')).toEqual([
      'honour_add',
      { input: { title: '优秀共产党员', awarded_by: '区机关工委', awarded_on: '2026-11-22', member_id: 'm1', note: '' } },
    ]);

    confirmWith('confirm');
    byTestId('honour-delete-h1').click();
    await eventually(() => expect(w.emitted('changed')).toHaveLength(2));
    expect(asked.find(([cmd]) => cmd === 'honour_delete')).toEqual(['honour_delete', { id: 'h1' }]);
  });

  test('a past year dates a new honour on its last day; changing the year reloads', async () => {
    const asked = fakeCore();
    const w = mountPanel(2025);
    await eventually(() => expect(has('honour-table')).toBe(true));
    byTestId('honour-add').click();
    await eventually(() => expect(has('honour-date')).toBe(true));
    expect((byTestId('honour-date').querySelector('input') as HTMLInputElement).value).toBe('2025-12-31');
    expect(has('honour-outside-year')).toBe(false);
    await w.setProps({ year: 2024 });
    await eventually(() =>
      expect(asked.filter(([cmd]) => cmd === 'indicator_list').map(([, a]) => a)).toEqual([
        { year: 2025, asOf: null },
        { year: 2024, asOf: null },
      ]),
    );
  });
});
