import { afterEach, describe, expect, test } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { ref } from 'vue';
import type { ActivitySummary } from '@/generated/ActivitySummary';
import type { MemberAttendance } from '@/generated/MemberAttendance';
import { i18n } from '@/locales';
import { rateText, useMemberAttendance } from './use-member-attendance';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;

afterEach(() => clearMocks());

function history(year: number): MemberAttendance {
  return {
    member_id: 'm1',
    year,
    rows: [
      {
        session_id: 's1',
        held_on: `${year}-03-05`,
        kind_label: '支委会',
        counts_for: ['committee_meeting'],
        topic: '',
        status: 'present',
        reason: '',
        expected: true,
      },
    ],
    rates: [{ obligation: 'committee_meeting', expected: 3, present: 2, leave: 1, rate: 2 / 3 }],
  };
}

describe('rateText', () => {
  test.each([
    [{ obligation: 'committee_meeting' as const, expected: 3, present: 2, leave: 1, rate: 2 / 3 }, '支委会 2/3 67%'],
    [{ obligation: 'general_meeting' as const, expected: 4, present: 4, leave: 0, rate: 1 }, '支部党员大会 4/4 100%'],
    [{ obligation: 'party_lecture' as const, expected: 0, present: 0, leave: 0, rate: null }, '党课 无应到会议'],
  ])('%j → %s', (r, want) => expect(rateText(r, t)).toBe(want));
});

describe('useMemberAttendance', () => {
  test('loads the year for the member and again when the year or member changes', async () => {
    const asked: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      if (cmd === 'activity_list') return [];
      return history((args as { year: number }).year);
    });
    const memberId = ref<string | null>('m1');
    const h = useMemberAttendance(memberId, 2026);
    await h.load();
    expect(h.data.value?.rows).toHaveLength(1);
    h.year.value = 2025;
    await flushPromises();
    expect(h.data.value?.year).toBe(2025);
    memberId.value = 'm2';
    await flushPromises();
    expect(asked.filter(([cmd]) => cmd === 'member_attendance')).toEqual([
      ['member_attendance', { memberId: 'm1', year: 2026 }],
      ['member_attendance', { memberId: 'm1', year: 2025 }],
      ['member_attendance', { memberId: 'm2', year: 2025 }],
    ]);
  });

  test('loads the activities the member took part in that year', async () => {
    const asked: [string, unknown][] = [];
    const salon: ActivitySummary = {
      id: 'a1',
      kind: 'reading_salon',
      series: '',
      issue_no: null,
      title: '读《习近平的七年知青岁月》',
      held_on: '2026-04-23',
      place: '',
      participant_count: 12,
      role: 'sharer',
    };
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      return cmd === 'activity_list' ? [salon] : history(2026);
    });
    const h = useMemberAttendance(ref('m1'), 2026);
    await h.load();
    expect(h.activities.value).toEqual([salon]);
    expect(asked).toContainEqual(['activity_list', { query: { kind: null, series: null, year: 2026, member_id: 'm1' } }]);
  });

  test('a failure is kept', async () => {
    mockIPC(() => {
      throw { code: 'not_found', message: 'x', field: null, reason: null };
    });
    const h = useMemberAttendance(ref('m1'), 2026);
    await h.load();
    expect(h.error.value?.code).toBe('not_found');
  });
});
