// The 工作台's figures, all from the roster and the party groups as stored.
import { computed, ref } from 'vue';
import { memberList } from '@/api/members';
import { toAppError, type AppError } from '@/api/ipc';
import type { CommitteeRole } from '@/generated/CommitteeRole';
import type { MemberStatus } from '@/generated/MemberStatus';
import type { MemberSummary } from '@/generated/MemberSummary';
import type { StageCounts } from '@/generated/StageCounts';
import { useGroupsStore } from '@/stores/groups';
import { ACTIVE_STATUSES, roleRank } from '@/utils/codes';
import { ageOn } from '@/utils/dates';

export interface CommitteeSeat {
  member: MemberSummary;
  roles: CommitteeRole[];
}

/** Committee members in order of their highest role (书记 first). */
export function committeeOf(rows: MemberSummary[]): CommitteeSeat[] {
  return rows
    .filter((m) => m.roles.length > 0)
    .map((member) => ({ member, roles: [...member.roles].sort((a, b) => roleRank(a) - roleRank(b)) }))
    .sort((a, b) => roleRank(a.roles[0]) - roleRank(b.roles[0]) || a.member.name.localeCompare(b.member.name, 'zh-CN'));
}

/** Members per status among the active roster, every active status listed. */
export function statusCounts(rows: MemberSummary[]): Record<MemberStatus, number> {
  const counts = Object.fromEntries(ACTIVE_STATUSES.map((s) => [s, 0])) as Record<MemberStatus, number>;
  for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
}

export function averageAge(rows: MemberSummary[], today: string): number | null {
  const ages = rows.map((r) => ageOn(r.birth_date, today)).filter((a): a is number => a !== null);
  return ages.length ? Math.round((ages.reduce((s, a) => s + a, 0) / ages.length) * 10) / 10 : null;
}

export function useHome() {
  const groups = useGroupsStore();
  const rows = ref<MemberSummary[]>([]);
  const counts = ref<StageCounts | null>(null);
  const archivedTotal = ref(0);
  const loading = ref(false);
  const error = ref<AppError | null>(null);

  async function load() {
    loading.value = true;
    try {
      const base = { search: null, stage: null, party_group_id: null, status: null, sort: null, descending: false, offset: 0 };
      const [active, archived] = await Promise.all([
        memberList({ ...base, archived: false, limit: 0 }),
        memberList({ ...base, archived: true, limit: 1 }),
        groups.refresh(),
      ]);
      rows.value = active.rows;
      counts.value = active.counts;
      archivedTotal.value = archived.total;
      error.value = null;
    } catch (e) {
      error.value = toAppError(e);
    } finally {
      loading.value = false;
    }
  }

  const committee = computed(() => committeeOf(rows.value));
  const statuses = computed(() => statusCounts(rows.value));
  const genders = computed(() => ({
    male: rows.value.filter((r) => r.gender === 'male').length,
    female: rows.value.filter((r) => r.gender === 'female').length,
  }));

  return { rows, counts, archivedTotal, loading, error, committee, statuses, genders, groups, load };
}
