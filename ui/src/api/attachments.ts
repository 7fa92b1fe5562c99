// Files attached to a session or an activity (sign-in sheets, photos, minutes as PDF).
import type { Attachment } from '@/generated/Attachment';
import type { AttachmentOwner } from '@/generated/AttachmentOwner';
import { call, callWithBody } from './ipc';

/** The largest file the core accepts (reason `file_too_large` beyond it). */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

export const attachmentList = (ownerKind: AttachmentOwner, ownerId: string) => call<Attachment[]>('attachment_list', { ownerKind, ownerId });

/** The file's bytes; Tauri answers a raw response with an ArrayBuffer. */
export async function attachmentRead(id: string): Promise<Uint8Array<ArrayBuffer>> {
  return toBytes(await call<unknown>('attachment_read', { id }));
}

/** Sends the file's bytes as the request body; owner and name travel in headers. */
export async function attachmentAdd(ownerKind: AttachmentOwner, ownerId: string, file: Blob & { name: string }): Promise<Attachment> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return callWithBody<Attachment>('attachment_add', bytes, {
    'x-owner-kind': ownerKind,
    'x-owner-id': ownerId,
    'x-file-name': encodeURIComponent(file.name),
  });
}

/** Bytes from whatever form the answer took (ArrayBuffer, a typed array, or a plain list). */
export function toBytes(v: unknown): Uint8Array<ArrayBuffer> {
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer);
  if (Array.isArray(v)) return Uint8Array.from(v as number[]);
  return new Uint8Array(0);
}
