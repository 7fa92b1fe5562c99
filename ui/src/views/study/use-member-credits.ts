// One member's year in the 学时 drawer: the credits (from attendance, stored entries,
// corrections) and what the secretary can do about it: add or delete entries, exempt, PIN.
import { computed, ref, watch, type Ref } from 'vue';
import { memberPinSet, studyEntryAdd, studyEntryDelete, studyExempt, studyCredits, studyLiftExemption } from '@/api/study';
import { type AppError } from '@/api/ipc';
import type { EntryInput } from '@/generated/EntryInput';
import type { CreditEntry } from '@/generated/CreditEntry';
import { correctableCredits } from './entry-model';
import { useLatest } from '@/utils/use-latest';

/**
 * `changed` runs after anything that alters the member's figures (so the page reloads its
 * report and PIN list); the credits reload themselves.
 */
export function useMemberCredits(memberId: Ref<string | null>, year: Ref<number>, asOf: Ref<string | null>, changed: () => Promise<void> | void = () => {}) {
  const entries = ref<CreditEntry[]>([]);
  const loading = ref(false);
  const error = ref<AppError | null>(null);

  const credits = computed(() => correctableCredits(entries.value));
  /** Hours that count: everything but the credits a correction replaced. */
  const counted = computed(() => entries.value.filter((e) => !e.replaced).reduce((sum, e) => sum + e.hours, 0));

  const latest = useLatest({ loading, error });
  function load(): Promise<void> {
    const id = memberId.value;
    if (!id) {
      latest.drop();
      entries.value = [];
      error.value = null;
      return Promise.resolve();
    }
    return latest.run(
      () => studyCredits({ member_id: id, year: year.value, as_of: asOf.value }),
      (list) => (entries.value = list),
    );
  }

  watch([memberId, year], () => void load());

  function requireMember(): string {
    const id = memberId.value;
    if (!id) throw new Error('no member chosen');
    return id;
  }

  async function after<T>(action: Promise<T>): Promise<T> {
    const result = await action;
    await Promise.all([load(), changed()]);
    return result;
  }

  const addEntry = (input: EntryInput) => after(studyEntryAdd(input));
  const removeEntry = (id: string) => after(studyEntryDelete(id));
  const exempt = (reason: string) => after(studyExempt(requireMember(), year.value, reason.trim()));
  const liftExemption = () => after(studyLiftExemption(requireMember(), year.value));
  const setPin = (pin: string) => after(memberPinSet(requireMember(), pin.trim()));
  const clearPin = () => after(memberPinSet(requireMember(), null));

  return { entries, credits, counted, loading, error, load, addEntry, removeEntry, exempt, liftExemption, setPin, clearPin };
}
