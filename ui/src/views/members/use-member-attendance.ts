// A member's organisational life in one year: the sessions and the attendance rate per
// obligation, and the activities the member took part in.
import { ref, watch, type Ref } from 'vue';
import { memberAttendance } from '@/api/sessions';
import { activityList } from '@/api/activities';
import type { ActivitySummary } from '@/generated/ActivitySummary';
import { type AppError } from '@/api/ipc';
import type { AttendanceRate } from '@/generated/AttendanceRate';
import type { MemberAttendance } from '@/generated/MemberAttendance';
import type { Translate } from '@/api/ipc';
import { useLatest } from '@/utils/use-latest';

/** "支委会 2/3 67%", or that nothing was expected. */
export function rateText(r: AttendanceRate, t: Translate): string {
  const kind = t(`codes.obligation.${r.obligation}`);
  if (r.rate === null || r.expected === 0) return t('members.attendance.no_rate', { kind });
  const percent = t('members.attendance.percent', { n: Math.round(r.rate * 100) });
  return t('members.attendance.rate', { kind, present: r.present, expected: r.expected, percent });
}

export function useMemberAttendance(memberId: Ref<string | null>, thisYear: number) {
  const year = ref(thisYear);
  const data = ref<MemberAttendance | null>(null);
  const activities = ref<ActivitySummary[]>([]);
  const loading = ref(false);
  const error = ref<AppError | null>(null);

  const latest = useLatest({ loading, error });
  function load(): Promise<void> {
    const id = memberId.value;
    if (!id) {
      latest.drop();
      data.value = null;
      activities.value = [];
      return Promise.resolve();
    }
    return latest.run(
      () => Promise.all([memberAttendance(id, year.value), activityList({ kind: null, series: null, year: year.value, member_id: id })]),
      ([result, joined]) => {
        data.value = result;
        activities.value = joined;
      },
    );
  }

  watch([memberId, year], () => void load());

  return { year, data, activities, loading, error, load };
}
