//! 「批量登记党小组会」: each 党小组's meeting of a month logged at once, all or none, each with
//! the group's members of its day as those who should attend.

use std::collections::HashSet;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record::{AttendanceStatus, Session, SessionInput};
use super::rules::Obligation;
use super::store::{add_many, get_with};
use crate::dues::parse_month;
use crate::error::{Error, Reason, Result};
use crate::ids::parse_required_date;
use crate::members::as_of::Rosters;
use rusqlite::Connection;

/// One 党小组 as the month stands: its leader (the default 主持人) and the 党小组会 already
/// logged for it in the month.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GroupMonth {
    pub party_group_id: String,
    pub name: String,
    pub leader_id: Option<String>,
    pub leader_name: Option<String>,
    /// Days of the 党小组会 already logged for the group in the month.
    pub held: Vec<NaiveDate>,
}

/// One group's meeting in the batch.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct GroupMeetingInput {
    pub party_group_id: String,
    pub held_on: String,
    pub topic: String,
    #[ts(optional = nullable)]
    pub host_id: Option<String>,
}

/// The first and last day of a month given as YYYY-MM.
fn month_span(month: &str) -> Result<(NaiveDate, NaiveDate)> {
    let first = parse_month("month", month)?;
    let last = first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .ok_or_else(|| Error::validation("month", Reason::InvalidMonth))?;
    Ok((first, last))
}

/// The branch's 党小组 of a month (those formed by its end), each with the 党小组会 already
/// logged for it in the month.
pub fn group_month(conn: &Connection, month: &str) -> Result<Vec<GroupMonth>> {
    let (first, last) = month_span(month)?;
    let mut held: Vec<(String, NaiveDate)> = conn
        .prepare_cached(
            "SELECT s.party_group_id, s.held_on FROM session s
             JOIN session_obligation o ON o.session_id = s.id AND o.obligation = ?1
             WHERE s.party_group_id IS NOT NULL AND s.held_on >= ?2 AND s.held_on <= ?3
             ORDER BY s.held_on",
        )?
        .query_map(
            rusqlite::params![Obligation::GroupMeeting.code(), first, last],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
    held.dedup();
    Ok(crate::branch::list_groups(conn)?
        .into_iter()
        .filter(|g| g.formed_on.is_none_or(|d| d <= last))
        .map(|g| GroupMonth {
            held: held
                .iter()
                .filter(|(id, _)| *id == g.id)
                .map(|(_, d)| *d)
                .collect(),
            party_group_id: g.id,
            name: g.name,
            leader_id: g.leader_id,
            leader_name: g.leader_name,
        })
        .collect())
}

/// Logs a 党小组会 for each group listed, all or none: each on a day within `month`, no group
/// twice, each checked as a single session is (the group's members of that day expected, all
/// of them present). The first refused stops the lot with `Error::AtRow` naming its position
/// from 1. A group that already met that month may be listed: choosing it is deliberate.
pub fn add_group_meetings(
    conn: &Connection,
    month: &str,
    meetings: &[GroupMeetingInput],
    today: NaiveDate,
    actor: &str,
) -> Result<Vec<Session>> {
    let (first, last) = month_span(month)?;
    if meetings.is_empty() {
        return Err(Error::validation("party_group_id", Reason::NoGroupChosen));
    }
    let mut seen: HashSet<String> = HashSet::new();
    let inputs = Error::each_row(meetings, |m| {
        let held_on = parse_required_date("held_on", &m.held_on)?;
        if held_on < first || held_on > last {
            return Err(Error::validation("held_on", Reason::DateNotInMonth));
        }
        if !seen.insert(m.party_group_id.clone()) {
            return Err(Error::validation(
                "party_group_id",
                Reason::GroupChosenTwice,
            ));
        }
        Ok(SessionInput {
            kind: Obligation::GroupMeeting.code().to_string(),
            held_on: held_on.to_string(),
            topic: m.topic.clone(),
            party_group_id: Some(m.party_group_id.clone()),
            host_id: m.host_id.clone().filter(|h| !h.is_empty()),
            others: Some(AttendanceStatus::Present),
            ..Default::default()
        })
    })?;
    let ids = add_many(conn, &inputs, today, actor)?;
    let mut rosters = Rosters::new(conn)?;
    ids.iter()
        .map(|id| get_with(conn, id, &mut rosters))
        .collect()
}
