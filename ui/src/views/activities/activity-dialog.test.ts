import { describe, expect, test, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import type { Activity } from '@/generated/Activity';
import type { ActivityInput } from '@/generated/ActivityInput';
import { useRosterStore } from '@/stores/roster';
import { appPlugins, byTestId, cleanUpAfterEach, eventually } from '@/test-utils';
import ActivityDialog from './activity-dialog.vue';
import { lecture } from './activity-fixtures';

let wrapper: VueWrapper | null = null;

cleanUpAfterEach();

function select(w: VueWrapper, testId: string, value: unknown) {
  const found = w.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === testId);
  if (!found) throw new Error(`no select ${testId}`);
  found.vm.$emit('update:modelValue', value);
}

/** The roster holds the two people of the lecture. */
function knowSpeakers() {
  useRosterStore().members = [
    { id: 'm1', name: '张伟' },
    { id: 'm2', name: '李娜' },
  ] as never;
}

describe('activity dialog', () => {
  test('a series fills in its next 期; saving sends the kind’s fields and roles', async () => {
    const { plugins } = appPlugins('2026-11-22');
    knowSpeakers();
    const nextIssue = vi.fn(async () => 20);
    const save = vi.fn(async (input: ActivityInput) => ({ ...input, id: 'a1', participants: [] }) as unknown as Activity);
    wrapper = mount(ActivityDialog, {
      props: { visible: true, series: ['微讲堂'], nextIssue, save },
      global: { plugins },
      attachTo: document.body,
    });
    await flushPromises();
    for (const id of ['activity-kind', 'activity-series', 'activity-issue', 'activity-title', 'activity-date', 'activity-participants', 'activity-save']) {
      expect(() => byTestId(id), id).not.toThrow();
    }
    select(wrapper, 'activity-kind', 'lecture_series');
    await flushPromises();
    select(wrapper, 'activity-series', '微讲堂');
    await eventually(() => expect(nextIssue).toHaveBeenCalledWith('微讲堂'));
    await flushPromises();
    select(wrapper, 'activity-speakers', ['m1']);
    select(wrapper, 'activity-participants', ['m1', 'm2']);
    await flushPromises();
    byTestId('activity-save').click();
    await eventually(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save.mock.calls[0][0]).toMatchObject({
      kind: 'lecture_series',
      series: '微讲堂',
      issue_no: 20,
      held_on: '2026-11-22',
      participants: [
        { member_id: 'm1', role: 'speaker' },
        { member_id: 'm2', role: 'participant' },
      ],
    });
  });

  test('without a kind nothing is sent', async () => {
    const { plugins } = appPlugins('2026-11-22');
    const save = vi.fn();
    wrapper = mount(ActivityDialog, {
      props: { visible: true, series: [], nextIssue: vi.fn(), save },
      global: { plugins },
      attachTo: document.body,
    });
    await flushPromises();
    byTestId('activity-save').click();
    await eventually(() => {
      const texts = [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim());
      expect(texts).toContain('不能为空');
    });
    expect(save).not.toHaveBeenCalled();
  });

  test('an activity opened for editing starts from its saved values and keeps its 期', async () => {
    const { plugins } = appPlugins('2026-11-22');
    knowSpeakers();
    const activity = lecture({ issue_no: 19, title: '窗口服务礼仪', start_time: '14:30', place: '三楼会议室' });
    const nextIssue = vi.fn(async () => 21);
    const save = vi.fn(async (input: ActivityInput) => ({ ...activity, ...input }) as unknown as Activity);
    wrapper = mount(ActivityDialog, {
      props: { visible: true, activity, series: ['微讲堂'], nextIssue, save },
      global: { plugins },
      attachTo: document.body,
    });
    await flushPromises();
    expect(document.querySelector('.activity-dialog .el-dialog__title')?.textContent).toBe('编辑活动：微讲堂 第19期');
    expect((byTestId('activity-title') as HTMLInputElement).value).toBe('窗口服务礼仪');
    await new Promise((r) => setTimeout(r, 300));
    byTestId('activity-save').click();
    await eventually(() => expect(save).toHaveBeenCalledTimes(1));
    expect(nextIssue).not.toHaveBeenCalled();
    expect(save.mock.calls[0][0]).toMatchObject({
      kind: 'lecture_series',
      series: '微讲堂',
      issue_no: 19,
      title: '窗口服务礼仪',
      held_on: '2026-10-09',
      start_time: '14:30',
      place: '三楼会议室',
      participants: [
        { member_id: 'm1', role: 'speaker' },
        { member_id: 'm2', role: 'participant' },
      ],
    });
  });
});
