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

/// The window has rendered its first page with its data (the 工作台), `since_navigation_ms`
/// after the webview began loading it: logged with the time since the app started (the
/// difference is the native start before the page loads), and with `ZHIBU_STARTUP_REPORT` set
/// also printed on standard output for `scripts/measure-app`.
#[tauri::command]
pub fn app_rendered(state: State<'_, AppState>, page: String, since_navigation_ms: u64) {
    let ms = state.uptime().as_millis();
    eprintln!(
        "zhibu: first page ({page}) rendered {ms} ms after start, {since_navigation_ms} ms after the page began loading"
    );
    if std::env::var_os("ZHIBU_STARTUP_REPORT").is_some() {
        println!("zhibu-rendered {page} {ms} {since_navigation_ms}");
    }
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
