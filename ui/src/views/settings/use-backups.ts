// 备份 / 恢复: the backups beside the database, a backup now, a file brought from elsewhere,
// and a restore that first shows what it would replace.
import { ref } from 'vue';
import { backupList, backupPreview, backupRestore, backupStage, type RestorePreview } from '@/api/backup';
import type { BackupEntry } from '@/generated/BackupEntry';
import { backupSave, type SavedFile } from '@/api/files';
import type { Restored } from '@/generated/Restored';

/** "1.2 MB", "36 KB". */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}

export function useBackups() {
  const list = ref<BackupEntry[]>([]);
  const loading = ref(false);
  const busy = ref(false);
  /** The backup being considered for a restore, with what it would replace. */
  const pending = ref<{ entry: BackupEntry; preview: RestorePreview } | null>(null);

  async function load() {
    loading.value = true;
    try {
      list.value = await backupList();
    } finally {
      loading.value = false;
    }
  }

  async function run<T>(action: () => Promise<T>): Promise<T> {
    busy.value = true;
    try {
      return await action();
    } finally {
      busy.value = false;
    }
  }

  /**
   * A checked copy now, where she chooses (the save dialog, labelled `filterLabel`); null when
   * she cancelled. The daily backups stay beside the database.
   */
  function create(filterLabel: string): Promise<SavedFile | null> {
    return run(() => backupSave(filterLabel));
  }

  /** Shows what restoring `entry` would replace. */
  function consider(entry: BackupEntry): Promise<void> {
    return run(async () => {
      pending.value = { entry, preview: await backupPreview(entry.file_name) };
    });
  }

  /** Keeps the file at `path` (chosen in the open dialog) among the backups (refused when it is
   *  not a sound backup), then considers it. */
  function bring(path: string): Promise<void> {
    return run(async () => {
      const entry = await backupStage(path);
      await load();
      pending.value = { entry, preview: await backupPreview(entry.file_name) };
    });
  }

  /** Restores the pending backup; the data it replaces is backed up first. */
  function restore(): Promise<Restored> {
    const p = pending.value;
    if (!p) return Promise.reject(new Error('nothing to restore'));
    return run(async () => {
      const done = await backupRestore(p.entry.file_name);
      pending.value = null;
      await load();
      return done;
    });
  }

  return { list, loading, busy, pending, load, create, consider, bring, restore };
}
