// Shapes the core sends for 四强, for the unit tests of the strengths views and the 工作台 card.
import type { ActivitySummary } from '@/generated/ActivitySummary';
import type { Assessment } from '@/generated/Assessment';
import type { Attestation } from '@/generated/Attestation';
import type { ItemResult } from '@/generated/ItemResult';
import type { SessionSummary } from '@/generated/SessionSummary';
import type { StrengthResult } from '@/generated/StrengthResult';
import type { TrendPoint } from '@/generated/TrendPoint';

export function measured(
  id: string,
  title: string,
  value: number,
  threshold: number,
  format: ItemResult['format'],
  fix: string | null,
  weight = 1,
): ItemResult {
  return { id, title, kind: 'measured', met: value >= threshold, applicable: true, value, threshold, format, weight, fix, attestation: null };
}

export function attested(id: string, title: string, attestation: Attestation | null = null): ItemResult {
  return {
    id,
    title,
    kind: 'attested',
    met: attestation?.met ?? false,
    applicable: true,
    value: null,
    threshold: null,
    format: null,
    weight: 1,
    fix: null,
    attestation,
  };
}

export function attestation(a: Partial<Attestation> & Pick<Attestation, 'item_id'>): Attestation {
  return {
    id: `att-${a.item_id}`,
    year: 2026,
    met: true,
    achieved_on: '2026-01-08',
    note: '',
    attested_by: '周建华',
    attested_at: '2026-01-09T10:00:00+08:00',
    evidence: [],
    files: [],
    ...a,
  };
}

function strength(key: StrengthResult['key'], title: string, items: ItemResult[]): StrengthResult {
  const total = items.filter((i) => i.applicable).reduce((s, i) => s + i.weight, 0);
  const met = items.filter((i) => i.met).reduce((s, i) => s + i.weight, 0);
  return { key, title, score: total ? met / total : 0, met: items.filter((i) => i.met).length, total: items.filter((i) => i.applicable).length, items };
}

/** The demo year's shape: 作用发挥强 at 50% with 打造支部党建品牌 not yet confirmed. */
export function assessment(brand: Attestation | null = null): Assessment {
  const strengths = [
    strength('political', '政治功能强', [
      measured('first_topic', '支委会坚持“第一议题”学习', 0.9, 1, 'share', 'sessions', 2),
      measured('study_on_pace', '党员学时进度达标率不低于 90%', 0.875, 0.9, 'share', 'study'),
    ]),
    strength('leadership', '支部班子强', [
      measured('committee_complete', '支部委员会配备齐全且未超期', 1, 1, 'flag', 'settings'),
      attested(
        'work_plan',
        '制定年度党建工作要点',
        attestation({
          item_id: 'work_plan',
          note: '支委会审议通过《2026年党建工作要点》',
          evidence: [{ kind: 'session', ref_id: 's1', label: '2026-01-08 支委会 一月支委会' }],
          files: [
            {
              id: 'f1',
              owner_kind: 'attestation',
              owner_id: 'att-work_plan',
              file_name: '工作要点.pdf',
              sha256: '',
              size: 2048,
              mime: 'application/pdf',
              added_at: '2026-01-09',
            },
          ],
        }),
      ),
      attested('report_to_party_group', '定期向党组汇报支部工作'),
    ]),
    strength('membership', '党员队伍强', [measured('reading_salons', '每年开展读书分享会不少于 4 期', 4, 4, 'count', 'activities')]),
    strength('impact', '作用发挥强', [
      measured('volunteer_service', '组建志愿服务队并开展志愿服务', 3, 2, 'count', 'activities'),
      attested('branch_brand', '打造支部党建品牌', brand),
      measured('service_figures', '政务服务指标达到目标', 0.75, 1, 'share', 'strengths'),
      measured('honours', '获得上级表彰或荣誉', 2, 1, 'count', 'strengths'),
    ]),
  ];
  const overall = strengths.reduce((s, x) => s + x.score, 0) / strengths.length;
  return {
    year: 2026,
    as_of: '2026-11-22',
    template_id: 'sixiang-default',
    template_name: '“四强”党支部创建（默认模板）',
    template_version: '2026.1',
    template_source: 'default',
    overall,
    met: strengths.reduce((s, x) => s + x.met, 0),
    total: strengths.reduce((s, x) => s + x.total, 0),
    strengths,
  };
}

export function trend(): TrendPoint[] {
  return [1, 2, 3].map((month) => ({
    month,
    as_of: `2026-0${month}-28`,
    overall: 0.2 * month,
    scores: [
      { key: 'political', score: 0.1 * month },
      { key: 'leadership', score: 0.2 * month },
      { key: 'membership', score: 0.3 * month },
      { key: 'impact', score: 0.25 * month },
    ],
  }));
}

export function session(s: Partial<SessionSummary> & Pick<SessionSummary, 'id' | 'held_on' | 'title'>): SessionSummary {
  return { kind: 'committee_meeting', kind_label: '支委会', counts_for: ['committee_meeting'], topic: '', party_group: null, present: 5, attendees: 5, ...s };
}

/** A line of the year's activity list, as `activity_list` sends it. */
export function activity(a: Partial<ActivitySummary> & Pick<ActivitySummary, 'id' | 'held_on' | 'title'>): ActivitySummary {
  return { kind: 'volunteer_service', series: '', issue_no: null, place: '', participant_count: 0, role: null, ...a };
}
