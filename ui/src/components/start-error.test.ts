import { describe, expect, test } from 'vitest';
import { mount } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { AppError } from '@/api/ipc';
import { appPlugins, byTestId, cleanUpAfterEach, eventually, has } from '@/test-utils';
import StartError from './start-error.vue';

cleanUpAfterEach();

const DAILY = {
  file_name: 'zhibu-20261122-080000-daily.sqlite3',
  path: '/data/backups/zhibu-20261122-080000-daily.sqlite3',
  kind: 'daily',
  taken_at: '2026-11-22 08:00',
  bytes: 4096,
};

function damaged(): AppError {
  return new AppError('not_a_database', '/data/zhibu.sqlite3 不是支部工作台的数据库，或文件已损坏；文件未被改动');
}

describe('start-up failure', () => {
  test('a damaged file is offered the latest backup, and recovering reports where the file went', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, JSON.parse(JSON.stringify(args ?? {}))]);
      if (cmd === 'backup_list') return [DAILY];
      if (cmd === 'backup_recover') return '/data/zhibu.sqlite3.damaged-20261122-090000';
      return null;
    });
    const { plugins } = appPlugins();
    const wrapper = mount(StartError, { props: { error: damaged(), dbPath: '/data/zhibu.sqlite3' }, global: { plugins }, attachTo: document.body });
    await eventually(() => expect(has('start-error-recover')).toBe(true));
    expect(byTestId('start-error-recover').textContent).toContain('2026-11-22 08:00 的每日自动备份');
    byTestId('start-error-recover-button').click();
    await eventually(() => expect(wrapper.emitted('recovered')).toEqual([['/data/zhibu.sqlite3.damaged-20261122-090000']]));
    expect(calls).toContainEqual(['backup_recover', { fileName: DAILY.file_name }]);
  });

  test('no backup offered without backups, nor for a database from a newer version', async () => {
    mockIPC((cmd) => (cmd === 'backup_list' ? [] : null));
    const { plugins } = appPlugins();
    mount(StartError, { props: { error: damaged(), dbPath: null }, global: { plugins }, attachTo: document.body });
    await eventually(() => expect(has('start-error')).toBe(true));
    expect(has('start-error-recover')).toBe(false);

    const seen: string[] = [];
    mockIPC((cmd) => {
      seen.push(cmd);
      return [DAILY];
    });
    const newer = new AppError('schema_too_new', 'm');
    mount(StartError, { props: { error: newer, dbPath: null }, global: { plugins }, attachTo: document.body });
    await eventually(() => expect(document.querySelectorAll('[data-testid="start-error"]').length).toBe(2));
    expect(seen).not.toContain('backup_list');
  });

  test('a file a check found damaged is offered the latest backup too', async () => {
    mockIPC((cmd) => (cmd === 'backup_list' ? [DAILY] : null));
    const { plugins } = appPlugins();
    const found = new AppError('conflict', 'm', null, 'database_damaged');
    mount(StartError, { props: { error: found, dbPath: '/data/zhibu.sqlite3' }, global: { plugins }, attachTo: document.body });
    await eventually(() => expect(has('start-error-recover')).toBe(true));
    expect(byTestId('start-error').textContent).toContain('数据文件已损坏，为保护数据不再写入');
  });
});
