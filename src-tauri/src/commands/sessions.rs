//! Organisational life: sessions with attendance, the obligation calendar and its rules,
//! a member's attendance history.

use chrono::Datelike;
use tauri::State;
use zhibu::rule_sets::Dated;
use zhibu::sessions::{
    self, ComplianceReport, GroupMeetingInput, GroupMonth, MemberAttendance, ObligationRuleSet,
    RuleHistory, Session, SessionInput, SessionKind, SessionKindInput, SessionPreview,
    SessionQuery, SessionSummary, SessionTemplate,
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

/// What the session would be if saved now: 应到, head count, quorum and the verdict on each
/// resolution. Nothing is stored.
#[tauri::command(async)]
pub fn session_preview(
    state: State<'_, AppState>,
    input: SessionInput,
) -> CmdResult<SessionPreview> {
    Ok(state
        .db()?
        .read(|conn| sessions::preview(conn, &input, today()))?)
}

#[tauri::command(async)]
pub fn session_add(state: State<'_, AppState>, input: SessionInput) -> CmdResult<Session> {
    Ok(state
        .db()?
        .write(|tx| sessions::add(tx, &input, today(), &state.actor()))?)
}

#[tauri::command(async)]
pub fn session_update(
    state: State<'_, AppState>,
    id: String,
    input: SessionInput,
) -> CmdResult<Session> {
    Ok(state
        .db()?
        .write(|tx| sessions::update(tx, &id, &input, today(), &state.actor()))?)
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
    let history = state.db()?.read(RuleHistory::load)?;
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
    state.db()?.write(|tx| set.save(tx, &state.actor()))?;
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

/// The branch's own session kinds (支部设置's 自定义会议类型).
#[tauri::command(async)]
pub fn session_kind_list(state: State<'_, AppState>) -> CmdResult<Vec<SessionKind>> {
    Ok(state.db()?.read(sessions::kinds::list)?)
}

/// Creates one of the branch's own session kinds.
#[tauri::command(async)]
pub fn session_kind_add(
    state: State<'_, AppState>,
    input: SessionKindInput,
) -> CmdResult<SessionKind> {
    Ok(state
        .db()?
        .write(|tx| sessions::kinds::add(tx, &input, &state.actor()))?)
}

/// 「复制上次会议」: the last session of a kind as a new one on `held_on` (today when not given).
#[tauri::command(async)]
pub fn session_template(
    state: State<'_, AppState>,
    kind: String,
    party_group_id: Option<String>,
    held_on: Option<String>,
) -> CmdResult<Option<SessionTemplate>> {
    let on = match held_on.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(d) => zhibu::ids::parse_required_date("held_on", d)?,
        None => today(),
    };
    Ok(state
        .db()?
        .read(|conn| sessions::template_from_last(conn, &kind, party_group_id.as_deref(), on))?)
}

/// The 党小组 of a month with the 党小组会 already logged for each (批量登记党小组会).
#[tauri::command(async)]
pub fn session_group_month(
    state: State<'_, AppState>,
    month: String,
) -> CmdResult<Vec<GroupMonth>> {
    Ok(state
        .db()?
        .read(|conn| sessions::group_month(conn, &month))?)
}

/// 批量登记党小组会: one 党小组会 per group listed, all or none.
#[tauri::command(async)]
pub fn session_add_groups(
    state: State<'_, AppState>,
    month: String,
    meetings: Vec<GroupMeetingInput>,
) -> CmdResult<Vec<Session>> {
    Ok(state
        .db()?
        .write(|tx| sessions::add_group_meetings(tx, &month, &meetings, today(), &state.actor()))?)
}
