//! The year's 四强 assessment as of a day: every item of the year's template measured or
//! looked up among the attestations, scored per strength and overall; and the month-by-month
//! trend of those scores.

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::attest::{self, Attestation};
use super::measure::Records;
use super::rules::{self, TemplateSource};
use super::template::{score, BranchFigure, Finding, ItemKind, Strength, StrengthResult, Template};
use super::year_span;
use crate::branch::{self, Branch};
use crate::error::Result;
use crate::members::as_of::roster_on;
use crate::sessions::CommitteeNeed;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Assessment {
    pub year: i32,
    /// The day asked about (for a past year, its records up to 31 December count).
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    pub template_id: String,
    pub template_name: String,
    pub template_version: String,
    pub template_source: TemplateSource,
    /// The strengths' scores weighted by their weights, 0–1.
    pub overall: f64,
    pub met: u32,
    pub total: u32,
    pub strengths: Vec<StrengthResult>,
}

impl Assessment {
    /// The last day whose records count: the day asked about, or 31 December of a past year.
    pub fn counted_until(&self) -> NaiveDate {
        year_span(self.year, self.as_of).map_or(self.as_of, |(_, until)| until)
    }
}

/// The scores at the end of one month (or on the day asked about, for its month).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TrendPoint {
    pub month: u32,
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    pub overall: f64,
    pub scores: Vec<StrengthScore>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StrengthScore {
    pub key: Strength,
    pub score: f64,
}

/// The year judged as of `as_of` (the year's end counts for a past year).
pub fn assess(conn: &Connection, year: i32, as_of: NaiveDate) -> Result<Assessment> {
    let attestations: HashMap<String, Attestation> = attest::list(conn, year)?
        .into_iter()
        .map(|a| (a.item_id.clone(), a))
        .collect();
    assess_with(conn, year, as_of, &attestations)
}

fn assess_with(
    conn: &Connection,
    year: i32,
    as_of: NaiveDate,
    attestations: &HashMap<String, Attestation>,
) -> Result<Assessment> {
    let (_, until) = year_span(year, as_of)?;
    let year_template = rules::in_force(conn, year)?;
    let template = &year_template.template;
    let records = Records::gather(conn, year, until)?;
    let mut measured = HashMap::new();
    for item in &template.items {
        if let (ItemKind::Measured, Some(metric)) = (item.kind, &item.metric) {
            measured.insert(item.id.clone(), records.finding(metric)?);
        }
    }
    // A threshold the branch sets itself replaces the template's.
    let branch = branch::get(conn)?;
    let template = &with_branch_figures(template, branch.as_ref());
    let committee_owed = CommitteeNeed::of(&roster_on(conn, until)?).committee_owed();
    let (mut strengths, overall) = score(template, |item| match item.kind {
        _ if item.committee_only == Some(true) && !committee_owed => Finding::NotApplicable,
        ItemKind::Measured => measured
            .get(&item.id)
            .copied()
            .unwrap_or(Finding::Measured(0.0)),
        ItemKind::Attested => Finding::Attested(
            attestations
                .get(&item.id)
                .is_some_and(|a| a.met && a.achieved_on <= until),
        ),
    });
    for item in strengths.iter_mut().flat_map(|s| s.items.iter_mut()) {
        if item.kind == ItemKind::Attested {
            item.attestation = attestations.get(&item.id).cloned();
        }
    }
    Ok(Assessment {
        year,
        as_of,
        template_id: template.id.clone(),
        template_name: template.name.clone(),
        template_version: template.version.clone(),
        template_source: year_template.source,
        overall,
        met: strengths.iter().map(|s| s.met).sum(),
        total: strengths.iter().map(|s| s.total).sum(),
        strengths,
    })
}

/// The template with each `branch_threshold` item's threshold taken from the branch.
fn with_branch_figures(template: &Template, branch: Option<&Branch>) -> Template {
    let mut t = template.clone();
    for item in &mut t.items {
        let figure = match (item.branch_threshold, branch) {
            (Some(BranchFigure::LectureSeriesTarget), Some(b)) => b.lecture_series_target,
            (Some(BranchFigure::LectureSeriesTarget), None) => {
                branch::DEFAULT_LECTURE_SERIES_TARGET
            }
            (None, _) => continue,
        };
        item.threshold = Some(f64::from(figure));
    }
    t
}

/// The scores at the end of every month of `year` up to `as_of` (the year's twelve for a past
/// year, none for a year not begun).
pub fn trend(conn: &Connection, year: i32, as_of: NaiveDate) -> Result<Vec<TrendPoint>> {
    let (from, until) = year_span(year, as_of)?;
    if until < from {
        return Ok(Vec::new());
    }
    let attestations: HashMap<String, Attestation> = attest::list(conn, year)?
        .into_iter()
        .map(|a| (a.item_id.clone(), a))
        .collect();
    let mut points = Vec::new();
    for month in 1..=until.month() {
        let start = NaiveDate::from_ymd_opt(year, month, 1).expect("valid month");
        let month_end = start + Months::new(1) - Days::new(1);
        let day = month_end.min(until);
        let a = assess_with(conn, year, day, &attestations)?;
        points.push(TrendPoint {
            month,
            as_of: day,
            overall: a.overall,
            scores: a
                .strengths
                .iter()
                .map(|s| StrengthScore {
                    key: s.key,
                    score: s.score,
                })
                .collect(),
        });
    }
    Ok(points)
}
