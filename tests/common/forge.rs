//! The attacker who knows the scheme: rewrites the change log's hash chain outside the app,
//! as src/change_log.rs chains it, so that the chain alone checks out after an edit.

use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// An entry's hash from the one before it and its six fields.
pub fn entry_hash(parts: [&str; 7]) -> String {
    let mut h = Sha256::new();
    for part in parts {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    zhibu::hex::encode(&h.finalize())
}

/// Chains the hashes again from entry `from` on (0: the whole log), as if the entries were
/// always as they are now.
pub fn rechain(conn: &Connection, from: i64) {
    let rows: Vec<(i64, [String; 6])> = conn
        .prepare(
            "SELECT seq, at, actor, entity, entity_id, action, detail FROM change_log
              WHERE seq >= ?1 ORDER BY seq",
        )
        .unwrap()
        .query_map([from], |r| {
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
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut prev: String = conn
        .query_row(
            "SELECT hash FROM change_log WHERE seq < ?1 ORDER BY seq DESC LIMIT 1",
            [from],
            |r| r.get(0),
        )
        .optional()
        .unwrap()
        .unwrap_or_default();
    for (seq, [at, actor, entity, entity_id, action, detail]) in rows {
        let hash = entry_hash([&prev, &at, &actor, &entity, &entity_id, &action, &detail]);
        conn.execute(
            "UPDATE change_log SET prev_hash = ?1, hash = ?2 WHERE seq = ?3",
            rusqlite::params![prev, hash, seq],
        )
        .unwrap();
        prev = hash;
    }
}
