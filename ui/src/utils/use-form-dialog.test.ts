import { afterEach, describe, expect, test, vi } from 'vitest';
import { nextTick, ref } from 'vue';
import { ElMessage } from 'element-plus';
import { AppError, type Translate } from '@/api/ipc';
import { useFormDialog, type DialogForm } from './use-form-dialog';

afterEach(() => {
  vi.restoreAllMocks();
});

const t: Translate = (key) => key;

function setup(valid = true, extra: Partial<Parameters<typeof useFormDialog>[0]> = {}) {
  const clearValidate = vi.fn();
  const form = ref<DialogForm | undefined>({ validate: () => Promise.resolve(valid), clearValidate });
  const visible = ref(false);
  const reset = vi.fn();
  const dialog = useFormDialog({ form, visible, t, reset, shown: new Set(['name']), ...extra });
  return { dialog, visible, reset, clearValidate };
}

describe('useFormDialog', () => {
  test('each opening resets the form, empties the server messages and clears old checks', async () => {
    const { dialog, visible, reset, clearValidate } = setup();
    dialog.serverErrors.name = '重名';
    visible.value = true;
    await nextTick();
    expect(reset).toHaveBeenCalledTimes(1);
    expect(dialog.serverErrors).toEqual({});
    expect(dialog.opening.value).toBe(1);
    await nextTick();
    expect(clearValidate).toHaveBeenCalledTimes(1);
    visible.value = false;
    await nextTick();
    expect(reset).toHaveBeenCalledTimes(1);
    visible.value = true;
    await nextTick();
    expect(dialog.opening.value).toBe(2);
  });

  test('immediate resets a dialog mounted open', () => {
    const form = ref<DialogForm | undefined>();
    const reset = vi.fn();
    useFormDialog({ form, visible: ref(true), t, reset, immediate: true });
    expect(reset).toHaveBeenCalledTimes(1);
  });

  test('a refusal naming a shown field lands under it; close hides the dialog after a save', async () => {
    const { dialog, visible } = setup();
    visible.value = true;
    const refused = await dialog.submit(async () => {
      throw new AppError('validation', 'x', 'name', 'required');
    });
    expect(refused).toBe(false);
    expect(dialog.serverErrors.name).toBeTruthy();
    const ok = await dialog.submit(async () => dialog.close());
    expect(ok).toBe(true);
    expect(visible.value).toBe(false);
    expect(dialog.saving.value).toBe(false);
  });

  test('without shown fields every refusal is a message', async () => {
    const error = vi.spyOn(ElMessage, 'error').mockImplementation((() => undefined) as unknown as typeof ElMessage.error);
    const { dialog } = setup(true, { shown: undefined });
    await dialog.submit(async () => {
      throw new AppError('validation', 'x', 'name', 'required');
    });
    expect(error).toHaveBeenCalledTimes(1);
    expect(dialog.serverErrors).toEqual({});
  });
});
