// 发展党员: each person's next step on the path with its window and blockers, and recording a
// dated step.
import type { PipelineReport } from '@/generated/PipelineReport';
import type { StepDone } from '@/generated/StepDone';
import type { StepInput } from '@/generated/StepInput';
import { call } from './ipc';

export const pipelineReport = (asOf: string) => call<PipelineReport>('pipeline_report', { asOf });
export const pipelineRecord = (input: StepInput) => call<StepDone>('pipeline_record', { input });
