// What every spreadsheet import shares in the window: the file types the core reads, a
// column's name, and a previewed row's error in Chinese.
import type { FileFilter } from '@/api/files';
import type { Translate } from '@/api/ipc';
import type { ImportRowError } from '@/generated/ImportRowError';
import { hasMessage } from '@/locales';

/** The files the core reads: .csv (UTF-8 or GBK) and Excel/ODS workbooks. */
export const IMPORT_EXTENSIONS = ['csv', 'xlsx', 'xls', 'ods'];

/** The open dialog's file types for a spreadsheet import. */
export function importFilters(t: Translate): FileFilter[] {
  return [{ name: t('common.import.spreadsheet_filter'), extensions: IMPORT_EXTENSIONS }];
}

/** A column's name in the selects: its header, or "第 N 列" when the header is blank. */
export function columnLabel(headers: string[], index: number, t: Translate): string {
  const header = headers[index]?.trim();
  return header ? header : t('common.import.column_n', { n: index + 1 });
}

/** What is wrong with one previewed row: the reason's sentence after the field's name. */
export function rowErrorText(e: ImportRowError, t: Translate): string {
  if (e.reason) {
    const key = `errors.reason.${e.reason}`;
    if (hasMessage(key)) {
      const sentence = t(key);
      const labelKey = `errors.field.${e.field ?? ''}`;
      return e.field && hasMessage(labelKey) ? t('errors.with_field', { field: t(labelKey), text: sentence }) : sentence;
    }
  }
  return e.message;
}
