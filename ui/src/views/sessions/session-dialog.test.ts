import { describe, expect, test, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { Session } from '@/generated/Session';
import type { SessionInput } from '@/generated/SessionInput';
import type { SessionPreview } from '@/generated/SessionPreview';
import { AppError } from '@/api/ipc';
import { useGroupsStore } from '@/stores/groups';
import { appPlugins, byTestId, cleanUpAfterEach, eventually, has } from '@/test-utils';
import SessionDialog from './session-dialog.vue';
import { blankSession } from './session-fixtures';

let wrapper: VueWrapper | null = null;

cleanUpAfterEach();

const MEMBERS = [
  { id: 'm1', name: '张伟', has_vote: true, exempt: false },
  { id: 'm2', name: '李娜', has_vote: true, exempt: false },
  { id: 'm3', name: '王强', has_vote: false, exempt: false },
  { id: 'm4', name: '陈老', has_vote: true, exempt: true },
];

/** A preview as the core would give it for these four members. */
function previewOf(input: SessionInput): SessionPreview {
  const listed = new Map(input.attendance.map((a) => [a.member_id, a]));
  const attendance = MEMBERS.map((m) => ({
    member_id: m.id,
    name: m.name,
    status: listed.get(m.id)?.status ?? input.others ?? 'absent',
    reason: listed.get(m.id)?.reason ?? '',
    expected: true,
    exempt: m.exempt,
    excluded: false,
    has_vote: m.has_vote,
  }));
  const counted = attendance.filter((a) => !a.exempt);
  const voters = counted.filter((a) => a.has_vote);
  const presentVoting = voters.filter((a) => a.status === 'present').length;
  const general = input.kind === 'general_meeting' || input.also.includes('general_meeting');
  const verdicts = input.resolutions.map((r) => {
    if (!r.title.trim()) return null;
    if (r.votes_for + r.votes_against + r.votes_abstain > presentVoting) {
      return { verdict: 'invalid' as const, reason: 'votes_exceed_present' as const, message: '票数合计超过了到会有表决权的人数' };
    }
    return { verdict: r.votes_for * 2 > voters.length ? ('passed' as const) : ('not_passed' as const), reason: null, message: null };
  });
  return {
    ...blankSession({ id: 'preview' }),
    verdicts,
    kind: input.kind,
    kind_label: input.kind,
    counts_for: general ? ['general_meeting'] : [],
    held_on: input.held_on,
    party_group_id: input.party_group_id,
    resolutions: input.resolutions
      .filter((r) => r.title.trim())
      .map((r) => ({ ...r, written: [], passed: r.votes_for * 2 > voters.length, subject_id: r.subject_id ?? null, subject: null })),
    attendance,
    head_count: {
      expected: counted.length,
      present: counted.filter((a) => a.status === 'present').length,
      leave: counted.filter((a) => a.status === 'leave').length,
      absent: counted.filter((a) => a.status === 'absent').length,
    },
    quorum: general ? { required: 2, present_voting: presentVoting, met: presentVoting >= 2, entitled: voters.length } : null,
  };
}

function mockCore() {
  mockIPC((cmd, args) => {
    if (cmd === 'session_preview') return previewOf((args as { input: SessionInput }).input);
    throw new Error(`unexpected ${cmd}`);
  });
}

function mountDialog(save: (input: SessionInput) => Promise<Session>, prefill = { kind: 'general_meeting' }) {
  const { plugins } = appPlugins('2026-11-22');
  useGroupsStore().groups = [{ id: 'g1', name: '第一党小组', leader_id: null, leader_name: null, member_count: 3, formed_on: null }];
  wrapper = mount(SessionDialog, {
    props: { visible: true, session: null, prefill, save },
    global: { plugins },
    attachTo: document.body,
  });
  return wrapper;
}

function select(w: VueWrapper, testId: string, value: unknown) {
  const found = w.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === testId);
  if (!found) throw new Error(`no select ${testId}`);
  found.vm.$emit('update:modelValue', value);
}

/** What the text input carrying (or inside) this test id holds. */
function valueOf(testId: string): string {
  const el = byTestId(testId);
  return ((el instanceof HTMLInputElement ? el : el.querySelector('input')) as HTMLInputElement).value;
}

async function choose(testId: string) {
  const el = byTestId(testId);
  const input = (el instanceof HTMLInputElement ? el : el.querySelector('input')) as HTMLInputElement;
  input.click();
  await flushPromises();
}

describe('session dialog', () => {
  test('carries the test ids, and fills attendance, head count and quorum from the preview', async () => {
    mockCore();
    mountDialog(vi.fn());
    await flushPromises();
    for (const id of ['session-form', 'session-kind', 'session-also', 'session-date', 'session-start', 'session-end', 'session-all-present', 'session-save']) {
      expect(has(id), id).toBe(true);
    }
    expect(byTestId('session-date').querySelector('input')?.value).toBe('2026-11-22');
    await eventually(() => expect(has('session-headcount')).toBe(true));
    expect(byTestId('session-headcount').textContent).toBe('应到 3 人，实到 3 人，请假 0 人，缺席 0 人');
    expect(byTestId('session-quorum').textContent).toBe('有表决权 2 人，到会 2 人，需超过半数（至少 2 人）：符合法定人数');
    expect(has('attendance-m1')).toBe(true);
    expect(has('attendance-m4')).toBe(false);
    expect(byTestId('attendance-row-m4').textContent).toContain('免于参加');
    expect(byTestId('attendance-row-m3').textContent).toContain('无表决权');
  });

  test('marking a member on leave asks for a reason and updates the counts', async () => {
    mockCore();
    mountDialog(vi.fn());
    await eventually(() => expect(has('attendance-m2-leave')).toBe(true));
    await choose('attendance-m2-leave');
    expect(has('attendance-reason-m2')).toBe(true);
    await eventually(() => expect(byTestId('session-headcount').textContent).toBe('应到 3 人，实到 2 人，请假 1 人，缺席 0 人'));
    expect(byTestId('session-quorum').textContent).toContain('到会 1 人');
    expect(byTestId('session-quorum').textContent).toContain('不符合法定人数');
  });

  test('the 党小组 is asked for only for a 党小组会', async () => {
    mockCore();
    const w = mountDialog(vi.fn());
    await flushPromises();
    expect(has('session-group')).toBe(false);
    select(w, 'session-kind', 'group_meeting');
    await flushPromises();
    expect(has('session-group')).toBe(true);
  });

  test('a resolution shows the core’s verdict as the votes are typed', async () => {
    mockCore();
    mountDialog(vi.fn());
    await flushPromises();
    byTestId('resolution-add').click();
    await flushPromises();
    const el = byTestId('resolution-0-title');
    const title = (el instanceof HTMLInputElement ? el : el.querySelector('input'))!;
    title.value = '接收周小梅为预备党员';
    title.dispatchEvent(new Event('input', { bubbles: true }));
    await eventually(() => expect(byTestId('resolution-0-result').dataset.passes).toBe('false'));
    expect(byTestId('resolution-0-passed').classList.contains('is-disabled')).toBe(true);
  });

  test('impossible counts show 无效 with the reason beside the votes; the refused save keeps the form open', async () => {
    mockCore();
    const save = vi.fn(async (): Promise<Session> => {
      throw new AppError('validation', 'x', 'written', 'written_opinion_kind');
    });
    const w = mountDialog(save);
    await flushPromises();
    byTestId('resolution-add').click();
    await flushPromises();
    const el = byTestId('resolution-0-title');
    const title = (el instanceof HTMLInputElement ? el : el.querySelector('input'))!;
    title.value = '决议';
    title.dispatchEvent(new Event('input', { bubbles: true }));
    const votes = byTestId('resolution-0-for').querySelector('input')!;
    votes.value = '5';
    votes.dispatchEvent(new Event('input', { bubbles: true }));
    votes.dispatchEvent(new Event('change', { bubbles: true }));
    await eventually(() => expect(byTestId('resolution-0-result').dataset.verdict).toBe('invalid'));
    expect(byTestId('resolution-0-result').textContent).toContain('无效');
    expect(byTestId('resolution-0-invalid').textContent).toContain('票数合计超过了到会有表决权的人数');
    const box = byTestId('resolution-0-passed');
    expect(box.classList.contains('is-disabled')).toBe(true);
    expect(box.classList.contains('is-checked')).toBe(false);
    // Nothing about attendance is said wrong: the preview itself was not refused.
    expect(has('session-preview-error')).toBe(false);
    byTestId('session-save').click();
    await eventually(() => expect(save).toHaveBeenCalledTimes(1));
    // A refusal about a written opinion is said beside the votes too, and the dialog stays.
    await eventually(() => {
      const texts = [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim());
      expect(texts.some((t) => t?.includes('书面意见'))).toBe(true);
    });
    expect(w.emitted('saved')).toBeUndefined();
    expect(w.emitted('update:visible')).toBeUndefined();
  });

  test('复制上次会议 fills the new form from the last session of the kind, on the day chosen', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'session_preview') return previewOf((args as { input: SessionInput }).input);
      if (cmd === 'session_template') {
        asked.push(args);
        const a = args as { kind: string; partyGroupId: string | null; heldOn: string };
        return {
          from_id: 's7',
          from_held_on: '2026-10-08',
          input: {
            kind: a.kind,
            also: [],
            held_on: a.heldOn,
            start_time: '14:30',
            end_time: null,
            place: '三楼会议室',
            title: '',
            party_group_id: null,
            host_id: 'm1',
            recorder_id: null,
            lecturer_id: null,
            lecturer_name: '',
            topic: '十月议题',
            minutes: '',
            agenda: [{ title: '学习最新讲话精神', first_topic: true }],
            resolutions: [
              { title: '研究发展党员工作', kind: 'resolution', votes_for: 0, votes_against: 0, votes_abstain: 0, passed: false, written: [], subject_id: null },
            ],
            attendance: [],
            others: 'present',
          },
          expected: [],
        };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    mountDialog(vi.fn());
    await flushPromises();
    byTestId('session-copy-last').click();
    await eventually(() => expect(asked).toHaveLength(1));
    expect(asked[0]).toEqual({ kind: 'general_meeting', partyGroupId: null, heldOn: '2026-11-22' });
    await eventually(() => expect(valueOf('session-place')).toBe('三楼会议室'));
    expect(valueOf('session-topic')).toBe('十月议题');
    expect(valueOf('agenda-0-title')).toBe('学习最新讲话精神');
    expect(valueOf('resolution-0-title')).toBe('研究发展党员工作');
    expect(valueOf('session-date')).toBe('2026-11-22');
  });

  test('saves what the form says; a refusal naming a field shows under it', async () => {
    mockCore();
    const save = vi.fn(async (): Promise<Session> => {
      throw new AppError('validation', 'x', 'resolutions', 'votes_exceed_present');
    });
    mountDialog(save);
    await eventually(() => expect(has('attendance-m2-leave')).toBe(true));
    await choose('attendance-m2-leave');
    byTestId('session-save').click();
    await eventually(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save.mock.calls[0]).toEqual([
      expect.objectContaining({
        kind: 'general_meeting',
        held_on: '2026-11-22',
        others: 'present',
        attendance: [{ member_id: 'm2', status: 'leave', reason: '' }],
      }),
    ]);
    await eventually(() => {
      const texts = [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim());
      expect(texts).toContain('票数合计超过了到会有表决权的人数');
    });
  });

  test('a missing kind stops the save with the core’s sentence', async () => {
    mockCore();
    const save = vi.fn();
    mountDialog(save, { kind: '' } as never);
    await flushPromises();
    byTestId('session-save').click();
    await eventually(() => {
      const texts = [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim());
      expect(texts).toContain('不能为空');
    });
    expect(save).not.toHaveBeenCalled();
  });
});
