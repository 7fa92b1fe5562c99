//! 四强: the year's assessment and trend, attestations, the year's template, the branch's
//! indicators and honours, the 自评报告 workbook, and the yearly 台账 it is part of (as a
//! workbook, and as data for the window to print).

use tauri::ipc::Response;
use tauri::State;
use zhibu::branch;
use zhibu::ledger::LedgerBook;
use zhibu::strengths::indicators::{
    self, Honour, HonourInput, Indicator, IndicatorInput, IndicatorValueInput,
};
use zhibu::strengths::{
    self, attest, export, rules, Assessment, Attestation, AttestationInput, Template, TrendPoint,
    YearTemplate,
};

use crate::error::CmdResult;
use crate::state::{today, AppState};

/// The year (this year when not given) judged as of `as_of` (today).
#[tauri::command(async)]
pub fn strengths_assess(
    state: State<'_, AppState>,
    year: Option<i32>,
    as_of: Option<String>,
) -> CmdResult<Assessment> {
    let (year, as_of) = super::year_as_of(year, as_of)?;
    Ok(state
        .db()?
        .read(|conn| strengths::assess(conn, year, as_of))?)
}

/// The scores at the end of each month of the year up to `as_of`.
#[tauri::command(async)]
pub fn strengths_trend(
    state: State<'_, AppState>,
    year: Option<i32>,
    as_of: Option<String>,
) -> CmdResult<Vec<TrendPoint>> {
    let (year, as_of) = super::year_as_of(year, as_of)?;
    Ok(state
        .db()?
        .read(|conn| strengths::trend(conn, year, as_of))?)
}

#[tauri::command(async)]
pub fn strengths_attest(
    state: State<'_, AppState>,
    input: AttestationInput,
) -> CmdResult<Attestation> {
    Ok(state
        .db()?
        .write(|tx| attest::attest(tx, &input, today(), &state.actor()))?)
}

#[tauri::command(async)]
pub fn strengths_withdraw(state: State<'_, AppState>, year: i32, item_id: String) -> CmdResult<()> {
    let year = zhibu::ids::check_year(year)?;
    Ok(state
        .db()?
        .write(|tx| attest::withdraw(tx, year, &item_id, &state.actor()))?)
}

#[tauri::command(async)]
pub fn strengths_template_get(state: State<'_, AppState>, year: i32) -> CmdResult<YearTemplate> {
    let year = zhibu::ids::check_year(year)?;
    Ok(state.db()?.read(|conn| rules::in_force(conn, year))?)
}

/// Judges the year by an edited template.
#[tauri::command(async)]
pub fn strengths_template_assign(
    state: State<'_, AppState>,
    year: i32,
    template: Template,
) -> CmdResult<()> {
    let year = zhibu::ids::check_year(year)?;
    Ok(state
        .db()?
        .write(|tx| rules::save(tx, year, &template, &state.actor()))?)
}

/// Judges the year by a template file's JSON text (checked whole before anything changes).
#[tauri::command(async)]
pub fn strengths_template_load(
    state: State<'_, AppState>,
    year: i32,
    text: String,
) -> CmdResult<Template> {
    let year = zhibu::ids::check_year(year)?;
    let template = rules::parse(text.as_bytes())?;
    state
        .db()?
        .write(|tx| rules::save(tx, year, &template, &state.actor()))?;
    Ok(template)
}

/// The year goes back to an earlier year's template, or the shipped one.
#[tauri::command(async)]
pub fn strengths_template_reset(state: State<'_, AppState>, year: i32) -> CmdResult<()> {
    let year = zhibu::ids::check_year(year)?;
    Ok(state
        .db()?
        .write(|tx| rules::unassign(tx, year, &state.actor()))?)
}

/// The 自评报告 workbook's bytes, for the window to save.
#[tauri::command(async)]
pub fn strengths_export(
    state: State<'_, AppState>,
    year: Option<i32>,
    as_of: Option<String>,
) -> CmdResult<Response> {
    let (year, as_of) = super::year_as_of(year, as_of)?;
    let bytes = state.db()?.read(|conn| {
        let a = strengths::assess(conn, year, as_of)?;
        let name = branch::get(conn)?.map(|b| b.name).unwrap_or_default();
        export::self_assessment_xlsx(&a, &name)
    })?;
    Ok(Response::new(bytes))
}

#[tauri::command(async)]
pub fn indicator_list(
    state: State<'_, AppState>,
    year: Option<i32>,
    as_of: Option<String>,
) -> CmdResult<Vec<Indicator>> {
    let (year, as_of) = super::year_as_of(year, as_of)?;
    Ok(state
        .db()?
        .read(|conn| indicators::indicators(conn, year, as_of))?)
}

/// Adds an indicator (no id) or changes one; returns its id.
#[tauri::command(async)]
pub fn indicator_save(
    state: State<'_, AppState>,
    id: Option<String>,
    input: IndicatorInput,
) -> CmdResult<String> {
    Ok(state
        .db()?
        .write(|tx| indicators::save_indicator(tx, id.as_deref(), &input, &state.actor()))?)
}

#[tauri::command(async)]
pub fn indicator_delete(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    Ok(state
        .db()?
        .write(|tx| indicators::delete_indicator(tx, &id, &state.actor()))?)
}

#[tauri::command(async)]
pub fn indicator_value_record(
    state: State<'_, AppState>,
    input: IndicatorValueInput,
) -> CmdResult<()> {
    Ok(state
        .db()?
        .write(|tx| indicators::record_value(tx, &input, today(), &state.actor()))?)
}

#[tauri::command(async)]
pub fn indicator_value_delete(
    state: State<'_, AppState>,
    indicator_id: String,
    measured_on: String,
) -> CmdResult<()> {
    Ok(state
        .db()?
        .write(|tx| indicators::delete_value(tx, &indicator_id, &measured_on, &state.actor()))?)
}

#[tauri::command(async)]
pub fn honour_list(
    state: State<'_, AppState>,
    year: Option<i32>,
    as_of: Option<String>,
) -> CmdResult<Vec<Honour>> {
    let (year, as_of) = super::year_as_of(year, as_of)?;
    Ok(state
        .db()?
        .read(|conn| indicators::honours(conn, year, as_of))?)
}

#[tauri::command(async)]
pub fn honour_add(state: State<'_, AppState>, input: HonourInput) -> CmdResult<String> {
    Ok(state
        .db()?
        .write(|tx| indicators::add_honour(tx, &input, today(), &state.actor()))?)
}

#[tauri::command(async)]
pub fn honour_delete(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    Ok(state
        .db()?
        .write(|tx| indicators::delete_honour(tx, &id, &state.actor()))?)
}

/// The database and options to read the yearly 台账 with. The masked 台账 needs no password;
/// the full one does.
fn ledger_access(
    state: &AppState,
    year: Option<i32>,
    as_of: Option<String>,
    reveal: bool,
) -> CmdResult<(std::sync::Arc<zhibu::Db>, zhibu::ledger::LedgerOptions)> {
    let (year, as_of) = super::year_as_of(year, as_of)?;
    let db = if reveal {
        state.db()?
    } else {
        state.db_read()?
    };
    Ok((
        db,
        zhibu::ledger::LedgerOptions {
            year,
            as_of,
            reveal,
        },
    ))
}

/// The yearly 台账 workbook's bytes (身份证号 and phones masked unless `reveal`).
#[tauri::command(async)]
pub fn ledger_export(
    state: State<'_, AppState>,
    year: Option<i32>,
    as_of: Option<String>,
    reveal: bool,
) -> CmdResult<Response> {
    let (db, options) = ledger_access(&state, year, as_of, reveal)?;
    let bytes = db.read(|conn| zhibu::ledger::workbook(conn, options))?;
    Ok(Response::new(bytes))
}

/// The yearly 台账 as data, for the window's printable pages (身份证号 and phones masked unless
/// `reveal`).
#[tauri::command(async)]
pub fn ledger_book(
    state: State<'_, AppState>,
    year: Option<i32>,
    as_of: Option<String>,
    reveal: bool,
) -> CmdResult<LedgerBook> {
    let (db, options) = ledger_access(&state, year, as_of, reveal)?;
    Ok(db.read(|conn| zhibu::ledger::book(conn, options))?)
}
