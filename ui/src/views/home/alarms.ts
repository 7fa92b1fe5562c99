// The 工作台's alarms: each worded in Chinese from its kind and level, and the page (and
// record) where it is resolved.
import { ref } from 'vue';
import type { RouteLocationRaw } from 'vue-router';
import { alarmsGet } from '@/api/alarms';
import { toAppError, type AppError, type Translate } from '@/api/ipc';
import type { Alarm } from '@/generated/Alarm';

/** The sentence for an alarm, from the i18n files (the core's own sentence is for the CLI). */
export function alarmText(a: Alarm, t: Translate): string {
  return t(`home.alarms.kind.${a.kind}.${a.level}`, { name: a.member_name ?? '', date: a.date ?? '', n: a.count ?? 0 });
}

/** Where the alarm is resolved: the member's record, the 党费 page, the 学时 page behind pace,
 * the 支部委员会 page for a committee the branch should have, or 支部设置 for the term. */
export function alarmRoute(a: Alarm): RouteLocationRaw {
  if (a.place === 'members' && a.member_id) return { name: 'members', query: { member: a.member_id } };
  if (a.place === 'study') return { name: 'study', query: { behind: '1' } };
  return { name: a.place };
}

/** The alarms as of `today`, for the 工作台's card. */
export function useAlarms(today: string) {
  const list = ref<Alarm[]>([]);
  const loading = ref(false);
  const error = ref<AppError | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      list.value = await alarmsGet(today);
      error.value = null;
    } catch (e) {
      error.value = toAppError(e);
    } finally {
      loading.value = false;
    }
  }

  return { list, loading, error, load };
}
