//! The seal: one row binding the change log's last entry and a hash over every table's
//! accumulator, with an HMAC under a key derived from the data key (waiting for the password
//! while locked).

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::digest::{fold, has_tables, recorded, recorded_state};
use crate::error::Result;
use crate::hex;
use crate::vault::DataKey;

/// The purpose the seal's HMAC is keyed with (a key of its own, derived from the data key).
pub(super) const SEAL_PURPOSE: &[u8] = b"integrity_seal";

/// The change log's last entry: (seq, hash), or (0, "") for an empty log.
pub fn log_head(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .prepare_cached("SELECT seq, hash FROM change_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or_default())
}

pub(super) fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// The seal's figures: what is also kept beside the data file and in backup records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Head {
    pub seq: i64,
    pub hash: String,
    pub state: String,
    /// The schema version sealed at.
    #[serde(default)]
    pub version: i64,
    /// The HMAC, `None` while the seal waits for the password.
    #[serde(default)]
    pub mac: Option<String>,
    /// When it was written (RFC 3339), for people reading the file.
    #[serde(default)]
    pub at: String,
}

pub(super) fn seal_mac(key: &DataKey, seq: i64, hash: &str, state: &str, version: i64) -> String {
    let mut msg = Vec::new();
    for part in [&seq.to_le_bytes()[..], hash.as_bytes(), state.as_bytes()] {
        msg.extend((part.len() as u64).to_le_bytes());
        msg.extend(part);
    }
    msg.extend(version.to_le_bytes());
    hex::encode(&key.mac(SEAL_PURPOSE, &msg))
}

pub(super) struct SealRow {
    pub(super) head: Head,
    pub(super) keyed_version: i64,
}

pub(super) fn seal_row(conn: &Connection) -> Result<Option<SealRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT seq, head_hash, state, version, mac, keyed_version FROM integrity_seal
             WHERE id = 1",
        )?
        .query_row([], |r| {
            Ok(SealRow {
                head: Head {
                    seq: r.get(0)?,
                    hash: r.get(1)?,
                    state: r.get(2)?,
                    version: r.get(3)?,
                    mac: r.get(4)?,
                    at: String::new(),
                },
                keyed_version: r.get(5)?,
            })
        })
        .optional()?)
}

/// Seals the current log head and accumulators, with `key` (`None`: the seal waits for the
/// password, and `forget_keyed` says the last keyed seal no longer speaks for this data, as
/// after a forced restore). Returns the head to keep beside the file.
pub(crate) fn seal(conn: &Connection, key: Option<&DataKey>, forget_keyed: bool) -> Result<Head> {
    fold(conn)?;
    let (seq, hash) = log_head(conn)?;
    let state = recorded_state(&recorded(conn)?);
    let version = schema_version(conn)?;
    let mac = key.map(|k| seal_mac(k, seq, &hash, &state, version));
    let previous = seal_row(conn)?.map(|s| s.keyed_version).unwrap_or(0);
    let keyed_version = match (&mac, forget_keyed) {
        (Some(_), _) => version,
        (None, true) => 0,
        (None, false) => previous,
    };
    conn.prepare_cached(
        "INSERT INTO integrity_seal (id, seq, head_hash, state, version, mac, keyed_version)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET seq = ?1, head_hash = ?2, state = ?3, version = ?4,
             mac = ?5, keyed_version = ?6",
    )?
    .execute(params![seq, hash, state, version, mac, keyed_version])?;
    Ok(Head {
        seq,
        hash,
        state,
        version,
        mac,
        at: crate::ids::timestamp(),
    })
}

/// Whether the seal waits for the password (taken while locked).
pub(crate) fn is_pending(conn: &Connection) -> Result<bool> {
    Ok(has_tables(conn)? && seal_row(conn)?.is_some_and(|s| s.head.mac.is_none()))
}
