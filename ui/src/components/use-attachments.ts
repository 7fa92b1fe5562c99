// Attachments of one session or activity: the list, uploads (one file at a time, so one
// refusal does not stop the rest), image thumbnails and saving a copy.
import { reactive, ref, watch, type Ref } from 'vue';
import { MAX_ATTACHMENT_BYTES, attachmentAdd, attachmentList, attachmentRead } from '@/api/attachments';
import { AppError, toAppError, type Translate } from '@/api/ipc';
import type { Attachment } from '@/generated/Attachment';
import type { AttachmentOwner } from '@/generated/AttachmentOwner';
import { saveFile, type SavedFile } from '@/utils/download';
import { useLatest } from '@/utils/use-latest';

/** Images larger than this are listed without a thumbnail. */
export const THUMBNAIL_MAX_BYTES = 8 * 1024 * 1024;

export function isImage(mime: string): boolean {
  return /^image\/(png|jpe?g|gif|webp|bmp)$/i.test(mime);
}

/** "820 B", "14.2 KB", "3.5 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A data: URL for the bytes (the window's content policy allows data: images, not blob:). */
export function bytesToDataUrl(bytes: Uint8Array, mime: string): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return `data:${mime};base64,${btoa(binary)}`;
}

export interface UploadFailure {
  name: string;
  error: AppError;
}

export function useAttachments(ownerKind: AttachmentOwner, ownerId: Ref<string | null>) {
  const items = ref<Attachment[]>([]);
  const thumbs = reactive<Record<string, string>>({});
  const loading = ref(false);
  const uploading = ref(false);
  const error = ref<AppError | null>(null);

  const latest = useLatest({ loading, error });
  function load(): Promise<void> {
    const id = ownerId.value;
    if (!id) {
      latest.drop();
      items.value = [];
      return Promise.resolve();
    }
    return latest.run(
      () => attachmentList(ownerKind, id),
      (list) => {
        items.value = list;
        void loadThumbs(list);
      },
    );
  }

  async function loadThumbs(list: Attachment[]) {
    for (const a of list) {
      if (thumbs[a.id] || !isImage(a.mime) || a.size > THUMBNAIL_MAX_BYTES) continue;
      try {
        thumbs[a.id] = bytesToDataUrl(await attachmentRead(a.id), a.mime);
      } catch {
        // A missing thumbnail leaves the file's icon; the list itself is what matters.
      }
    }
  }

  /** Sends each file; returns those the core refused (too large, unreadable). */
  async function upload(files: (Blob & { name: string })[]): Promise<{ added: Attachment[]; failed: UploadFailure[] }> {
    const id = ownerId.value;
    const added: Attachment[] = [];
    const failed: UploadFailure[] = [];
    if (!id) return { added, failed };
    uploading.value = true;
    try {
      for (const file of files) {
        if (file.size > MAX_ATTACHMENT_BYTES) {
          failed.push({ name: file.name, error: new AppError('validation', '', 'file', 'file_too_large') });
          continue;
        }
        try {
          added.push(await attachmentAdd(ownerKind, id, file));
        } catch (e) {
          failed.push({ name: file.name, error: toAppError(e) });
        }
      }
    } finally {
      uploading.value = false;
    }
    if (added.length) await load();
    return { added, failed };
  }

  /** Saves a copy where she chooses; null when she cancelled. */
  async function download(a: Attachment, t: Translate): Promise<SavedFile | null> {
    return saveFile(await attachmentRead(a.id), a.file_name, t);
  }

  watch(ownerId, () => {
    for (const key of Object.keys(thumbs)) delete thumbs[key];
    void load();
  });

  return { items, thumbs, loading, uploading, error, load, upload, download };
}
