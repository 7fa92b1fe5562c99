//! The secretary password: status, unlock and lock, set, change, recover, remove, idle time.

use serde::Serialize;
use tauri::State;
use zhibu::change_log::ACTOR_APP;
use zhibu::ids::timestamp;
use zhibu::vault::{self, RecoveryKey};
use zhibu::{Error, Reason};

use crate::error::CmdResult;
use crate::state::AppState;

#[derive(Serialize)]
pub struct LockStatus {
    pub password_set: bool,
    pub locked: bool,
    pub idle_minutes: u32,
    pub password_changed_at: Option<String>,
}

/// Whether a password is set and whether the app is locked now (asked before anything else,
/// so it needs no password).
#[tauri::command(async)]
pub fn lock_status(state: State<'_, AppState>) -> CmdResult<LockStatus> {
    let db = state.db_unguarded()?;
    let s = db.read(vault::status)?;
    Ok(LockStatus {
        password_set: s.password_set,
        locked: db.is_locked(),
        idle_minutes: s.idle_minutes,
        password_changed_at: s.password_changed_at,
    })
}

/// Unlocks with the password; wrong tries are throttled like 我的学时.
#[tauri::command(async)]
pub fn unlock(state: State<'_, AppState>, password: String) -> CmdResult<()> {
    let now = state.seconds();
    if state.unlock_throttle().check(now).is_err() {
        return Err(Error::Conflict {
            reason: Reason::TooManyTries,
        }
        .into());
    }
    let result = state.db_unguarded()?.unlock(&password);
    state.unlock_throttle().record(result.is_ok(), now);
    result?;
    state.touch();
    Ok(())
}

#[tauri::command(async)]
pub fn lock(state: State<'_, AppState>) -> CmdResult<()> {
    Ok(state.db_unguarded()?.lock_data()?)
}

/// Sets the first password; returns the recovery key to print.
#[tauri::command(async)]
pub fn password_set(state: State<'_, AppState>, password: String) -> CmdResult<RecoveryKey> {
    Ok(state.db()?.vault_write(|tx| {
        Ok((
            vault::set_password(tx, &password, ACTOR_APP, &timestamp())?,
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
        let key = vault::change_password(tx, &current, &password, ACTOR_APP, &timestamp())?;
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
    let now_s = state.seconds();
    if state.unlock_throttle().check(now_s).is_err() {
        return Err(Error::Conflict {
            reason: Reason::TooManyTries,
        }
        .into());
    }
    let result = state.db_unguarded()?.vault_write(|tx| {
        let (key, recovery) =
            vault::recover(tx, &recovery_key, &password, ACTOR_APP, &timestamp())?;
        Ok((recovery, Some(key)))
    });
    let wrong_key = matches!(
        result,
        Err(Error::Validation {
            reason: Reason::WrongRecoveryKey,
            ..
        })
    );
    state.unlock_throttle().record(!wrong_key, now_s);
    let recovery = result?;
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
    Ok(state
        .db()?
        .write(|tx| vault::set_idle_minutes(tx, minutes, ACTOR_APP))?)
}
