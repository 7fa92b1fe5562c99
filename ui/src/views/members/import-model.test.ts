import { describe, expect, test } from 'vitest';
import type { RosterMapping } from '@/generated/RosterMapping';
import { i18n } from '@/locales';
import {
  blockedText,
  changesText,
  cleanRosterMapping,
  emptyRosterMapping,
  importable,
  importedText,
  mappingProblem,
  NOT_IMPORTED,
  problemText,
  ROSTER_FIELDS,
  rowDetailText,
  sampleOf,
  sharedColumnFields,
  valuesText,
  visibleRows,
} from './import-model';
import { FIELD_LABELS, GUESS, PREVIEW_CLEAN, PREVIEW_DIFFERS, PREVIEW_NOBODY_NEW, PREVIEW_UPDATES, PREVIEW_WITH_ERRORS, TABLE } from './import-fixtures';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;

describe('the mapping', () => {
  test('lists every field of the generated mapping once, each with a label', () => {
    expect([...ROSTER_FIELDS].sort()).toEqual(Object.keys(emptyRosterMapping()).sort());
    expect(new Set(ROSTER_FIELDS).size).toBe(16);
    expect(ROSTER_FIELDS.map((f) => t(`members.import.fields.${f}`))).toEqual(FIELD_LABELS);
  });

  test('as sent: "不导入", a cleared select or anything but a column index is none', () => {
    const chosen = { ...GUESS, notes: NOT_IMPORTED, ethnicity: undefined, education: 1.5 } as unknown as RosterMapping;
    expect(cleanRosterMapping(chosen)).toEqual(GUESS);
  });

  test('refused as the core refuses it: a column past the last, a column used twice, no 姓名 or 身份证号', () => {
    expect(mappingProblem(GUESS, 8)).toBeNull();
    expect(mappingProblem({ ...GUESS, notes: 8 }, 8)).toEqual({ kind: 'columns', reason: 'invalid_value' });
    expect(mappingProblem({ ...GUESS, notes: 1 }, 8)).toEqual({ kind: 'shared', reason: 'invalid_value', fields: ['name', 'notes'] });
    expect(mappingProblem({ ...GUESS, name: null }, 8)).toEqual({ kind: 'required', reason: 'required', field: 'name' });
    expect(mappingProblem({ ...GUESS, id_number: null }, 8)).toEqual({ kind: 'required', reason: 'required', field: 'id_number' });
    expect(mappingProblem(emptyRosterMapping(), 8)).toEqual({ kind: 'required', reason: 'required', field: 'name' });
    expect(mappingProblem({ ...GUESS, name: NOT_IMPORTED }, 8)).toEqual({ kind: 'required', reason: 'required', field: 'name' });
  });

  test('fields sharing a column are named together', () => {
    expect(sharedColumnFields(GUESS)).toEqual([]);
    expect(sharedColumnFields({ ...GUESS, ethnicity: 7, notes: 7 })).toEqual(['ethnicity', 'phone', 'notes']);
    expect(problemText({ kind: 'shared', reason: 'invalid_value', fields: ['ethnicity', 'phone'] }, t)).toBe('同一列不能对应多个项目：民族、联系电话');
    expect(problemText({ kind: 'required', reason: 'required', field: 'id_number' }, t)).toBe('请为“身份证号”选择一列');
    expect(problemText({ kind: 'columns', reason: 'invalid_value' }, t)).toBe('所选的列超出了文件的范围，请重新选择');
  });

  test('a column’s sample is its first value that is not blank', () => {
    expect(sampleOf(TABLE.rows, 1)).toBe('徐婷');
    expect(sampleOf(TABLE.rows, 3)).toBe('女');
    expect(
      sampleOf(
        [
          ['', ' '],
          ['', ' 一组 '],
        ],
        1,
      ),
    ).toBe('一组');
    expect(sampleOf(TABLE.rows, null)).toBe('');
    expect(sampleOf(TABLE.rows, NOT_IMPORTED)).toBe('');
    expect(sampleOf(TABLE.rows, 20)).toBe('');
  });
});

describe('a preview', () => {
  test('can be imported only with no row in error and somebody new', () => {
    expect(importable(null)).toBe(false);
    expect(importable(PREVIEW_WITH_ERRORS)).toBe(false);
    expect(importable(PREVIEW_NOBODY_NEW)).toBe(false);
    expect(importable(PREVIEW_CLEAN)).toBe(true);
    expect(blockedText(PREVIEW_WITH_ERRORS, t)).toBe('有 2 行有误，请修改文件后重新选择，或调整列对应后重新预览；全部无误才能导入');
    expect(blockedText(PREVIEW_NOBODY_NEW, t)).toBe('文件中的人员都已在名册中，没有需要导入的人员');
    expect(blockedText(PREVIEW_CLEAN, t)).toBe('');
  });

  test('rows: all, or only those in error', () => {
    expect(visibleRows(null, true)).toEqual([]);
    expect(visibleRows(PREVIEW_WITH_ERRORS, false).map((r) => r.line)).toEqual([3, 4, 5, 6]);
    expect(visibleRows(PREVIEW_WITH_ERRORS, true).map((r) => r.line)).toEqual([5, 6]);
    expect(visibleRows(PREVIEW_CLEAN, true)).toEqual([]);
  });

  test('what was imported, with who was left alone and the 党小组 created', () => {
    expect(importedText(PREVIEW_CLEAN, t)).toBe('已导入 3 人；1 人已在名册未改动；新建党小组：第三党小组');
    expect(importedText({ ...PREVIEW_CLEAN, existing: 0, unchanged: [], new_groups: [] }, t)).toBe('已导入 3 人');
    expect(importedText(PREVIEW_UPDATES, t)).toBe('已导入 0 人；更新 1 人');
  });
});

describe('a corrected sheet', () => {
  test('a row shows the values read and, for a member on the roster, what differs', () => {
    const wu = PREVIEW_DIFFERS.rows[0];
    expect(valuesText(wu, t)).toBe('正式党员；出生 1985-07-15；入党 2010-07-01；第二党小组');
    expect(valuesText(PREVIEW_CLEAN.rows[0], t)).toBe('');
    expect(changesText(wu, t)).toBe('联系电话：138****1234 → 139****5678；所在党小组：第一党小组 → 第二党小组');
    expect(changesText({ ...wu, changes: [{ field: 'notes', label: '备注', from: '', to: '已转入' }] }, t)).toBe('备注：（空） → 已转入');
    expect(rowDetailText(wu, t)).toBe('与名册不同，未勾选“更新已有党员”，不改动：联系电话：138****1234 → 139****5678；所在党小组：第一党小组 → 第二党小组');
    expect(rowDetailText(PREVIEW_UPDATES.rows[0], t)).toMatch(/^将更新：联系电话/);
    expect(rowDetailText(PREVIEW_NOBODY_NEW.rows[0], t)).toBe('身份证号已在名册中，不改动');
  });

  test('with nobody new, only updates make it importable; differences not asked for say how', () => {
    expect(importable(PREVIEW_DIFFERS)).toBe(false);
    expect(blockedText(PREVIEW_DIFFERS, t)).toBe('没有新增人员；已在名册的人员有不同之处，勾选“更新已有党员”可按文件更新');
    expect(importable(PREVIEW_UPDATES)).toBe(true);
    expect(blockedText(PREVIEW_UPDATES, t)).toBe('');
  });
});
