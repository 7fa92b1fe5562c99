//! The cryptography under the vault: the data key that seals each sensitive value
//! (XChaCha20-Poly1305, a fresh random nonce per value), keys derived from a password or the
//! recovery key (argon2id), and the recovery key itself.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::error::{Error, Reason, Result};
use crate::hex;

/// Sealed values of the first format: hex of nonce ‖ ciphertext, tied to nothing.
pub(super) const SEALED_V1: &str = "x1:";
/// The current format: the same, sealed with the value's place (table, row, column) as
/// associated data, so a value moved to another row or column fails to open.
pub(super) const SEALED: &str = "x2:";
const NONCE_LEN: usize = 24;
const SALT_LEN: usize = 16;
/// argon2id with OWASP's second recommended setting: 19 MiB, 2 passes, 1 lane.
const KDF_MEMORY_KIB: u32 = 19 * 1024;
const KDF_PASSES: u32 = 2;

/// Where a sealed value lives: it opens only there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place<'a> {
    pub table: &'a str,
    pub row: &'a str,
    pub column: &'a str,
}

impl Place<'_> {
    fn associated_data(&self) -> Vec<u8> {
        [
            self.table.as_bytes(),
            &[0],
            self.row.as_bytes(),
            &[0],
            self.column.as_bytes(),
        ]
        .concat()
    }

    /// "member 0193…/id_number", for a report of values that do not open.
    pub fn describe(&self) -> String {
        format!("{} {}/{}", self.table, self.row, self.column)
    }
}

/// The key every sensitive field is sealed with. Wiped from memory when dropped.
#[derive(Clone)]
pub struct DataKey(Zeroizing<[u8; 32]>);

impl DataKey {
    pub(super) fn generate() -> Result<Self> {
        Ok(DataKey(Zeroizing::new(random::<32>()?)))
    }

    /// The raw key: for the connection's key function, and for checks that it is nowhere in
    /// a file it should not be.
    pub fn bytes(&self) -> &[u8] {
        &self.0[..]
    }

    pub(super) fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let arr: [u8; 32] = bytes.try_into().ok()?;
        Some(DataKey(Zeroizing::new(arr)))
    }

    /// Seals a text for its place; the empty text stays empty (nothing to hide, and lists
    /// can tell).
    pub fn seal(&self, text: &str, place: Place) -> Result<String> {
        if text.is_empty() {
            return Ok(String::new());
        }
        Ok(format!(
            "{SEALED}{}",
            hex::encode(&seal_bytes(
                &self.0,
                text.as_bytes(),
                &place.associated_data()
            )?)
        ))
    }

    /// Opens a text sealed for `place`. A value of the first, unbound format opens only when
    /// `legacy` allows it (until every value has been sealed again with its place); a value
    /// that was never sealed is returned as it is.
    pub fn open(&self, stored: &str, place: Place, legacy: bool) -> Result<String> {
        let (body, aad) = if let Some(body) = stored.strip_prefix(SEALED) {
            (body, place.associated_data())
        } else if let Some(body) = stored.strip_prefix(SEALED_V1) {
            if !legacy {
                return Err(unreadable(place));
            }
            (body, Vec::new())
        } else {
            return Ok(stored.to_string());
        };
        hex::decode(body)
            .and_then(|b| open_bytes(&self.0, &b, &aad))
            .and_then(|p| String::from_utf8(p).ok())
            .ok_or_else(|| unreadable(place))
    }

    /// The key of the 我的学时 look-up by a 身份证号's last six: derived from this key, so
    /// the stored tails cannot be tried without it, and kept apart from it so the look-up
    /// still works at the lock screen.
    pub fn tail_key(&self) -> TailKey {
        TailKey(Zeroizing::new(self.mac(b"id_tail", b"")))
    }

    /// The lookup tag of a 身份证号: equal numbers give equal tags, and nobody without the key
    /// can compute one (so the tag does not reveal the number the way a plain hash would).
    pub fn id_tag(&self, id_number: &str) -> String {
        hex::encode(&self.mac(b"id_number", id_number.trim().to_uppercase().as_bytes()))
    }

    /// What the vault stores to recognise this key again.
    pub(super) fn check(&self) -> String {
        hex::encode(&self.mac(b"key_check", b""))
    }

    pub(crate) fn mac(&self, purpose: &[u8], data: &[u8]) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0[..]).expect("any key length");
        mac.update(purpose);
        mac.update(&[0]);
        mac.update(data);
        mac.finalize().into_bytes().into()
    }
}

/// A value that does not open where it is: sealed with another key, damaged, or moved from
/// another row or column.
fn unreadable(place: Place) -> Error {
    Error::Detailed {
        field: "sealed",
        reason: Reason::SealedValueUnreadable,
        details: vec![place.describe()],
    }
}

/// Keys the stored form of a 身份证号's last six (see [`DataKey::tail_key`]).
#[derive(Clone)]
pub struct TailKey(Zeroizing<[u8; 32]>);

/// Stored tails made with a [`TailKey`] start with this.
pub(crate) const TAIL_FORMAT: &str = "hmac-sha256$";

impl TailKey {
    pub(super) fn bytes(&self) -> &[u8] {
        &self.0[..]
    }

    pub(super) fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let arr: [u8; 32] = bytes.try_into().ok()?;
        Some(TailKey(Zeroizing::new(arr)))
    }

    /// The stored form of the last six characters of `id_number` (None when too short).
    pub fn tail(&self, id_number: &str) -> Option<String> {
        let id = id_number.trim().to_uppercase();
        if id.len() < 6 || !id.is_ascii() {
            return None;
        }
        Some(self.of_last6(&id[id.len() - 6..]))
    }

    /// The stored form of six typed characters.
    pub fn of_last6(&self, last6: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0[..]).expect("any key length");
        mac.update(last6.trim().to_uppercase().as_bytes());
        format!("{TAIL_FORMAT}{}", hex::encode(&mac.finalize().into_bytes()))
    }
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
    pub(super) fn generate() -> Result<Self> {
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
    pub(super) fn normalize(typed: &str) -> String {
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

pub(super) fn random<const N: usize>() -> Result<[u8; N]> {
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
pub(super) fn seal_key(secret: &[u8], key: &DataKey) -> Result<(Vec<u8>, Vec<u8>)> {
    let salt = random::<SALT_LEN>()?;
    let kek = derive(secret, &salt)?;
    Ok((salt.to_vec(), seal_bytes(&kek, &key.0[..], &[])?))
}

pub(super) fn unseal_key(secret: &[u8], salt: &[u8], sealed: &[u8]) -> Option<DataKey> {
    let kek = derive(secret, salt).ok()?;
    let bytes = Zeroizing::new(open_bytes(&kek, sealed, &[])?);
    DataKey::from_bytes(&bytes)
}

fn seal_bytes(key: &[u8; 32], plain: &[u8], aad: &[u8]) -> Result<Vec<u8>> {
    let nonce = random::<NONCE_LEN>()?;
    let cipher = XChaCha20Poly1305::new(key.into());
    let sealed = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: plain, aad })
        .map_err(|_| Error::Conflict {
            reason: Reason::SealedValueUnreadable,
        })?;
    Ok([nonce.to_vec(), sealed].concat())
}

fn open_bytes(key: &[u8; 32], sealed: &[u8], aad: &[u8]) -> Option<Vec<u8>> {
    if sealed.len() < NONCE_LEN {
        return None;
    }
    let (nonce, body) = sealed.split_at(NONCE_LEN);
    XChaCha20Poly1305::new(key.into())
        .decrypt(XNonce::from_slice(nonce), Payload { msg: body, aad })
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HERE: Place = Place {
        table: "member",
        row: "m1",
        column: "id_number",
    };

    #[test]
    fn a_sealed_value_opens_with_its_key_only() {
        let key = DataKey::generate().unwrap();
        let other = DataKey::generate().unwrap();
        let sealed = key.seal("500101199001011234", HERE).unwrap();
        assert!(sealed.starts_with(SEALED));
        assert!(!sealed.contains("1234"));
        assert_ne!(
            sealed,
            key.seal("500101199001011234", HERE).unwrap(),
            "fresh nonce each time"
        );
        assert_eq!(
            key.open(&sealed, HERE, false).unwrap(),
            "500101199001011234"
        );
        assert!(other.open(&sealed, HERE, false).is_err());
        assert_eq!(key.seal("", HERE).unwrap(), "");
        assert_eq!(key.open("plain", HERE, false).unwrap(), "plain");
    }

    #[test]
    fn a_sealed_value_opens_only_in_its_own_place() {
        let key = DataKey::generate().unwrap();
        let sealed = key.seal("500101199001011234", HERE).unwrap();
        for moved in [
            Place { row: "m2", ..HERE },
            Place {
                column: "phone",
                ..HERE
            },
            Place {
                table: "other",
                ..HERE
            },
            // the separators keep "m1"+"id_number" from reading as "m1id"+"_number"
            Place {
                row: "m1id",
                column: "_number",
                ..HERE
            },
        ] {
            let err = key.open(&sealed, moved, false).unwrap_err();
            assert_eq!(err.reason(), Some(Reason::SealedValueUnreadable));
            assert_eq!(err.details(), [moved.describe()]);
        }
    }

    #[test]
    fn a_first_format_value_opens_only_while_legacy_values_are_allowed() {
        let key = DataKey::generate().unwrap();
        let v1 = format!(
            "{SEALED_V1}{}",
            hex::encode(&seal_bytes(&key.0, b"13800001234", &[]).unwrap())
        );
        assert_eq!(key.open(&v1, HERE, true).unwrap(), "13800001234");
        assert!(key.open(&v1, HERE, false).is_err());
    }

    #[test]
    fn the_tail_is_keyed() {
        let key = DataKey::generate().unwrap();
        let other = DataKey::generate().unwrap();
        let t = key.tail_key();
        assert_eq!(t.tail("50010119900101123x"), Some(t.of_last6("01123X")));
        assert!(t.of_last6("01123X").starts_with(TAIL_FORMAT));
        assert_ne!(t.of_last6("01123X"), other.tail_key().of_last6("01123X"));
        assert_eq!(t.tail("12345"), None);
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
