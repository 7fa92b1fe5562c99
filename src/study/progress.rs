//! Progress against the year's targets: each 党员's hours, target, share done and the pace
//! expected by the day; who is behind, worst first; hours by category; the branch's rate of
//! members on target. Targets and exemptions are versioned: a year keeps the targets that were
//! in force on its last day.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::ledger::{ledger, LedgerEntry, LedgerQuery};
use super::rules::{expected_by, year_end, TargetRuleSet};
use super::totals::{totals, CategoryTotal};
use super::{category_label, HalfHours};
use crate::change_log;
use crate::error::{Error, Reason, Result};
use crate::ids::new_id;
use crate::members::as_of::roster_on;
use crate::rule_sets;

pub const TARGET_AREA: &str = "study_targets";

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CategoryHours {
    pub category: String,
    pub label: String,
    pub hours: f64,
}

/// One member's year. `hours`, `target`, `exempt` and `on_track` are what `zhibu hours report
/// --json` promises.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MemberProgress {
    pub id: String,
    pub name: String,
    pub hours: f64,
    /// None when exempt.
    pub target: Option<f64>,
    pub exempt: bool,
    pub exempt_reason: String,
    pub on_committee: bool,
    /// Hours ÷ target, 0–1 and beyond.
    pub share: Option<f64>,
    /// What an even pace would have reached by the day (the target once the year is over).
    pub expected: Option<f64>,
    /// At or ahead of the pace (always, when exempt).
    pub on_track: bool,
    /// The whole target reached.
    pub reached: bool,
    /// Hours short of the pace; 0 when on track.
    pub behind_by: f64,
    pub by_category: Vec<CategoryHours>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StudyReport {
    pub year: i32,
    pub as_of: NaiveDate,
    pub members: Vec<MemberProgress>,
    /// Ids of the members behind the pace, furthest behind (by share of target) first.
    pub behind_pace: Vec<String>,
    pub by_category: Vec<CategoryHours>,
    /// Members with a target, and how many of them reached it / are on pace.
    pub counted: u32,
    pub reached: u32,
    pub on_track: u32,
    /// reached ÷ counted.
    pub reached_rate: Option<f64>,
    pub targets: TargetRuleSet,
}

/// The target rule sets, oldest first (empty: the defaults throughout).
pub fn target_history(conn: &Connection) -> Result<Vec<TargetRuleSet>> {
    rule_sets::load(conn, TARGET_AREA)
}

/// The targets a year is judged by: those in force on its last day.
pub fn targets_for_year(sets: &[TargetRuleSet], year: i32) -> TargetRuleSet {
    rule_sets::in_force(sets, year_end(year), |s| s.effective_from)
        .cloned()
        .unwrap_or_else(TargetRuleSet::defaults)
}

/// Puts targets in force from their date on; earlier years keep theirs.
pub fn save_targets(conn: &Connection, set: &TargetRuleSet, actor: &str) -> Result<()> {
    set.validate()?;
    rule_sets::save(
        conn,
        TARGET_AREA,
        &set.version,
        set.effective_from,
        set,
        actor,
    )
}

/// Exempts a member from the study-hour target of `year`, with the reason.
pub fn exempt(
    conn: &Connection,
    member_id: &str,
    year: i32,
    reason: &str,
    actor: &str,
) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::validation("reason", Reason::Required));
    }
    let start = NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| Error::validation("year", Reason::InvalidValue))?;
    let end = NaiveDate::from_ymd_opt(year + 1, 1, 1).expect("valid year");
    crate::members::name_of(conn, member_id)?;
    if exemption_of(conn, member_id, year)?.is_some() {
        return Err(Error::Conflict {
            reason: Reason::AlreadyExempt,
        });
    }
    let id = new_id();
    conn.execute(
        "INSERT INTO member_exemption (id, member_id, kind, start_on, end_on, reason)
         VALUES (?1, ?2, 'study_hours', ?3, ?4, ?5)",
        params![id, member_id, start, end, reason],
    )?;
    change_log::record(
        conn,
        actor,
        "member_exemption",
        &id,
        "add",
        &serde_json::json!({"member_id": member_id, "kind": "study_hours", "year": year, "reason": reason}),
    )?;
    Ok(())
}

/// Lifts a member's study-hour exemption for `year`.
pub fn lift_exemption(conn: &Connection, member_id: &str, year: i32, actor: &str) -> Result<()> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| Error::validation("year", Reason::InvalidValue))?;
    let end = NaiveDate::from_ymd_opt(year + 1, 1, 1).expect("valid year");
    let removed = conn.execute(
        "DELETE FROM member_exemption WHERE member_id = ?1 AND kind = 'study_hours'
           AND start_on = ?2 AND end_on = ?3",
        params![member_id, start, end],
    )?;
    if removed == 0 {
        return Err(Error::Conflict {
            reason: Reason::NotExempt,
        });
    }
    change_log::record(
        conn,
        actor,
        "member_exemption",
        member_id,
        "delete",
        &serde_json::json!({"kind": "study_hours", "year": year}),
    )?;
    Ok(())
}

/// The reason a member is exempt from the year's target, if any exemption covers part of it.
fn exemption_of(conn: &Connection, member_id: &str, year: i32) -> Result<Option<String>> {
    let mut exemptions = exemptions(conn, year)?;
    Ok(exemptions.remove(member_id))
}

fn exemptions(conn: &Connection, year: i32) -> Result<std::collections::HashMap<String, String>> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| Error::validation("year", Reason::InvalidValue))?;
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, reason FROM member_exemption
         WHERE kind = 'study_hours' AND start_on <= ?2 AND (end_on IS NULL OR end_on > ?1)
         ORDER BY start_on",
    )?;
    let rows = stmt.query_map(params![start, year_end(year)], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn by_category<'a>(totals: impl Iterator<Item = &'a CategoryTotal>) -> Vec<CategoryHours> {
    let mut sums: Vec<(String, HalfHours)> = Vec::new();
    for t in totals {
        match sums.iter_mut().find(|(c, _)| *c == t.category) {
            Some((_, h)) => *h += t.half_hours,
            None => sums.push((t.category.clone(), t.half_hours)),
        }
    }
    sums.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    sums.into_iter()
        .map(|(category, h)| CategoryHours {
            label: category_label(&category),
            category,
            hours: h.hours(),
        })
        .collect()
}

/// Every 党员 on the roster on `as_of` (or the year's last day, for a past year) with their
/// progress in `year`, counting what happened up to that day.
pub fn report(
    conn: &Connection,
    year: i32,
    as_of: NaiveDate,
    member_id: Option<&str>,
) -> Result<StudyReport> {
    let query = report_query(year, as_of, member_id)?;
    report_from(conn, year, as_of, member_id, &totals(conn, &query)?)
}

/// The report and the ledger lines it was summed from (oldest first), read once.
pub(super) fn report_with_ledger(
    conn: &Connection,
    year: i32,
    as_of: NaiveDate,
    member_id: Option<&str>,
) -> Result<(StudyReport, Vec<LedgerEntry>)> {
    let entries = ledger(conn, &report_query(year, as_of, member_id)?)?;
    let mut sums: HashMap<(&str, &str), HalfHours> = HashMap::new();
    for e in entries.iter().filter(|e| e.counts()) {
        *sums.entry((&e.member_id, &e.category)).or_default() += e.half_hours();
    }
    let mut totals: Vec<CategoryTotal> = sums
        .into_iter()
        .map(|((member_id, category), half_hours)| CategoryTotal {
            member_id: member_id.to_string(),
            category: category.to_string(),
            half_hours,
        })
        .collect();
    totals.sort_by(|a, b| (&a.member_id, &a.category).cmp(&(&b.member_id, &b.category)));
    let report = report_from(conn, year, as_of, member_id, &totals)?;
    Ok((report, entries))
}

fn report_query(year: i32, as_of: NaiveDate, member_id: Option<&str>) -> Result<LedgerQuery> {
    if !(1949..=9998).contains(&year) {
        return Err(Error::validation("year", Reason::InvalidValue));
    }
    Ok(LedgerQuery {
        member_id: member_id.map(str::to_string),
        year,
        as_of: Some(as_of.min(year_end(year))),
    })
}

/// The report from each member's counted hours by category.
fn report_from(
    conn: &Connection,
    year: i32,
    as_of: NaiveDate,
    member_id: Option<&str>,
    totals: &[CategoryTotal],
) -> Result<StudyReport> {
    let day = as_of.min(year_end(year));
    let targets = targets_for_year(&target_history(conn)?, year);
    let exemptions = exemptions(conn, year)?;
    let roster = roster_on(conn, day)?;
    let mut by_member: HashMap<&str, Vec<&CategoryTotal>> = HashMap::new();
    for t in totals {
        by_member.entry(t.member_id.as_str()).or_default().push(t);
    }
    let mut members = Vec::new();
    for m in roster
        .iter()
        .filter(|m| m.is_party_member() && member_id.is_none_or(|id| id == m.id))
    {
        let mine = by_member.remove(m.id.as_str()).unwrap_or_default();
        let hours: HalfHours = mine.iter().map(|t| t.half_hours).sum();
        let exempt_reason = exemptions.get(&m.id).cloned();
        let target = exempt_reason
            .is_none()
            .then(|| targets.target_for(&m.id, m.on_committee()));
        let expected = target.map(|t| expected_by(t, year, as_of));
        let behind_by = expected.map_or(0.0, |e| (e - hours.hours()).max(0.0));
        members.push(MemberProgress {
            id: m.id.clone(),
            name: m.name.clone(),
            hours: hours.hours(),
            target: target.map(HalfHours::hours),
            exempt: exempt_reason.is_some(),
            exempt_reason: exempt_reason.unwrap_or_default(),
            on_committee: m.on_committee(),
            share: target
                .filter(|t| t.0 > 0)
                .map(|t| hours.hours() / t.hours()),
            expected,
            on_track: behind_by <= 0.0,
            reached: target.is_some_and(|t| hours >= t),
            behind_by,
            by_category: by_category(mine.iter().copied()),
        });
    }
    if let (Some(id), true) = (member_id, members.is_empty()) {
        crate::members::name_of(conn, id)?;
        return Err(Error::validation("member_id", Reason::NotOnRoster));
    }
    let mut behind: Vec<&MemberProgress> = members.iter().filter(|m| !m.on_track).collect();
    behind.sort_by(|a, b| {
        let pace = |m: &MemberProgress| m.hours / m.expected.unwrap_or(1.0).max(0.5);
        pace(a)
            .total_cmp(&pace(b))
            .then_with(|| a.name.cmp(&b.name))
    });
    let counted = members.iter().filter(|m| m.target.is_some()).count() as u32;
    let reached = members.iter().filter(|m| m.reached).count() as u32;
    let on_track = members
        .iter()
        .filter(|m| m.target.is_some() && m.on_track)
        .count() as u32;
    let shown: HashSet<&str> = members.iter().map(|m| m.id.as_str()).collect();
    let report = StudyReport {
        year,
        as_of: day,
        behind_pace: behind.iter().map(|m| m.id.clone()).collect(),
        by_category: by_category(
            totals
                .iter()
                .filter(|t| shown.contains(t.member_id.as_str())),
        ),
        counted,
        reached,
        on_track,
        reached_rate: (counted > 0).then(|| f64::from(reached) / f64::from(counted)),
        members,
        targets,
    };
    Ok(report)
}
