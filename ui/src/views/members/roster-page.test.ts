import { describe, expect, test } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { RosterPage } from '@/generated/RosterPage';
import { appPlugins, byTestId, cleanUpAfterEach, eventually, has } from '@/test-utils';
import ImportDialog from './import-dialog.vue';
import RosterView from './index.vue';
import { PREVIEW_CLEAN } from './import-fixtures';

let wrapper: VueWrapper | null = null;

cleanUpAfterEach();

function page(names: string[]): RosterPage {
  return {
    total: names.length,
    counts: { applicant: 0, activist: 0, candidate: 0, probationary: 0, full: names.length, total: names.length, voters: names.length },
    rows: names.map((name, i) => ({
      id: `m${i}`,
      name,
      gender: 'female',
      birth_date: '1990-01-01',
      id_number_masked: '500118********0026',
      phone_masked: '',
      stage: 'full',
      status: 'normal',
      party_group_id: null,
      party_group: null,
      roles: [],
      joined_on: '2015-07-01',
      confirmed_on: '2016-07-01',
      archived_on: null,
    })),
  };
}

/** The roster page at `/members` (with `query`), as the app routes to it. */
async function mountRoster(query: Record<string, string> = {}) {
  const { plugins } = appPlugins();
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/members', name: 'members', component: RosterView }] });
  await router.push({ path: '/members', query });
  wrapper = mount({ template: '<router-view />' }, { global: { plugins: [...plugins, router] }, attachTo: document.body });
}

describe('党员花名册 page', () => {
  test('导入 opens the roster import; an import reloads the roster and the 党小组', async () => {
    const asked: string[] = [];
    let imported = false;
    mockIPC((cmd) => {
      asked.push(cmd);
      if (cmd === 'member_list') return imported ? page(['吴刚', '徐婷', '李四']) : page(['吴刚']);
      if (cmd === 'group_list') return [];
      throw new Error(cmd);
    });
    await mountRoster();
    await eventually(() => expect(byTestId('roster-table').textContent).toContain('吴刚'));
    expect(has('roster-import-dialog')).toBe(false);

    byTestId('import-members').click();
    await eventually(() => expect(has('roster-import-dialog')).toBe(true));
    expect(has('import-template')).toBe(true);

    imported = true;
    const lists = asked.filter((c) => c === 'member_list').length;
    const groupLists = asked.filter((c) => c === 'group_list').length;
    wrapper!.findComponent(ImportDialog).vm.$emit('imported', PREVIEW_CLEAN);
    await eventually(() => expect(byTestId('roster-table').textContent).toContain('李四'));
    await flushPromises();
    expect(asked.filter((c) => c === 'member_list').length).toBe(lists + 1);
    expect(asked.filter((c) => c === 'group_list').length).toBe(groupLists + 1);
  });

  test('at narrow widths the columns scroll sideways with the scrollbar always shown', async () => {
    mockIPC((cmd) => {
      if (cmd === 'member_list') return page(['吴刚']);
      if (cmd === 'group_list') return [];
      throw new Error(cmd);
    });
    await mountRoster();
    await eventually(() => expect(byTestId('roster-table').textContent).toContain('吴刚'));
    // The name stays fixed on the left and 状态 on the right; the rest scroll between them.
    const bar = byTestId('roster-table').querySelector<HTMLElement>('.el-scrollbar__bar.is-horizontal');
    expect(bar).not.toBeNull();
    expect(bar!.style.display).not.toBe('none');
  });

  test('?member=<id> opens that member’s record, as the 工作台’s alarms link', async () => {
    const asked: string[] = [];
    mockIPC((cmd, args) => {
      asked.push(cmd === 'member_get' ? `${cmd} ${(args as { id: string }).id}` : cmd);
      if (cmd === 'member_list') return page(['吴刚']);
      if (cmd === 'group_list') return [];
      if (cmd === 'member_get') throw { code: 'not_found', message: 'member m7', field: null, reason: null };
      throw new Error(cmd);
    });
    await mountRoster({ member: 'm7' });
    await eventually(() => expect(asked).toContain('member_get m7'));
    await eventually(() => expect(document.querySelector('.el-message--error')).not.toBeNull());
  });
});
