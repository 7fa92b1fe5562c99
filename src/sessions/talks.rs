//! The 谈心谈话 scope as data: the branch's list of who keeps in touch with whom (分工联系:
//! member → 联系支委). Every committee pair talks, and every other member talks with their
//! 联系支委, else with the 书记 (calendar.rs draws the pairs).

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::change_log;
use crate::error::{Error, Reason, Result};
use crate::ids::timestamp;
use crate::members::as_of::roster_on;

/// One line of the list: the member and the committee member who keeps in touch with them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Contact {
    pub member_id: String,
    pub member_name: String,
    pub committee_id: String,
    pub committee_name: String,
}

/// The list, by member name (members who left are kept out).
pub fn contacts(conn: &Connection) -> Result<Vec<Contact>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.member_id, m.name, c.committee_id, k.name
         FROM member_contact c
         JOIN member m ON m.id = c.member_id AND m.archived_on IS NULL
         JOIN member k ON k.id = c.committee_id
         ORDER BY {name}, m.id",
        name = crate::collate::sql_key("m.name")
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok(Contact {
            member_id: r.get(0)?,
            member_name: r.get(1)?,
            committee_id: r.get(2)?,
            committee_name: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The pairs (member, 联系支委) the calendar draws from.
pub fn contact_pairs(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt =
        conn.prepare_cached("SELECT member_id, committee_id FROM member_contact ORDER BY 1")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets (or, with `committee_id` none, clears) a member's 联系支委. The 联系支委 must be on
/// the committee today and not the member; the member must be on the roster today.
pub fn set_contact(
    conn: &Connection,
    member_id: &str,
    committee_id: Option<&str>,
    today: NaiveDate,
    actor: &str,
) -> Result<()> {
    let roster = roster_on(conn, today)?;
    if !roster.iter().any(|m| m.id == member_id) {
        return Err(Error::validation("member_id", Reason::NotOnRoster));
    }
    match committee_id {
        Some(keeper) => {
            let on_committee = roster.iter().any(|m| m.id == keeper && m.on_committee());
            if keeper == member_id || !on_committee {
                return Err(Error::validation("committee_id", Reason::NotOnCommittee));
            }
            conn.prepare_cached(
                "INSERT INTO member_contact (member_id, committee_id, created_at)
                 VALUES (?1, ?2, ?3)
                 ON CONFLICT (member_id) DO UPDATE SET committee_id = excluded.committee_id",
            )?
            .execute(params![member_id, keeper, timestamp()])?;
            change_log::record(conn, actor, "member_contact", member_id, "update", &keeper)
        }
        None => {
            conn.prepare_cached("DELETE FROM member_contact WHERE member_id = ?1")?
                .execute([member_id])?;
            change_log::record(
                conn,
                actor,
                "member_contact",
                member_id,
                "delete",
                &member_id,
            )
        }
    }
}
