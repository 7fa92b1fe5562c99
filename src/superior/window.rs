//! The 党委's window: the app opened by a 党委's IT staff on the 党委's database with its
//! reading role. The connection is kept in the app's SQLite (the password sealed for its place,
//! like the branch's own 上报 connection); 所辖支部一览's rows (a branch silent for 7 days
//! marked, its 四强 rank); one branch's latest report as the branch's own pages draw it.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::endpoint::{connect, Endpoint};
use super::export::{ranking, silent};
use super::outbox::ConnectionInfo;
use super::overview::{branch_report, overview, BranchRow, Overview};
use super::report::Report;
use crate::error::Result;
use crate::sessions::calendar::{ObligationPeriod, Period, PeriodStatus};
use crate::sessions::rules::{Obligation, PeriodUnit};
use crate::sessions::ComplianceReport;

pub use super::stored_connection::endpoint_of;
use super::stored_connection::COUNCIL;

/// Stores the 党委's reading connection (replacing the one before), its password sealed.
pub fn save_connection(conn: &Connection, endpoint: &Endpoint, actor: &str) -> Result<()> {
    COUNCIL.save(conn, endpoint, actor)
}

/// Forgets the connection: the app asks the first-run question again.
pub fn forget(conn: &Connection, actor: &str) -> Result<()> {
    COUNCIL.forget(conn, actor)
}

/// The stored connection without its password (none: the app is not a 党委's window).
pub fn connection_info(conn: &Connection) -> Result<Option<ConnectionInfo>> {
    COUNCIL.info(conn)
}

/// The stored connection with its password opened (`Locked` while the password is needed).
pub fn load_connection(conn: &Connection) -> Result<Option<Endpoint>> {
    COUNCIL.load(conn)
}

/// Connects and reads the overview once: a connection that cannot is refused before it is
/// stored (the server's own reason, in Chinese).
pub fn try_connection(endpoint: &Endpoint) -> Result<Overview> {
    overview(&mut connect(endpoint)?, None)
}

/// One line of 所辖支部一览, flat for the table's columns. The figures are `null` for a
/// branch that has not reported.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct WindowRow {
    pub branch_id: String,
    pub name: String,
    /// When its latest report arrived, `YYYY-MM-DD HH:MM` (UTC).
    pub reported_at: Option<String>,
    pub as_of: Option<NaiveDate>,
    pub met: Option<u32>,
    pub open: Option<u32>,
    pub missed: Option<u32>,
    pub overall: Option<f64>,
    pub political: Option<f64>,
    pub leadership: Option<f64>,
    pub membership: Option<f64>,
    pub impact: Option<f64>,
    pub study_counted: Option<u32>,
    pub study_reached: Option<u32>,
    /// reached / counted (none when nobody is counted).
    pub study_rate: Option<f64>,
    pub members_in_arrears: Option<u32>,
    pub alarms: Option<u32>,
    pub tampered: bool,
    /// No report for [`super::export::SILENT_DAYS`] days or more as of today (or never).
    pub silent: bool,
    /// Whole days since the latest report arrived.
    pub days_silent: Option<i64>,
    /// Place in the 四强 ranking (1 = best; none: not reported).
    pub rank: Option<u32>,
}

/// What 所辖支部一览 and 四强排名 show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct WindowOverview {
    pub today: NaiveDate,
    /// The days without a report after which a branch is marked.
    pub silent_days: u32,
    /// By name, as the overview lists them.
    pub rows: Vec<WindowRow>,
}

/// The overview's rows as of `today`: silence marked, ranks given (ties share the place).
pub fn window_rows(o: &Overview, today: NaiveDate) -> WindowOverview {
    let mut ranks = std::collections::HashMap::new();
    let mut place = 0;
    let mut last: Option<f64> = None;
    for (i, r) in ranking(o).into_iter().enumerate() {
        let Some(f) = r.four_strengths else { continue };
        if last != Some(f.overall) {
            place = i as u32 + 1;
            last = Some(f.overall);
        }
        ranks.insert(r.branch_id.as_str(), place);
    }
    let rows = o
        .branches
        .iter()
        .map(|r| row_of(r, today, ranks.get(r.branch_id.as_str()).copied()))
        .collect();
    WindowOverview {
        today,
        silent_days: super::export::SILENT_DAYS as u32,
        rows,
    }
}

fn row_of(r: &BranchRow, today: NaiveDate, rank: Option<u32>) -> WindowRow {
    let f = r.four_strengths;
    WindowRow {
        branch_id: r.branch_id.clone(),
        name: r.name.clone(),
        reported_at: r
            .reported_at
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string()),
        as_of: r.as_of,
        met: r.compliance.map(|c| c.met),
        open: r.compliance.map(|c| c.open),
        missed: r.compliance.map(|c| c.missed),
        overall: f.map(|f| f.overall),
        political: f.map(|f| f.political),
        leadership: f.map(|f| f.leadership),
        membership: f.map(|f| f.membership),
        impact: f.map(|f| f.impact),
        study_counted: r.study.map(|s| s.counted),
        study_reached: r.study.map(|s| s.reached),
        study_rate: r
            .study
            .filter(|s| s.counted > 0)
            .map(|s| s.reached as f64 / s.counted as f64),
        members_in_arrears: r.dues.map(|d| d.members_in_arrears),
        alarms: r.alarms,
        tampered: r.tampered,
        silent: silent(r, today),
        days_silent: r
            .reported_at
            .map(|t| (today - t.date_naive()).num_days().max(0)),
        rank,
    }
}

/// The overview as of `today` through the stored connection.
pub fn read_overview(endpoint: &Endpoint, today: NaiveDate) -> Result<WindowOverview> {
    let o = overview(&mut connect(endpoint)?, None)?;
    Ok(window_rows(&o, today))
}

/// 所辖支部一览 as the .xlsx workbook (with the 四强 ranking on a second sheet).
pub fn overview_workbook(endpoint: &Endpoint, today: NaiveDate) -> Result<Vec<u8>> {
    let o = overview(&mut connect(endpoint)?, None)?;
    super::export::overview_xlsx(&o, today)
}

/// One branch's report as the branch's own pages draw it: the 工作台's year grid from the
/// obligation periods, the 四强 page's scores and items, and the rest of the report.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BranchView {
    pub row: WindowRow,
    /// The report's obligation periods in the shape the year grid takes.
    pub compliance: ComplianceReport,
    pub report: Report,
}

/// The branch's latest report with its overview line; none when it has not reported (or is
/// not one this connection may see).
pub fn read_branch(
    endpoint: &Endpoint,
    branch_id: &str,
    today: NaiveDate,
) -> Result<Option<BranchView>> {
    let mut client = connect(endpoint)?;
    let o = overview(&mut client, None)?;
    let w = window_rows(&o, today);
    let Some(row) = w.rows.into_iter().find(|r| r.branch_id == branch_id) else {
        return Ok(None);
    };
    let Some(report) = branch_report(&mut client, branch_id, None)? else {
        return Ok(None);
    };
    Ok(Some(BranchView {
        row,
        compliance: compliance_of(&report),
        report,
    }))
}

/// `YYYY`, `YYYY-Qn` or `YYYY-MM` back into its period.
fn parse_period(s: &str) -> Option<Period> {
    let year: i32 = s.get(0..4)?.parse().ok()?;
    let (unit, index) = match s.get(4..) {
        Some("") => (PeriodUnit::Year, 1),
        Some(rest) if rest.starts_with("-Q") => (PeriodUnit::Quarter, rest[2..].parse().ok()?),
        Some(rest) if rest.starts_with('-') => (PeriodUnit::Month, rest[1..].parse().ok()?),
        _ => return None,
    };
    let max = match unit {
        PeriodUnit::Year => 1,
        PeriodUnit::Quarter => 4,
        PeriodUnit::Month => 12,
    };
    (1..=max)
        .contains(&index)
        .then_some(Period { year, unit, index })
}

/// The report's obligation lines as the periods the year grid draws. A report carries no
/// session ids, 党小组 ids or pair names: the 党小组's name stands for its id, the sessions
/// are counted, and every 谈心谈话 line is one pair. Lines of an unknown kind or period (a
/// newer program's) are left out.
pub fn compliance_of(report: &Report) -> ComplianceReport {
    let obligations = report
        .obligations
        .iter()
        .filter_map(|o| {
            let kind: Obligation = o.kind.parse().ok()?;
            let period = parse_period(&o.period)?;
            let status = match o.status.as_str() {
                "met" => PeriodStatus::Met,
                "open" => PeriodStatus::Open,
                "missed" => PeriodStatus::Missed,
                "unrecorded" => PeriodStatus::Unrecorded,
                _ => return None,
            };
            let pair =
                (kind == Obligation::HeartToHeartTalk).then(|| [String::new(), String::new()]);
            Some(ObligationPeriod {
                kind,
                period: o.period.clone(),
                party_group: o.party_group.clone(),
                status,
                days_left: None,
                sessions: (1..=o.sessions)
                    .map(|n| format!("{}-{n}", o.period))
                    .collect(),
                party_group_id: o.party_group.clone(),
                pair,
                period_start: period.start(),
                period_end: period.end(),
                required: o.required,
                subject: o.party_group.clone().unwrap_or_default(),
                missed_confirmed: false,
            })
        })
        .collect();
    ComplianceReport {
        as_of: report.as_of,
        year: report.year,
        obligations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::superior::overview::{ComplianceCounts, DuesCounts, FourStrengths, StudyCounts};
    use chrono::{TimeZone, Utc};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn branch(id: &str, name: &str, reported: Option<&str>, overall: f64) -> BranchRow {
        let at = reported.map(|s| {
            let day = d(s);
            Utc.from_utc_datetime(&day.and_hms_opt(9, 30, 0).unwrap())
        });
        let r = at.is_some();
        BranchRow {
            branch_id: id.into(),
            name: name.into(),
            reported_at: at,
            as_of: reported.map(d),
            compliance: r.then_some(ComplianceCounts {
                met: 10,
                open: 2,
                missed: 1,
            }),
            four_strengths: r.then_some(FourStrengths {
                overall,
                political: 0.9,
                leadership: 0.8,
                membership: 0.7,
                impact: 0.6,
            }),
            study: r.then_some(StudyCounts {
                counted: 20,
                reached: 15,
            }),
            dues: r.then_some(DuesCounts {
                members_in_arrears: 2,
            }),
            alarms: r.then_some(3),
            tampered: false,
        }
    }

    #[test]
    fn rows_mark_silence_from_the_day_passed_in_and_rank_by_overall() {
        let o = Overview {
            branches: vec![
                branch("a", "甲支部", Some("2026-12-01"), 0.8),
                branch("b", "乙支部", Some("2026-11-30"), 0.9),
                branch("c", "丙支部", None, 0.0),
                branch("e", "戊支部", Some("2026-12-06"), 0.8),
            ],
        };
        let w = window_rows(&o, d("2026-12-07"));
        let by = |id: &str| w.rows.iter().find(|r| r.branch_id == id).unwrap();
        // 6 days: not yet; 7 days: marked; never reported: marked.
        assert!(!by("a").silent);
        assert_eq!(by("a").days_silent, Some(6));
        assert!(by("b").silent);
        assert_eq!(by("b").days_silent, Some(7));
        assert!(by("c").silent);
        assert_eq!(by("c").days_silent, None);
        assert!(!by("e").silent);
        // Ranks: 乙 first; 甲 and 戊 tie for second; 丙 has none.
        assert_eq!(by("b").rank, Some(1));
        assert_eq!(by("a").rank, Some(2));
        assert_eq!(by("e").rank, Some(2));
        assert_eq!(by("c").rank, None);
        assert_eq!(by("a").study_rate, Some(0.75));
        assert_eq!(by("c").met, None);
        assert_eq!(by("a").reported_at.as_deref(), Some("2026-12-01 09:30"));
        // The same rows a week later: every reported branch is silent.
        let later = window_rows(&o, d("2026-12-14"));
        assert!(later.rows.iter().all(|r| r.silent));
        assert_eq!(later.silent_days, 7);
    }

    #[test]
    fn periods_parse_back_and_bad_ones_are_refused() {
        let q = parse_period("2026-Q2").unwrap();
        assert_eq!((q.start(), q.end()), (d("2026-04-01"), d("2026-06-30")));
        let m = parse_period("2026-02").unwrap();
        assert_eq!((m.start(), m.end()), (d("2026-02-01"), d("2026-02-28")));
        let y = parse_period("2026").unwrap();
        assert_eq!((y.start(), y.end()), (d("2026-01-01"), d("2026-12-31")));
        for bad in ["2026-13", "2026-Q5", "2026-Q0", "26", "2026/01", "2026-00"] {
            assert!(parse_period(bad).is_none(), "{bad}");
        }
    }
}
