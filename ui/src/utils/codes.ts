// The enumerated codes in display order, and their labels from the i18n files.
import type { ExclusionKind } from '@/generated/ExclusionKind';
import type { Opinion } from '@/generated/Opinion';
import type { AccrualOn } from '@/generated/AccrualOn';
import type { ActivityKind } from '@/generated/ActivityKind';
import type { AttendanceStatus } from '@/generated/AttendanceStatus';
import type { CommitteeRole } from '@/generated/CommitteeRole';
import type { CreditMode } from '@/generated/CreditMode';
import type { EntrySource } from '@/generated/EntrySource';
import type { Gender } from '@/generated/Gender';
import type { MemberStatus } from '@/generated/MemberStatus';
import type { Obligation } from '@/generated/Obligation';
import type { ParticipantRole } from '@/generated/ParticipantRole';
import type { PeriodUnit } from '@/generated/PeriodUnit';
import type { ResolutionKind } from '@/generated/ResolutionKind';
import type { Scope } from '@/generated/Scope';
import type { SelfCheckMode } from '@/generated/SelfCheckMode';
import type { Stage } from '@/generated/Stage';

/** Stages from the start of the path to full membership. */
export const STAGES: readonly Stage[] = ['applicant', 'activist', 'candidate', 'probationary', 'full'];
/** Stages as a roster counts them: full members first. */
export const STAGES_DESC: readonly Stage[] = [...STAGES].reverse();
export const GENDERS: readonly Gender[] = ['male', 'female'];
export const STATUSES: readonly MemberStatus[] = ['normal', 'mobile', 'lost_contact', 'suspended', 'transferred_out', 'expelled', 'deceased'];
/** Statuses of members still on the roster; the others come only through archiving. */
export const ACTIVE_STATUSES: readonly MemberStatus[] = ['normal', 'mobile', 'lost_contact', 'suspended'];
export const ARCHIVE_REASONS: readonly MemberStatus[] = ['transferred_out', 'expelled', 'deceased'];
export const ROLES: readonly CommitteeRole[] = [
  'secretary',
  'deputy_secretary',
  'organization_officer',
  'publicity_officer',
  'discipline_officer',
  'committee_member',
];

/** Obligations in the order the core lists them (三会一课 first). */
export const OBLIGATIONS: readonly Obligation[] = [
  'general_meeting',
  'committee_meeting',
  'group_meeting',
  'party_lecture',
  'secretary_lecture',
  'theme_day',
  'org_life_meeting',
  'democratic_appraisal',
  'heart_to_heart_talk',
];
/**
 * Obligations a session can be logged as. 书记讲党课 is not a kind of its own: a 党课 whose
 * lecturer is the secretary counts for it.
 */
export const SESSION_KINDS: readonly Obligation[] = OBLIGATIONS.filter((o) => o !== 'secretary_lecture');
export const PERIOD_UNITS: readonly PeriodUnit[] = ['month', 'quarter', 'year'];
export const SCOPES: readonly Scope[] = ['branch', 'party_group', 'pair'];
export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = ['present', 'leave', 'absent'];
export const RESOLUTION_KINDS: readonly ResolutionKind[] = ['resolution', 'election', 'admission', 'confirmation'];
/** Resolutions where absent voters' written opinions (书面意见) count. */
export const WRITTEN_OPINION_KINDS: readonly ResolutionKind[] = ['admission', 'confirmation'];
export const OPINIONS: readonly Opinion[] = ['for', 'against', 'abstain'];
export const EXCLUSION_KINDS: readonly ExclusionKind[] = ['long_illness', 'mental_illness', 'abroad', 'in_custody', 'away_untransferred'];
export const ACTIVITY_KINDS: readonly ActivityKind[] = ['lecture_series', 'reading_salon', 'classics_recital', 'study_trip', 'volunteer_service', 'other'];
export const PARTICIPANT_ROLES: readonly ParticipantRole[] = ['participant', 'speaker', 'sharer', 'sent'];

/**
 * Study-hour categories the core knows, in its order. Stored as these codes; any other text is
 * a category of the branch's own and is shown as typed.
 */
export const STUDY_CATEGORIES: readonly string[] = [
  'concentrated_study',
  'party_lecture',
  'branch_study',
  'xuexi_qiangguo',
  'cadre_online_academy',
  'training_course',
  'study_trip',
  'self_study',
];
export const ENTRY_SOURCES: readonly EntrySource[] = ['attendance', 'activity', 'manual', 'import'];
export const ACCRUAL_ONS: readonly AccrualOn[] = ['session', 'activity'];
export const CREDIT_MODES: readonly CreditMode[] = ['duration', 'fixed', 'per_day'];
export const SELF_CHECK_MODES: readonly SelfCheckMode[] = ['pin', 'id_last6'];

export function isStudyCategory(code: string | null | undefined): boolean {
  return !!code && STUDY_CATEGORIES.includes(code);
}

/** Whether a session kind is one of the obligations (else it is the branch's own kind). */
export function isObligation(kind: string | null | undefined): kind is Obligation {
  return !!kind && (OBLIGATIONS as readonly string[]).includes(kind);
}

/** Stages that have an 入党日期. */
export function isAdmitted(stage: Stage | null | undefined): boolean {
  return stage === 'probationary' || stage === 'full';
}

export function stageRank(stage: Stage): number {
  return STAGES.indexOf(stage);
}

export function roleRank(role: CommitteeRole): number {
  return ROLES.indexOf(role);
}

/** An Element Plus tag's colour. */
export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

/** Tag colour per stage: full members in the party red, earlier stages lighter. */
export const STAGE_TAG: Record<Stage, TagType> = {
  full: 'danger',
  probationary: 'warning',
  candidate: 'primary',
  activist: 'success',
  applicant: 'info',
};

export const STATUS_TAG: Record<MemberStatus, TagType> = {
  normal: 'success',
  mobile: 'primary',
  lost_contact: 'warning',
  suspended: 'danger',
  transferred_out: 'info',
  expelled: 'danger',
  deceased: 'info',
};

export const ENTRY_SOURCE_TAG: Record<EntrySource, TagType> = {
  attendance: 'danger',
  activity: 'warning',
  manual: 'primary',
  import: 'info',
};

export const ATTENDANCE_TAG: Record<AttendanceStatus, TagType> = {
  present: 'success',
  leave: 'warning',
  absent: 'danger',
};
