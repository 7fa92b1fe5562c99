import { describe, expect, test, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type { ObligationRuleSet } from '@/generated/ObligationRuleSet';
import { AppError } from '@/api/ipc';
import { appPlugins, byTestId, cleanUpAfterEach, eventually } from '@/test-utils';
import RulesDialog from './rules-dialog.vue';

let wrapper: VueWrapper | null = null;

cleanUpAfterEach();

const CURRENT: ObligationRuleSet = {
  version: '2019 条例',
  effective_from: '2019-01-01',
  rules: [{ obligation: 'general_meeting', every: 'quarter', scope: 'branch', times: 1 }],
};

async function open(save: (set: ObligationRuleSet) => Promise<unknown>) {
  const { plugins } = appPlugins('2026-11-22');
  wrapper = mount(RulesDialog, {
    props: { current: CURRENT, defaultFrom: '2026-12-01', save: save as never, visible: false },
    global: { plugins },
    attachTo: document.body,
  });
  await wrapper.setProps({ visible: true });
  await flushPromises();
}

async function typeVersion(text: string) {
  const input = byTestId('rules-version').querySelector('input') ?? (byTestId('rules-version') as HTMLInputElement);
  (input as HTMLInputElement).value = text;
  input.dispatchEvent(new Event('input'));
  await flushPromises();
}

describe('obligation rules dialog (in the rule-set shell)', () => {
  test('a set needs its name; named, it is saved from the day proposed', async () => {
    const save = vi.fn(async (set: ObligationRuleSet) => set);
    await open(save);
    byTestId('rules-save').click();
    await eventually(() => expect(document.body.textContent).toContain('不能为空'));
    expect(save).not.toHaveBeenCalled();
    await typeVersion('2027 规定');
    byTestId('rules-save').click();
    await eventually(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save.mock.calls[0][0]).toEqual({ ...CURRENT, version: '2027 规定', effective_from: '2026-12-01' });
    await eventually(() => expect(wrapper?.emitted('update:visible')?.at(-1)).toEqual([false]));
  });

  test('a refusal naming the day is shown under it, and the dialog stays open', async () => {
    const save = vi.fn(async () => {
      throw new AppError('validation', 'too early', 'effective_from', 'required');
    });
    await open(save);
    await typeVersion('2027 规定');
    byTestId('rules-save').click();
    await eventually(() => expect(save).toHaveBeenCalledTimes(1));
    const item = byTestId('rules-effective-from').closest('.el-form-item');
    await eventually(() => expect(item?.querySelector('.el-form-item__error')?.textContent).toContain('不能为空'));
    expect(wrapper?.emitted('update:visible')).toBeUndefined();
  });
});
