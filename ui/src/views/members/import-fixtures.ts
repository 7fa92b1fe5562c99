// Answers of the roster import commands, for the tests of the import model, composable and dialog.
import type { RosterMapping } from '@/generated/RosterMapping';
import type { RosterPreview } from '@/generated/RosterPreview';
import type { RosterTable } from '@/generated/RosterTable';
import { emptyRosterMapping } from './import-model';

/** The core's guess for TABLE: 序号 and 籍贯 are not recognised, the rest are. */
export const GUESS: RosterMapping = { ...emptyRosterMapping(), name: 1, id_number: 2, gender: 3, stage: 4, joined_on: 5, party_group: 6, phone: 7 };

export const TABLE: RosterTable = {
  file_name: '一支部花名册.xlsx',
  header_line: 2,
  headers: ['序号', '姓名', '公民身份号码', '性别', '党员类别', '入党时间', '党小组', '手机'],
  rows: [
    ['1', '徐婷', '500118199001010026', '女', '正式党员', '2015年7月1日', '第一党小组', '13800001234'],
    ['2', '吴刚', '500118198507150035', '男', '正式党员', '2010/7/1', '第一党小组', ''],
    ['3', '李四', '50011819900101002', '', '预备党员', '2026-06-01', '第三党小组', ''],
    ['4', '王五', '500118199203040011', '', '正式党员', '2016-07-01', '第三党小组', '1380000'],
  ],
  mapping: GUESS,
};

export const PREVIEW_WITH_ERRORS: RosterPreview = {
  rows: [
    { line: 3, name: '徐婷', outcome: 'new', member_id: 'n1', new_group: null, column: null, error: null },
    { line: 4, name: '吴刚', outcome: 'existing', member_id: 'm2', new_group: null, column: null, error: null },
    {
      line: 5,
      name: '李四',
      outcome: 'invalid',
      member_id: null,
      new_group: null,
      column: '公民身份号码',
      error: { field: 'id_number', reason: 'id_number_format', message: 'id_number: format' },
    },
    {
      line: 6,
      name: '王五',
      outcome: 'invalid',
      member_id: null,
      new_group: null,
      column: '手机',
      error: { field: 'phone', reason: 'phone_format', message: 'phone: format' },
    },
  ],
  new: 1,
  existing: 1,
  invalid: 2,
  new_groups: [],
};

/** The file once 李四 and 王五 are fixed: three new members, one a 第三党小组 the branch lacks. */
export const PREVIEW_CLEAN: RosterPreview = {
  rows: [
    PREVIEW_WITH_ERRORS.rows[0],
    PREVIEW_WITH_ERRORS.rows[1],
    { line: 5, name: '李四', outcome: 'new', member_id: 'n3', new_group: '第三党小组', column: null, error: null },
    { line: 6, name: '王五', outcome: 'new', member_id: 'n4', new_group: null, column: null, error: null },
  ],
  new: 3,
  existing: 1,
  invalid: 0,
  new_groups: ['第三党小组'],
};

/** Everybody already on the roster: nothing to import. */
export const PREVIEW_NOBODY_NEW: RosterPreview = {
  rows: [{ ...PREVIEW_WITH_ERRORS.rows[1] }],
  new: 0,
  existing: 1,
  invalid: 0,
  new_groups: [],
};

export function file(name: string): Blob & { name: string } {
  return Object.assign(new Blob([new Uint8Array([0x50, 0x4b, 3, 4])]), { name });
}
