//! The membership path (发展党员) and its deadlines: for each person on it, the next step, the
//! earliest and latest day for it, and what blocks it ("积极分子培养未满一年，最早 2024-03-12
//! 可列为发展对象"). The stage changes are the member's own (申请 → 积极分子 → 发展对象 → 预备
//! → 正式, dated events); the other dated steps — the talk, the 培养联系人, the political
//! review, the training, the superior approval, an extended 预备期 — are recorded here. The
//! waits are versioned rules (`rules`). "Today" is passed in.
//!
//! The parts: the rules (`rules`), a person's next step as a pure function of the facts and the
//! day (`next_step`), everyone on the path as of a day (`report`), and here the steps recorded.

pub mod from_resolution;
pub mod next_step;
pub mod report;
pub mod rules;
pub mod stage_change;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::change_log;
use crate::code_enum;
use crate::error::{Entity, Error, Reason, Result};
use crate::ids::{new_id, parse_required_date, timestamp};
use crate::members::Stage;
use crate::rule_sets::Dated;
pub use from_resolution::apply_resolution;
use next_step::add_months;
pub use next_step::{next_step, NextStep, PathFacts};
use report::{count_names, facts_of, steps_of};
pub use report::{report, PipelineEntry, PipelineReport};
pub use rules::PipelineRuleSet;
pub use stage_change::stage_change_gaps;

code_enum!(
    /// A step of the path. The stage changes (activist, candidate, admission, confirmation) are
    /// made on the member's record; the others are recorded here.
    PipelineStep {
        Talk = "talk" / "派人谈话",
        Activist = "activist" / "确定为入党积极分子",
        ContactPersons = "contact_persons" / "指定培养联系人",
        Candidate = "candidate" / "确定为发展对象",
        PoliticalReview = "political_review" / "政治审查",
        Training = "training" / "集中培训",
        Admission = "admission" / "接收为预备党员",
        Approval = "approval" / "上级党委审批",
        Extension = "extension" / "延长预备期",
        Confirmation = "confirmation" / "预备党员转正",
    }
);

impl PipelineStep {
    /// Whether it is recorded here (the rest are stage changes on the member's record).
    pub fn recorded_here(self) -> bool {
        matches!(
            self,
            PipelineStep::Talk
                | PipelineStep::ContactPersons
                | PipelineStep::PoliticalReview
                | PipelineStep::Training
                | PipelineStep::Approval
                | PipelineStep::Extension
        )
    }

    /// The stage a member is in when this step is taken.
    fn stage(self) -> Stage {
        match self {
            PipelineStep::Talk | PipelineStep::Activist => Stage::Applicant,
            PipelineStep::ContactPersons | PipelineStep::Candidate => Stage::Activist,
            PipelineStep::PoliticalReview | PipelineStep::Training | PipelineStep::Admission => {
                Stage::Candidate
            }
            PipelineStep::Approval | PipelineStep::Extension | PipelineStep::Confirmation => {
                Stage::Probationary
            }
        }
    }
}

code_enum!(
    /// What holds the next step back.
    BlockerKind {
        TooEarly = "too_early" / "时间未到",
        Missing = "missing" / "前置步骤未完成",
        Overdue = "overdue" / "已逾期",
    }
);

/// Something that holds the next step back or is late, in a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Blocker {
    pub kind: BlockerKind,
    /// The step it is about (the missing one, or the next one itself).
    pub step: PipelineStep,
    pub message: String,
    pub date: Option<NaiveDate>,
}

/// A step done, with its day (and months, for an extension).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StepDone {
    pub step: PipelineStep,
    pub done_on: NaiveDate,
    pub months: Option<u32>,
    pub note: String,
}

/// A step as entered.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct StepInput {
    pub member_id: String,
    pub step: Option<PipelineStep>,
    pub done_on: String,
    /// For an extension of the 预备期: by how many months.
    pub months: Option<u32>,
    pub note: String,
}

/// Records a step of the path. It must be one recorded here, belong to the member's stage,
/// fall between the stage's start and today, and keep to the rules (an approval within the
/// longest wait; one extension, of six months to a year). Logged.
pub fn record_step(
    conn: &Connection,
    input: &StepInput,
    today: NaiveDate,
    actor: &str,
) -> Result<StepDone> {
    let step = input
        .step
        .ok_or_else(|| Error::validation("step", Reason::Required))?;
    if !step.recorded_here() {
        return Err(Error::validation("step", Reason::StepOnMemberRecord));
    }
    let (stage, joined_on): (Stage, Option<NaiveDate>) = conn
        .query_row(
            "SELECT stage, joined_on FROM member WHERE id = ?1 AND archived_on IS NULL",
            [&input.member_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Member, &input.member_id))?;
    if stage != step.stage() {
        return Err(Error::validation("step", Reason::StepNotForStage));
    }
    let done_on = parse_required_date("done_on", &input.done_on)?;
    if done_on > today {
        return Err(Error::validation("done_on", Reason::DateInFuture));
    }
    let since: Option<NaiveDate> = if stage == Stage::Probationary {
        joined_on
    } else {
        conn.query_row(
            "SELECT max(occurred_on) FROM member_stage_event WHERE member_id = ?1 AND stage = ?2",
            params![input.member_id, stage],
            |r| r.get(0),
        )?
    };
    if since.is_some_and(|s| done_on < s) {
        return Err(Error::validation("done_on", Reason::StepBeforeStage));
    }
    let rules = PipelineRuleSet::in_force_on(conn, since.unwrap_or(done_on))?;
    let done = steps_of(conn, &input.member_id)?;
    let months = match step {
        PipelineStep::Extension => {
            if done.iter().any(|d| d.step == PipelineStep::Extension) {
                return Err(Error::validation("step", Reason::ExtensionOnce));
            }
            match input.months {
                Some(m)
                    if (rules.extension_min_months..=rules.extension_max_months).contains(&m) =>
                {
                    Some(m)
                }
                _ => return Err(Error::validation("months", Reason::ExtensionLength)),
            }
        }
        _ => None,
    };
    if step == PipelineStep::Approval {
        if let Some(j) = joined_on {
            if done_on > add_months(j, rules.approval_max_months) {
                return Err(Error::validation("done_on", Reason::ApprovalTooLate));
            }
        }
    }
    if step != PipelineStep::Extension && done.iter().any(|d| d.step == step) {
        return Err(Error::validation("step", Reason::StepAlreadyDone));
    }
    let note = input.note.trim().to_string();
    crate::limits::check("note", &note, crate::limits::NOTE)?;
    let d = StepDone {
        step,
        done_on,
        months,
        note,
    };
    insert_step(conn, &input.member_id, &d)?;
    change_log::record(conn, actor, "pipeline_step", &input.member_id, "record", &d)?;
    Ok(d)
}

/// Stores a step done (the caller logs it).
pub(crate) fn insert_step(conn: &Connection, member_id: &str, d: &StepDone) -> Result<()> {
    let id = new_id();
    conn.prepare_cached(
        "INSERT INTO member_pipeline_step (id, member_id, step, done_on, months, note,
                                           recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        member_id,
        d.step,
        d.done_on,
        d.months,
        d.note,
        timestamp()
    ])?;
    Ok(())
}

/// The months of the 预备期's extension on record, if any.
pub fn recorded_extension(conn: &Connection, member_id: &str) -> Result<Option<u32>> {
    Ok(steps_of(conn, member_id)?
        .iter()
        .rev()
        .find(|d| d.step == PipelineStep::Extension)
        .and_then(|d| d.months))
}
