//! Activities beyond the obligations: lecture series, reading salons, study trips.

use tauri::State;
use zhibu::activities::{self, Activity, ActivityInput, ActivityQuery};

use crate::error::CmdResult;
use crate::state::{today, AppState};

/// A list's lines with head counts; an activity's participants come with `activity_get`.
#[tauri::command(async)]
pub fn activity_list(
    state: State<'_, AppState>,
    query: ActivityQuery,
) -> CmdResult<Vec<activities::ActivitySummary>> {
    Ok(state
        .db()?
        .read(|conn| activities::summaries(conn, &query))?)
}

#[tauri::command(async)]
pub fn activity_get(state: State<'_, AppState>, id: String) -> CmdResult<Activity> {
    Ok(state.db()?.read(|conn| activities::get(conn, &id))?)
}

#[tauri::command(async)]
pub fn activity_add(state: State<'_, AppState>, input: ActivityInput) -> CmdResult<Activity> {
    Ok(state
        .db()?
        .write(|tx| activities::add(tx, &input, today(), &state.actor()))?)
}

/// Changes a saved activity with the checks of adding one; its history keeps what changed.
#[tauri::command(async)]
pub fn activity_update(
    state: State<'_, AppState>,
    id: String,
    input: ActivityInput,
) -> CmdResult<Activity> {
    Ok(state
        .db()?
        .write(|tx| activities::update(tx, &id, &input, today(), &state.actor()))?)
}

/// The series used and the years with activities, for the page's choices: read without
/// reading the activities themselves.
#[tauri::command(async)]
pub fn activity_facets(state: State<'_, AppState>) -> CmdResult<activities::ActivityFacets> {
    Ok(state.db()?.read(activities::facets)?)
}

/// The 期 number the next activity of `series` gets (第N期).
#[tauri::command(async)]
pub fn activity_next_issue(state: State<'_, AppState>, series: String) -> CmdResult<u32> {
    Ok(state
        .db()?
        .read(|conn| activities::next_issue_no(conn, &series))?)
}
