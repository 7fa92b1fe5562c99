// Glue between the core's reasons and Element Plus forms: rules from reason checks, a
// server's validation error shown under the field it names, and a dialog's save around both.
import { nextTick, type Ref } from 'vue';
import { ElMessage, type FormItemRule } from 'element-plus';
import type { Reason } from '@/generated/Reason';
import { errorText, fieldErrorText, toAppError, type Translate } from '@/api/ipc';

export type Trigger = 'blur' | 'change';

/**
 * An Element Plus rule whose message is the core's sentence for the reason `check` returns.
 * `required` only marks the label with an asterisk; the check itself says when a value is missing.
 */
export function reasonRule(check: () => Reason | null, t: Translate, options: { trigger?: Trigger | Trigger[]; required?: boolean } = {}): FormItemRule {
  return {
    trigger: options.trigger ?? ['blur', 'change'],
    required: options.required ?? false,
    validator: (_rule, _value, callback) => {
      const reason = check();
      if (reason) callback(new Error(t(`errors.reason.${reason}`)));
      else callback();
    },
  };
}

/** Messages from the server, keyed by form item prop, bound to each el-form-item's `error`. */
export type ServerErrors = Record<string, string>;

/**
 * Puts a server validation error under its field when the form shows that field (`fieldToProp`
 * maps the core's snake_case field to the item's prop). Returns false when it could not, so the
 * caller shows a message instead.
 */
export function showServerError(e: unknown, errors: ServerErrors, shown: ReadonlySet<string>, t: Translate, fieldToProp: Record<string, string> = {}): boolean {
  const err = toAppError(e);
  if (err.code !== 'validation' || !err.field) return false;
  const prop = fieldToProp[err.field] ?? err.field;
  if (!shown.has(prop)) return false;
  errors[prop] = fieldErrorText(err, t);
  return true;
}

/** Empties the server messages; el-form-item only reacts to a change of its `error`. */
export function clearServerErrors(errors: ServerErrors) {
  for (const key of Object.keys(errors)) delete errors[key];
}

/** What `submitForm` validates: an Element Plus form, or a form component exposing `validate`. */
export interface ValidatableForm {
  validate: () => Promise<unknown>;
}

export interface SubmitFormOptions {
  /** The form, read only when it is validated (after the server messages are cleared). */
  form: Readonly<Ref<ValidatableForm | undefined>>;
  /** Where a refusal naming a shown field goes; without it every refusal is a message. */
  serverErrors?: ServerErrors;
  /** The props the form shows now, or a function giving them when a refusal comes back. */
  shown?: ReadonlySet<string> | (() => ReadonlySet<string>);
  /** The core's snake_case field to the item's prop, where they differ. */
  fieldToProp?: Record<string, string>;
  /** True while `action` runs; left out when the action keeps its own flag. */
  saving?: Ref<boolean>;
  t: Translate;
  /** Called when the form does not validate (a dialog may say so in a message). */
  onInvalid?: () => void;
  /** The save, and whatever follows a success (message, closing, events). */
  action: () => Promise<unknown>;
}

/**
 * A dialog's save: clears the server messages, validates the form (an invalid form stops here),
 * then runs `action` with `saving` set. A refusal lands under its field when the form shows it,
 * anything else is shown as a message. Returns whether the action succeeded.
 */
export async function submitForm(options: SubmitFormOptions): Promise<boolean> {
  const { form, serverErrors, shown, fieldToProp, saving, t, onInvalid, action } = options;
  if (serverErrors) {
    clearServerErrors(serverErrors);
    // el-form-item only sees the change after a render; the same message again would not show.
    await nextTick();
  }
  if (!(await form.value?.validate().catch(() => false))) {
    onInvalid?.();
    return false;
  }
  if (saving) saving.value = true;
  try {
    await action();
    return true;
  } catch (e) {
    const shownNow = typeof shown === 'function' ? shown() : (shown ?? new Set<string>());
    if (!serverErrors || !showServerError(e, serverErrors, shownNow, t, fieldToProp)) ElMessage.error(errorText(e, t));
    return false;
  } finally {
    if (saving) saving.value = false;
  }
}

/** An optional text field as the core wants it: null when blank. */
export function blankToNull(v: string | null | undefined): string | null {
  return v == null || v.trim() === '' ? null : v.trim();
}
