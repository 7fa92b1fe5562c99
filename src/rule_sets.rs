//! Versioned rule sets, one interface for every area: each set is kept as JSON in `rule_set`, one
//! row per area and start date, and read, chosen, saved and parsed with the same verbs
//! (`history`, `in_force`, `save`, `parse`). The areas keep their sets in their own `rules.rs`:
//! the obligations (`sessions::rules`), 学时 accrual and targets (`study::rules`), the path's
//! waits (`pipeline::rules`), the 党费 rates (`dues::rules`) and the 四强 template
//! (`strengths::rules`, dated by the year it judges).

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{de::DeserializeOwned, Serialize};

use crate::change_log;
use crate::error::{Error, Reason, Result};
use crate::ids::{new_id, timestamp};

/// A versioned set of rules of one area.
pub trait RuleSet: Clone + Serialize + DeserializeOwned {
    /// Its `area` in `rule_set`.
    const AREA: &'static str;
    /// The field a set that is not one (or does not hold) is refused as.
    const FIELD: &'static str;

    /// The set built into the app, in force before any stored one.
    fn defaults() -> Self;

    fn version(&self) -> &str;

    /// Refuses a set that could not be applied.
    fn validate(&self) -> Result<()>;

    /// A set from JSON a user supplies (the shape the area's `--json` prints), checked whole;
    /// refused as a bad `FIELD` when it is not one (or not UTF-8).
    fn parse(json: &[u8]) -> Result<Self> {
        let set: Self = serde_json::from_slice(json)
            .map_err(|_| Error::validation(Self::FIELD, Reason::InvalidValue))?;
        set.validate()?;
        Ok(set)
    }

    /// Puts the set in force from `effective_from` on, checked first; a set of the same area
    /// for the same date replaces that one. Logged in the change log.
    fn save_from(&self, conn: &Connection, effective_from: NaiveDate, actor: &str) -> Result<()> {
        self.validate()?;
        store(
            conn,
            Self::AREA,
            self.version(),
            effective_from,
            self,
            actor,
        )
    }
}

/// A rule set that carries the day it takes effect.
pub trait Dated: RuleSet {
    fn effective_from(&self) -> NaiveDate;

    /// Every set stored, oldest first (empty: the defaults apply throughout).
    fn history(conn: &Connection) -> Result<Vec<Self>> {
        load(conn, Self::AREA)
    }

    /// Every set that applies to some day, oldest first: the defaults, unless a stored set
    /// replaces them from their first day, then those stored. The history a user reads.
    fn versions(conn: &Connection) -> Result<Vec<Self>> {
        Ok(with_builtin(
            Self::history(conn)?,
            Self::defaults(),
            Self::effective_from,
        ))
    }

    /// The latest of `sets` (oldest first) that took effect on or before `day`.
    fn latest_on(sets: &[Self], day: NaiveDate) -> Option<&Self> {
        sets.iter().rev().find(|s| s.effective_from() <= day)
    }

    /// The set in force on `day`: the latest of `sets` by then, else the defaults.
    fn in_force(sets: &[Self], day: NaiveDate) -> Self {
        Self::latest_on(sets, day)
            .cloned()
            .unwrap_or_else(Self::defaults)
    }

    /// The stored set in force on `day` (the defaults when none was stored by then).
    fn in_force_on(conn: &Connection, day: NaiveDate) -> Result<Self> {
        Ok(Self::in_force(&Self::history(conn)?, day))
    }

    /// Puts the set in force from its own date on; what was judged earlier keeps the sets then
    /// in force.
    fn save(&self, conn: &Connection, actor: &str) -> Result<()> {
        self.save_from(conn, self.effective_from(), actor)
    }
}

/// Every set stored for `area`, oldest first.
fn load<T: DeserializeOwned>(conn: &Connection, area: &str) -> Result<Vec<T>> {
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

fn store<T: Serialize>(
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
    crate::limits::check("version", version.trim(), crate::limits::RULE_SET_VERSION)?;
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
/// takes effect on or before the built-in's own date.
fn with_builtin<T>(
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

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;
    use crate::db::Db;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A small area of its own: a limit that must be positive.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Limits {
        version: String,
        effective_from: NaiveDate,
        limit: u32,
    }

    impl RuleSet for Limits {
        const AREA: &'static str = "test_limits";
        const FIELD: &'static str = "limits";
        fn defaults() -> Self {
            Limits {
                version: "built-in".into(),
                effective_from: day("2008-02-28"),
                limit: 1,
            }
        }
        fn version(&self) -> &str {
            &self.version
        }
        fn validate(&self) -> Result<()> {
            if self.limit == 0 {
                return Err(Error::validation("limit", Reason::InvalidValue));
            }
            Ok(())
        }
    }

    impl Dated for Limits {
        fn effective_from(&self) -> NaiveDate {
            self.effective_from
        }
    }

    fn limits(version: &str, from: &str, limit: u32) -> Limits {
        Limits {
            version: version.into(),
            effective_from: day(from),
            limit,
        }
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

    #[test]
    fn saved_sets_are_in_force_from_their_day_and_a_set_for_the_same_day_replaces_it() {
        let db = Db::open_in_memory().unwrap();
        db.write(|tx| limits("2027", "2027-01-01", 5).save(tx, "测试"))
            .unwrap();
        db.write(|tx| limits("2026", "2026-01-01", 3).save(tx, "测试"))
            .unwrap();
        db.write(|tx| limits("2026 修订", "2026-01-01", 4).save(tx, "测试"))
            .unwrap();
        let history = db.read(Limits::history).unwrap();
        assert_eq!(
            history,
            vec![
                limits("2026 修订", "2026-01-01", 4),
                limits("2027", "2027-01-01", 5)
            ]
        );
        assert_eq!(
            Limits::in_force(&history, day("2025-12-31")),
            Limits::defaults()
        );
        assert_eq!(Limits::in_force(&history, day("2026-06-30")).limit, 4);
        assert_eq!(Limits::in_force(&history, day("2027-01-01")).limit, 5);
        assert_eq!(db.read(Limits::versions).unwrap().len(), 3);
    }

    #[test]
    fn a_set_that_does_not_hold_is_refused_and_nothing_is_stored() {
        let db = Db::open_in_memory().unwrap();
        let err = db
            .write(|tx| limits("2026", "2026-01-01", 0).save(tx, "测试"))
            .unwrap_err();
        assert_eq!(err.reason(), Some(Reason::InvalidValue));
        let err = db
            .write(|tx| limits(" ", "2026-01-01", 2).save(tx, "测试"))
            .unwrap_err();
        assert_eq!(err.reason(), Some(Reason::Required));
        assert!(db.read(Limits::history).unwrap().is_empty());

        let json = serde_json::to_vec(&limits("2026", "2026-01-01", 2)).unwrap();
        assert_eq!(Limits::parse(&json).unwrap().limit, 2);
        let zero = serde_json::to_vec(&limits("2026", "2026-01-01", 0)).unwrap();
        assert!(Limits::parse(&zero).is_err());
        for bad in [&b"{\"version\": "[..], b"\xff\xfe", b"[]"] {
            assert_eq!(
                Limits::parse(bad).unwrap_err().reason(),
                Some(Reason::InvalidValue)
            );
        }
    }
}
