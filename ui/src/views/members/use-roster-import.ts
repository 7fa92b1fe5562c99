// 导入花名册: a spreadsheet read by the core, its columns mapped to the roster's fields (the
// core's guess first), every row previewed as 新增 / 已在名册 / 有误, then imported all or none.
import { computed, reactive, ref, watch } from 'vue';
import { rosterImportCommit, rosterImportPreview, rosterImportRead, rosterImportTemplate } from '@/api/members';
import { toAppError, type AppError } from '@/api/ipc';
import type { RosterMapping } from '@/generated/RosterMapping';
import type { RosterPreview } from '@/generated/RosterPreview';
import type { RosterTable } from '@/generated/RosterTable';
import { saveBytes, XLSX_MIME } from '@/utils/download';
import { cleanRosterMapping, emptyRosterMapping, importable, mappingProblem } from './import-model';

type Step = 'read' | 'preview' | 'commit' | 'template';

export function useRosterImport() {
  const table = ref<RosterTable | null>(null);
  const mapping = reactive<RosterMapping>(emptyRosterMapping());
  const preview = ref<RosterPreview | null>(null);
  /** What the import did, once it is done. */
  const done = ref<RosterPreview | null>(null);
  const busy = ref<Step | null>(null);
  const error = ref<AppError | null>(null);

  const width = computed(() => table.value?.headers.length ?? 0);
  const problem = computed(() => (table.value ? mappingProblem(mapping, width.value) : null));
  const canCommit = computed(() => importable(preview.value) && done.value === null && busy.value === null);

  // A changed mapping makes the preview stale: it must be run again before importing.
  watch(
    () => JSON.stringify(mapping),
    () => {
      preview.value = null;
    },
  );

  function reset() {
    table.value = null;
    Object.assign(mapping, emptyRosterMapping());
    preview.value = null;
    done.value = null;
    error.value = null;
  }

  async function run<T>(step: Step, action: () => Promise<T>): Promise<T | null> {
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

  /** Reads the file; the mapping starts from the core's guess. A refused file keeps the last one. */
  async function read(file: Blob & { name: string }): Promise<boolean> {
    const answer = await run('read', () => rosterImportRead(file));
    if (!answer) return false;
    reset();
    table.value = answer;
    Object.assign(mapping, emptyRosterMapping(), answer.mapping);
    preview.value = null;
    return true;
  }

  async function runPreview(): Promise<boolean> {
    const current = table.value;
    if (!current || problem.value) return false;
    const sent = cleanRosterMapping(mapping);
    const answer = await run('preview', () => rosterImportPreview(current, sent));
    if (!answer) return false;
    // The mapping may have changed while the core worked; that answer is of no use.
    if (JSON.stringify(cleanRosterMapping(mapping)) === JSON.stringify(sent)) preview.value = answer;
    return true;
  }

  /** Imports the rows; answers what was done, or null when refused (nothing was kept). */
  async function commit(): Promise<RosterPreview | null> {
    const current = table.value;
    if (!current || !canCommit.value) return null;
    const answer = await run('commit', () => rosterImportCommit(current, cleanRosterMapping(mapping)));
    if (answer) done.value = answer;
    return answer;
  }

  /** Saves the template workbook under `fileName`. */
  async function downloadTemplate(fileName: string): Promise<boolean> {
    const bytes = await run('template', () => rosterImportTemplate());
    if (!bytes) return false;
    saveBytes(bytes, fileName, XLSX_MIME);
    return true;
  }

  return { table, mapping, preview, done, busy, error, width, problem, canCommit, reset, read, runPreview, commit, downloadTemplate };
}
