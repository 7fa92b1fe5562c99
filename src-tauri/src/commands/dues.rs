//! 党费: the dues year, fixing its amounts, declaring a member's basis, recording payments.

use tauri::State;
use zhibu::dues::{
    self, AllPaid, DuesBase, DuesDeclaration, DuesReport, DuesSchedule, Payment, PaymentInput,
};

use super::year_as_of;
use crate::error::CmdResult;
use crate::state::{today, AppState};

/// The dues year as of a day (today and its year when not given).
#[tauri::command(async)]
pub fn dues_report(
    state: State<'_, AppState>,
    year: Option<i32>,
    as_of: Option<String>,
) -> CmdResult<DuesReport> {
    let (year, as_of) = year_as_of(year, as_of)?;
    Ok(state.db()?.read(|conn| dues::report(conn, year, as_of))?)
}

#[tauri::command(async)]
pub fn dues_compute(state: State<'_, AppState>, year: i32) -> CmdResult<DuesSchedule> {
    let year = zhibu::ids::check_year(year)?;
    Ok(state
        .db()?
        .write(|tx| dues::compute(tx, year, &state.actor()))?)
}

#[tauri::command(async)]
pub fn dues_declare(state: State<'_, AppState>, input: DuesDeclaration) -> CmdResult<DuesBase> {
    Ok(state
        .db()?
        .write(|tx| dues::declare(tx, &input, &state.actor()))?)
}

#[tauri::command(async)]
pub fn dues_record(state: State<'_, AppState>, input: PaymentInput) -> CmdResult<Payment> {
    Ok(state
        .db()?
        .write(|tx| dues::record(tx, &input, today(), &state.actor()))?)
}

/// 本月全员已交: what every member still owes for `month`, recorded as paid on `paid_on`, all
/// or none. With `dry_run` it is worked out in a transaction rolled back, for the window's
/// confirmation (who and how much), and nothing is kept.
#[tauri::command(async)]
pub fn dues_pay_all(
    state: State<'_, AppState>,
    month: String,
    paid_on: String,
    dry_run: bool,
) -> CmdResult<AllPaid> {
    let db = state.db()?;
    Ok(if dry_run {
        db.dry_run(|tx| dues::pay_all(tx, &month, &paid_on, today(), &state.actor()))?
    } else {
        db.write(|tx| dues::pay_all(tx, &month, &paid_on, today(), &state.actor()))?
    })
}
