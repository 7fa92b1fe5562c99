// Helpers for component tests: the plugins the app installs, with a fresh Pinia each time.
import ElementPlus from 'element-plus';
import { vi } from 'vitest';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
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
