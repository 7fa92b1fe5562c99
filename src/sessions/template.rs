//! 「复制上次会议」: a new session's form started from the last session of its kind, with what
//! carries over (topic, place, who led it, agenda and resolution titles) and the roll rebuilt
//! for the new day; never the old day, attendance, votes or attachments.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::record::{AttendanceRow, AttendanceStatus, ResolutionInput, SessionInput};
use super::roll::{attendance_rows, expected};
use super::store::{get_with, kind_obligation};
use crate::error::Result;
use crate::members::as_of::Rosters;

/// A new session started from the last one of its kind.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SessionTemplate {
    /// The session copied, and its day.
    pub from_id: String,
    pub from_held_on: NaiveDate,
    /// The form's input for the new day: everyone expected present, no votes.
    pub input: SessionInput,
    /// Who should attend on the new day (the roll of that day, not the old session's).
    pub expected: Vec<AttendanceRow>,
}

/// The most recent session of `kind` (an obligation code or Chinese name, or the branch's own
/// kind), as a new session on `on`. For a 党小组会 with `group`, that group's last one is
/// preferred, and the new one is that group's. People no longer on the roster on `on` (host,
/// recorder, lecturer) are left blank. `None` when no session of the kind was ever logged.
pub fn template_from_last(
    conn: &Connection,
    kind: &str,
    group: Option<&str>,
    on: NaiveDate,
) -> Result<Option<SessionTemplate>> {
    let kind = super::kinds::resolve(conn, kind)?;
    let group = group.filter(|g| !g.is_empty());
    let last: Option<String> = conn
        .prepare_cached(
            "SELECT id FROM session WHERE kind = ?1
             ORDER BY (party_group_id IS ?2) DESC, held_on DESC, created_at DESC, id DESC
             LIMIT 1",
        )?
        .query_row(rusqlite::params![kind, group], |r| r.get(0))
        .optional()?;
    let Some(last) = last else {
        return Ok(None);
    };
    let mut rosters = Rosters::new(conn)?;
    let old = get_with(conn, &last, &mut rosters)?;
    let roster = rosters.on(on);
    let on_roster =
        |who: &Option<String>| who.clone().filter(|id| roster.iter().any(|m| &m.id == id));
    let party_group_id = if kind_obligation(&kind) == Some(super::Obligation::GroupMeeting) {
        group.map(String::from).or(old.party_group_id.clone())
    } else {
        None
    };
    let input = SessionInput {
        kind: old.kind.clone(),
        also: old.counts_for.iter().skip(1).copied().collect(),
        held_on: on.to_string(),
        start_time: old.start_time.clone(),
        end_time: old.end_time.clone(),
        place: old.place.clone(),
        title: String::new(),
        party_group_id,
        host_id: on_roster(&old.host_id),
        recorder_id: on_roster(&old.recorder_id),
        lecturer_id: on_roster(&old.lecturer_id),
        lecturer_name: old.lecturer_name.clone(),
        topic: old.topic.clone(),
        minutes: String::new(),
        agenda: old.agenda.clone(),
        resolutions: old
            .resolutions
            .iter()
            .map(|r| ResolutionInput {
                title: r.title.clone(),
                kind: r.kind,
                votes_for: 0,
                votes_against: 0,
                votes_abstain: 0,
                passed: false,
                written: Vec::new(),
                subject_id: None,
            })
            .collect(),
        attendance: Vec::new(),
        others: Some(AttendanceStatus::Present),
    };
    let counts_for: Vec<_> = kind_obligation(&kind)
        .into_iter()
        .chain(input.also.iter().copied())
        .collect();
    let expected_today = expected(&roster, &counts_for, input.party_group_id.as_deref());
    let expected = attendance_rows(&roster, &expected_today, &[], AttendanceStatus::Present)?;
    Ok(Some(SessionTemplate {
        from_id: old.id,
        from_held_on: old.held_on,
        input,
        expected,
    }))
}
