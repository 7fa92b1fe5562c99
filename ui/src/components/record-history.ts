// A record's history as the change log keeps it, put into words: who, when, what action, and
// each field with its value before and after.
import type { Translate } from '@/api/ipc';
import type { FieldChange } from '@/generated/FieldChange';
import type { HistoryEntry } from '@/generated/HistoryEntry';
import { hasMessage } from '@/locales';

/** How many changed fields an entry shows before "另有 N 项". */
export const SHOWN_CHANGES = 6;

/** Past this many characters a logged text (会议记录, 备注) is cut short with "…". */
export const SHOWN_TEXT = 60;

/**
 * How one kind of record puts its logged values into words, by field: a code as its label, a
 * member's id as the name, a list of attendance or participants as a line. Fields without one
 * show as they were logged.
 */
export type ValueFormats = Record<string, (value: unknown) => string>;

/** Who an id names: a member's name, a 党小组's name; null when it is not known here. */
export type NameOf = (id: string) => string | null;

/** A logged list (attendance, participants, agenda) as its items; anything else as none. */
export function listOf<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

/** Whether a logged value says nothing: null, blank, or an empty list. */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** A logged value as text: strings as they are, lists joined, nothing as （空）. */
export function valueText(v: unknown, t: Translate): string {
  if (isBlank(v)) return t('common.history.empty_value');
  if (Array.isArray(v)) return v.map((x) => valueText(x, t)).join('、');
  if (typeof v === 'boolean') return t(v ? 'common.history.yes' : 'common.history.no');
  if (typeof v === 'object') return JSON.stringify(v);
  const text = String(v);
  return text.length > SHOWN_TEXT ? `${text.slice(0, SHOWN_TEXT)}…` : text;
}

/** A field's value through its format where the record has one; blanks are （空） either way. */
function formatted(field: string, v: unknown, t: Translate, formats: ValueFormats): string {
  const format = formats[field];
  if (!format || isBlank(v)) return valueText(v, t);
  return valueText(format(v), t);
}

/** A field's Chinese name where the app has one, else its code. */
export function fieldText(field: string, t: Translate): string {
  const key = `errors.field.${field}`;
  return hasMessage(key) ? t(key) : field;
}

/** One change in words: "联系电话：139****1111 → 023-4987****", or "姓名：张三" when first set. */
export function changeText(c: FieldChange, t: Translate, formats: ValueFormats = {}): string {
  const field = fieldText(c.field, t);
  const after = formatted(c.field, c.after, t, formats);
  return c.before === null || c.before === undefined
    ? t('common.history.set', { field, after })
    : t('common.history.changed', { field, before: formatted(c.field, c.before, t, formats), after });
}

/** Newest first, with what each entry changed (blank values set at creation left out). */
export function historyRows(entries: HistoryEntry[], t: Translate, formats: ValueFormats = {}) {
  return [...entries].reverse().map((e) => {
    const changes = e.changes.filter((c) => !(c.before === null && isBlank(c.after))).map((c) => changeText(c, t, formats));
    // The programs' own codes in words; a 操作人 (书记, a name) as it was chosen.
    const actorKey = e.actor === 'app' || e.actor === 'cli' ? `common.history.actor.${e.actor}` : '';
    const actionKey = `common.history.action.${e.action}`;
    return {
      seq: e.seq,
      at: e.at.replace('T', ' ').slice(0, 16),
      actor: actorKey ? t(actorKey) : e.actor,
      action: hasMessage(actionKey) ? t(actionKey) : e.action,
      changes: changes.slice(0, SHOWN_CHANGES),
      more: Math.max(0, changes.length - SHOWN_CHANGES),
    };
  });
}
