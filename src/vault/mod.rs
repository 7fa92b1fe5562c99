//! The secretary password and the field-level encryption of sensitive personal data
//! (身份证号, phone, home address).
//!
//! One random data key seals those fields (XChaCha20-Poly1305, a fresh random nonce per value).
//! The data key itself is stored sealed twice: under a key derived from the secretary password
//! (argon2id) and under one derived from the printed recovery key, so a forgotten password
//! loses nothing while the recovery key is at hand. Before any password is set the data key is
//! stored in clear: the file is protected from the moment the secretary sets a password.
//!
//! Lists, the 我的学时 look-up and duplicate checks need no key: beside each sealed value the
//! row keeps its masked form, a keyed lookup tag of the 身份证号 (HMAC) and a salted hash of
//! its last six characters.

use std::sync::{Arc, RwLock};

mod seal;

use rusqlite::functions::FunctionFlags;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::change_log;
use crate::error::{Error, Reason, Result};
use crate::hex;
use seal::{seal_key, unseal_key};
pub use seal::{DataKey, RecoveryKey};

pub const PASSWORD_MIN_CHARS: usize = 8;
pub const IDLE_MINUTES_DEFAULT: u32 = 10;
pub const IDLE_MINUTES_MAX: u32 = 240;

/// Shared between the connection's SQL functions and the `Db` that locks and unlocks.
pub(crate) type KeySlot = Arc<RwLock<Option<DataKey>>>;

/// Registers `zhibu_vault_key()`, so code holding only a connection reaches the key through
/// [`key`]; the slot is the one the `Db` locks and unlocks.
pub(crate) fn register(conn: &Connection, slot: KeySlot) -> Result<()> {
    conn.create_scalar_function(
        "zhibu_vault_key",
        0,
        FunctionFlags::SQLITE_UTF8,
        move |_| {
            Ok(slot
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .as_ref()
                .map(|k| k.bytes().to_vec()))
        },
    )?;
    Ok(())
}

/// The data key, for code that holds only a connection (stores, imports, exports).
pub fn key(conn: &Connection) -> Result<DataKey> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT zhibu_vault_key()")?
        .query_row([], |r| r.get(0))?;
    bytes
        .map(Zeroizing::new)
        .and_then(|b| DataKey::from_bytes(&b))
        .ok_or(Error::Locked)
}

/// What the settings page and the lock screen need to know.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct VaultStatus {
    pub password_set: bool,
    /// Minutes without use after which the app locks (when a password is set).
    pub idle_minutes: u32,
    /// When the password was last set or changed, for the settings page.
    pub password_changed_at: Option<String>,
}

struct Row {
    plain_key: Option<Vec<u8>>,
    password_salt: Option<Vec<u8>>,
    password_key: Option<Vec<u8>>,
    recovery_salt: Option<Vec<u8>>,
    recovery_key: Option<Vec<u8>>,
    key_check: String,
    idle_minutes: u32,
    password_changed_at: Option<String>,
}

fn row(conn: &Connection) -> Result<Row> {
    conn.prepare_cached(
        "SELECT plain_key, password_salt, password_key, recovery_salt, recovery_key, key_check,
                idle_minutes, password_changed_at
         FROM vault WHERE id = 1",
    )?
    .query_row([], |r| {
        Ok(Row {
            plain_key: r.get(0)?,
            password_salt: r.get(1)?,
            password_key: r.get(2)?,
            recovery_salt: r.get(3)?,
            recovery_key: r.get(4)?,
            key_check: r.get(5)?,
            idle_minutes: r.get(6)?,
            password_changed_at: r.get(7)?,
        })
    })
    .optional()?
    .ok_or(Error::Conflict {
        reason: Reason::SealedValueUnreadable,
    })
}

pub fn status(conn: &Connection) -> Result<VaultStatus> {
    let r = row(conn)?;
    Ok(VaultStatus {
        password_set: r.password_key.is_some(),
        idle_minutes: r.idle_minutes,
        password_changed_at: r.password_changed_at,
    })
}

/// The data key when no password guards it; `None` once a password is set.
pub(crate) fn unguarded_key(conn: &Connection) -> Result<Option<DataKey>> {
    Ok(row(conn)?.plain_key.and_then(|k| DataKey::from_bytes(&k)))
}

/// Whether `key` is this database's data key (a restored backup may hold another).
pub(crate) fn is_key_of(conn: &Connection, key: &DataKey) -> Result<bool> {
    Ok(hex::same(&row(conn)?.key_check, &key.check()))
}

/// The data key the password unseals, or `WrongPassword`.
pub fn unlock(conn: &Connection, password: &str) -> Result<DataKey> {
    let r = row(conn)?;
    let (Some(salt), Some(sealed)) = (r.password_salt, r.password_key) else {
        return Err(Error::Conflict {
            reason: Reason::PasswordNotSet,
        });
    };
    unseal_key(password.as_bytes(), &salt, &sealed).ok_or(Error::Validation {
        field: "password",
        reason: Reason::WrongPassword,
    })
}

fn check_new_password(password: &str) -> Result<()> {
    if password.chars().count() < PASSWORD_MIN_CHARS {
        return Err(Error::validation("new_password", Reason::PasswordTooShort));
    }
    if password.chars().count() > 128 {
        return Err(Error::validation("new_password", Reason::TooLong));
    }
    Ok(())
}

/// Seals `key` under the password and a new recovery key, drops the clear copy, and returns
/// the recovery key to print.
fn guard(
    conn: &Connection,
    key: &DataKey,
    password: &str,
    actor: &str,
    now: &str,
    action: &str,
) -> Result<RecoveryKey> {
    check_new_password(password)?;
    let recovery = RecoveryKey::generate()?;
    let (p_salt, p_sealed) = seal_key(password.as_bytes(), key)?;
    let (r_salt, r_sealed) = seal_key(RecoveryKey::normalize(&recovery.key).as_bytes(), key)?;
    conn.prepare_cached(
        "UPDATE vault SET plain_key = NULL, password_salt = ?1, password_key = ?2,
                recovery_salt = ?3, recovery_key = ?4, password_changed_at = ?5
         WHERE id = 1",
    )?
    .execute(params![p_salt, p_sealed, r_salt, r_sealed, now])?;
    log(conn, actor, "password", action)?;
    Ok(recovery)
}

/// Sets the first password; the data, sealed with the same key, stays as it is.
pub fn set_password(
    conn: &Connection,
    password: &str,
    actor: &str,
    now: &str,
) -> Result<RecoveryKey> {
    let Some(key) = unguarded_key(conn)? else {
        return Err(Error::Conflict {
            reason: Reason::PasswordAlreadySet,
        });
    };
    guard(conn, &key, password, actor, now, "set")
}

/// Replaces the password; the recovery key stays valid.
pub fn change_password(
    conn: &Connection,
    current: &str,
    new: &str,
    actor: &str,
    now: &str,
) -> Result<DataKey> {
    let key = unlock(conn, current).map_err(|e| match e {
        Error::Validation { .. } => Error::validation("current_password", Reason::WrongPassword),
        e => e,
    })?;
    check_new_password(new)?;
    let (salt, sealed) = seal_key(new.as_bytes(), &key)?;
    conn.prepare_cached(
        "UPDATE vault SET password_salt = ?1, password_key = ?2, password_changed_at = ?3
         WHERE id = 1",
    )?
    .execute(params![salt, sealed, now])?;
    log(conn, actor, "password", "change")?;
    Ok(key)
}

/// A forgotten password: the recovery key unseals the data key, a new password guards it, and
/// a new recovery key replaces the one just typed. Nothing of the data is lost.
pub fn recover(
    conn: &Connection,
    recovery_key: &str,
    new_password: &str,
    actor: &str,
    now: &str,
) -> Result<(DataKey, RecoveryKey)> {
    let r = row(conn)?;
    let (Some(salt), Some(sealed)) = (r.recovery_salt, r.recovery_key) else {
        return Err(Error::Conflict {
            reason: Reason::PasswordNotSet,
        });
    };
    let key = unseal_key(
        RecoveryKey::normalize(recovery_key).as_bytes(),
        &salt,
        &sealed,
    )
    .ok_or(Error::Validation {
        field: "recovery_key",
        reason: Reason::WrongRecoveryKey,
    })?;
    let recovery = guard(conn, &key, new_password, actor, now, "recover")?;
    Ok((key, recovery))
}

/// A new recovery key (the old one stops working), for a printout that was lost.
pub fn renew_recovery_key(conn: &Connection, password: &str, actor: &str) -> Result<RecoveryKey> {
    let key = unlock(conn, password)?;
    let recovery = RecoveryKey::generate()?;
    let (salt, sealed) = seal_key(RecoveryKey::normalize(&recovery.key).as_bytes(), &key)?;
    conn.prepare_cached("UPDATE vault SET recovery_salt = ?1, recovery_key = ?2 WHERE id = 1")?
        .execute(params![salt, sealed])?;
    log(conn, actor, "recovery_key", "renew")?;
    Ok(recovery)
}

/// Takes the password away: the data key is stored in clear again and nothing locks.
pub fn remove_password(conn: &Connection, password: &str, actor: &str) -> Result<DataKey> {
    let key = unlock(conn, password)?;
    conn.prepare_cached(
        "UPDATE vault SET plain_key = ?1, password_salt = NULL, password_key = NULL,
                recovery_salt = NULL, recovery_key = NULL, password_changed_at = NULL
         WHERE id = 1",
    )?
    .execute([key.bytes()])?;
    log(conn, actor, "password", "remove")?;
    Ok(key)
}

/// A change to the vault in the change log: what and how, never a secret.
fn log(conn: &Connection, actor: &str, what: &str, action: &str) -> Result<()> {
    change_log::record(conn, actor, "vault", what, action, &serde_json::json!({}))
}

/// Through [`crate::Db::set_idle_minutes`], which keeps the status in memory true.
pub(crate) fn set_idle_minutes(conn: &Connection, minutes: u32, actor: &str) -> Result<()> {
    if !(1..=IDLE_MINUTES_MAX).contains(&minutes) {
        return Err(Error::validation("idle_minutes", Reason::IdleMinutesRange));
    }
    conn.prepare_cached("UPDATE vault SET idle_minutes = ?1 WHERE id = 1")?
        .execute([minutes])?;
    change_log::record(
        conn,
        actor,
        "vault",
        "idle_minutes",
        "update",
        &serde_json::json!({ "idle_minutes": minutes }),
    )?;
    Ok(())
}

/// The sealed forms a member row stores for its sensitive fields.
pub(crate) struct SealedPerson {
    pub id_number: String,
    pub id_tag: String,
    pub id_masked: String,
    pub id_tail: Option<String>,
    pub phone: String,
    pub phone_masked: String,
    pub address: String,
}

/// `with_tail`: whether 我的学时 identifies members by their 身份证号's last six (only then is
/// its hash kept).
pub(crate) fn seal_person(
    key: &DataKey,
    id_number: &str,
    phone: &str,
    address: &str,
    with_tail: bool,
) -> Result<SealedPerson> {
    use crate::members::validate::{mask_id_number, mask_phone};
    let id = id_number.trim().to_uppercase();
    let tail = if with_tail {
        crate::study::tail_form(&id)
    } else {
        None
    };
    Ok(SealedPerson {
        id_number: key.seal(&id)?,
        id_tag: key.id_tag(&id),
        id_masked: mask_id_number(&id),
        id_tail: tail,
        phone: key.seal(phone)?,
        phone_masked: mask_phone(phone),
        address: key.seal(address)?,
    })
}

/// Migration 0005: a data key for the database, and every member's 身份证号 and phone sealed
/// with it (the masked forms, lookup tag and tail hash written beside them).
pub(crate) fn migrate_v5(tx: &Transaction) -> Result<()> {
    let key = DataKey::generate()?;
    tx.execute(
        "INSERT INTO vault (id, plain_key, key_check, idle_minutes) VALUES (1, ?1, ?2, ?3)",
        params![key.bytes(), key.check(), IDLE_MINUTES_DEFAULT],
    )?;
    let with_tail: bool = tx.query_row(
        "SELECT count(*) > 0 FROM branch WHERE self_check = 'id_last6'",
        [],
        |r| r.get(0),
    )?;
    let people: Vec<(String, String, String)> = tx
        .prepare("SELECT id, id_number, phone FROM member")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare(
        "UPDATE member SET id_number = ?2, id_tag = ?3, id_masked = ?4, id_tail = ?5,
                phone = ?6, phone_masked = ?7
         WHERE id = ?1",
    )?;
    for (id, id_number, phone) in people {
        let s = seal_person(&key, &id_number, &phone, "", with_tail)?;
        update.execute(params![
            id,
            s.id_number,
            s.id_tag,
            s.id_masked,
            s.id_tail,
            s.phone,
            s.phone_masked
        ])?;
    }
    Ok(())
}
