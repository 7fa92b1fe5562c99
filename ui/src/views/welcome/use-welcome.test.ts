import { afterEach, describe, expect, test } from 'vitest';
import { mount } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { defineComponent } from 'vue';
import { appPlugins, TEST_BRANCH } from '@/test-utils';
import { useAppStore } from '@/stores/app';
import { cleanBranchInput, emptyBranchInput, useWelcome } from './use-welcome';

afterEach(() => clearMocks());

const BRANCH = { ...TEST_BRANCH, name: '某某党支部' };

function withWelcome(): { welcome: ReturnType<typeof useWelcome>; router: Router } {
  const { plugins } = appPlugins();
  const blank = { template: '<div />' };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['welcome', 'members', 'guide'].map((name) => ({ path: `/${name}`, name, component: blank })),
  });
  let welcome!: ReturnType<typeof useWelcome>;
  mount(defineComponent({ setup: () => ((welcome = useWelcome()), () => null) }), { global: { plugins: [...plugins, router] } });
  return { welcome, router };
}

describe('first run', () => {
  test('a new branch opens the 入门指南; the demo opens its roster', async () => {
    mockIPC((cmd) => {
      if (cmd === 'branch_create' || cmd === 'demo_create') return BRANCH;
      throw new Error(cmd);
    });
    const first = withWelcome();
    first.welcome.form.name = '  某某党支部 ';
    await first.welcome.createBranch();
    expect(first.router.currentRoute.value.name).toBe('guide');
    expect(useAppStore().branch?.name).toBe('某某党支部');

    const demo = withWelcome();
    await demo.welcome.useDemo();
    expect(demo.router.currentRoute.value.name).toBe('members');
  });

  test('the branch input is trimmed and blank dates are left out', () => {
    expect(cleanBranchInput({ name: ' 甲 ', superior_org: ' 乙 ', founded_on: '', term_start: '2026-01-01', term_end: null, records_from: '' })).toEqual({
      name: '甲',
      superior_org: '乙',
      founded_on: null,
      term_start: '2026-01-01',
      term_end: null,
      term_years: null,
      records_from: null,
      lecture_series_target: null,
      name_order: null,
    });
    // The 支部设置 radio's choice is sent as it is.
    expect(cleanBranchInput({ ...emptyBranchInput(), name: '甲', name_order: 'strokes' }).name_order).toBe('strokes');
  });

  test('a new branch records from the first day of the current month', () => {
    expect(emptyBranchInput('2026-11-22').records_from).toBe('2026-11-01');
    expect(emptyBranchInput().records_from).toBeNull();
    expect(emptyBranchInput().name_order).toBe('pinyin');
  });
});
