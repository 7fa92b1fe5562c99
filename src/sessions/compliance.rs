//! The obligation calendar read from the database: gathers a year's sessions, groups, talk
//! circle and rule history, and hands them to the pure calendar.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::calendar::{
    calendar, CalendarInput, GroupSpan, HeldSession, ObligationPeriod, TalkCircle,
};
use super::committee::CommitteeNeed;
use super::missed::confirmed_missed;
use super::record::AttendanceStatus;
use super::roll::{judge, stored_rows};
use super::rules::{Obligation, RuleHistory};
use super::store::counts_for;
use super::talks::contact_pairs;
use crate::branch;
use crate::db::text;
use crate::error::{Error, Reason, Result};
use crate::members::as_of::{roster_on, Rosters};
use crate::members::CommitteeRole;

/// What `zhibu compliance --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ComplianceReport {
    pub as_of: NaiveDate,
    pub year: i32,
    pub obligations: Vec<ObligationPeriod>,
}

/// Every obligation period of `year`, judged as of `as_of`.
pub fn compliance(conn: &Connection, year: i32, as_of: NaiveDate) -> Result<ComplianceReport> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| Error::validation("year", Reason::InvalidValue))?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31).expect("a valid year has a last day");
    // As of a past day, the sessions held after it have not happened yet.
    let sessions = held_sessions(conn, first, last.min(as_of))?;
    let groups = group_spans(conn)?;
    let circle_day = as_of.min(last).max(first);
    let roster = roster_on(conn, circle_day)?;
    let talks = TalkCircle {
        committee: roster
            .iter()
            .filter(|m| m.on_committee())
            .map(|m| m.id.clone())
            .collect(),
        secretary: roster
            .iter()
            .find(|m| m.roles.contains(&CommitteeRole::Secretary))
            .map(|m| m.id.clone()),
        members: roster
            .iter()
            .filter(|m| m.is_party_member())
            .map(|m| m.id.clone())
            .collect(),
        contacts: contact_pairs(conn)?,
    };
    let rules = RuleHistory::load(conn)?;
    let branch = branch::get(conn)?;
    let confirmed = confirmed_missed(conn)?;
    // Whether a 支委会 is owed is judged on each period's own day, from the as-of roster.
    let rosters = RefCell::new(Rosters::new(conn)?);
    let committee_owed =
        |day: NaiveDate| CommitteeNeed::of(&rosters.borrow_mut().on(day)).committee_owed();
    let obligations = calendar(&CalendarInput {
        year,
        today: as_of,
        rules: &rules,
        sessions: &sessions,
        groups: &groups,
        talks: &talks,
        founded_on: branch.as_ref().and_then(|b| b.founded_on),
        records_from: branch.as_ref().and_then(|b| b.records_from),
        confirmed_missed: &confirmed,
        committee_owed: &committee_owed,
    });
    Ok(ComplianceReport {
        as_of,
        year,
        obligations,
    })
}

/// The sessions held between the two days, each with its quorum judged against the roster
/// of its day: read in three queries (sessions, what they count for, attendance), not one
/// session at a time.
fn held_sessions(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Vec<HeldSession>> {
    struct Head {
        id: String,
        kind: String,
        held_on: NaiveDate,
        party_group_id: Option<String>,
        host_id: Option<String>,
        lecturer_id: Option<String>,
        has_election: bool,
    }
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.kind, s.held_on, s.party_group_id, s.host_id, s.lecturer_id,
                EXISTS (SELECT 1 FROM session_resolution r
                         WHERE r.session_id = s.id AND r.kind = 'election')
         FROM session s WHERE s.held_on BETWEEN ?1 AND ?2 ORDER BY s.held_on, s.created_at",
    )?;
    let heads = stmt
        .query_map(params![first, last], |r| {
            Ok(Head {
                id: r.get(0)?,
                kind: r.get(1)?,
                held_on: r.get(2)?,
                party_group_id: r.get(3)?,
                host_id: r.get(4)?,
                lecturer_id: r.get(5)?,
                has_election: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut also: HashMap<String, Vec<Obligation>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT o.session_id, o.obligation FROM session_obligation o
         JOIN session s ON s.id = o.session_id WHERE s.held_on BETWEEN ?1 AND ?2",
    )?;
    let mut rows = stmt.query(params![first, last])?;
    while let Some(r) = rows.next()? {
        if let Ok(o) = r.get::<_, String>(1)?.parse::<Obligation>() {
            also.entry(r.get(0)?).or_default().push(o);
        }
    }
    type Stored = (String, String, AttendanceStatus, String);
    let mut attendance: HashMap<String, Vec<Stored>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT a.session_id, a.member_id, a.status FROM attendance a
         JOIN session s ON s.id = a.session_id WHERE s.held_on BETWEEN ?1 AND ?2",
    )?;
    let mut rows = stmt.query(params![first, last])?;
    while let Some(r) = rows.next()? {
        // The rows come session by session: look the session up only when it changes.
        let session_id = text(r, 0)?;
        let list = match attendance.get_mut(session_id) {
            Some(list) => list,
            None => attendance.entry(session_id.to_string()).or_default(),
        };
        list.push((r.get(1)?, String::new(), r.get(2)?, String::new()));
    }
    let mut rosters = Rosters::new(conn)?;
    let mut out = Vec::with_capacity(heads.len());
    for h in heads {
        let counts_for = counts_for(&h.kind, also.remove(&h.id).unwrap_or_default());
        let roster = rosters.on(h.held_on);
        let rows = stored_rows(
            &roster,
            &counts_for,
            h.party_group_id.as_deref(),
            attendance.remove(&h.id).unwrap_or_default(),
        );
        let judged = judge(&counts_for, &rows, &roster, h.has_election);
        let by_secretary = h.lecturer_id.as_ref().is_some_and(|lecturer| {
            roster
                .iter()
                .any(|m| &m.id == lecturer && m.roles.contains(&CommitteeRole::Secretary))
        });
        out.push(HeldSession {
            obligations_met: judged
                .obligations
                .iter()
                .filter(|o| o.met)
                .map(|o| o.obligation)
                .collect(),
            participants: rows
                .into_iter()
                .filter(|a| a.status == AttendanceStatus::Present)
                .map(|a| a.member_id)
                .chain(h.host_id)
                .collect(),
            id: h.id,
            held_on: h.held_on,
            counts_for,
            party_group_id: h.party_group_id,
            by_secretary,
        });
    }
    Ok(out)
}

fn group_spans(conn: &Connection) -> Result<Vec<GroupSpan>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, formed_on, archived_on FROM party_group ORDER BY sort_order, name",
    )?;
    let groups = stmt
        .query_map([], |r| {
            Ok(GroupSpan {
                id: r.get(0)?,
                name: r.get(1)?,
                from: r.get(2)?,
                until: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(groups)
}
