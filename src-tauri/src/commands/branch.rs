//! Branch profile, first-run choices and party groups.

use tauri::State;
use zhibu::branch::{self, Branch, BranchInput, GroupInput, PartyGroup};
use zhibu::{demo, Error, Reason};

use crate::error::CmdResult;
use crate::state::{today, AppState};

#[tauri::command(async)]
pub fn branch_get(state: State<'_, AppState>) -> CmdResult<Option<Branch>> {
    Ok(state.db_unguarded()?.read(branch::get)?)
}

#[tauri::command(async)]
pub fn branch_create(state: State<'_, AppState>, input: BranchInput) -> CmdResult<Branch> {
    let created = state
        .db()?
        .write(|tx| branch::create(tx, &input, today(), &state.actor()))?;
    created.ok_or_else(|| {
        Error::Conflict {
            reason: Reason::DatabaseNotEmpty,
        }
        .into()
    })
}

#[tauri::command(async)]
pub fn branch_update(state: State<'_, AppState>, input: BranchInput) -> CmdResult<Branch> {
    Ok(state
        .db()?
        .write(|tx| branch::update(tx, &input, today(), &state.actor()))?)
}

#[tauri::command(async)]
pub fn demo_create(state: State<'_, AppState>) -> CmdResult<Branch> {
    Ok(state.db()?.write(|tx| {
        demo::create(tx, today(), &state.actor())?;
        branch::require(tx)
    })?)
}

#[tauri::command(async)]
pub fn group_list(state: State<'_, AppState>) -> CmdResult<Vec<PartyGroup>> {
    Ok(state.db()?.read(branch::list_groups)?)
}

#[tauri::command(async)]
pub fn group_add(state: State<'_, AppState>, input: GroupInput) -> CmdResult<PartyGroup> {
    Ok(state
        .db()?
        .write(|tx| branch::add_group(tx, &input, today(), &state.actor()))?)
}

#[tauri::command(async)]
pub fn group_update(
    state: State<'_, AppState>,
    id: String,
    input: GroupInput,
) -> CmdResult<PartyGroup> {
    Ok(state
        .db()?
        .write(|tx| branch::update_group(tx, &id, &input, today(), &state.actor()))?)
}
