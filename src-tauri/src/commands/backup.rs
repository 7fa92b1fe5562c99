//! 备份 / 恢复 in 设置: the backups beside the database, a backup by hand, a file brought from
//! elsewhere (sent as the raw body), what a restore would replace, and the restore itself.

use serde::Serialize;
use tauri::State;
use zhibu::backup::{self, BackupEntry, BackupKind, FileSummary, Restored};
use zhibu::ids::local_now;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn backup_list(state: State<'_, AppState>) -> CmdResult<Vec<BackupEntry>> {
    Ok(backup::list(&state.db_path)?)
}

/// A checked copy in the backups folder, now.
#[tauri::command(async)]
pub fn backup_create(state: State<'_, AppState>) -> CmdResult<FileSummary> {
    let db = state.db()?;
    Ok(backup::backup(&db, BackupKind::Manual, None, local_now())?)
}

/// The same, for a backup chosen in the open dialog (`file_open`), read from its path.
#[tauri::command(async)]
pub fn backup_stage_path(state: State<'_, AppState>, path: String) -> CmdResult<BackupEntry> {
    let (_, bytes) = super::files::read_chosen(&path)?;
    Ok(backup::stage(&state.db_path, &bytes, local_now())?)
}

/// What restoring the backup would put in place of the current data.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RestorePreview {
    pub current: FileSummary,
    pub incoming: FileSummary,
}

#[tauri::command(async)]
pub fn backup_preview(state: State<'_, AppState>, file_name: String) -> CmdResult<RestorePreview> {
    let incoming = backup::summarize(&backup::resolve(&state.db_path, &file_name)?)?;
    Ok(RestorePreview {
        current: backup::summarize(&state.db_path)?,
        incoming,
    })
}

/// Replaces the data with the backup; the current data is backed up first.
#[tauri::command(async)]
pub fn backup_restore(state: State<'_, AppState>, file_name: String) -> CmdResult<Restored> {
    let file = backup::resolve(&state.db_path, &file_name)?;
    let db = state.db()?;
    Ok(backup::restore(&db, &file, local_now())?)
}

/// Starts afresh as on the first run (the demo branch for one's own, or back): the data is
/// backed up first and the database emptied; the window then shows the first-run choice.
#[tauri::command(async)]
pub fn backup_start_over(state: State<'_, AppState>) -> CmdResult<FileSummary> {
    let db = state.db()?;
    Ok(backup::start_over(&db, local_now())?)
}

/// When the database could not be opened: puts the chosen backup in its place (the unreadable
/// file is moved aside, untouched) and opens it. Answers with where the unreadable file went.
#[tauri::command(async)]
pub fn backup_recover(state: State<'_, AppState>, file_name: String) -> CmdResult<String> {
    let file = backup::resolve(&state.db_path, &file_name)?;
    Ok(state.recover(&file)?.display().to_string())
}

/// 数据检查: the same checks as `zhibu verify` (the file, the change log, every table against
/// the app's record, the seal, the heads kept outside the file, and the sealed values while
/// unlocked). Works while locked; a file found damaged is marked and no longer written.
#[tauri::command(async)]
pub fn data_verify(state: State<'_, AppState>) -> CmdResult<zhibu::db::VerifySummary> {
    let db = state.db_read()?;
    let report = db.verify()?;
    Ok(report.summary(!db.is_locked()))
}
