//! Organisational life: sessions with attendance, the obligation calendar and its rules,
//! a member's attendance history.

use chrono::Datelike;
use tauri::State;
use zhibu::change_log::ACTOR_APP;
use zhibu::sessions::{
    self, ComplianceReport, MemberAttendance, ObligationRuleSet, Session, SessionInput,
    SessionQuery, SessionSummary,
};

use super::Rules;
use crate::error::CmdResult;
use crate::state::{today, AppState};

#[tauri::command(async)]
pub fn session_list(
    state: State<'_, AppState>,
    query: SessionQuery,
) -> CmdResult<Vec<SessionSummary>> {
    Ok(state.db()?.read(|conn| sessions::list(conn, &query))?)
}

#[tauri::command(async)]
pub fn session_get(state: State<'_, AppState>, id: String) -> CmdResult<Session> {
    Ok(state.db()?.read(|conn| sessions::get(conn, &id))?)
}

/// What the session would be if saved now: 应到, head count, quorum and whether each
/// resolution carries. Nothing is stored.
#[tauri::command(async)]
pub fn session_preview(state: State<'_, AppState>, input: SessionInput) -> CmdResult<Session> {
    Ok(state
        .db()?
        .read(|conn| sessions::preview(conn, &input, today()))?)
}

#[tauri::command(async)]
pub fn session_add(state: State<'_, AppState>, input: SessionInput) -> CmdResult<Session> {
    Ok(state
        .db()?
        .write(|tx| sessions::add(tx, &input, today(), ACTOR_APP))?)
}

#[tauri::command(async)]
pub fn session_update(
    state: State<'_, AppState>,
    id: String,
    input: SessionInput,
) -> CmdResult<Session> {
    Ok(state
        .db()?
        .write(|tx| sessions::update(tx, &id, &input, today(), ACTOR_APP))?)
}

/// Every obligation period of `year` as of `as_of` (today when not given).
#[tauri::command(async)]
pub fn compliance_get(
    state: State<'_, AppState>,
    year: Option<i32>,
    as_of: Option<String>,
) -> CmdResult<ComplianceReport> {
    let (year, as_of) = super::year_as_of(year, as_of)?;
    Ok(state
        .db()?
        .read(|conn| sessions::compliance(conn, year, as_of))?)
}

#[tauri::command(async)]
pub fn obligation_rules_get(state: State<'_, AppState>) -> CmdResult<Rules<ObligationRuleSet>> {
    let history = state.db()?.read(sessions::rule_history)?;
    Ok(Rules {
        current: history.in_force(today()).clone(),
        history: history.sets().to_vec(),
    })
}

#[tauri::command(async)]
pub fn obligation_rules_save(
    state: State<'_, AppState>,
    set: ObligationRuleSet,
) -> CmdResult<Rules<ObligationRuleSet>> {
    state
        .db()?
        .write(|tx| sessions::save_rule_set(tx, &set, ACTOR_APP))?;
    obligation_rules_get(state)
}

#[tauri::command(async)]
pub fn member_attendance(
    state: State<'_, AppState>,
    member_id: String,
    year: Option<i32>,
) -> CmdResult<MemberAttendance> {
    let year = zhibu::ids::check_year(year.unwrap_or_else(|| today().year()))?;
    Ok(state
        .db()?
        .read(|conn| sessions::attendance_of(conn, &member_id, year))?)
}

/// The sign-in sheet (签到表) for a planned session: who should attend on that day.
#[tauri::command(async)]
pub fn session_sign_in(
    state: State<'_, AppState>,
    kind: String,
    party_group_id: Option<String>,
    held_on: String,
) -> CmdResult<zhibu::sessions::sign_in::SignInSheet> {
    let on = zhibu::ids::parse_required_date("held_on", &held_on)?;
    Ok(state
        .db()?
        .read(|conn| zhibu::sessions::sign_in::sheet(conn, &kind, party_group_id.as_deref(), on))?)
}

/// The same sheet as .xlsx bytes.
#[tauri::command(async)]
pub fn session_sign_in_xlsx(
    state: State<'_, AppState>,
    kind: String,
    party_group_id: Option<String>,
    held_on: String,
) -> CmdResult<tauri::ipc::Response> {
    let sheet = session_sign_in(state, kind, party_group_id, held_on)?;
    Ok(tauri::ipc::Response::new(
        zhibu::sessions::sign_in::sheet_xlsx(&sheet)?,
    ))
}
