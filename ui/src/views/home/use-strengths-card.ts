// The 工作台's 四强 card: this year's scores as of today.
import { computed, ref } from 'vue';
import { strengthsAssess } from '@/api/strengths';
import { toAppError, type AppError } from '@/api/ipc';
import type { Assessment } from '@/generated/Assessment';
import { useAppStore } from '@/stores/app';

export function useStrengthsCard() {
  const app = useAppStore();
  const assessment = ref<Assessment | null>(null);
  const loading = ref(false);
  const error = ref<AppError | null>(null);
  /** Items not met yet, attested ones awaiting confirmation included. */
  const missing = computed(() => (assessment.value ? assessment.value.total - assessment.value.met : 0));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      assessment.value = await strengthsAssess(Number(app.today.slice(0, 4)), app.today);
      error.value = null;
    } catch (e) {
      error.value = toAppError(e);
    } finally {
      loading.value = false;
    }
  }

  return { assessment, loading, error, missing, load };
}
