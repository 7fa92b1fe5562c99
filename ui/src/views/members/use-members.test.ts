import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { flushPromises } from '@vue/test-utils';
import type { RosterPage } from '@/generated/RosterPage';
import type { RosterQuery } from '@/generated/RosterQuery';
import { buildRosterQuery, emptyFilters, sortFromTable, useMembers } from './use-members';
import { emptyMemberInput } from './form-model';

const counts = { applicant: 1, activist: 2, candidate: 1, probationary: 2, full: 24, total: 30, voters: 24 };

function page(names: string[], total = names.length): RosterPage {
  return {
    total,
    counts,
    rows: names.map((name, i) => ({
      id: `m${i}`,
      name,
      gender: 'male',
      birth_date: '1985-06-15',
      id_number_masked: '500118********0034',
      phone_masked: '138****5678',
      stage: 'full',
      status: 'normal',
      party_group_id: null,
      party_group: null,
      roles: [],
      joined_on: '2010-07-01',
      confirmed_on: '2011-07-01',
      archived_on: null,
    })),
  };
}

describe('buildRosterQuery', () => {
  test.each<[string, Partial<ReturnType<typeof emptyFilters>>, number, number, Partial<RosterQuery>]>([
    ['first page, no filters', {}, 1, 20, { search: null, stage: null, archived: false, sort: null, offset: 0, limit: 20 }],
    ['third page of 50', {}, 3, 50, { offset: 100, limit: 50 }],
    ['search trimmed', { search: '  张 ' }, 1, 20, { search: '张' }],
    ['blank search is none', { search: '   ' }, 1, 20, { search: null }],
    [
      'filters pass through',
      { stage: 'probationary', status: 'mobile', party_group_id: 'g1', archived: true },
      1,
      20,
      { stage: 'probationary', status: 'mobile', party_group_id: 'g1', archived: true },
    ],
    ['empty group is none', { party_group_id: '' }, 1, 20, { party_group_id: null }],
    ['sort descending', { sort: 'joined_on', descending: true }, 1, 20, { sort: 'joined_on', descending: true }],
    ['no sort, no direction', { sort: null, descending: true }, 1, 20, { sort: null, descending: false }],
  ])('%s', (_label, filters, pageNo, size, want) => {
    expect(buildRosterQuery({ ...emptyFilters(), ...filters }, pageNo, size)).toMatchObject(want);
  });

  test('table sort events map to roster sorts', () => {
    expect(sortFromTable('birth_date', 'descending')).toEqual({ sort: 'birth_date', descending: true });
    expect(sortFromTable('name', 'ascending')).toEqual({ sort: 'name', descending: false });
    expect(sortFromTable('name', null)).toEqual({ sort: null, descending: false });
    expect(sortFromTable('phone_masked', 'ascending')).toEqual({ sort: null, descending: false });
  });
});

describe('useMembers', () => {
  let queries: RosterQuery[];
  let calls: string[];

  beforeEach(() => {
    queries = [];
    calls = [];
    mockIPC((cmd, args) => {
      calls.push(cmd);
      if (cmd === 'member_list') {
        const q = (args as { query: RosterQuery }).query;
        queries.push(q);
        return page(q.search ? ['周小梅'] : ['张伟', '李娜'], q.search ? 1 : 30);
      }
      if (cmd === 'member_add') return { ...page(['周小梅']).rows[0], stage_history: [], status_history: [] };
      throw new Error(`unexpected ${cmd}`);
    });
  });

  afterEach(() => {
    clearMocks();
    vi.useRealTimers();
  });

  test('loads the first page with rows, total and counts', async () => {
    const roster = useMembers();
    await roster.load();
    expect(queries[0]).toMatchObject({ offset: 0, limit: 20, archived: false });
    expect(roster.rows.value.map((r) => r.name)).toEqual(['张伟', '李娜']);
    expect(roster.total.value).toBe(30);
    expect(roster.counts.value.full).toBe(24);
  });

  test('a filter reloads from the first page', async () => {
    const roster = useMembers();
    roster.setPage(2);
    await flushPromises();
    expect(queries.at(-1)?.offset).toBe(20);
    roster.filters.stage = 'probationary';
    await flushPromises();
    expect(queries.at(-1)).toMatchObject({ stage: 'probationary', offset: 0 });
    expect(roster.page.value).toBe(1);
  });

  test('search waits until typing pauses, then sends one query', async () => {
    vi.useFakeTimers();
    const roster = useMembers({ searchDelayMs: 300 });
    roster.filters.search = '周';
    await flushPromises();
    roster.filters.search = '周小梅';
    await flushPromises();
    expect(queries).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();
    expect(queries).toHaveLength(1);
    expect(queries[0].search).toBe('周小梅');
    expect(roster.rows.value.map((r) => r.name)).toEqual(['周小梅']);
  });

  test('sorting by a column asks the core to sort', async () => {
    const roster = useMembers();
    roster.setSort('birth_date', 'descending');
    await flushPromises();
    expect(queries.at(-1)).toMatchObject({ sort: 'birth_date', descending: true });
  });

  test('adding a member refreshes the list and counts', async () => {
    const roster = useMembers();
    await roster.load();
    const member = await roster.addMember({ ...emptyMemberInput(), name: '周小梅' });
    expect(member.name).toBe('周小梅');
    expect(calls).toEqual(['member_list', 'member_add', 'member_list']);
  });

  test('a failed load keeps the rows and records the error', async () => {
    const roster = useMembers();
    await roster.load();
    clearMocks();
    mockIPC(() => {
      throw { code: 'db', message: 'disk I/O error', field: null, reason: null };
    });
    await roster.load();
    expect(roster.error.value?.code).toBe('db');
    expect(roster.rows.value).toHaveLength(2);
  });
});
