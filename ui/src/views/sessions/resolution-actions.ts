// What a passed resolution of a 支部党员大会 offers in its session's record: an election sets up
// the new 支部委员会 (from the meeting's day); an admission or a 转正 with its subject makes the
// stage change in one step, with the date the path gives — the meeting's day for an admission,
// the end of the 预备期 (the pipeline's own `probation_ends`) for a 转正 — while the subject is
// still at the stage before (and, for a 转正, once the 预备期 has ended by `today`).
import { ref } from 'vue';
import { stageFromResolution } from '@/api/committee';
import { pipelineReport } from '@/api/pipeline';
import type { Member } from '@/generated/Member';
import type { PipelineEntry } from '@/generated/PipelineEntry';
import type { Session } from '@/generated/Session';

export type ResolutionAction =
  { kind: 'election'; index: number; on: string } | { kind: 'admission' | 'confirmation'; index: number; member_id: string; name: string; on: string };

/** The action each resolution offers, by its place in the session (absent: none). */
export function resolutionActions(
  s: Pick<Session, 'held_on' | 'counts_for' | 'resolutions'>,
  people: Pick<PipelineEntry, 'member_id' | 'name' | 'stage' | 'probation_ends'>[],
  today: string,
): ResolutionAction[] {
  if (!s.counts_for.includes('general_meeting')) return [];
  const out: ResolutionAction[] = [];
  s.resolutions.forEach((r, index) => {
    if (!r.passed) return;
    if (r.kind === 'election') {
      out.push({ kind: 'election', index, on: s.held_on });
      return;
    }
    if ((r.kind !== 'admission' && r.kind !== 'confirmation') || !r.subject_id) return;
    const p = people.find((e) => e.member_id === r.subject_id);
    if (r.kind === 'admission' && p?.stage === 'candidate') {
      out.push({ kind: 'admission', index, member_id: p.member_id, name: p.name, on: s.held_on });
    }
    if (r.kind === 'confirmation' && p?.stage === 'probationary' && p.probation_ends && p.probation_ends <= today) {
      out.push({ kind: 'confirmation', index, member_id: p.member_id, name: p.name, on: p.probation_ends });
    }
  });
  return out;
}

/** The people on the path as of `today` (read when a session is opened) and the one-step change. */
export function useResolutionActions(today: string) {
  const people = ref<PipelineEntry[]>([]);

  async function load(): Promise<void> {
    people.value = (await pipelineReport(today)).people;
  }

  /** Makes the change, then reads the path again so the offer (and the 转正 reminder) goes. */
  async function apply(sessionId: string, index: number): Promise<Member> {
    const m = await stageFromResolution(sessionId, index);
    await load();
    return m;
  }

  return { people, load, apply };
}
