import { describe, expect, test } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { ConnectionInfo } from '@/generated/ConnectionInfo';
import { createAppRouter } from '@/router';
import { useAppStore } from '@/stores/app';
import { appPlugins, byTestId, cleanUpAfterEach, eventually, has } from '@/test-utils';
import Welcome from '@/views/welcome/index.vue';
import Branch from './branch.vue';
import Overview from './overview.vue';
import { BRANCH, OVERVIEW } from './fixtures';

cleanUpAfterEach();

const INFO = { version: '0.1.0', license: 'MIT', db_path: '/data/zhibu.sqlite3', data_dir: '/data', today: '2026-11-22' };
const CONNECTION: ConnectionInfo = {
  host: '10.1.2.3',
  port: 5432,
  database: 'dangwei',
  role: 'zb_dangwei_reader',
  verify_host: true,
  has_password: true,
  ca_pem: '-----BEGIN CERTIFICATE-----',
};

function routerFor(page: object, path: string) {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path, component: page, props: true },
      { path: '/council-branch/:id', name: 'council-branch', component: { template: '<div />' } },
      { path: '/council-overview', name: 'council-overview', component: { template: '<div />' } },
    ],
  });
}

async function mountAt(page: object, routePath: string, at: string) {
  const { plugins } = appPlugins();
  const router = routerFor(page, routePath);
  await router.push(at);
  mount({ template: '<router-view />' }, { global: { plugins: [...plugins, router] }, attachTo: document.body });
  await flushPromises();
  return router;
}

function input(id: string): HTMLInputElement | HTMLTextAreaElement {
  const el = byTestId(id);
  return (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' ? el : el.querySelector('input, textarea')) as HTMLInputElement;
}

describe('所辖支部一览', () => {
  test('lists every branch with its figures and marks; the filters narrow it; a name opens the report', async () => {
    mockIPC((cmd) => (cmd === 'council_overview' ? OVERVIEW : null));
    const router = await mountAt(Overview, '/council-overview-page', '/council-overview-page');
    await eventually(() => expect(has('council-branch-b1')).toBe(true));
    expect(byTestId('council-count').textContent).toContain('共 3 个支部');
    expect(byTestId('council-silent-b2').textContent).toContain('尚未上报');
    expect(byTestId('council-silent-b3').textContent).toContain('9 天未报');
    expect(has('council-silent-b1')).toBe(false);
    expect(has('council-tampered-b3')).toBe(true);
    const table = byTestId('council-table').textContent ?? '';
    expect(table).toContain('80.0%');
    expect(table).toContain('75.0%');

    (byTestId('council-filter-alarms').querySelector('input') as HTMLInputElement).click();
    await flushPromises();
    await eventually(() => expect(has('council-branch-b1')).toBe(false));
    expect(has('council-branch-b3')).toBe(true);

    byTestId('council-branch-b3').click();
    await eventually(() => expect(router.currentRoute.value.params.id).toBe('b3'));
  });

  test('a failed load says why on the page, and 刷新 clears it once the server answers', async () => {
    let reachable = false;
    mockIPC((cmd) => {
      if (cmd !== 'council_overview') return null;
      if (!reachable) throw { code: 'superior', message: 'connection refused', field: null, reason: null, details: ['连接被拒绝'] };
      return OVERVIEW;
    });
    await mountAt(Overview, '/council-overview-page', '/council-overview-page');
    await eventually(() => expect(has('council-load-error')).toBe(true));
    expect(byTestId('council-load-error').textContent).toContain('连接被拒绝');
    expect(has('council-branch-b1')).toBe(false);

    reachable = true;
    byTestId('council-refresh').click();
    await eventually(() => expect(has('council-branch-b1')).toBe(true));
    expect(has('council-load-error')).toBe(false);
  });
});

describe('a branch’s report', () => {
  test('draws the year grid read-only and the 四强 items, 学时, arrears and alarms', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      return cmd === 'council_branch' ? BRANCH : null;
    });
    await mountAt(Branch, '/council-branch-page/:id', '/council-branch-page/b1');
    await eventually(() => expect(has('year-grid')).toBe(true));
    expect(asked).toEqual([['council_branch', { branchId: 'b1' }]]);
    expect(byTestId('council-branch-title').textContent).toContain('永川区行政服务中心党支部');
    expect(byTestId('cell-committee_meeting-2026-10').dataset.status).toBe('met');
    // 未登记 in the branch's own grid offers 补登 / 确认未开展; here it only shows.
    const unrecorded = byTestId('cell-committee_meeting-2026-01');
    unrecorded.click();
    await flushPromises();
    expect(has('cell-committee_meeting-2026-01-actions')).toBe(false);
    expect(byTestId('council-strength-political').textContent).toContain('90%');
    expect(byTestId('council-branch-study').textContent).toContain('王志强');
    expect(byTestId('council-branch-arrears').textContent).toContain('连续 3 个月未交');
    expect(byTestId('council-branch-alarms').textContent).toContain('吴刚已连续 3 个月未交纳党费');
    expect(document.querySelectorAll('[data-testid="council-branch"] .el-button--primary')).toHaveLength(0);
  });

  test('a branch that has not reported says so', async () => {
    mockIPC(() => null);
    await mountAt(Branch, '/council-branch-page/:id', '/council-branch-page/b2');
    await eventually(() => expect(has('council-branch-missing')).toBe(true));
  });
});

describe('the first-run choice 「上级党委」', () => {
  test('tries the typed connection, keeps it and opens the 党委 window; a refusal keeps the page', async () => {
    const saved: unknown[] = [];
    let refuse = true;
    mockIPC((cmd, args) => {
      if (cmd !== 'council_connection_save') return null;
      saved.push(JSON.parse(JSON.stringify(args)));
      if (refuse) throw { code: 'superior', message: '用户名或密码不正确', field: null, reason: null, details: ['用户名或密码不正确'] };
      return CONNECTION;
    });
    const router = await mountAt(Welcome, '/welcome', '/welcome');
    for (const [id, v] of [
      ['council-host', '10.1.2.3'],
      ['council-database', 'dangwei'],
      ['council-role', 'zb_dangwei_reader'],
      ['council-password', 'secret'],
      ['council-ca', '-----BEGIN CERTIFICATE-----'],
    ]) {
      const el = input(id);
      el.value = v;
      el.dispatchEvent(new Event('input'));
    }
    await flushPromises();
    byTestId('council-save').click();
    await eventually(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({
      input: {
        host: '10.1.2.3',
        port: 5432,
        database: 'dangwei',
        role: 'zb_dangwei_reader',
        password: 'secret',
        verify_host: true,
        ca_pem: '-----BEGIN CERTIFICATE-----',
      },
    });
    await flushPromises();
    expect(useAppStore().isCouncil).toBe(false);
    expect(router.currentRoute.value.path).toBe('/welcome');

    refuse = false;
    byTestId('council-save').click();
    await eventually(() => expect(router.currentRoute.value.name).toBe('council-overview'));
    expect(useAppStore().council).toEqual(CONNECTION);
  });
});

describe('routes in 党委 mode', () => {
  test('with a 党委 connection and no branch, only the 党委 pages open', async () => {
    setActivePinia(createPinia());
    mockIPC((cmd) => {
      if (cmd === 'app_info') return INFO;
      if (cmd === 'council_connection_get') return CONNECTION;
      return null;
    });
    const router = createAppRouter();
    await router.push('/');
    expect(router.currentRoute.value.name).toBe('council-overview');
    for (const path of ['/members', '/welcome', '/home', '/settings']) {
      await router.push(path);
      expect(router.currentRoute.value.name).toBe('council-overview');
    }
    await router.push('/council-ranking');
    expect(router.currentRoute.value.name).toBe('council-ranking');
    await router.push('/council-branch/b1');
    expect(router.currentRoute.value.name).toBe('council-branch');
  });

  test('without either, the first-run page; a branch never sees the 党委 pages', async () => {
    setActivePinia(createPinia());
    mockIPC((cmd) => (cmd === 'app_info' ? INFO : null));
    const router = createAppRouter();
    await router.push('/council-overview');
    expect(router.currentRoute.value.name).toBe('welcome');
  });
});
