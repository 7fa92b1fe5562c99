import { afterEach, describe, expect, test } from 'vitest';
import { mount } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { defineComponent } from 'vue';
import { appPlugins } from '@/test-utils';
import type { MemberSummary } from '@/generated/MemberSummary';
import { useRosterStore } from '@/stores/roster';
import { useContacts } from './use-contacts';

afterEach(() => clearMocks());

function member(id: string, name: string, stage: MemberSummary['stage'], roles: MemberSummary['roles'] = []): MemberSummary {
  return {
    id,
    name,
    gender: 'male',
    birth_date: '1980-01-01',
    id_number_masked: '',
    phone_masked: '',
    stage,
    status: 'normal',
    party_group_id: null,
    party_group: null,
    roles,
    joined_on: null,
    confirmed_on: null,
    archived_on: null,
  };
}

function withContacts(): ReturnType<typeof useContacts> {
  const { plugins } = appPlugins();
  let contacts!: ReturnType<typeof useContacts>;
  mount(defineComponent({ setup: () => ((contacts = useContacts()), () => null) }), { global: { plugins } });
  return contacts;
}

describe('联系支委', () => {
  test('lists the committee and each 党员 off it with their 联系支委, from the roster read anew', async () => {
    const rows = [
      member('c1', '周建华', 'full', ['secretary']),
      member('c2', '徐婷', 'full', ['organization_officer']),
      member('m1', '何佳', 'full'),
      member('m2', '唐浩然', 'probationary'),
      member('a1', '彭俊杰', 'activist'),
    ];
    let listed = 0;
    mockIPC((cmd) => {
      if (cmd === 'member_list') return (listed++, { rows, total: rows.length });
      if (cmd === 'contact_list') return [{ member_id: 'm1', member_name: '何佳', committee_id: 'c2', committee_name: '徐婷' }];
      throw new Error(cmd);
    });
    const contacts = withContacts();
    await contacts.load();
    expect(contacts.committee.value.map((m) => m.name)).toEqual(['周建华', '徐婷']);
    expect(contacts.rows.value.map((r) => [r.member.name, r.committeeId])).toEqual([
      ['何佳', 'c2'],
      ['唐浩然', null],
    ]);
    // The shared roster store holds what was read, so pickers elsewhere see the same list.
    expect(useRosterStore().members.map((m) => m.id)).toEqual(rows.map((m) => m.id));
    await contacts.load();
    expect(listed).toBe(2);
  });
});
