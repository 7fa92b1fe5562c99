// 指标与荣誉 of one year: the branch's indicators with the year's values and the honours
// received in it; every change reloads both, since either can move the year's score.
import { ref, watch, type Ref } from 'vue';
import {
  honourAdd,
  honourDelete,
  honourList,
  indicatorDelete,
  indicatorList,
  indicatorSave,
  indicatorValueDelete,
  indicatorValueRecord,
} from '@/api/strengths';
import { type AppError } from '@/api/ipc';
import type { Honour } from '@/generated/Honour';
import type { HonourInput } from '@/generated/HonourInput';
import type { Indicator } from '@/generated/Indicator';
import type { IndicatorInput } from '@/generated/IndicatorInput';
import type { IndicatorValueInput } from '@/generated/IndicatorValueInput';
import { useLatest } from '@/utils/use-latest';

export function useFigures(year: Ref<number>) {
  const indicators = ref<Indicator[]>([]);
  const honours = ref<Honour[]>([]);
  const loading = ref(false);
  const error = ref<AppError | null>(null);

  // The year can change faster than the core answers; only the latest choice counts.
  const latest = useLatest({ loading, error });
  function load(): Promise<void> {
    const y = year.value;
    return latest.run(
      () => Promise.all([indicatorList(y), honourList(y)]),
      ([list, received]) => {
        indicators.value = list;
        honours.value = received;
      },
    );
  }

  /** Adds (id null) or changes an indicator; answers with its id once the list is fresh. */
  async function saveIndicator(id: string | null, input: IndicatorInput): Promise<string> {
    const saved = await indicatorSave(id, input);
    await load();
    return saved;
  }

  async function removeIndicator(id: string): Promise<void> {
    await indicatorDelete(id);
    await load();
  }

  async function recordValue(input: IndicatorValueInput): Promise<void> {
    await indicatorValueRecord(input);
    await load();
  }

  async function removeValue(indicatorId: string, measuredOn: string): Promise<void> {
    await indicatorValueDelete(indicatorId, measuredOn);
    await load();
  }

  async function addHonour(input: HonourInput): Promise<string> {
    const id = await honourAdd(input);
    await load();
    return id;
  }

  async function removeHonour(id: string): Promise<void> {
    await honourDelete(id);
    await load();
  }

  watch(year, () => void load());

  return { indicators, honours, loading, error, load, saveIndicator, removeIndicator, recordValue, removeValue, addHonour, removeHonour };
}
