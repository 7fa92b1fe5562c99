// A record's history as the change log keeps it, put into words: who, when, what action, and
// each field with its value before and after.
import type { Translate } from '@/api/ipc';
import type { FieldChange } from '@/generated/FieldChange';
import type { HistoryEntry } from '@/generated/HistoryEntry';

/** How many changed fields an entry shows before "另有 N 项". */
export const SHOWN_CHANGES = 6;

/** A logged value as text: strings as they are, lists joined, nothing as （空）. */
export function valueText(v: unknown, t: Translate): string {
  if (v === null || v === undefined || v === '') return t('common.history.empty_value');
  if (Array.isArray(v)) return v.length ? v.map((x) => valueText(x, t)).join('、') : t('common.history.empty_value');
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A field's Chinese name where the app has one, else its code. */
export function fieldText(field: string, t: Translate): string {
  const key = `errors.field.${field}`;
  const label = t(key);
  return label === key ? field : label;
}

/** One change in words: "联系电话：139****1111 → 023-4987****", or "姓名：张三" when first set. */
export function changeText(c: FieldChange, t: Translate): string {
  const field = fieldText(c.field, t);
  return c.before === null || c.before === undefined
    ? t('common.history.set', { field, after: valueText(c.after, t) })
    : t('common.history.changed', { field, before: valueText(c.before, t), after: valueText(c.after, t) });
}

/** Newest first, with what each entry changed (blank values set at creation left out). */
export function historyRows(entries: HistoryEntry[], t: Translate) {
  return [...entries].reverse().map((e) => {
    const changes = e.changes
      .filter((c) => !(c.before === null && (c.after === '' || c.after === null || (Array.isArray(c.after) && c.after.length === 0))))
      .map((c) => changeText(c, t));
    const actorKey = `common.history.actor.${e.actor}`;
    const actionKey = `common.history.action.${e.action}`;
    return {
      seq: e.seq,
      at: e.at.replace('T', ' ').slice(0, 16),
      actor: t(actorKey) === actorKey ? e.actor : t(actorKey),
      action: t(actionKey) === actionKey ? e.action : t(actionKey),
      changes: changes.slice(0, SHOWN_CHANGES),
      more: Math.max(0, changes.length - SHOWN_CHANGES),
    };
  });
}
