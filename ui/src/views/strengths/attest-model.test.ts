import { describe, expect, test } from 'vitest';
import type { MemberSummary } from '@/generated/MemberSummary';
import { activityOptions, attestFieldReason, attestFormFor, secretaryName, sessionOptions, toAttestationInput, type AttestForm } from './attest-model';
import { activity, attestation, session } from './fixtures';

const TODAY = '2026-11-22';

function form(patch: Partial<AttestForm> = {}): AttestForm {
  return { ...attestFormFor(null, TODAY, '周建华'), ...patch };
}

describe('the 确认 form', () => {
  test('a new confirmation is met, achieved today, by the secretary', () => {
    expect(attestFormFor(null, TODAY, '周建华')).toEqual({
      met: true,
      achieved_on: TODAY,
      note: '',
      attested_by: '周建华',
      sessions: [],
      activities: [],
      kept: [],
    });
  });

  test('an existing one comes back as recorded; evidence the form cannot pick is kept', () => {
    const a = attestation({
      item_id: 'branch_brand',
      met: false,
      achieved_on: '2026-05-09',
      note: '品牌方案尚在修改',
      attested_by: '陈敏',
      evidence: [
        { kind: 'activity', ref_id: 'a2', label: '2026-05-09 志愿服务' },
        { kind: 'attachment', ref_id: 'f9', label: '签到表.jpg' },
        { kind: 'session', ref_id: 's1', label: '2026-01-08 支委会' },
      ],
    });
    const f = attestFormFor(a, TODAY, '周建华');
    expect(f).toEqual({
      met: false,
      achieved_on: '2026-05-09',
      note: '品牌方案尚在修改',
      attested_by: '陈敏',
      sessions: ['s1'],
      activities: ['a2'],
      kept: [{ kind: 'attachment', ref_id: 'f9' }],
    });
    expect(toAttestationInput(f, 2026, 'branch_brand').evidence).toEqual([
      { kind: 'session', ref_id: 's1' },
      { kind: 'activity', ref_id: 'a2' },
      { kind: 'attachment', ref_id: 'f9' },
    ]);
  });

  test.each([
    ['no day', { achieved_on: null }, 'achieved_on', 'required'],
    ['a malformed day', { achieved_on: '2026-13-01' }, 'achieved_on', 'invalid_date'],
    ['a day after today', { achieved_on: '2026-11-23' }, 'achieved_on', 'date_in_future'],
    ['a note too long', { note: '字'.repeat(2001) }, 'note', 'too_long'],
    ['met with nothing behind it', { note: '  ' }, 'evidence', 'evidence_required'],
  ] as const)('%s is refused', (_what, patch, field, reason) => {
    expect(attestFieldReason(field, form(patch), TODAY)).toBe(reason);
  });

  test('a note, a linked record or a kept file backs a confirmation; not met needs nothing', () => {
    expect(attestFieldReason('evidence', form({ note: '已制定' }), TODAY)).toBeNull();
    expect(attestFieldReason('evidence', form({ activities: ['a1'] }), TODAY)).toBeNull();
    expect(attestFieldReason('evidence', form({ kept: [{ kind: 'attachment', ref_id: 'f1' }] }), TODAY)).toBeNull();
    expect(attestFieldReason('evidence', form(), TODAY, 1)).toBeNull();
    expect(attestFieldReason('evidence', form({ met: false }), TODAY)).toBeNull();
    expect(attestFieldReason('achieved_on', form(), TODAY)).toBeNull();
  });

  test('what is sent is trimmed', () => {
    const input = toAttestationInput(form({ note: ' 品牌发布 ', attested_by: ' 周建华 ', activities: ['a1'] }), 2026, 'branch_brand');
    expect(input).toEqual({
      year: 2026,
      item_id: 'branch_brand',
      met: true,
      achieved_on: TODAY,
      note: '品牌发布',
      attested_by: '周建华',
      evidence: [{ kind: 'activity', ref_id: 'a1' }],
    });
  });
});

describe('evidence pickers', () => {
  test('sessions read "日期 类型 标题" and activities "日期 标题", by date', () => {
    const sessions = [session({ id: 's2', held_on: '2026-03-10', title: '第一季度工作部署' }), session({ id: 's1', held_on: '2026-01-08', title: '' })];
    expect(sessionOptions(sessions)).toEqual([
      { id: 's1', label: '2026-01-08 支委会' },
      { id: 's2', label: '2026-03-10 支委会 第一季度工作部署' },
    ]);
    expect(activityOptions([activity({ id: 'a1', held_on: '2026-05-09', title: '志愿服务：上门帮办代办' })])).toEqual([
      { id: 'a1', label: '2026-05-09 志愿服务：上门帮办代办' },
    ]);
  });

  test('a record linked before but not in this year’s list keeps its label', () => {
    const linked = [
      { kind: 'activity' as const, ref_id: 'old', label: '2025-12-20 志愿服务' },
      { kind: 'session' as const, ref_id: 's1', label: '2026-01-08 支委会' },
    ];
    expect(activityOptions([activity({ id: 'a1', held_on: '2026-05-09', title: '志愿服务' })], linked)).toEqual([
      { id: 'a1', label: '2026-05-09 志愿服务' },
      { id: 'old', label: '2025-12-20 志愿服务' },
    ]);
    expect(sessionOptions([session({ id: 's1', held_on: '2026-01-08', title: '' })], linked)).toHaveLength(1);
  });

  test('the secretary confirms by default, when there is one', () => {
    const m = (name: string, roles: MemberSummary['roles']) => ({ name, roles }) as MemberSummary;
    expect(secretaryName([m('陈敏', ['organization_officer']), m('周建华', ['secretary'])])).toBe('周建华');
    expect(secretaryName([m('陈敏', [])])).toBe('');
  });
});
