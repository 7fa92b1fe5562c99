// The 操作人 of this session: who the change log names for every change made in the window.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as api from '@/api/operator';
import type { OperatorStatus } from '@/api/operator';

export const useOperatorStore = defineStore('operator', () => {
  const status = ref<OperatorStatus | null>(null);
  const current = computed(() => status.value?.current ?? null);
  /** Whether the window must ask before anything is written (known, and none chosen yet). */
  const needsChoice = computed(() => status.value !== null && status.value.current === null);

  async function load(): Promise<OperatorStatus> {
    status.value = await api.operatorStatus();
    return status.value;
  }

  /** Makes `name` the 操作人 (and the next start's default); answers with it as kept. */
  async function choose(name: string): Promise<string> {
    const kept = await api.operatorSet(name);
    if (status.value) status.value = { ...status.value, current: kept, remembered: kept };
    return kept;
  }

  return { status, current, needsChoice, load, choose };
});
