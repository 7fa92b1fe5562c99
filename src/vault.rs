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

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rusqlite::functions::FunctionFlags;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use sha2::Sha256;
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::change_log;
use crate::error::{Error, Reason, Result};

/// Stored sealed values start with this, then hex of nonce ‖ ciphertext.
const SEALED: &str = "x1:";
const NONCE_LEN: usize = 24;
const SALT_LEN: usize = 16;
/// argon2id with OWASP's second recommended setting: 19 MiB, 2 passes, 1 lane.
const KDF_MEMORY_KIB: u32 = 19 * 1024;
const KDF_PASSES: u32 = 2;
pub const PASSWORD_MIN_CHARS: usize = 8;
pub const IDLE_MINUTES_DEFAULT: u32 = 10;
pub const IDLE_MINUTES_MAX: u32 = 240;

/// The key every sensitive field is sealed with. Wiped from memory when dropped.
#[derive(Clone)]
pub struct DataKey(Zeroizing<[u8; 32]>);

impl DataKey {
    fn generate() -> Result<Self> {
        Ok(DataKey(Zeroizing::new(random::<32>()?)))
    }

    fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let arr: [u8; 32] = bytes.try_into().ok()?;
        Some(DataKey(Zeroizing::new(arr)))
    }

    /// Seals a text; the empty text stays empty (nothing to hide, and lists can tell).
    pub fn seal(&self, text: &str) -> Result<String> {
        if text.is_empty() {
            return Ok(String::new());
        }
        Ok(format!(
            "{SEALED}{}",
            hex(&seal_bytes(&self.0, text.as_bytes())?)
        ))
    }

    /// Opens a sealed text. A value that was never sealed is returned as it is.
    pub fn open(&self, stored: &str) -> Result<String> {
        let Some(body) = stored.strip_prefix(SEALED) else {
            return Ok(stored.to_string());
        };
        unhex(body)
            .and_then(|b| open_bytes(&self.0, &b))
            .and_then(|p| String::from_utf8(p).ok())
            .ok_or(Error::Conflict {
                reason: Reason::SealedValueUnreadable,
            })
    }

    /// The lookup tag of a 身份证号: equal numbers give equal tags, and nobody without the key
    /// can compute one (so the tag does not reveal the number the way a plain hash would).
    pub fn id_tag(&self, id_number: &str) -> String {
        hex(&self.mac(b"id_number", id_number.trim().to_uppercase().as_bytes()))
    }

    /// What the vault stores to recognise this key again.
    fn check(&self) -> String {
        hex(&self.mac(b"key_check", b""))
    }

    fn mac(&self, purpose: &[u8], data: &[u8]) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0[..]).expect("any key length");
        mac.update(purpose);
        mac.update(&[0]);
        mac.update(data);
        mac.finalize().into_bytes().into()
    }
}

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
                .map(|k| k.0.to_vec()))
        },
    )?;
    Ok(())
}

/// The data key, for code that holds only a connection (stores, imports, exports).
pub fn key(conn: &Connection) -> Result<DataKey> {
    let bytes: Option<Vec<u8>> = conn.query_row("SELECT zhibu_vault_key()", [], |r| r.get(0))?;
    bytes
        .map(Zeroizing::new)
        .and_then(|b| DataKey::from_bytes(&b))
        .ok_or(Error::Locked)
}

/// The recovery key, shown once to be printed: 32 characters of Crockford base32 in eight
/// groups of four.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RecoveryKey {
    pub key: String,
}

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl RecoveryKey {
    fn generate() -> Result<Self> {
        let bytes = random::<20>()?;
        let mut bits = 0u32;
        let mut acc = 0u64;
        let mut chars = String::new();
        for b in bytes {
            acc = (acc << 8) | u64::from(b);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                chars.push(CROCKFORD[((acc >> bits) & 31) as usize] as char);
            }
        }
        let groups: Vec<&str> = (0..8).map(|i| &chars[i * 4..i * 4 + 4]).collect();
        Ok(RecoveryKey {
            key: groups.join("-"),
        })
    }

    /// The canonical form of what a person typed: case, spaces and dashes ignored, and the
    /// letters Crockford base32 reads as digits (O → 0, I/L → 1).
    fn normalize(typed: &str) -> String {
        typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            })
            .collect()
    }
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
    conn.query_row(
        "SELECT plain_key, password_salt, password_key, recovery_salt, recovery_key, key_check,
                idle_minutes, password_changed_at
         FROM vault WHERE id = 1",
        [],
        |r| {
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
        },
    )
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
    Ok(same(&row(conn)?.key_check, &key.check()))
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
    conn.execute(
        "UPDATE vault SET plain_key = NULL, password_salt = ?1, password_key = ?2,
                recovery_salt = ?3, recovery_key = ?4, password_changed_at = ?5
         WHERE id = 1",
        params![p_salt, p_sealed, r_salt, r_sealed, now],
    )?;
    change_log::record(
        conn,
        actor,
        "vault",
        "password",
        action,
        &serde_json::json!({}),
    )?;
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
    conn.execute(
        "UPDATE vault SET password_salt = ?1, password_key = ?2, password_changed_at = ?3
         WHERE id = 1",
        params![salt, sealed, now],
    )?;
    change_log::record(
        conn,
        actor,
        "vault",
        "password",
        "change",
        &serde_json::json!({}),
    )?;
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
    conn.execute(
        "UPDATE vault SET recovery_salt = ?1, recovery_key = ?2 WHERE id = 1",
        params![salt, sealed],
    )?;
    change_log::record(
        conn,
        actor,
        "vault",
        "recovery_key",
        "renew",
        &serde_json::json!({}),
    )?;
    Ok(recovery)
}

/// Takes the password away: the data key is stored in clear again and nothing locks.
pub fn remove_password(conn: &Connection, password: &str, actor: &str) -> Result<DataKey> {
    let key = unlock(conn, password)?;
    conn.execute(
        "UPDATE vault SET plain_key = ?1, password_salt = NULL, password_key = NULL,
                recovery_salt = NULL, recovery_key = NULL, password_changed_at = NULL
         WHERE id = 1",
        [&key.0[..]],
    )?;
    change_log::record(
        conn,
        actor,
        "vault",
        "password",
        "remove",
        &serde_json::json!({}),
    )?;
    Ok(key)
}

/// Through [`crate::Db::set_idle_minutes`], which keeps the status in memory true.
pub(crate) fn set_idle_minutes(conn: &Connection, minutes: u32, actor: &str) -> Result<()> {
    if !(1..=IDLE_MINUTES_MAX).contains(&minutes) {
        return Err(Error::validation("idle_minutes", Reason::IdleMinutesRange));
    }
    conn.execute("UPDATE vault SET idle_minutes = ?1 WHERE id = 1", [minutes])?;
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
        params![&key.0[..], key.check(), IDLE_MINUTES_DEFAULT],
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

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    Ok(out)
}

fn derive(secret: &[u8], salt: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
    let params = Params::new(KDF_MEMORY_KIB, KDF_PASSES, 1, Some(32)).expect("valid argon2 params");
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(secret, salt, &mut out[..])
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    Ok(out)
}

/// The data key sealed under a key derived from `secret`: (salt, nonce ‖ ciphertext).
fn seal_key(secret: &[u8], key: &DataKey) -> Result<(Vec<u8>, Vec<u8>)> {
    let salt = random::<SALT_LEN>()?;
    let kek = derive(secret, &salt)?;
    Ok((salt.to_vec(), seal_bytes(&kek, &key.0[..])?))
}

fn unseal_key(secret: &[u8], salt: &[u8], sealed: &[u8]) -> Option<DataKey> {
    let kek = derive(secret, salt).ok()?;
    let bytes = Zeroizing::new(open_bytes(&kek, sealed)?);
    DataKey::from_bytes(&bytes)
}

fn seal_bytes(key: &[u8; 32], plain: &[u8]) -> Result<Vec<u8>> {
    let nonce = random::<NONCE_LEN>()?;
    let cipher = XChaCha20Poly1305::new(key.into());
    let sealed = cipher
        .encrypt(XNonce::from_slice(&nonce), plain)
        .map_err(|_| Error::Conflict {
            reason: Reason::SealedValueUnreadable,
        })?;
    Ok([nonce.to_vec(), sealed].concat())
}

fn open_bytes(key: &[u8; 32], sealed: &[u8]) -> Option<Vec<u8>> {
    if sealed.len() < NONCE_LEN {
        return None;
    }
    let (nonce, body) = sealed.split_at(NONCE_LEN);
    XChaCha20Poly1305::new(key.into())
        .decrypt(XNonce::from_slice(nonce), body)
        .ok()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_with_its_key_only() {
        let key = DataKey::generate().unwrap();
        let other = DataKey::generate().unwrap();
        let sealed = key.seal("500101199001011234").unwrap();
        assert!(sealed.starts_with(SEALED));
        assert!(!sealed.contains("1234"));
        assert_ne!(
            sealed,
            key.seal("500101199001011234").unwrap(),
            "fresh nonce each time"
        );
        assert_eq!(key.open(&sealed).unwrap(), "500101199001011234");
        assert!(other.open(&sealed).is_err());
        assert_eq!(key.seal("").unwrap(), "");
        assert_eq!(key.open("plain").unwrap(), "plain");
    }

    #[test]
    fn the_id_tag_is_stable_per_key_and_ignores_case() {
        let key = DataKey::generate().unwrap();
        let other = DataKey::generate().unwrap();
        assert_eq!(
            key.id_tag("50010119900101123x"),
            key.id_tag(" 50010119900101123X")
        );
        assert_ne!(
            key.id_tag("500101199001011234"),
            other.id_tag("500101199001011234")
        );
    }

    #[test]
    fn a_recovery_key_is_eight_groups_and_reads_back_typed_loosely() {
        let r = RecoveryKey::generate().unwrap();
        assert_eq!(r.key.len(), 39);
        assert_eq!(r.key.split('-').count(), 8);
        let typed = r
            .key
            .to_lowercase()
            .replace('-', " ")
            .replace('0', "o")
            .replace('1', "l");
        assert_eq!(RecoveryKey::normalize(&typed), r.key.replace('-', ""));
    }

    #[test]
    fn the_key_sealed_under_a_secret_opens_with_that_secret_only() {
        let key = DataKey::generate().unwrap();
        let (salt, sealed) = seal_key(b"correct horse", &key).unwrap();
        let opened = unseal_key(b"correct horse", &salt, &sealed).unwrap();
        assert_eq!(opened.0[..], key.0[..]);
        assert!(unseal_key(b"wrong horse", &salt, &sealed).is_none());
    }
}
