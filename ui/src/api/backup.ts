// 备份 / 恢复: the backups beside the database, a backup by hand, a backup file brought from
// elsewhere, what a restore would replace, and the restore (the current data is backed up first).
import type { RestorePreview } from '@/generated/RestorePreview';
import type { BackupEntry } from '@/generated/BackupEntry';
import type { FileSummary } from '@/generated/FileSummary';
import type { Restored } from '@/generated/Restored';
import type { VerifySummary } from '@/generated/VerifySummary';
import { call } from './ipc';

export type { RestorePreview } from '@/generated/RestorePreview';

/** The backups in the folder beside the database, newest first. */
export const backupList = () => call<BackupEntry[]>('backup_list');
/** A checked copy in the backups folder, now. */
export const backupCreate = () => call<FileSummary>('backup_create');
/** Keeps a chosen backup file among the backups once it checks out; refused when it is not one. */
export const backupStage = (path: string) => call<BackupEntry>('backup_stage_path', { path });
export const backupPreview = (fileName: string) => call<RestorePreview>('backup_preview', { fileName });
export const backupRestore = (fileName: string) => call<Restored>('backup_restore', { fileName });
/** Backs the data up, then empties the database: the window shows the first-run choice again. */
export const backupStartOver = () => call<FileSummary>('backup_start_over');
/** When the data could not be opened: puts the backup in its place (the unreadable file is
 *  moved aside, untouched); answers with where that file went. */
export const backupRecover = (fileName: string) => call<string>('backup_recover', { fileName });
/** 数据检查: the same checks as `zhibu verify`, with every finding in Chinese. */
export const dataVerify = () => call<VerifySummary>('data_verify');
