// A sign-in sheet as the core answers it, for the 签到表 tests.
import type { SignInSheet } from '@/generated/SignInSheet';

export const BRANCH = '永川区行政服务中心党支部';

/** Four people for a 支部党员大会 on the day: one excused, one without a vote. */
export function signInSheet(patch: Partial<SignInSheet> = {}): SignInSheet {
  return {
    branch_name: BRANCH,
    kind_label: '支部党员大会',
    held_on: '2026-12-03',
    party_group: null,
    rows: [
      { name: '张伟', party_group: '第一党小组', roles: '支部书记', exempt: false, note: '' },
      { name: '李娜', party_group: '第一党小组', roles: '组织委员、宣传委员', exempt: false, note: '' },
      { name: '王强', party_group: '第二党小组', roles: '', exempt: false, note: '无表决权' },
      { name: '陈老', party_group: null, roles: '', exempt: true, note: '免于参加' },
    ],
    ...patch,
  };
}
