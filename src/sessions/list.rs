//! The session list: a period's sessions, newest first, with what each counts for and its
//! head count.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rules::Obligation;
use super::store::{counts_for, kind_label};
use crate::db::Filter;
use crate::error::Result;
use crate::ids::parse_required_date;

/// One line of the session list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SessionSummary {
    pub id: String,
    pub kind: String,
    pub kind_label: String,
    pub counts_for: Vec<Obligation>,
    pub held_on: NaiveDate,
    pub title: String,
    pub topic: String,
    pub party_group: Option<String>,
    pub present: u32,
    pub attendees: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SessionQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    /// Sessions that count for this obligation.
    pub obligation: Option<Obligation>,
    pub party_group_id: Option<String>,
}

/// Sessions, newest first, read in one query whatever their number.
pub fn list(conn: &Connection, q: &SessionQuery) -> Result<Vec<SessionSummary>> {
    // Only the conditions asked for, so that the index on the day serves a period.
    let mut f = Filter::default();
    if let Some(from) = &q.from {
        f.and(
            "s.held_on >= ?",
            parse_required_date("from", from)?.to_string(),
        );
    }
    if let Some(to) = &q.to {
        f.and("s.held_on <= ?", parse_required_date("to", to)?.to_string());
    }
    if let Some(o) = q.obligation {
        f.and(
            "EXISTS (SELECT 1 FROM session_obligation o
                     WHERE o.session_id = s.id AND o.obligation = ?)",
            o.code(),
        );
    }
    if let Some(group) = &q.party_group_id {
        f.and("s.party_group_id = ?", group.as_str());
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.id, s.kind, s.held_on, s.title, s.topic, g.name AS party_group,
                (SELECT count(*) FROM attendance a WHERE a.session_id = s.id AND a.status = 'present') AS present,
                (SELECT count(*) FROM attendance a WHERE a.session_id = s.id) AS attendees,
                (SELECT group_concat(o.obligation) FROM session_obligation o
                  WHERE o.session_id = s.id) AS stored
         FROM session s LEFT JOIN party_group g ON g.id = s.party_group_id
         WHERE {}
         ORDER BY s.held_on DESC, s.created_at DESC",
        f.sql()
    ))?;
    let rows = stmt
        .query_map(f.params(), |r| {
            let kind: String = r.get("kind")?;
            let stored: Option<String> = r.get("stored")?;
            let stored = stored
                .unwrap_or_default()
                .split(',')
                .filter_map(|o| o.parse().ok())
                .collect();
            Ok(SessionSummary {
                id: r.get("id")?,
                kind_label: kind_label(&kind),
                counts_for: counts_for(&kind, stored),
                kind,
                held_on: r.get("held_on")?,
                title: r.get("title")?,
                topic: r.get("topic")?,
                party_group: r.get("party_group")?,
                present: r.get("present")?,
                attendees: r.get("attendees")?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
