import { afterEach, describe, expect, test, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { ref } from 'vue';
import { credits } from './fixtures';
import { useMemberCredits } from './use-member-credits';

afterEach(() => clearMocks());

describe('useMemberCredits', () => {
  test('loads the member’s year up to the day; again when the member or year changes', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      return credits();
    });
    const memberId = ref<string | null>('m2');
    const year = ref(2026);
    const l = useMemberCredits(memberId, year, ref('2026-11-22'));
    await l.load();
    expect(l.entries.value).toHaveLength(5);
    // The replaced credit is listed but not counted.
    expect(l.counted.value).toBe(7);
    expect(l.credits.value.map((c) => c.session_id ?? c.activity_id)).toEqual(['s1', 'a1']);
    year.value = 2025;
    await flushPromises();
    memberId.value = null;
    await flushPromises();
    expect(l.entries.value).toEqual([]);
    expect(asked).toEqual([
      ['study_credits', { query: { member_id: 'm2', year: 2026, as_of: '2026-11-22' } }],
      ['study_credits', { query: { member_id: 'm2', year: 2025, as_of: '2026-11-22' } }],
    ]);
  });

  test('every action calls its command, reloads the credits and tells the page', async () => {
    const asked: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      return cmd === 'study_credits' ? credits() : cmd === 'study_entry_add' ? 'e9' : null;
    });
    const changed = vi.fn();
    const l = useMemberCredits(ref('m2'), ref(2026), ref(null), changed);
    await expect(l.addEntry({ member_id: 'm2' } as never)).resolves.toBe('e9');
    await l.removeEntry('e2');
    await l.exempt(' 因病长期休养 ');
    await l.liftExemption();
    await l.setPin(' 246810 ');
    await l.clearPin();
    expect(asked.filter(([cmd]) => cmd !== 'study_credits')).toEqual([
      ['study_entry_add', { input: { member_id: 'm2' } }],
      ['study_entry_delete', { id: 'e2' }],
      ['study_exempt', { memberId: 'm2', year: 2026, reason: '因病长期休养' }],
      ['study_lift_exemption', { memberId: 'm2', year: 2026 }],
      ['member_pin_set', { memberId: 'm2', pin: '246810' }],
      ['member_pin_set', { memberId: 'm2', pin: null }],
    ]);
    expect(asked.filter(([cmd]) => cmd === 'study_credits')).toHaveLength(6);
    expect(changed).toHaveBeenCalledTimes(6);
  });

  test('a refused action rejects and changes nothing; a failed load keeps the error', async () => {
    mockIPC((cmd) => {
      if (cmd === 'member_pin_set') throw { code: 'validation', message: 'x', field: 'pin', reason: 'pin_format' };
      throw { code: 'not_found', message: 'x', field: null, reason: null };
    });
    const changed = vi.fn();
    const l = useMemberCredits(ref('m2'), ref(2026), ref(null), changed);
    await expect(l.setPin('12')).rejects.toMatchObject({ reason: 'pin_format' });
    expect(changed).not.toHaveBeenCalled();
    await l.load();
    expect(l.error.value?.code).toBe('not_found');
  });
});
