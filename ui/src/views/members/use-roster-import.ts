// 导入花名册: a spreadsheet read by the core, its columns mapped to the roster's fields (the
// core's guess first), every row previewed as 新增 / 已在名册 / 更新 / 有误 with the values read,
// then imported all or none; 更新已有党员 lets a corrected sheet update the members on the roster.
import { ref, watch } from 'vue';
import { rosterImportCommit, rosterImportPreview, rosterImportRead, rosterImportTemplate } from '@/api/members';
import type { RosterMapping } from '@/generated/RosterMapping';
import type { RosterPreview } from '@/generated/RosterPreview';
import type { RosterTable } from '@/generated/RosterTable';
import type { Translate } from '@/api/ipc';
import { saveFile, type SavedFile } from '@/utils/download';
import { useImportFlow } from '@/utils/use-import-flow';
import { cleanRosterMapping, emptyRosterMapping, importable, mappingProblem, type MappingProblem } from './import-model';

export function useRosterImport() {
  /** 更新已有党员: members already on the roster take the file's differing values. */
  const update = ref(false);
  const flow = useImportFlow<RosterTable, RosterMapping, RosterPreview, RosterPreview, MappingProblem, 'template'>({
    read: rosterImportRead,
    preview: (table, mapping) => rosterImportPreview(table, mapping, update.value),
    commit: (table, mapping) => rosterImportCommit(table, mapping, update.value),
    emptyMapping: emptyRosterMapping,
    cleanMapping: cleanRosterMapping,
    mappingProblem,
    importable,
  });

  /** Saves the template workbook where she chooses, proposed as `fileName`; null when it
   *  could not be made (the flow shows why) or she cancelled. */
  async function downloadTemplate(fileName: string, t: Translate): Promise<SavedFile | null> {
    const bytes = await flow.run('template', () => rosterImportTemplate());
    if (!bytes) return null;
    return (await flow.run('template', () => saveFile(bytes, fileName, t))) ?? null;
  }

  // A preview made with the other choice says what that import would do, not this one: made again.
  watch(update, () => {
    if (flow.preview.value) void flow.runPreview();
  });

  function reset() {
    flow.reset();
    update.value = false;
  }

  const { table, mapping, preview, done, busy, error, width, problem, canCommit, read, choose, runPreview, commit } = flow;
  return { table, mapping, preview, done, busy, error, width, problem, canCommit, update, reset, read, choose, runPreview, commit, downloadTemplate };
}
