// The scaffold every form dialog shares: the form's ref, the server's messages under its fields,
// a reset each time the dialog opens, and the save around `submitForm`.
import { nextTick, reactive, ref, watch, type Ref } from 'vue';
import type { Translate } from '@/api/ipc';
import { provideServerErrors } from '@/composables/server-errors';
import { clearServerErrors, submitForm, type ServerErrors, type SubmitFormOptions, type ValidatableForm } from './form';

/** A form the dialog can validate and, when it can, clear of old check results. */
export type DialogForm = ValidatableForm & { clearValidate?: () => void };

export interface FormDialogOptions {
  /** The form's template ref. */
  form: Readonly<Ref<DialogForm | undefined>>;
  /** The dialog's v-model. */
  visible: Ref<boolean>;
  t: Translate;
  /** Fills the form for this opening (from the record edited, or empty). */
  reset: () => void;
  /** Where a refusal naming a shown field goes; see `submitForm`. Without it every refusal is a message. */
  shown?: SubmitFormOptions['shown'];
  fieldToProp?: Record<string, string>;
  /** Called when the form does not validate (a dialog may say so in a message). */
  onInvalid?: () => void;
  /** Also reset when set up, for a dialog mounted open. */
  immediate?: boolean;
  /** False when the action keeps its own saving flag. */
  ownSaving?: boolean;
}

/**
 * Each opening resets the form, empties the server messages, counts the opening (a key that
 * remounts a form component) and, after the render, clears the form's old check results.
 * The server messages reach the dialog's `form-field`s. `submit(action)` validates and runs the save; `close()` hides the dialog.
 */
export function useFormDialog(options: FormDialogOptions) {
  const { form: formRef, visible, t, reset, shown, fieldToProp, onInvalid } = options;
  const serverErrors = reactive<ServerErrors>({});
  // The dialog's form-fields show these under themselves.
  provideServerErrors(serverErrors);
  const saving = ref(false);
  const opening = ref(0);

  watch(
    visible,
    (open) => {
      if (!open) return;
      reset();
      clearServerErrors(serverErrors);
      opening.value += 1;
      void nextTick(() => formRef.value?.clearValidate?.());
    },
    { immediate: options.immediate ?? false },
  );

  function submit(action: () => Promise<unknown>): Promise<boolean> {
    return submitForm({
      form: formRef,
      serverErrors: shown ? serverErrors : undefined,
      shown,
      fieldToProp,
      saving: options.ownSaving ? undefined : saving,
      t,
      onInvalid,
      action,
    });
  }

  function close() {
    visible.value = false;
  }

  return { serverErrors, saving, opening, submit, close };
}
