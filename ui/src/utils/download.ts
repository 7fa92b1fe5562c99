// Saving bytes the core made (an .xlsx workbook) through the browser's download: a Blob and a
// link with `download`, as attachments are saved (components/use-attachments.ts).

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Saves bytes or text through the browser's download (a Blob and a link with `download`). */
export function saveBytes(bytes: BlobPart, fileName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // The download reads the URL after click() returns; revoke it a moment later.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
