// 修改记录 of an activity in words: its kind and issue, and who took part in which role by name.
import type { Translate } from '@/api/ipc';
import type { ParticipantInput } from '@/generated/ParticipantInput';
import { listOf, type NameOf, type ValueFormats } from '@/components/record-history';

/** The activity's fields as the change log holds them (an `ActivityInput`), in words. */
export function activityHistoryFormats(t: Translate, memberName: NameOf): ValueFormats {
  return {
    kind: (v) => t(`codes.activity_kind.${String(v)}`),
    issue_no: (v) => t('activities.history.issue_no', { n: v }),
    duration_days: (v) => t('activities.detail.duration', { n: v }),
    participants: (v) =>
      listOf<ParticipantInput>(v)
        .map((p) =>
          t('activities.history.participant', {
            name: memberName(p.member_id) ?? t('common.history.unknown_member'),
            role: t(`codes.participant_role.${p.role}`),
          }),
        )
        .join('、'),
  };
}
