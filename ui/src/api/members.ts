// The member roster, and importing it from a spreadsheet.
import type { ArchiveInput } from '@/generated/ArchiveInput';
import type { ExclusionInput } from '@/generated/ExclusionInput';
import type { SanctionInput } from '@/generated/SanctionInput';
import type { Member } from '@/generated/Member';
import type { MemberInput } from '@/generated/MemberInput';
import type { RosterPage } from '@/generated/RosterPage';
import type { RosterMapping } from '@/generated/RosterMapping';
import type { RosterPreview } from '@/generated/RosterPreview';
import type { RosterQuery } from '@/generated/RosterQuery';
import type { RosterTable } from '@/generated/RosterTable';
import { toBytes } from './attachments';
import { call } from './ipc';

export const memberList = (query: RosterQuery) => call<RosterPage>('member_list', { query });
/** Everyone on the roll (none archived), by name, in one page; with `stage`, those of that stage. */
export const memberListAll = (stage: RosterQuery['stage'] = null) =>
  memberList({ search: null, stage, party_group_id: null, status: null, archived: false, sort: 'name', descending: false, offset: 0, limit: 0 });
export const memberGet = (id: string) => call<Member>('member_get', { id });
export const memberAdd = (input: MemberInput) => call<Member>('member_add', { input });
export const memberUpdate = (id: string, input: MemberInput) => call<Member>('member_update', { id, input });
export const memberArchive = (id: string, input: ArchiveInput) => call<Member>('member_archive', { id, input });

/** Reads a roster file (.xlsx or .csv) chosen in the open dialog into a table with the mapping its headers suggest. */
export const rosterImportRead = (path: string) => call<RosterTable>('roster_import_read_path', { path });
/** What importing each row would do (新增 / 已在名册 / 有误), and the 党小组 it would create; keeps nothing. */
export const rosterImportPreview = (table: RosterTable, mapping: RosterMapping, update = false) =>
  call<RosterPreview>('roster_import_preview', { table, mapping, update });
/** Imports every row, or none when any is refused (the error names its `row`); with `update`,
 *  members already on the roster take the file's differing values. */
export const rosterImportCommit = (table: RosterTable, mapping: RosterMapping, update = false) =>
  call<RosterPreview>('roster_import_commit', { table, mapping, update });
/** The 花名册 template (.xlsx) as bytes. */
export async function rosterImportTemplate(): Promise<Uint8Array<ArrayBuffer>> {
  return toBytes(await call<unknown>('roster_import_template'));
}
/** Leaves a member out of 应到 for a period (one of the five cases); returns the record. */
export const memberExclude = (id: string, input: ExclusionInput) => call<Member>('member_exclude', { id, input });
/** Records 留党察看 for a period; returns the record. */
export const memberSanction = (id: string, input: SanctionInput) => call<Member>('member_sanction', { id, input });
