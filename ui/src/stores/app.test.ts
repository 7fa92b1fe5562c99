import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { createPinia, setActivePinia } from 'pinia';
import { createAppRouter } from '@/router';
import { useAppStore } from './app';
import { TEST_BRANCH } from '@/test-utils';

const INFO = { version: '0.1.0', license: 'MIT', db_path: '/data/zhibu.sqlite3', data_dir: '/data', today: '2026-11-22' };

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => clearMocks());

describe('start-up', () => {
  test('loads app info and the branch once', async () => {
    let calls = 0;
    mockIPC((cmd) => {
      calls += 1;
      return cmd === 'app_info' ? INFO : TEST_BRANCH;
    });
    const app = useAppStore();
    await Promise.all([app.load(), app.load()]);
    expect(calls).toBe(2);
    expect(app.state).toBe('ready');
    expect(app.today).toBe('2026-11-22');
    expect(app.branch?.name).toBe('永川区行政服务中心党支部');
  });

  test('asks for the app info and the branch together, not one after the other', async () => {
    const asked: string[] = [];
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    mockIPC(async (cmd) => {
      asked.push(cmd);
      if (asked.length === 2) answer();
      await answered;
      return cmd === 'app_info' ? INFO : TEST_BRANCH;
    });
    const app = useAppStore();
    await app.load();
    expect(asked.sort()).toEqual(['app_info', 'branch_get']);
    expect(app.state).toBe('ready');
  });

  test.each(['schema_too_new', 'not_a_database'])('a database that cannot be opened (%s) fails start-up with its reason', async (code) => {
    mockIPC((cmd) => {
      if (cmd === 'app_info') return INFO;
      throw { code, message: '数据库由更新版本的支部工作台写入', field: null, reason: null };
    });
    const app = useAppStore();
    await app.load();
    expect(app.state).toBe('failed');
    expect(app.startError?.code).toBe(code);
    expect(app.info?.db_path).toBe('/data/zhibu.sqlite3');
  });
});

describe('routes', () => {
  test('without a branch every route leads to the first-run page', async () => {
    mockIPC((cmd) => (cmd === 'app_info' ? INFO : null));
    const router = createAppRouter();
    await router.push('/members');
    expect(router.currentRoute.value.name).toBe('welcome');
  });

  test('with a branch the first-run page is skipped and / opens the 工作台', async () => {
    mockIPC((cmd) => (cmd === 'app_info' ? INFO : TEST_BRANCH));
    const router = createAppRouter();
    await router.push('/welcome');
    expect(router.currentRoute.value.name).toBe('home');
    await router.push('/');
    expect(router.currentRoute.value.name).toBe('home');
    await router.push('/settings');
    expect(router.currentRoute.value.name).toBe('settings');
  });
});
