//! Versioned rule sets stored as JSON in `rule_set`, one row per area and start date: the
//! obligations, study-hour accrual and targets, and later dues rates and the 四强 template.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{de::DeserializeOwned, Serialize};

use crate::change_log;
use crate::error::{Error, Reason, Result};
use crate::ids::{new_id, timestamp};

/// Every set stored for `area`, oldest first.
pub fn load<T: DeserializeOwned>(conn: &Connection, area: &str) -> Result<Vec<T>> {
    let mut stmt =
        conn.prepare_cached("SELECT body FROM rule_set WHERE area = ?1 ORDER BY effective_from")?;
    let bodies = stmt
        .query_map([area], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    bodies
        .iter()
        .map(|b| {
            serde_json::from_str::<T>(b)
                .map_err(|_| Error::validation("rules", Reason::InvalidValue))
        })
        .collect()
}

/// A set from a JSON file a user supplies, refused as a bad `field` when it is not one (or not
/// UTF-8); the caller checks its contents.
pub fn parse<T: DeserializeOwned>(json: &[u8], field: &'static str) -> Result<T> {
    serde_json::from_slice(json).map_err(|_| Error::validation(field, Reason::InvalidValue))
}

/// Puts `set` in force for `area` from `effective_from` on; a set for the same date replaces
/// that one. Logged in the change log.
pub fn save<T: Serialize>(
    conn: &Connection,
    area: &str,
    version: &str,
    effective_from: NaiveDate,
    set: &T,
    actor: &str,
) -> Result<()> {
    if version.trim().is_empty() {
        return Err(Error::validation("version", Reason::Required));
    }
    let body = serde_json::to_string(set).expect("rule sets serialize");
    conn.execute(
        "INSERT INTO rule_set (id, area, version, effective_from, body, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (area, effective_from) DO UPDATE SET version = excluded.version,
           body = excluded.body, created_at = excluded.created_at",
        params![
            new_id(),
            area,
            version.trim(),
            effective_from,
            body,
            timestamp()
        ],
    )?;
    change_log::record(conn, actor, "rule_set", area, "save", set)?;
    Ok(())
}

/// `sets` (oldest first) after the built-in set where it still applies: when nothing stored
/// takes effect on or before the built-in's own date, which is the history a user reads.
pub fn with_builtin<T>(
    mut sets: Vec<T>,
    builtin: T,
    effective_from: impl Fn(&T) -> NaiveDate,
) -> Vec<T> {
    if sets
        .first()
        .is_none_or(|first| effective_from(first) > effective_from(&builtin))
    {
        sets.insert(0, builtin);
    }
    sets
}

/// The latest of `sets` (oldest first) that took effect on or before `day`.
pub fn in_force<T>(
    sets: &[T],
    day: NaiveDate,
    effective_from: impl Fn(&T) -> NaiveDate,
) -> Option<&T> {
    sets.iter().rev().find(|s| effective_from(s) <= day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_builtin_set_leads_the_history_until_a_stored_one_replaces_it_from_its_first_day() {
        let builtin = ("built-in", day("2008-02-28"));
        let from = |s: &(&str, NaiveDate)| s.1;
        assert_eq!(with_builtin(vec![], builtin, from), vec![builtin]);
        let later = ("2027", day("2027-01-01"));
        assert_eq!(
            with_builtin(vec![later], builtin, from),
            vec![builtin, later]
        );
        for earlier in [
            ("same day", day("2008-02-28")),
            ("before", day("2000-01-01")),
        ] {
            assert_eq!(
                with_builtin(vec![earlier, later], builtin, from),
                vec![earlier, later]
            );
        }
    }
}
