// Answers of the roster import commands, for the tests of the import model, composable and dialog.
import type { RosterMapping } from '@/generated/RosterMapping';
import type { RosterPreview } from '@/generated/RosterPreview';
import type { RosterRow } from '@/generated/RosterRow';
import type { RowValues } from '@/generated/RowValues';
import type { RosterTable } from '@/generated/RosterTable';
import { emptyRosterMapping } from './import-model';

/** The core's guess for TABLE: 序号 and 籍贯 are not recognised, the rest are. */
/** The mapping's field labels, in the order of ROSTER_FIELDS. */
export const FIELD_LABELS = [
  '姓名',
  '性别',
  '民族',
  '出生日期',
  '籍贯',
  '身份证号',
  '学历',
  '参加工作日期',
  '工作单位及职务',
  '联系电话',
  '家庭住址',
  '人员类别',
  '入党日期',
  '转正日期',
  '所在党小组',
  '备注',
];

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

const NO_VALUES: RowValues = { stage: null, gender: null, birth_date: '', joined_on: null, confirmed_on: null, party_group: '' };

/** A row as the core answers it, the values read and the changes defaulting to none. */
function row(r: Omit<RosterRow, 'values' | 'changes'> & Partial<Pick<RosterRow, 'values' | 'changes'>>): RosterRow {
  return { values: NO_VALUES, changes: [], ...r };
}

/** The summary lists the core adds to a preview, from its rows. */
function summed(p: Pick<RosterPreview, 'rows' | 'new' | 'existing' | 'invalid' | 'new_groups'>): RosterPreview {
  return {
    ...p,
    added: p.rows.filter((r) => r.outcome === 'new').map((r) => r.name),
    updated: p.rows.filter((r) => r.outcome === 'updated').map((r) => ({ name: r.name, fields: r.changes })),
    unchanged: p.rows.filter((r) => r.outcome === 'existing').map((r) => r.name),
    errors: p.rows.filter((r) => r.outcome === 'invalid').map((r) => ({ line: r.line, name: r.name, column: r.column, message: r.error?.message ?? '' })),
  };
}

export const PREVIEW_WITH_ERRORS: RosterPreview = summed({
  rows: [
    row({ line: 3, name: '徐婷', outcome: 'new', member_id: 'n1', new_group: null, column: null, error: null }),
    row({ line: 4, name: '吴刚', outcome: 'existing', member_id: 'm2', new_group: null, column: null, error: null }),
    row({
      line: 5,
      name: '李四',
      outcome: 'invalid',
      member_id: null,
      new_group: null,
      column: '公民身份号码',
      error: { field: 'id_number', reason: 'id_number_format', message: 'id_number: format' },
    }),
    row({
      line: 6,
      name: '王五',
      outcome: 'invalid',
      member_id: null,
      new_group: null,
      column: '手机',
      error: { field: 'phone', reason: 'phone_format', message: 'phone: format' },
    }),
  ],
  new: 1,
  existing: 1,
  invalid: 2,
  new_groups: [],
});

/** The file once 李四 and 王五 are fixed: three new members, one a 第三党小组 the branch lacks. */
export const PREVIEW_CLEAN: RosterPreview = summed({
  rows: [
    PREVIEW_WITH_ERRORS.rows[0],
    PREVIEW_WITH_ERRORS.rows[1],
    row({ line: 5, name: '李四', outcome: 'new', member_id: 'n3', new_group: '第三党小组', column: null, error: null }),
    row({ line: 6, name: '王五', outcome: 'new', member_id: 'n4', new_group: null, column: null, error: null }),
  ],
  new: 3,
  existing: 1,
  invalid: 0,
  new_groups: ['第三党小组'],
});

/** Everybody already on the roster: nothing to import. */
export const PREVIEW_NOBODY_NEW: RosterPreview = summed({
  rows: [{ ...PREVIEW_WITH_ERRORS.rows[1] }],
  new: 0,
  existing: 1,
  invalid: 0,
  new_groups: [],
});

/** 吴刚's row differs from the roster (a new group and phone): left as is unless updating. */
const WU_CHANGES: RosterRow['changes'] = [
  { field: 'phone', label: '联系电话', from: '138****1234', to: '139****5678' },
  { field: 'party_group', label: '所在党小组', from: '第一党小组', to: '第二党小组' },
];
const WU_VALUES: RowValues = {
  stage: 'full',
  gender: 'male',
  birth_date: '1985-07-15',
  joined_on: '2010-07-01',
  confirmed_on: null,
  party_group: '第二党小组',
};

export const PREVIEW_DIFFERS: RosterPreview = summed({
  rows: [
    row({ line: 4, name: '吴刚', outcome: 'existing', member_id: 'm2', new_group: null, column: null, error: null, values: WU_VALUES, changes: WU_CHANGES }),
  ],
  new: 0,
  existing: 1,
  invalid: 0,
  new_groups: [],
});

export const PREVIEW_UPDATES: RosterPreview = summed({
  rows: [row({ ...PREVIEW_DIFFERS.rows[0], outcome: 'updated' })],
  new: 0,
  existing: 1,
  invalid: 0,
  new_groups: [],
});

/** The path the open dialog answers with for a file named `name`. */
export function file(name: string): string {
  return `/home/她/文档/${name}`;
}
