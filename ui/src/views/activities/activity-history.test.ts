import { describe, expect, test } from 'vitest';
import { mount } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { historyEntry } from '@/components/history-fixtures';
import { historyRows } from '@/components/record-history';
import { i18n } from '@/locales';
import { appPlugins, cleanUpAfterEach, eventually } from '@/test-utils';
import ActivityDetail from './activity-detail.vue';
import { activityHistoryFormats } from './activity-history';
import { lecture } from './activity-fixtures';

const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string;

cleanUpAfterEach();

const CREATED = historyEntry(12, '2026-10-09T08:30:00.000Z', 'cli', 'create', {
  author: [null, ''],
  duration_days: [null, 2],
  held_on: [null, '2026-10-09'],
  issue_no: [null, 20],
  kind: [null, 'lecture_series'],
  participants: [
    null,
    [
      { member_id: 'm1', role: 'speaker' },
      { member_id: 'm2', role: 'participant' },
    ],
  ],
  series: [null, '微讲堂'],
});

const ACTIVITY = lecture({ duration_days: 2 });

describe('an activity’s 修改记录', () => {
  test('the kind, issue, days and participants come out in Chinese', () => {
    const names: Record<string, string> = { m1: '张伟', m2: '李娜' };
    const [row] = historyRows(
      [CREATED],
      t,
      activityHistoryFormats(t, (id) => names[id] ?? null),
    );
    expect(row.actor).toBe('命令行');
    expect(row.action).toBe('新建');
    expect(row.changes).toEqual(['天数：2 天', '日期：2026-10-09', '期数：第 20 期', '类型：讲堂', '参加人员：张伟（主讲）、李娜（参加）', '系列：微讲堂']);
  });

  test('the activity drawer asks for the activity’s history and names its participants', async () => {
    const { plugins } = appPlugins();
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'record_history') {
        asked.push(JSON.parse(JSON.stringify(args)));
        return [CREATED];
      }
      if (cmd === 'attachment_list') return [];
      return null;
    });
    mount(ActivityDetail, { props: { visible: true, activity: ACTIVITY }, global: { plugins }, attachTo: document.body });
    await eventually(() => expect(document.querySelectorAll('[data-testid="history-entry"]')).toHaveLength(1));
    expect(asked).toEqual([{ entity: 'activity', entityId: 'a1' }]);
    expect(document.querySelector('[data-testid="record-history"]')?.textContent).toContain('参加人员：张伟（主讲）、李娜（参加）');
  });
});
