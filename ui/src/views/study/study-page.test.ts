import { describe, expect, test } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { acceptSaveDialogs, cleanUpAfterEach, eventually, mountRoutedPage } from '@/test-utils';
import type { StudyReport } from '@/generated/StudyReport';
import { credits, report } from './fixtures';
import StudyPage from './index.vue';

cleanUpAfterEach();

const texts = (id: string) => [...document.querySelectorAll(`[data-testid="${id}"]`)].map((e) => e.textContent?.trim());
const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

async function mountPage(answer: () => StudyReport = report) {
  const asked: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    asked.push([cmd, args]);
    if (cmd === 'study_report') return answer();
    if (cmd === 'self_check_settings') return { mode: 'pin', with_pin: ['m2'] };
    if (cmd === 'study_credits') return credits();
    if (cmd === 'study_statement_png') return [137, 80, 78, 71];
    if (cmd === 'group_list') return [];
    if (cmd === 'member_list')
      return { total: 0, rows: [], counts: { applicant: 0, activist: 0, candidate: 0, probationary: 0, full: 0, total: 0, voters: 0 } };
    throw new Error(cmd);
  });
  const { router } = await mountRoutedPage(StudyPage, '/study', ['/my-hours']);
  return { asked, router };
}

describe('学时 page', () => {
  test('the summary, the table worst first, who is behind and the categories', async () => {
    const { asked } = await mountPage();
    expect(asked).toContainEqual(['study_report', { year: 2026, asOf: '2026-11-22' }]);
    expect(byTestId('study-rate')?.textContent).toBe('25%');
    expect(byTestId('study-on-track')?.textContent).toBe('2');
    expect(texts('study-row-name')).toEqual(['吴刚', '杨丽', '徐婷', '周建华', '陈老']);
    expect(texts('study-row-pace')).toEqual(['落后 18.5 学时', '落后 2.5 学时', '进度正常', '达标', '免除']);
    expect(document.body.textContent).toContain('因病长期休养');
    expect(texts('study-behind-item').map((s) => s?.slice(0, 2))).toEqual(['吴刚', '杨丽']);
    expect(byTestId('study-categories')?.textContent).toContain('青年理论小组');
  });

  test('只看落后 leaves only those behind', async () => {
    await mountPage();
    byTestId('study-behind-only')?.click();
    await flushPromises();
    expect(texts('study-row-name')).toEqual(['吴刚', '杨丽']);
  });

  test('a member opens in the drawer with the credits; replaced credits are marked', async () => {
    const { asked } = await mountPage();
    byTestId('study-behind-item')?.click();
    await eventually(() => expect(byTestId('ledger-name')?.textContent).toBe('吴刚'));
    expect(asked).toContainEqual(['study_credits', { query: { member_id: 'm3', year: 2026, as_of: '2026-11-22' } }]);
    await eventually(() => expect(texts('ledger-row-category')).toHaveLength(5));
    expect(texts('ledger-row-replaced')).toEqual(['已更正，不计入']);
    // Stored entries can be deleted; credits from attendance cannot.
    expect(texts('ledger-delete')).toHaveLength(2);
    expect(byTestId('ledger-pin-state')?.textContent?.trim()).toBe('未设置个人密码');
  });

  test('counted and uncounted hours, and a target prorated by the days on the roster', async () => {
    await mountPage(() => {
      const r = report();
      Object.assign(r.members[1], { uncounted_hours: 6, target: 16, full_target: 32, target_prorated: true, roster_days: 184 });
      return r;
    });
    expect(texts('study-row-uncounted')).toEqual(['未计入 6']);
    expect(texts('study-row-prorated')).toEqual(['折算']);
    // The categories that do not count say so; the totals split counted from not.
    expect(texts('study-category-not-counted')).toEqual(['未计入', '未计入']);
    expect(byTestId('study-counted-total')?.textContent?.trim()).toBe('计入 142 学时，未计入 62 学时');
    const xu = [...document.querySelectorAll<HTMLElement>('[data-testid="study-row-name"]')].find((e) => e.textContent === '徐婷');
    xu?.closest('tr')?.click();
    await eventually(() => expect(byTestId('ledger-name')?.textContent).toBe('徐婷'));
    expect(byTestId('ledger-prorated')?.textContent?.trim()).toBe('按在册天数折算（全年 32 学时，在册 184 天）');
    expect(byTestId('ledger-uncounted')?.textContent?.trim()).toBe('另有 6 学时未计入目标');
    await eventually(() => expect(texts('ledger-row-not-counted')).toEqual(['未计入目标']));
  });

  test('我的学时 is one click away', async () => {
    const { router } = await mountPage();
    byTestId('study-my-hours')?.click();
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('my-hours');
  });

  test('生成学时单 saves the core’s PNG of the member under their name', async () => {
    const { asked } = await mountPage();
    const contents: Uint8Array[] = [];
    const names = acceptSaveDialogs('/home/她/文档', contents);
    byTestId('study-behind-item')?.click();
    await eventually(() => expect(byTestId('ledger-name')?.textContent).toBe('吴刚'));
    await eventually(() => expect((byTestId('ledger-statement-png') as HTMLButtonElement).disabled).toBe(false));
    byTestId('ledger-statement-png')?.click();
    await eventually(() => expect(names).toEqual(['吴刚-2026年学时单.png']));
    expect(asked).toContainEqual(['study_statement_png', { memberId: 'm3', year: 2026 }]);
    expect([...contents[0]]).toEqual([137, 80, 78, 71]);
    await eventually(() => expect(document.body.textContent).toContain('已保存 吴刚 的学时单'));
  });
});
