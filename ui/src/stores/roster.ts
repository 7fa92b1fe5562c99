// The active roster for pickers (host, recorder, lecturer, participants) and for naming the
// members a record refers to. Loaded once; pages that change the roster call `refresh`.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { memberListAll } from '@/api/members';
import type { MemberSummary } from '@/generated/MemberSummary';

export const useRosterStore = defineStore('roster', () => {
  const members = ref<MemberSummary[]>([]);
  const loaded = ref(false);

  async function refresh(): Promise<MemberSummary[]> {
    const page = await memberListAll();
    members.value = page.rows;
    loaded.value = true;
    return members.value;
  }

  async function ensure(): Promise<MemberSummary[]> {
    return loaded.value ? members.value : refresh();
  }

  function nameOf(id: string | null | undefined): string | null {
    return id ? (members.value.find((m) => m.id === id)?.name ?? null) : null;
  }

  return { members, loaded, refresh, ensure, nameOf };
});
