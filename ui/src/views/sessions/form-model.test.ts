import { describe, expect, test } from 'vitest';
import type { Session } from '@/generated/Session';
import { i18n } from '@/locales';
import {
  emptyAgendaItem,
  emptyResolution,
  subjectCandidates,
  attendanceInput,
  countsFor,
  defaultHeldOn,
  emptySessionForm,
  kindLabel,
  needsLecturer,
  obligationLines,
  quorumText,
  resolutionVerdicts,
  sessionToForm,
  statusOf,
  templateToForm,
  toSessionInput,
  verdictResults,
  writtenOpinionCandidates,
  type SessionForm,
} from './form-model';
import { canPreview, firstSessionError, sessionFieldReason } from './validate';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;
const TODAY = '2026-11-22';

function form(patch: Partial<SessionForm> = {}): SessionForm {
  return { ...emptySessionForm(TODAY), kind: 'general_meeting', ...patch };
}

function storedSession(patch: Partial<Session> = {}): Session {
  return {
    id: 's1',
    kind: 'theme_day',
    kind_label: '主题党日',
    counts_for: ['theme_day', 'party_lecture'],
    held_on: '2026-11-05',
    start_time: '14:30',
    end_time: '16:00',
    place: '三楼会议室',
    title: '11月主题党日',
    party_group_id: null,
    party_group: null,
    host_id: 'm1',
    recorder_id: 'm2',
    lecturer_id: null,
    lecturer_name: '区委党校 王老师',
    topic: '学习党的二十届四中全会精神',
    minutes: '会议记录',
    agenda: [{ title: '学习最新重要讲话精神', first_topic: true }],
    resolutions: [
      {
        title: '接收周小梅为预备党员',
        kind: 'resolution',
        votes_for: 20,
        votes_against: 0,
        votes_abstain: 1,
        passed: true,
        written: [],
        subject_id: null,
        subject: null,
      },
    ],
    attendance: [
      { member_id: 'm1', name: '张伟', status: 'present', reason: '', expected: true, exempt: false, excluded: false, has_vote: true },
      { member_id: 'm2', name: '李娜', status: 'leave', reason: '公出', expected: true, exempt: false, excluded: false, has_vote: true },
      { member_id: 'm3', name: '王强', status: 'absent', reason: '', expected: true, exempt: false, excluded: false, has_vote: true },
      { member_id: 'm4', name: '刘芳', status: 'present', reason: '', expected: true, exempt: false, excluded: false, has_vote: true },
      { member_id: 'm5', name: '陈老', status: 'absent', reason: '', expected: true, exempt: true, excluded: false, has_vote: true },
      { member_id: 'a1', name: '赵敏', status: 'present', reason: '', expected: false, exempt: false, excluded: false, has_vote: false },
    ],
    head_count: { expected: 4, present: 2, leave: 1, absent: 1 },
    quorum: null,
    election_quorum: null,
    obligations: [],
    ...patch,
  };
}

describe('new form', () => {
  test('starts on today, all present, with one empty agenda item', () => {
    const f = emptySessionForm(TODAY);
    expect(f).toMatchObject({ kind: '', held_on: TODAY, all_present: true, marks: {}, extras: [] });
    expect(f.agenda).toEqual([{ title: '', first_topic: false }]);
  });

  test('a prefill from the 工作台 sets kind and group; a past period dates it on its last day', () => {
    const f = emptySessionForm(TODAY, { kind: 'group_meeting', party_group_id: 'g1', from: '2026-04-01', to: '2026-06-30' });
    expect(f).toMatchObject({ kind: 'group_meeting', party_group_id: 'g1', held_on: '2026-06-30' });
    expect(defaultHeldOn(TODAY, { from: '2026-11-01', to: '2026-11-30' })).toBe(TODAY);
    expect(emptySessionForm(TODAY, { kind: 'general_meeting', party_group_id: 'g1' }).party_group_id).toBeNull();
  });
});

describe('attendance', () => {
  test('all present: only the exceptions are listed, reasons kept for 请假 only', () => {
    const f = form({
      marks: {
        m2: { status: 'leave', reason: ' 公出 ' },
        m3: { status: 'absent', reason: 'stale' },
        m4: { status: 'present', reason: '' },
      },
    });
    expect(attendanceInput(f)).toEqual([
      { member_id: 'm2', status: 'leave', reason: '公出' },
      { member_id: 'm3', status: 'absent', reason: '' },
    ]);
    expect(toSessionInput(f).others).toBe('present');
    expect(statusOf(f, 'm9')).toBe('present');
  });

  test('not all present: those not marked are absent, those present are listed', () => {
    const f = form({ all_present: false, marks: { m1: { status: 'present', reason: '' }, m2: { status: 'absent', reason: '' } } });
    expect(attendanceInput(f)).toEqual([{ member_id: 'm1', status: 'present', reason: '' }]);
    expect(toSessionInput(f).others).toBe('absent');
    expect(statusOf(f, 'm9')).toBe('absent');
  });

  test('extras are present; marks of members no longer expected are dropped', () => {
    const f = form({ marks: { m2: { status: 'leave', reason: '' }, gone: { status: 'leave', reason: '' } }, extras: ['a1'] });
    expect(attendanceInput(f, new Set(['m1', 'm2', 'a1']))).toEqual([
      { member_id: 'm2', status: 'leave', reason: '' },
      { member_id: 'a1', status: 'present', reason: '' },
    ]);
  });
});

describe('toSessionInput', () => {
  test('trims text, drops blank agenda items and fields of other kinds', () => {
    const f = form({
      kind: ' theme_day ',
      also: ['theme_day', 'party_lecture'],
      title: '  11月主题党日 ',
      party_group_id: 'g1',
      lecturer_mode: 'outside',
      lecturer_id: 'm1',
      lecturer_name: ' 王老师 ',
      start_time: '',
      agenda: [
        { title: ' 学习 ', first_topic: true },
        { title: '  ', first_topic: false },
      ],
    });
    expect(toSessionInput(f)).toMatchObject({
      kind: 'theme_day',
      also: ['party_lecture'],
      title: '11月主题党日',
      party_group_id: null,
      lecturer_id: null,
      lecturer_name: '王老师',
      start_time: null,
      agenda: [{ title: '学习', first_topic: true }],
    });
  });

  test('a group meeting keeps its group; no lecture, no lecturer', () => {
    const input = toSessionInput(form({ kind: 'group_meeting', party_group_id: 'g1', lecturer_id: 'm1', lecturer_name: 'x' }));
    expect(input).toMatchObject({ party_group_id: 'g1', lecturer_id: null, lecturer_name: '' });
  });

  test('a branch’s own kind passes as written and counts for nothing by itself', () => {
    expect(toSessionInput(form({ kind: ' 支部书记讲廉政课 ' })).kind).toBe('支部书记讲廉政课');
    expect(countsFor({ kind: '支部书记讲廉政课', also: ['party_lecture'] })).toEqual(['party_lecture']);
    expect(needsLecturer({ kind: '支部书记讲廉政课', also: ['party_lecture'] })).toBe(true);
  });
});

describe('sessionToForm', () => {
  test('a stored session comes back with "all present" and its exceptions', () => {
    const f = sessionToForm(storedSession());
    expect(f).toMatchObject({
      kind: 'theme_day',
      also: ['party_lecture'],
      lecturer_mode: 'outside',
      lecturer_name: '区委党校 王老师',
      all_present: true,
      extras: ['a1'],
    });
    expect(f.marks).toEqual({ m2: { status: 'leave', reason: '公出' }, m3: { status: 'absent', reason: '' } });
    const again = toSessionInput(f);
    expect(again.attendance).toEqual([
      { member_id: 'm2', status: 'leave', reason: '公出' },
      { member_id: 'm3', status: 'absent', reason: '' },
      { member_id: 'a1', status: 'present', reason: '' },
    ]);
    expect(again.resolutions[0]).toMatchObject({ votes_for: 20, passed: true, written: [] });
  });

  test('mostly absent comes back with "all present" off', () => {
    const s = storedSession();
    s.attendance = s.attendance.map((r) => (r.member_id === 'm1' ? r : { ...r, status: 'absent' }));
    const f = sessionToForm(s);
    expect(f.all_present).toBe(false);
    expect(f.marks).toEqual({ m1: { status: 'present', reason: '' }, m2: { status: 'absent', reason: '公出' } });
  });

  test('written opinions come back as input, by member id', () => {
    const s = storedSession();
    s.resolutions = [
      {
        title: '接收周小梅为预备党员',
        kind: 'admission',
        votes_for: 2,
        votes_against: 0,
        votes_abstain: 0,
        written: [{ member_id: 'm2', member: '李娜', opinion: 'for' }],
        passed: true,
        subject_id: 'm3',
        subject: '周小梅',
      },
    ];
    const again = toSessionInput(sessionToForm(s));
    expect(again.resolutions[0].written).toEqual([{ member_id: 'm2', opinion: 'for' }]);
    expect(again.resolutions[0].subject_id).toBe('m3');
  });

  test('a written opinion without a member is not sent', () => {
    const f = sessionToForm(storedSession());
    f.resolutions[0].kind = 'admission';
    f.resolutions[0].written = [
      { member_id: '', opinion: 'for' },
      { member_id: 'm3', opinion: 'against' },
    ];
    expect(toSessionInput(f).resolutions[0].written).toEqual([{ member_id: 'm3', opinion: 'against' }]);
  });

  test('a session without agenda starts with one empty item', () => {
    expect(sessionToForm(storedSession({ agenda: [] })).agenda).toEqual([{ title: '', first_topic: false }]);
  });
});

describe('templateToForm', () => {
  test('the last session’s carry-over on the new day: no marks, no votes, everyone expected present', () => {
    const input = {
      ...toSessionInput(form({ kind: 'committee_meeting' })),
      held_on: '2026-11-20',
      place: '三楼会议室',
      topic: '十一月议题',
      host_id: 'm1',
      lecturer_name: '外请专家',
      agenda: [{ title: '第一议题', first_topic: true }],
      resolutions: [{ ...emptyResolution(), title: '研究发展党员工作', kind: 'admission' as const, votes_for: 9, passed: true, subject_id: 'p1' }],
      others: 'present' as const,
    };
    const f = templateToForm(input);
    expect(f).toMatchObject({
      kind: 'committee_meeting',
      held_on: '2026-11-20',
      place: '三楼会议室',
      topic: '十一月议题',
      host_id: 'm1',
      all_present: true,
      marks: {},
      extras: [],
    });
    expect(f.lecturer_mode).toBe('outside');
    expect(f.agenda).toEqual([{ title: '第一议题', first_topic: true }]);
    expect(f.resolutions[0]).toMatchObject({ title: '研究发展党员工作', kind: 'admission', passed: false, written: [], subject_id: null });
    // What it sends back is what the core gave, the claim left out.
    expect(toSessionInput(f).resolutions[0].passed).toBe(false);
    expect(templateToForm({ ...input, agenda: [] }).agenda).toEqual([emptyAgendaItem()]);
  });
});

describe('resolutionVerdicts', () => {
  test("the core judges the form's resolutions in their order; untitled ones have no verdict", () => {
    const row = (title: string) => ({ ...emptyResolution(), title });
    const rows = [row('A'), row(' '), row('B'), row('C'), row('D (new)')];
    const verdicts = [
      { verdict: 'passed' as const, reason: null, message: null },
      null,
      { verdict: 'not_passed' as const, reason: null, message: null },
      { verdict: 'invalid' as const, reason: 'votes_exceed_present' as const, message: '票数合计超过了到会有表决权的人数' },
    ];
    const got = resolutionVerdicts(rows, verdicts);
    expect(got.map((v) => v?.verdict ?? null)).toEqual(['passed', null, 'not_passed', 'invalid', null]);
    // An impossible count carries nothing: 记为通过 cannot be ticked for it.
    expect(verdictResults(got)).toEqual([true, null, false, false, null]);
    expect(resolutionVerdicts(rows, null)).toEqual([null, null, null, null, null]);
  });
});

describe('writtenOpinionCandidates', () => {
  test('voters counted in 应到 who were not present; not the present, excused, left out or voteless', () => {
    const rows = storedSession().attendance;
    rows.push({ member_id: 'x1', name: '出国', status: 'absent', reason: '', expected: true, exempt: false, excluded: true, has_vote: true });
    rows.push({ member_id: 'p1', name: '预备', status: 'absent', reason: '', expected: true, exempt: false, excluded: false, has_vote: false });
    expect(writtenOpinionCandidates(rows).map((r) => r.member_id)).toEqual(['m2', 'm3']);
  });
});

describe('texts', () => {
  test('quorum lines for a 党员大会, an election and a 支委会', () => {
    const q = { required: 11, present_voting: 15, met: true, entitled: 20 };
    expect(quorumText(q, { countsFor: ['general_meeting'], election: false }, t)).toBe('有表决权 20 人，到会 15 人，需超过半数（至少 11 人）：符合法定人数');
    expect(quorumText({ ...q, required: 17, met: false }, { countsFor: ['general_meeting'], election: true }, t)).toBe(
      '有选举权 20 人，到会 15 人，选举需超过五分之四（至少 17 人）：不符合法定人数',
    );
    expect(quorumText({ required: 3, present_voting: 2, met: false, entitled: 5 }, { countsFor: ['committee_meeting'], election: false }, t)).toBe(
      '应到支委 5 人，到会 2 人，需超过半数（至少 3 人）：不符合法定人数',
    );
  });

  test('each obligation’s verdict, shown when a session counts for several or one fails', () => {
    expect(obligationLines([{ obligation: 'general_meeting', met: true }], t)).toEqual([]);
    expect(obligationLines([{ obligation: 'general_meeting', met: false }], t)).toEqual([
      { met: false, text: '不计为支部党员大会（未达到其应到或法定人数要求）' },
    ]);
    expect(
      obligationLines(
        [
          { obligation: 'group_meeting', met: true },
          { obligation: 'general_meeting', met: false },
        ],
        t,
      ).map((l) => l.met),
    ).toEqual([true, false]);
  });

  test('kind labels: obligations by name, a branch’s own kind as written', () => {
    expect(kindLabel('committee_meeting', t)).toBe('支委会');
    expect(kindLabel('廉政教育会', t)).toBe('廉政教育会');
  });

  test('the head count sentence', () => {
    expect(t('sessions.form.headcount', { expected: 28, present: 25, leave: 2, absent: 1 })).toBe('应到 28 人，实到 25 人，请假 2 人，缺席 1 人');
  });
});

describe('validate', () => {
  test('a filled form passes', () => {
    expect(firstSessionError(form(), TODAY)).toBeNull();
  });

  test.each<[string, Partial<SessionForm>, string, string]>([
    ['no kind', { kind: ' ' }, 'kind', 'required'],
    ['书记讲党课 as a kind', { kind: 'secretary_lecture' }, 'kind', 'unknown_kind'],
    ['kind too long', { kind: '长'.repeat(31) }, 'kind', 'unknown_kind'],
    ['no date', { held_on: null }, 'held_on', 'required'],
    ['bad date', { held_on: '2026-13-01' }, 'held_on', 'invalid_date'],
    ['future', { held_on: '2026-11-23' }, 'held_on', 'date_in_future'],
    ['end before start', { start_time: '15:00', end_time: '14:30' }, 'end_time', 'time_order'],
    ['end equals start', { start_time: '15:00', end_time: '15:00' }, 'end_time', 'time_order'],
    ['group meeting without group', { kind: 'group_meeting' }, 'party_group_id', 'group_required'],
    ['lecture without lecturer', { kind: 'party_lecture' }, 'lecturer', 'lecturer_required'],
    [
      'also a lecture, outside lecturer blank',
      { kind: 'theme_day', also: ['party_lecture'], lecturer_mode: 'outside', lecturer_name: ' ' },
      'lecturer',
      'lecturer_required',
    ],
  ])('%s', (_label, patch, field, reason) => {
    expect(firstSessionError(form(patch), TODAY)).toEqual({ field, reason });
  });

  test('a lecture with a member or an outside lecturer passes', () => {
    expect(sessionFieldReason('lecturer', form({ kind: 'party_lecture', lecturer_id: 'm1' }), TODAY)).toBeNull();
    expect(sessionFieldReason('lecturer', form({ kind: 'party_lecture', lecturer_mode: 'outside', lecturer_name: '王老师' }), TODAY)).toBeNull();
  });

  test('a preview needs a kind and a real date', () => {
    expect(canPreview(form(), TODAY)).toBe(true);
    expect(canPreview(form({ kind: '' }), TODAY)).toBe(false);
    expect(canPreview(form({ held_on: '2026-11' }), TODAY)).toBe(false);
    // A future date is still previewed: the core says why it refuses it.
    expect(canPreview(form({ held_on: '2026-12-01' }), TODAY)).toBe(true);
  });
});

describe('subjectCandidates', () => {
  const members = [
    { id: 'a', name: '邓凯', stage: 'candidate' },
    { id: 'b', name: '唐浩然', stage: 'probationary' },
    { id: 'c', name: '周建华', stage: 'full' },
  ];
  const resolution = (kind: 'admission' | 'confirmation' | 'resolution', subject_id: string | null = null) => ({
    ...emptyResolution(),
    kind,
    subject_id,
  });

  test('offers 发展对象 for an admission and 预备党员 for a 转正', () => {
    expect(subjectCandidates(members, resolution('admission')).map((m) => m.name)).toEqual(['邓凯']);
    expect(subjectCandidates(members, resolution('confirmation')).map((m) => m.name)).toEqual(['唐浩然']);
    expect(subjectCandidates(members, resolution('resolution'))).toEqual([]);
  });

  test('keeps the person a past resolution names after their stage changed', () => {
    expect(subjectCandidates(members, resolution('admission', 'c')).map((m) => m.name)).toEqual(['邓凯', '周建华']);
  });
});
