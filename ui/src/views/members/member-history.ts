// 修改记录 of a member in words: 性别, 人员类别, 状态 and 党内职务 by their labels, the 党小组 by name.
import type { Translate } from '@/api/ipc';
import type { NameOf, ValueFormats } from '@/components/record-history';

/** The member's fields as the change log holds them (a `MemberInput`, an archive's reason), in words. */
export function memberHistoryFormats(t: Translate, groupName: NameOf): ValueFormats {
  const status = (v: unknown) => t(`codes.status.${String(v)}`);
  return {
    gender: (v) => t(`codes.gender.${String(v)}`),
    stage: (v) => t(`codes.stage.${String(v)}`),
    status,
    reason: status,
    roles: (v) => (Array.isArray(v) ? v.map((r) => t(`codes.role.${String(r)}`)).join('、') : String(v)),
    party_group_id: (v) => groupName(String(v)) ?? t('common.history.unknown_group'),
  };
}
