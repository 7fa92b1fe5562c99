//! About the app itself: version, where the data lives, what day the rules take as today.

use serde::Serialize;
use tauri::State;

use crate::error::CmdResult;
use crate::state::{today, AppState};

#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
    db_path: String,
    today: String,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        db_path: state.db_path.display().to_string(),
        today: today().to_string(),
    })
}

/// A record's history from the change log: who changed what and when, field by field.
#[tauri::command(async)]
pub fn record_history(
    state: State<'_, AppState>,
    entity: String,
    entity_id: String,
) -> CmdResult<Vec<zhibu::change_log::HistoryEntry>> {
    Ok(state
        .db()?
        .read(|conn| zhibu::change_log::history(conn, &entity, &entity_id))?)
}
