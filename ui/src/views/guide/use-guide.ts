// 入门指南: the new secretary's first month, step by step, each step ticked off from the data
// itself (a party group set up, members on the roster, each group's 组长, this month's 支委会
// logged). A step that needs members first (the 组长) waits until there are some.
import { computed, ref } from 'vue';
import { groupList } from '@/api/branch';
import { toAppError, type AppError } from '@/api/ipc';
import { memberList } from '@/api/members';
import { sessionList } from '@/api/sessions';
import { buildRosterQuery, emptyFilters } from '@/views/members/use-members';

export type GuideStepKey = 'groups' | 'members' | 'leaders' | 'committee' | 'workbench';

export interface GuideStep {
  key: GuideStepKey;
  /** The page where the step is done. */
  route: 'settings' | 'members' | 'sessions' | 'home';
  done: boolean;
  /** Cannot be done yet (a 组长 before anyone is on the roster): shown as waiting, not a to-do. */
  waiting: boolean;
}

/** What the guide reads to tick its steps off. */
export interface GuideFacts {
  groups: number;
  members: number;
  /** 党小组 without a 组长. */
  groupsWithoutLeader: number;
  /** 支委会 held this month so far. */
  committeeThisMonth: number;
}

/** The steps in order; the 工作台 step is done once the month's 支委会 shows there. */
export function guideSteps(f: GuideFacts): GuideStep[] {
  const leadersWait = f.members === 0 || f.groups === 0;
  return [
    { key: 'groups', route: 'settings', done: f.groups > 0, waiting: false },
    { key: 'members', route: 'members', done: f.members > 0, waiting: false },
    { key: 'leaders', route: 'settings', done: !leadersWait && f.groupsWithoutLeader === 0, waiting: leadersWait },
    { key: 'committee', route: 'sessions', done: f.committeeThisMonth > 0, waiting: false },
    { key: 'workbench', route: 'home', done: f.committeeThisMonth > 0, waiting: false },
  ];
}

/** The first step to do now (neither done nor waiting), or null when none is left. */
export function nextStep(steps: GuideStep[]): GuideStepKey | null {
  return steps.find((s) => !s.done && !s.waiting)?.key ?? null;
}

/** The tag a step shows: 已完成, 待完成, or waiting for members. */
export function stepStatus(s: GuideStep): 'done' | 'todo' | 'waiting' {
  if (s.done) return 'done';
  return s.waiting ? 'waiting' : 'todo';
}

export function useGuide(today: string) {
  const facts = ref<GuideFacts | null>(null);
  const loading = ref(false);
  const error = ref<AppError | null>(null);
  const steps = computed(() => (facts.value ? guideSteps(facts.value) : []));
  const next = computed(() => nextStep(steps.value));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const monthStart = `${today.slice(0, 7)}-01`;
      const [groups, roster, committee] = await Promise.all([
        groupList(),
        memberList(buildRosterQuery(emptyFilters(), 1, 1)),
        sessionList({ from: monthStart, to: today, obligation: 'committee_meeting', party_group_id: null }),
      ]);
      facts.value = {
        groups: groups.length,
        members: roster.total,
        groupsWithoutLeader: groups.filter((g) => !g.leader_id).length,
        committeeThisMonth: committee.length,
      };
      error.value = null;
    } catch (e) {
      error.value = toAppError(e);
    } finally {
      loading.value = false;
    }
  }

  return { facts, steps, next, loading, error, load };
}
