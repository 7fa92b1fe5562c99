// A session as the core answers it, for the 会议 tests: nothing recorded but what a test gives.
import type { Session } from '@/generated/Session';

export function blankSession(patch: Partial<Session> = {}): Session {
  return {
    id: 's1',
    kind: 'general_meeting',
    kind_label: '党员大会',
    counts_for: [],
    held_on: '2026-11-03',
    start_time: null,
    end_time: null,
    place: '',
    title: '',
    party_group_id: null,
    party_group: null,
    host_id: null,
    recorder_id: null,
    lecturer_id: null,
    lecturer_name: '',
    topic: '',
    minutes: '',
    agenda: [],
    resolutions: [],
    attendance: [],
    head_count: { expected: 0, present: 0, leave: 0, absent: 0 },
    quorum: null,
    election_quorum: null,
    obligations: [],
    ...patch,
  };
}
