//! The member roster, and importing it from a spreadsheet.

use tauri::State;
use zhibu::members::import::{self as roster_import, RosterMapping, RosterPreview, RosterTable};
use zhibu::members::{
    self, ArchiveInput, ExclusionInput, Member, MemberInput, RosterPage, RosterQuery, SanctionInput,
};

use crate::error::CmdResult;
use crate::state::{today, AppState};

#[tauri::command(async)]
pub fn member_list(state: State<'_, AppState>, query: RosterQuery) -> CmdResult<RosterPage> {
    Ok(state
        .db_read()?
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
        .write(|tx| members::add(tx, &input, today(), &state.actor()))?)
}

#[tauri::command(async)]
pub fn member_update(
    state: State<'_, AppState>,
    id: String,
    input: MemberInput,
) -> CmdResult<Member> {
    Ok(state
        .db()?
        .write(|tx| members::update(tx, &id, &input, today(), &state.actor()))?)
}

#[tauri::command(async)]
pub fn member_archive(
    state: State<'_, AppState>,
    id: String,
    input: ArchiveInput,
) -> CmdResult<Member> {
    Ok(state
        .db()?
        .write(|tx| members::archive(tx, &id, &input, today(), &state.actor()))?)
}

/// Leaves a member out of 应到 for a period; returns the record with its history.
#[tauri::command(async)]
pub fn member_exclude(
    state: State<'_, AppState>,
    id: String,
    input: ExclusionInput,
) -> CmdResult<Member> {
    Ok(state.db()?.write(|tx| {
        members::exclude(tx, &id, &input, today(), &state.actor())?;
        members::get(tx, &id, today())
    })?)
}

/// Records 留党察看 for a period; returns the record with its history.
#[tauri::command(async)]
pub fn member_sanction(
    state: State<'_, AppState>,
    id: String,
    input: SanctionInput,
) -> CmdResult<Member> {
    Ok(state.db()?.write(|tx| {
        members::sanction(tx, &id, &input, today(), &state.actor())?;
        members::get(tx, &id, today())
    })?)
}

/// Reads a roster file (.xlsx or .csv) chosen in the open dialog (`file_open`) into a table
/// with the mapping its headers suggest.
#[tauri::command(async)]
pub fn roster_import_read_path(path: String) -> CmdResult<RosterTable> {
    let (file_name, bytes) = super::files::read_chosen(&path)?;
    Ok(roster_import::read_table(&file_name, &bytes)?)
}

/// What importing each row would do, with its problem if any; nothing is kept. With
/// `update`, members already on the roster take the row's differing values.
#[tauri::command(async)]
pub fn roster_import_preview(
    state: State<'_, AppState>,
    table: RosterTable,
    mapping: RosterMapping,
    update: Option<bool>,
) -> CmdResult<RosterPreview> {
    let update = update.unwrap_or(false);
    Ok(state.db()?.dry_run(|tx| {
        roster_import::preview(tx, &table, &mapping, update, today(), &state.actor())
    })?)
}

/// Imports every row, or none when any is refused (the error names its line); with
/// `update`, members already on the roster whose rows differ are changed too.
#[tauri::command(async)]
pub fn roster_import_commit(
    state: State<'_, AppState>,
    table: RosterTable,
    mapping: RosterMapping,
    update: Option<bool>,
) -> CmdResult<RosterPreview> {
    let update = update.unwrap_or(false);
    Ok(state
        .db()?
        .write(|tx| roster_import::commit(tx, &table, &mapping, update, today(), &state.actor()))?)
}

/// The roster template (.xlsx) as bytes, for the window to save.
#[tauri::command(async)]
pub fn roster_import_template() -> CmdResult<tauri::ipc::Response> {
    Ok(tauri::ipc::Response::new(roster_import::template_xlsx()?))
}
