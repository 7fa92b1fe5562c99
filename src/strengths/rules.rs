//! The 四强 template as a versioned rule set, and which template judges a year. Each year a
//! branch edited or loaded a template for is assigned that template (kept as a `four_strengths`
//! rule set starting on 1 January of the year); a year without one is judged by the latest
//! earlier year's template, and before any by the shipped default.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
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

/// The template `year` is judged by.
pub fn template_for(conn: &Connection, year: i32) -> Result<YearTemplate> {
    let row: Option<(i32, String)> = conn
        .query_row(
            "SELECT y.year, r.body FROM four_strengths_year y JOIN rule_set r ON r.id = y.rule_set_id
             WHERE y.year <= ?1 ORDER BY y.year DESC LIMIT 1",
            [year],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match row {
        Some((from_year, body)) => YearTemplate {
            year,
            source: if from_year == year {
                TemplateSource::Assigned
            } else {
                TemplateSource::Inherited { from_year }
            },
            template: serde_json::from_str(&body)
                .map_err(|_| Error::validation("template", Reason::InvalidValue))?,
        },
        None => YearTemplate {
            year,
            source: TemplateSource::Default,
            template: Template::default_template(),
        },
    })
}

/// Judges `year` by `template` from now on (its items, weights and thresholds); refuses a
/// template that could not judge a year.
pub fn assign(conn: &Connection, year: i32, template: &Template, actor: &str) -> Result<()> {
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
