//! A member's path through the stages as the roster records it: the dated stage and status
//! events kept in step with the roster's dates, the 预备期 check of a 转正 date and the
//! extension it implies, and a stage change checked against the path or entered as 补录.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;

use super::validate::ValidMember;
use super::{MemberStatus, Stage};
use crate::change_log;
use crate::error::{Error, Reason, Result};
use crate::ids::{new_id, timestamp};
use crate::pipeline::{self, stage_change, PipelineStep, StepDone};
use crate::rule_sets::Dated;

pub(super) fn add_stage_event(
    conn: &Connection,
    member_id: &str,
    stage: Stage,
    on: NaiveDate,
    note: &str,
) -> Result<()> {
    add_event(
        conn,
        "member_stage_event",
        "stage",
        member_id,
        &stage,
        on,
        note,
    )
}

pub(super) fn add_status_event(
    conn: &Connection,
    member_id: &str,
    status: MemberStatus,
    on: NaiveDate,
    note: &str,
) -> Result<()> {
    add_event(
        conn,
        "member_status_event",
        "status",
        member_id,
        &status,
        on,
        note,
    )
}

/// Adds a member's dated event (a stage or a status, by its code column) to its table.
fn add_event(
    conn: &Connection,
    table: &str,
    code_column: &str,
    member_id: &str,
    code: &dyn rusqlite::ToSql,
    on: NaiveDate,
    note: &str,
) -> Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO {table} (id, member_id, {code_column}, occurred_on, note, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    ))?
    .execute(params![new_id(), member_id, code, on, note, timestamp()])?;
    Ok(())
}

/// Keeps the dated events for 入党 and 转正 in step with the roster's dates: a corrected date
/// moves its event, a date reached for the first time adds one.
pub(super) fn sync_admission_events(
    conn: &Connection,
    member_id: &str,
    v: &ValidMember,
    actor: &str,
) -> Result<()> {
    for (stage, date) in [
        (Stage::Probationary, v.joined_on),
        (Stage::Full, v.confirmed_on),
    ] {
        let Some(date) = date else { continue };
        let moved = conn
            .prepare_cached(
                "UPDATE member_stage_event SET occurred_on = ?3
             WHERE member_id = ?1 AND stage = ?2 AND occurred_on <> ?3",
            )?
            .execute(params![member_id, stage, date])?;
        let exists: bool = conn
            .prepare_cached(
                "SELECT count(*) > 0 FROM member_stage_event WHERE member_id = ?1 AND stage = ?2",
            )?
            .query_row(params![member_id, stage], |r| r.get(0))?;
        if !exists {
            add_stage_event(conn, member_id, stage, date, "")?;
        } else if moved > 0 {
            change_log::record(
                conn,
                actor,
                "member_stage_event",
                member_id,
                "correct_date",
                &(stage, date),
            )?;
        }
    }
    Ok(())
}

/// Refuses a 转正 date other than the day the 预备期 ends (by the path's rules in force on the
/// day of joining and any extension on record); returns the extension it implies, if any.
pub(super) fn check_probation(
    conn: &Connection,
    v: &ValidMember,
    own_id: Option<&str>,
) -> Result<u32> {
    let (Some(joined), Some(confirmed)) = (v.joined_on, v.confirmed_on) else {
        return Ok(0);
    };
    let rules = pipeline::PipelineRuleSet::in_force_on(conn, joined)?;
    let recorded = match own_id {
        Some(id) => pipeline::recorded_extension(conn, id)?,
        None => None,
    };
    super::validate::check_confirmed_on(&rules, joined, confirmed, recorded)
}

/// Records the extension of the 预备期 a 转正 date implies, when none is on record: decided
/// the day the year's 预备期 ended.
pub(super) fn record_implied_extension(
    conn: &Connection,
    member_id: &str,
    v: &ValidMember,
    months: u32,
    actor: &str,
) -> Result<()> {
    let Some(joined) = v.joined_on.filter(|_| months > 0) else {
        return Ok(());
    };
    if pipeline::recorded_extension(conn, member_id)?.is_some() {
        return Ok(());
    }
    let rules = pipeline::PipelineRuleSet::in_force_on(conn, joined)?;
    let step = StepDone {
        step: PipelineStep::Extension,
        done_on: joined
            .checked_add_months(chrono::Months::new(rules.probation_months))
            .unwrap_or(joined),
        months: Some(months),
        note: "按转正日期登记".into(),
    };
    pipeline::insert_step(conn, member_id, &step)?;
    change_log::record(conn, actor, "pipeline_step", member_id, "record", &step)
}

/// A stage change entered as a past record (补录): the stage, its day, why, and what the path
/// lacked.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Backfill {
    stage: Stage,
    occurred_on: NaiveDate,
    reason: String,
    missing: Vec<String>,
}

/// Checks a stage change against the path. Backwards is refused; forwards, what the path
/// lacks refuses it with the list, unless a 补录 reason is given, which the change keeps.
pub(super) fn check_stage_change(
    conn: &Connection,
    id: &str,
    before: Stage,
    v: &ValidMember,
    backfill_reason: &str,
) -> Result<Option<Backfill>> {
    if v.stage == before {
        return Ok(None);
    }
    if stage_change::rank(v.stage) < stage_change::rank(before) {
        return Err(Error::validation("stage", Reason::StageBackwards));
    }
    let on = match v.stage {
        Stage::Probationary => v.joined_on,
        Stage::Full => v.confirmed_on,
        _ => None,
    }
    .unwrap_or(v.stage_date);
    let missing = pipeline::stage_change_gaps(conn, id, v.stage, on, &v.introducers)?;
    let reason = backfill_reason.trim();
    if reason.chars().count() > crate::limits::NOTE {
        return Err(Error::validation("backfill", Reason::TooLong));
    }
    if reason.is_empty() {
        if missing.is_empty() {
            return Ok(None);
        }
        return Err(Error::Detailed {
            field: "stage",
            reason: Reason::StagePathIncomplete,
            details: missing,
        });
    }
    Ok(Some(Backfill {
        stage: v.stage,
        occurred_on: on,
        reason: reason.to_string(),
        missing,
    }))
}

/// Marks the stage event of a past record (补录) with its reason, and logs it.
pub(super) fn mark_backfill(
    conn: &Connection,
    member_id: &str,
    b: &Backfill,
    actor: &str,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE member_stage_event SET backfill = 1, note = ?4
         WHERE member_id = ?1 AND stage = ?2 AND occurred_on = ?3",
    )?
    .execute(params![
        member_id,
        b.stage,
        b.occurred_on,
        format!("补录：{}", b.reason)
    ])?;
    change_log::record(conn, actor, "member_stage_event", member_id, "backfill", b)
}
