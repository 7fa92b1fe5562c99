// The 发展党员 page's data: everyone on the path as of today, and recording a step (which reads
// the path again). Which steps can be recorded at which stage mirrors src/pipeline.
import { ref } from 'vue';
import { pipelineRecord, pipelineReport } from '@/api/pipeline';
import { toAppError, type AppError } from '@/api/ipc';
import type { PipelineEntry } from '@/generated/PipelineEntry';
import type { PipelineReport } from '@/generated/PipelineReport';
import type { PipelineStep } from '@/generated/PipelineStep';
import type { Stage } from '@/generated/Stage';
import type { StepDone } from '@/generated/StepDone';
import type { StepInput } from '@/generated/StepInput';

/** The steps recorded on this page for a stage (the stage changes are made on the member's
 * record). */
export const STEPS_FOR: Record<Stage, PipelineStep[]> = {
  applicant: ['talk'],
  activist: ['contact_persons'],
  candidate: ['political_review', 'training'],
  probationary: ['approval', 'extension'],
  full: [],
};

/** The steps still to record for a person: each once, except an extension (the core refuses
 * a second one with its reason). */
export function stepsLeft(e: Pick<PipelineEntry, 'stage' | 'done'>): PipelineStep[] {
  return STEPS_FOR[e.stage].filter((s) => s === 'extension' || !e.done.some((d) => d.step === s));
}

/** Whether the next step is a stage change made on the member's record. */
export function onMemberRecord(step: PipelineStep): boolean {
  return step === 'activist' || step === 'candidate' || step === 'admission' || step === 'confirmation';
}

export function usePipeline(today: string) {
  const report = ref<PipelineReport | null>(null);
  const loading = ref(false);
  const error = ref<AppError | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      report.value = await pipelineReport(today);
      error.value = null;
    } catch (e) {
      error.value = toAppError(e);
    } finally {
      loading.value = false;
    }
  }

  async function record(input: StepInput): Promise<StepDone> {
    const done = await pipelineRecord(input);
    await load();
    return done;
  }

  return { report, loading, error, load, record };
}
