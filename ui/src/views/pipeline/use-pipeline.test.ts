import { afterEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { PipelineReport } from '@/generated/PipelineReport';
import { onMemberRecord, STEPS_FOR, stepsLeft, usePipeline } from './use-pipeline';

afterEach(() => clearMocks());

const REPORT: PipelineReport = {
  as_of: '2026-11-22',
  rule_version: '中国共产党发展党员工作细则（2014）',
  people: [
    {
      member_id: 'm1',
      name: '彭俊杰',
      stage: 'activist',
      since: '2026-03-12',
      next: 'candidate',
      earliest: '2027-03-12',
      latest: null,
      blockers: [{ kind: 'too_early', step: 'candidate', message: '积极分子培养未满一年，最早 2027-03-12 可列为发展对象', date: '2027-03-12' }],
      probation_ends: null,
      done: [],
    },
  ],
};

describe('发展党员', () => {
  test('each stage records its own steps; stage changes go to the member record', () => {
    expect(STEPS_FOR.applicant).toEqual(['talk']);
    expect(STEPS_FOR.probationary).toEqual(['approval', 'extension']);
    expect(STEPS_FOR.full).toEqual([]);
    expect(onMemberRecord('candidate')).toBe(true);
    expect(onMemberRecord('training')).toBe(false);
    const done = (step: 'talk' | 'approval' | 'extension') => ({ step, done_on: '2026-01-01', months: null, note: '' });
    expect(stepsLeft({ stage: 'applicant', done: [done('talk')] })).toEqual([]);
    expect(stepsLeft({ stage: 'probationary', done: [done('approval'), done('extension')] })).toEqual(['extension']);
  });

  test('reads the path as of today, and again after a step is recorded', async () => {
    const asked: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      if (cmd === 'pipeline_report') return REPORT;
      if (cmd === 'pipeline_record') return { step: 'contact_persons', done_on: '2026-11-20', months: null, note: '' };
      throw new Error(cmd);
    });
    const p = usePipeline('2026-11-22');
    await p.load();
    expect(p.report.value?.people[0].blockers[0].message).toContain('最早 2027-03-12');
    await p.record({ member_id: 'm1', step: 'contact_persons', done_on: '2026-11-20', months: null, note: '' });
    expect(asked.map(([c]) => c)).toEqual(['pipeline_report', 'pipeline_record', 'pipeline_report']);
    expect(asked[0][1]).toEqual({ asOf: '2026-11-22' });
  });

  test('a refusal is passed on to the dialog', async () => {
    mockIPC((cmd) => {
      if (cmd === 'pipeline_record') throw { code: 'validation', message: 'x', field: 'done_on', reason: 'approval_too_late' };
      return REPORT;
    });
    const p = usePipeline('2026-11-22');
    await expect(p.record({ member_id: 'm1', step: 'approval', done_on: '2026-11-20', months: null, note: '' })).rejects.toMatchObject({
      reason: 'approval_too_late',
    });
  });
});
