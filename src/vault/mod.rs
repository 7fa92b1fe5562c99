//! The secretary password and the field-level encryption of sensitive personal data
//! (身份证号, phone, home address).
//!
//! One random data key seals those fields (XChaCha20-Poly1305, a fresh random nonce per value).
//! The data key itself is stored sealed twice: under a key derived from the secretary password
//! (argon2id) and under one derived from the printed recovery key, so a forgotten password
//! loses nothing while the recovery key is at hand. Before any password is set the data key is
//! stored in clear: the file is protected from the moment the secretary sets a password.
//!
//! Each value is sealed for its place (table, row, column), so one moved to another row does
//! not open. Setting, changing, removing the password and recovering with the recovery key
//! make a new data key and seal every value again, so an older copy of the file (a backup
//! made before the password) opens nothing entered since.
//!
//! Lists and duplicate checks need no key: beside each sealed value the row keeps its masked
//! form (no digit of a 身份证号, at most the last two or the head and tail of a phone number)
//! and a keyed lookup tag of the 身份证号 (HMAC). The 我的学时 look-up by a 身份证号's last six
//! compares an HMAC under a tail key derived from the data key (see [`DataKey::tail_key`]).

use std::sync::{Arc, RwLock};

mod redact;
mod seal;
pub mod throttle;

use rusqlite::functions::FunctionFlags;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::change_log;
use crate::error::{Error, Reason, Result};
use crate::hex;
pub(crate) use redact::migrate_v12;
use seal::{seal_key, unseal_key};
pub use seal::{DataKey, Place, RecoveryKey, TailKey};

pub const PASSWORD_MIN_CHARS: usize = crate::limits::PASSWORD_MIN;
pub const IDLE_MINUTES_DEFAULT: u32 = 10;
pub const IDLE_MINUTES_MAX: u32 = crate::limits::IDLE_MINUTES_MAX;

/// Shared between the connection's SQL functions and the `Db` that locks and unlocks.
pub(crate) type KeySlot = Arc<RwLock<Option<DataKey>>>;

/// The 我的学时 tail key, kept by the `Db` from the first unlock on (locking keeps it).
pub(crate) type TailSlot = Arc<RwLock<Option<TailKey>>>;

/// Registers `zhibu_vault_key()` and `zhibu_tail_key()`, so code holding only a connection
/// reaches the keys through [`key`] and [`tail_key`]; the slots are the ones the `Db` fills.
pub(crate) fn register(conn: &Connection, slot: KeySlot, tail: TailSlot) -> Result<()> {
    conn.create_scalar_function("zhibu_tail_key", 0, FunctionFlags::SQLITE_UTF8, move |_| {
        Ok(tail
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map(|k| k.bytes().to_vec()))
    })?;
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
/// On a connection the app did not open (a backup being checked) there is no key in memory:
/// the key is the one stored in clear when no password guards it, else `Locked`.
pub fn key(conn: &Connection) -> Result<DataKey> {
    let stmt = match conn.prepare_cached("SELECT zhibu_vault_key()") {
        Ok(stmt) => stmt,
        Err(rusqlite::Error::SqlInputError { msg, .. }) if msg.contains("no such function") => {
            return unguarded_key(conn)?.ok_or(Error::Locked);
        }
        Err(e) => return Err(e.into()),
    };
    let bytes: Option<Vec<u8>> = { stmt }.query_row([], |r| r.get(0))?;
    bytes
        .map(Zeroizing::new)
        .and_then(|b| DataKey::from_bytes(&b))
        .ok_or(Error::Locked)
}

/// The 我的学时 tail key, when the secretary has unlocked in this process (or no password is
/// set).
pub fn tail_key(conn: &Connection) -> Result<Option<TailKey>> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT zhibu_tail_key()")?
        .query_row([], |r| r.get(0))?;
    Ok(bytes
        .map(Zeroizing::new)
        .and_then(|b| TailKey::from_bytes(&b)))
}

/// Where a member's sealed field lives.
pub fn member_place<'a>(member_id: &'a str, column: &'a str) -> Place<'a> {
    Place {
        table: "member",
        row: member_id,
        column,
    }
}

/// Opens sealed values with the data key; values of the first, unbound format only until
/// every value has been sealed again with its place.
pub struct Opener {
    key: DataKey,
    legacy: bool,
}

impl Opener {
    pub fn open(&self, stored: &str, place: Place) -> Result<String> {
        self.key.open(stored, place, self.legacy)
    }
}

/// The opener of this database's sealed values (`Locked` without the key).
pub fn opener(conn: &Connection) -> Result<Opener> {
    let key = key(conn)?;
    Ok(Opener {
        key,
        legacy: !flags(conn)?.bound,
    })
}

/// What the vault's flags say has been done with the key at hand.
#[derive(Debug, Clone, Copy)]
struct Flags {
    /// Every sealed value is of the bound format (`x2:`); an unbound one is refused.
    bound: bool,
    /// Every stored tail is keyed with the current tail key.
    tails_keyed: bool,
}

fn flags(conn: &Connection) -> Result<Flags> {
    Ok(conn
        .prepare_cached("SELECT sealed_bound, tails_keyed FROM vault WHERE id = 1")?
        .query_row([], |r| {
            Ok(Flags {
                bound: r.get(0)?,
                tails_keyed: r.get(1)?,
            })
        })
        .optional()?
        .unwrap_or(Flags {
            bound: false,
            tails_keyed: false,
        }))
}

/// Whether values sealed before binding, or tails of the old scheme, wait for the key.
pub(crate) fn needs_upgrade(conn: &Connection) -> Result<bool> {
    let f = flags(conn)?;
    Ok(!f.bound || !f.tails_keyed)
}

/// Seals every value of the old, unbound format again for its place and keys the 我的学时
/// tails, once the key is at hand (the migration without a password, the first unlock with
/// one).
pub(crate) fn upgrade(tx: &Connection, key: &DataKey, actor: &str) -> Result<()> {
    if !needs_upgrade(tx)? {
        return Ok(());
    }
    let members = reseal_all(tx, key, key)?;
    if members == 0 {
        return Ok(());
    }
    change_log::record(
        tx,
        actor,
        "vault",
        "sealed_values",
        "bind",
        &serde_json::json!({ "members": members }),
    )
}

/// Opens every member's sealed fields with `old` and seals them with `new` for their place,
/// with a new lookup tag and (in the last-six mode) a new tail; returns how many members.
fn reseal_all(tx: &Connection, old: &DataKey, new: &DataKey) -> Result<usize> {
    let legacy = !flags(tx)?.bound;
    let with_tail = crate::study::self_check::mode(tx)? == crate::study::SelfCheckMode::IdLast6;
    let people: Vec<(String, String, String, String)> = tx
        .prepare("SELECT id, id_number, phone, address FROM member")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, id_number, phone, address) in &people {
        let open = |stored: &str, column: &str| old.open(stored, member_place(id, column), legacy);
        let s = seal_person(
            new,
            id,
            &open(id_number, "id_number")?,
            &open(phone, "phone")?,
            &open(address, "address")?,
            with_tail,
        )?;
        s.store(tx, id, true)?;
    }
    crate::superior::stored_connection::BRANCH.reseal(tx, old, new, legacy)?;
    crate::superior::stored_connection::COUNCIL.reseal(tx, old, new, legacy)?;
    tx.execute(
        "UPDATE vault SET sealed_bound = 1, tails_keyed = 1, key_check = ?1 WHERE id = 1",
        [new.check()],
    )?;
    Ok(people.len())
}

/// Every sealed value that does not open where it is (moved, damaged, or of a key that is not
/// this database's), as "member <id>/<column>"; none when the key is not in memory.
pub fn unreadable(conn: &Connection) -> Result<Vec<String>> {
    let opener = match opener(conn) {
        Ok(o) => o,
        Err(Error::Locked) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut stmt = conn.prepare("SELECT id, id_number, phone, address FROM member ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        for (i, column) in [(1, "id_number"), (2, "phone"), (3, "address")] {
            let stored: String = r.get(i)?;
            let place = member_place(&id, column);
            if opener.open(&stored, place).is_err() {
                out.push(place.describe());
            }
        }
    }
    Ok(out)
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
    if password.chars().count() > crate::limits::PASSWORD_MAX {
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

/// A new data key with every sealed value sealed again under it (in the caller's
/// transaction, with the vault's update): what an older copy of the file holds opens nothing
/// entered after this.
fn rotate(conn: &Connection, old: &DataKey) -> Result<DataKey> {
    let new = DataKey::generate()?;
    reseal_all(conn, old, &new)?;
    Ok(new)
}

/// Sets the first password; returns the recovery key to print and the new data key, under
/// which every value is sealed again (the key stored in clear until now opens none of them).
pub fn set_password(
    conn: &Connection,
    password: &str,
    actor: &str,
    now: &str,
) -> Result<(RecoveryKey, DataKey)> {
    let Some(old) = unguarded_key(conn)? else {
        return Err(Error::Conflict {
            reason: Reason::PasswordAlreadySet,
        });
    };
    rekey(conn, &old, password, actor, now, "set")
}

/// Replaces the password and the data key. The recovery key sealed the old data key, so a
/// new recovery key replaces it (returned, to print).
pub fn change_password(
    conn: &Connection,
    current: &str,
    new: &str,
    actor: &str,
    now: &str,
) -> Result<(RecoveryKey, DataKey)> {
    let old = unlock(conn, current).map_err(|e| match e {
        Error::Validation { .. } => Error::validation("current_password", Reason::WrongPassword),
        e => e,
    })?;
    rekey(conn, &old, new, actor, now, "change")
}

/// A forgotten password: the recovery key unseals the data key, a new data key and password
/// replace them, and a new recovery key replaces the one just typed. Nothing of the data is
/// lost.
pub fn recover(
    conn: &Connection,
    recovery_key: &str,
    new_password: &str,
    actor: &str,
    now: &str,
) -> Result<(RecoveryKey, DataKey)> {
    let r = row(conn)?;
    let (Some(salt), Some(sealed)) = (r.recovery_salt, r.recovery_key) else {
        return Err(Error::Conflict {
            reason: Reason::PasswordNotSet,
        });
    };
    let old = unseal_key(
        RecoveryKey::normalize(recovery_key).as_bytes(),
        &salt,
        &sealed,
    )
    .ok_or(Error::Validation {
        field: "recovery_key",
        reason: Reason::WrongRecoveryKey,
    })?;
    rekey(conn, &old, new_password, actor, now, "recover")
}

/// A new password over a new data key (the data sealed again from `old`), guarded by a new
/// recovery key: what setting, changing and recovering the password share.
fn rekey(
    conn: &Connection,
    old: &DataKey,
    password: &str,
    actor: &str,
    now: &str,
    action: &str,
) -> Result<(RecoveryKey, DataKey)> {
    check_new_password(password)?;
    let key = rotate(conn, old)?;
    let recovery = guard(conn, &key, password, actor, now, action)?;
    Ok((recovery, key))
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

/// Takes the password away: a new data key, stored in clear, seals every value again, and
/// nothing locks (the key the password guarded never lands in the file in clear).
pub fn remove_password(conn: &Connection, password: &str, actor: &str) -> Result<DataKey> {
    let old = unlock(conn, password)?;
    let key = rotate(conn, &old)?;
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

impl SealedPerson {
    /// Writes the sealed 身份证号 and phone, with their masked forms, lookup tag and tail, to
    /// member `member_id`'s row, and the sealed address too with `with_address` (one UPDATE).
    fn store(&self, conn: &Connection, member_id: &str, with_address: bool) -> Result<()> {
        conn.prepare_cached(
            "UPDATE member SET id_number = ?2, id_tag = ?3, id_masked = ?4, id_tail = ?5,
                    phone = ?6, phone_masked = ?7, address = coalesce(?8, address)
             WHERE id = ?1",
        )?
        .execute(params![
            member_id,
            self.id_number,
            self.id_tag,
            self.id_masked,
            self.id_tail,
            self.phone,
            self.phone_masked,
            with_address.then_some(&self.address)
        ])?;
        Ok(())
    }
}

/// The forms member `member_id` stores for its 身份证号, phone and address. `with_tail`:
/// whether 我的学时 identifies members by their 身份证号's last six (only then is its keyed
/// form kept).
pub(crate) fn seal_person(
    key: &DataKey,
    member_id: &str,
    id_number: &str,
    phone: &str,
    address: &str,
    with_tail: bool,
) -> Result<SealedPerson> {
    use crate::members::validate::{mask_id_number, mask_phone};
    let id = id_number.trim().to_uppercase();
    let tail = if with_tail {
        key.tail_key().tail(&id)
    } else {
        None
    };
    let place = |column| member_place(member_id, column);
    Ok(SealedPerson {
        id_number: key.seal(&id, place("id_number"))?,
        id_tag: key.id_tag(&id),
        id_masked: mask_id_number(&id),
        id_tail: tail,
        phone: key.seal(phone, place("phone"))?,
        phone_masked: mask_phone(phone),
        address: key.seal(address, place("address"))?,
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
    for (id, id_number, phone) in people {
        // The address was not sealed yet at version 5: it stays as it is.
        seal_person(&key, &id, &id_number, &phone, "", with_tail)?.store(tx, &id, false)?;
    }
    Ok(())
}
