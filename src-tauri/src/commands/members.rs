//! The member roster.

use tauri::State;
use zhibu::change_log::ACTOR_APP;
use zhibu::members::{self, ArchiveInput, Member, MemberInput, RosterPage, RosterQuery};

use crate::error::CmdResult;
use crate::state::{today, AppState};

#[tauri::command(async)]
pub fn member_list(state: State<'_, AppState>, query: RosterQuery) -> CmdResult<RosterPage> {
    Ok(state
        .db()?
        .read(|conn| members::list(conn, &query, today()))?)
}

#[tauri::command(async)]
pub fn member_get(state: State<'_, AppState>, id: String) -> CmdResult<Member> {
    Ok(state.db()?.read(|conn| members::get(conn, &id, today()))?)
}

#[tauri::command(async)]
pub fn member_add(state: State<'_, AppState>, input: MemberInput) -> CmdResult<Member> {
    Ok(state
        .db()?
        .write(|tx| members::add(tx, &input, today(), ACTOR_APP))?)
}

#[tauri::command(async)]
pub fn member_update(
    state: State<'_, AppState>,
    id: String,
    input: MemberInput,
) -> CmdResult<Member> {
    Ok(state
        .db()?
        .write(|tx| members::update(tx, &id, &input, today(), ACTOR_APP))?)
}

#[tauri::command(async)]
pub fn member_archive(
    state: State<'_, AppState>,
    id: String,
    input: ArchiveInput,
) -> CmdResult<Member> {
    Ok(state
        .db()?
        .write(|tx| members::archive(tx, &id, &input, today(), ACTOR_APP))?)
}
