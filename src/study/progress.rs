//! Progress against the year's targets: each 党员's counted hours (the categories the year's
//! targets count; the others shown beside), target prorated by their days on the roster, share
//! done and the pace expected by the day; who is behind, worst first; hours by category; the
//! branch's rate of members on target. Targets and exemptions are versioned: a year keeps the
//! targets that were in force on its last day.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use chrono::{Days, NaiveDate};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::credits::{credits, CreditEntry, CreditQuery};
use super::rules::{days_gone, year_end, RosterDays, TargetRuleSet};
use super::totals::{totals, CategoryTotal};
use super::{category_label, HalfHours};
use crate::change_log;
use crate::error::{Error, Reason, Result};
use crate::ids::{check_year, new_id};
use crate::members::as_of::{MemberOnDay, Rosters};
use crate::rule_sets::Dated;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CategoryHours {
    pub category: String,
    pub label: String,
    pub hours: f64,
    /// Whether the category counts toward the target (else recorded and shown beside it).
    pub counted: bool,
}

/// One member's year. `hours`, `target`, `exempt` and `on_track` are what `zhibu hours report
/// --json` promises; `counted_hours`, `uncounted_hours`, `full_target`, `target_prorated` and
/// `roster_days` were added beside them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MemberProgress {
    pub id: String,
    pub name: String,
    /// The hours that count toward the target (the same as `counted_hours`).
    pub hours: f64,
    pub counted_hours: f64,
    /// Hours recorded in categories the year's targets do not count (学习强国, 自学 by default).
    pub uncounted_hours: f64,
    /// None when exempt. Prorated by the days on the roster when the member joined or their
    /// committee role started or ended during the year.
    pub target: Option<f64>,
    /// The yearly target of the member's role on the day judged, before prorating.
    pub full_target: Option<f64>,
    /// The target is less than a whole year's (按在册天数折算).
    pub target_prorated: bool,
    /// Days of the year on the roster as a 党员.
    pub roster_days: u32,
    pub exempt: bool,
    pub exempt_reason: String,
    pub on_committee: bool,
    /// Hours ÷ target, 0–1 and beyond.
    pub share: Option<f64>,
    /// What an even pace would have reached by the day (the target once the year is over), to
    /// the half hour.
    pub expected: Option<f64>,
    /// At or ahead of the pace (always, when exempt).
    pub on_track: bool,
    /// The whole target reached.
    pub reached: bool,
    /// Hours short of the pace (whole half hours, as shown everywhere); 0 when on track.
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
    /// The shown members' counted hours, and their hours recorded but not counted.
    pub counted_hours: f64,
    pub uncounted_hours: f64,
    /// Members with a target, and how many of them reached it / are on pace.
    pub counted: u32,
    pub reached: u32,
    pub on_track: u32,
    /// reached ÷ counted.
    pub reached_rate: Option<f64>,
    pub targets: TargetRuleSet,
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
    crate::limits::check("reason", reason, crate::limits::EXEMPT_REASON)?;
    let start = year_start(year)?;
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
    let start = year_start(year)?;
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

/// 1 January of `year`, refused outside 1921–2100.
fn year_start(year: i32) -> Result<NaiveDate> {
    Ok(NaiveDate::from_ymd_opt(check_year(year)?, 1, 1).expect("a checked year"))
}

fn exemptions(conn: &Connection, year: i32) -> Result<std::collections::HashMap<String, String>> {
    let start = year_start(year)?;
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

fn by_category<'a>(
    totals: impl Iterator<Item = &'a CategoryTotal>,
    targets: &TargetRuleSet,
) -> Vec<CategoryHours> {
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
            counted: targets.counts(&category),
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

/// The report and the credit lines it was summed from (oldest first), read once.
pub(super) fn report_with_credits(
    conn: &Connection,
    year: i32,
    as_of: NaiveDate,
    member_id: Option<&str>,
) -> Result<(StudyReport, Vec<CreditEntry>)> {
    let entries = credits(conn, &report_query(year, as_of, member_id)?)?;
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

fn report_query(year: i32, as_of: NaiveDate, member_id: Option<&str>) -> Result<CreditQuery> {
    check_year(year)?;
    Ok(CreditQuery {
        member_id: member_id.map(str::to_string),
        year,
        as_of: Some(as_of.min(year_end(year))),
    })
}

/// Each member's days of `year` as a 党员 on the roster, off and on the committee, from
/// 1 January through `until` (the year's last day at most). Rosters only change on the days a
/// history changes, so a run of days sharing one roster is counted at once.
fn roster_days(rosters: &mut Rosters, year: i32, until: NaiveDate) -> HashMap<String, RosterDays> {
    let mut out: HashMap<String, RosterDays> = HashMap::new();
    let mut add = |roster: &[MemberOnDay], n: u32| {
        for m in roster.iter().filter(|m| m.is_party_member()) {
            let days = out.entry(m.id.clone()).or_default();
            if m.on_committee() {
                days.committee += n;
            } else {
                days.member += n;
            }
        }
    };
    let gone = days_gone(year, until);
    let first = NaiveDate::from_ymd_opt(year, 1, 1).expect("a checked year");
    let mut run: Option<(Rc<Vec<MemberOnDay>>, u32)> = None;
    for offset in 0..gone {
        let roster = rosters.on(first + Days::new(u64::from(offset)));
        match &mut run {
            Some((same, n)) if Rc::ptr_eq(same, &roster) => *n += 1,
            _ => {
                if let Some((done, n)) = run.take() {
                    add(&done, n);
                }
                run = Some((roster, 1));
            }
        }
    }
    if let Some((done, n)) = run {
        add(&done, n);
    }
    out
}

/// The report from each member's hours by category (replaced credits left out): the hours of
/// the categories the year's targets count against the target prorated by the member's days.
fn report_from(
    conn: &Connection,
    year: i32,
    as_of: NaiveDate,
    member_id: Option<&str>,
    totals: &[CategoryTotal],
) -> Result<StudyReport> {
    let day = as_of.min(year_end(year));
    let targets = TargetRuleSet::for_year(&TargetRuleSet::history(conn)?, year);
    let exemptions = exemptions(conn, year)?;
    let mut rosters = Rosters::new(conn)?;
    let whole_year = roster_days(&mut rosters, year, year_end(year));
    let so_far = roster_days(&mut rosters, year, as_of);
    let roster = rosters.on(day);
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
        let (counted, uncounted): (Vec<&CategoryTotal>, Vec<&CategoryTotal>) =
            mine.iter().partition(|t| targets.counts(&t.category));
        let hours: HalfHours = counted.iter().map(|t| t.half_hours).sum();
        let uncounted: HalfHours = uncounted.iter().map(|t| t.half_hours).sum();
        let exempt_reason = exemptions.get(&m.id).cloned();
        let days = whole_year.get(&m.id).copied().unwrap_or_default();
        let pace = exempt_reason.is_none().then(|| {
            let gone = so_far.get(&m.id).copied().unwrap_or_default();
            targets.prorated(&m.id, year, days, gone)
        });
        let target = pace.map(|p| p.target);
        // The pace is rounded here, once, to the half hour every 学时 figure is kept in: the
        // page, the printout and the workbook show these values as they are.
        let expected = pace.map(|p| HalfHours::rounded(p.expected));
        let behind = expected.map_or(HalfHours(0), |e| HalfHours(e.0.saturating_sub(hours.0)));
        members.push(MemberProgress {
            id: m.id.clone(),
            name: m.name.clone(),
            hours: hours.hours(),
            counted_hours: hours.hours(),
            uncounted_hours: uncounted.hours(),
            target: target.map(HalfHours::hours),
            full_target: pace.map(|_| targets.target_for(&m.id, m.on_committee()).hours()),
            target_prorated: pace.is_some_and(|p| p.prorated),
            roster_days: days.total(),
            exempt: exempt_reason.is_some(),
            exempt_reason: exempt_reason.unwrap_or_default(),
            on_committee: m.on_committee(),
            share: target
                .filter(|t| t.0 > 0)
                .map(|t| hours.hours() / t.hours()),
            expected: expected.map(HalfHours::hours),
            on_track: behind == HalfHours(0),
            reached: target.is_some_and(|t| hours >= t),
            behind_by: behind.hours(),
            by_category: by_category(mine.iter().copied(), &targets),
        });
    }
    if let (Some(id), true) = (member_id, members.is_empty()) {
        crate::members::name_of(conn, id)?;
        return Err(Error::validation("member_id", Reason::NotOnRoster));
    }
    let mut behind: Vec<&MemberProgress> = members.iter().filter(|m| !m.on_track).collect();
    // Stable: those equally behind stay in the roster's (the branch's name) order.
    behind.sort_by(|a, b| {
        let pace = |m: &MemberProgress| m.hours / m.expected.unwrap_or(1.0).max(0.5);
        pace(a).total_cmp(&pace(b))
    });
    let counted = members.iter().filter(|m| m.target.is_some()).count() as u32;
    let reached = members.iter().filter(|m| m.reached).count() as u32;
    let on_track = members
        .iter()
        .filter(|m| m.target.is_some() && m.on_track)
        .count() as u32;
    let shown: HashSet<&str> = members.iter().map(|m| m.id.as_str()).collect();
    let sum = |f: fn(&MemberProgress) -> f64| {
        HalfHours(members.iter().map(|m| HalfHours::rounded(f(m)).0).sum()).hours()
    };
    let (counted_hours, uncounted_hours) = (sum(|m| m.counted_hours), sum(|m| m.uncounted_hours));
    let report = StudyReport {
        year,
        as_of: day,
        behind_pace: behind.iter().map(|m| m.id.clone()).collect(),
        by_category: by_category(
            totals
                .iter()
                .filter(|t| shown.contains(t.member_id.as_str())),
            &targets,
        ),
        counted_hours,
        uncounted_hours,
        counted,
        reached,
        on_track,
        reached_rate: (counted > 0).then(|| f64::from(reached) / f64::from(counted)),
        members,
        targets,
    };
    Ok(report)
}
