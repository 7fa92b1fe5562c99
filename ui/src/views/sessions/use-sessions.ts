// The 三会一课 list: filters read from and written to the route query (so the 工作台 can link
// to an obligation and period, or to the sessions behind a calendar cell), and the rows. A
// session just saved is always in the list it returns to: filters that would hide it go.
import { ref, watch, type Ref } from 'vue';
import type { LocationQuery } from 'vue-router';
import { sessionAdd, sessionList, sessionUpdate } from '@/api/sessions';
import { type AppError } from '@/api/ipc';
import type { Obligation } from '@/generated/Obligation';
import type { Session } from '@/generated/Session';
import type { SessionInput } from '@/generated/SessionInput';
import type { SessionQuery } from '@/generated/SessionQuery';
import type { SessionSummary } from '@/generated/SessionSummary';
import { isObligation } from '@/utils/codes';
import { isIsoDate } from '@/utils/dates';
import { useLatest } from '@/utils/use-latest';

export interface SessionFilters {
  obligation: Obligation | null;
  from: string | null;
  to: string | null;
  group: string | null;
  /** Only these sessions (a calendar cell's); the other filters are then ignored. */
  ids: string[];
}

export function emptySessionFilters(): SessionFilters {
  return { obligation: null, from: null, to: null, group: null, ids: [] };
}

function one(v: LocationQuery[string] | undefined): string | null {
  const s = Array.isArray(v) ? v[0] : v;
  return s == null || s.trim() === '' ? null : s.trim();
}

/** The filters a route query asks for; anything malformed is ignored. */
export function filtersFromQuery(q: LocationQuery): SessionFilters {
  const obligation = one(q.obligation);
  const from = one(q.from);
  const to = one(q.to);
  const ids = one(q.ids);
  return {
    obligation: isObligation(obligation) ? obligation : null,
    from: isIsoDate(from) ? from : null,
    to: isIsoDate(to) ? to : null,
    group: one(q.group),
    ids: ids
      ? ids
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  };
}

/** The route query for the filters: only what is set. */
export function queryFromFilters(f: SessionFilters): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.ids.length) q.ids = f.ids.join(',');
  if (f.obligation) q.obligation = f.obligation;
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  if (f.group) q.group = f.group;
  return q;
}

/** What session_list is asked; with ids, everything (the ids are picked out afterwards). */
export function buildSessionQuery(f: SessionFilters): SessionQuery {
  if (f.ids.length) return { from: null, to: null, obligation: null, party_group_id: null };
  return { from: f.from, to: f.to, obligation: f.obligation, party_group_id: f.group };
}

/** Whether the list under these filters shows this session (as session_list would pick it). */
export function filtersShow(f: SessionFilters, s: Pick<Session, 'id' | 'held_on' | 'counts_for' | 'party_group_id'>): boolean {
  if (f.ids.length) return f.ids.includes(s.id);
  if (f.obligation && !s.counts_for.includes(f.obligation)) return false;
  if (f.from && s.held_on < f.from) return false;
  if (f.to && s.held_on > f.to) return false;
  if (f.group && s.party_group_id !== f.group) return false;
  return true;
}

export interface UseSessionsOptions {
  /**
   * Empties the filters (the page's route query). Called when a session just saved would be
   * hidden by filters left from an earlier link, so the list it returns to shows it.
   */
  clearFilters?: () => unknown;
}

export function useSessions(filters: Ref<SessionFilters>, options: UseSessionsOptions = {}) {
  const rows = ref<SessionSummary[]>([]);
  const loading = ref(false);
  const error = ref<AppError | null>(null);

  const latest = useLatest({ loading, error });
  function load(): Promise<void> {
    const f = filters.value;
    return latest.run(
      () => sessionList(buildSessionQuery(f)),
      (list) => {
        rows.value = f.ids.length ? list.filter((s) => f.ids.includes(s.id)) : list;
      },
    );
  }

  watch(
    () => JSON.stringify(filters.value),
    () => void load(),
  );

  /** Reloads after a save, first clearing filters that would hide the session saved. */
  async function reloadShowing(session: Session) {
    if (options.clearFilters && !filtersShow(filters.value, session)) await options.clearFilters();
    await load();
  }

  async function addSession(input: SessionInput) {
    const session = await sessionAdd(input);
    await reloadShowing(session);
    return session;
  }

  async function updateSession(id: string, input: SessionInput) {
    const session = await sessionUpdate(id, input);
    await reloadShowing(session);
    return session;
  }

  return { rows, loading, error, load, addSession, updateSession };
}
