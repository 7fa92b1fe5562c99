//! The 支部委员会: the committee as of a day, a role set or ended from a date, a committee
//! installed from a 党员大会's election; and a passed admission or 转正 resolution turned into
//! its stage change.

use tauri::State;
use zhibu::members::committee::{self, Committee, ElectionResult, RoleChange};
use zhibu::members::Member;
use zhibu::pipeline;

use super::year_as_of;
use crate::error::CmdResult;
use crate::state::{today, AppState};

#[tauri::command(async)]
pub fn committee_get(state: State<'_, AppState>, as_of: Option<String>) -> CmdResult<Committee> {
    let (_, as_of) = year_as_of(None, as_of)?;
    Ok(state
        .db_read()?
        .read(|conn| committee::committee_on(conn, as_of))?)
}

#[tauri::command(async)]
pub fn committee_set_role(state: State<'_, AppState>, input: RoleChange) -> CmdResult<Committee> {
    Ok(state
        .db()?
        .write(|tx| committee::set_role(tx, &input, today(), &state.actor()))?)
}

#[tauri::command(async)]
pub fn committee_end_role(state: State<'_, AppState>, input: RoleChange) -> CmdResult<Committee> {
    Ok(state
        .db()?
        .write(|tx| committee::end_role(tx, &input, today(), &state.actor()))?)
}

#[tauri::command(async)]
pub fn committee_from_election(
    state: State<'_, AppState>,
    input: ElectionResult,
) -> CmdResult<Committee> {
    Ok(state
        .db()?
        .write(|tx| committee::install_from_election(tx, &input, today(), &state.actor()))?)
}

#[tauri::command(async)]
pub fn stage_from_resolution(
    state: State<'_, AppState>,
    session_id: String,
    resolution: u32,
) -> CmdResult<Member> {
    Ok(state.db()?.write(|tx| {
        pipeline::apply_resolution(tx, &session_id, resolution, today(), &state.actor())
    })?)
}
