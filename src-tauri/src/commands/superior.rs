//! 支部设置 → 上级党委: the connection (typed, or imported from the 党委's connection file),
//! 「立即上报」, the status the 工作台 shows, and the day's automatic report.

use std::time::Duration;

use tauri::{AppHandle, Manager, State};
use zhibu::ids::local_now;
use zhibu::superior::outbox::{self, ConnectionInfo, ConnectionInput, ReportStatus};
use zhibu::superior::{self, Endpoint, PushOutcome};

use super::year_as_of;
use crate::error::CmdResult;
use crate::state::{today, AppState};

/// Where 上报 stands (the 工作台's line).
#[tauri::command(async)]
pub fn superior_status(state: State<'_, AppState>) -> CmdResult<ReportStatus> {
    Ok(state.db_read()?.read(outbox::status)?)
}

/// The stored connection, without its password.
#[tauri::command(async)]
pub fn superior_connection_get(state: State<'_, AppState>) -> CmdResult<Option<ConnectionInfo>> {
    Ok(state.db_read()?.read(outbox::connection_info)?)
}

/// Stores the connection typed in the form (an empty password keeps the stored one).
#[tauri::command(async)]
pub fn superior_connection_save(
    state: State<'_, AppState>,
    input: ConnectionInput,
) -> CmdResult<Option<ConnectionInfo>> {
    let db = state.db()?;
    db.write(|tx| outbox::save_input(tx, &input, &state.actor()))?;
    Ok(db.read(outbox::connection_info)?)
}

/// Stores the connection from the 党委's connection file chosen in the open dialog.
#[tauri::command(async)]
pub fn superior_connection_import(
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<Option<ConnectionInfo>> {
    let path = std::path::PathBuf::from(path);
    let text = std::fs::read_to_string(&path).map_err(|e| zhibu::Error::file_read(&path, e))?;
    let endpoint = Endpoint::from_text(&text)?;
    let db = state.db()?;
    db.write(|tx| outbox::save_connection(tx, &endpoint, &state.actor()))?;
    Ok(db.read(outbox::connection_info)?)
}

/// 「立即上报」: the report as of the day (today when not given) with any that wait.
#[tauri::command(async)]
pub fn superior_report_push(
    state: State<'_, AppState>,
    as_of: Option<String>,
) -> CmdResult<PushOutcome> {
    let (_, as_of) = year_as_of(None, as_of)?;
    let db = state.db()?;
    Ok(superior::push(&db, None, as_of, local_now())?)
}

/// Once an hour, while the window is open: if nothing went up today and a connection is
/// set, report (a failure just leaves the report waiting and the status saying why). A
/// locked database is left alone.
pub fn start_daily_report(app: AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_secs(60));
        let state = app.state::<AppState>();
        // Not `db()`: a background attempt must not count as use and hold off the idle lock.
        if let Ok(db) = state.db_unguarded().map_err(|_| ()).and_then(|db| {
            if db.is_locked() {
                Err(())
            } else {
                Ok(db)
            }
        }) {
            let day = today();
            if db.read(|c| outbox::due(c, day)).unwrap_or(false) {
                let _ = superior::push(&db, None, day, local_now());
            }
        }
        std::thread::sleep(Duration::from_secs(59 * 60));
    });
}
