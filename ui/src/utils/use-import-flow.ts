// The steps every spreadsheet import takes in the window: the core reads the file and guesses
// the mapping, the user adjusts it, the core previews every row, then imports all or none.
// The 学时 and 花名册 imports differ only in their types, mapping checks and what they return.
import { computed, reactive, ref, watch, type UnwrapRef } from 'vue';
import { fileOpen, type FileFilter } from '@/api/files';
import { toAppError, type AppError } from '@/api/ipc';

export interface ImportFlowSpec<Table extends { headers: string[]; mapping: Mapping }, Mapping extends object, Preview, Done, Problem> {
  /** Reads the file at the path chosen in the open dialog. */
  read: (path: string) => Promise<Table>;
  preview: (table: Table, mapping: Mapping) => Promise<Preview>;
  commit: (table: Table, mapping: Mapping) => Promise<Done>;
  emptyMapping: () => Mapping;
  /** The mapping as sent (cleared selects as none, text trimmed). */
  cleanMapping: (m: Mapping) => Mapping;
  /** Why the core would refuse the mapping, before asking it; null when it would not. */
  mappingProblem: (m: Mapping, width: number) => Problem | null;
  /** Whether a preview may be imported (no row refused, something to import). */
  importable: (p: Preview) => boolean;
}

export function useImportFlow<
  Table extends { headers: string[]; mapping: Mapping },
  Mapping extends object,
  Preview,
  Done,
  Problem,
  Step extends string = never,
>(spec: ImportFlowSpec<Table, Mapping, Preview, Done, Problem>) {
  const table = ref<Table | null>(null);
  const mapping = reactive(spec.emptyMapping()) as Mapping;
  const preview = ref<Preview | null>(null);
  /** What the import did, once it is done. */
  const done = ref<Done | null>(null);
  const busy = ref<'read' | 'preview' | 'commit' | Step | null>(null);
  const error = ref<AppError | null>(null);

  const width = computed(() => table.value?.headers.length ?? 0);
  const problem = computed<Problem | null>(() => (table.value ? spec.mappingProblem(mapping, width.value) : null));
  const canCommit = computed(() => preview.value !== null && spec.importable(preview.value as Preview) && done.value === null && busy.value === null);

  // A changed mapping makes the preview stale: it must be run again before importing.
  watch(
    () => JSON.stringify(mapping),
    () => {
      preview.value = null;
    },
  );

  function reset() {
    table.value = null;
    Object.assign(mapping, spec.emptyMapping());
    preview.value = null;
    done.value = null;
    error.value = null;
  }

  /** Runs one step with `busy` set; a refusal is kept in `error` and answers null. */
  async function run<T>(step: 'read' | 'preview' | 'commit' | Step, action: () => Promise<T>): Promise<T | null> {
    busy.value = step as UnwrapRef<typeof busy>;
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
  async function read(path: string): Promise<boolean> {
    const answer = await run('read', () => spec.read(path));
    if (!answer) return false;
    reset();
    table.value = answer as UnwrapRef<Table>;
    Object.assign(mapping, spec.emptyMapping(), answer.mapping);
    preview.value = null;
    return true;
  }

  /** Asks for the file in the native open dialog, then reads it; false when she cancelled. */
  async function choose(filters: FileFilter[], title: string): Promise<boolean> {
    const path = await run('read', () => fileOpen(filters, title));
    return path ? read(path) : false;
  }

  async function runPreview(): Promise<boolean> {
    const current = table.value as Table | null;
    if (!current || problem.value) return false;
    const sent = spec.cleanMapping(mapping);
    const answer = await run('preview', () => spec.preview(current, sent));
    if (answer === null) return false;
    // The mapping may have changed while the core worked; that answer is of no use.
    if (JSON.stringify(spec.cleanMapping(mapping)) === JSON.stringify(sent)) preview.value = answer as UnwrapRef<Preview>;
    return true;
  }

  /** Imports the rows; answers what was done, or null when refused (nothing was kept). */
  async function commit(): Promise<Done | null> {
    const current = table.value as Table | null;
    if (!current || !canCommit.value) return null;
    const answer = await run('commit', () => spec.commit(current, spec.cleanMapping(mapping)));
    if (answer !== null) done.value = answer as UnwrapRef<Done>;
    return answer;
  }

  return { table, mapping, preview, done, busy, error, width, problem, canCommit, reset, run, read, choose, runPreview, commit };
}
