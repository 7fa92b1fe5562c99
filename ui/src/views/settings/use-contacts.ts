// 联系支委: which committee member keeps in touch with each member (谈心谈话 pairs them; a
// member without one talks with the 书记).
import { computed, ref } from 'vue';
import { contactList, contactSet } from '@/api/calendar';
import type { Contact } from '@/generated/Contact';
import type { MemberSummary } from '@/generated/MemberSummary';
import { useRosterStore } from '@/stores/roster';

export function useContacts() {
  const roster = useRosterStore();
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
      // The roster as it is now (roles change on the committee page), read through the store.
      const [active, list] = await Promise.all([roster.refresh(), contactList()]);
      members.value = active;
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
