// Helpers for component tests: the plugins the app installs, with a fresh Pinia each time.
import ElementPlus from 'element-plus';
import { afterEach, vi } from 'vitest';
import type { Component } from 'vue';
import { enableAutoUnmount, flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { clearMocks } from '@tauri-apps/api/mocks';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createMemoryHistory, createRouter, type LocationQueryRaw, type Router } from 'vue-router';
import type { Branch } from '@/generated/Branch';
import { createAppI18n } from '@/locales';
import { useAppStore } from '@/stores/app';

/** Plugins for `mount(..., { global: { plugins } })`, with the app's today fixed. */
export function appPlugins(today = '2026-11-22'): { plugins: [typeof ElementPlus, ReturnType<typeof createAppI18n>, Pinia]; pinia: Pinia } {
  const pinia = createPinia();
  setActivePinia(pinia);
  const app = useAppStore();
  app.info = { version: '0.1.0', license: 'MIT', db_path: '/tmp/zhibu.sqlite3', data_dir: '/tmp', today };
  app.state = 'ready';
  return { plugins: [ElementPlus, createAppI18n(), pinia], pinia };
}

let unmountAll: (() => void) | null = null;

/**
 * After each test of the file: `more` (the file's own leftovers), then unmounts whatever it mounted,
 * forgets the IPC mocks and the spies, and empties the document (dialogs teleport to <body>).
 */
export function cleanUpAfterEach(more?: () => void): void {
  if (!unmountAll) enableAutoUnmount((unmount) => (unmountAll = unmount));
  afterEach(() => {
    more?.();
    unmountAll?.();
    clearMocks();
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });
}

/** The element with this data-testid anywhere in the document (dialogs teleport to <body>). */
export function byTestId(id: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no [data-testid="${id}"]`);
  return el;
}

/** Whether an element with this data-testid is in the document. */
export function has(id: string): boolean {
  return document.querySelector(`[data-testid="${id}"]`) !== null;
}

/**
 * Retries `check` until it passes. Patient on purpose: the test machines are shared and a
 * dialog's first render with Element Plus can take seconds under load.
 */
export function eventually<T>(check: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(check, { timeout: 20_000, interval: 20 });
}

/**
 * Answers every save dialog (call after `mockIPC`) as if she accepted the proposed name in
 * `dir` (as if she cancelled it when `dir` is null); the returned list collects the names proposed, as the `x-file-name` header sent them,
 * and `contents` (when given) the bytes saved.
 */
export function acceptSaveDialogs(dir: string | null = '/home/她/文档', contents: Uint8Array[] = []): string[] {
  type Invoke = (cmd: string, args: unknown, options?: { headers?: Record<string, string> }) => unknown;
  const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: Invoke } }).__TAURI_INTERNALS__;
  const invoke = internals.invoke;
  const names: string[] = [];
  internals.invoke = async (cmd, args, options) => {
    if (cmd !== 'file_save') return invoke(cmd, args, options);
    const name = decodeURIComponent(options?.headers?.['x-file-name'] ?? '');
    names.push(name);
    contents.push(args as Uint8Array);
    return dir === null ? null : { path: `${dir}/${name}`, file_name: name };
  };
  return names;
}

/** A promise settled by hand, to let answers arrive in the order a test wants. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The branch the page tests work in. */
export const TEST_BRANCH: Branch = {
  id: 'b1',
  name: '永川区行政服务中心党支部',
  superior_org: '',
  founded_on: null,
  term_start: null,
  term_end: null,
  term_years: 3,
  term_ends: null,
  records_from: null,
  lecture_series_target: 10,
  name_order: 'pinyin',
};

/**
 * Mounts a page at `path` in the test branch (call after `mockIPC`), with routes to the `others`
 * paths, named by their path ('/ledger/print' is 'ledger-print'), that render nothing; resolves
 * once its first loads settle. `routerView` mounts the router's view instead of the page, for a
 * test that navigates.
 */
export async function mountRoutedPage(
  page: Component,
  path: string,
  others: string[],
  options: { today?: string; query?: LocationQueryRaw; routerView?: boolean } = {},
): Promise<{ wrapper: VueWrapper; router: Router }> {
  const { plugins } = appPlugins(options.today ?? '2026-11-22');
  useAppStore().branch = TEST_BRANCH;
  const name = (p: string) => p.slice(1).replace(/\//g, '-');
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path, name: name(path), component: page }, ...others.map((p) => ({ path: p, name: name(p), component: { template: '<div />' } }))],
  });
  await router.push({ path, query: options.query });
  const wrapper = mount(options.routerView ? { template: '<router-view />' } : page, { global: { plugins: [...plugins, router] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, router };
}
