import { describe, expect, test } from 'vitest';
import { mount } from '@vue/test-utils';
import { appPlugins, cleanUpAfterEach } from '@/test-utils';
import FormField from './form-field.vue';

cleanUpAfterEach();

function field(props: Record<string, unknown>) {
  return mount(FormField, { props: { modelValue: '', ...props }, attrs: { 'data-testid': 'the-input' }, global: { plugins: appPlugins().plugins } });
}

describe('form-field', () => {
  test('a `text` key is the label, and its `_placeholder` the text input’s hint', () => {
    const w = field({ text: 'branch.name', prop: 'name' });
    expect(w.find('.el-form-item__label').text()).toBe('支部名称');
    const input = w.find('input');
    expect(input.attributes('type')).toBe('text');
    expect(input.attributes('placeholder')).toBe('如 某某单位党支部');
  });

  test('a counted field is a textarea of at most that many characters, showing the count', () => {
    const w = field({ label: '情况说明', prop: 'note', counted: 30, rows: 3 });
    const area = w.find('textarea');
    expect(area.attributes('maxlength')).toBe('30');
    expect(area.attributes('rows')).toBe('3');
    expect(w.find('.el-input__count').text()).toBe('0 / 30');
  });

  test('without `text`, `type` or `counted` it holds only the slot', () => {
    const w = mount(FormField, { props: { label: '党员' }, slots: { default: '<span class="own">x</span>' }, global: { plugins: appPlugins().plugins } });
    expect(w.find('input').exists()).toBe(false);
    expect(w.find('.own').exists()).toBe(true);
  });
});
