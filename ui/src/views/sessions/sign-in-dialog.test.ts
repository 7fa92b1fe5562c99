import { describe, expect, test, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import { mockIPC } from '@tauri-apps/api/mocks';
import { createMemoryHistory, createRouter } from 'vue-router';
import { useGroupsStore } from '@/stores/groups';
import { acceptSaveDialogs, appPlugins, byTestId, cleanUpAfterEach, eventually, has } from '@/test-utils';
import SessionsPage from './index.vue';
import SignInDialog from './sign-in-dialog.vue';
import { signInSheet } from './sign-in-fixtures';

let wrapper: VueWrapper | null = null;
const originalPrint = window.print;

cleanUpAfterEach(() => {
  window.print = originalPrint;
  document.documentElement.classList.remove('is-printing');
});

const GROUPS = [
  { id: 'g1', name: '第一党小组', leader_id: null, leader_name: null, member_count: 2, formed_on: null },
  { id: 'g2', name: '第二党小组', leader_id: null, leader_name: null, member_count: 1, formed_on: null },
];

type Args = { kind: string; partyGroupId: string | null; heldOn: string };

/** The core for these tests; answers what the dialog asks and notes each request. */
function mockCore(asked: string[] = []) {
  mockIPC((cmd, raw) => {
    if (cmd === 'session_sign_in' || cmd === 'session_sign_in_xlsx') {
      const args = raw as Args;
      asked.push(`${cmd} ${args.kind} ${args.partyGroupId} ${args.heldOn}`);
      if (args.kind === 'group_meeting' && !args.partyGroupId) {
        throw { code: 'validation', message: 'x', field: 'party_group_id', reason: 'group_required' };
      }
      if (cmd === 'session_sign_in_xlsx') return [80, 75, 3, 4, 1];
      if (args.kind === 'group_meeting') {
        const group = GROUPS.find((g) => g.id === args.partyGroupId)!.name;
        return signInSheet({ kind_label: '党小组会', held_on: args.heldOn, party_group: group, rows: signInSheet().rows.slice(0, 2) });
      }
      return signInSheet({ held_on: args.heldOn });
    }
    if (cmd === 'session_list') return [];
    if (cmd === 'group_list') return GROUPS;
    if (cmd === 'member_list') return { total: 0, rows: [], counts: {} };
    throw new Error(`unexpected ${cmd}`);
  });
  return asked;
}

function mountDialog(prefill: { kind?: string; party_group_id?: string } = {}) {
  const { plugins } = appPlugins('2026-11-22');
  useGroupsStore().groups = GROUPS;
  wrapper = mount(SignInDialog, { props: { visible: true, prefill }, global: { plugins }, attachTo: document.body });
  return wrapper;
}

function select(w: VueWrapper, testId: string, value: unknown) {
  const found = w.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === testId);
  if (!found) throw new Error(`no select ${testId}`);
  found.vm.$emit('update:modelValue', value);
}

const text = (id: string) => byTestId(id).textContent?.replace(/\s+/g, ' ').trim();

describe('签到表 dialog', () => {
  test('shows the sheet as it will print: title, day, 应到 without the excused, a row per person', async () => {
    const asked = mockCore();
    mountDialog({ kind: 'general_meeting' });
    await eventually(() => expect(has('sign-in-sheet')).toBe(true));
    expect(asked).toEqual(['session_sign_in general_meeting null 2026-11-22']);
    expect(byTestId('sign-in-date').querySelector('input')?.value).toBe('2026-11-22');
    expect(text('sign-in-title')).toBe('永川区行政服务中心党支部 支部党员大会签到表');
    const sheet = text('sign-in-sheet');
    expect(sheet).toContain('日期：2026-11-22 星期日');
    expect(sheet).toContain('时间：');
    expect(sheet).toContain('地点：');
    expect(text('sign-in-expected')).toBe('应到 3 人');
    const heads = [...byTestId('sign-in-sheet').querySelectorAll('th')].map((th) => th.textContent);
    expect(heads).toEqual(['序号', '姓名', '党小组', '职务', '签到', '备注']);
    const rows = [...document.querySelectorAll('[data-testid="sign-in-row"]')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toEqual([
      ['1', '张伟', '第一党小组', '支部书记', '', ''],
      ['2', '李娜', '第一党小组', '组织委员、宣传委员', '', ''],
      ['3', '王强', '第二党小组', '', '', '无表决权'],
      ['4', '陈老', '', '', '', '免于参加'],
    ]);
    // The group is asked only for a 党小组会.
    expect(has('sign-in-group')).toBe(false);
  });

  test('a 党小组会 asks for the group: the refusal shows under it until one is picked', async () => {
    const asked = mockCore();
    const w = mountDialog();
    await flushPromises();
    expect(asked).toEqual([]);
    expect(has('sign-in-sheet')).toBe(false);
    select(w, 'sign-in-kind', 'group_meeting');
    await eventually(() => expect(byTestId('sign-in-group').closest('.el-form-item')?.textContent).toContain('党小组会须选择党小组'));
    expect(has('sign-in-error')).toBe(false);
    expect(byTestId('sign-in-print').hasAttribute('disabled')).toBe(true);

    select(w, 'sign-in-group', 'g2');
    await eventually(() => expect(text('sign-in-title')).toBe('永川区行政服务中心党支部（第二党小组） 党小组会签到表'));
    expect(asked.at(-1)).toBe('session_sign_in group_meeting g2 2026-11-22');
    expect(byTestId('sign-in-group').closest('.el-form-item')?.textContent).not.toContain('党小组会须选择党小组');
    expect(text('sign-in-expected')).toBe('应到 2 人');
  });

  test('a future day is fine; 下载 .xlsx proposes <branch><kind>签到表-<date>.xlsx; 打印 prints only the sheet', async () => {
    const asked = mockCore();
    const names = acceptSaveDialogs();
    mountDialog({ kind: 'general_meeting' });
    await eventually(() => expect(has('sign-in-sheet')).toBe(true));
    const input = byTestId('sign-in-date').querySelector('input')!;
    input.value = '2027-01-08';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await eventually(() => expect(text('sign-in-sheet')).toContain('日期：2027-01-08 星期五'));

    byTestId('sign-in-download').click();
    await eventually(() => expect(names).toHaveLength(1));
    expect(names[0]).toBe('永川区行政服务中心党支部支部党员大会签到表-2027-01-08.xlsx');
    expect(asked.at(-1)).toBe('session_sign_in_xlsx general_meeting null 2027-01-08');
    await eventually(() => expect(byTestId('saved-file-path').textContent).toBe(`/home/她/文档/${names[0]}`));

    let printed: Element | null = null;
    window.print = vi.fn(() => {
      printed = document.querySelector('body > .print-sheet');
    });
    expect(has('sign-in-print-sheet')).toBe(false);
    byTestId('sign-in-print').click();
    await eventually(() => expect(printed).not.toBeNull());
    expect(printed!.getAttribute('data-testid')).toBe('sign-in-print-sheet');
    expect(printed!.textContent).toContain('永川区行政服务中心党支部 支部党员大会签到表');
    expect(document.documentElement.classList.contains('is-printing')).toBe(true);
    window.dispatchEvent(new Event('afterprint'));
    await eventually(() => expect(has('sign-in-print-sheet')).toBe(false));
    expect(document.documentElement.classList.contains('is-printing')).toBe(false);
  });

  test('opens from the 三会一课 page with the kind and group it is filtered by', async () => {
    const asked = mockCore();
    const { plugins } = appPlugins('2026-11-22');
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/sessions', name: 'sessions', component: SessionsPage }] });
    await router.push({ path: '/sessions', query: { obligation: 'group_meeting', group: 'g1' } });
    wrapper = mount({ template: '<router-view />' }, { global: { plugins: [...plugins, router] }, attachTo: document.body });
    await flushPromises();
    expect(has('sign-in-dialog')).toBe(false);
    byTestId('sign-in-open').click();
    await eventually(() => expect(text('sign-in-title')).toBe('永川区行政服务中心党支部（第一党小组） 党小组会签到表'));
    expect(asked).toEqual(['session_sign_in group_meeting g1 2026-11-22']);
  });
});
