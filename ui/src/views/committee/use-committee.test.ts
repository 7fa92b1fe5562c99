import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { createPinia, setActivePinia } from 'pinia';
import type { Committee } from '@/generated/Committee';
import type { CommitteeSeat } from '@/generated/CommitteeSeat';
import type { MemberSummary } from '@/generated/MemberSummary';
import { electionDraft, electionFromQuery, electionInput, holders, seatLines, useCommittee } from './use-committee';

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => clearMocks());

const seat = (role: CommitteeSeat['role'], name: string): CommitteeSeat => ({
  role,
  member_id: `id-${name}`,
  name,
  start_on: '2025-05-22',
  end_on: null,
});

const committee = (seats: CommitteeSeat[]): Committee => ({
  as_of: '2026-11-22',
  seats,
  members: new Set(seats.map((s) => s.member_id)).size,
  full_members: 9,
  lacking: seats.length < 3,
});

const member = (name: string, stage: MemberSummary['stage'], archived_on: string | null = null) =>
  ({ id: `id-${name}`, name, stage, archived_on, roles: [] }) as unknown as MemberSummary;

describe('支部委员会', () => {
  test('the seats are shown as 书记, 副书记 and the 委员 (officers included)', () => {
    const c = committee([
      seat('secretary', '周建华'),
      seat('deputy_secretary', '李晓红'),
      seat('organization_officer', '王志强'),
      seat('committee_member', '陈敏'),
    ]);
    expect(seatLines(c).map((l) => [l.line, l.seats.map((s) => s.name)])).toEqual([
      ['secretary', ['周建华']],
      ['deputy_secretary', ['李晓红']],
      ['members', ['王志强', '陈敏']],
    ]);
    expect(seatLines(null).every((l) => l.seats.length === 0)).toBe(true);
  });

  test('only 正式党员 on the roster may be given a role', () => {
    const list = [member('甲', 'full'), member('乙', 'probationary'), member('丙', 'full', '2026-01-01'), member('丁', 'activist')];
    expect(holders(list).map((m) => m.name)).toEqual(['甲']);
  });

  test('an election starts from the meeting day with a 书记 to choose; empty seats are not sent', () => {
    const d = electionDraft('s1', 2, '2026-10-10');
    expect(d.held_on).toBe('2026-10-10');
    expect(d.seats).toEqual([{ member_id: '', role: 'secretary' }]);
    d.seats[0]!.member_id = 'm1';
    d.seats.push({ member_id: '', role: 'committee_member' }, { member_id: 'm2', role: 'deputy_secretary' });
    expect(electionInput(d)).toEqual({
      session_id: 's1',
      resolution: 2,
      seats: [
        { member_id: 'm1', role: 'secretary' },
        { member_id: 'm2', role: 'deputy_secretary' },
      ],
    });
  });

  test('the election is reached from the session through the query', () => {
    expect(electionFromQuery({ session: 's1', resolution: '0' })).toEqual({ sessionId: 's1', resolution: 0 });
    expect(electionFromQuery({ session: 's1', resolution: '1' })).toEqual({ sessionId: 's1', resolution: 1 });
    expect(electionFromQuery({ session: 's1' })).toBeNull();
    expect(electionFromQuery({ session: 's1', resolution: '-1' })).toBeNull();
    expect(electionFromQuery({ resolution: '0' })).toBeNull();
  });

  test('loads the committee as of today and sends a role from a date', async () => {
    const asked: [string, unknown][] = [];
    let seats = [seat('secretary', '周建华')];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      if (cmd === 'committee_get') return committee(seats);
      if (cmd === 'member_list') return { total: 2, rows: [member('周建华', 'full'), member('黄静', 'full')], counts: {} };
      if (cmd === 'committee_set_role') {
        seats = [seat('secretary', '黄静')];
        return committee(seats);
      }
      throw new Error(cmd);
    });
    const page = useCommittee('2026-11-22');
    await page.load();
    expect(asked).toContainEqual(['committee_get', { asOf: '2026-11-22' }]);
    expect(page.candidates.value.map((m) => m.name)).toEqual(['周建华', '黄静']);
    await page.setRole({ member_id: 'id-黄静', role: 'secretary', on: '2026-03-01' });
    expect(asked).toContainEqual(['committee_set_role', { input: { member_id: 'id-黄静', role: 'secretary', on: '2026-03-01' } }]);
    expect(page.committee.value?.seats.map((s) => s.name)).toEqual(['黄静']);
  });

  test('a refusal keeps the committee shown and reaches the caller', async () => {
    mockIPC((cmd) => {
      if (cmd === 'committee_get') return committee([seat('secretary', '周建华')]);
      if (cmd === 'member_list') return { total: 0, rows: [], counts: {} };
      throw { code: 'validation', message: 'x', field: 'role_from', reason: 'role_before_full_member' };
    });
    const page = useCommittee('2026-11-22');
    await page.load();
    await expect(page.endRole({ member_id: 'id-周建华', role: 'secretary', on: '2020-01-01' })).rejects.toMatchObject({
      reason: 'role_before_full_member',
    });
    expect(page.committee.value?.seats.map((s) => s.name)).toEqual(['周建华']);
  });
});
