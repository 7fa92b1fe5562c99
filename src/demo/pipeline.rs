//! The demo branch's membership path: the dated steps a secretary would have recorded — the
//! applicant's talk, the activist's 培养联系人, one 发展对象's review and training, one 预备党员's
//! approval — leaving the rest for the 发展党员 page to point out (the other 预备党员's approval
//! overdue, the other 发展对象 with nothing done yet).

use chrono::{Days, NaiveDate};

use super::records::Demo;
use crate::error::Result;
use crate::members::Stage;
use crate::pipeline::{self, PipelineStep, StepInput};

/// (name, step, days after the stage was reached)
const STEPS: &[(&str, PipelineStep, u64)] = &[
    ("曾诗雨", PipelineStep::Talk, 10),
    ("彭俊杰", PipelineStep::ContactPersons, 7),
    ("邓凯", PipelineStep::PoliticalReview, 30),
    ("邓凯", PipelineStep::Training, 60),
    ("冯雅琪", PipelineStep::Approval, 40),
];

pub(super) fn create(demo: &Demo) -> Result<()> {
    let &Demo {
        conn, today, actor, ..
    } = demo;
    for (name, step, days) in STEPS {
        let id = demo.id(name);
        let (stage, joined_on): (Stage, Option<NaiveDate>) = conn.query_row(
            "SELECT stage, joined_on FROM member WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let since: Option<NaiveDate> = if stage == Stage::Probationary {
            joined_on
        } else {
            conn.query_row(
                "SELECT max(occurred_on) FROM member_stage_event WHERE member_id = ?1
                   AND stage = ?2",
                rusqlite::params![id, stage],
                |r| r.get(0),
            )?
        };
        let Some(on) = since.map(|s| s + Days::new(*days)).filter(|d| *d <= today) else {
            continue;
        };
        let input = StepInput {
            member_id: id,
            step: Some(*step),
            done_on: on.to_string(),
            months: None,
            note: String::new(),
        };
        pipeline::record_step(conn, &input, today, actor)?;
    }
    Ok(())
}
