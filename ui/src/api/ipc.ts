// The one door to the Rust side: `call` wraps `invoke` and turns every rejection into an AppError.
import { hasMessage } from '@/locales';
import type { AppTranslate } from '@/locales/keys';
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import type { Reason } from '@/generated/Reason';

/** Error categories the Rust side sends, plus `unknown` for anything else (generated). */
export type { ErrorCode } from '@/generated/ErrorCode';
import type { ErrorCode } from '@/generated/ErrorCode';

/** Every code the Rust side sends: a Record so the type check fails when the union gains one. */
const SENT_CODES: Record<Exclude<ErrorCode, 'unknown'>, true> = {
  not_found: true,
  validation: true,
  conflict: true,
  locked: true,
  schema_too_new: true,
  not_a_database: true,
  no_database: true,
  backup_fails_verify: true,
  db: true,
  io: true,
  file_write: true,
  file_read: true,
  file_reveal: true,
  superior: true,
};
const KNOWN_CODES: ReadonlySet<string> = new Set(Object.keys(SENT_CODES));

/** Told whenever a command is refused because the app is locked (the lock screen listens). */
let lockedListener: (() => void) | null = null;
export function onLocked(listener: (() => void) | null): void {
  lockedListener = listener;
}

/** A refused or failed command, as the UI handles it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | null;
  readonly reason: Reason | null;
  /** For a batch (a bulk credit, an import): the 1-based row at fault; nothing was kept. */
  readonly row: number | null;
  /** The particulars of a refusal that needs them (the days a 转正 could be on, what the path
   * still lacks), as the core's Chinese sentences. */
  readonly details: readonly string[];

  constructor(
    code: ErrorCode,
    message: string,
    field: string | null = null,
    reason: Reason | null = null,
    row: number | null = null,
    details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
    this.reason = reason;
    this.row = row;
    this.details = details;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Whatever a rejection carried, as an AppError. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (isRecord(e) && typeof e.code === 'string' && KNOWN_CODES.has(e.code)) {
    return new AppError(
      e.code as ErrorCode,
      typeof e.message === 'string' ? e.message : '',
      typeof e.field === 'string' ? e.field : null,
      typeof e.reason === 'string' ? (e.reason as Reason) : null,
      typeof e.row === 'number' && Number.isInteger(e.row) && e.row > 0 ? e.row : null,
      Array.isArray(e.details) ? e.details.filter((d): d is string => typeof d === 'string') : [],
    );
  }
  if (e instanceof Error) return new AppError('unknown', e.message);
  if (typeof e === 'string') return new AppError('unknown', e);
  let text = '';
  try {
    text = JSON.stringify(e) ?? '';
  } catch {
    text = String(e);
  }
  return new AppError('unknown', text);
}

/** Calls a Tauri command; rejects only with AppError. */
export async function call<T>(cmd: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw refused(e);
  }
}

function refused(e: unknown): AppError {
  const err = toAppError(e);
  if (err.code === 'locked') lockedListener?.();
  return err;
}

/**
 * Calls a command that takes raw bytes as its request body (a file), with its other
 * arguments in headers; rejects only with AppError, like `call`.
 */
export async function callWithBody<T>(cmd: string, body: Uint8Array, headers: Record<string, string>): Promise<T> {
  try {
    return await invoke<T>(cmd, body, { headers });
  } catch (e) {
    throw refused(e);
  }
}

/** A translation function, as vue-i18n's `t` (or a test double). */
/** The app's `t` (keys checked, see locales/keys.ts); a test may pass any function of a string. */
export type Translate = AppTranslate;

/**
 * The Chinese text to show for an error: the reason's sentence (after the field's label when a
 * field is named), else the code's sentence, after "第 N 行：" when a batch names its row
 * (unless `withRow` is false, for a caller that names the row its own way). The core's own
 * message is never shown here: for db, io and unknown errors it may carry internal detail.
 */
export function errorText(e: unknown, t: Translate, options: { withRow?: boolean } = {}): string {
  const err = toAppError(e);
  const text = withDetails(sentenceOf(err, t), err);
  return err.row !== null && options.withRow !== false ? t('errors.at_row', { row: err.row, text }) : text;
}

function sentenceOf(err: AppError, t: Translate): string {
  if (err.reason) {
    const key = `errors.reason.${err.reason}`;
    if (hasMessage(key)) {
      const sentence = t(key);
      if (!err.field) return sentence;
      const labelKey = `errors.field.${err.field}`;
      return t('errors.with_field', { field: hasMessage(labelKey) ? t(labelKey) : err.field, text: sentence });
    }
  }
  const key = `errors.code.${err.code}`;
  return hasMessage(key) ? t(key, { code: err.code }) : t('errors.code.unknown', { code: err.code });
}

/** A sentence followed by the refusal's particulars, if it has any. */
function withDetails(sentence: string, err: AppError): string {
  return err.details.length ? `${sentence}：${err.details.join('；')}` : sentence;
}

/** The sentence for a validation error without the field label, to show under that field. */
export function fieldErrorText(e: AppError, t: Translate): string {
  if (e.reason) {
    const key = `errors.reason.${e.reason}`;
    if (hasMessage(key)) return withDetails(t(key), e);
  }
  return errorText(e, t);
}
