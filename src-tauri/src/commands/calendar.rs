//! The obligation calendar's own records: periods confirmed missed before the records began,
//! and the 联系支委 list that scopes 谈心谈话.

use tauri::State;
use zhibu::sessions::{self, talks, PeriodKey};

use crate::error::CmdResult;
use crate::state::{today, AppState};

#[tauri::command(async)]
pub fn missed_confirm(state: State<'_, AppState>, key: PeriodKey) -> CmdResult<()> {
    Ok(state
        .db()?
        .write(|tx| sessions::confirm_missed(tx, &key, today(), &state.actor()))?)
}

#[tauri::command(async)]
pub fn missed_undo(state: State<'_, AppState>, key: PeriodKey) -> CmdResult<()> {
    Ok(state
        .db()?
        .write(|tx| sessions::undo_missed(tx, &key, &state.actor()))?)
}

#[tauri::command(async)]
pub fn contact_list(state: State<'_, AppState>) -> CmdResult<Vec<talks::Contact>> {
    Ok(state.db()?.read(talks::contacts)?)
}

#[tauri::command(async)]
pub fn contact_set(
    state: State<'_, AppState>,
    member_id: String,
    committee_id: Option<String>,
) -> CmdResult<()> {
    Ok(state.db()?.write(|tx| {
        talks::set_contact(
            tx,
            &member_id,
            committee_id.as_deref(),
            today(),
            &state.actor(),
        )
    })?)
}
