import { afterEach, describe, expect, test } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { ref } from 'vue';
import type { SessionQuery } from '@/generated/SessionQuery';
import type { SessionSummary } from '@/generated/SessionSummary';
import { buildSessionQuery, emptySessionFilters, filtersFromQuery, filtersShow, queryFromFilters, useSessions, type SessionFilters } from './use-sessions';

afterEach(() => clearMocks());

function summary(id: string, held_on: string): SessionSummary {
  return {
    id,
    kind: 'committee_meeting',
    kind_label: '支委会',
    counts_for: ['committee_meeting'],
    held_on,
    title: '',
    topic: '',
    party_group: null,
    present: 4,
    attendees: 5,
  };
}

describe('route query', () => {
  test('reads obligation, dates, group and ids; ignores anything malformed', () => {
    expect(filtersFromQuery({ obligation: 'general_meeting', from: '2026-04-01', to: '2026-06-30', group: 'g1' })).toEqual({
      obligation: 'general_meeting',
      from: '2026-04-01',
      to: '2026-06-30',
      group: 'g1',
      ids: [],
    });
    expect(filtersFromQuery({ obligation: 'picnic', from: '2026-02-30', to: 'soon', ids: 'a, b,,c' })).toEqual({
      obligation: null,
      from: null,
      to: null,
      group: null,
      ids: ['a', 'b', 'c'],
    });
    expect(filtersFromQuery({})).toEqual(emptySessionFilters());
  });

  test('writes only what is set, and reads back the same', () => {
    const f = { ...emptySessionFilters(), obligation: 'party_lecture' as const, from: '2026-10-01' };
    expect(queryFromFilters(f)).toEqual({ obligation: 'party_lecture', from: '2026-10-01' });
    expect(filtersFromQuery(queryFromFilters(f))).toEqual(f);
  });

  test('with ids, every session is asked for', () => {
    const f = { ...emptySessionFilters(), obligation: 'party_lecture' as const, ids: ['s1'] };
    expect(buildSessionQuery(f)).toEqual({ from: null, to: null, obligation: null, party_group_id: null });
    expect(buildSessionQuery({ ...f, ids: [], group: 'g1' })).toEqual({ from: null, to: null, obligation: 'party_lecture', party_group_id: 'g1' });
  });
});

describe('filtersShow', () => {
  const s = { id: 's1', held_on: '2026-11-20', counts_for: ['group_meeting' as const, 'party_lecture' as const], party_group_id: 'g1' };
  test.each([
    ['no filters', {}, true],
    ['its own kind', { obligation: 'group_meeting' }, true],
    ['another obligation it counts for', { obligation: 'party_lecture' }, true],
    ['an obligation it does not count for', { obligation: 'committee_meeting' }, false],
    ['a period holding it', { from: '2026-11-01', to: '2026-11-30' }, true],
    ['a period after it', { from: '2026-11-21' }, false],
    ['a period before it', { to: '2026-11-19' }, false],
    ['its group', { group: 'g1' }, true],
    ['another group', { group: 'g2' }, false],
    ['ids with it', { ids: ['s0', 's1'] }, true],
    ['ids without it', { ids: ['s0'] }, false],
  ])('%s', (_what, patch, shown) => {
    expect(filtersShow({ ...emptySessionFilters(), ...patch } as never, s)).toBe(shown);
  });
});

describe('useSessions', () => {
  test('loads with the filters and reloads when they change; ids pick sessions out', async () => {
    const queries: SessionQuery[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== 'session_list') throw new Error(cmd);
      queries.push((args as { query: SessionQuery }).query);
      return [summary('s3', '2026-11-05'), summary('s2', '2026-10-08'), summary('s1', '2026-09-03')];
    });
    const filters = ref(emptySessionFilters());
    const list = useSessions(filters);
    await list.load();
    expect(list.rows.value).toHaveLength(3);
    filters.value = { ...emptySessionFilters(), ids: ['s1', 's3'] };
    await flushPromises();
    expect(list.rows.value.map((r) => r.id)).toEqual(['s3', 's1']);
    filters.value = { ...emptySessionFilters(), obligation: 'committee_meeting' };
    await flushPromises();
    expect(queries.at(-1)).toMatchObject({ obligation: 'committee_meeting' });
  });

  test('adding a session refreshes the list', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return cmd === 'session_list' ? [] : { id: 's9' };
    });
    const list = useSessions(ref(emptySessionFilters()));
    await list.addSession({} as never);
    await list.updateSession('s9', {} as never);
    expect(calls).toEqual(['session_add', 'session_list', 'session_update', 'session_list']);
  });

  test('a session saved under filters that would hide it clears them; one they show keeps them', async () => {
    const saved = { id: 's9', held_on: '2026-11-20', counts_for: ['general_meeting'], party_group_id: null };
    const queries: SessionQuery[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'session_list') {
        queries.push((args as { query: SessionQuery }).query);
        return [];
      }
      return saved;
    });
    // Left from a 工作台 link: this quarter's 支委会.
    const linked: SessionFilters = { ...emptySessionFilters(), obligation: 'committee_meeting', from: '2026-10-01', to: '2026-12-31' };
    const filters = ref<SessionFilters>(linked);
    let cleared = 0;
    const list = useSessions(filters, {
      clearFilters: () => {
        cleared += 1;
        filters.value = emptySessionFilters();
      },
    });
    await list.addSession({} as never);
    await flushPromises();
    expect(cleared).toBe(1);
    expect(queries.at(-1)).toEqual({ from: null, to: null, obligation: null, party_group_id: null });
    // A 党员大会 in the same period under a 党员大会 filter is shown: the filters stay.
    filters.value = { ...linked, obligation: 'general_meeting' };
    await flushPromises();
    await list.updateSession('s9', {} as never);
    expect(cleared).toBe(1);
    expect(filters.value.obligation).toBe('general_meeting');
  });

  test('a failed load keeps the error', async () => {
    mockIPC(() => {
      throw { code: 'db', message: 'x', field: null, reason: null };
    });
    const list = useSessions(ref(emptySessionFilters()));
    await list.load();
    expect(list.error.value?.code).toBe('db');
  });
});
