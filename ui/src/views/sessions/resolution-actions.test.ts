import { afterEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { Resolution } from '@/generated/Resolution';
import type { Session } from '@/generated/Session';
import { resolutionActions, useResolutionActions } from './resolution-actions';

afterEach(() => clearMocks());

const TODAY = '2026-11-22';

const resolution = (over: Partial<Resolution>): Resolution => ({
  title: '决议',
  kind: 'resolution',
  votes_for: 8,
  votes_against: 0,
  votes_abstain: 0,
  written: [],
  passed: true,
  subject_id: null,
  subject: null,
  ...over,
});

const meeting = (resolutions: Resolution[], countsFor: Session['counts_for'] = ['general_meeting']) => ({
  held_on: '2026-10-20',
  counts_for: countsFor,
  resolutions,
});

const people = [
  { member_id: 'c1', name: '王晨', stage: 'candidate' as const, probation_ends: null },
  { member_id: 'p1', name: '赵敏', stage: 'probationary' as const, probation_ends: '2026-10-10' },
];

describe('what a passed resolution offers', () => {
  test('an admission on the meeting day, a 转正 on the end of the 预备期, an election from the meeting day', () => {
    const s = meeting([
      resolution({ kind: 'admission', subject_id: 'c1' }),
      resolution({ kind: 'confirmation', subject_id: 'p1' }),
      resolution({ kind: 'election' }),
      resolution({ kind: 'resolution' }),
    ]);
    expect(resolutionActions(s, people, TODAY)).toEqual([
      { kind: 'admission', index: 0, member_id: 'c1', name: '王晨', on: '2026-10-20' },
      { kind: 'confirmation', index: 1, member_id: 'p1', name: '赵敏', on: '2026-10-10' },
      { kind: 'election', index: 2, on: '2026-10-20' },
    ]);
  });

  test('nothing when not passed, without a subject, or the subject is no longer at the stage before', () => {
    for (const [label, r] of [
      ['not passed', resolution({ kind: 'admission', subject_id: 'c1', passed: false })],
      ['no subject', resolution({ kind: 'admission', subject_id: null })],
      ['already a 预备党员', resolution({ kind: 'admission', subject_id: 'p1' })],
      ['already 正式 (off the path)', resolution({ kind: 'confirmation', subject_id: 'gone' })],
      ['a candidate is not confirmed', resolution({ kind: 'confirmation', subject_id: 'c1' })],
      ['a failed election', resolution({ kind: 'election', passed: false })],
    ] as const) {
      expect(resolutionActions(meeting([r]), people, TODAY), label).toEqual([]);
    }
    // A 转正 waits for the end of the 预备期.
    const early = resolution({ kind: 'confirmation', subject_id: 'p1' });
    expect(resolutionActions(meeting([early]), people, '2026-10-09')).toEqual([]);
    expect(resolutionActions(meeting([early]), people, '2026-10-10')).toHaveLength(1);
  });

  test('only a 支部党员大会 decides', () => {
    const r = [resolution({ kind: 'admission', subject_id: 'c1' }), resolution({ kind: 'election' })];
    expect(resolutionActions(meeting(r, ['committee_meeting']), people, TODAY)).toEqual([]);
    expect(resolutionActions(meeting(r, ['theme_day', 'general_meeting']), people, TODAY)).toHaveLength(2);
  });

  test('the step is made in one call and the path is read again, so the offer goes', async () => {
    const asked: [string, unknown][] = [];
    let stage = 'probationary';
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      if (cmd === 'pipeline_report') return { as_of: '2026-11-22', rule_version: 'x', people: stage === 'full' ? [] : [people[1]] };
      if (cmd === 'stage_from_resolution') {
        stage = 'full';
        return { id: 'p1', stage: 'full' };
      }
      throw new Error(cmd);
    });
    const actions = useResolutionActions('2026-11-22');
    await actions.load();
    const s = meeting([resolution({ kind: 'confirmation', subject_id: 'p1' })]);
    expect(resolutionActions(s, actions.people.value, TODAY)).toHaveLength(1);
    await actions.apply('s1', 0);
    expect(asked).toContainEqual(['stage_from_resolution', { sessionId: 's1', resolution: 0 }]);
    expect(resolutionActions(s, actions.people.value, TODAY)).toEqual([]);
  });
});
