// 联系支委: which committee member keeps in touch with each member (谈心谈话 pairs them; a
// member without one talks with the 书记).
import { computed, ref } from 'vue';
import { contactList, contactSet } from '@/api/calendar';
import { memberList } from '@/api/members';
import type { Contact } from '@/generated/Contact';
import type { MemberSummary } from '@/generated/MemberSummary';

export function useContacts() {
  const members = ref<MemberSummary[]>([]);
  const contacts = ref<Contact[]>([]);
  const loading = ref(false);

  const committee = computed(() => members.value.filter((m) => m.roles.length > 0));
  /** 党员 not on the committee, each with their 联系支委 (null: the 书记). */
  const rows = computed(() =>
    members.value
      .filter((m) => m.roles.length === 0 && (m.stage === 'full' || m.stage === 'probationary'))
      .map((m) => ({ member: m, committeeId: contacts.value.find((c) => c.member_id === m.id)?.committee_id ?? null })),
  );

  async function load() {
    loading.value = true;
    try {
      const [page, list] = await Promise.all([
        memberList({
          search: null,
          stage: null,
          party_group_id: null,
          status: null,
          archived: false,
          sort: 'name',
          descending: false,
          offset: 0,
          limit: 0,
        }),
        contactList(),
      ]);
      members.value = page.rows;
      contacts.value = list;
    } finally {
      loading.value = false;
    }
  }

  async function set(memberId: string, committeeId: string | null) {
    try {
      await contactSet(memberId, committeeId);
    } finally {
      contacts.value = await contactList();
    }
  }

  return { members, committee, rows, loading, load, set };
}
