import { afterEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { i18n } from '@/locales';
import { AppError, call, errorText, fieldErrorText, toAppError } from './ipc';
import { memberAdd, memberList } from './members';
import { branchGet, groupUpdate } from './branch';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;

afterEach(() => clearMocks());

describe('call', () => {
  test('passes the command and its camelCase arguments, resolves with the answer', async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return cmd === 'branch_get' ? null : { id: 'g1', name: '第一党小组', leader_id: null, leader_name: null, member_count: 3 };
    });
    await expect(branchGet()).resolves.toBeNull();
    const group = await groupUpdate('g1', { name: '第一党小组', leader_id: null });
    expect(group.member_count).toBe(3);
    expect(seen).toEqual([
      ['branch_get', {}],
      ['group_update', { id: 'g1', input: { name: '第一党小组', leader_id: null } }],
    ]);
  });

  test('a rejection from Rust becomes an AppError with code, field and reason', async () => {
    mockIPC(() => {
      throw { code: 'validation', message: '身份证号：身份证号校验位不正确，请核对', field: 'id_number', reason: 'id_number_checksum' };
    });
    const err = await memberAdd({} as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'validation', field: 'id_number', reason: 'id_number_checksum' });
  });

  test.each([
    [{ code: 'not_found', message: '党员不存在（x）', field: null, reason: null }, 'not_found'],
    [{ code: 'conflict', message: 'm', field: null, reason: 'database_not_empty' }, 'conflict'],
    [{ code: 'schema_too_new', message: 'm', field: null, reason: null }, 'schema_too_new'],
    [{ code: 'not_a_database', message: 'm', field: null, reason: null }, 'not_a_database'],
    [{ code: 'db', message: '数据库错误：disk I/O error', field: null, reason: null }, 'db'],
    [{ code: 'io', message: 'm', field: null, reason: null }, 'io'],
    [{ code: 'locked', message: 'm', field: null, reason: null }, 'locked'],
    [{ code: 'migration', message: 'm', field: null, reason: null }, 'unknown'],
    [{ code: 'something_new', message: 'm' }, 'unknown'],
    ['command member_list not found', 'unknown'],
    [new Error('boom'), 'unknown'],
    [42, 'unknown'],
    [null, 'unknown'],
  ])('rejection %j has code %s', async (rejection, code) => {
    mockIPC(() => {
      throw rejection;
    });
    const err = await call('member_list', { query: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
  });

  test('a refused batch keeps the row it names', () => {
    const err = toAppError({ code: 'validation', message: 'x', field: 'hours', reason: 'half_hours', row: 4 });
    expect(err.row).toBe(4);
    expect(errorText(err, t)).toBe('第 4 行：学时：学时以半小时为单位，如 1、1.5、2');
    expect(toAppError({ code: 'validation', message: 'x', field: null, reason: null }).row).toBeNull();
  });

  test('a refusal with particulars shows them after its sentence', () => {
    const details = ['尚未完成“派人谈话”', '尚未指定培养联系人（1 至 2 名正式党员）'];
    const err = toAppError({ code: 'validation', message: 'x', field: 'stage', reason: 'stage_path_incomplete', details });
    expect(err.details).toEqual(details);
    expect(fieldErrorText(err, t)).toBe(
      '人员类别变动不符合发展程序；如为补录以往情况，请注明补录原因：尚未完成“派人谈话”；尚未指定培养联系人（1 至 2 名正式党员）',
    );
    expect(toAppError({ code: 'validation', message: 'x', field: null, reason: null }).details).toEqual([]);
  });

  test('a string rejection keeps its text as the message', () => {
    expect(toAppError('command member_list not found').message).toBe('command member_list not found');
  });

  test('without Tauri (a plain browser) the call still rejects with an AppError', async () => {
    clearMocks();
    const err = await memberList({} as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('unknown');
  });
});

describe('errorText', () => {
  test.each<[unknown, string]>([
    [{ code: 'validation', message: 'x', field: 'id_number', reason: 'id_number_checksum' }, '身份证号：身份证号校验位不正确，请核对'],
    [{ code: 'validation', message: 'x', field: 'branch_name', reason: 'required' }, '支部名称：不能为空'],
    [{ code: 'validation', message: 'x', field: 'mystery_field', reason: 'required' }, 'mystery_field：不能为空'],
    [{ code: 'conflict', message: 'x', field: null, reason: 'database_not_empty' }, '数据库中已有支部数据，未作任何更改'],
    [{ code: 'not_found', message: '党员不存在（0193）', field: null, reason: null }, '未找到该记录，可能已被更改，请刷新后重试'],
    [{ code: 'schema_too_new', message: 'x', field: null, reason: null }, '数据库由更新版本的支部工作台写入，为保护数据未作任何更改，请升级程序'],
    [{ code: 'db', message: '数据库错误：near "SELEC": syntax error', field: null, reason: null }, '数据库出错，操作未完成，数据未被改动（错误代码：db）'],
    [{ code: 'io', message: 'Permission denied (os error 13)', field: null, reason: null }, '文件读写出错，操作未完成（错误代码：io）'],
    [new Error('TypeError: window.__TAURI_INTERNALS__ is undefined'), '操作未完成，发生了意外错误（错误代码：unknown）'],
  ])('%j → %s', (e, want) => {
    expect(errorText(e, t)).toBe(want);
  });

  test('never shows the internal text of db, io or unknown errors', () => {
    for (const code of ['db', 'io', 'unknown']) {
      const text = errorText(new AppError(code as 'db', 'SECRET internal detail'), t);
      expect(text).not.toContain('SECRET');
    }
  });

  test('a reason the UI does not know yet falls back to the code', () => {
    const e = new AppError('validation', 'x', 'name', 'brand_new_reason' as never);
    expect(errorText(e, t)).toBe('填写的内容有误，请检查后重试');
  });

  test('under a field, the sentence comes without the label', () => {
    expect(fieldErrorText(new AppError('validation', 'x', 'phone', 'phone_format'), t)).toBe('电话号码格式不正确（手机 11 位，或区号-座机号）');
  });
});

describe('translations', () => {
  // The sentences and labels are the core's own (ui-text.json, generated by `cargo test` from
  // src/error/): the window and the command line say the same thing by construction.
  test('every Reason has its sentence', async () => {
    // The generated Reason type lists every reason; its file is the source of truth.
    const source = await import('@/generated/Reason.ts?raw');
    const reasons = [...(source.default as string).matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
    expect(reasons.length).toBeGreaterThan(30);
    for (const reason of reasons) {
      expect(i18n.global.te(`errors.reason.${reason}`), reason).toBe(true);
    }
  });
});
