// A checklist template as the core sends it (a part of the shipped default), for the unit tests
// of the template panel.
import type { Template } from '@/generated/Template';
import type { YearTemplate } from '@/generated/YearTemplate';
import { mockIPC } from '@tauri-apps/api/mocks';

export function template(): Template {
  return {
    id: 'sixiang-default',
    name: '“四强”党支部创建（默认模板）',
    version: '2026.1',
    strengths: [
      { key: 'political', title: '政治功能强', weight: 1 },
      { key: 'leadership', title: '支部班子强', weight: 1 },
      { key: 'membership', title: '党员队伍强', weight: 1 },
      { key: 'impact', title: '作用发挥强', weight: 1 },
    ],
    items: [
      {
        id: 'first_topic',
        strength: 'political',
        title: '支委会坚持“第一议题”学习',
        kind: 'measured',
        metric: { kind: 'first_topic_share' },
        threshold: 1,
        weight: 2,
        fix: 'sessions',
      },
      {
        id: 'study_on_pace',
        strength: 'political',
        title: '党员学时进度达标率不低于 90%',
        kind: 'measured',
        metric: { kind: 'study_on_pace_share' },
        threshold: 0.9,
        weight: 1,
        fix: 'study',
      },
      {
        id: 'committee_monthly',
        strength: 'leadership',
        title: '每月召开支委会',
        kind: 'measured',
        metric: { kind: 'obligation_met_share', obligation: 'committee_meeting' },
        threshold: 1,
        weight: 2,
        fix: 'sessions',
      },
      {
        id: 'committee_complete',
        strength: 'leadership',
        title: '支部委员会配备齐全且未超期',
        kind: 'measured',
        metric: { kind: 'committee_in_term', min_members: 3 },
        threshold: 1,
        weight: 1,
        fix: 'settings',
      },
      { id: 'work_plan', strength: 'leadership', title: '制定年度党建工作要点', kind: 'attested', metric: null, threshold: null, weight: 1, fix: null },
      {
        id: 'reading_salons',
        strength: 'membership',
        title: '每年开展读书分享会不少于 4 期',
        kind: 'measured',
        metric: { kind: 'activity_count', activity: 'reading_salon', series: null },
        threshold: 4,
        weight: 1,
        fix: 'activities',
      },
      {
        id: 'honours',
        strength: 'impact',
        title: '获得上级表彰或荣誉',
        kind: 'measured',
        metric: { kind: 'honour_count' },
        threshold: 1,
        weight: 1,
        fix: 'strengths',
      },
    ],
  };
}

export function yearTemplate(patch: Partial<YearTemplate> = {}): YearTemplate {
  return { year: 2026, source: 'default', template: template(), ...patch };
}

/**
 * A core holding the year's template (call in a test): assigned, loaded or reset (to `resetSource`);
 * `refuse` makes assigning and loading fail with it; `strict` fails any other command, else it is
 * answered null. Answers the commands asked, each with its arguments as sent.
 */
export function templateCore(initial: YearTemplate = yearTemplate(), refuse: unknown = null, resetSource: YearTemplate['source'] = 'default', strict = false) {
  let held = initial;
  const asked: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    asked.push([cmd, JSON.parse(JSON.stringify(args ?? {}))]);
    const a = args as { year: number; template?: Template; text?: string };
    switch (cmd) {
      case 'strengths_template_get':
        return { ...held, year: a.year };
      case 'strengths_template_assign':
        if (refuse) throw refuse;
        held = { year: a.year, source: 'assigned', template: a.template! };
        return null;
      case 'strengths_template_load': {
        if (refuse) throw refuse;
        const read = JSON.parse(a.text!) as Template;
        held = { year: a.year, source: 'assigned', template: read };
        return read;
      }
      case 'strengths_template_reset':
        held = { year: a.year, source: resetSource, template: template() };
        return null;
    }
    if (strict) throw new Error(`unexpected ${cmd}`);
    return null;
  });
  return asked;
}
