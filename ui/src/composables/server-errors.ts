// The server's messages of a form dialog, handed down to its fields: a `form-field` shows the
// message for its prop without each field naming the dialog's `serverErrors` again.
import { getCurrentInstance, inject, provide, type InjectionKey } from 'vue';
import type { ServerErrors } from '@/utils/form';

const SERVER_ERRORS: InjectionKey<ServerErrors> = Symbol('server-errors');

/** Makes `errors` the messages the fields below this component show (useFormDialog calls it). */
export function provideServerErrors(errors: ServerErrors) {
  if (getCurrentInstance()) provide(SERVER_ERRORS, errors);
}

/** The messages of the nearest form dialog above, or none. */
export function injectServerErrors(): ServerErrors | undefined {
  return inject(SERVER_ERRORS, undefined);
}
