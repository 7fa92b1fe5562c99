// 导入学时: a platform's export (.csv, .xlsx) read into a table, its columns mapped to fields
// (the core's guess first), every row previewed with its problem, then added all or none.
import { computed, reactive, ref, watch } from 'vue';
import { studyImportCommit, studyImportPreview, studyImportRead } from '@/api/study';
import { toAppError, type AppError } from '@/api/ipc';
import type { ImportMapping } from '@/generated/ImportMapping';
import type { ImportPreview } from '@/generated/ImportPreview';
import type { ImportTable } from '@/generated/ImportTable';
import type { Reason } from '@/generated/Reason';
import { isIsoDate } from '@/utils/dates';

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
  const table = ref<ImportTable | null>(null);
  const mapping = reactive<ImportMapping>(emptyMapping());
  const preview = ref<ImportPreview | null>(null);
  const added = ref<number | null>(null);
  const busy = ref<'read' | 'preview' | 'commit' | null>(null);
  const error = ref<AppError | null>(null);

  const width = computed(() => table.value?.headers.length ?? 0);
  const problem = computed(() => (table.value ? mappingReason(mapping, width.value) : null));
  /** Only a preview of the mapping as it stands, with every row valid, may be imported. */
  const canCommit = computed(() => !!preview.value && preview.value.invalid === 0 && preview.value.valid > 0 && added.value === null);

  // A changed mapping makes the preview stale: it must be run again before importing.
  watch(
    () => JSON.stringify(mapping),
    () => {
      preview.value = null;
    },
  );

  function reset() {
    table.value = null;
    Object.assign(mapping, emptyMapping());
    preview.value = null;
    added.value = null;
    error.value = null;
  }

  async function run<T>(step: 'read' | 'preview' | 'commit', action: () => Promise<T>): Promise<T | null> {
    busy.value = step;
    error.value = null;
    try {
      return await action();
    } catch (e) {
      error.value = toAppError(e);
      return null;
    } finally {
      busy.value = null;
    }
  }

  /** Reads the file; the mapping starts from the core's guess. */
  async function read(file: Blob & { name: string }): Promise<boolean> {
    const answer = await run('read', () => studyImportRead(file));
    if (!answer) return false;
    reset();
    table.value = answer;
    Object.assign(mapping, emptyMapping(), answer.mapping);
    preview.value = null;
    return true;
  }

  async function runPreview(): Promise<boolean> {
    const current = table.value;
    if (!current || problem.value) return false;
    const sent = cleanMapping(mapping);
    const answer = await run('preview', () => studyImportPreview(current, sent));
    if (!answer) return false;
    if (JSON.stringify(cleanMapping(mapping)) === JSON.stringify(sent)) preview.value = answer;
    return true;
  }

  /** Adds every row; answers how many entries were added, or null when refused. */
  async function commit(): Promise<number | null> {
    const current = table.value;
    if (!current || !canCommit.value) return null;
    const n = await run('commit', () => studyImportCommit(current, cleanMapping(mapping)));
    if (n !== null) added.value = n;
    return n;
  }

  return { table, mapping, preview, added, busy, error, width, problem, canCommit, reset, read, runPreview, commit };
}
