import { describe, expect, test } from 'vitest';
import { i18n } from '@/locales';
import { lecture, participant } from './activity-fixtures';
import {
  activityFieldReason,
  activityToForm,
  buildParticipants,
  displayName,
  emptyActivityForm,
  seriesNames,
  toActivityInput,
  type ActivityForm,
} from './activity-model';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;
const TODAY = '2026-11-22';

function form(patch: Partial<ActivityForm> = {}): ActivityForm {
  return { ...emptyActivityForm(TODAY), kind: 'lecture_series', series: '微讲堂', issue_no: 20, ...patch };
}

describe('displayName', () => {
  test.each([
    [{ series: '微讲堂', issue_no: 20, title: '数字政务' }, '微讲堂 第20期'],
    [{ series: '', issue_no: null, title: '重阳节志愿服务' }, '重阳节志愿服务'],
    [{ series: '诵经典', issue_no: null, title: '' }, '诵经典'],
  ])('%j → %s', (a, want) => expect(displayName(a, t)).toBe(want));
});

describe('seriesNames', () => {
  test('most used first, blanks left out', () => {
    const list = [
      { series: '诵经典', count: 1 },
      { series: '微讲堂', count: 2 },
      { series: '', count: 4 },
      { series: '政务服务大讲堂', count: 1 },
    ];
    // Ties in pinyin order: 诵 (song) before 政 (zheng).
    expect(seriesNames(list)).toEqual(['微讲堂', '诵经典', '政务服务大讲堂']);
  });
});

describe('participants', () => {
  test('each member once, with the most specific role of the kind', () => {
    expect(buildParticipants(form({ speakers: ['m1'], participants: ['m1', 'm2'] }))).toEqual([
      { member_id: 'm1', role: 'speaker' },
      { member_id: 'm2', role: 'participant' },
    ]);
  });

  test('roles of another kind are not sent', () => {
    expect(buildParticipants(form({ kind: 'volunteer_service', speakers: ['m1'], sent: ['m3'], participants: ['m2'] }))).toEqual([
      { member_id: 'm2', role: 'participant' },
    ]);
    expect(buildParticipants(form({ kind: 'study_trip', sent: ['m3'], participants: ['m2'] }))).toEqual([
      { member_id: 'm3', role: 'sent' },
      { member_id: 'm2', role: 'participant' },
    ]);
    expect(buildParticipants(form({ kind: 'reading_salon', sharers: ['m4'] }))).toEqual([{ member_id: 'm4', role: 'sharer' }]);
  });
});

describe('toActivityInput', () => {
  test('trims and keeps only the fields of the kind', () => {
    const input = toActivityInput(
      form({ kind: 'reading_salon', series: ' 读书分享会 ', issue_no: 5, title: ' 共读 ', book: ' 《习近平谈治国理政》 ', destination: 'x', duration_days: 3 }),
    );
    expect(input).toMatchObject({
      kind: 'reading_salon',
      series: '读书分享会',
      issue_no: 5,
      title: '共读',
      book: '《习近平谈治国理政》',
      destination: '',
      duration_days: null,
    });
  });

  test('no series, no issue number', () => {
    expect(toActivityInput(form({ series: '  ', issue_no: 7, title: '志愿服务' })).issue_no).toBeNull();
  });

  test('a study trip keeps where and how long', () => {
    expect(toActivityInput(form({ kind: 'study_trip', destination: '浙江杭州', duration_days: 3 }))).toMatchObject({
      destination: '浙江杭州',
      duration_days: 3,
    });
  });
});

describe('activityFieldReason', () => {
  test.each<[string, Partial<ActivityForm>, 'kind' | 'title' | 'held_on' | 'issue_no', string | null]>([
    ['filled', {}, 'title', null],
    ['no kind', { kind: null }, 'kind', 'required'],
    ['no title, no series', { series: '', title: ' ' }, 'title', 'required'],
    ['title only', { series: '', title: '重阳节' }, 'title', null],
    ['series too long', { series: '长'.repeat(51) }, 'title', 'too_long'],
    ['no date', { held_on: null }, 'held_on', 'required'],
    ['future', { held_on: '2026-12-01' }, 'held_on', 'date_in_future'],
    ['issue 0', { issue_no: 0 }, 'issue_no', 'invalid_value'],
    ['issue left to the core', { issue_no: null }, 'issue_no', null],
  ])('%s', (_label, patch, field, reason) => {
    expect(activityFieldReason(field, form(patch), TODAY)).toBe(reason);
  });
});

describe('activityToForm', () => {
  test('a saved activity gives the form back what saved it, each member in their role', () => {
    const a = lecture({
      kind: 'reading_salon',
      series: '',
      issue_no: null,
      title: '读《习近平谈治国理政》',
      held_on: '2026-09-01',
      description: '分享心得',
      book: '习近平谈治国理政',
      author: '习近平',
      participants: [participant('m1', '张伟', 'sharer'), participant('m2', '李娜', 'participant')],
    });
    const f = activityToForm(a);
    expect(f.sharers).toEqual(['m1']);
    expect(f.participants).toEqual(['m2']);
    const input = toActivityInput(f);
    expect(input).toMatchObject({ kind: 'reading_salon', title: a.title, held_on: a.held_on, book: a.book, author: a.author, description: a.description });
    expect(input.participants).toEqual([
      { member_id: 'm1', role: 'sharer' },
      { member_id: 'm2', role: 'participant' },
    ]);
  });
});
