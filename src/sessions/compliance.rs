//! The obligation calendar read from the database: gathers a year's sessions, groups, talk
//! circle and rule history, and hands them to the pure calendar.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::calendar::{
    calendar, CalendarInput, GroupSpan, HeldSession, ObligationPeriod, TalkCircle,
};
use super::rules::{ObligationRuleSet, RuleHistory};
use super::store::{get, AttendanceStatus};
use crate::error::{Error, Reason, Result};
use crate::members::as_of::roster_on;
use crate::members::CommitteeRole;
use crate::rule_sets;

const RULE_AREA: &str = "obligations";

/// What `zhibu compliance --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ComplianceReport {
    pub as_of: NaiveDate,
    pub year: i32,
    pub obligations: Vec<ObligationPeriod>,
}

/// The branch's obligation rule sets, oldest first (empty: the defaults apply throughout).
pub fn rule_history(conn: &Connection) -> Result<RuleHistory> {
    Ok(RuleHistory::new(rule_sets::load(conn, RULE_AREA)?))
}

/// Puts a changed rule set in force from its date on. Periods that began earlier keep being
/// judged by the rules then in force. A set for the same date replaces that one.
pub fn save_rule_set(conn: &Connection, set: &ObligationRuleSet, actor: &str) -> Result<()> {
    let mut seen = Vec::new();
    for r in &set.rules {
        if r.times == 0 || seen.contains(&r.obligation) {
            return Err(Error::validation("rules", Reason::InvalidValue));
        }
        seen.push(r.obligation);
    }
    rule_sets::save(
        conn,
        RULE_AREA,
        &set.version,
        set.effective_from,
        set,
        actor,
    )
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
        members: roster
            .iter()
            .filter(|m| m.is_party_member())
            .map(|m| m.id.clone())
            .collect(),
    };
    let rules = rule_history(conn)?;
    let obligations = calendar(&CalendarInput {
        year,
        today: as_of,
        rules: &rules,
        sessions: &sessions,
        groups: &groups,
        talks: &talks,
    });
    Ok(ComplianceReport {
        as_of,
        year,
        obligations,
    })
}

fn held_sessions(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Vec<HeldSession>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM session WHERE held_on BETWEEN ?1 AND ?2 ORDER BY held_on, created_at",
    )?;
    let ids = stmt
        .query_map(params![first, last], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let s = get(conn, &id)?;
        let by_secretary = match &s.lecturer_id {
            Some(lecturer) => roster_on(conn, s.held_on)?
                .iter()
                .any(|m| &m.id == lecturer && m.roles.contains(&CommitteeRole::Secretary)),
            None => false,
        };
        out.push(HeldSession {
            quorum_met: s.quorum.is_none_or(|q| q.met),
            participants: s
                .attendance
                .iter()
                .filter(|a| a.status == AttendanceStatus::Present)
                .map(|a| a.member_id.clone())
                .chain(s.host_id.clone())
                .collect(),
            id: s.id,
            held_on: s.held_on,
            counts_for: s.counts_for,
            party_group_id: s.party_group_id,
            by_secretary,
        });
    }
    Ok(out)
}

fn group_spans(conn: &Connection) -> Result<Vec<GroupSpan>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, archived_on FROM party_group ORDER BY sort_order, name",
    )?;
    let groups = stmt
        .query_map([], |r| {
            Ok(GroupSpan {
                id: r.get(0)?,
                name: r.get(1)?,
                from: None,
                until: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(groups)
}
