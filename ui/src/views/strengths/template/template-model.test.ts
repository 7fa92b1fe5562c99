import { describe, expect, test } from 'vitest';
import type { Metric } from '@/generated/Metric';
import { i18n } from '@/locales';
import { template } from './fixtures';
import {
  addAttestedItem,
  bumpVersion,
  contentKey,
  draftFrom,
  itemProblem,
  itemsOf,
  metricFormat,
  metricText,
  newItemId,
  problemText,
  removeItem,
  shownThreshold,
  sourceOf,
  sourceText,
  storedThreshold,
  templateFileName,
  templateFrom,
  templateJson,
  templateProblems,
} from './template-model';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;

describe('metricText', () => {
  test.each<[Metric, string]>([
    [{ kind: 'obligation_met_share', obligation: 'committee_meeting' }, '支委会按期召开比例'],
    [{ kind: 'obligation_met_share', obligation: 'party_lecture' }, '党课按期开展比例'],
    [{ kind: 'obligations_held', obligations: ['org_life_meeting', 'democratic_appraisal'] }, '本年度组织生活会、民主评议党员均已开展'],
    [{ kind: 'first_topic_share' }, '支委会学习“第一议题”的比例'],
    [{ kind: 'study_on_pace_share' }, '党员学时进度达标比例'],
    [{ kind: 'activity_count', activity: 'reading_salon', series: null }, '本年度读书分享会期数'],
    [{ kind: 'activity_count', activity: 'lecture_series', series: '微讲堂' }, '本年度讲堂（微讲堂）期数'],
    [{ kind: 'committee_in_term', min_members: 3 }, '配齐书记及至少 3 名支部委员，且任期未满'],
    [{ kind: 'indicators_on_target' }, '支部指标达到目标的比例'],
    [{ kind: 'honour_count' }, '本年度获得荣誉数'],
  ])('%j → %s', (metric, want) => expect(metricText(metric, t)).toBe(want));

  test('an item without a metric says so', () => {
    expect(metricText(null, t)).toBe('未设测算方式');
  });
});

describe('thresholds', () => {
  test('shares read in percent, counts and flags as they are', () => {
    expect(metricFormat({ kind: 'first_topic_share' })).toBe('share');
    expect(metricFormat({ kind: 'honour_count' })).toBe('count');
    expect(metricFormat({ kind: 'committee_in_term', min_members: 3 })).toBe('flag');
    expect(metricFormat(null)).toBeNull();
    expect(shownThreshold(0.9, 'share')).toBe(90);
    expect(shownThreshold(0.875, 'share')).toBe(87.5);
    expect(shownThreshold(4, 'count')).toBe(4);
    expect(shownThreshold(null, 'share')).toBeNull();
    expect(storedThreshold(90, 'share')).toBe(0.9);
    expect(storedThreshold(87.5, 'share')).toBe(0.875);
    expect(storedThreshold(33.3, 'share')).toBe(0.333);
    expect(storedThreshold(1, 'flag')).toBe(1);
  });

  test('a template survives the draft unchanged', () => {
    const original = template();
    const back = templateFrom(draftFrom(original));
    expect(back).toEqual(original);
    expect(contentKey(back)).toBe(contentKey(original));
  });

  test('an edited percentage goes back as a share; the version is not part of the content', () => {
    const d = draftFrom(template());
    const pace = d.items.find((i) => i.id === 'study_on_pace')!;
    expect(pace.threshold).toBe(90);
    pace.threshold = 80;
    d.version = '2026.2';
    const back = templateFrom(d);
    expect(back.items.find((i) => i.id === 'study_on_pace')!.threshold).toBe(0.8);
    expect(contentKey(back)).not.toBe(contentKey(template()));
    const onlyVersion = draftFrom(template());
    onlyVersion.version = '9';
    expect(contentKey(templateFrom(onlyVersion))).toBe(contentKey(template()));
  });
});

describe('checks', () => {
  test('the shipped template has no problems', () => {
    expect(templateProblems(draftFrom(template()))).toEqual([]);
  });

  test('each kind of mistake is named at its item', () => {
    const d = draftFrom(template());
    const at = (id: string) => d.items.findIndex((i) => i.id === id);
    d.items[at('work_plan')].title = '  ';
    d.items[at('honours')].title = '每月召开支委会';
    d.items[at('first_topic')].threshold = null;
    d.items[at('study_on_pace')].threshold = 120;
    d.items[at('reading_salons')].threshold = -1;
    d.items[at('committee_monthly')].weight = -1;
    d.items[at('committee_complete')].metric = null;
    expect(itemProblem(d, at('work_plan'))).toBe('title_required');
    expect(itemProblem(d, at('honours'))).toBe('title_taken');
    expect(itemProblem(d, at('first_topic'))).toBe('threshold_required');
    expect(itemProblem(d, at('study_on_pace'))).toBe('share_range');
    expect(itemProblem(d, at('reading_salons'))).toBe('count_negative');
    expect(itemProblem(d, at('committee_monthly'))).toBe('weight');
    expect(itemProblem(d, at('committee_complete'))).toBe('metric_required');
    const problems = templateProblems(d);
    expect(problems).toHaveLength(7);
    expect(problemText(problems[0], d, t)).toBe('支委会坚持“第一议题”学习：数据测算条目须填写达标线');
    const blank = problems.find((p) => p.key === 'title_required')!;
    expect(problemText(blank, d, t)).toBe('支部班子强第 3 条：条目名称不能为空');
  });

  test('an attested item needs no threshold; a repeated id is caught', () => {
    const d = draftFrom(template());
    d.items.push({ ...d.items[0], title: '另一条' });
    expect(itemProblem(d, d.items.length - 1)).toBe('id_taken');
    const plan = d.items.findIndex((i) => i.id === 'work_plan');
    expect(d.items[plan].threshold).toBeNull();
    expect(itemProblem(d, plan)).toBeNull();
  });

  test('strengths: each of the four once, a title, a weight not below zero; and a version', () => {
    const d = draftFrom(template());
    d.version = ' ';
    d.strengths[1].title = '';
    d.strengths[2].weight = -0.5;
    d.strengths.pop();
    const problems = templateProblems(d);
    expect(problems.map((p) => p.key)).toEqual(['version_required', 'strengths_incomplete', 'strength_title', 'strength_weight']);
    expect(problemText(problems[2], d, t)).toBe('支部班子强：方面名称不能为空');
    expect(problemText(problems[3], d, t)).toBe('党员队伍强：权重应为不小于 0 的数');
  });
});

describe('adding and removing items', () => {
  test('a new attested item joins its strength, with an id never used before', () => {
    const d = draftFrom(template());
    const item = addAttestedItem(d, 'leadership', 1_780_000_000_000);
    expect(item).toMatchObject({ strength: 'leadership', kind: 'attested', metric: null, threshold: null, weight: 1, title: '' });
    expect(item.id).toBe(`custom_${(1_780_000_000_000).toString(36)}`);
    expect(itemsOf(d, 'leadership').map((r) => r.item.id)).toEqual(['committee_monthly', 'committee_complete', 'work_plan', item.id]);
    // Right after the leadership items, before the membership ones.
    expect(d.items[5].id).toBe(item.id);
    const again = addAttestedItem(d, 'leadership', 1_780_000_000_000);
    expect(again.id).toBe(`${item.id}_2`);
    expect(itemProblem(d, d.items.indexOf(again))).toBe('title_required');
    item.title = '开展党建联建共建';
    again.title = ' 开展党建联建共建 ';
    expect(itemProblem(d, d.items.indexOf(again))).toBe('title_taken');
    removeItem(d, item.id);
    expect(itemProblem(d, d.items.indexOf(again))).toBeNull();
    expect(templateFrom(d).items.find((i) => i.id === again.id)).toEqual({
      id: again.id,
      strength: 'leadership',
      title: '开展党建联建共建',
      kind: 'attested',
      metric: null,
      threshold: null,
      weight: 1,
      fix: null,
    });
  });

  test('a strength with no items yet gets one at the end', () => {
    const d = draftFrom(template());
    d.items = d.items.filter((i) => i.strength !== 'impact');
    const item = addAttestedItem(d, 'impact', 5);
    expect(d.items[d.items.length - 1]).toBe(item);
  });

  test('ids: the moment, then a counter', () => {
    expect(newItemId([], 35)).toBe('custom_z');
    expect(newItemId(['custom_z', 'custom_z_2'], 35)).toBe('custom_z_3');
  });
});

describe('versions, sources and files', () => {
  test.each([
    ['2026.1', '2026.2'],
    ['2026.9', '2026.10'],
    ['v3', 'v4'],
    ['第2版', '第3版'],
    ['区机关工委版', '区机关工委版.1'],
    ['', '1'],
  ])('%s → %s', (v, want) => expect(bumpVersion(v)).toBe(want));

  test('where the year’s template comes from', () => {
    expect(sourceOf('assigned')).toEqual({ kind: 'assigned', fromYear: null });
    expect(sourceOf({ inherited: { from_year: 2025 } })).toEqual({ kind: 'inherited', fromYear: 2025 });
    expect(sourceText({ inherited: { from_year: 2025 } }, t)).toBe('沿用 2025 年的清单');
    expect(sourceText('default', t)).toBe('程序自带的默认清单');
    expect(sourceText('assigned', t)).toBe('本年度专用清单');
  });

  test('an exported file is named by the template and reads back the same', () => {
    const tpl = template();
    expect(templateFileName(tpl)).toBe('“四强”党支部创建（默认模板）-2026.1.json');
    expect(templateFileName({ ...tpl, name: 'a/b: c', version: '' })).toBe('a_b_c.json');
    expect(JSON.parse(templateJson(tpl))).toEqual(tpl);
  });
});
