// 修改记录 of a session in words: the kind and the obligations it counts for by name, the host,
// recorder and lecturer by name, the agenda, votes and attendance exceptions as lines.
import type { Translate } from '@/api/ipc';
import type { AgendaItemInput } from '@/generated/AgendaItemInput';
import type { AttendanceInput } from '@/generated/AttendanceInput';
import type { ResolutionInput } from '@/generated/ResolutionInput';
import { listOf, type NameOf, type ValueFormats } from '@/components/record-history';
import { isObligation } from '@/utils/codes';

/** The session's fields as the change log holds them (a `SessionInput`), in words. */
export function sessionHistoryFormats(t: Translate, memberName: NameOf, groupName: NameOf): ValueFormats {
  const member = (v: unknown) => memberName(String(v)) ?? t('common.history.unknown_member');
  const kind = (v: unknown) => (isObligation(String(v)) ? t(`codes.obligation.${String(v)}`) : String(v));
  return {
    kind,
    also: (v) => listOf<string>(v).map(kind).join('、'),
    party_group_id: (v) => groupName(String(v)) ?? t('common.history.unknown_group'),
    host_id: member,
    recorder_id: member,
    lecturer_id: member,
    others: (v) => t(`codes.attendance.${String(v)}`),
    agenda: (v) =>
      listOf<AgendaItemInput>(v)
        .map((a) => (a.first_topic ? t('sessions.history.first_topic', { title: a.title }) : a.title))
        .join('；'),
    resolutions: (v) =>
      listOf<ResolutionInput>(v)
        .map((r) =>
          t('sessions.history.resolution', {
            title: r.title,
            votes_for: r.votes_for,
            votes_against: r.votes_against,
            votes_abstain: r.votes_abstain,
            result: t(r.passed ? 'sessions.form.passed' : 'sessions.form.not_passed'),
          }),
        )
        .join('；'),
    attendance: (v) =>
      listOf<AttendanceInput>(v)
        .map((a) => {
          const named = { name: member(a.member_id), status: t(`codes.attendance.${a.status}`), reason: a.reason };
          return t(a.reason ? 'sessions.history.attendance_reason' : 'sessions.history.attendance', named);
        })
        .join('、'),
  };
}
