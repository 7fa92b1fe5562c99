// 导入学时: a platform's export (.csv, .xlsx) read into a table, its columns mapped to fields
// (the core's guess first), every row previewed with its problem, then added all or none.
import { studyImportCommit, studyImportPreview, studyImportRead } from '@/api/study';
import type { ImportDone } from '@/generated/ImportDone';
import type { ImportMapping } from '@/generated/ImportMapping';
import type { ImportPreview } from '@/generated/ImportPreview';
import type { ImportTable } from '@/generated/ImportTable';
import type { Reason } from '@/generated/Reason';
import { isIsoDate } from '@/utils/dates';
import { useImportFlow } from '@/utils/use-import-flow';

/** The column fields of a mapping, in the order the form lists them. */
export const MAPPING_COLUMNS = ['name', 'id_number', 'date', 'hours', 'category', 'note'] as const;
export type MappingColumn = (typeof MAPPING_COLUMNS)[number];

/** File types the core reads. */
export function emptyMapping(): ImportMapping {
  return { name: null, id_number: null, date: null, hours: null, category: null, note: null, default_category: '', default_date: null };
}

/**
 * Why the core would refuse the mapping, named by the form item it belongs to: a member
 * column (name or 身份证号), the hours, a date (column or default), a category (column or
 * default), and no column past the table's last.
 */
export function mappingReason(m: ImportMapping, width: number): { field: 'member' | 'hours' | 'date' | 'category' | 'columns'; reason: Reason } | null {
  const cols = MAPPING_COLUMNS.map((c) => m[c]);
  if (cols.some((c) => c != null && (c < 0 || c >= width))) return { field: 'columns', reason: 'invalid_value' };
  if (m.name == null && m.id_number == null) return { field: 'member', reason: 'required' };
  if (m.hours == null) return { field: 'hours', reason: 'required' };
  if (m.date == null) {
    if (!m.default_date?.trim()) return { field: 'date', reason: 'required' };
    if (!isIsoDate(m.default_date.trim())) return { field: 'date', reason: 'invalid_date' };
  }
  if (m.category == null && !(m.default_category ?? '').trim()) return { field: 'category', reason: 'required' };
  return null;
}

/** The mapping as sent: a column cleared in a select as none, text trimmed, a blank date as none. */
export function cleanMapping(m: ImportMapping): ImportMapping {
  const column = (c: number | null | undefined) => (typeof c === 'number' ? c : null);
  const date = m.default_date?.trim() ?? '';
  return {
    name: column(m.name),
    id_number: column(m.id_number),
    date: column(m.date),
    hours: column(m.hours),
    category: column(m.category),
    note: column(m.note),
    default_category: (m.default_category ?? '').trim(),
    default_date: date === '' ? null : date,
  };
}

export function useStudyImport() {
  const flow = useImportFlow<ImportTable, ImportMapping, ImportPreview, ImportDone, NonNullable<ReturnType<typeof mappingReason>>>({
    read: studyImportRead,
    preview: studyImportPreview,
    commit: studyImportCommit,
    emptyMapping,
    cleanMapping,
    mappingProblem: mappingReason,
    /** Only a preview with every row valid, and some row not imported before, may be imported. */
    importable: (p) => p.invalid === 0 && p.valid > p.duplicates,
  });
  const { table, mapping, preview, done: added, busy, error, width, problem, canCommit, reset, read, choose, runPreview, commit } = flow;
  return { table, mapping, preview, added, busy, error, width, problem, canCommit, reset, read, choose, runPreview, commit };
}
