// 学时规则: the targets and accrual rules in force with their history, saving a changed set
// from a date on, and how members identify in 我的学时.
import { ref } from 'vue';
import { selfCheckModeSet, selfCheckSettings, studyAccrualGet, studyAccrualSave, studyTargetsGet, studyTargetsSave, type StudyRules } from '@/api/study';
import { toAppError, type AppError } from '@/api/ipc';
import type { AccrualRuleSet } from '@/generated/AccrualRuleSet';
import type { SelfCheckMode } from '@/generated/SelfCheckMode';
import type { TargetRuleSet } from '@/generated/TargetRuleSet';

export function useStudyRules() {
  const targets = ref<StudyRules<TargetRuleSet> | null>(null);
  const accrual = ref<StudyRules<AccrualRuleSet> | null>(null);
  const mode = ref<SelfCheckMode | null>(null);
  const loading = ref(false);
  const error = ref<AppError | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const [t, a, s] = await Promise.all([studyTargetsGet(), studyAccrualGet(), selfCheckSettings()]);
      targets.value = t;
      accrual.value = a;
      mode.value = s.mode;
      error.value = null;
    } catch (e) {
      error.value = toAppError(e);
    } finally {
      loading.value = false;
    }
  }

  async function saveTargets(set: TargetRuleSet): Promise<StudyRules<TargetRuleSet>> {
    targets.value = await studyTargetsSave(set);
    return targets.value;
  }

  async function saveAccrual(set: AccrualRuleSet): Promise<StudyRules<AccrualRuleSet>> {
    accrual.value = await studyAccrualSave(set);
    return accrual.value;
  }

  /** Changes how members identify; on a refusal the choice shown goes back. */
  async function setMode(next: SelfCheckMode): Promise<void> {
    const before = mode.value;
    mode.value = next;
    try {
      await selfCheckModeSet(next);
    } catch (e) {
      mode.value = before;
      throw e;
    }
  }

  return { targets, accrual, mode, loading, error, load, saveTargets, saveAccrual, setMode };
}
