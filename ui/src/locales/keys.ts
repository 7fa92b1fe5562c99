// The message keys as a type, from the zh-CN files: a literal key given to `t` that is not there
// fails the type check. A key built at run time (`codes.role.${r}`) is let through here and
// checked by the tests (keys.test.ts, and the missing-key handler in test-setup.ts).
import type { MessageSchema } from './index';

/** The dotted paths to every message (a leaf string) of `T`. */
type Leaves<T> = {
  [K in keyof T & string]: T[K] extends string ? K : T[K] extends Record<string, unknown> ? `${K}.${Leaves<T[K]>}` : never;
}[keyof T & string];

export type MessageKey = Leaves<MessageSchema>;

/**
 * A literal key must be a message; a key typed only as `string`, or built from a template with
 * a non-literal part, cannot be checked by the compiler and is accepted.
 */
export type CheckedKey<K extends string> = string extends K ? K : Record<never, never> extends Record<K, 1> ? K : K extends MessageKey ? K : never;

/** The app's `t`: vue-i18n's, with its keys checked. */
export interface AppTranslate {
  <K extends string>(key: K & CheckedKey<K>, named?: Record<string, unknown>): string;
}
