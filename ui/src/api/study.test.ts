import { afterEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { ImportTable } from '@/generated/ImportTable';
import { i18n } from '@/locales';
import { AppError, errorText } from './ipc';
import {
  memberPinSet,
  selfCheckModeSet,
  selfCheckOpen,
  selfCheckSettings,
  studyAccrualGet,
  studyAccrualSave,
  studyEntriesAdd,
  studyEntryAdd,
  studyEntryDelete,
  studyExempt,
  studyImportCommit,
  studyImportPreview,
  studyImportRead,
  studyCredits,
  studyLiftExemption,
  studyReport,
  studyTargetsGet,
  studyTargetsSave,
} from './study';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;

afterEach(() => clearMocks());

const MAPPING = { name: 0, id_number: null, date: 1, hours: 2, category: null, note: null, default_category: 'xuexi_qiangguo', default_date: null };
const TABLE: ImportTable = {
  file_name: '学习强国.csv',
  header_line: 1,
  headers: ['姓名', '日期', '学时'],
  rows: [['徐婷', '2026-11-01', '2']],
  mapping: MAPPING,
};

describe('command arguments', () => {
  test('each wrapper sends its command with camelCase arguments', async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return null;
    });
    await studyReport(2025, '2026-11-22');
    await studyReport();
    await studyCredits({ member_id: 'm1', year: 2026, as_of: null });
    await studyEntryAdd({} as never);
    await studyEntriesAdd([]);
    await studyEntryDelete('e1');
    await studyTargetsGet();
    await studyTargetsSave({} as never);
    await studyAccrualGet();
    await studyAccrualSave({} as never);
    await studyExempt('m1', 2026, '因病长期休养');
    await studyLiftExemption('m1', 2026);
    await selfCheckSettings();
    await selfCheckModeSet('id_last6');
    await memberPinSet('m1', '246810');
    await memberPinSet('m1', null);
    await selfCheckOpen('徐婷', '246810', 2026);
    await selfCheckOpen('徐婷', '246810');
    await studyImportPreview(TABLE, MAPPING);
    await studyImportCommit(TABLE, MAPPING);
    expect(seen).toEqual([
      ['study_report', { year: 2025, asOf: '2026-11-22' }],
      ['study_report', { year: null, asOf: null }],
      ['study_credits', { query: { member_id: 'm1', year: 2026, as_of: null } }],
      ['study_entry_add', { input: {} }],
      ['study_entries_add', { inputs: [] }],
      ['study_entry_delete', { id: 'e1' }],
      ['study_targets_get', {}],
      ['study_targets_save', { set: {} }],
      ['study_accrual_get', {}],
      ['study_accrual_save', { set: {} }],
      ['study_exempt', { memberId: 'm1', year: 2026, reason: '因病长期休养' }],
      ['study_lift_exemption', { memberId: 'm1', year: 2026 }],
      ['self_check_settings', {}],
      ['self_check_mode_set', { mode: 'id_last6' }],
      ['member_pin_set', { memberId: 'm1', pin: '246810' }],
      ['member_pin_set', { memberId: 'm1', pin: null }],
      ['self_check_open', { name: '徐婷', secret: '246810', year: 2026 }],
      ['self_check_open', { name: '徐婷', secret: '246810', year: null }],
      ['study_import_preview', { table: TABLE, mapping: MAPPING }],
      ['study_import_commit', { table: TABLE, mapping: MAPPING }],
    ]);
  });

  test('a file to import is read by the Rust side from the path chosen in the open dialog', async () => {
    const sent: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      sent.push([cmd, JSON.parse(JSON.stringify(args))]);
      return TABLE;
    });
    await expect(studyImportRead('/home/她/文档/学习强国 11月.csv')).resolves.toEqual(TABLE);
    expect(sent).toEqual([['study_import_read_path', { path: '/home/她/文档/学习强国 11月.csv' }]]);
  });
});

describe('a refused batch', () => {
  test('keeps the row it names, and says it first', async () => {
    mockIPC(() => {
      throw { code: 'validation', message: '日期：日期不能晚于今天', field: 'occurred_on', reason: 'date_in_future', row: 3 };
    });
    const err = await studyEntriesAdd([]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).row).toBe(3);
    expect(errorText(err, t)).toBe('第 3 行：日期：日期不能晚于今天');
    expect(errorText(err, t, { withRow: false })).toBe('日期：日期不能晚于今天');
  });

  test('without a row, or with a malformed one, nothing is said about rows', async () => {
    for (const row of [undefined, 0, -1, 1.5, '2']) {
      mockIPC(() => {
        throw { code: 'conflict', message: 'x', field: null, reason: 'credit_already_corrected', row };
      });
      const err = (await studyEntryAdd({} as never).catch((e: unknown) => e)) as AppError;
      expect(err.row, String(row)).toBeNull();
      expect(errorText(err, t)).toBe('该党员这次会议或活动的学时已更正过，请先删除原更正记录');
    }
  });
});
