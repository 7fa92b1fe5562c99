//! The secretary password's four changes on an open database, shared by the window and the
//! command line: each makes a new data key and re-seals every value (see
//! [`Db::vault_rotate`]); the three that take a secret do so under the throttle kept in the
//! file (see [`Db::throttled`]).

use chrono::NaiveDateTime;
use rusqlite::Transaction;

use super::Db;
use crate::error::{Error, Reason, Result};
use crate::vault::{self, DataKey, RecoveryKey};

/// A refusal that counts as a wrong try: a wrong password or recovery key (a new password
/// too short does not).
fn wrong_secret(e: &Error) -> bool {
    matches!(
        e.reason(),
        Some(Reason::WrongPassword | Reason::WrongRecoveryKey)
    )
}

/// When the password changed, in local time, as the settings page shows it.
fn shown(now: NaiveDateTime) -> String {
    now.format("%Y-%m-%d %H:%M:%S").to_string()
}

impl Db {
    /// Sets the first password; returns the recovery key to print once.
    pub fn password_set(
        &self,
        password: &str,
        actor: &str,
        now: NaiveDateTime,
    ) -> Result<RecoveryKey> {
        self.vault_rotate(|tx| {
            let (recovery, key) = vault::set_password(tx, password, actor, &shown(now))?;
            Ok((recovery, Some(key)))
        })
    }

    /// Changes the password; returns the new recovery key (the old one sealed the old data
    /// key, so it stops working).
    pub fn password_change(
        &self,
        current: &str,
        new: &str,
        actor: &str,
        now: NaiveDateTime,
    ) -> Result<RecoveryKey> {
        self.rekey_throttled(now, |tx| {
            vault::change_password(tx, current, new, actor, &shown(now))
        })
    }

    /// Removes the password: nothing is locked any more.
    pub fn password_remove(&self, current: &str, actor: &str, now: NaiveDateTime) -> Result<()> {
        self.throttled(
            now,
            || {
                self.vault_rotate(|tx| {
                    let key = vault::remove_password(tx, current, actor)?;
                    Ok(((), Some(key)))
                })
            },
            wrong_secret,
        )
    }

    /// A forgotten password: the printed recovery key and a new password; returns the new
    /// recovery key (the typed one is used up).
    pub fn password_recover(
        &self,
        recovery_key: &str,
        new: &str,
        actor: &str,
        now: NaiveDateTime,
    ) -> Result<RecoveryKey> {
        self.rekey_throttled(now, |tx| {
            vault::recover(tx, recovery_key, new, actor, &shown(now))
        })
    }

    /// A new password and data key behind the throttle, from the typed secret: what
    /// changing and recovering share.
    fn rekey_throttled(
        &self,
        now: NaiveDateTime,
        rekey: impl FnOnce(&Transaction) -> Result<(RecoveryKey, DataKey)>,
    ) -> Result<RecoveryKey> {
        self.throttled(
            now,
            || {
                self.vault_rotate(|tx| {
                    let (recovery, key) = rekey(tx)?;
                    Ok((recovery, Some(key)))
                })
            },
            wrong_secret,
        )
    }
}
