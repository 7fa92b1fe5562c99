//! 支部设置 → 上级党委: the connection (typed, or imported from the 党委's connection file),
//! 「立即上报」, the status the 工作台 shows, what the 党委 published and its adoption, and the
//! loop that asks the core whether the day's automatic report is due.

use std::time::Duration;

use tauri::{AppHandle, Manager, State};
use zhibu::ids::{local_now, parse_required_date};
use zhibu::superior::outbox::{self, ConnectionInfo, ConnectionInput, ReportStatus};
use zhibu::superior::publish::{self, Received};
use zhibu::superior::{self, daily, Endpoint, PushOutcome};

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
    // Off the command's tokio worker, like the 党委's window (see `off_runtime`).
    Ok(super::off_runtime(move || {
        superior::push(&db, None, as_of, local_now())
    })?)
}

/// What the 党委 published, as received on the contacts so far (newest first).
#[tauri::command(async)]
pub fn superior_received(state: State<'_, AppState>) -> CmdResult<Vec<Received>> {
    Ok(state.db_read()?.read(publish::received)?)
}

/// 「采用」: a received publication in force from the day chosen (nothing changes without it).
#[tauri::command(async)]
pub fn superior_adopt(
    state: State<'_, AppState>,
    id: i64,
    from: String,
) -> CmdResult<Vec<Received>> {
    let from = parse_required_date("from", &from)?;
    let db = state.db()?;
    db.write(|tx| publish::adopt(tx, id, from, &state.actor()))?;
    Ok(db.read(publish::received)?)
}

/// How often the loop asks whether the automatic report is due (the core decides: once a
/// day, and again after a failure once its wait is over).
const TICK: Duration = Duration::from_secs(5 * 60);

/// While the window is open: every few minutes, if the day's report is due (see
/// `superior::daily`), report (a failure just leaves the report waiting and the status
/// saying why). A locked database is left alone.
pub fn start_daily_report(app: AppHandle) {
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(60));
        loop {
            let state = app.state::<AppState>();
            // Not `db()`: a background attempt must not count as use and hold off the idle lock.
            if let Ok(db) = state.db_unguarded() {
                let now = local_now();
                if !db.is_locked() && db.read(|c| daily::due(c, now)).unwrap_or(false) {
                    let _ = superior::push(&db, None, today(), now);
                }
            }
            std::thread::sleep(TICK);
        }
    });
}
