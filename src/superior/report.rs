//! The branch's report to its 党委 as of a day, built from the records by the same functions
//! the branch's own pages use: profile and counts by stage, every obligation period of the
//! year, the 四强 scores and items, each member's 学时 (name, hours, target, on track: no
//! 身份证号, phone or address), 党费 by month and who is in arrears, the alarms, the
//! 发展党员 pipeline, and the head of the change log's hash chain.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::Result;
use crate::sessions::calendar::PeriodStatus;
use crate::strengths::template::Strength;

/// The report's layout version, so a 党委 can read reports of older programs.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Report {
    pub format: u32,
    pub as_of: NaiveDate,
    pub year: i32,
    pub branch: Profile,
    pub summary: Summary,
    pub obligations: Vec<ObligationLine>,
    pub four_strengths: Vec<StrengthLine>,
    pub study: Vec<StudyLine>,
    pub dues_months: Vec<DuesMonthLine>,
    pub arrears: Vec<ArrearsLine>,
    pub alarms: Vec<AlarmLine>,
    pub pipeline: PipelineLine,
    pub chain: Chain,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export, rename = "ReportProfile")]
pub struct Profile {
    pub name: String,
    pub superior_org: String,
    pub founded_on: Option<NaiveDate>,
    pub term_ends: Option<NaiveDate>,
    /// People on the roster on the day, by stage code (`full`, `probationary`, ...).
    pub by_stage: BTreeMap<String, u32>,
}

/// The figures the overview shows, also kept as columns beside the report.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export, rename = "ReportSummary")]
pub struct Summary {
    pub met: u32,
    pub open: u32,
    pub missed: u32,
    pub overall: f64,
    pub political: f64,
    pub leadership: f64,
    pub membership: f64,
    pub impact: f64,
    pub study_counted: u32,
    pub study_reached: u32,
    pub members_in_arrears: u32,
    pub alarms: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ObligationLine {
    pub kind: String,
    pub label: String,
    pub period: String,
    pub party_group: Option<String>,
    /// `met`, `open`, `missed` or `unrecorded`.
    pub status: String,
    pub required: u32,
    pub sessions: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StrengthLine {
    pub key: String,
    pub title: String,
    pub score: f64,
    pub met: u32,
    pub total: u32,
    pub items: Vec<ItemLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemLine {
    pub id: String,
    pub title: String,
    pub met: bool,
    pub applicable: bool,
    pub value: Option<f64>,
    pub threshold: Option<f64>,
}

/// One member's 学时: exactly these four, nothing that identifies them further.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StudyLine {
    pub name: String,
    pub hours: f64,
    pub target: Option<f64>,
    pub on_track: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DuesMonthLine {
    pub month: String,
    pub due_cents: i64,
    pub paid_cents: i64,
    pub paid_in_full: u32,
    pub assessed: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArrearsLine {
    pub name: String,
    /// Completed months in a row with nothing paid.
    pub months: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AlarmLine {
    pub kind: String,
    pub level: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PipelineLine {
    pub by_stage: BTreeMap<String, u32>,
    pub overdue: Vec<OverdueLine>,
}

/// A person whose next step is past its last day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OverdueLine {
    pub name: String,
    pub stage: String,
    pub next: String,
    pub latest: NaiveDate,
}

/// The change log's head on the day the report was made, and whether the chain checked out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export, rename = "ReportChain")]
pub struct Chain {
    pub seq: i64,
    pub hash: String,
    pub verified: bool,
}

impl Report {
    /// SHA-256 of the report's JSON: the same records as of the same day give the same hash,
    /// so a report sent twice is stored once.
    pub fn content_hash(&self) -> String {
        let json = serde_json::to_vec(self).expect("a report serializes");
        crate::hex::encode(&Sha256::digest(json))
    }
}

/// The report as of `as_of` (its year's obligations, 四强, 学时 and 党费).
pub fn build(conn: &Connection, as_of: NaiveDate) -> Result<Report> {
    let year = as_of.year();
    let branch = crate::branch::require(conn)?;
    let roster = crate::members::as_of::roster_on(conn, as_of)?;
    let mut by_stage = BTreeMap::new();
    for m in &roster {
        *by_stage.entry(m.stage.code().to_string()).or_insert(0) += 1;
    }

    let compliance = crate::sessions::compliance(conn, year, as_of)?;
    let count = |s: PeriodStatus| {
        compliance
            .obligations
            .iter()
            .filter(|o| o.status == s)
            .count() as u32
    };
    let obligations = compliance
        .obligations
        .iter()
        .map(|o| ObligationLine {
            kind: o.kind.code().to_string(),
            label: o.kind.label().to_string(),
            period: o.period.clone(),
            party_group: o.party_group.clone(),
            status: match o.status {
                PeriodStatus::Met => "met",
                PeriodStatus::Open => "open",
                PeriodStatus::Missed => "missed",
                PeriodStatus::Unrecorded => "unrecorded",
            }
            .to_string(),
            required: o.required,
            sessions: o.sessions.len() as u32,
        })
        .collect();

    let assessment = crate::strengths::assess::assess(conn, year, as_of)?;
    let score_of = |key: Strength| {
        assessment
            .strengths
            .iter()
            .find(|s| s.key == key)
            .map_or(0.0, |s| s.score)
    };
    let four_strengths = assessment
        .strengths
        .iter()
        .map(|s| StrengthLine {
            key: s.key.code().to_string(),
            title: s.title.clone(),
            score: s.score,
            met: s.met,
            total: s.total,
            items: s
                .items
                .iter()
                .map(|i| ItemLine {
                    id: i.id.clone(),
                    title: i.title.clone(),
                    met: i.met,
                    applicable: i.applicable,
                    value: i.value,
                    threshold: i.threshold,
                })
                .collect(),
        })
        .collect();

    let study = crate::study::progress::report(conn, year, as_of, None)?;
    let dues = crate::dues::year::report(conn, year, as_of)?;
    let arrears: Vec<ArrearsLine> = dues
        .members
        .iter()
        .filter(|m| m.arrears_months > 0)
        .map(|m| ArrearsLine {
            name: m.name.clone(),
            months: m.arrears_months,
        })
        .collect();
    let alarms = crate::alarms::alarms(conn, as_of)?;
    let pipeline = crate::pipeline::report(conn, as_of)?;
    let mut pipeline_by_stage = BTreeMap::new();
    for p in &pipeline.people {
        *pipeline_by_stage
            .entry(p.stage.code().to_string())
            .or_insert(0) += 1;
    }
    let (seq, hash) = crate::integrity::log_head(conn)?;
    let verified = crate::change_log::verify(conn)?.is_none();

    Ok(Report {
        format: FORMAT,
        as_of,
        year,
        branch: Profile {
            name: branch.name.clone(),
            superior_org: branch.superior_org.clone(),
            founded_on: branch.founded_on,
            term_ends: branch.term_ends,
            by_stage,
        },
        summary: Summary {
            met: count(PeriodStatus::Met),
            open: count(PeriodStatus::Open),
            missed: count(PeriodStatus::Missed),
            overall: assessment.overall,
            political: score_of(Strength::Political),
            leadership: score_of(Strength::Leadership),
            membership: score_of(Strength::Membership),
            impact: score_of(Strength::Impact),
            study_counted: study.counted,
            study_reached: study.reached,
            members_in_arrears: arrears.len() as u32,
            alarms: alarms.len() as u32,
        },
        obligations,
        four_strengths,
        study: study
            .members
            .iter()
            .map(|m| StudyLine {
                name: m.name.clone(),
                hours: m.hours,
                target: m.target,
                on_track: m.on_track,
            })
            .collect(),
        dues_months: dues
            .months
            .iter()
            .map(|m| DuesMonthLine {
                month: m.month.clone(),
                due_cents: m.due_cents,
                paid_cents: m.paid_cents,
                paid_in_full: m.paid_in_full,
                assessed: m.assessed,
            })
            .collect(),
        arrears,
        alarms: alarms
            .iter()
            .map(|a| AlarmLine {
                kind: a.kind.code().to_string(),
                level: a.level.code().to_string(),
                message: a.message.clone(),
            })
            .collect(),
        pipeline: PipelineLine {
            by_stage: pipeline_by_stage,
            overdue: pipeline
                .people
                .iter()
                .filter_map(|p| {
                    let latest = p.latest?;
                    (latest < as_of).then(|| OverdueLine {
                        name: p.name.clone(),
                        stage: p.stage.code().to_string(),
                        next: p.next.code().to_string(),
                        latest,
                    })
                })
                .collect(),
        },
        chain: Chain {
            seq,
            hash,
            verified,
        },
    })
}
