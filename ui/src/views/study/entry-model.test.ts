import { describe, expect, test } from 'vitest';
import { credits as creditEntries } from './fixtures';
import {
  applyCredit,
  correctableCredits,
  creditKey,
  emptyEntryForm,
  entryFieldReason,
  firstEntryError,
  hoursReason,
  isHalfHours,
  toEntryInput,
  type EntryForm,
} from './entry-model';

const TODAY = '2026-11-22';

function form(f: Partial<EntryForm> = {}): EntryForm {
  return { ...emptyEntryForm(TODAY), hours: 2, category: 'xuexi_qiangguo', ...f };
}

describe('hours', () => {
  test.each([
    [2, true],
    [1.5, true],
    [0.5, true],
    [1.3, false],
    [1.25, false],
    [Number.NaN, false],
  ])('%s is whole half hours: %s', (h, want) => expect(isHalfHours(h)).toBe(want));

  test('an entry needs 0.5 to 200 hours in half hours; a correction may set 0', () => {
    expect(hoursReason(null)).toBe('required');
    expect(hoursReason(1.3)).toBe('half_hours');
    expect(hoursReason(0)).toBe('hours_minimum');
    expect(hoursReason(0.5)).toBeNull();
    expect(hoursReason(200.5)).toBe('hours_out_of_range');
    expect(hoursReason(1)).toBeNull();
    expect(hoursReason(200)).toBeNull();
    expect(hoursReason(0, true)).toBeNull();
    expect(hoursReason(0.75, true)).toBe('half_hours');
  });
});

describe('the entry form', () => {
  test('a new form is today, no hours, nothing else', () => {
    expect(emptyEntryForm(TODAY)).toEqual({ occurred_on: TODAY, hours: null, category: '', correct: false, credit: null, note: '', entered_by: '' });
  });

  test('checks the day: required, a real date, not after today', () => {
    expect(entryFieldReason('occurred_on', form({ occurred_on: null }), TODAY)).toBe('required');
    expect(entryFieldReason('occurred_on', form({ occurred_on: '2026-02-30' }), TODAY)).toBe('invalid_date');
    expect(entryFieldReason('occurred_on', form({ occurred_on: '2026-11-23' }), TODAY)).toBe('date_in_future');
    expect(entryFieldReason('occurred_on', form(), TODAY)).toBeNull();
  });

  test('a category is required, at most 20 characters, the branch’s own allowed', () => {
    expect(entryFieldReason('category', form({ category: '  ' }), TODAY)).toBe('required');
    expect(entryFieldReason('category', form({ category: '长'.repeat(21) }), TODAY)).toBe('too_long');
    expect(entryFieldReason('category', form({ category: '青年理论小组' }), TODAY)).toBeNull();
  });

  test('a plain entry needs no credit and no note', () => {
    expect(firstEntryError(form(), TODAY)).toBeNull();
    expect(firstEntryError(form({ hours: 2.2 }), TODAY)).toEqual({ field: 'hours', reason: 'half_hours' });
  });

  test('a correction names the credit and gives the reason', () => {
    const f = form({ correct: true });
    expect(entryFieldReason('credit', f, TODAY)).toBe('correction_needs_source');
    f.credit = 'session:s1';
    expect(entryFieldReason('credit', f, TODAY)).toBeNull();
    expect(entryFieldReason('note', f, TODAY)).toBe('correction_needs_reason');
    f.note = '  ';
    expect(firstEntryError(f, TODAY)).toEqual({ field: 'note', reason: 'correction_needs_reason' });
    f.note = '中途离会';
    expect(firstEntryError(f, TODAY)).toBeNull();
    expect(entryFieldReason('note', form({ note: '长'.repeat(201) }), TODAY)).toBe('too_long');
  });
});

describe('credits', () => {
  test('only computed credits not yet replaced can be corrected', () => {
    const credits = correctableCredits(creditEntries());
    expect(credits.map((c) => c.origin)).toEqual(['支部党员大会 · 3月支部党员大会', '学思行微讲堂 第19期']);
    expect(credits.map(creditKey)).toEqual(['session:s1', 'activity:a1']);
  });

  test('picking a credit fills its day, hours and category', () => {
    const f = form({ correct: true });
    applyCredit(f, correctableCredits(creditEntries())[1]);
    expect(f).toMatchObject({ credit: 'activity:a1', occurred_on: '2026-10-25', hours: 2, category: 'concentrated_study' });
  });

  test('what is sent: a plain entry, and a correction that names its activity', () => {
    const credits = correctableCredits(creditEntries());
    expect(toEntryInput(form({ note: ' 专题学习 ', entered_by: ' 周建华 ' }), 'm2', credits)).toEqual({
      member_id: 'm2',
      occurred_on: TODAY,
      hours: 2,
      category: 'xuexi_qiangguo',
      session_id: null,
      activity_id: null,
      replaces_credit: false,
      note: '专题学习',
      entered_by: '周建华',
    });
    const f = form({ correct: true, note: '讲堂提前结束' });
    applyCredit(f, credits[1]);
    f.hours = 1;
    expect(toEntryInput(f, 'm2', credits)).toMatchObject({ session_id: null, activity_id: 'a1', replaces_credit: true, hours: 1, occurred_on: '2026-10-25' });
    applyCredit(f, credits[0]);
    expect(toEntryInput(f, 'm2', credits)).toMatchObject({ session_id: 's1', activity_id: null, replaces_credit: true });
    // A credit chosen, then the switch turned off: nothing of the credit is sent.
    expect(toEntryInput({ ...f, correct: false }, 'm2', credits)).toMatchObject({ session_id: null, activity_id: null, replaces_credit: false });
  });
});
