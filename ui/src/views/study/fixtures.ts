// Shapes the core sends for 学时, for the unit tests of the study views and 我的学时.
import type { CreditEntry } from '@/generated/CreditEntry';
import type { MemberProgress } from '@/generated/MemberProgress';
import type { MemberStatement } from '@/generated/MemberStatement';
import type { StudyReport } from '@/generated/StudyReport';
import type { TargetRuleSet } from '@/generated/TargetRuleSet';

export const TARGETS: TargetRuleSet = {
  version: '党员教育管理工作条例2019',
  effective_from: '2019-05-06',
  member: 32,
  committee: 56,
  branch_wide: null,
  per_member: [],
  counted_categories: ['concentrated_study', 'party_lecture', 'branch_study', 'cadre_online_academy', 'training_course', 'study_trip'],
};

export function progress(p: Partial<MemberProgress> & Pick<MemberProgress, 'id' | 'name'>): MemberProgress {
  return {
    hours: 0,
    counted_hours: p.hours ?? 0,
    uncounted_hours: 0,
    target: 32,
    full_target: p.target === undefined ? 32 : p.target,
    target_prorated: false,
    roster_days: 365,
    exempt: false,
    exempt_reason: '',
    on_committee: false,
    share: 0,
    expected: 28.5,
    on_track: false,
    reached: false,
    behind_by: 0,
    by_category: [],
    ...p,
  };
}

/** 周建华 (committee, reached), 徐婷 (on pace), 吴刚 (far behind), 杨丽 (a little behind), 陈老 (exempt). */
export function report(): StudyReport {
  const members = [
    progress({ id: 'm1', name: '周建华', hours: 72, target: 56, on_committee: true, share: 72 / 56, expected: 49.9, on_track: true, reached: true }),
    progress({ id: 'm2', name: '徐婷', hours: 30, share: 30 / 32, on_track: true }),
    progress({ id: 'm3', name: '吴刚', hours: 10, share: 10 / 32, behind_by: 18.5 }),
    progress({ id: 'm4', name: '杨丽', hours: 26, share: 26 / 32, behind_by: 2.5 }),
    progress({ id: 'm5', name: '陈老', hours: 4, target: null, exempt: true, exempt_reason: '因病长期休养', share: null, expected: null, on_track: true }),
  ];
  return {
    year: 2026,
    as_of: '2026-11-22',
    members,
    behind_pace: ['m3', 'm4'],
    by_category: [
      { category: 'concentrated_study', label: '集中学习', hours: 80, counted: true },
      { category: 'xuexi_qiangguo', label: '学习强国', hours: 40, counted: false },
      { category: '青年理论小组', label: '青年理论小组', hours: 22, counted: false },
    ],
    counted_hours: 142,
    uncounted_hours: 62,
    counted: 4,
    reached: 1,
    on_track: 2,
    reached_rate: 0.25,
    targets: TARGETS,
  };
}

export function entry(e: Partial<CreditEntry> & Pick<CreditEntry, 'occurred_on' | 'hours'>): CreditEntry {
  return {
    id: null,
    member_id: 'm2',
    member_name: '徐婷',
    category: 'concentrated_study',
    category_label: '集中学习',
    source: 'attendance',
    session_id: null,
    activity_id: null,
    origin: '',
    note: '',
    entered_by: '',
    replaces_credit: false,
    replaced: false,
    counted: !e.replaced,
    ...e,
  };
}

export function credits(): CreditEntry[] {
  return [
    entry({ occurred_on: '2026-03-26', hours: 2, session_id: 's1', origin: '支部党员大会 · 3月支部党员大会' }),
    entry({
      occurred_on: '2026-06-28',
      hours: 2,
      session_id: 's2',
      origin: '党课 · 践行初心使命',
      category: 'party_lecture',
      category_label: '党课',
      replaced: true,
    }),
    entry({
      id: 'e1',
      occurred_on: '2026-06-28',
      hours: 1,
      session_id: 's2',
      source: 'manual',
      category: 'party_lecture',
      category_label: '党课',
      replaces_credit: true,
      note: '中途离会',
      entered_by: 'app',
    }),
    entry({ occurred_on: '2026-10-25', hours: 2, activity_id: 'a1', source: 'activity', origin: '学思行微讲堂 第19期' }),
    entry({
      id: 'e2',
      occurred_on: '2026-11-01',
      hours: 2,
      source: 'manual',
      category: 'xuexi_qiangguo',
      category_label: '学习强国',
      entered_by: '周建华',
      counted: false,
    }),
  ];
}

export function statement(): MemberStatement {
  return {
    branch_name: '永川区行政服务中心党支部',
    year: 2026,
    as_of: '2026-11-22',
    progress: report().members[1],
    entries: credits(),
    attendance: { member_id: 'm2', year: 2026, rows: [], rates: [] },
  };
}
