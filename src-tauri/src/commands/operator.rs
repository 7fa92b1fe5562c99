//! The 操作人: who is at the keyboard, chosen at unlock or at the window's first start, named
//! in every change the window writes, and remembered in the file for the next start.

use serde::Serialize;
use tauri::State;
use zhibu::operator;

use crate::error::CmdResult;
use crate::state::AppState;

#[derive(Debug, Serialize)]
pub struct OperatorStatus {
    /// The 操作人 of this session; none until one is chosen.
    current: Option<String>,
    /// The one chosen last time, offered first.
    remembered: Option<String>,
    /// The committee roles offered in the chooser (anything else is typed as 其他).
    suggested: &'static [&'static str],
    max_chars: usize,
}

/// What the chooser needs; asked at start and on the lock screen, so it needs no password.
#[tauri::command(async)]
pub fn operator_status(state: State<'_, AppState>) -> CmdResult<OperatorStatus> {
    let remembered = state.db_unguarded()?.read(operator::remembered)?;
    Ok(OperatorStatus {
        current: state.operator(),
        remembered,
        suggested: &operator::SUGGESTED,
        max_chars: operator::OPERATOR_MAX_CHARS,
    })
}

/// Makes `name` the 操作人 of this session and the default of the next start; returns it as
/// kept. After unlocking when a password is set.
#[tauri::command(async)]
pub fn operator_set(state: State<'_, AppState>, name: String) -> CmdResult<String> {
    let kept = state.db()?.write(|tx| operator::remember(tx, &name))?;
    state.set_operator(kept.clone());
    Ok(kept)
}
