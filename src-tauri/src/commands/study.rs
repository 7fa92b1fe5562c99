//! 学时: the credits, progress against the targets, the accrual and target rules, exemptions,
//! PINs, and the members' own look-up (我的学时), throttled against guessing.

use chrono::Datelike;
use serde::Serialize;
use tauri::State;
use zhibu::rule_sets::Dated;
use zhibu::study::import::{self, ImportDone, ImportMapping, ImportPreview, ImportTable};
use zhibu::study::{
    self, self_check, AccrualRuleSet, CreditEntry, CreditQuery, EntryInput, EntrySource,
    MemberStatement, SelfCheckMode, StudyReport, TargetRuleSet,
};

use super::Rules;
use crate::error::CmdResult;
use crate::state::{today, AppState, Secret};

/// The 学时单 workbook's bytes: every member's hours of `year` as the page shows them, as of
/// `as_of` (today). It shows no sealed field, so it works while locked like the report.
#[tauri::command(async)]
pub fn study_hours_export(
    state: State<'_, AppState>,
    year: Option<i32>,
    as_of: Option<String>,
) -> CmdResult<tauri::ipc::Response> {
    let (year, as_of) = super::year_as_of(year, as_of)?;
    let bytes = state
        .db_read()?
        .read(|conn| zhibu::ledger::hours_workbook(conn, year, as_of))?;
    Ok(tauri::ipc::Response::new(bytes))
}

/// Progress of every 党员 in `year` (this year when not given) as of `as_of` (today).
#[tauri::command(async)]
pub fn study_report(
    state: State<'_, AppState>,
    year: Option<i32>,
    as_of: Option<String>,
) -> CmdResult<StudyReport> {
    let (year, as_of) = super::year_as_of(year, as_of)?;
    Ok(state
        .db_read()?
        .read(|conn| study::report(conn, year, as_of, None))?)
}

#[tauri::command(async)]
pub fn study_credits(
    state: State<'_, AppState>,
    query: CreditQuery,
) -> CmdResult<Vec<CreditEntry>> {
    Ok(state.db_read()?.read(|conn| study::credits(conn, &query))?)
}

/// Adds one manual entry or correction; returns its id.
#[tauri::command(async)]
pub fn study_entry_add(state: State<'_, AppState>, input: EntryInput) -> CmdResult<String> {
    Ok(state
        .db()?
        .write(|tx| study::add_entry(tx, &input, today(), &state.actor()))?)
}

/// Credits the same hours to several members at once, all or none (the error names the row).
#[tauri::command(async)]
pub fn study_entries_add(
    state: State<'_, AppState>,
    inputs: Vec<EntryInput>,
) -> CmdResult<Vec<String>> {
    Ok(state.db()?.write(|tx| {
        study::add_entries(tx, &inputs, EntrySource::Manual, today(), &state.actor())
    })?)
}

#[tauri::command(async)]
pub fn study_entry_delete(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    Ok(state
        .db()?
        .write(|tx| study::delete_entry(tx, &id, &state.actor()))?)
}

#[tauri::command(async)]
pub fn study_targets_get(state: State<'_, AppState>) -> CmdResult<Rules<TargetRuleSet>> {
    let history = state.db()?.read(TargetRuleSet::history)?;
    Ok(Rules {
        current: TargetRuleSet::for_year(&history, today().year()),
        history,
    })
}

#[tauri::command(async)]
pub fn study_targets_save(
    state: State<'_, AppState>,
    set: TargetRuleSet,
) -> CmdResult<Rules<TargetRuleSet>> {
    state.db()?.write(|tx| set.save(tx, &state.actor()))?;
    study_targets_get(state)
}

#[tauri::command(async)]
pub fn study_accrual_get(state: State<'_, AppState>) -> CmdResult<Rules<AccrualRuleSet>> {
    let history = state.db()?.read(AccrualRuleSet::history)?;
    Ok(Rules {
        current: AccrualRuleSet::in_force(&history, today()),
        history,
    })
}

#[tauri::command(async)]
pub fn study_accrual_save(
    state: State<'_, AppState>,
    set: AccrualRuleSet,
) -> CmdResult<Rules<AccrualRuleSet>> {
    state.db()?.write(|tx| set.save(tx, &state.actor()))?;
    study_accrual_get(state)
}

#[tauri::command(async)]
pub fn study_exempt(
    state: State<'_, AppState>,
    member_id: String,
    year: i32,
    reason: String,
) -> CmdResult<()> {
    let year = zhibu::ids::check_year(year)?;
    Ok(state
        .db()?
        .write(|tx| study::exempt(tx, &member_id, year, &reason, &state.actor()))?)
}

#[tauri::command(async)]
pub fn study_lift_exemption(
    state: State<'_, AppState>,
    member_id: String,
    year: i32,
) -> CmdResult<()> {
    let year = zhibu::ids::check_year(year)?;
    Ok(state
        .db()?
        .write(|tx| study::lift_exemption(tx, &member_id, year, &state.actor()))?)
}

/// 我的学时's way in (PIN or the last six of the 身份证号) and who has a PIN.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SelfCheckSettings {
    mode: SelfCheckMode,
    /// Ids of the members who have a PIN.
    with_pin: Vec<String>,
}

#[tauri::command(async)]
pub fn self_check_settings(state: State<'_, AppState>) -> CmdResult<SelfCheckSettings> {
    Ok(state.db()?.read(|conn| {
        Ok(SelfCheckSettings {
            mode: self_check::mode(conn)?,
            with_pin: self_check::members_with_pin(conn)?,
        })
    })?)
}

/// Only how members identify: what 我的学时 asks before anyone has identified.
#[tauri::command(async)]
pub fn self_check_mode(state: State<'_, AppState>) -> CmdResult<SelfCheckMode> {
    Ok(state.db_unguarded()?.read(self_check::mode)?)
}

#[tauri::command(async)]
pub fn self_check_mode_set(state: State<'_, AppState>, mode: SelfCheckMode) -> CmdResult<()> {
    Ok(state
        .db()?
        .write(|tx| self_check::set_mode(tx, mode, &state.actor()))?)
}

/// Sets a member's PIN, or removes it when `pin` is null.
#[tauri::command(async)]
pub fn member_pin_set(
    state: State<'_, AppState>,
    member_id: String,
    pin: Option<String>,
) -> CmdResult<()> {
    Ok(state.db()?.write(|tx| match &pin {
        Some(pin) => self_check::set_pin(tx, &member_id, pin, &state.actor()),
        None => self_check::clear_pin(tx, &member_id, &state.actor()),
    })?)
}

/// 我的学时: the member's own year, read-only, after their name and PIN (or 身份证号 last six)
/// check out. Five wrong tries in a row lock the look-up for a minute, then longer.
#[tauri::command(async)]
pub fn self_check_open(
    state: State<'_, AppState>,
    name: String,
    secret: String,
    year: Option<i32>,
) -> CmdResult<MemberStatement> {
    // Members look themselves up without the secretary's password.
    let db = state.db_unguarded()?;
    let member_id = state.throttled(
        Secret::MemberPin,
        || db.read(|conn| self_check::identify(conn, &name, &secret)),
        // Before the secretary's first unlock the look-up by last six cannot be made at all:
        // not a wrong try.
        |e| e.reason() == Some(zhibu::Reason::WrongPin),
    )?;
    let today = today();
    let year = zhibu::ids::check_year(year.unwrap_or_else(|| today.year()))?;
    Ok(db.read(|conn| self_check::statement(conn, &member_id, year, today))?)
}

/// 「生成学时单」: a member's year of `year` as of today (or the year's end), as PNG bytes to
/// save and send them privately. Drawn by the core with a CJK font of the computer.
#[tauri::command(async)]
pub fn study_statement_png(
    state: State<'_, AppState>,
    member_id: String,
    year: i32,
) -> CmdResult<tauri::ipc::Response> {
    let year = zhibu::ids::check_year(year)?;
    let (_, as_of) = super::year_as_of(Some(year), None)?;
    let font = zhibu::phone::statement::CjkFont::find()?;
    let bytes = state.db()?.read(|conn| {
        zhibu::phone::statement::statement_png(conn, &member_id, year, as_of, &font)
    })?;
    Ok(tauri::ipc::Response::new(bytes))
}

/// Reads an import file chosen in the open dialog (`file_open`) into a table with a guessed
/// column mapping. Nothing is stored.
#[tauri::command(async)]
pub fn study_import_read_path(path: String) -> CmdResult<ImportTable> {
    let (file_name, bytes) = super::files::read_chosen(&path)?;
    Ok(import::read_table(&file_name, &bytes)?)
}

/// Every row as it would be entered, with its problem if any. Nothing is stored.
#[tauri::command(async)]
pub fn study_import_preview(
    state: State<'_, AppState>,
    table: ImportTable,
    mapping: ImportMapping,
) -> CmdResult<ImportPreview> {
    Ok(state
        .db()?
        .read(|conn| import::preview(conn, &table, &mapping, today()))?)
}

/// Adds every row's entry, or none when any row is refused (the error names its line); rows
/// imported before are skipped and counted.
#[tauri::command(async)]
pub fn study_import_commit(
    state: State<'_, AppState>,
    table: ImportTable,
    mapping: ImportMapping,
) -> CmdResult<ImportDone> {
    Ok(state
        .db()?
        .write(|tx| import::commit(tx, &table, &mapping, today(), &state.actor()))?)
}
