import { describe, expect, test, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { ElInputNumber, ElSelect, ElSwitch } from 'element-plus';
import type { EntryInput } from '@/generated/EntryInput';
import { AppError } from '@/api/ipc';
import { appPlugins, byTestId, cleanUpAfterEach, eventually } from '@/test-utils';
import { correctableCredits } from './entry-model';
import EntryDialog from './entry-dialog.vue';
import { credits } from './fixtures';

let wrapper: VueWrapper | null = null;

cleanUpAfterEach();

function errors(): string[] {
  return [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim() ?? '');
}

function mountDialog(save: (input: EntryInput) => Promise<string>) {
  const { plugins } = appPlugins('2026-11-22');
  wrapper = mount(EntryDialog, {
    props: { visible: true, memberId: 'm2', memberName: '徐婷', credits: correctableCredits(credits()), save },
    global: { plugins },
    attachTo: document.body,
  });
  return wrapper;
}

function setHours(w: VueWrapper, hours: number | null) {
  w.findComponent(ElInputNumber).vm.$emit('update:modelValue', hours);
}

function select(w: VueWrapper, testId: string, value: unknown) {
  const found = w.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === testId);
  if (!found) throw new Error(`no select ${testId}`);
  found.vm.$emit('update:modelValue', value);
}

describe('录入学时', () => {
  test('hours must be whole half hours; nothing is sent until they are', async () => {
    const save = vi.fn(async (_input: EntryInput) => 'e9');
    const w = mountDialog(save);
    await flushPromises();
    for (const id of ['entry-form', 'entry-date', 'entry-hours', 'entry-category', 'entry-note', 'entry-correct', 'entry-save']) {
      expect(() => byTestId(id), id).not.toThrow();
    }
    setHours(w, 1.3);
    select(w, 'entry-category', 'xuexi_qiangguo');
    await flushPromises();
    byTestId('entry-save').click();
    await eventually(() => expect(errors()).toContain('学时以半小时为单位，如 1、1.5、2'));
    expect(save).not.toHaveBeenCalled();

    setHours(w, 2);
    await flushPromises();
    byTestId('entry-save').click();
    await eventually(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save.mock.calls[0]).toEqual([
      {
        member_id: 'm2',
        occurred_on: '2026-11-22',
        hours: 2,
        category: 'xuexi_qiangguo',
        session_id: null,
        activity_id: null,
        replaces_credit: false,
        note: '',
        entered_by: '',
      },
    ]);
  });

  test('a correction asks which credit and why; then replaces that credit', async () => {
    const save = vi.fn(async (_input: EntryInput) => 'e9');
    const w = mountDialog(save);
    await flushPromises();
    w.findComponent(ElSwitch).vm.$emit('update:modelValue', true);
    await flushPromises();
    expect(() => byTestId('entry-credit')).not.toThrow();
    byTestId('entry-save').click();
    await eventually(() => expect(errors()).toContain('更正学时须指明对应的会议或活动'));
    expect(errors()).toContain('更正学时须在备注中写明原因');
    expect(save).not.toHaveBeenCalled();

    select(w, 'entry-credit', 'session:s1');
    await flushPromises();
    setHours(w, 1);
    const note = byTestId('entry-note') as HTMLTextAreaElement;
    note.value = '会议提前结束';
    note.dispatchEvent(new Event('input'));
    await flushPromises();
    byTestId('entry-save').click();
    await eventually(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save.mock.calls[0][0]).toMatchObject({
      occurred_on: '2026-03-26',
      hours: 1,
      category: 'concentrated_study',
      session_id: 's1',
      replaces_credit: true,
      note: '会议提前结束',
    });
  });

  test('a refusal from the core keeps the dialog open for another try', async () => {
    const save = vi.fn(async () => {
      throw new AppError('conflict', 'x', null, 'credit_already_corrected');
    });
    const w = mountDialog(save);
    await flushPromises();
    setHours(w, 2);
    select(w, 'entry-category', 'self_study');
    await flushPromises();
    byTestId('entry-save').click();
    await eventually(() => expect(save).toHaveBeenCalled());
    await flushPromises();
    // Not a field error: the dialog stays open for another try.
    expect(byTestId('entry-dialog')).toBeTruthy();
  });
});
