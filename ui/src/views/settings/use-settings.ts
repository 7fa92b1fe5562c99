// 支部设置: the branch profile, and the full members who may lead a party group.
import { reactive, ref } from 'vue';
import { branchUpdate } from '@/api/branch';
import { memberListAll } from '@/api/members';
import type { Branch } from '@/generated/Branch';
import type { MemberSummary } from '@/generated/MemberSummary';
import { useAppStore } from '@/stores/app';
import { useGroupsStore } from '@/stores/groups';
import { cleanBranchInput, emptyBranchInput } from '@/views/welcome/use-welcome';

export function branchToInput(b: Branch | null) {
  return b
    ? {
        name: b.name,
        superior_org: b.superior_org,
        founded_on: b.founded_on,
        term_start: b.term_start,
        term_end: b.term_end,
        term_years: b.term_years,
        records_from: b.records_from,
        lecture_series_target: b.lecture_series_target,
        name_order: b.name_order,
      }
    : emptyBranchInput();
}

export function useSettings() {
  const app = useAppStore();
  const groups = useGroupsStore();
  const profile = reactive(branchToInput(app.branch));
  const savingProfile = ref(false);
  const fullMembers = ref<MemberSummary[]>([]);

  function resetProfile() {
    Object.assign(profile, branchToInput(app.branch));
  }

  async function saveProfile(): Promise<Branch> {
    savingProfile.value = true;
    try {
      const branch = await branchUpdate(cleanBranchInput(profile));
      app.setBranch(branch);
      return branch;
    } finally {
      savingProfile.value = false;
    }
  }

  /** Group leaders come from the full members on the active roster. */
  async function loadFullMembers() {
    const page = await memberListAll('full');
    fullMembers.value = page.rows;
  }

  return { app, groups, profile, savingProfile, fullMembers, resetProfile, saveProfile, loadFullMembers };
}
