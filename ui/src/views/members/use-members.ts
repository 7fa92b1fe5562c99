// The roster page's state: filters, sort and page turned into a RosterQuery, and saving members.
import { computed, reactive, ref, watch } from 'vue';
import { memberAdd, memberArchive, memberList, memberUpdate } from '@/api/members';
import type { ArchiveInput } from '@/generated/ArchiveInput';
import type { MemberInput } from '@/generated/MemberInput';
import type { MemberStatus } from '@/generated/MemberStatus';
import type { MemberSummary } from '@/generated/MemberSummary';
import type { RosterQuery } from '@/generated/RosterQuery';
import type { RosterSort } from '@/generated/RosterSort';
import type { Stage } from '@/generated/Stage';
import type { StageCounts } from '@/generated/StageCounts';
import { type AppError } from '@/api/ipc';
import { useLatest } from '@/utils/use-latest';

export interface RosterFilters {
  search: string;
  stage: Stage | null;
  party_group_id: string | null;
  status: MemberStatus | null;
  archived: boolean;
  sort: RosterSort | null;
  descending: boolean;
}

export const PAGE_SIZES = [20, 50, 100] as const;

export function emptyFilters(): RosterFilters {
  return { search: '', stage: null, party_group_id: null, status: null, archived: false, sort: null, descending: false };
}

/** The query for one page (1-based) of the roster. */
export function buildRosterQuery(f: RosterFilters, page: number, pageSize: number): RosterQuery {
  const search = f.search.trim();
  return {
    search: search === '' ? null : search,
    stage: f.stage,
    party_group_id: f.party_group_id || null,
    status: f.status,
    archived: f.archived,
    sort: f.sort,
    descending: f.sort ? f.descending : false,
    offset: Math.max(0, page - 1) * pageSize,
    limit: pageSize,
  };
}

const SORTABLE: readonly string[] = ['name', 'birth_date', 'stage', 'joined_on', 'party_group'] satisfies RosterSort[];

/** An el-table sort-change turned into the roster's sort. */
export function sortFromTable(prop: string | null, order: 'ascending' | 'descending' | null): Pick<RosterFilters, 'sort' | 'descending'> {
  if (!prop || !order || !SORTABLE.includes(prop)) return { sort: null, descending: false };
  return { sort: prop as RosterSort, descending: order === 'descending' };
}

const NO_COUNTS: StageCounts = { applicant: 0, activist: 0, candidate: 0, probationary: 0, full: 0, total: 0, voters: 0 };

export function useMembers(options: { searchDelayMs?: number } = {}) {
  const filters = reactive(emptyFilters());
  const page = ref(1);
  const pageSize = ref<number>(PAGE_SIZES[0]);
  const rows = ref<MemberSummary[]>([]);
  const total = ref(0);
  const counts = ref<StageCounts>({ ...NO_COUNTS });
  const loading = ref(false);
  const error = ref<AppError | null>(null);

  const query = computed(() => buildRosterQuery(filters, page.value, pageSize.value));

  // Answers can overtake each other while someone types; only the latest request counts.
  const latest = useLatest({ loading, error });
  function load(): Promise<void> {
    return latest.run(
      () => memberList(query.value),
      (result) => {
        // A page past the end (after archiving the last row of it) falls back to the last page.
        if (result.rows.length === 0 && result.total > 0 && page.value > 1) {
          page.value = Math.ceil(result.total / pageSize.value);
          return load();
        }
        rows.value = result.rows;
        total.value = result.total;
        counts.value = result.counts;
      },
    );
  }

  // Any filter but the search reloads at once, from the first page.
  watch(
    () => [filters.stage, filters.party_group_id, filters.status, filters.archived, filters.sort, filters.descending],
    () => {
      page.value = 1;
      void load();
    },
  );
  watch(pageSize, () => {
    page.value = 1;
    void load();
  });

  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  watch(
    () => filters.search,
    () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => {
        page.value = 1;
        void load();
      }, options.searchDelayMs ?? 300);
    },
  );

  function setPage(n: number) {
    page.value = n;
    void load();
  }

  function setSort(prop: string | null, order: 'ascending' | 'descending' | null) {
    Object.assign(filters, sortFromTable(prop, order));
  }

  function reset() {
    Object.assign(filters, emptyFilters());
  }

  async function addMember(input: MemberInput) {
    const member = await memberAdd(input);
    await load();
    return member;
  }

  async function updateMember(id: string, input: MemberInput) {
    const member = await memberUpdate(id, input);
    await load();
    return member;
  }

  async function archiveMember(id: string, input: ArchiveInput) {
    const member = await memberArchive(id, input);
    await load();
    return member;
  }

  function dispose() {
    clearTimeout(searchTimer);
  }

  return {
    filters,
    page,
    pageSize,
    rows,
    total,
    counts,
    loading,
    error,
    query,
    load,
    setPage,
    setSort,
    reset,
    addMember,
    updateMember,
    archiveMember,
    dispose,
  };
}
