//! The 工作台's alarms: the dates that must not slip, each with where it is resolved.

use tauri::State;
use zhibu::alarms::{self, Alarm};

use super::year_as_of;
use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn alarms_get(state: State<'_, AppState>, as_of: Option<String>) -> CmdResult<Vec<Alarm>> {
    let (_, as_of) = year_as_of(None, as_of)?;
    Ok(state.db()?.read(|conn| alarms::alarms(conn, as_of))?)
}
