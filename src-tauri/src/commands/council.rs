//! The 党委's window: its reading connection (typed, or imported from a connection file; tried
//! on the server before it is kept), 所辖支部一览 and 四强排名, one branch's report, and the
//! table saved as .xlsx.

use tauri::State;
use zhibu::superior::outbox::{ConnectionInfo, ConnectionInput};
use zhibu::superior::window::{self, BranchView, WindowOverview};
use zhibu::superior::Endpoint;

use super::off_runtime;
use crate::error::CmdResult;
use crate::state::{today, AppState};

/// The stored connection without its password (none: the app is not a 党委's window).
#[tauri::command(async)]
pub fn council_connection_get(state: State<'_, AppState>) -> CmdResult<Option<ConnectionInfo>> {
    Ok(state.db_read()?.read(window::connection_info)?)
}

/// Tries the connection on the server, then keeps it (an empty password keeps the stored one).
#[tauri::command(async)]
pub fn council_connection_save(
    state: State<'_, AppState>,
    input: ConnectionInput,
) -> CmdResult<Option<ConnectionInfo>> {
    let db = state.db()?;
    let stored = db.read(window::load_connection)?;
    let endpoint = window::endpoint_of(&input, stored.as_ref());
    keep(&state, endpoint)
}

/// Tries and keeps the connection in the file chosen in the open dialog (a connection file,
/// or a URL whose `sslrootcert` names the CA certificate's file).
#[tauri::command(async)]
pub fn council_connection_import(
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<Option<ConnectionInfo>> {
    let path = std::path::PathBuf::from(path);
    let text = std::fs::read_to_string(&path).map_err(|e| zhibu::Error::file_read(&path, e))?;
    keep(&state, Endpoint::from_text(&text)?)
}

fn keep(state: &AppState, endpoint: Endpoint) -> CmdResult<Option<ConnectionInfo>> {
    endpoint.check()?;
    let tried = endpoint.clone();
    off_runtime(move || window::try_connection(&tried))?;
    let db = state.db()?;
    db.write(|tx| window::save_connection(tx, &endpoint, &state.actor()))?;
    Ok(db.read(window::connection_info)?)
}

/// Forgets the connection: the next start asks the first-run question again.
#[tauri::command(async)]
pub fn council_connection_forget(state: State<'_, AppState>) -> CmdResult<()> {
    Ok(state.db()?.write(|tx| window::forget(tx, &state.actor()))?)
}

fn endpoint(state: &AppState) -> CmdResult<Endpoint> {
    state.db()?.read(window::load_connection)?.ok_or_else(|| {
        zhibu::Error::Superior {
            details: vec!["尚未设置上级党委的连接".into()],
        }
        .into()
    })
}

/// 所辖支部一览 (and 四强排名) as of today.
#[tauri::command(async)]
pub fn council_overview(state: State<'_, AppState>) -> CmdResult<WindowOverview> {
    let e = endpoint(&state)?;
    let day = today();
    Ok(off_runtime(move || window::read_overview(&e, day))?)
}

/// One branch's latest report (none: it has not reported).
#[tauri::command(async)]
pub fn council_branch(
    state: State<'_, AppState>,
    branch_id: String,
) -> CmdResult<Option<BranchView>> {
    let e = endpoint(&state)?;
    let day = today();
    Ok(off_runtime(move || {
        window::read_branch(&e, &branch_id, day)
    })?)
}

/// The 所辖支部一览 workbook (.xlsx) as bytes, for the save dialog.
#[tauri::command(async)]
pub fn council_overview_export(state: State<'_, AppState>) -> CmdResult<tauri::ipc::Response> {
    let e = endpoint(&state)?;
    let day = today();
    let bytes = off_runtime(move || window::overview_workbook(&e, day))?;
    Ok(tauri::ipc::Response::new(bytes))
}
