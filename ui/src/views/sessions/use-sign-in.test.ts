import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { i18n } from '@/locales';
import { eventually } from '@/test-utils';
import { emptySignInForm } from './sign-in-model';
import { signInSheet } from './sign-in-fixtures';
import { useSignIn } from './use-sign-in';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;
const TODAY = '2026-11-22';

const SAVED = { path: '/home/她/文档/签到表.xlsx', file_name: '签到表.xlsx' };

type Args = { kind: string; partyGroupId: string | null; heldOn: string };

let asked: string[];
/** Answers held back until the test lets them go, by held_on. */
let held: Map<string, () => void>;

beforeEach(() => {
  asked = [];
  held = new Map();
  mockIPC(async (cmd, raw) => {
    if (cmd === 'file_save') {
      asked.push(`file_save ${(raw as Uint8Array).length}`);
      return SAVED;
    }
    const args = raw as Args;
    asked.push(`${cmd} ${args.kind} ${args.partyGroupId} ${args.heldOn}`);
    if (args.heldOn === '2026-12-01') await new Promise<void>((go) => held.set(args.heldOn, go));
    if (args.kind === 'group_meeting' && !args.partyGroupId) {
      throw { code: 'validation', message: 'x', field: 'party_group_id', reason: 'group_required' };
    }
    if (args.kind === 'broken') throw { code: 'db', message: 'disk I/O error' };
    if (cmd === 'session_sign_in') {
      return signInSheet({ held_on: args.heldOn, kind_label: args.kind === 'group_meeting' ? '党小组会' : args.kind });
    }
    if (cmd === 'session_sign_in_xlsx') return [80, 75, 3, 4];
    throw new Error(`unexpected ${cmd}`);
  });
});

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
});

describe('useSignIn', () => {
  test('asks for the sheet when opened and again whenever the request changes', async () => {
    const sign = useSignIn(emptySignInForm(TODAY), t);
    await sign.reset(emptySignInForm(TODAY, { kind: 'theme_day' }));
    expect(asked).toEqual(['session_sign_in theme_day null 2026-11-22']);
    expect(sign.sheet.value?.held_on).toBe(TODAY);

    sign.form.held_on = '2027-01-08';
    await eventually(() => expect(sign.sheet.value?.held_on).toBe('2027-01-08'));
    // A group means nothing to a 主题党日: the same request is not sent again.
    sign.form.party_group_id = 'g1';
    await flushPromises();
    expect(asked).toEqual(['session_sign_in theme_day null 2026-11-22', 'session_sign_in theme_day null 2027-01-08']);

    // Without a day there is nothing to ask, and no sheet.
    sign.form.held_on = null;
    await eventually(() => expect(sign.sheet.value).toBeNull());
    expect(asked).toHaveLength(2);
    expect(sign.loading.value).toBe(false);
  });

  test('a 党小组会 without a group: the core’s refusal goes under the group field', async () => {
    const sign = useSignIn(emptySignInForm(TODAY), t);
    await sign.reset(emptySignInForm(TODAY, { kind: 'group_meeting' }));
    expect(sign.sheet.value).toBeNull();
    expect(sign.error.value?.reason).toBe('group_required');
    expect(sign.fieldErrors).toEqual({ party_group_id: '党小组会须选择党小组' });
    expect(sign.alertText.value).toBeNull();

    sign.form.party_group_id = 'g2';
    await eventually(() => expect(sign.sheet.value?.kind_label).toBe('党小组会'));
    expect(asked.at(-1)).toBe('session_sign_in group_meeting g2 2026-11-22');
    expect(sign.fieldErrors).toEqual({});
    expect(sign.error.value).toBeNull();
  });

  test('a refusal no field shows is said above the sheet, without the core’s own text', async () => {
    const sign = useSignIn(emptySignInForm(TODAY), t);
    await sign.reset({ kind: 'broken', held_on: TODAY, party_group_id: null });
    expect(sign.alertText.value).toBe('数据库出错，操作未完成，数据未被改动（错误代码：db）');
    expect(sign.alertText.value).not.toContain('disk');
    expect(sign.fieldErrors).toEqual({});
  });

  test('an answer that comes after a newer request is dropped', async () => {
    const sign = useSignIn(emptySignInForm(TODAY), t);
    const slow = sign.reset({ kind: 'theme_day', held_on: '2026-12-01', party_group_id: null });
    await eventually(() => expect(held.has('2026-12-01')).toBe(true));
    await sign.reset({ kind: 'theme_day', held_on: '2026-12-02', party_group_id: null });
    expect(sign.sheet.value?.held_on).toBe('2026-12-02');
    held.get('2026-12-01')!();
    await slow;
    expect(sign.sheet.value?.held_on).toBe('2026-12-02');
    expect(sign.loading.value).toBe(false);
  });

  test('saves the sheet shown where she chooses (its name: sign-in-model.test.ts)', async () => {
    const sign = useSignIn(emptySignInForm(TODAY), t);
    await expect(sign.download()).rejects.toThrow();
    await sign.reset({ kind: 'group_meeting', held_on: '2027-01-05', party_group_id: 'g1' });
    const saved = await sign.download();
    expect(saved).toEqual(SAVED);
    expect(asked.at(-2)).toBe('session_sign_in_xlsx group_meeting g1 2027-01-05');
    expect(asked.at(-1)).toBe('file_save 4');
    expect(sign.saving.value).toBe(false);
  });
});
