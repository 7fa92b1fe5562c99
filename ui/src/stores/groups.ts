// The branch's party groups, shared by the roster filters, the member form, home and settings.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { groupAdd, groupList, groupUpdate } from '@/api/branch';
import type { GroupInput } from '@/generated/GroupInput';
import type { PartyGroup } from '@/generated/PartyGroup';

export const useGroupsStore = defineStore('groups', () => {
  const groups = ref<PartyGroup[]>([]);
  const loaded = ref(false);

  async function refresh(): Promise<PartyGroup[]> {
    groups.value = await groupList();
    loaded.value = true;
    return groups.value;
  }

  /** Loads the groups unless they are already here. */
  async function ensure(): Promise<PartyGroup[]> {
    return loaded.value ? groups.value : refresh();
  }

  async function add(input: GroupInput): Promise<PartyGroup> {
    const group = await groupAdd(input);
    await refresh();
    return group;
  }

  async function update(id: string, input: GroupInput): Promise<PartyGroup> {
    const group = await groupUpdate(id, input);
    await refresh();
    return group;
  }

  function nameOf(id: string | null): string | null {
    return id ? (groups.value.find((g) => g.id === id)?.name ?? null) : null;
  }

  return { groups, loaded, refresh, ensure, add, update, nameOf };
});
