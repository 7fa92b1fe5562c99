// Files she saves where she chooses: the native save dialog, the file written by the Rust side,
// and her file manager showing it (「打开所在文件夹」).
import { call, callWithBody } from './ipc';

/** A file written where she chose. */
export interface SavedFile {
  path: string;
  file_name: string;
}

/**
 * Saves `bytes` through the save dialog, proposed as `fileName` in the Documents folder and
 * filtered by its extension under `filterLabel`; null when she cancelled (nothing written).
 */
export function fileSave(bytes: Uint8Array, fileName: string, filterLabel: string): Promise<SavedFile | null> {
  return callWithBody<SavedFile | null>('file_save', bytes, {
    'x-file-name': encodeURIComponent(fileName),
    'x-file-filter': encodeURIComponent(filterLabel),
  });
}

/** 立即备份 where she chooses (a checked copy); null when she cancelled. */
export const backupSave = (filterLabel: string) => call<SavedFile | null>('backup_save', { filter: filterLabel });

/** Shows the file in its folder in her file manager. */
export const fileReveal = (path: string) => call<void>('file_reveal', { path });

/** One line of the open dialog's file-type list: its label and the extensions it shows. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/**
 * The native open dialog (in the Documents folder, showing `filters`): the path she chose, or
 * null when she cancelled. The Rust side then reads the file by its path.
 */
export const fileOpen = (filters: FileFilter[], title?: string) => call<string | null>('file_open', { filters, title: title ?? null });
