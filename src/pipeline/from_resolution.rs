//! A passed 党员大会 resolution on 接收预备党员 or 转正 turned into its stage change in one step:
//! the admission on the meeting's day, the 转正 on the day the path's own computation ends the
//! 预备期, both through the member record's checked stage change.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::{count_names, facts_of, next_step, PipelineRuleSet};
use crate::change_log;
use crate::error::{Error, Reason, Result};
use crate::members::{self, Member, Stage};
use crate::rule_sets::Dated;
use crate::sessions::{self, Obligation, ResolutionKind};

/// The stage a resolution of this kind moves its subject from, and into.
pub fn stage_move(kind: ResolutionKind) -> Option<(Stage, Stage)> {
    match kind {
        ResolutionKind::Admission => Some((Stage::Candidate, Stage::Probationary)),
        ResolutionKind::Confirmation => Some((Stage::Probationary, Stage::Full)),
        ResolutionKind::Resolution | ResolutionKind::Election => None,
    }
}

/// The day a 预备党员's 预备期 ends as the path computes it (extension on record included).
pub fn probation_ends(conn: &Connection, member: &Member) -> Result<Option<NaiveDate>> {
    let Some(joined) = member.joined_on else {
        return Ok(None);
    };
    let facts = facts_of(
        conn,
        &member.id,
        Stage::Probationary,
        Some(joined),
        count_names(&member.introducers),
    )?;
    let rules = PipelineRuleSet::in_force_on(conn, joined)?;
    Ok(next_step(&rules, &facts, joined).and_then(|n| n.probation_ends))
}

/// Makes the stage change a passed 党员大会 resolution decided (the `resolution`-th of the
/// session, from 0): 接收预备党员 from the meeting's day, 转正 from the end of the 预备期. The
/// change goes through `members::update`, so the path's checks apply; logged with the session.
pub fn apply_resolution(
    conn: &Connection,
    session_id: &str,
    resolution: u32,
    today: NaiveDate,
    actor: &str,
) -> Result<Member> {
    let session = sessions::get(conn, session_id)?;
    let r = session
        .resolutions
        .get(resolution as usize)
        .ok_or_else(|| Error::validation("resolution", Reason::InvalidValue))?;
    let not_applicable = || Error::Conflict {
        reason: Reason::ResolutionNotStageChange,
    };
    let (from, to) = stage_move(r.kind).ok_or_else(not_applicable)?;
    let subject = r.subject_id.as_deref().ok_or_else(not_applicable)?;
    if !r.passed || !session.counts_for.contains(&Obligation::GeneralMeeting) {
        return Err(not_applicable());
    }
    let member = members::get(conn, subject, today)?;
    if member.stage != from {
        return Err(Error::Conflict {
            reason: Reason::ResolutionSubjectStage,
        });
    }
    let mut input = member.to_input();
    input.stage = Some(to);
    let on = if to == Stage::Probationary {
        session.held_on
    } else {
        probation_ends(conn, &member)?
            .ok_or_else(|| Error::validation("joined_on", Reason::Required))?
    };
    if to == Stage::Probationary {
        input.joined_on = Some(on.to_string());
    } else {
        input.confirmed_on = Some(on.to_string());
    }
    let after = members::update(conn, &member.id, &input, today, actor)?;
    #[derive(Serialize)]
    struct Detail<'a> {
        session_id: &'a str,
        held_on: NaiveDate,
        resolution: &'a str,
        stage: Stage,
        on: NaiveDate,
    }
    change_log::record(
        conn,
        actor,
        "member",
        &member.id,
        "stage_from_resolution",
        &Detail {
            session_id,
            held_on: session.held_on,
            resolution: &r.title,
            stage: to,
            on,
        },
    )?;
    Ok(after)
}
