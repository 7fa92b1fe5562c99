//! Migration 0012: what older versions showed in clear beside the sealed values (the region,
//! sequence and check digit of a 身份证号, most of a short phone number) is masked again, in
//! the roster and in the change log's details, and the 我的学时 tails of the old, unkeyed
//! scheme are dropped or keyed.

use rusqlite::{params, Connection, Transaction};
use serde_json::Value;

use super::{unguarded_key, upgrade};
use crate::change_log;
use crate::error::Result;
use crate::members::validate::{mask_id_number, mask_phone};

/// Who the change log names for what a migration did.
const ACTOR_MIGRATION: &str = "migration";

pub(crate) fn migrate_v12(tx: &Transaction) -> Result<()> {
    let members = remask_members(tx)?;
    let entries = redact_change_log(tx)?;
    match unguarded_key(tx)? {
        // No password: the key is here, so every value is bound and every tail keyed now.
        Some(key) => upgrade(tx, &key, ACTOR_MIGRATION)?,
        // The old tails can be tried without any key: gone until the secretary unlocks,
        // when they are made again under the tail key.
        None => {
            tx.execute("UPDATE member SET id_tail = NULL", [])?;
        }
    }
    if members == 0 && entries == 0 {
        return Ok(());
    }
    change_log::record(
        tx,
        ACTOR_MIGRATION,
        "vault",
        "masks",
        "redact",
        &serde_json::json!({ "members": members, "change_log_entries": entries }),
    )
}

/// The masks of every member row made again from the old masks (the new masks keep only
/// what the old ones kept, and less).
fn remask_members(tx: &Connection) -> Result<usize> {
    let rows: Vec<(String, String, String)> = tx
        .prepare("SELECT id, id_masked, phone_masked FROM member")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update =
        tx.prepare("UPDATE member SET id_masked = ?2, phone_masked = ?3 WHERE id = ?1")?;
    let mut changed = 0;
    for (id, id_masked, phone_masked) in rows {
        let (i, p) = (mask_id_number(&id_masked), mask_phone(&phone_masked));
        if i != id_masked || p != phone_masked {
            update.execute(params![id, i, p])?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// Masks every 身份证号 and phone number inside the change log's details, then chains the
/// hashes again from the first entry changed. A chain already broken stays broken where it
/// was: only the entries before the break are chained again.
fn redact_change_log(tx: &Connection) -> Result<usize> {
    let broken_at = change_log::verify(tx)?;
    let rows: Vec<(i64, String)> = tx
        .prepare("SELECT seq, detail FROM change_log ORDER BY seq")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare("UPDATE change_log SET detail = ?2 WHERE seq = ?1")?;
    let mut first = None;
    let mut count = 0;
    for (seq, detail) in rows {
        let Ok(mut json) = serde_json::from_str::<Value>(&detail) else {
            continue;
        };
        if redact(&mut json) {
            update.execute(params![seq, json.to_string()])?;
            first.get_or_insert(seq);
            count += 1;
        }
    }
    if let Some(first) = first {
        change_log::rechain(tx, first, broken_at)?;
    }
    Ok(count)
}

/// Masks the values of 身份证号 and phone keys anywhere in `v`; whether any changed.
pub(crate) fn redact(v: &mut Value) -> bool {
    match v {
        Value::Object(map) => {
            let mut changed = false;
            for (k, val) in map.iter_mut() {
                let mask: Option<fn(&str) -> String> = match k.as_str() {
                    "id_number" | "id_number_masked" | "id_masked" => Some(mask_id_number),
                    "phone" | "phone_masked" => Some(mask_phone),
                    _ => None,
                };
                match (mask, val.as_str()) {
                    (Some(mask), Some(text)) => {
                        let masked = mask(text);
                        if masked != text {
                            *val = Value::String(masked);
                            changed = true;
                        }
                    }
                    _ => changed |= redact(val),
                }
            }
            changed
        }
        Value::Array(items) => items.iter_mut().fold(false, |c, i| redact(i) | c),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_masks_inside_details_are_masked_again_at_any_depth() {
        let mut v = serde_json::json!({
            "name": "张三",
            "id_number": "500101********1234",
            "phone": "138****5678",
            "rows": [{ "phone": "1234567", "id_number": "" }],
        });
        assert!(redact(&mut v));
        assert_eq!(v["id_number"], "******************");
        assert_eq!(v["phone"], "138****5678");
        assert_eq!(v["rows"][0]["phone"], "*****67");
        assert_eq!(v["name"], "张三");
        assert!(!redact(&mut v), "nothing more to mask");
    }
}
