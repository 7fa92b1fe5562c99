// 导入花名册: a spreadsheet read by the core, its columns mapped to the roster's fields (the
// core's guess first), every row previewed as 新增 / 已在名册 / 有误, then imported all or none.
import { rosterImportCommit, rosterImportPreview, rosterImportRead, rosterImportTemplate } from '@/api/members';
import type { RosterMapping } from '@/generated/RosterMapping';
import type { RosterPreview } from '@/generated/RosterPreview';
import type { RosterTable } from '@/generated/RosterTable';
import { saveBytes, XLSX_MIME } from '@/utils/download';
import { useImportFlow } from '@/utils/use-import-flow';
import { cleanRosterMapping, emptyRosterMapping, importable, mappingProblem, type MappingProblem } from './import-model';

export function useRosterImport() {
  const flow = useImportFlow<RosterTable, RosterMapping, RosterPreview, RosterPreview, MappingProblem, 'template'>({
    read: rosterImportRead,
    preview: rosterImportPreview,
    commit: rosterImportCommit,
    emptyMapping: emptyRosterMapping,
    cleanMapping: cleanRosterMapping,
    mappingProblem,
    importable,
  });

  /** Saves the template workbook under `fileName`. */
  async function downloadTemplate(fileName: string): Promise<boolean> {
    const bytes = await flow.run('template', () => rosterImportTemplate());
    if (!bytes) return false;
    saveBytes(bytes, fileName, XLSX_MIME);
    return true;
  }

  const { table, mapping, preview, done, busy, error, width, problem, canCommit, reset, read, runPreview, commit } = flow;
  return { table, mapping, preview, done, busy, error, width, problem, canCommit, reset, read, runPreview, commit, downloadTemplate };
}
