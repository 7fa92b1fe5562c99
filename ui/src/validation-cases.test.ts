// The shared table of input cases (tests/cases/validation.json) through the window's own
// validators; the core runs the same table through its own (tests/validation_cases.rs), so a
// copy of a rule that drifts from the core's fails here or there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isYuan } from '@/views/dues/dues-model';
import { parseIdNumber, validPhone } from '@/views/members/validate';
import { hoursReason } from '@/views/study/entry-model';
import { pastDateReason, recordDateReason } from '@/utils/dates';

type Case = { value: string | number; reason?: string | null; valid?: boolean; correction?: boolean };
const table = JSON.parse(readFileSync(join(__dirname, '../../tests/cases/validation.json'), 'utf8')) as Record<string, Case[]>;

/** Each case's answer from `check` beside the table's, for one comparison that names them all. */
function answers(section: string, check: (c: Case) => unknown, expected: (c: Case) => unknown) {
  const cases = table[section];
  expect(cases.length).toBeGreaterThanOrEqual(5);
  return {
    got: cases.map((c) => [c.value, check(c)]),
    want: cases.map((c) => [c.value, expected(c)]),
  };
}

describe('the shared validation table', () => {
  test('身份证号', () => {
    const { got, want } = answers(
      'id_number',
      (c) => {
        const r = parseIdNumber(String(c.value));
        return r.ok ? null : r.reason;
      },
      (c) => c.reason,
    );
    expect(got).toEqual(want);
  });

  test('phone numbers', () => {
    const { got, want } = answers(
      'phone',
      (c) => validPhone(String(c.value)),
      (c) => c.valid,
    );
    expect(got).toEqual(want);
  });

  test('record dates', () => {
    const { got, want } = answers(
      'date',
      (c) => recordDateReason(String(c.value)),
      (c) => c.reason,
    );
    expect(got).toEqual(want);
  });

  test('dates a form takes as the day something happened (today the last day the core takes)', () => {
    const { got, want } = answers(
      'date',
      (c) => pastDateReason(String(c.value), '2100-12-31'),
      (c) => (String(c.value).trim() === '' ? 'required' : c.reason),
    );
    expect(got).toEqual(want);
  });

  test('学时 of an entry', () => {
    const { got, want } = answers(
      'entry_hours',
      (c) => hoursReason(Number(c.value), c.correction),
      (c) => c.reason,
    );
    expect(got).toEqual(want);
  });

  test('amounts in 元', () => {
    const { got, want } = answers(
      'yuan',
      (c) => isYuan(String(c.value)),
      (c) => c.valid,
    );
    expect(got).toEqual(want);
  });
});
