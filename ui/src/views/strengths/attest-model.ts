// The 确认 form of an attested 四强 item: met or not, the day achieved, a note, who confirms
// it and the sessions and activities behind it. Its checks mirror the core's
// (src/strengths/attest.rs) so the form says the same thing before sending.
import type { ActivitySummary } from '@/generated/ActivitySummary';
import type { Attestation } from '@/generated/Attestation';
import type { AttestationInput } from '@/generated/AttestationInput';
import type { Evidence } from '@/generated/Evidence';
import type { EvidenceKind } from '@/generated/EvidenceKind';
import type { EvidenceRef } from '@/generated/EvidenceRef';
import type { MemberSummary } from '@/generated/MemberSummary';
import type { Reason } from '@/generated/Reason';
import type { SessionSummary } from '@/generated/SessionSummary';
import { pastDateReason } from '@/utils/dates';
import { limits } from '@/utils/limits';

export interface AttestForm {
  met: boolean;
  achieved_on: string | null;
  note: string;
  attested_by: string;
  /** Ids of the linked sessions. */
  sessions: string[];
  /** Ids of the linked activities. */
  activities: string[];
  /** Evidence of a kind the form does not pick (a session's file), kept as it was. */
  kept: EvidenceRef[];
}

function idsOf(evidence: Evidence[], kind: EvidenceKind): string[] {
  return evidence.filter((e) => e.kind === kind).map((e) => e.ref_id);
}

/**
 * The form for an item: a new confirmation is met, achieved today, confirmed by the secretary;
 * an existing one is shown as it was recorded.
 */
export function attestFormFor(attestation: Attestation | null, today: string, secretary: string): AttestForm {
  if (!attestation) return { met: true, achieved_on: today, note: '', attested_by: secretary, sessions: [], activities: [], kept: [] };
  return {
    met: attestation.met,
    achieved_on: attestation.achieved_on,
    note: attestation.note,
    attested_by: attestation.attested_by,
    sessions: idsOf(attestation.evidence, 'session'),
    activities: idsOf(attestation.evidence, 'activity'),
    kept: attestation.evidence.filter((e) => e.kind === 'attachment').map(({ kind, ref_id }) => ({ kind, ref_id })),
  };
}

export const ATTEST_FIELDS = ['achieved_on', 'note', 'evidence'] as const;
export type AttestField = (typeof ATTEST_FIELDS)[number];

/** Whether anything backs the confirmation: a note, a linked record, or a file already kept. */
export function hasEvidence(form: AttestForm, filesKept: number): boolean {
  return form.note.trim() !== '' || form.sessions.length + form.activities.length + form.kept.length > 0 || filesKept > 0;
}

/**
 * Why the core would refuse this field, or null. `filesKept` counts the files already attached
 * to the attestation: the core accepts them as evidence, but not files still to be uploaded.
 */
export function attestFieldReason(field: AttestField, form: AttestForm, today: string, filesKept = 0): Reason | null {
  switch (field) {
    case 'achieved_on':
      return pastDateReason(form.achieved_on, today);
    case 'note':
      return Array.from(form.note.trim()).length > limits.attestation_note ? 'too_long' : null;
    case 'evidence':
      return form.met && !hasEvidence(form, filesKept) ? 'evidence_required' : null;
  }
}

export function toAttestationInput(form: AttestForm, year: number, itemId: string): AttestationInput {
  return {
    year,
    item_id: itemId,
    met: form.met,
    achieved_on: (form.achieved_on ?? '').trim(),
    note: form.note.trim(),
    attested_by: form.attested_by.trim(),
    evidence: [
      ...form.sessions.map((ref_id) => ({ kind: 'session' as const, ref_id })),
      ...form.activities.map((ref_id) => ({ kind: 'activity' as const, ref_id })),
      ...form.kept,
    ],
  };
}

export interface EvidenceOption {
  id: string;
  label: string;
}

/**
 * Options for a picker: the year's records by date, plus records already linked that the list
 * does not hold (from another year, or deleted since), under the label the core gave them.
 */
function withLinked(options: EvidenceOption[], linked: Evidence[], kind: EvidenceKind): EvidenceOption[] {
  const known = new Set(options.map((o) => o.id));
  const extra = linked.filter((e) => e.kind === kind && !known.has(e.ref_id)).map((e) => ({ id: e.ref_id, label: e.label }));
  return [...options, ...extra];
}

/** "2026-03-10 支委会 第一季度工作部署", as the core labels a linked session. */
export function sessionOptions(sessions: SessionSummary[], linked: Evidence[] = []): EvidenceOption[] {
  const own = [...sessions]
    .sort((a, b) => a.held_on.localeCompare(b.held_on))
    .map((s) => ({ id: s.id, label: `${s.held_on} ${s.kind_label} ${s.title}`.trim() }));
  return withLinked(own, linked, 'session');
}

/** "2026-05-09 “阳光政务服务”志愿服务：上门帮办代办", as the core labels a linked activity. */
export function activityOptions(activities: Pick<ActivitySummary, 'id' | 'held_on' | 'title'>[], linked: Evidence[] = []): EvidenceOption[] {
  const own = [...activities].sort((a, b) => a.held_on.localeCompare(b.held_on)).map((a) => ({ id: a.id, label: `${a.held_on} ${a.title}`.trim() }));
  return withLinked(own, linked, 'activity');
}

/** The 支部书记's name, who confirms by default; blank when the branch has none on record. */
export function secretaryName(members: MemberSummary[]): string {
  return members.find((m) => m.roles.includes('secretary'))?.name ?? '';
}
