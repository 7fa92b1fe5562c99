// The roster import's rules on the UI side: the mapping's fields and what makes the core refuse
// it, which preview may be imported, and the sentences that sum a preview or an import up.
import type { Translate } from '@/api/ipc';
import type { Reason } from '@/generated/Reason';
import type { RosterMapping } from '@/generated/RosterMapping';
import type { RosterPreview } from '@/generated/RosterPreview';
import type { RosterRow } from '@/generated/RosterRow';
import type { RowOutcome } from '@/generated/RowOutcome';
import { hasMessage } from '@/locales';
import { PERSON_FIELDS } from './validate';

/** The mapping's fields in the template's column order. */
export const ROSTER_FIELDS = [...PERSON_FIELDS, 'joined_on', 'confirmed_on', 'party_group', 'notes'] as const satisfies readonly (keyof RosterMapping)[];
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** Fields the core will not import without. */
export const REQUIRED_FIELDS: readonly RosterField[] = ['name', 'id_number'];

/** The select's value for "不导入": Element Plus options cannot carry null. */
export const NOT_IMPORTED = -1;

export const OUTCOME_TAG: Record<RowOutcome, 'success' | 'info' | 'warning' | 'danger'> = {
  new: 'success',
  existing: 'info',
  invalid: 'danger',
  updated: 'warning',
};

export function emptyRosterMapping(): RosterMapping {
  return Object.fromEntries(ROSTER_FIELDS.map((f) => [f, null])) as RosterMapping;
}

/** The mapping as sent: anything but a column index (a cleared select, "不导入") as none. */
export function cleanRosterMapping(m: RosterMapping): RosterMapping {
  const out = emptyRosterMapping();
  for (const f of ROSTER_FIELDS) {
    const c = m[f];
    out[f] = typeof c === 'number' && Number.isInteger(c) && c >= 0 ? c : null;
  }
  return out;
}

/** Fields that share a column with another field; the core refuses such a mapping. */
export function sharedColumnFields(m: RosterMapping): RosterField[] {
  const clean = cleanRosterMapping(m);
  const byColumn = new Map<number, RosterField[]>();
  for (const f of ROSTER_FIELDS) {
    const c = clean[f];
    if (c === null) continue;
    byColumn.set(c, [...(byColumn.get(c) ?? []), f]);
  }
  return ROSTER_FIELDS.filter((f) => clean[f] !== null && (byColumn.get(clean[f] as number)?.length ?? 0) > 1);
}

export type MappingProblem =
  { kind: 'columns'; reason: Reason } | { kind: 'shared'; reason: Reason; fields: RosterField[] } | { kind: 'required'; reason: Reason; field: RosterField };

/** Why the core would refuse the mapping, in the order it checks: range, sharing, required. */
export function mappingProblem(m: RosterMapping, width: number): MappingProblem | null {
  const clean = cleanRosterMapping(m);
  if (ROSTER_FIELDS.some((f) => clean[f] !== null && (clean[f] as number) >= width)) return { kind: 'columns', reason: 'invalid_value' };
  const shared = sharedColumnFields(clean);
  if (shared.length > 0) return { kind: 'shared', reason: 'invalid_value', fields: shared };
  const missing = REQUIRED_FIELDS.find((f) => clean[f] === null);
  return missing ? { kind: 'required', reason: 'required', field: missing } : null;
}

export function problemText(p: MappingProblem, t: Translate): string {
  switch (p.kind) {
    case 'columns':
      return t('members.import.problem.columns');
    case 'shared':
      return t('members.import.problem.shared', { fields: p.fields.map((f) => t(`members.import.fields.${f}`)).join('、') });
    case 'required':
      return t('members.import.problem.required', { field: t(`members.import.fields.${p.field}`) });
  }
}

/** The first non-blank value of a column, to show beside its select. */
export function sampleOf(rows: string[][], column: number | null): string {
  if (column === null || column < 0) return '';
  for (const row of rows) {
    const v = row[column]?.trim();
    if (v) return v;
  }
  return '';
}

/** Only a preview with every row valid and somebody to add or update may be imported. */
export function importable(p: RosterPreview | null): boolean {
  return !!p && p.invalid === 0 && (p.new > 0 || p.updated.length > 0);
}

/** Why a preview cannot be imported, for the line under the table; none when it can. */
export function blockedText(p: RosterPreview, t: Translate): string {
  if (p.invalid > 0) return t('members.import.fix_first', { n: p.invalid });
  if (p.new === 0 && p.updated.length === 0) {
    return p.rows.some((r) => r.changes.length > 0) ? t('members.import.differs_not_updated') : t('members.import.nobody_new');
  }
  return '';
}

/** What a row says, as read: "正式党员，出生 1985-03-12，入党 2010-07-01，转正 2011-07-01，第一党小组". */
export function valuesText(row: RosterRow, t: Translate): string {
  const v = row.values;
  const parts: string[] = [];
  if (v.stage) parts.push(t(`codes.stage.${v.stage}`));
  if (v.birth_date) parts.push(t('members.import.values.birth', { date: v.birth_date }));
  if (v.joined_on) parts.push(t('members.import.values.joined', { date: v.joined_on }));
  if (v.confirmed_on) parts.push(t('members.import.values.confirmed', { date: v.confirmed_on }));
  if (v.party_group) parts.push(v.party_group);
  return parts.join(t('members.import.values.separator'));
}

/** A row's differences from the roster, field by field: "所在党小组：第一党小组 → 第二党小组". */
export function changesText(row: RosterRow, t: Translate): string {
  return row.changes
    .map((c) => {
      const key = `members.import.fields.${c.field}`;
      return t('members.import.change', {
        field: hasMessage(key) ? t(key) : c.label,
        from: c.from || t('members.import.blank'),
        to: c.to || t('members.import.blank'),
      });
    })
    .join(t('members.import.values.separator'));
}

/** The 说明 of a row that imports: added, updated with what changes, or left as it is. */
export function rowDetailText(row: RosterRow, t: Translate): string {
  switch (row.outcome) {
    case 'updated':
      return t('members.import.detail_updated', { changes: changesText(row, t) });
    case 'existing':
      return row.changes.length > 0 ? t('members.import.detail_differs', { changes: changesText(row, t) }) : t('members.import.detail_existing');
    default:
      return row.new_group ? t('members.import.detail_new_group', { group: row.new_group }) : t('members.import.detail_new');
  }
}

/** The rows the table shows: all of them, or only those with an error. */
export function visibleRows(p: RosterPreview | null, onlyErrors: boolean): RosterRow[] {
  if (!p) return [];
  return onlyErrors ? p.rows.filter((r) => r.outcome === 'invalid') : p.rows;
}

/** What was done: "已导入 N 人", then who was left as is and which 党小组 were created. */
export function importedText(done: RosterPreview, t: Translate): string {
  const parts = [t('members.import.done', { n: done.new })];
  if (done.updated.length > 0) parts.push(t('members.import.done_updated', { n: done.updated.length }));
  if (done.unchanged.length > 0) parts.push(t('members.import.done_existing', { n: done.unchanged.length }));
  if (done.new_groups.length > 0) parts.push(t('members.import.done_groups', { groups: done.new_groups.join('、') }));
  return parts.join(t('members.import.done_separator'));
}
