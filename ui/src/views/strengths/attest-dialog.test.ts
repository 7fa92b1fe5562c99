import { describe, expect, test } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { ElSelect, ElSwitch } from 'element-plus';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { AttestationInput } from '@/generated/AttestationInput';
import type { ItemResult } from '@/generated/ItemResult';
import { appPlugins, byTestId, cleanUpAfterEach, eventually } from '@/test-utils';
import AttestDialog from './attest-dialog.vue';
import { activity, attestation, attested, session } from './fixtures';

let wrapper: VueWrapper | null = null;

cleanUpAfterEach();

function errors(): string[] {
  return [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim() ?? '');
}

/** Mounts the dialog closed, then opens it, as the page does. */
async function openDialog(item: ItemResult, refuse: unknown = null) {
  const sent: AttestationInput[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'session_list') return [session({ id: 's1', held_on: '2026-01-08', title: '一月支委会' })];
    if (cmd === 'activity_list') return [activity({ id: 'a1', held_on: '2026-05-09', title: '志愿服务：上门帮办代办' })];
    if (cmd === 'member_list') return { total: 1, rows: [{ id: 'm1', name: '周建华', roles: ['secretary'] }], counts: {} };
    if (cmd === 'strengths_attest') {
      if (refuse) throw refuse;
      const input = (args as { input: AttestationInput }).input;
      sent.push(input);
      return attestation({ item_id: input.item_id, met: input.met });
    }
    throw new Error(cmd);
  });
  const { plugins } = appPlugins('2026-11-22');
  wrapper = mount(AttestDialog, { props: { visible: false, year: 2026, item }, global: { plugins }, attachTo: document.body });
  await wrapper.setProps({ visible: true });
  await flushPromises();
  return { w: wrapper, sent };
}

function select(w: VueWrapper, testId: string, value: unknown) {
  const found = w.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === testId);
  if (!found) throw new Error(`no select ${testId}`);
  found.vm.$emit('update:modelValue', value);
}

function typeNote(text: string) {
  const note = byTestId('attest-note') as HTMLTextAreaElement;
  note.value = text;
  note.dispatchEvent(new Event('input'));
}

describe('确认 dialog', () => {
  test('a new confirmation: met, today, by the secretary; needs a note or a linked record', async () => {
    const { w, sent } = await openDialog(attested('branch_brand', '打造支部党建品牌'));
    for (const id of ['attest-met', 'attest-date', 'attest-note', 'attest-by', 'attest-sessions', 'attest-activities', 'attest-files', 'attest-save']) {
      expect(() => byTestId(id), id).not.toThrow();
    }
    await eventually(() => expect((byTestId('attest-by') as HTMLInputElement).value).toBe('周建华'));
    expect(byTestId('attest-dialog').textContent).toContain('确认：打造支部党建品牌');

    byTestId('attest-save').click();
    await eventually(() => expect(errors()).toContain('确认达标须写明情况说明或关联会议、活动作为佐证'));
    expect(sent).toEqual([]);

    select(w, 'attest-activities', ['a1']);
    typeNote('“阳光政务”党建品牌发布');
    await flushPromises();
    await eventually(() => expect(errors()).toEqual([]));
    byTestId('attest-save').click();
    await eventually(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      year: 2026,
      item_id: 'branch_brand',
      met: true,
      achieved_on: '2026-11-22',
      note: '“阳光政务”党建品牌发布',
      attested_by: '周建华',
      evidence: [{ kind: 'activity', ref_id: 'a1' }],
    });
    await eventually(() => expect(w.emitted('saved')).toHaveLength(1));
    expect(w.emitted('update:visible')?.at(-1)).toEqual([false]);
  });

  test('an existing confirmation opens as recorded and may be marked not met without evidence', async () => {
    const existing = attestation({
      item_id: 'work_plan',
      note: '',
      attested_by: '陈敏',
      achieved_on: '2026-01-08',
      evidence: [{ kind: 'session', ref_id: 's1', label: '2026-01-08 支委会 一月支委会' }],
    });
    const { w, sent } = await openDialog(attested('work_plan', '制定年度党建工作要点', existing));
    await flushPromises();
    expect((byTestId('attest-by') as HTMLInputElement).value).toBe('陈敏');
    select(w, 'attest-sessions', []);
    w.findComponent(ElSwitch).vm.$emit('update:modelValue', false);
    await flushPromises();
    byTestId('attest-save').click();
    await eventually(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ met: false, achieved_on: '2026-01-08', attested_by: '陈敏', evidence: [] });
  });

  test('a refusal from the core shows under its field and keeps the dialog open', async () => {
    const refusal = { code: 'validation', message: 'x', field: 'achieved_on', reason: 'date_in_future' };
    const { w } = await openDialog(attested('branch_brand', '打造支部党建品牌'), refusal);
    typeNote('品牌发布');
    await flushPromises();
    byTestId('attest-save').click();
    await eventually(() => expect(errors()).toContain('日期不能晚于今天'));
    expect(w.emitted('saved')).toBeUndefined();
  });
});
