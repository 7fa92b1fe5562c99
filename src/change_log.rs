//! The change log: every write appends a row, chained by SHA-256 so that edited history shows.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::ids::timestamp;

/// Who made a change: the desktop app's user or the command line.
pub const ACTOR_APP: &str = "app";
pub const ACTOR_CLI: &str = "cli";

/// Appends one entry for `entity`/`entity_id`; `detail` is what changed, as JSON.
pub fn record(
    conn: &Connection,
    actor: &str,
    entity: &str,
    entity_id: &str,
    action: &str,
    detail: &impl Serialize,
) -> Result<()> {
    let prev_hash: String = conn
        .prepare_cached("SELECT hash FROM change_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    let at = timestamp();
    let detail = serde_json::to_string(detail).unwrap_or_else(|_| "null".into());
    let hash = entry_hash(&prev_hash, &at, actor, entity, entity_id, action, &detail);
    conn.prepare_cached(
        "INSERT INTO change_log (at, actor, entity, entity_id, action, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        at, actor, entity, entity_id, action, detail, prev_hash, hash
    ])?;
    Ok(())
}

fn entry_hash(
    prev: &str,
    at: &str,
    actor: &str,
    entity: &str,
    entity_id: &str,
    action: &str,
    detail: &str,
) -> String {
    let mut h = Sha256::new();
    for part in [prev, at, actor, entity, entity_id, action, detail] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    crate::hex::encode(&h.finalize())
}

/// Chains the hashes again from entry `from` on, after a migration rewrote details (to mask
/// what they showed); from `until` on (an entry a check found broken) nothing is touched, so
/// a break found before stays where it was.
pub(crate) fn rechain(conn: &Connection, from: i64, until: Option<i64>) -> Result<()> {
    let mut prev: String = conn
        .query_row(
            "SELECT hash FROM change_log WHERE seq < ?1 ORDER BY seq DESC LIMIT 1",
            [from],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default();
    let rows: Vec<(i64, [String; 6])> = conn
        .prepare(
            "SELECT seq, at, actor, entity, entity_id, action, detail FROM change_log
             WHERE seq >= ?1 AND seq < ?2 ORDER BY seq",
        )?
        .query_map(params![from, until.unwrap_or(i64::MAX)], |r| {
            Ok((
                r.get(0)?,
                [
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ],
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut update =
        conn.prepare("UPDATE change_log SET prev_hash = ?2, hash = ?3 WHERE seq = ?1")?;
    for (seq, [at, actor, entity, entity_id, action, detail]) in rows {
        let hash = entry_hash(&prev, &at, &actor, &entity, &entity_id, &action, &detail);
        update.execute(params![seq, prev, hash])?;
        prev = hash;
    }
    Ok(())
}

/// Re-computes the chain; returns the sequence number of the first entry that does not match.
pub fn verify(conn: &Connection) -> Result<Option<i64>> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, entity, entity_id, action, detail, prev_hash, hash
         FROM change_log ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut prev = String::new();
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get("seq")?;
        let stored_prev: String = r.get("prev_hash")?;
        let hash: String = r.get("hash")?;
        let expect = entry_hash(
            &prev,
            &r.get::<_, String>("at")?,
            &r.get::<_, String>("actor")?,
            &r.get::<_, String>("entity")?,
            &r.get::<_, String>("entity_id")?,
            &r.get::<_, String>("action")?,
            &r.get::<_, String>("detail")?,
        );
        if stored_prev != prev || hash != expect {
            return Ok(Some(seq));
        }
        prev = hash;
    }
    Ok(None)
}

/// One field as a change left it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FieldChange {
    pub field: String,
    #[ts(type = "unknown")]
    pub before: serde_json::Value,
    #[ts(type = "unknown")]
    pub after: serde_json::Value,
}

/// One logged change of a record, with the fields it changed against the entry before it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct HistoryEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    /// For the first entry, every field it set (before is null); after it, only what differs.
    pub changes: Vec<FieldChange>,
}

/// A record's history, oldest first: each logged change with the fields it changed. Details
/// that are not objects (a deletion's id) show as a change of the field "value".
pub fn history(conn: &Connection, entity: &str, entity_id: &str) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, at, actor, action, detail FROM change_log
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq",
    )?;
    let rows = stmt
        .query_map(params![entity, entity_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut before = serde_json::Map::new();
    let mut out = Vec::with_capacity(rows.len());
    for (seq, at, actor, action, detail) in rows {
        let after = match serde_json::from_str::<serde_json::Value>(&detail) {
            Ok(serde_json::Value::Object(map)) => map,
            Ok(other) => serde_json::Map::from_iter([("value".to_string(), other)]),
            Err(_) => serde_json::Map::new(),
        };
        let mut changes: Vec<FieldChange> = after
            .iter()
            .filter(|(k, v)| before.get(*k) != Some(*v))
            .map(|(k, v)| FieldChange {
                field: k.clone(),
                before: before.get(k).cloned().unwrap_or(serde_json::Value::Null),
                after: v.clone(),
            })
            .collect();
        changes.sort_by(|a, b| a.field.cmp(&b.field));
        // A partial detail (an archive's reason and date) adds to what was known.
        before.extend(after);
        out.push(HistoryEntry {
            seq,
            at,
            actor,
            action,
            changes,
        });
    }
    Ok(out)
}
