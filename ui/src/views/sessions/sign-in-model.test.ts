import { describe, expect, test } from 'vitest';
import { i18n } from '@/locales';
import { emptySignInForm, expectedCount, sheetTitle, SIGN_IN_KINDS, signInFileName, signInRequest } from './sign-in-model';
import { signInSheet } from './sign-in-fixtures';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;
const TODAY = '2026-11-22';

describe('sign-in form', () => {
  test('starts today, with the page filter’s kind and group when the kind can have a sheet', () => {
    expect(emptySignInForm(TODAY)).toEqual({ kind: '', held_on: TODAY, party_group_id: null });
    expect(emptySignInForm(TODAY, { kind: 'group_meeting', party_group_id: 'g2' })).toEqual({
      kind: 'group_meeting',
      held_on: TODAY,
      party_group_id: 'g2',
    });
    // 书记讲党课 and 谈心谈话 are filters, not kinds one signs in for.
    expect(emptySignInForm(TODAY, { kind: 'secretary_lecture' }).kind).toBe('');
    expect(emptySignInForm(TODAY, { kind: 'heart_to_heart_talk' }).kind).toBe('');
  });

  test('offers the session kinds but 谈心谈话', () => {
    expect(SIGN_IN_KINDS).toEqual([
      'general_meeting',
      'committee_meeting',
      'group_meeting',
      'party_lecture',
      'theme_day',
      'org_life_meeting',
      'democratic_appraisal',
    ]);
  });

  test('asks nothing until a kind and a day are given; sends the group only with a 党小组会', () => {
    expect(signInRequest({ kind: '  ', held_on: TODAY, party_group_id: null })).toBeNull();
    expect(signInRequest({ kind: 'theme_day', held_on: null, party_group_id: null })).toBeNull();
    expect(signInRequest({ kind: 'group_meeting', held_on: '2027-01-05', party_group_id: 'g1' })).toEqual({
      kind: 'group_meeting',
      partyGroupId: 'g1',
      heldOn: '2027-01-05',
    });
    // The core decides that a 党小组会 without a group is refused; the request still goes.
    expect(signInRequest({ kind: 'group_meeting', held_on: TODAY, party_group_id: null })?.partyGroupId).toBeNull();
    expect(signInRequest({ kind: 'theme_day', held_on: TODAY, party_group_id: 'g1' })?.partyGroupId).toBeNull();
    expect(signInRequest({ kind: ' 读书会 ', held_on: TODAY, party_group_id: null })?.kind).toBe('读书会');
  });
});

describe('sign-in sheet', () => {
  test('应到 leaves out those excused from attending, not those without a vote', () => {
    expect(expectedCount(signInSheet())).toBe(3);
    expect(expectedCount(signInSheet({ rows: [] }))).toBe(0);
  });

  test('is titled by the branch, the group in brackets, and the kind', () => {
    expect(sheetTitle(signInSheet(), t)).toBe('永川区行政服务中心党支部 支部党员大会签到表');
    expect(sheetTitle(signInSheet({ kind_label: '党小组会', party_group: '第一党小组' }), t)).toBe('永川区行政服务中心党支部（第一党小组） 党小组会签到表');
  });

  test('is proposed as <branch><kind>签到表-<date>.xlsx', () => {
    expect(signInFileName(signInSheet(), t)).toBe('永川区行政服务中心党支部支部党员大会签到表-2026-12-03.xlsx');
  });
});
