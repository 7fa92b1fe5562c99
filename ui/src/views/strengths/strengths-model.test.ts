import { describe, expect, test } from 'vitest';
import { createAppI18n } from '@/locales';
import { assessment, attestation, attested, measured, trend } from './fixtures';
import { asOfAllowed, figuresText, fixLabel, fixTarget, itemStatus, missingItems, percentOf, tabFromQuery, trendSeries, valueText } from './strengths-model';

const t = createAppI18n().global.t as (key: string, named?: Record<string, unknown>) => string;

describe('an item’s status and value', () => {
  test('met, not met, or an attested item nobody has confirmed', () => {
    expect(itemStatus(measured('a', 'a', 1, 1, 'flag', null))).toBe('met');
    expect(itemStatus(measured('a', 'a', 0, 1, 'flag', null))).toBe('unmet');
    expect(itemStatus(attested('b', 'b'))).toBe('pending');
    expect(itemStatus(attested('b', 'b', attestation({ item_id: 'b' })))).toBe('met');
    expect(itemStatus(attested('b', 'b', attestation({ item_id: 'b', met: false })))).toBe('unmet');
  });

  test('shares read as percentages, counts as numbers, flags as 是/否', () => {
    expect(valueText(0.875, 'share', t)).toBe('87.5%');
    expect(valueText(1, 'share', t)).toBe('100%');
    expect(valueText(0.78111, 'share', t)).toBe('78.1%');
    expect(valueText(4, 'count', t)).toBe('4');
    expect(valueText(0.14, 'count', t)).toBe('0.14');
    expect(valueText(1, 'flag', t)).toBe('是');
    expect(valueText(0, 'flag', t)).toBe('否');
    expect(valueText(null, 'share', t)).toBe('—');
    expect(figuresText(measured('x', 'x', 0.875, 0.9, 'share', 'study'), t)).toBe('实际 87.5%，目标 90%');
    expect(figuresText(attested('y', 'y'), t)).toBeNull();
    // 政务服务指标 with no indicator defined: 未设置, not 实际 0%.
    expect(figuresText({ ...measured('service_figures', '政务服务指标达到目标', 0, 1, 'share', 'impact'), value: null }, t)).toBe('未设置，目标 100%');
  });

  test('scores round to whole percentages', () => {
    expect(percentOf(0.5)).toBe(50);
    expect(percentOf(2 / 3)).toBe(67);
    expect(percentOf(Number.NaN)).toBe(0);
  });
});

describe('what is missing', () => {
  test('every item not met, strength by strength, heavier first', () => {
    const missing = missingItems(assessment());
    expect(missing.map((m) => [m.strength.key, m.item.id, m.status])).toEqual([
      ['political', 'first_topic', 'unmet'],
      ['political', 'study_on_pace', 'unmet'],
      ['leadership', 'report_to_party_group', 'pending'],
      ['impact', 'branch_brand', 'pending'],
      ['impact', 'service_figures', 'unmet'],
    ]);
    expect(missingItems(null)).toEqual([]);
    expect(missingItems(assessment(attestation({ item_id: 'branch_brand' }))).map((m) => m.item.id)).not.toContain('branch_brand');
  });

  test('an item links to the page that puts it right; strengths means the figures tab', () => {
    expect(fixTarget('sessions')).toEqual({ name: 'sessions' });
    expect(fixTarget('strengths')).toEqual({ name: 'strengths', query: { tab: 'figures' } });
    expect(fixTarget('nowhere')).toBeNull();
    expect(fixTarget(null)).toBeNull();
    expect(fixLabel('sessions', t)).toBe('前往三会一课');
    expect(fixLabel('strengths', t)).toBe('前往指标与荣誉');
  });
});

describe('the page', () => {
  test('the tab comes from the query; anything else is the overview', () => {
    expect(tabFromQuery({ tab: 'figures' })).toBe('figures');
    expect(tabFromQuery({ tab: ['template'] })).toBe('template');
    expect(tabFromQuery({ tab: 'secret' })).toBe('overview');
    expect(tabFromQuery({})).toBe('overview');
  });

  test('the trend becomes the overall line and one line per strength', () => {
    const series = trendSeries(trend(), assessment().strengths, '综合');
    expect(series.map((s) => s.key)).toEqual(['overall', 'political', 'leadership', 'membership', 'impact']);
    expect(series[0].points.map((p) => p.month)).toEqual([1, 2, 3]);
    expect(series[0].points[1].value).toBe(0.4);
    expect(series[4]).toMatchObject({
      title: '作用发挥强',
      points: [
        { month: 1, value: 0.25 },
        { month: 2, value: 0.5 },
        { month: 3, value: 0.75 },
      ],
    });
  });

  test('a year is judged as of a day inside it, not after today', () => {
    expect(asOfAllowed('2026-06-30', 2026, '2026-11-22')).toBe(true);
    expect(asOfAllowed('2026-11-23', 2026, '2026-11-22')).toBe(false);
    expect(asOfAllowed('2025-06-30', 2026, '2026-11-22')).toBe(false);
    expect(asOfAllowed('2025-06-30', 2025, '2026-11-22')).toBe(true);
  });
});
