// 支部委员会: the committee in office today (书记, 副书记, 委员, each with the 任职日期), the
// 正式党员 who may be given a role, and the three changes: a role from a date, a role ended from
// a date, the committee a passed election gives. The rules (one 书记 at a time, the date
// checks) are the core's; this holds only what the page shows and sends.
import { ref } from 'vue';
import { committeeEndRole, committeeFromElection, committeeGet, committeeSetRole } from '@/api/committee';
import { toAppError, type AppError } from '@/api/ipc';
import type { Committee } from '@/generated/Committee';
import type { CommitteeRole } from '@/generated/CommitteeRole';
import type { CommitteeSeat } from '@/generated/CommitteeSeat';
import type { ElectionResult } from '@/generated/ElectionResult';
import type { MemberSummary } from '@/generated/MemberSummary';
import type { RoleChange } from '@/generated/RoleChange';
import { useRosterStore } from '@/stores/roster';

/** Every role, 书记 first: the order of the role pickers. */
export const ROLES: CommitteeRole[] = ['secretary', 'deputy_secretary', 'organization_officer', 'publicity_officer', 'discipline_officer', 'committee_member'];

export type SeatLine = 'secretary' | 'deputy_secretary' | 'members';

/** The seats in three lines: 书记, 副书记, and the 委员 (the officers and plain 委员). */
export function seatLines(c: Committee | null): { line: SeatLine; seats: CommitteeSeat[] }[] {
  const seats = c?.seats ?? [];
  return [
    { line: 'secretary', seats: seats.filter((s) => s.role === 'secretary') },
    { line: 'deputy_secretary', seats: seats.filter((s) => s.role === 'deputy_secretary') },
    { line: 'members', seats: seats.filter((s) => s.role !== 'secretary' && s.role !== 'deputy_secretary') },
  ];
}

/** Who may be given a role: the 正式党员 on the roster. */
export function holders(roster: MemberSummary[]): MemberSummary[] {
  return roster.filter((m) => m.stage === 'full' && !m.archived_on);
}

/** The election form: the session and resolution it comes from, its day, the seats chosen. */
export interface ElectionDraft {
  session_id: string;
  resolution: number;
  held_on: string;
  seats: { member_id: string; role: CommitteeRole }[];
}

/** A fresh election form: a 书记's seat to fill; the date is the meeting's. */
export function electionDraft(sessionId: string, resolution: number, heldOn: string): ElectionDraft {
  return { session_id: sessionId, resolution, held_on: heldOn, seats: [{ member_id: '', role: 'secretary' }] };
}

/** What is sent: the seats with a member chosen. */
export function electionInput(d: ElectionDraft): ElectionResult {
  return {
    session_id: d.session_id,
    resolution: d.resolution,
    seats: d.seats.filter((s) => s.member_id !== '').map((s) => ({ member_id: s.member_id, role: s.role })),
  };
}

/** The election's place from the page's query (`?session=…&resolution=…`), or null. */
export function electionFromQuery(q: Record<string, unknown>): { sessionId: string; resolution: number } | null {
  const session = typeof q.session === 'string' ? q.session : null;
  const resolution = typeof q.resolution === 'string' ? Number(q.resolution) : NaN;
  return session && Number.isInteger(resolution) && resolution >= 0 ? { sessionId: session, resolution } : null;
}

export function useCommittee(today: string) {
  const roster = useRosterStore();
  const committee = ref<Committee | null>(null);
  const candidates = ref<MemberSummary[]>([]);
  const loading = ref(false);
  const error = ref<AppError | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const [c, members] = await Promise.all([committeeGet(today), roster.refresh()]);
      committee.value = c;
      candidates.value = holders(members);
      error.value = null;
    } catch (e) {
      error.value = toAppError(e);
    } finally {
      loading.value = false;
    }
  }

  /** Each change answers with the committee as of today; the roster's roles change with it. */
  async function after(c: Committee): Promise<Committee> {
    committee.value = c;
    candidates.value = holders(await roster.refresh());
    return c;
  }

  const setRole = async (input: RoleChange) => after(await committeeSetRole(input));
  const endRole = async (input: RoleChange) => after(await committeeEndRole(input));
  const fromElection = async (d: ElectionDraft) => after(await committeeFromElection(electionInput(d)));

  return { committee, candidates, loading, error, load, setRole, endRole, fromElection };
}
