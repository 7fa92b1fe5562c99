import { describe, expect, test, vi } from 'vitest';
import { type VueWrapper } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { Alarm } from '@/generated/Alarm';
import type { ComplianceReport } from '@/generated/ComplianceReport';
import type { ObligationPeriod } from '@/generated/ObligationPeriod';
import type { ReportStatus } from '@/generated/ReportStatus';
import { byTestId, cleanUpAfterEach, eventually, mountRoutedPage } from '@/test-utils';
import { assessment } from '@/views/strengths/fixtures';
import HomePage from './index.vue';

let wrapper: VueWrapper | null = null;

cleanUpAfterEach();

function period(p: Partial<ObligationPeriod> & Pick<ObligationPeriod, 'kind' | 'period' | 'status' | 'period_start' | 'period_end'>): ObligationPeriod {
  return { party_group: null, party_group_id: null, days_left: null, sessions: [], pair: null, required: 1, subject: '', missed_confirmed: false, ...p };
}

const REPORT: ComplianceReport = {
  as_of: '2026-11-22',
  year: 2026,
  obligations: [
    period({ kind: 'general_meeting', period: '2026-Q3', status: 'met', sessions: ['s7', 's8'], period_start: '2026-07-01', period_end: '2026-09-30' }),
    period({ kind: 'general_meeting', period: '2026-Q4', status: 'open', days_left: 40, period_start: '2026-10-01', period_end: '2026-12-31' }),
    period({ kind: 'committee_meeting', period: '2026-10', status: 'missed', period_start: '2026-10-01', period_end: '2026-10-31' }),
    period({ kind: 'committee_meeting', period: '2026-11', status: 'open', days_left: 9, period_start: '2026-11-01', period_end: '2026-11-30' }),
    period({
      kind: 'group_meeting',
      period: '2026-11',
      status: 'open',
      days_left: 9,
      party_group: '第一党小组',
      party_group_id: 'g1',
      period_start: '2026-11-01',
      period_end: '2026-11-30',
    }),
  ],
};

const ALARMS: Alarm[] = [
  {
    kind: 'probation_ending',
    level: 'overdue',
    message: '',
    member_id: 'm3',
    member_name: '冯雅琪',
    date: '2026-11-20',
    count: 0,
    place: 'members',
  },
  {
    kind: 'dues_arrears',
    level: 'warning',
    message: '',
    member_id: 'm5',
    member_name: '黄静',
    date: null,
    count: 5,
    place: 'dues',
  },
];

/** What superior_status answers (none: the call fails, and the line is not shown). */
let superiorStatus: ReportStatus | null = null;

/** What phone_share_status answers: closed unless a test opens it. */
let share = { running: false, url: null as string | null, until: null as string | null, qr_svg: null as string | null };

async function mountHome(failing: string | null = null) {
  mockIPC((cmd) => {
    if (cmd === failing) throw { code: 'db', message: 'disk I/O error', field: null, reason: null };
    if (cmd === 'phone_share_status') return share;
    if (cmd === 'compliance_get') return REPORT;
    if (cmd === 'member_list')
      return { total: 0, rows: [], counts: { applicant: 0, activist: 0, candidate: 0, probationary: 2, full: 24, total: 26, voters: 23 } };
    if (cmd === 'group_list') return [];
    if (cmd === 'strengths_assess') return assessment();
    if (cmd === 'alarms_get') return ALARMS;
    if (cmd === 'superior_status' && superiorStatus) return superiorStatus;
    throw new Error(cmd);
  });
  const mounted = await mountRoutedPage(HomePage, '/home', ['/sessions', '/members', '/strengths', '/dues']);
  wrapper = mounted.wrapper;
  const router = mounted.router;
  return router;
}

describe('工作台 header', () => {
  test('says 手机查学时 is open and until when, only while it is', async () => {
    share = { running: false, url: null, until: null, qr_svg: null };
    await mountHome();
    expect(document.querySelector('[data-testid="home-phone-share"]')).toBeNull();
    wrapper?.unmount();
    share = { running: true, url: 'http://192.168.1.5:8730/', until: '15:30', qr_svg: '<svg/>' };
    await mountHome();
    expect(document.querySelector('[data-testid="home-phone-share"]')?.textContent?.trim()).toBe('手机查学时 开放中，至 15:30');
    share = { running: false, url: null, until: null, qr_svg: null };
  });
});

describe('工作台 上报 line', () => {
  test('says when what the 党委 published waits to be adopted, and only then', async () => {
    const reported: ReportStatus = {
      state: 'reported',
      last_reported_at: '2026-11-22 09:00:00',
      last_as_of: '2026-11-22',
      last_attempt_at: '2026-11-22 09:00:00',
      error: '',
      waiting: 0,
      awaiting_adoption: 0,
      text: '已上报（2026-11-22 09:00:00，截至 2026-11-22）',
    };
    superiorStatus = reported;
    await mountHome();
    await eventually(() => expect(byTestId('home-superior').textContent).toContain('已上报'));
    expect(document.querySelector('[data-testid="home-superior-awaiting"]')).toBeNull();
    wrapper?.unmount();
    superiorStatus = { ...reported, awaiting_adoption: 2 };
    await mountHome();
    await eventually(() => expect(byTestId('home-superior-awaiting').textContent).toContain('上级党委下发了 2 项新内容待采用'));
    superiorStatus = null;
  });
});

describe('工作台 roster figures', () => {
  test('有表决权 is the core’s figure (留党察看 excluded), not the count of 正式党员', async () => {
    await mountHome();
    const voters = document.querySelector('[data-testid="home-voters"]');
    expect(voters?.textContent).toContain('23');
    expect(voters?.textContent).not.toContain('24');
  });
});

describe('工作台 calendar', () => {
  test('what is due comes first as sentences, then what was missed', async () => {
    await mountHome();
    const items = [...document.querySelectorAll('[data-testid="due-item"]')].map((e) => e.querySelector('.due__text')?.textContent);
    expect(items).toEqual(['本月尚未召开支委会，还剩 9 天', '本月尚未召开第一党小组党小组会，还剩 9 天', '本季度尚未召开支部党员大会，还剩 40 天']);
    expect(document.querySelector('[data-testid="missed-item"]')?.textContent).toContain('2026年10月未召开支委会');
  });

  test('the grid has a cell per period with its status; group rows carry the group id', async () => {
    await mountHome();
    const cell = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    expect(cell('year-grid')).not.toBeNull();
    expect(cell('cell-general_meeting-2026-Q3')?.dataset.status).toBe('met');
    expect(cell('cell-committee_meeting-2026-10')?.dataset.status).toBe('missed');
    expect(cell('cell-committee_meeting-2026-11')?.dataset.status).toBe('open');
    expect(cell('cell-group_meeting-2026-11-g1')?.dataset.status).toBe('open');
  });

  test('a met cell opens the sessions behind it; one still owed opens the form for its obligation and period', async () => {
    const router = await mountHome();
    const push = vi.spyOn(router, 'push');
    document.querySelector<HTMLElement>('[data-testid="cell-general_meeting-2026-Q3"]')!.click();
    expect(push).toHaveBeenLastCalledWith({ name: 'sessions', query: { ids: 's7,s8' } });
    document.querySelector<HTMLElement>('[data-testid="cell-committee_meeting-2026-10"]')!.click();
    expect(push).toHaveBeenLastCalledWith({
      name: 'sessions',
      query: { obligation: 'committee_meeting', from: '2026-10-01', to: '2026-10-31', new: '1' },
    });
  });
});

describe('工作台 四强 card', () => {
  test('shows this year’s overall and four scores and what is missing; a click opens 四强', async () => {
    const router = await mountHome();
    await eventually(() => expect(byTestId('home-strengths-overall').textContent).toBe('54%'));
    const rows = ['political', 'leadership', 'membership', 'impact'].map((k) => byTestId(`home-strength-${k}`).textContent);
    expect(rows).toEqual(['政治功能强0%', '支部班子强67%', '党员队伍强100%', '作用发挥强50%']);
    expect(byTestId('home-strengths').textContent).toContain('尚缺 5 项');
    const push = vi.spyOn(router, 'push');
    byTestId('home-strengths').click();
    expect(push).toHaveBeenLastCalledWith({ name: 'strengths' });
  });
});

describe('工作台 alarms', () => {
  test('each alarm in Chinese, overdue in red, with a link to where it is resolved', async () => {
    const router = await mountHome();
    const texts = [...document.querySelectorAll('[data-testid="alarm-text"]')].map((e) => e.textContent);
    expect(texts).toEqual(['冯雅琪 的预备期已于 2026-11-20 期满，应及时召开支部党员大会讨论转正', '黄静 已连续 5 个月未交纳党费，请及时提醒']);
    expect(byTestId('alarm-probation_ending').querySelector('.el-tag--danger')).not.toBeNull();
    byTestId('alarm-go-probation_ending').click();
    await eventually(() => expect(router.currentRoute.value.fullPath).toBe('/members?member=m3'));
    byTestId('alarm-go-dues_arrears').click();
    await eventually(() => expect(router.currentRoute.value.name).toBe('dues'));
  });
});

describe('工作台 start', () => {
  test('drawn once all its answers are in, and drawn too when one of them fails, with that card saying why', async () => {
    await mountHome('compliance_get');
    await eventually(() => expect(document.querySelector('[data-testid="home-alarms"]')).not.toBeNull());
    expect(document.querySelectorAll('[data-testid="alarm-text"]')).toHaveLength(2);
    const alerts = [...document.querySelectorAll('.el-alert__title')].map((e) => e.textContent ?? '');
    expect(alerts).toEqual(['数据库出错，操作未完成，数据未被改动（错误代码：db）']);
    expect(document.querySelector('.page.home > .el-loading-mask')).toBeNull();
  });
});
