// What the 党委's window tests are answered with: two branches (one reported, one silent) and
// the reported one's report.
import type { BranchView } from '@/generated/BranchView';
import type { WindowOverview } from '@/generated/WindowOverview';
import type { WindowRow } from '@/generated/WindowRow';

/** The reported branch's figures, as its row and its report both give them. */
const FIGURES = {
  met: 20,
  open: 3,
  missed: 0,
  overall: 0.8,
  political: 0.9,
  leadership: 0.8,
  membership: 0.7,
  impact: 0.6,
  study_counted: 20,
  study_reached: 15,
};

export function row(over: Partial<WindowRow>): WindowRow {
  return {
    branch_id: 'b1',
    name: '永川区行政服务中心党支部',
    reported_at: '2026-11-20 09:30',
    as_of: '2026-11-20',
    ...FIGURES,
    study_rate: 0.75,
    members_in_arrears: 0,
    alarms: 0,
    tampered: false,
    silent: false,
    days_silent: 2,
    rank: 1,
    ...over,
  };
}

const never: Partial<WindowRow> = {
  reported_at: null,
  as_of: null,
  met: null,
  open: null,
  missed: null,
  overall: null,
  political: null,
  leadership: null,
  membership: null,
  impact: null,
  study_counted: null,
  study_reached: null,
  study_rate: null,
  members_in_arrears: null,
  alarms: null,
  silent: true,
  days_silent: null,
  rank: null,
};

export const OVERVIEW: WindowOverview = {
  today: '2026-11-22',
  silent_days: 7,
  rows: [
    row({}),
    row({ branch_id: 'b2', name: '城关社区党支部', ...never }),
    row({ branch_id: 'b3', name: '河埂村党支部', missed: 2, alarms: 4, overall: 0.9, rank: 1, silent: true, days_silent: 9, tampered: true }),
  ],
};

export const BRANCH: BranchView = {
  row: row({}),
  compliance: {
    as_of: '2026-11-20',
    year: 2026,
    obligations: [
      {
        kind: 'committee_meeting',
        period: '2026-10',
        party_group: null,
        status: 'met',
        days_left: null,
        sessions: ['2026-10-1'],
        party_group_id: null,
        pair: null,
        period_start: '2026-10-01',
        period_end: '2026-10-31',
        required: 1,
        subject: '',
        missed_confirmed: false,
      },
      {
        kind: 'committee_meeting',
        period: '2026-01',
        party_group: null,
        status: 'unrecorded',
        days_left: null,
        sessions: [],
        party_group_id: null,
        pair: null,
        period_start: '2026-01-01',
        period_end: '2026-01-31',
        required: 1,
        subject: '',
        missed_confirmed: false,
      },
    ],
  },
  report: {
    format: 1,
    as_of: '2026-11-20',
    year: 2026,
    branch: { name: '永川区行政服务中心党支部', superior_org: '', founded_on: null, term_ends: null, by_stage: { full: 26, probationary: 4 } },
    summary: {
      ...FIGURES,
      members_in_arrears: 1,
      alarms: 1,
    },
    obligations: [],
    four_strengths: [
      {
        key: 'political',
        title: '政治功能强',
        score: 0.9,
        met: 9,
        total: 10,
        items: [{ id: 'theory_study', title: '理论学习常态化', met: true, applicable: true, value: 12, threshold: 10 }],
      },
    ],
    study: [{ name: '王志强', hours: 30, target: 32, on_track: true }],
    dues_months: [],
    arrears: [{ name: '吴刚', months: 3 }],
    alarms: [{ kind: 'dues_arrears', level: 'warning', message: '吴刚已连续 3 个月未交纳党费' }],
    pipeline: { by_stage: {}, overdue: [] },
    chain: { seq: 120, hash: 'ab', verified: true },
  },
};
