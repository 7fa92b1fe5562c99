import { afterEach, describe, expect, test, vi } from 'vitest';
import { ref } from 'vue';
import { ElMessage } from 'element-plus';
import { AppError, errorText, type Translate } from '@/api/ipc';
import { submitForm, type ServerErrors, type ValidatableForm } from './form';

afterEach(() => {
  vi.restoreAllMocks();
});

const SENTENCES: Record<string, string> = {
  'errors.reason.required': '必填',
  'errors.code.conflict': '与现有记录冲突',
};
const t: Translate = (key) => SENTENCES[key] ?? key;

function formThat(valid: 'valid' | 'invalid' | 'rejects') {
  const validate = vi.fn(() =>
    valid === 'valid' ? Promise.resolve(true) : valid === 'invalid' ? Promise.resolve(false) : Promise.reject({ name: [{ message: '必填' }] }),
  );
  return { form: ref<ValidatableForm | undefined>({ validate }), validate };
}

function quietMessages() {
  return vi.spyOn(ElMessage, 'error').mockImplementation((() => undefined) as unknown as typeof ElMessage.error);
}

describe('submitForm', () => {
  test('runs the action with saving set, then resets saving and returns true', async () => {
    const error = quietMessages();
    const { form } = formThat('valid');
    const saving = ref(false);
    const seen: boolean[] = [];
    const ok = await submitForm({ form, saving, t, action: async () => void seen.push(saving.value) });
    expect(ok).toBe(true);
    expect(seen).toEqual([true]);
    expect(saving.value).toBe(false);
    expect(error).not.toHaveBeenCalled();
  });

  test.each(['invalid', 'rejects'] as const)('a form that does not validate (%s) never runs the action', async (how) => {
    const error = quietMessages();
    const { form } = formThat(how);
    const saving = ref(false);
    const action = vi.fn(async () => undefined);
    const onInvalid = vi.fn();
    const ok = await submitForm({ form, saving, t, onInvalid, action });
    expect(ok).toBe(false);
    expect(action).not.toHaveBeenCalled();
    expect(onInvalid).toHaveBeenCalledTimes(1);
    expect(saving.value).toBe(false);
    expect(error).not.toHaveBeenCalled();
  });

  test('a form not mounted counts as invalid', async () => {
    const action = vi.fn(async () => undefined);
    const ok = await submitForm({ form: ref<ValidatableForm | undefined>(), t, action });
    expect(ok).toBe(false);
    expect(action).not.toHaveBeenCalled();
  });

  test('clears the old server messages before validating', async () => {
    const serverErrors: ServerErrors = { name: '名称已存在' };
    let seenByValidate: ServerErrors | null = null;
    const form = ref<ValidatableForm | undefined>({
      validate: async () => {
        seenByValidate = { ...serverErrors };
        return false;
      },
    });
    await submitForm({ form, serverErrors, shown: new Set(['name']), t, action: async () => undefined });
    expect(seenByValidate).toEqual({});
    expect(serverErrors).toEqual({});
  });

  test('a validation error from the server lands under its field, with no message', async () => {
    const error = quietMessages();
    const { form } = formThat('valid');
    const serverErrors: ServerErrors = {};
    const saving = ref(false);
    const ok = await submitForm({
      form,
      serverErrors,
      shown: new Set(['leader']),
      fieldToProp: { leader_id: 'leader' },
      saving,
      t,
      action: () => Promise.reject(new AppError('validation', 'leader missing', 'leader_id', 'required')),
    });
    expect(ok).toBe(false);
    expect(serverErrors).toEqual({ leader: '必填' });
    expect(error).not.toHaveBeenCalled();
    expect(saving.value).toBe(false);
  });

  test('the shown fields may be read when the refusal comes back', async () => {
    quietMessages();
    const { form } = formThat('valid');
    const serverErrors: ServerErrors = {};
    const shown = new Set<string>();
    const ok = await submitForm({
      form,
      serverErrors,
      shown: () => shown,
      t,
      action: async () => {
        shown.add('note');
        throw new AppError('validation', 'note missing', 'note', 'required');
      },
    });
    expect(ok).toBe(false);
    expect(serverErrors).toEqual({ note: '必填' });
  });

  test('a validation error for a field the form does not show is a message', async () => {
    const error = quietMessages();
    const { form } = formThat('valid');
    const serverErrors: ServerErrors = {};
    const refusal = new AppError('validation', 'hidden', 'hidden_field', 'required');
    const ok = await submitForm({ form, serverErrors, shown: new Set(['name']), t, action: () => Promise.reject(refusal) });
    expect(ok).toBe(false);
    expect(serverErrors).toEqual({});
    expect(error).toHaveBeenCalledWith(errorText(refusal, t));
  });

  test('any other error is shown as a message and saving is reset', async () => {
    const error = quietMessages();
    const { form } = formThat('valid');
    const serverErrors: ServerErrors = {};
    const saving = ref(false);
    const failure = new AppError('conflict', 'internal detail');
    const ok = await submitForm({ form, serverErrors, shown: new Set(['name']), saving, t, action: () => Promise.reject(failure) });
    expect(ok).toBe(false);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith('与现有记录冲突');
    expect(serverErrors).toEqual({});
    expect(saving.value).toBe(false);
  });

  test('without server messages, even a validation error is a message', async () => {
    const error = quietMessages();
    const { form } = formThat('valid');
    const saving = ref(false);
    const refusal = new AppError('validation', 'reason missing', 'reason', 'required');
    const ok = await submitForm({ form, saving, t, action: () => Promise.reject(refusal) });
    expect(ok).toBe(false);
    expect(error).toHaveBeenCalledWith(errorText(refusal, t));
    expect(saving.value).toBe(false);
  });
});
