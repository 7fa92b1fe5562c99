// One branch's report in the 党委's window: fetched by id, and drawn as the branch's own pages
// draw theirs — the 工作台's year grid from the report's obligation periods (judged as of the
// report's day), the 四强 page's scores.
import { computed, ref } from 'vue';
import { councilBranch } from '@/api/council';
import type { BranchView } from '@/generated/BranchView';
import { gridRows } from '@/views/home/compliance';

export function useBranch() {
  const view = ref<BranchView | null>(null);
  const loading = ref(false);
  /** Asked and answered: the branch has not reported (or is not one this connection sees). */
  const missing = ref(false);

  async function load(branchId: string) {
    loading.value = true;
    try {
      view.value = await councilBranch(branchId);
      missing.value = view.value === null;
    } finally {
      loading.value = false;
    }
  }

  const rows = computed(() => (view.value ? gridRows(view.value.compliance, view.value.compliance.as_of) : []));
  /** The month of the report's day, lit in the grid as the branch saw its current month. */
  const currentMonth = computed(() => (view.value ? Number(view.value.report.as_of.slice(5, 7)) : null));
  const axes = computed(() => (view.value?.report.four_strengths ?? []).map((s) => ({ key: s.key, title: s.title, score: s.score })));
  const members = computed(() => Object.values(view.value?.report.branch.by_stage ?? {}).reduce((a, b) => a + (b ?? 0), 0));

  return { view, loading, missing, rows, currentMonth, axes, members, load };
}
