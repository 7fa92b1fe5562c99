// 设置 → 关于: opening the data folder, and starting over as on the first run (the data is
// backed up first, then the window starts afresh on the emptied database).
import { ref } from 'vue';
import { appOpenDataFolder } from '@/api/app';
import { backupStartOver } from '@/api/backup';
import type { FileSummary } from '@/generated/FileSummary';

export function useAbout(reload: () => void) {
  const busy = ref<'folder' | 'start_over' | null>(null);

  async function run<T>(kind: 'folder' | 'start_over', action: () => Promise<T>): Promise<T> {
    busy.value = kind;
    try {
      return await action();
    } finally {
      busy.value = null;
    }
  }

  /** Resolves once the file manager was asked; rejects when the system could not show it. */
  const openFolder = () => run('folder', appOpenDataFolder);

  /** Backs up and empties the data, then reloads the window (which shows the first-run page). */
  async function startOver(): Promise<FileSummary> {
    const backup = await run('start_over', backupStartOver);
    reload();
    return backup;
  }

  return { busy, openFolder, startOver };
}
