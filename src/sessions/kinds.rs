//! What a session's kind may be: one of the obligations (its code or Chinese name), or one of
//! the branch's own kinds, created deliberately (支部设置, `zhibu session kinds add`). Anything
//! else is refused with the nearest known kinds, so a typing slip never becomes a new kind.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rules::Obligation;
use crate::change_log;
use crate::error::{Error, Reason, Result};
use crate::ids::{new_id, timestamp};
use crate::names::clean_name;

/// The longest name a branch's own kind may have.
const MAX_KIND_CHARS: usize = crate::limits::SESSION_KIND_NAME;

/// A kind of session the branch holds besides the obligations (读书会, 支部联学, ...).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SessionKind {
    pub id: String,
    pub name: String,
    pub created_at: String,
}

/// What 支部设置 and `zhibu session kinds add` send.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionKindInput {
    pub name: String,
}

/// The obligations a session can be logged as (书记讲党课 is a 党课 given by the secretary).
fn built_in() -> impl Iterator<Item = Obligation> {
    Obligation::ALL
        .iter()
        .copied()
        .filter(|o| *o != Obligation::SecretaryLecture)
}

/// The branch's own kinds, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<SessionKind>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, created_at FROM session_kind ORDER BY created_at, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SessionKind {
            id: r.get("id")?,
            name: r.get("name")?,
            created_at: r.get("created_at")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Creates one of the branch's own kinds. Refuses a name a built-in kind already has (its
/// code, Chinese name or alias) and a name taken by another own kind.
pub fn add(conn: &Connection, input: &SessionKindInput, actor: &str) -> Result<SessionKind> {
    let name = clean_name("kind_name", &input.name, MAX_KIND_CHARS, true)?;
    if name.parse::<Obligation>().is_ok() {
        return Err(Error::validation("kind_name", Reason::SessionKindBuiltIn));
    }
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM session_kind WHERE name = ?1)",
        [&name],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::validation("kind_name", Reason::SessionKindTaken));
    }
    let kind = SessionKind {
        id: new_id(),
        name,
        created_at: timestamp(),
    };
    conn.execute(
        "INSERT INTO session_kind (id, name, created_at) VALUES (?1, ?2, ?3)",
        params![kind.id, kind.name, kind.created_at],
    )?;
    change_log::record(
        conn,
        actor,
        "session_kind",
        &kind.id,
        "create",
        &SessionKindInput {
            name: kind.name.clone(),
        },
    )?;
    Ok(kind)
}

/// The kind as stored: an obligation's code, or the name of one of the branch's own kinds.
/// Refuses an empty kind, one with invisible characters, and an unknown one, naming the
/// nearest known kinds (`Detailed`, reason `UnknownSessionKind`).
pub fn resolve(conn: &Connection, text: &str) -> Result<String> {
    let typed = clean_name("kind", text, usize::MAX, true)?;
    match typed.parse::<Obligation>() {
        // 书记讲党课 is a 党课 the secretary gives, not a kind of its own.
        Ok(Obligation::SecretaryLecture) => {
            return Err(Error::validation("kind", Reason::UnknownKind))
        }
        Ok(o) => return Ok(o.code().to_string()),
        Err(()) => {}
    }
    let own: Option<String> = conn
        .query_row(
            "SELECT name FROM session_kind WHERE name = ?1",
            [&typed],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(name) = own {
        return Ok(name);
    }
    let own: Vec<String> = list(conn)?.into_iter().map(|k| k.name).collect();
    Err(unknown(&typed, &own))
}

/// The refusal of an unknown kind: what was typed and the nearest known kinds, if any are
/// near enough to be a slip.
fn unknown(typed: &str, own: &[String]) -> Error {
    let nearest = nearest(typed, own);
    let shown: String = typed.chars().take(MAX_KIND_CHARS).collect();
    let detail = if nearest.is_empty() {
        format!("「{shown}」")
    } else {
        format!("「{shown}」，是否要输入 {}？", nearest.join(" 或 "))
    };
    Error::Detailed {
        field: "kind",
        reason: Reason::UnknownSessionKind,
        details: vec![detail],
    }
}

/// The known kinds nearest to `typed` by edit distance over codes, Chinese names and the
/// branch's own names, at most three, each as it may be typed (a built-in one as
/// `code（名称）`); none when even the nearest is too far to be a slip.
fn nearest(typed: &str, own: &[String]) -> Vec<String> {
    let typed = typed.to_lowercase();
    // The distance to the nearest of a kind's names that is close enough to be a slip.
    let near = |names: &[&str]| {
        names
            .iter()
            .map(|n| {
                let n = n.to_lowercase();
                (distance(&typed, &n), n.chars().count())
            })
            .filter(|(d, len)| d * 3 <= typed.chars().count().max(*len) + 1)
            .map(|(d, _)| d)
            .min()
    };
    let mut scored: Vec<(usize, String)> = built_in()
        .filter_map(|o| {
            near(&[o.code(), o.label()]).map(|d| (d, format!("{}（{}）", o.code(), o.label())))
        })
        .chain(
            own.iter()
                .filter_map(|n| near(&[n.as_str()]).map(|d| (d, n.clone()))),
        )
        .collect();
    scored.sort_by_key(|(d, _)| *d);
    let Some(best) = scored.first().map(|(d, _)| *d) else {
        return Vec::new();
    };
    scored
        .into_iter()
        .filter(|(d, _)| *d == best)
        .take(3)
        .map(|(_, s)| s)
        .collect()
}

/// Levenshtein distance in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Own kinds logged before they had to be created stay valid after the migration.
    #[test]
    fn the_migration_keeps_the_own_kinds_sessions_were_logged_with() {
        let mut conn = Connection::open_in_memory().unwrap();
        let migrations = crate::db::migrations();
        migrations.to_version(&mut conn, 11).unwrap();
        for (id, kind) in [
            ("s1", "读书会"),
            ("s2", "committee_meeting"),
            ("s3", "读书会"),
            ("s4", "联学"),
        ] {
            conn.execute(
                "INSERT INTO session (id, kind, held_on, created_at, updated_at)
                 VALUES (?1, ?2, '2026-01-05', 'x', 'x')",
                params![id, kind],
            )
            .unwrap();
        }
        migrations.to_latest(&mut conn).unwrap();
        let names: Vec<String> = list(&conn).unwrap().into_iter().map(|k| k.name).collect();
        assert_eq!(names, ["联学", "读书会"]);
        assert_eq!(resolve(&conn, "读书会").unwrap(), "读书会");
        assert_eq!(resolve(&conn, " 支委会 ").unwrap(), "committee_meeting");
        assert_eq!(
            resolve(&conn, "secretary_lecture").unwrap_err().reason(),
            Some(Reason::UnknownKind)
        );
        assert_eq!(
            resolve(&conn, "读书").unwrap_err().details(),
            ["「读书」，是否要输入 读书会？"]
        );
    }

    #[test]
    fn edit_distance() {
        for (a, b, d) in [
            ("", "", 0),
            ("committee_meting", "committee_meeting", 1),
            ("支委", "支委会", 1),
            ("党课", "支委会", 3),
            ("kitten", "sitting", 3),
        ] {
            assert_eq!(distance(a, b), d, "{a} {b}");
        }
    }

    #[test]
    fn the_nearest_kinds_are_suggested() {
        let own = vec!["读书分享会".to_string()];
        let cases: [(&str, &[&str]); 6] = [
            ("committee_meting", &["committee_meeting（支委会）"]),
            ("支委", &["committee_meeting（支委会）"]),
            ("Theme_Dya", &["theme_day（主题党日）"]),
            ("读书分享", &["读书分享会"]),
            ("支部大会", &["general_meeting（支部党员大会）"]),
            ("篮球比赛", &[]),
        ];
        for (typed, want) in cases {
            assert_eq!(nearest(typed, &own), want, "{typed}");
        }
    }

    #[test]
    fn the_refusal_names_what_was_typed_and_the_nearest() {
        let e = unknown("committee_meting", &[]);
        assert_eq!(e.reason(), Some(Reason::UnknownSessionKind));
        assert_eq!(e.field(), Some("kind"));
        assert_eq!(
            e.details(),
            ["「committee_meting」，是否要输入 committee_meeting（支委会）？"]
        );
        assert_eq!(unknown("篮球比赛", &[]).details(), ["「篮球比赛」"]);
    }
}
