import { describe, expect, test } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { Activity } from '@/generated/Activity';
import type { ActivitySummary } from '@/generated/ActivitySummary';
import { appPlugins, byTestId, cleanUpAfterEach, eventually } from '@/test-utils';
import ActivitiesPage from './index.vue';
import { lecture } from './activity-fixtures';

cleanUpAfterEach();

const FULL = lecture({ place: '三楼会议室' });
const LINE: ActivitySummary = { ...FULL, participant_count: 2, role: null };

function mountPage(get: () => Activity, sent: unknown[] = []) {
  const asked: string[] = [];
  mockIPC((cmd, args) => {
    asked.push(cmd === 'activity_get' ? `${cmd} ${(args as { id: string }).id}` : cmd);
    if (cmd === 'activity_update') {
      sent.push(args);
      const { input } = args as { input: Partial<Activity> };
      return { ...FULL, ...input, participants: FULL.participants };
    }
    if (cmd === 'activity_list') return [LINE];
    if (cmd === 'activity_facets') return { series: [{ series: '微讲堂', count: 20 }], years: [2026] };
    if (cmd === 'activity_get') return get();
    if (cmd === 'member_list') return { total: 0, rows: [], counts: {} };
    if (cmd === 'record_history' || cmd === 'attachment_list') return [];
    throw new Error(cmd);
  });
  const { plugins } = appPlugins('2026-11-22');
  mount(ActivitiesPage, { global: { plugins }, attachTo: document.body });
  return asked;
}

describe('活动 page', () => {
  test('lists the year with head counts and reads an activity’s participants only when it is opened', async () => {
    const asked = mountPage(() => FULL);
    await eventually(() => expect(byTestId('activity-row-name').textContent).toBe('微讲堂 第20期'));
    expect(byTestId('activity-table').textContent).toContain('2');
    expect(asked.some((c) => c.startsWith('activity_get'))).toBe(false);

    byTestId('activity-row-name').click();
    await eventually(() => expect(byTestId('activity-detail-participants').textContent).toContain('张伟'));
    expect(byTestId('activity-detail-participants').textContent).toContain('李娜');
    expect(asked).toContain('activity_get a1');
  });

  test('an activity that cannot be read closes the drawer and says why', async () => {
    mountPage(() => {
      throw { code: 'not_found', message: 'activity a1', field: null, reason: null };
    });
    await eventually(() => expect(byTestId('activity-row-name')).toBeTruthy());
    byTestId('activity-row-name').click();
    await flushPromises();
    await eventually(() => expect(document.querySelector('.el-message--error')).not.toBeNull());
    expect(document.querySelector('[data-testid="activity-detail-participants"]')).toBeNull();
  });

  test('编辑 in the detail opens the form with the activity; saving updates it and the detail shows it', async () => {
    const sent: unknown[] = [];
    const asked = mountPage(() => FULL, sent);
    await eventually(() => expect(byTestId('activity-row-name')).toBeTruthy());
    byTestId('activity-row-name').click();
    await eventually(() => expect(byTestId('activity-edit')).toBeTruthy());
    byTestId('activity-edit').click();
    await eventually(() => expect(document.querySelector('.activity-dialog .el-dialog__title')?.textContent).toBe('编辑活动：微讲堂 第20期'));
    const place = byTestId('activity-place') as HTMLInputElement;
    expect(place.value).toBe('三楼会议室');
    place.value = '党员活动室';
    place.dispatchEvent(new Event('input'));
    await flushPromises();
    byTestId('activity-save').click();
    await eventually(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ id: 'a1', input: { kind: 'lecture_series', series: '微讲堂', issue_no: 20, place: '党员活动室' } });
    expect(asked.filter((c) => c === 'activity_add')).toEqual([]);
    await eventually(() => expect(byTestId('activity-detail').textContent).toContain('党员活动室'));
  });
});
