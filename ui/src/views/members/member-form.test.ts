import { describe, expect, test, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import { mockIPC } from '@tauri-apps/api/mocks';
import { reactive } from 'vue';
import type { Member } from '@/generated/Member';
import type { MemberInput } from '@/generated/MemberInput';
import { AppError } from '@/api/ipc';
import { appPlugins, byTestId, cleanUpAfterEach, eventually, has } from '@/test-utils';
import { emptyMemberInput } from './form-model';
import MemberDialog from './member-dialog.vue';
import MemberForm from './member-form.vue';

let wrapper: VueWrapper | null = null;

cleanUpAfterEach();

/** The <input> that carries or sits inside the element with this test id, as the e2e harness finds it. */
function inputOf(id: string): HTMLInputElement {
  const el = byTestId(id);
  return (el instanceof HTMLInputElement ? el : el.querySelector('input')) as HTMLInputElement;
}

async function type(id: string, text: string) {
  const input = inputOf(id);
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await flushPromises();
}

function errors(): string[] {
  return [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim() ?? '');
}

describe('member form', () => {
  function mountForm(model: MemberInput) {
    const { plugins } = appPlugins();
    wrapper = mount(MemberForm, {
      props: { model, serverErrors: reactive({}) },
      global: { plugins },
      attachTo: document.body,
    });
    return wrapper as VueWrapper<InstanceType<typeof MemberForm>>;
  }

  test('shows the 身份证号 checksum error as soon as 18 characters are typed', async () => {
    const model = reactive(emptyMemberInput());
    model.name = '周小梅';
    model.gender = 'female';
    model.birth_date = '1995-04-18';
    mountForm(model);
    await type('field-id_number', '500107199504180021');
    await eventually(() => expect(errors()).toContain('身份证号校验位不正确，请核对'));
    expect(model.id_number).toBe('500107199504180021');

    await type('field-id_number', '500107199504180025');
    await eventually(() => expect(errors()).not.toContain('身份证号校验位不正确，请核对'));
  });

  test('validate() refuses an empty form with the core sentences', async () => {
    const form = mountForm(reactive(emptyMemberInput()));
    expect(await form.vm.validate()).toBe(false);
    await flushPromises();
    expect(errors()).toContain('不能为空');
  });

  test('a birth date that disagrees with the 身份证号 is reported on the 身份证号', async () => {
    const model = reactive({ ...emptyMemberInput(), name: '周小梅', gender: 'female' as const, birth_date: '1995-04-19', stage: 'activist' as const });
    const form = mountForm(model);
    await type('field-id_number', '500107199504180025');
    expect(await form.vm.validate()).toBe(false);
    await flushPromises();
    expect(errors()).toContain('身份证号中的出生日期与所填出生日期不一致');
  });

  test('a valid 身份证号 fills birth date and gender when they are empty', async () => {
    const model = reactive(emptyMemberInput());
    mountForm(model);
    await type('field-id_number', '500107199504180025');
    expect(model.birth_date).toBe('1995-04-18');
    expect(model.gender).toBe('female');
  });

  test('a date typed as text is taken at once', async () => {
    const model = reactive(emptyMemberInput());
    mountForm(model);
    await type('field-birth_date', '1995-04-18');
    expect(model.birth_date).toBe('1995-04-18');
  });

  test('dates show only for the stages that have them', async () => {
    const model = reactive(emptyMemberInput());
    mountForm(model);
    model.stage = 'activist';
    await flushPromises();
    expect([has('field-stage_date'), has('field-joined_on'), has('field-confirmed_on')]).toEqual([true, false, false]);
    model.stage = 'probationary';
    await flushPromises();
    expect([has('field-stage_date'), has('field-joined_on'), has('field-confirmed_on')]).toEqual([false, true, false]);
    model.stage = 'full';
    await flushPromises();
    expect([has('field-stage_date'), has('field-joined_on'), has('field-confirmed_on')]).toEqual([false, true, true]);
  });

  test('carries the test ids the end-to-end tests use', () => {
    mountForm(reactive(emptyMemberInput()));
    for (const id of [
      'member-form',
      'field-name',
      'field-id_number',
      'field-birth_date',
      'field-phone',
      'field-stage',
      'field-party_group_id',
      'field-roles',
      'gender-male',
      'gender-female',
    ]) {
      expect(() => byTestId(id), id).not.toThrow();
    }
    expect(inputOf('field-name').tagName).toBe('INPUT');
    expect(inputOf('field-birth_date').tagName).toBe('INPUT');
  });
});

describe('member dialog', () => {
  async function fillValidActivist(w: VueWrapper) {
    await type('field-name', '周小梅');
    await type('field-id_number', '500107199504180025');
    const stage = w.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === 'field-stage');
    stage!.vm.$emit('update:modelValue', 'activist');
    await flushPromises();
  }

  test('a refusal naming a field shows under that field', async () => {
    mockIPC(() => []);
    const { plugins } = appPlugins();
    const save = vi.fn(async (): Promise<Member> => {
      throw new AppError('validation', '身份证号：该身份证号已登记在另一名党员名下', 'id_number', 'id_number_duplicate');
    });
    wrapper = mount(MemberDialog, { props: { visible: true, member: null, save }, global: { plugins }, attachTo: document.body });
    await flushPromises();
    await fillValidActivist(wrapper);
    byTestId('member-save').click();
    await eventually(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save.mock.calls[0]).toEqual([
      expect.objectContaining({ name: '周小梅', gender: 'female', birth_date: '1995-04-18', stage: 'activist', joined_on: null }),
    ]);
    await eventually(() => expect(errors()).toContain('该身份证号已登记在另一名党员名下'));
  });

  test('a client-side error stops the save', async () => {
    const { plugins } = appPlugins();
    const save = vi.fn();
    wrapper = mount(MemberDialog, { props: { visible: true, member: null, save }, global: { plugins }, attachTo: document.body });
    await flushPromises();
    await type('field-name', '周小梅');
    await type('field-id_number', '500107199504180021');
    byTestId('member-save').click();
    await eventually(() => expect(errors()).toContain('身份证号校验位不正确，请核对'));
    expect(save).not.toHaveBeenCalled();
  });
});
