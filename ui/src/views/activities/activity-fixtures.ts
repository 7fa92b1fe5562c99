// An activity as the core answers it, for the 活动 tests.
import type { Activity } from '@/generated/Activity';

/** The 20th 微讲堂 of 2026-10-09: 张伟 speaks, 李娜 listens; `patch` changes the rest. */
export function lecture(patch: Partial<Activity> = {}): Activity {
  return {
    id: 'a1',
    kind: 'lecture_series',
    series: '微讲堂',
    issue_no: 20,
    title: '',
    held_on: '2026-10-09',
    start_time: null,
    end_time: null,
    place: '',
    description: '',
    book: '',
    author: '',
    destination: '',
    duration_days: null,
    participants: [
      { member_id: 'm1', name: '张伟', role: 'speaker' },
      { member_id: 'm2', name: '李娜', role: 'participant' },
    ],
    ...patch,
  };
}
