// Saving a file the core made (an .xlsx workbook, a template) where she chooses: the native
// save dialog through the Rust side, then a notice naming where it went with
// 「打开所在文件夹」.
import { h } from 'vue';
import { ElButton, ElMessage, ElNotification } from 'element-plus';
import { errorText, type Translate } from '@/api/ipc';
import { fileReveal, fileSave, type SavedFile } from '@/api/files';
import { hasMessage } from '@/locales';

export type { SavedFile } from '@/api/files';

/** The save dialog's filter label for a file name's extension ("Excel 工作簿", "PDF 文件"). */
export function filterLabel(fileName: string, t: Translate): string {
  const dot = fileName.lastIndexOf('.');
  const ext = dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  const key = `common.files.filter.${ext}`;
  return hasMessage(key) ? t(key) : t('common.files.filter.other', { ext: ext.toUpperCase() });
}

function bytesOf(content: Uint8Array | ArrayBuffer | number[] | string): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  if (content instanceof Uint8Array) return content;
  return new Uint8Array(content);
}

/**
 * Saves `content` where she chooses, the dialog proposing `fileName` in the Documents folder.
 * Answers with where it went, or null when she cancelled (nothing written, nothing to say).
 */
export function saveFile(content: Uint8Array | ArrayBuffer | number[] | string, fileName: string, t: Translate): Promise<SavedFile | null> {
  return fileSave(bytesOf(content), fileName, filterLabel(fileName, t));
}

/** Shows the file in its folder; a failure is said in Chinese. */
export async function revealSaved(saved: SavedFile, t: Translate): Promise<void> {
  try {
    await fileReveal(saved.path);
  } catch (e) {
    ElMessage.error(errorText(e, t));
  }
}

/** The notice after a save: `title`, the full path, and 「打开所在文件夹」. */
export function showSaved(saved: SavedFile, title: string, t: Translate): void {
  ElNotification({
    type: 'success',
    title,
    duration: 10_000,
    customClass: 'saved-file-notice',
    message: h('div', { 'data-testid': 'saved-file' }, [
      h('p', { 'data-testid': 'saved-file-path', class: 'saved-file-notice__path' }, saved.path),
      h(ElButton, { link: true, type: 'primary', 'data-testid': 'saved-file-reveal', onClick: () => void revealSaved(saved, t) }, () =>
        t('common.files.reveal'),
      ),
    ]),
  });
}
