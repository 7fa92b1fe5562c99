//! The 四强 template as a versioned rule set, and which template judges a year. Each year a
//! branch edited or loaded a template for is assigned that template (kept as a `four_strengths`
//! rule set starting on 1 January of the year); a year without one is judged by the latest
//! earlier year's template, and before any by the shipped default. The verbs are the other
//! rule sets' (`history`, `in_force`, `save`, `parse`), keyed by year instead of a day.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::template::Template;
use crate::change_log;
use crate::error::{Error, Reason, Result};
use crate::rule_sets::RuleSet;

impl RuleSet for Template {
    const AREA: &'static str = "four_strengths";
    const FIELD: &'static str = "template";

    fn defaults() -> Self {
        Template::default_template()
    }

    fn version(&self) -> &str {
        &self.version
    }

    fn validate(&self) -> Result<()> {
        Template::validate(self)
    }
}

/// Where a year's template comes from.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TemplateSource {
    /// Assigned to this very year.
    Assigned,
    /// Carried over from the latest earlier year with one.
    Inherited { from_year: i32 },
    /// The template shipped with the app.
    Default,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct YearTemplate {
    pub year: i32,
    pub source: TemplateSource,
    pub template: Template,
}

fn first_day(year: i32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| Error::validation("year", Reason::InvalidValue))
}

/// Every year's own template (assigned to that very year), oldest year first.
pub fn history(conn: &Connection) -> Result<Vec<YearTemplate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT y.year, r.body FROM four_strengths_year y JOIN rule_set r ON r.id = y.rule_set_id
         ORDER BY y.year",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?)))?;
    rows.map(|row| {
        let (year, body) = row?;
        Ok(YearTemplate {
            year,
            source: TemplateSource::Assigned,
            template: serde_json::from_str(&body)
                .map_err(|_| Error::validation("template", Reason::InvalidValue))?,
        })
    })
    .collect()
}

/// The template in force for `year`: its own, else the latest earlier year's, else the default.
pub fn in_force(conn: &Connection, year: i32) -> Result<YearTemplate> {
    let latest = history(conn)?.into_iter().rev().find(|t| t.year <= year);
    Ok(match latest {
        Some(t) => YearTemplate {
            year,
            source: if t.year == year {
                TemplateSource::Assigned
            } else {
                TemplateSource::Inherited { from_year: t.year }
            },
            template: t.template,
        },
        None => YearTemplate {
            year,
            source: TemplateSource::Default,
            template: Template::default_template(),
        },
    })
}

/// A template from JSON a user supplies, checked whole (the rule sets' `parse`).
pub fn parse(json: &[u8]) -> Result<Template> {
    <Template as RuleSet>::parse(json)
}

/// Judges `year` by `template` from now on (its items, weights and thresholds); refuses a
/// template that could not judge a year.
pub fn save(conn: &Connection, year: i32, template: &Template, actor: &str) -> Result<()> {
    let from = first_day(year)?;
    template.save_from(conn, from, actor)?;
    let id: String = conn.query_row(
        "SELECT id FROM rule_set WHERE area = ?1 AND effective_from = ?2",
        params![Template::AREA, from],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO four_strengths_year (year, rule_set_id) VALUES (?1, ?2)
         ON CONFLICT (year) DO UPDATE SET rule_set_id = excluded.rule_set_id",
        params![year, id],
    )?;
    Ok(())
}

/// Drops the year's own template, so it is judged by an earlier year's or the default again.
pub fn unassign(conn: &Connection, year: i32, actor: &str) -> Result<()> {
    let from = first_day(year)?;
    conn.execute("DELETE FROM four_strengths_year WHERE year = ?1", [year])?;
    conn.execute(
        "DELETE FROM rule_set WHERE area = ?1 AND effective_from = ?2",
        params![Template::AREA, from],
    )?;
    change_log::record(
        conn,
        actor,
        "four_strengths_year",
        &year.to_string(),
        "unassign",
        &year,
    )?;
    Ok(())
}
