import { afterEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { AccrualRuleSet } from '@/generated/AccrualRuleSet';
import { i18n } from '@/locales';
import { TARGETS } from '@/views/study/fixtures';
import {
  accrualDraftFrom,
  accrualFieldReason,
  accrualHoursText,
  accrualKindLabel,
  accrualLineReason,
  accrualSetFrom,
  countableCategories,
  emptyAccrualLine,
  newestFirst,
  targetDraftFrom,
  targetFieldReason,
  targetSetFrom,
} from './study-rules-model';
import { useStudyRules } from './use-study-rules';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;

afterEach(() => clearMocks());

const ACCRUAL: AccrualRuleSet = {
  version: '党员教育管理工作条例2019',
  effective_from: '2019-05-06',
  rules: [
    { on: 'session', kind: 'party_lecture', mode: 'duration', hours: 2, category: 'party_lecture' },
    { on: 'activity', kind: 'study_trip', mode: 'per_day', hours: 8, category: 'study_trip' },
  ],
};

describe('target drafts', () => {
  test('start from the set in force, the branch figure switched off when unset', () => {
    const d = targetDraftFrom(TARGETS, '2026-01-01');
    expect(d).toEqual({
      version: '',
      effective_from: '2026-01-01',
      member: 32,
      committee: 56,
      branch_wide_on: false,
      branch_wide: 32,
      per_member: [],
      counted_categories: TARGETS.counted_categories,
    });
    expect(targetDraftFrom({ ...TARGETS, branch_wide: 50 }, '2026-01-01')).toMatchObject({ branch_wide_on: true, branch_wide: 50 });
  });

  test('back to a set: the branch figure only when on, single members with a member chosen', () => {
    const d = targetDraftFrom(TARGETS, '2026-01-01');
    d.version = ' 2026年支部学时目标 ';
    d.per_member = [
      { member_id: 'm1', hours: 60 },
      { member_id: null, hours: 40 },
    ];
    expect(targetSetFrom(d)).toEqual({ ...TARGETS, version: '2026年支部学时目标', effective_from: '2026-01-01', per_member: [{ member_id: 'm1', hours: 60 }] });
    d.branch_wide_on = true;
    d.branch_wide = 50;
    expect(targetSetFrom(d).branch_wide).toBe(50);
  });

  test('the counted categories: unticking one leaves it out of the set; the list offers the branch’s own', () => {
    const d = targetDraftFrom(TARGETS, '2026-01-01');
    d.counted_categories = d.counted_categories.filter((c) => c !== 'study_trip');
    d.counted_categories.push('xuexi_qiangguo');
    const set = targetSetFrom(d);
    expect(set.counted_categories).toContain('xuexi_qiangguo');
    expect(set.counted_categories).not.toContain('study_trip');
    expect(TARGETS.counted_categories).toContain('study_trip');
    expect(countableCategories(['party_lecture', 'self_study'], ['青年理论小组', 'party_lecture'], ['读书会', '青年理论小组', ' '])).toEqual([
      'party_lecture',
      'self_study',
      '青年理论小组',
      '读书会',
    ]);
  });

  test('checks: a name, a date, whole half hours from 1, each member once', () => {
    const d = targetDraftFrom(TARGETS, '2026-01-01');
    expect(targetFieldReason('version', d)).toBe('required');
    expect(targetFieldReason('effective_from', { ...d, effective_from: '2026-02-30' })).toBe('invalid_date');
    expect(targetFieldReason('member', { ...d, member: 32.2 })).toBe('half_hours');
    expect(targetFieldReason('committee', { ...d, committee: 0 })).toBe('hours_out_of_range');
    expect(targetFieldReason('branch_wide', { ...d, branch_wide: null })).toBeNull();
    expect(targetFieldReason('branch_wide', { ...d, branch_wide_on: true, branch_wide: null })).toBe('required');
    expect(targetFieldReason('per_member', { ...d, per_member: [{ member_id: null, hours: 40 }] })).toBe('required');
    expect(
      targetFieldReason('per_member', {
        ...d,
        per_member: [
          { member_id: 'm1', hours: 40 },
          { member_id: 'm1', hours: 50 },
        ],
      }),
    ).toBe('invalid_value');
    expect(targetFieldReason('per_member', { ...d, per_member: [{ member_id: 'm1', hours: 40.5 }] })).toBeNull();
  });
});

describe('accrual drafts', () => {
  test('round trip: lines copied, text trimmed', () => {
    const d = accrualDraftFrom(ACCRUAL, '2027-01-01');
    d.version = '2027年学时折算规则';
    d.lines[0].hours = 4;
    d.lines[0].mode = 'fixed';
    expect(ACCRUAL.rules[0].hours).toBe(2);
    d.lines.push({ ...emptyAccrualLine(), kind: ' 青年理论学习会 ', category: ' 青年理论小组 ' });
    expect(accrualSetFrom(d)).toEqual({
      version: '2027年学时折算规则',
      effective_from: '2027-01-01',
      rules: [
        { on: 'session', kind: 'party_lecture', mode: 'fixed', hours: 4, category: 'party_lecture' },
        ACCRUAL.rules[1],
        { on: 'session', kind: '青年理论学习会', mode: 'duration', hours: 2, category: '青年理论小组' },
      ],
    });
  });

  test('checks each line: a kind and category, hours 0 to 48 in half hours, no kind twice', () => {
    const d = accrualDraftFrom(ACCRUAL, '2027-01-01');
    d.version = 'x';
    expect(accrualFieldReason('rules', d)).toBeNull();
    d.lines.push(emptyAccrualLine());
    expect(accrualLineReason(d, 2)).toBe('required');
    d.lines[2].kind = 'party_lecture';
    d.lines[2].category = 'party_lecture';
    expect(accrualLineReason(d, 2)).toBe('invalid_value');
    // The same kind for an activity is another rule.
    d.lines[2].on = 'activity';
    expect(accrualLineReason(d, 2)).toBeNull();
    d.lines[2].hours = 49;
    expect(accrualFieldReason('rules', d)).toBe('hours_out_of_range');
    d.lines[2].hours = 0;
    expect(accrualFieldReason('rules', d)).toBeNull();
    expect(accrualFieldReason('effective_from', { ...d, effective_from: null })).toBe('required');
  });

  test('in words', () => {
    expect(accrualKindLabel('session', 'party_lecture', t)).toBe('党课');
    expect(accrualKindLabel('session', '青年理论学习会', t)).toBe('青年理论学习会');
    expect(accrualKindLabel('activity', 'study_trip', t)).toBe('外出学习');
    expect(accrualHoursText(ACCRUAL.rules[0], t)).toBe('按实际时长（未登记时间时 2 学时）');
    expect(accrualHoursText({ mode: 'fixed', hours: 4 }, t)).toBe('固定 4 学时');
    expect(accrualHoursText(ACCRUAL.rules[1], t)).toBe('每天 8 学时');
  });

  test('history newest first', () => {
    expect(newestFirst([ACCRUAL, { ...ACCRUAL, effective_from: '2026-01-01', version: 'b' }]).map((s) => s.version)).toEqual(['b', ACCRUAL.version]);
  });
});

describe('useStudyRules', () => {
  test('loads targets, accrual and the mode; saving answers with the rules now in force', async () => {
    const asked: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      if (cmd === 'study_targets_get') return { current: TARGETS, history: [] };
      if (cmd === 'study_targets_save') return { current: { ...TARGETS, member: 40 }, history: [{ ...TARGETS, member: 40 }] };
      if (cmd === 'study_accrual_get') return { current: ACCRUAL, history: [] };
      if (cmd === 'study_accrual_save') return { current: ACCRUAL, history: [ACCRUAL] };
      if (cmd === 'self_check_settings') return { mode: 'pin', with_pin: [] };
      return null;
    });
    const rules = useStudyRules();
    await rules.load();
    expect(rules.targets.value?.current.member).toBe(32);
    expect(rules.accrual.value?.current.rules).toHaveLength(2);
    expect(rules.mode.value).toBe('pin');
    await rules.saveTargets({ ...TARGETS, member: 40 });
    expect(rules.targets.value?.history).toHaveLength(1);
    await rules.saveAccrual(ACCRUAL);
    expect(rules.accrual.value?.history).toHaveLength(1);
    await rules.setMode('id_last6');
    expect(rules.mode.value).toBe('id_last6');
    expect(asked.slice(3)).toEqual([
      ['study_targets_save', { set: { ...TARGETS, member: 40 } }],
      ['study_accrual_save', { set: ACCRUAL }],
      ['self_check_mode_set', { mode: 'id_last6' }],
    ]);
  });

  test('a refused mode goes back to what it was', async () => {
    mockIPC((cmd) => {
      if (cmd === 'self_check_mode_set') throw { code: 'conflict', message: 'x', field: null, reason: 'branch_missing' };
      if (cmd === 'self_check_settings') return { mode: 'pin', with_pin: [] };
      return { current: TARGETS, history: [] };
    });
    const rules = useStudyRules();
    await rules.load();
    await expect(rules.setMode('id_last6')).rejects.toMatchObject({ reason: 'branch_missing' });
    expect(rules.mode.value).toBe('pin');
  });
});
