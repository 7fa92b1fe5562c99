import { afterEach, describe, expect, test } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { ref } from 'vue';
import type { SessionQuery } from '@/generated/SessionQuery';
import type { SessionSummary } from '@/generated/SessionSummary';
import { buildSessionQuery, emptySessionFilters, filtersFromQuery, queryFromFilters, useSessions } from './use-sessions';

afterEach(() => clearMocks());

function summary(id: string, held_on: string): SessionSummary {
  return { id, kind: 'committee_meeting', kind_label: '支委会', counts_for: ['committee_meeting'], held_on, title: '', topic: '', party_group: null, present: 4, attendees: 5 };
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

  test('a failed load keeps the error', async () => {
    mockIPC(() => {
      throw { code: 'db', message: 'x', field: null, reason: null };
    });
    const list = useSessions(ref(emptySessionFilters()));
    await list.load();
    expect(list.error.value?.code).toBe('db');
  });
});
