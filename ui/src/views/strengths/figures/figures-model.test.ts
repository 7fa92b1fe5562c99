import { describe, expect, test } from 'vitest';
import { i18n } from '@/locales';
import { honours, indicators } from './fixtures';
import {
  defaultDay,
  emptyHonourForm,
  emptyValueForm,
  honourFieldReason,
  honourOwner,
  indicatorFieldReason,
  indicatorFormFrom,
  indicatorStatus,
  latestValue,
  numberText,
  outsideYear,
  sparkline,
  targetText,
  toHonourInput,
  toIndicatorInput,
  toValueInput,
  valueFieldReason,
  valuesNewestFirst,
  withUnit,
} from './figures-model';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;
const TODAY = '2026-11-22';

describe('indicator form', () => {
  test('a new indicator starts empty, higher is better; an edited one starts from itself', () => {
    expect(indicatorFormFrom(null)).toEqual({ name: '', unit: '', target: null, higher_is_better: true });
    expect(indicatorFormFrom(indicators()[0])).toEqual({ name: '办事跑动次数', unit: '次', target: 0.2, higher_is_better: false });
  });

  test('a name is needed and short; the unit short; a target optional', () => {
    const f = indicatorFormFrom(null);
    expect(indicatorFieldReason('name', f)).toBe('required');
    f.name = '办'.repeat(61);
    expect(indicatorFieldReason('name', f)).toBe('too_long');
    f.name = ' 全程网办比例 ';
    expect(indicatorFieldReason('name', f)).toBeNull();
    f.unit = '单'.repeat(21);
    expect(indicatorFieldReason('unit', f)).toBe('too_long');
    f.unit = ' % ';
    expect(indicatorFieldReason('target', f)).toBeNull();
    f.target = Number.POSITIVE_INFINITY;
    expect(indicatorFieldReason('target', f)).toBe('invalid_value');
    f.target = 75;
    expect(toIndicatorInput(f)).toEqual({ name: '全程网办比例', unit: '%', target: 75, higher_is_better: true });
  });
});

describe('value form', () => {
  test('dated today this year, on the last day of an earlier year', () => {
    expect(defaultDay(2026, TODAY)).toBe(TODAY);
    expect(defaultDay(2024, TODAY)).toBe('2024-12-31');
    expect(emptyValueForm(2025, TODAY)).toEqual({ measured_on: '2025-12-31', value: null, note: '' });
    expect(outsideYear('2025-12-31', 2026)).toBe(true);
    expect(outsideYear('2026-01-01', 2026)).toBe(false);
    expect(outsideYear(null, 2026)).toBe(false);
  });

  test('a day not after today and a value are needed', () => {
    const f = emptyValueForm(2026, TODAY);
    expect(valueFieldReason('value', f, TODAY)).toBe('required');
    f.measured_on = '2026-11-23';
    expect(valueFieldReason('measured_on', f, TODAY)).toBe('date_in_future');
    f.measured_on = '2026-02-30';
    expect(valueFieldReason('measured_on', f, TODAY)).toBe('invalid_date');
    f.measured_on = null;
    expect(valueFieldReason('measured_on', f, TODAY)).toBe('required');
    f.measured_on = '2026-09-30';
    f.value = 0;
    f.note = '注'.repeat(201);
    expect(valueFieldReason('value', f, TODAY)).toBeNull();
    expect(valueFieldReason('note', f, TODAY)).toBe('too_long');
    f.note = ' 季度通报 ';
    expect(toValueInput(f, 'i1')).toEqual({ indicator_id: 'i1', measured_on: '2026-09-30', value: 0, note: '季度通报' });
  });
});

describe('honour form', () => {
  test('a title and a day; a member only for a person’s honour', () => {
    const f = emptyHonourForm(2026, TODAY);
    expect(honourFieldReason('title', f, TODAY)).toBe('required');
    expect(honourFieldReason('awarded_on', f, TODAY)).toBeNull();
    f.awarded_on = '2027-01-01';
    expect(honourFieldReason('awarded_on', f, TODAY)).toBe('date_in_future');
    f.awarded_by = '单'.repeat(101);
    expect(honourFieldReason('awarded_by', f, TODAY)).toBe('too_long');
    f.note = '注'.repeat(501);
    expect(honourFieldReason('note', f, TODAY)).toBe('too_long');
    Object.assign(f, { title: ' 工人先锋号 ', awarded_by: ' 区总工会 ', awarded_on: '2026-05-01', member_id: '', note: '' });
    expect(toHonourInput(f)).toEqual({ title: '工人先锋号', awarded_by: '区总工会', awarded_on: '2026-05-01', member_id: null, note: '' });
    f.member_id = 'm2';
    expect(toHonourInput(f).member_id).toBe('m2');
  });

  test('who received it: the branch, a member, or one since gone from the roster', () => {
    expect(honours().map((h) => honourOwner(h, t))).toEqual(['支部集体', '徐婷', '（已不在名册）']);
  });
});

describe('reading the figures', () => {
  test('numbers as typed, with their unit', () => {
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(78.11)).toBe('78.11');
    expect(numberText(Number.NaN)).toBe('—');
    expect(withUnit(78.11, '%')).toBe('78.11%');
    expect(withUnit(169, '')).toBe('169');
  });

  test('the latest value, the target with its direction, and how it stands', () => {
    const [runs, online, zero, satisfaction] = indicators();
    expect(latestValue(runs)?.value).toBe(0.14);
    expect(latestValue(satisfaction)).toBeNull();
    expect(valuesNewestFirst(runs).map((v) => v.measured_on)).toEqual(['2026-09-30', '2026-06-30', '2026-03-31']);
    expect(targetText(runs, t)).toBe('≤ 0.2次');
    expect(targetText(online, t)).toBe('≥ 80%');
    expect(targetText(zero, t)).toBe('无目标');
    expect([runs, online, zero, satisfaction].map(indicatorStatus)).toEqual(['on_target', 'off_target', 'no_target', 'no_value']);
  });

  test('the sparkline spans the box, higher values higher up, the target within the range', () => {
    const s = sparkline([1, 3, 2], 100, 20, null, 0);
    expect(s.points).toBe('0,20 50,0 100,10');
    expect(s.last).toEqual({ x: 100, y: 10 });
    expect(s.targetY).toBeNull();
    const withTarget = sparkline([2, 4], 100, 20, 0, 0);
    expect(withTarget.points).toBe('0,10 100,0');
    expect(withTarget.targetY).toBe(20);
    expect(sparkline([5], 100, 20).last).toEqual({ x: 50, y: 10 });
    expect(sparkline([5, 5], 100, 20, 5).targetY).toBeNull();
    expect(sparkline([], 100, 20)).toEqual({ points: '', last: null, targetY: null });
  });
});
