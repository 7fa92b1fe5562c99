// The branch's own session kinds: offered by the session form and the sign-in sheet beside
// the obligations, created deliberately in 支部设置 (typing a new name in a form creates none).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { sessionKindAdd, sessionKindList } from '@/api/sessions';
import type { SessionKind } from '@/generated/SessionKind';

export const useSessionKindsStore = defineStore('session-kinds', () => {
  const kinds = ref<SessionKind[]>([]);
  const loaded = ref(false);

  async function refresh(): Promise<SessionKind[]> {
    kinds.value = await sessionKindList();
    loaded.value = true;
    return kinds.value;
  }

  /** Loads the kinds unless they are already here. */
  async function ensure(): Promise<SessionKind[]> {
    return loaded.value ? kinds.value : refresh();
  }

  async function add(name: string): Promise<SessionKind> {
    const kind = await sessionKindAdd(name);
    await refresh();
    return kind;
  }

  return { kinds, loaded, refresh, ensure, add };
});
