import { afterEach, describe, expect, test } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { BackupEntry } from '@/generated/BackupEntry';
import type { FileSummary } from '@/generated/FileSummary';
import { appPlugins, byTestId, eventually, has } from '@/test-utils';
import BackupPanel from './backup-panel.vue';
import { sizeText } from './use-backups';

afterEach(() => {
  clearMocks();
  document.body.innerHTML = '';
});

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
    let list: BackupEntry[] = [DAILY];
    mockIPC((cmd, args) => {
      calls.push(cmd);
      switch (cmd) {
        case 'backup_list':
          return list;
        case 'backup_create': {
          const manual = { ...DAILY, kind: 'manual' as const, file_name: 'zhibu-20261122-100000-manual.sqlite3', taken_at: '2026-11-22 10:00' };
          list = [manual, ...list];
          return summary(30);
        }
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

    byTestId('backup-create').click();
    await eventually(() => expect(wrapper.text()).toContain('手动备份'));

    // The daily backup is the second row now.
    const buttons = () => document.querySelectorAll<HTMLElement>('[data-testid="backup-restore"]');
    await eventually(() => expect(buttons().length).toBe(2));
    buttons()[1].click();
    await eventually(() => expect(has('backup-compare')).toBe(true));
    expect(byTestId('backup-compare').textContent).toContain('党员 31 人');
    expect(byTestId('backup-compare').textContent).toContain('党员 30 人');
    expect(calls).not.toContain('backup_restore');

    byTestId('backup-restore-confirm').click();
    await eventually(() => expect(wrapper.emitted('restored')).toHaveLength(1));
    expect(calls).toContain('backup_restore');
  });

  test('a refused file says why and restores nothing', async () => {
    mockIPC((cmd) => {
      if (cmd === 'backup_list') return [];
      if (cmd === 'backup_stage') throw { code: 'not_a_database', message: 'x', field: null, reason: null };
      return null;
    });
    const { plugins } = appPlugins();
    const wrapper = mount(BackupPanel, { global: { plugins }, attachTo: document.body });
    await eventually(() => expect(wrapper.text()).toContain('还没有备份'));
    const input = byTestId('backup-file') as HTMLInputElement;
    const file = new File(['not a database'], '名单.xlsx');
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    await eventually(() => expect(document.body.textContent).toContain('不是支部工作台的数据库'));
    await flushPromises();
    expect(has('backup-compare')).toBe(false);
    expect(wrapper.emitted('restored')).toBeUndefined();
  });
});
