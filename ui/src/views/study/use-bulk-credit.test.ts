import { afterEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { ref } from 'vue';
import type { EntryInput } from '@/generated/EntryInput';
import type { MemberSummary } from '@/generated/MemberSummary';
import { useBulkCredit } from './use-bulk-credit';

afterEach(() => clearMocks());

function member(id: string, name: string, group: string | null): MemberSummary {
  return { id, name, party_group_id: group, party_group: group ? `第${group}党小组` : null } as MemberSummary;
}

const MEMBERS = [member('m1', '周建华', 'g1'), member('m2', '徐婷', 'g1'), member('m3', '吴刚', 'g2'), member('m4', '杨丽', null)];

function bulk() {
  return useBulkCredit(ref(MEMBERS), ref('2026-11-22'));
}

describe('choosing members', () => {
  test('all at once, and none', () => {
    const b = bulk();
    b.selectAll(true);
    expect(b.selected.value).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(b.allSelected.value).toBe(true);
    expect(b.someSelected.value).toBe(false);
    b.selectAll(false);
    expect(b.selected.value).toEqual([]);
    expect(b.allSelected.value).toBe(false);
  });

  test('by 党小组: adds the group, takes it out again when all of it was chosen', () => {
    const b = bulk();
    b.selected.value = ['m3'];
    b.toggleGroup('g1');
    expect(b.selected.value).toEqual(['m3', 'm1', 'm2']);
    expect(b.groupSelected('g1')).toBe(true);
    expect(b.someSelected.value).toBe(true);
    b.toggleGroup('g1');
    expect(b.selected.value).toEqual(['m3']);
    expect(b.membersOf('g2')).toEqual(['m3']);
    expect(b.groupSelected('nobody')).toBe(false);
  });
});

describe('checks', () => {
  test('members, a day not after today, whole half hours from 1, a category', () => {
    const b = bulk();
    expect(b.firstError.value).toEqual({ field: 'members', reason: 'required' });
    b.selected.value = ['m2'];
    expect(b.firstError.value).toEqual({ field: 'hours', reason: 'required' });
    b.form.hours = 2.3;
    expect(b.fieldReason('hours')).toBe('half_hours');
    b.form.hours = 3;
    b.form.occurred_on = '2026-12-01';
    expect(b.firstError.value).toEqual({ field: 'occurred_on', reason: 'date_in_future' });
    b.form.occurred_on = '2026-11-20';
    expect(b.firstError.value).toEqual({ field: 'category', reason: 'required' });
    b.form.category = 'training_course';
    expect(b.firstError.value).toBeNull();
  });
});

describe('sending', () => {
  test('one entry per member in the list’s order, all in one call', async () => {
    const sent: EntryInput[][] = [];
    mockIPC((cmd, args) => {
      expect(cmd).toBe('study_entries_add');
      sent.push((args as { inputs: EntryInput[] }).inputs);
      return ['e1', 'e2'];
    });
    const b = bulk();
    b.selected.value = ['m3', 'm1'];
    Object.assign(b.form, { occurred_on: '2026-11-20', hours: 4, category: 'training_course', note: ' 专题培训 ', entered_by: '' });
    await expect(b.submit()).resolves.toEqual(['e1', 'e2']);
    expect(sent[0].map((i) => i.member_id)).toEqual(['m1', 'm3']);
    expect(sent[0][0]).toEqual({
      member_id: 'm1',
      occurred_on: '2026-11-20',
      hours: 4,
      category: 'training_course',
      session_id: null,
      activity_id: null,
      replaces_credit: false,
      note: '专题培训',
      entered_by: '',
    });
    expect(b.refusal.value).toBeNull();
    expect(b.saving.value).toBe(false);
  });

  test('a refusal names the row and whose row it was; nothing was stored', async () => {
    mockIPC(() => {
      throw { code: 'validation', message: 'x', field: 'member_id', reason: 'not_on_roster', row: 2 };
    });
    const b = bulk();
    b.selectAll(true);
    Object.assign(b.form, { hours: 2, category: 'xuexi_qiangguo' });
    await expect(b.submit()).rejects.toMatchObject({ row: 2, reason: 'not_on_roster' });
    expect(b.refusal.value).toMatchObject({ row: 2, name: '徐婷' });
    expect(b.saving.value).toBe(false);
    b.reset();
    expect(b.refusal.value).toBeNull();
    expect(b.selected.value).toEqual([]);
    expect(b.form.hours).toBeNull();
  });

  test('a refusal without a row names nobody', async () => {
    mockIPC(() => {
      throw { code: 'db', message: 'x', field: null, reason: null };
    });
    const b = bulk();
    b.selected.value = ['m1'];
    await expect(b.submit()).rejects.toMatchObject({ code: 'db' });
    expect(b.refusal.value).toMatchObject({ row: null, name: null });
  });
});
