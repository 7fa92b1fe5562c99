// An activity as the core answers it, for the 活动 tests.
import type { Activity } from '@/generated/Activity';
import type { Participant } from '@/generated/Participant';
import type { ParticipantRole } from '@/generated/ParticipantRole';
import { NO_DETAILS } from './activity-model';

/** The 20th 微讲堂 of 2026-10-09: 张伟 speaks, 李娜 listens; `patch` changes the rest. */
export function lecture(patch: Partial<Activity> = {}): Activity {
  return {
    id: 'a1',
    kind: 'lecture_series',
    series: '微讲堂',
    issue_no: 20,
    title: '',
    held_on: '2026-10-09',
    ...NO_DETAILS,
    participants: [participant('m1', '张伟', 'speaker'), participant('m2', '李娜', 'participant')],
    ...patch,
  };
}

/** A member taking part in an activity, in a role. */
export function participant(member_id: string, name: string, role: ParticipantRole): Participant {
  return { member_id, name, role };
}
