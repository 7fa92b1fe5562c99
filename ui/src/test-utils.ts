// Helpers for component tests: the plugins the app installs, with a fresh Pinia each time.
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createAppI18n } from '@/locales';
import { useAppStore } from '@/stores/app';

/** Plugins for `mount(..., { global: { plugins } })`, with the app's today fixed. */
export function appPlugins(today = '2026-11-22'): { plugins: [typeof ElementPlus, ReturnType<typeof createAppI18n>, Pinia]; pinia: Pinia } {
  const pinia = createPinia();
  setActivePinia(pinia);
  const app = useAppStore();
  app.info = { version: '0.1.0', db_path: '/tmp/zhibu.sqlite3', today };
  app.state = 'ready';
  return { plugins: [ElementPlus, createAppI18n(), pinia], pinia };
}
