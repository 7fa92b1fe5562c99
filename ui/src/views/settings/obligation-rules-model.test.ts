import { afterEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { ObligationRuleSet } from '@/generated/ObligationRuleSet';
import { OBLIGATIONS } from '@/utils/codes';
import { draftFieldReason, draftFromSet, historyNewestFirst, scopesFor, setFromDraft } from './obligation-rules-model';
import { useObligationRules } from './use-obligation-rules';

afterEach(() => clearMocks());

const DEFAULTS: ObligationRuleSet = {
  version: '支部工作条例2018',
  effective_from: '2018-10-28',
  rules: [
    { obligation: 'general_meeting', every: 'quarter', scope: 'branch', times: 1 },
    { obligation: 'committee_meeting', every: 'month', scope: 'branch', times: 1 },
    { obligation: 'group_meeting', every: 'month', scope: 'party_group', times: 1 },
    { obligation: 'heart_to_heart_talk', every: 'year', scope: 'pair', times: 1 },
  ],
};

describe('rule drafts', () => {
  test('every obligation gets a line; those not required start switched off', () => {
    const d = draftFromSet(DEFAULTS, '2026-12-01');
    expect(d.lines.map((l) => l.obligation)).toEqual([...OBLIGATIONS]);
    expect(d.lines.find((l) => l.obligation === 'committee_meeting')).toMatchObject({ enabled: true, every: 'month', times: 1 });
    expect(d.lines.find((l) => l.obligation === 'party_lecture')).toMatchObject({ enabled: false, scope: 'branch' });
    expect(d).toMatchObject({ version: '', effective_from: '2026-12-01' });
  });

  test('back to a set: only the lines switched on, in order', () => {
    const d = draftFromSet(DEFAULTS, '2027-01-01');
    d.version = ' 2027年规定 ';
    d.lines.find((l) => l.obligation === 'party_lecture')!.enabled = true;
    d.lines.find((l) => l.obligation === 'general_meeting')!.times = 2;
    // The defaults in order, 党员大会 twice a quarter, and 党课 put in its place.
    const [general, committee, group, talk] = DEFAULTS.rules;
    expect(setFromDraft(d)).toEqual({
      version: '2027年规定',
      effective_from: '2027-01-01',
      rules: [{ ...general, times: 2 }, committee, group, { obligation: 'party_lecture', every: 'year', scope: 'branch', times: 1 }, talk],
    });
  });

  test('checks: a name, a date, at least one line, whole times from 1 to 12', () => {
    const d = draftFromSet(DEFAULTS, '2027-01-01');
    expect(draftFieldReason('version', d)).toBe('required');
    d.version = '2027年规定';
    expect(draftFieldReason('version', d)).toBeNull();
    expect(draftFieldReason('effective_from', { ...d, effective_from: '2027-02-30' })).toBe('invalid_date');
    expect(draftFieldReason('rules', d)).toBeNull();
    d.lines[0].times = 0;
    expect(draftFieldReason('rules', d)).toBe('invalid_value');
    d.lines.forEach((l) => (l.enabled = false));
    expect(draftFieldReason('rules', d)).toBe('invalid_value');
  });

  test('talks are between pairs; the rest per branch or group', () => {
    expect(scopesFor('heart_to_heart_talk')).toEqual(['pair']);
    expect(scopesFor('group_meeting')).toEqual(['branch', 'party_group']);
  });

  test('history newest first', () => {
    const older = { ...DEFAULTS, effective_from: '2024-01-01', version: 'a' };
    const newer = { ...DEFAULTS, effective_from: '2026-07-01', version: 'b' };
    expect(historyNewestFirst([older, newer]).map((s) => s.version)).toEqual(['b', 'a']);
  });
});

describe('useObligationRules', () => {
  test('loads, and saving answers with the rules now in force', async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return { current: DEFAULTS, history: cmd === 'obligation_rules_save' ? [DEFAULTS] : [] };
    });
    const state = useObligationRules();
    await state.load();
    expect(state.rules.value?.history).toEqual([]);
    await state.save(DEFAULTS);
    expect(state.rules.value?.history).toHaveLength(1);
    expect(calls).toEqual([
      ['obligation_rules_get', {}],
      ['obligation_rules_save', { set: DEFAULTS }],
    ]);
  });
});
