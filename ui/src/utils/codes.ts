// The enumerated codes in display order, and their labels from the i18n files.
import type { CommitteeRole } from '@/generated/CommitteeRole';
import type { Gender } from '@/generated/Gender';
import type { MemberStatus } from '@/generated/MemberStatus';
import type { Stage } from '@/generated/Stage';

/** Stages from the start of the path to full membership. */
export const STAGES: readonly Stage[] = ['applicant', 'activist', 'candidate', 'probationary', 'full'];
/** Stages as a roster counts them: full members first. */
export const STAGES_DESC: readonly Stage[] = [...STAGES].reverse();
export const GENDERS: readonly Gender[] = ['male', 'female'];
export const STATUSES: readonly MemberStatus[] = [
  'normal',
  'mobile',
  'lost_contact',
  'suspended',
  'transferred_out',
  'expelled',
  'deceased',
];
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

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

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
