//! The secretary password: status, unlock and lock, set, change, recover, remove, idle time.

use serde::Serialize;
use tauri::State;
use zhibu::ids::local_now;
use zhibu::vault::{self, RecoveryKey};

use crate::error::CmdResult;
use crate::state::AppState;

/// Whether a password is set, the idle minutes, and whether the app is locked now.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct LockStatus {
    #[serde(flatten)]
    vault: vault::VaultStatus,
    locked: bool,
}

/// Whether a password is set and whether the app is locked now (asked before anything else,
/// so it needs no password).
#[tauri::command(async)]
pub fn lock_status(state: State<'_, AppState>) -> CmdResult<LockStatus> {
    let db = state.db_unguarded()?;
    Ok(LockStatus {
        vault: db.vault_status(),
        locked: db.is_locked(),
    })
}

/// Unlocks with the password; wrong tries make the next one wait (kept in the file, shared
/// with the command line).
#[tauri::command(async)]
pub fn unlock(state: State<'_, AppState>, password: String) -> CmdResult<()> {
    let db = state.db_unguarded()?;
    db.unlock(&password, local_now())?;
    state.touch();
    Ok(())
}

#[tauri::command(async)]
pub fn lock(state: State<'_, AppState>) -> CmdResult<()> {
    state.db_unguarded()?.lock_data();
    Ok(())
}

/// Sets the first password (every value sealed again under a new data key); returns the
/// recovery key to print.
#[tauri::command(async)]
pub fn password_set(state: State<'_, AppState>, password: String) -> CmdResult<RecoveryKey> {
    Ok(state
        .db()?
        .password_set(&password, &state.actor(), local_now())?)
}

/// Changes the password and the data key; returns the new recovery key to print (the old
/// one sealed the old key, so it stops working).
#[tauri::command(async)]
pub fn password_change(
    state: State<'_, AppState>,
    current: String,
    password: String,
) -> CmdResult<RecoveryKey> {
    Ok(state
        .db()?
        .password_change(&current, &password, &state.actor(), local_now())?)
}

/// A forgotten password: the printed recovery key and a new password unlock; returns the new
/// recovery key (the typed one is used up).
#[tauri::command(async)]
pub fn password_recover(
    state: State<'_, AppState>,
    recovery_key: String,
    password: String,
) -> CmdResult<RecoveryKey> {
    let recovery = state.db_unguarded()?.password_recover(
        &recovery_key,
        &password,
        &state.actor(),
        local_now(),
    )?;
    state.touch();
    Ok(recovery)
}

#[tauri::command(async)]
pub fn recovery_key_renew(state: State<'_, AppState>, password: String) -> CmdResult<RecoveryKey> {
    Ok(state
        .db()?
        .write(|tx| vault::renew_recovery_key(tx, &password, &state.actor()))?)
}

#[tauri::command(async)]
pub fn password_remove(state: State<'_, AppState>, password: String) -> CmdResult<()> {
    Ok(state
        .db()?
        .password_remove(&password, &state.actor(), local_now())?)
}

#[tauri::command(async)]
pub fn idle_minutes_set(state: State<'_, AppState>, minutes: u32) -> CmdResult<()> {
    Ok(state.db()?.set_idle_minutes(minutes, &state.actor())?)
}
