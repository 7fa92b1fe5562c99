// First run: start from the demo branch (then open its roster) or create the branch (then
// open the 入门指南, which walks through the first month).
import { reactive, ref } from 'vue';
import { useRouter } from 'vue-router';
import { branchCreate, demoCreate } from '@/api/branch';
import type { BranchInput } from '@/generated/BranchInput';
import { useAppStore } from '@/stores/app';
import { useGroupsStore } from '@/stores/groups';
import { blankToNull } from '@/utils/form';

/** A blank profile; its 开始登记日期 is the first day of the month of `today` when given. */
export function emptyBranchInput(today?: string): BranchInput {
  return {
    name: '',
    superior_org: '',
    founded_on: null,
    term_start: null,
    term_end: null,
    term_years: 3,
    records_from: today ? `${today.slice(0, 7)}-01` : null,
    lecture_series_target: 10,
    name_order: 'pinyin',
  };
}

/** The input as the core wants it: trimmed, blank dates as null. */
export function cleanBranchInput(b: BranchInput): BranchInput {
  return {
    name: b.name.trim(),
    superior_org: b.superior_org.trim(),
    founded_on: blankToNull(b.founded_on),
    term_start: blankToNull(b.term_start),
    term_end: blankToNull(b.term_end),
    term_years: b.term_years ?? null,
    records_from: blankToNull(b.records_from ?? null),
    lecture_series_target: b.lecture_series_target ?? null,
    name_order: b.name_order ?? null,
  };
}

export function useWelcome() {
  const app = useAppStore();
  const groups = useGroupsStore();
  const router = useRouter();
  const busy = ref<'demo' | 'create' | null>(null);
  const form = reactive(emptyBranchInput(app.today));

  async function run(kind: 'demo' | 'create', action: () => ReturnType<typeof demoCreate>, then: 'members' | 'guide') {
    busy.value = kind;
    try {
      const branch = await action();
      app.setBranch(branch);
      groups.loaded = false;
      await router.push({ name: then });
      return branch;
    } finally {
      busy.value = null;
    }
  }

  const useDemo = () => run('demo', demoCreate, 'members');
  const createBranch = () => run('create', () => branchCreate(cleanBranchInput(form)), 'guide');

  return { busy, form, useDemo, createBranch };
}
