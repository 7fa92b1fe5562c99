//! The secretary password: status, unlock and lock, set, change, recover, remove, idle time.

use serde::Serialize;
use tauri::State;
use zhibu::change_log::ACTOR_APP;
use zhibu::vault::{self, RecoveryKey};
use zhibu::Reason;

use crate::error::CmdResult;
use crate::state::{AppState, Secret};

#[derive(Serialize)]
pub struct LockStatus {
    #[serde(flatten)]
    vault: vault::VaultStatus,
    locked: bool,
}

/// When the password changed, in local time (the settings page shows its date).
fn local_time() -> String {
    zhibu::ids::local_now()
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
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

/// Unlocks with the password; wrong tries are throttled like 我的学时.
#[tauri::command(async)]
pub fn unlock(state: State<'_, AppState>, password: String) -> CmdResult<()> {
    let db = state.db_unguarded()?;
    state.throttled(Secret::Password, || db.unlock(&password), |_| true)?;
    state.touch();
    Ok(())
}

#[tauri::command(async)]
pub fn lock(state: State<'_, AppState>) -> CmdResult<()> {
    state.db_unguarded()?.lock_data();
    Ok(())
}

/// Sets the first password; returns the recovery key to print.
#[tauri::command(async)]
pub fn password_set(state: State<'_, AppState>, password: String) -> CmdResult<RecoveryKey> {
    Ok(state.db()?.vault_write(|tx| {
        Ok((
            vault::set_password(tx, &password, ACTOR_APP, &local_time())?,
            None,
        ))
    })?)
}

#[tauri::command(async)]
pub fn password_change(
    state: State<'_, AppState>,
    current: String,
    password: String,
) -> CmdResult<()> {
    Ok(state.db()?.vault_write(|tx| {
        let key = vault::change_password(tx, &current, &password, ACTOR_APP, &local_time())?;
        Ok(((), Some(key)))
    })?)
}

/// A forgotten password: the printed recovery key and a new password unlock; returns the new
/// recovery key (the typed one is used up).
#[tauri::command(async)]
pub fn password_recover(
    state: State<'_, AppState>,
    recovery_key: String,
    password: String,
) -> CmdResult<RecoveryKey> {
    let db = state.db_unguarded()?;
    let recovery = state.throttled(
        Secret::Password,
        || {
            db.vault_write(|tx| {
                let (key, recovery) =
                    vault::recover(tx, &recovery_key, &password, ACTOR_APP, &local_time())?;
                Ok((recovery, Some(key)))
            })
        },
        // A new password too short is not a wrong try.
        |e| e.reason() == Some(Reason::WrongRecoveryKey),
    )?;
    state.touch();
    Ok(recovery)
}

#[tauri::command(async)]
pub fn recovery_key_renew(state: State<'_, AppState>, password: String) -> CmdResult<RecoveryKey> {
    Ok(state
        .db()?
        .write(|tx| vault::renew_recovery_key(tx, &password, ACTOR_APP))?)
}

#[tauri::command(async)]
pub fn password_remove(state: State<'_, AppState>, password: String) -> CmdResult<()> {
    Ok(state.db()?.vault_write(|tx| {
        let key = vault::remove_password(tx, &password, ACTOR_APP)?;
        Ok(((), Some(key)))
    })?)
}

#[tauri::command(async)]
pub fn idle_minutes_set(state: State<'_, AppState>, minutes: u32) -> CmdResult<()> {
    Ok(state.db()?.set_idle_minutes(minutes, ACTOR_APP)?)
}
