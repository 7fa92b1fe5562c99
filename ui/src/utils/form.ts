// Glue between the core's reasons and Element Plus forms: rules from reason checks, and a
// server's validation error shown under the field it names.
import type { FormItemRule } from 'element-plus';
import type { Reason } from '@/generated/Reason';
import { fieldErrorText, toAppError, type Translate } from '@/api/ipc';

export type Trigger = 'blur' | 'change';

/**
 * An Element Plus rule whose message is the core's sentence for the reason `check` returns.
 * `required` only marks the label with an asterisk; the check itself says when a value is missing.
 */
export function reasonRule(
  check: () => Reason | null,
  t: Translate,
  options: { trigger?: Trigger | Trigger[]; required?: boolean } = {},
): FormItemRule {
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
export function showServerError(
  e: unknown,
  errors: ServerErrors,
  shown: ReadonlySet<string>,
  t: Translate,
  fieldToProp: Record<string, string> = {},
): boolean {
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

/** An optional text field as the core wants it: null when blank. */
export function blankToNull(v: string | null | undefined): string | null {
  return v == null || v.trim() === '' ? null : v.trim();
}
