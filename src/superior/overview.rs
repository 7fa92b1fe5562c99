//! The 党委's overview: every branch with its latest report as of a day (a report about a
//! later day, or an older one sent late, never shows as the latest of an earlier one), and
//! whether any report of the branch broke from its change log's chain. The current view
//! reads each branch's latest summary kept by the database (`branch_latest`); a past day's
//! view looks up the history only for the branches that reported since.

use chrono::{DateTime, NaiveDate, Utc};
use postgres::Client;
use serde::Serialize;

use super::pg_error;
use super::report::Report;
use crate::error::Result;

/// What `zhibu superior overview --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overview {
    pub branches: Vec<BranchRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BranchRow {
    pub branch_id: String,
    pub name: String,
    /// When its latest report arrived (none: it has not reported).
    pub reported_at: Option<DateTime<Utc>>,
    /// The day its latest report is as of.
    pub as_of: Option<NaiveDate>,
    pub compliance: Option<ComplianceCounts>,
    pub four_strengths: Option<FourStrengths>,
    pub study: Option<StudyCounts>,
    pub dues: Option<DuesCounts>,
    /// Open alarms in its latest report.
    pub alarms: Option<u32>,
    /// A report's chain head did not follow on from the one before it (the branch's change
    /// log was rewritten, cut or replaced), or the branch's own check of its log failed.
    pub tampered: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ComplianceCounts {
    pub met: u32,
    pub open: u32,
    pub missed: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FourStrengths {
    pub overall: f64,
    pub political: f64,
    pub leadership: f64,
    pub membership: f64,
    pub impact: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StudyCounts {
    pub counted: u32,
    pub reached: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DuesCounts {
    pub members_in_arrears: u32,
}

/// The query behind the current overview: each branch's latest report summary, kept in a
/// row of its own by the trigger on `report` (migration 0002), one row per branch.
pub const OVERVIEW_SQL: &str = "
SELECT b.id, b.name, l.reported_at, l.as_of, l.met, l.open, l.missed, l.overall, l.political,
       l.leadership, l.membership, l.impact, l.study_counted, l.study_reached,
       l.members_in_arrears, l.alarms, coalesce(l.tampered, false) AS tampered
  FROM branch b
  LEFT JOIN branch_latest l ON l.branch_id = b.id
 ORDER BY b.name, b.id";

/// The overview as of a past day for the branches ($1) whose latest report is about a later
/// day: one index probe each for its latest report as of $2 (none: not reported by then).
/// The tampered flag is the branch's, as in the current view.
const AS_OF_SQL: &str = "
SELECT b.id, b.name, r.reported_at, r.as_of, r.met, r.open, r.missed, r.overall, r.political,
       r.leadership, r.membership, r.impact, r.study_counted, r.study_reached,
       r.members_in_arrears, r.alarms, coalesce(l.tampered, false) AS tampered
  FROM branch b
  LEFT JOIN branch_latest l ON l.branch_id = b.id
  LEFT JOIN LATERAL (
       SELECT reported_at, as_of, met, open, missed, overall, political, leadership,
              membership, impact, study_counted, study_reached, members_in_arrears, alarms
         FROM report r
        WHERE r.branch_id = b.id AND r.as_of <= $2::date
        ORDER BY r.as_of DESC, r.reported_at DESC
        LIMIT 1) r ON true
 WHERE b.id = ANY($1::text[])";

/// Every branch the connection's role may see (the reader: all of them), by name, with its
/// latest report as of `as_of` (none: its latest of all). A branch whose latest report is
/// about a later day than `as_of` is looked up in the history; the others are as kept.
pub fn overview(client: &mut Client, as_of: Option<NaiveDate>) -> Result<Overview> {
    let rows = client.query(OVERVIEW_SQL, &[]).map_err(pg_error)?;
    let mut branches: Vec<BranchRow> = rows.iter().map(branch_row).collect();
    if let Some(day) = as_of {
        let later: Vec<&str> = branches
            .iter()
            .filter(|b| b.as_of.is_some_and(|d| d > day))
            .map(|b| b.branch_id.as_str())
            .collect();
        if !later.is_empty() {
            let then: std::collections::HashMap<String, BranchRow> = client
                .query(AS_OF_SQL, &[&later, &day])
                .map_err(pg_error)?
                .iter()
                .map(|row| {
                    let b = branch_row(row);
                    (b.branch_id.clone(), b)
                })
                .collect();
            for b in &mut branches {
                if let Some(earlier) = then.get(&b.branch_id) {
                    *b = earlier.clone();
                }
            }
        }
    }
    Ok(Overview { branches })
}

/// A row of either query: id, name, the report's figures (all null: not reported), tampered.
fn branch_row(row: &postgres::Row) -> BranchRow {
    let u = |v: Option<i32>| v.map(|v| v.max(0) as u32);
    let reported_at: Option<DateTime<Utc>> = row.get(2);
    let reported = reported_at.is_some();
    BranchRow {
        branch_id: row.get(0),
        name: row.get(1),
        reported_at,
        as_of: row.get(3),
        compliance: reported.then(|| ComplianceCounts {
            met: u(row.get(4)).unwrap_or(0),
            open: u(row.get(5)).unwrap_or(0),
            missed: u(row.get(6)).unwrap_or(0),
        }),
        four_strengths: reported.then(|| FourStrengths {
            overall: row.get::<_, Option<f64>>(7).unwrap_or(0.0),
            political: row.get::<_, Option<f64>>(8).unwrap_or(0.0),
            leadership: row.get::<_, Option<f64>>(9).unwrap_or(0.0),
            membership: row.get::<_, Option<f64>>(10).unwrap_or(0.0),
            impact: row.get::<_, Option<f64>>(11).unwrap_or(0.0),
        }),
        study: reported.then(|| StudyCounts {
            counted: u(row.get(12)).unwrap_or(0),
            reached: u(row.get(13)).unwrap_or(0),
        }),
        dues: reported.then(|| DuesCounts {
            members_in_arrears: u(row.get(14)).unwrap_or(0),
        }),
        alarms: u(row.get(15)),
        tampered: row.get(16),
    }
}

/// One branch's latest report as of a day, as it sent it (none: not reported by then).
pub fn branch_report(
    client: &mut Client,
    branch_id: &str,
    as_of: Option<NaiveDate>,
) -> Result<Option<Report>> {
    let row = client
        .query_opt(
            "SELECT body FROM report
              WHERE branch_id = $1 AND ($2::date IS NULL OR as_of <= $2::date)
              ORDER BY as_of DESC, reported_at DESC LIMIT 1",
            &[&branch_id, &as_of],
        )
        .map_err(pg_error)?;
    Ok(row.and_then(|r| serde_json::from_value(r.get::<_, serde_json::Value>(0)).ok()))
}
