import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { reactive } from 'vue';
import type { SessionInput } from '@/generated/SessionInput';
import type { SessionPreview } from '@/generated/SessionPreview';
import { emptySessionForm, emptyResolution } from './form-model';
import { previewInput, useSessionPreview } from './use-session-preview';
import { blankSession } from './session-fixtures';

const TODAY = '2026-11-22';

/** Three voters: votes beyond those present are impossible, more than half of 3 carries. */
function previewOf(input: SessionInput): SessionPreview {
  const ids = ['m1', 'm2', 'm3'];
  const listed = new Map(input.attendance.map((a) => [a.member_id, a]));
  const attendance = ids.map((id) => ({
    member_id: id,
    name: id,
    status: listed.get(id)?.status ?? input.others ?? 'absent',
    reason: listed.get(id)?.reason ?? '',
    expected: true,
    exempt: false,
    excluded: false,
    has_vote: true,
  }));
  const present = attendance.filter((a) => a.status === 'present').length;
  const verdicts = input.resolutions.map((r) => {
    if (!r.title.trim()) return null;
    if (r.votes_for + r.votes_against + r.votes_abstain > present) {
      return { verdict: 'invalid' as const, reason: 'votes_exceed_present' as const, message: '票数合计超过了到会有表决权的人数' };
    }
    return { verdict: r.votes_for * 2 > 3 ? ('passed' as const) : ('not_passed' as const), reason: null, message: null };
  });
  return {
    ...blankSession({ id: 'preview' }),
    verdicts,
    kind: input.kind,
    kind_label: input.kind,
    counts_for: ['general_meeting'],
    held_on: input.held_on,
    resolutions: input.resolutions
      .filter((r) => r.title.trim())
      .map((r) => ({ ...r, written: [], passed: r.votes_for * 2 > 3, subject_id: r.subject_id ?? null, subject: null })),
    attendance,
    head_count: {
      expected: 3,
      present,
      leave: attendance.filter((a) => a.status === 'leave').length,
      absent: attendance.filter((a) => a.status === 'absent').length,
    },
    quorum: { required: 2, present_voting: present, met: present >= 2, entitled: 3 },
  };
}

let inputs: SessionInput[];

beforeEach(() => {
  vi.useFakeTimers();
  inputs = [];
  mockIPC((cmd, args) => {
    if (cmd !== 'session_preview') throw new Error(`unexpected ${cmd}`);
    const input = (args as { input: SessionInput }).input;
    inputs.push(input);
    if (input.held_on > TODAY) throw { code: 'validation', message: 'x', field: 'held_on', reason: 'date_in_future' };
    return previewOf(input);
  });
});

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

async function settle() {
  await vi.advanceTimersByTimeAsync(300);
  await flushPromises();
}

describe('useSessionPreview', () => {
  test('waits for a kind and a date, then asks once typing pauses', async () => {
    const form = reactive(emptySessionForm(TODAY));
    const live = useSessionPreview(form, { today: () => TODAY });
    await settle();
    expect(inputs).toHaveLength(0);
    form.kind = 'general_meeting';
    await flushPromises();
    form.marks.m2 = { status: 'leave', reason: '' };
    await flushPromises();
    expect(inputs).toHaveLength(0);
    await settle();
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({ kind: 'general_meeting', held_on: TODAY, others: 'present', attendance: [{ member_id: 'm2', status: 'leave' }] });
    expect(live.preview.value?.head_count).toEqual({ expected: 3, present: 2, leave: 1, absent: 0 });
    expect(live.expectedRows.value.map((r) => r.member_id)).toEqual(['m1', 'm2', 'm3']);
    live.dispose();
  });

  test('text that cannot change the outcome does not ask again', async () => {
    const form = reactive({ ...emptySessionForm(TODAY), kind: 'general_meeting' });
    const live = useSessionPreview(form, { today: () => TODAY });
    await settle();
    form.title = '第四季度党员大会';
    form.minutes = '……';
    form.agenda[0].title = '学习';
    await settle();
    expect(inputs).toHaveLength(1);
    expect(previewInput(form, null)).toMatchObject({ title: '', minutes: '', agenda: [] });
    live.dispose();
  });

  test('a refusal is kept beside the last good preview', async () => {
    const form = reactive({ ...emptySessionForm(TODAY), kind: 'general_meeting' });
    const live = useSessionPreview(form, { today: () => TODAY });
    await settle();
    const good = live.preview.value;
    form.held_on = '2026-12-01';
    await settle();
    expect(live.error.value).toMatchObject({ field: 'held_on', reason: 'date_in_future' });
    expect(live.preview.value).toBe(good);
    form.held_on = TODAY;
    await settle();
    expect(live.error.value).toBeNull();
    live.dispose();
  });

  test('a resolution the votes carry is claimed as passed; one they do not carry cannot be', async () => {
    const form = reactive({ ...emptySessionForm(TODAY), kind: 'general_meeting' });
    form.resolutions.push({ ...emptyResolution(), title: '接收预备党员', votes_for: 1 });
    const live = useSessionPreview(form, { today: () => TODAY });
    await settle();
    expect(live.results.value).toEqual([false]);
    expect(form.resolutions[0].passed).toBe(false);
    form.resolutions[0].votes_for = 3;
    await settle();
    expect(live.results.value).toEqual([true]);
    expect(form.resolutions[0].passed).toBe(true);
    // Claims never reach the preview: the core judges the votes.
    expect(inputs.every((i) => i.resolutions.every((r) => !r.passed))).toBe(true);
    form.resolutions[0].votes_for = 1;
    await settle();
    expect(form.resolutions[0].passed).toBe(false);
    live.dispose();
  });

  test("impossible counts are 无效 with the core's reason, and cannot stay claimed as passed", async () => {
    const form = reactive({ ...emptySessionForm(TODAY), kind: 'general_meeting' });
    form.resolutions.push({ ...emptyResolution(), title: '接收预备党员', votes_for: 3 });
    const live = useSessionPreview(form, { today: () => TODAY });
    await settle();
    expect(live.verdicts.value.map((v) => v?.verdict)).toEqual(['passed']);
    expect(form.resolutions[0].passed).toBe(true);
    // Four votes from three present.
    form.resolutions[0].votes_against = 1;
    await settle();
    expect(live.verdicts.value[0]).toMatchObject({ verdict: 'invalid', reason: 'votes_exceed_present' });
    expect(live.results.value).toEqual([false]);
    expect(form.resolutions[0].passed).toBe(false);
    // The preview is not refused for it: attendance and quorum are still shown.
    expect(live.error.value).toBeNull();
    expect(live.preview.value?.head_count.present).toBe(3);
    live.dispose();
  });

  test('while the preview is refused, no verdict from an earlier one is shown', async () => {
    const form = reactive({ ...emptySessionForm(TODAY), kind: 'general_meeting' });
    form.resolutions.push({ ...emptyResolution(), title: '决议', votes_for: 3 });
    const live = useSessionPreview(form, { today: () => TODAY });
    await settle();
    expect(live.results.value).toEqual([true]);
    form.held_on = '2026-12-01';
    await settle();
    expect(live.error.value).not.toBeNull();
    expect(live.verdicts.value).toEqual([null]);
    expect(live.results.value).toEqual([null]);
    live.dispose();
  });

  test('clearing the kind clears the preview', async () => {
    const form = reactive({ ...emptySessionForm(TODAY), kind: 'general_meeting' });
    const live = useSessionPreview(form, { today: () => TODAY });
    await settle();
    expect(live.preview.value).not.toBeNull();
    form.kind = '';
    await flushPromises();
    expect(live.preview.value).toBeNull();
    expect(live.known.value).toBeNull();
    live.dispose();
  });
});
