//! Everyone on the path as of a day, furthest along first, each with the next step the rules
//! then in force give; and the facts of one person's path read from the database.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::next_step::{next_step, PathFacts};
use super::{Blocker, PipelineRuleSet, PipelineStep, StepDone};
use crate::error::Result;
use crate::members::Stage;
use crate::rule_sets::Dated;

/// One person on the path as of a day.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PipelineEntry {
    pub member_id: String,
    pub name: String,
    pub stage: Stage,
    /// When the current stage was reached (for a 预备党员, the admission).
    pub since: Option<NaiveDate>,
    pub next: PipelineStep,
    /// The first day the next step may be taken, and the last it should be.
    pub earliest: Option<NaiveDate>,
    pub latest: Option<NaiveDate>,
    pub blockers: Vec<Blocker>,
    /// For a 预备党员: the day the 预备期 ends (extension included).
    pub probation_ends: Option<NaiveDate>,
    pub done: Vec<StepDone>,
}

/// How many people a free-text 介绍人 field names ("张三、李四").
pub(super) fn count_names(s: &str) -> u32 {
    crate::names::split_list(s).count() as u32
}

/// Everyone on the path (not yet 正式党员, on the roster) as of `as_of`, by stage, furthest
/// along first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PipelineReport {
    pub as_of: NaiveDate,
    pub rule_version: String,
    pub people: Vec<PipelineEntry>,
}

pub fn report(conn: &Connection, as_of: NaiveDate) -> Result<PipelineReport> {
    let sets = PipelineRuleSet::history(conn)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, name, stage, joined_on, introducers FROM member
         WHERE archived_on IS NULL AND stage <> 'full'
         ORDER BY CASE stage WHEN 'probationary' THEN 0 WHEN 'candidate' THEN 1
                  WHEN 'activist' THEN 2 ELSE 3 END, {name}",
        name = crate::collate::sql_key("name")
    ))?;
    let people = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Stage>(2)?,
                r.get::<_, Option<NaiveDate>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(people.len());
    for (id, name, stage, joined_on, introducers) in people {
        let facts = facts_of(conn, &id, stage, joined_on, count_names(&introducers))?;
        let since = facts.reached.get(&stage).copied();
        let rules = PipelineRuleSet::in_force(&sets, since.unwrap_or(as_of));
        let Some(next) = next_step(&rules, &facts, as_of) else {
            continue;
        };
        out.push(PipelineEntry {
            member_id: id,
            name,
            stage,
            since,
            next: next.step,
            earliest: next.earliest,
            latest: next.latest,
            blockers: next.blockers,
            probation_ends: next.probation_ends,
            done: facts.done,
        });
    }
    Ok(PipelineReport {
        as_of,
        rule_version: PipelineRuleSet::in_force(&sets, as_of).version,
        people: out,
    })
}

/// What one person's path is judged from: the stage, the day each stage was reached, the
/// 介绍人 counted, the steps on record.
pub(super) fn facts_of(
    conn: &Connection,
    member_id: &str,
    stage: Stage,
    joined_on: Option<NaiveDate>,
    introducers: u32,
) -> Result<PathFacts> {
    let mut facts = PathFacts {
        stage: Some(stage),
        introducers,
        done: steps_of(conn, member_id)?,
        ..Default::default()
    };
    let mut stmt = conn.prepare_cached(
        "SELECT stage, max(occurred_on) FROM member_stage_event WHERE member_id = ?1
         GROUP BY stage",
    )?;
    let mut rows = stmt.query([member_id])?;
    while let Some(r) = rows.next()? {
        facts.reached.insert(r.get(0)?, r.get(1)?);
    }
    if let Some(j) = joined_on {
        facts.reached.insert(Stage::Probationary, j);
    }
    Ok(facts)
}

pub(super) fn steps_of(conn: &Connection, member_id: &str) -> Result<Vec<StepDone>> {
    let mut stmt = conn.prepare_cached(
        "SELECT step, done_on, months, note FROM member_pipeline_step WHERE member_id = ?1
         ORDER BY done_on, recorded_at",
    )?;
    let steps = stmt
        .query_map([member_id], |r| {
            Ok(StepDone {
                step: r.get(0)?,
                done_on: r.get(1)?,
                months: r.get(2)?,
                note: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(steps)
}
