import { afterEach, describe, expect, test, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { AppError, errorText } from '@/api/ipc';
import { i18n } from '@/locales';
import { statement } from '@/views/study/fixtures';
import { selfCheckErrorText, selfCheckReason, useSelfCheck } from './use-self-check';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;
const text = (e: unknown) => errorText(e, t);

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

describe('the form', () => {
  test('a name, and a PIN of 4 to 8 digits or the six last characters of the 身份证号', () => {
    const form = { name: ' ', secret: '', year: 2026 };
    expect(selfCheckReason('name', form, 'pin')).toBe('required');
    expect(selfCheckReason('secret', form, 'pin')).toBe('required');
    expect(selfCheckReason('secret', { ...form, secret: '12a4' }, 'pin')).toBe('pin_format');
    expect(selfCheckReason('secret', { ...form, secret: '246810' }, 'pin')).toBeNull();
    expect(selfCheckReason('secret', { ...form, secret: '24681' }, 'id_last6')).toBe('invalid_value');
    expect(selfCheckReason('secret', { ...form, secret: '04512x' }, 'id_last6')).toBeNull();
  });

  test('a refusal in plain words, for the branch’s way of identifying', () => {
    const wrong = new AppError('conflict', 'x', null, 'wrong_pin');
    expect(selfCheckErrorText(wrong, 'pin', t, text)).toBe('姓名或个人密码不正确');
    expect(selfCheckErrorText(wrong, 'id_last6', t, text)).toBe('姓名或身份证号后六位不正确');
    expect(selfCheckErrorText(new AppError('conflict', 'x', null, 'too_many_tries'), 'pin', t, text)).toBe('尝试次数过多，请稍后再试');
    expect(selfCheckErrorText(new AppError('db', 'secret detail'), 'pin', t, text)).toBe('数据库出错，操作未完成，数据未被改动（错误代码：db）');
  });
});

describe('useSelfCheck', () => {
  test('the settings give the mode and nothing else is kept; the statement comes only from self_check_open', async () => {
    const asked: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      if (cmd === 'self_check_mode') return 'id_last6';
      if (cmd === 'self_check_open') return statement();
      throw new Error(`unexpected ${cmd}`);
    });
    const check = useSelfCheck(2026);
    await check.loadMode();
    expect(check.mode.value).toBe('id_last6');
    expect(Object.keys(check)).not.toContain('withPin');
    Object.assign(check.form, { name: ' 徐婷 ', secret: '04512X' });
    expect(await check.open()).toBe(true);
    expect(asked).toEqual([
      ['self_check_mode', {}],
      ['self_check_open', { name: '徐婷', secret: '04512X', year: 2026 }],
    ]);
    expect(check.statement.value?.progress.name).toBe('徐婷');
    expect(check.form.secret).toBe('');
    check.exit();
  });

  test('a second submit while the first is under way is not sent', async () => {
    let calls = 0;
    mockIPC(() => {
      calls += 1;
      return statement();
    });
    const check = useSelfCheck(2026);
    Object.assign(check.form, { name: '徐婷', secret: '246810' });
    const [first, second] = await Promise.all([check.open(), check.open()]);
    expect([first, second]).toEqual([true, false]);
    expect(calls).toBe(1);
    check.exit();
  });

  test('nothing is asked with the form incomplete', async () => {
    const asked: string[] = [];
    mockIPC((cmd) => {
      asked.push(cmd);
      return statement();
    });
    const check = useSelfCheck(2026);
    check.form.name = '徐婷';
    check.form.secret = '12';
    expect(await check.open()).toBe(false);
    expect(asked).toEqual([]);
  });

  test('a wrong PIN is refused: no statement, the PIN typed is cleared, the name kept', async () => {
    mockIPC(() => {
      throw { code: 'conflict', message: '姓名或密码不正确', field: null, reason: 'wrong_pin' };
    });
    const check = useSelfCheck(2026);
    Object.assign(check.form, { name: '徐婷', secret: '135790' });
    expect(await check.open()).toBe(false);
    expect(check.error.value?.reason).toBe('wrong_pin');
    expect(check.statement.value).toBeNull();
    expect(check.form).toMatchObject({ name: '徐婷', secret: '' });
    expect(check.busy.value).toBe(false);
  });

  test('too many tries is its own refusal', async () => {
    mockIPC(() => {
      throw { code: 'conflict', message: 'x', field: null, reason: 'too_many_tries' };
    });
    const check = useSelfCheck(2026);
    Object.assign(check.form, { name: '徐婷', secret: '135790' });
    await check.open();
    expect(selfCheckErrorText(check.error.value!, 'pin', t, text)).toBe('尝试次数过多，请稍后再试');
  });

  test('退出 forgets the statement and everything typed', async () => {
    mockIPC(() => statement());
    const check = useSelfCheck(2026);
    Object.assign(check.form, { name: '徐婷', secret: '246810', year: 2025 });
    await check.open();
    expect(check.statement.value).not.toBeNull();
    check.exit();
    expect(check.statement.value).toBeNull();
    expect(check.error.value).toBeNull();
    expect(check.form).toEqual({ name: '', secret: '', year: 2026 });
  });

  test('an open statement is cleared after a while without use; use keeps it open', async () => {
    vi.useFakeTimers();
    mockIPC(() => statement());
    const check = useSelfCheck(2026, 1000);
    Object.assign(check.form, { name: '徐婷', secret: '246810' });
    await check.open();
    vi.advanceTimersByTime(800);
    check.touch();
    vi.advanceTimersByTime(800);
    expect(check.statement.value).not.toBeNull();
    vi.advanceTimersByTime(300);
    expect(check.statement.value).toBeNull();
    expect(check.form.name).toBe('');
  });

  test('the settings failing leaves the PIN form', async () => {
    mockIPC(() => {
      throw { code: 'db', message: 'x', field: null, reason: null };
    });
    const check = useSelfCheck(2026);
    await check.loadMode();
    expect(check.mode.value).toBe('pin');
    expect(check.years.value).toEqual([2026, 2025, 2024]);
  });
});
