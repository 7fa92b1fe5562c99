import { describe, expect, test } from 'vitest';
import { addDays, addYears, ageOn, daysBetween, isIsoDate, pastDateReason, weekday } from './dates';

describe('dates', () => {
  test.each([
    ['2026-11-22', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026/11/22', false],
    ['', false],
  ])('isIsoDate(%j) = %s', (s, want) => expect(isIsoDate(s)).toBe(want));

  test.each([
    ['2026-12-07', null],
    [' 2026-12-06 ', null],
    ['2026-12-08', 'date_in_future'],
    ['2026-02-30', 'invalid_date'],
    ['2026/12/01', 'invalid_date'],
    ['1920-12-31', 'date_out_of_range'],
    ['', 'required'],
    ['  ', 'required'],
    [null, 'required'],
    [undefined, 'required'],
  ])('pastDateReason(%j, 2026-12-07) = %s', (d, want) => expect(pastDateReason(d, '2026-12-07')).toBe(want));

  test.each([
    ['2010-07-01', 1, '2011-07-01'],
    ['2024-02-29', 1, '2025-02-28'],
    ['1985-06-15', 18, '2003-06-15'],
  ])('addYears(%s, %i) = %s', (d, n, want) => expect(addYears(d, n)).toBe(want));

  test.each([
    ['2011-07-01', -31, '2011-05-31'],
    ['2012-07-01', 31, '2012-08-01'],
    ['2026-12-31', 1, '2027-01-01'],
  ])('addDays(%s, %i) = %s', (d, n, want) => expect(addDays(d, n)).toBe(want));

  test('ages and day counts', () => {
    expect(ageOn('1985-06-15', '2026-06-14')).toBe(40);
    expect(ageOn('1985-06-15', '2026-06-15')).toBe(41);
    expect(daysBetween('2026-11-22', '2026-12-01')).toBe(9);
    expect(weekday('2026-11-22')).toBe(0);
  });
});
