// The obligation rules in force and their history; saving a changed set from a date on.
import { ref } from 'vue';
import { obligationRulesGet, obligationRulesSave, type ObligationRules } from '@/api/sessions';
import { toAppError, type AppError } from '@/api/ipc';
import type { ObligationRuleSet } from '@/generated/ObligationRuleSet';

export function useObligationRules() {
  const rules = ref<ObligationRules | null>(null);
  const loading = ref(false);
  const saving = ref(false);
  const error = ref<AppError | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      rules.value = await obligationRulesGet();
      error.value = null;
    } catch (e) {
      error.value = toAppError(e);
    } finally {
      loading.value = false;
    }
  }

  async function save(set: ObligationRuleSet): Promise<ObligationRules> {
    saving.value = true;
    try {
      rules.value = await obligationRulesSave(set);
      return rules.value;
    } finally {
      saving.value = false;
    }
  }

  return { rules, loading, saving, error, load, save };
}
