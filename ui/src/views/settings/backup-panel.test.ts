import { describe, expect, test } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { BackupEntry } from '@/generated/BackupEntry';
import type { FileSummary } from '@/generated/FileSummary';
import { appPlugins, byTestId, cleanUpAfterEach, eventually, has } from '@/test-utils';
import BackupPanel from './backup-panel.vue';
import { sizeText } from './use-backups';

cleanUpAfterEach();

const DAILY: BackupEntry = {
  file_name: 'zhibu-20261122-080000-daily.sqlite3',
  path: '/data/backups/zhibu-20261122-080000-daily.sqlite3',
  kind: 'daily',
  taken_at: '2026-11-22 08:00',
  bytes: 1_572_864,
};

function summary(members: number): FileSummary {
  return {
    path: '/data/zhibu.sqlite3',
    bytes: 1000,
    schema_version: 4,
    branch_name: '永川区行政服务中心党支部',
    members,
    sessions: 120,
    study_entries: 300,
    last_change_at: null,
  };
}

describe('备份与恢复', () => {
  test('sizes read as KB or MB', () => {
    expect(sizeText(1_572_864)).toBe('1.5 MB');
    expect(sizeText(10)).toBe('1 KB');
    expect(sizeText(36 * 1024)).toBe('36 KB');
  });

  test('backs up now, then restores a backup after showing what it replaces', async () => {
    const calls: string[] = [];
    const list: BackupEntry[] = [DAILY];
    mockIPC((cmd, args) => {
      calls.push(cmd);
      switch (cmd) {
        case 'backup_list':
          return list;
        case 'backup_save':
          expect(args).toEqual({ filter: '支部工作台备份' });
          return { path: '/home/她/文档/zhibu-zhibu-20261122-100000-manual.sqlite3', file_name: 'zhibu-zhibu-20261122-100000-manual.sqlite3' };
        case 'backup_preview':
          expect(args).toEqual({ fileName: DAILY.file_name });
          return { current: summary(31), incoming: summary(30) };
        case 'backup_restore':
          return { safety_backup: summary(31), restored: summary(30) };
        default:
          return null;
      }
    });
    const { plugins } = appPlugins();
    const wrapper = mount(BackupPanel, { global: { plugins }, attachTo: document.body });
    await eventually(() => expect(wrapper.text()).toContain('每日自动备份'));
    expect(wrapper.text()).toContain('1.5 MB');

    // 立即备份 goes where she chooses, and says where, with 打开所在文件夹; the list of
    // automatic backups beside the database is as it was.
    byTestId('backup-create').click();
    await eventually(() => expect(byTestId('saved-file-path').textContent).toBe('/home/她/文档/zhibu-zhibu-20261122-100000-manual.sqlite3'));
    expect(document.body.textContent).toContain('已备份并校验：zhibu-zhibu-20261122-100000-manual.sqlite3');
    expect(has('saved-file-reveal')).toBe(true);

    const buttons = () => document.querySelectorAll<HTMLElement>('[data-testid="backup-restore"]');
    expect(buttons().length).toBe(1);
    buttons()[0].click();
    await eventually(() => expect(has('backup-compare')).toBe(true));
    expect(byTestId('backup-compare').textContent).toContain('党员 31 人');
    expect(byTestId('backup-compare').textContent).toContain('党员 30 人');
    expect(calls).not.toContain('backup_restore');

    byTestId('backup-restore-confirm').click();
    await eventually(() => expect(wrapper.emitted('restored')).toHaveLength(1));
    expect(calls).toContain('backup_restore');
  });

  test('a refused file says why and restores nothing', async () => {
    const staged: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'backup_list') return [];
      if (cmd === 'file_open') return '/home/她/文档/名单.xlsx';
      if (cmd === 'backup_stage_path') {
        staged.push(args);
        throw { code: 'not_a_database', message: 'x', field: null, reason: null };
      }
      return null;
    });
    const { plugins } = appPlugins();
    const wrapper = mount(BackupPanel, { global: { plugins }, attachTo: document.body });
    await eventually(() => expect(wrapper.text()).toContain('还没有自动备份'));
    byTestId('backup-from-file').click();
    await eventually(() => expect(document.body.textContent).toContain('不是支部工作台的数据库'));
    await flushPromises();
    expect(has('backup-compare')).toBe(false);
    expect(wrapper.emitted('restored')).toBeUndefined();
    expect(staged).toEqual([{ path: '/home/她/文档/名单.xlsx' }]);
  });

  test('从文件恢复… asks the native open dialog for a backup; a chosen one is compared, a cancel does nothing', async () => {
    const asked: [string, unknown][] = [];
    let chosen: string | null = null;
    mockIPC((cmd, args) => {
      asked.push([cmd, JSON.parse(JSON.stringify(args ?? {}))]);
      switch (cmd) {
        case 'backup_list':
          return [];
        case 'file_open':
          return chosen;
        case 'backup_stage_path':
          return DAILY;
        case 'backup_preview':
          return { current: summary(31), incoming: summary(30) };
        default:
          return null;
      }
    });
    const { plugins } = appPlugins();
    const wrapper = mount(BackupPanel, { global: { plugins }, attachTo: document.body });
    await eventually(() => expect(wrapper.text()).toContain('还没有自动备份'));
    expect(document.querySelector('input[type="file"]')).toBeNull();

    byTestId('backup-from-file').click();
    await eventually(() => expect(asked.map(([c]) => c)).toContain('file_open'));
    await flushPromises();
    expect(asked.find(([c]) => c === 'file_open')?.[1]).toEqual({
      filters: [{ name: '支部工作台备份', extensions: ['sqlite3', 'db', 'sqlite'] }],
      title: '从文件恢复…',
    });
    expect(asked.map(([c]) => c)).not.toContain('backup_stage_path');
    expect(has('backup-compare')).toBe(false);

    chosen = '/media/U盘/zhibu-20261120-080000-daily.sqlite3';
    byTestId('backup-from-file').click();
    await eventually(() => expect(has('backup-compare')).toBe(true));
    expect(asked.find(([c]) => c === 'backup_stage_path')?.[1]).toEqual({ path: chosen });
  });
});
