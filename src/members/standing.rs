//! A member's dated standing beside the stage and status: the periods left out of 应到 (中组部's
//! five cases), 留党察看, and the moves between 党小组. Each is a dated record, never written
//! over; the roster of a day (as_of.rs) reads them.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::change_log;
use crate::code_enum;
use crate::error::{Error, Reason, Result};
use crate::ids::{new_id, parse_opt_date, parse_required_date, timestamp};

code_enum!(
    /// The five cases 中组部 allows to be left out of 应到, each with the superior's consent.
    ExclusionKind {
        MentalIllness = "mental_illness" / "患精神疾病，生活不能自理",
        Abroad = "abroad" / "因私出国（境）半年以上",
        InCustody = "in_custody" / "受到限制人身自由的处罚或被羁押",
        LongIllness = "long_illness" / "年老体弱、卧床不起或长期患病",
        AwayUntransferred = "away_untransferred" / "外出半年以上未转组织关系",
    }
);

code_enum!(
    /// A sanction that changes what a member may do in the branch.
    SanctionKind {
        ProbationInParty = "probation_in_party" / "留党察看",
    }
);

/// A period left out of 应到: shown at sessions, not counted for quorum and votes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Exclusion {
    pub id: String,
    pub kind: ExclusionKind,
    pub start_on: NaiveDate,
    /// The first day it no longer applies; open when none.
    pub end_on: Option<NaiveDate>,
    pub reason: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ExclusionInput {
    /// One of the five cases; 长期患病 when not given.
    pub kind: Option<ExclusionKind>,
    pub from: String,
    pub until: Option<String>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Sanction {
    pub id: String,
    pub kind: SanctionKind,
    pub start_on: NaiveDate,
    /// The first day it no longer applies; open when none.
    pub end_on: Option<NaiveDate>,
    pub note: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SanctionInput {
    /// 留党察看 when not given.
    pub kind: Option<SanctionKind>,
    pub from: String,
    pub until: Option<String>,
    pub note: String,
}

/// The member was in this 党小组 (none: in no group) from `occurred_on`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GroupMove {
    pub party_group_id: Option<String>,
    pub party_group: Option<String>,
    pub occurred_on: NaiveDate,
}

/// Checks a dated span: a start not after today, an end after the start.
fn span(
    from: &str,
    until: Option<&str>,
    today: NaiveDate,
) -> Result<(NaiveDate, Option<NaiveDate>)> {
    let start = parse_required_date("from", from)?;
    if start > today {
        return Err(Error::validation("from", Reason::DateInFuture));
    }
    let end = parse_opt_date("until", until)?;
    if end.is_some_and(|e| e <= start) {
        return Err(Error::validation("until", Reason::SpanOrder));
    }
    Ok((start, end))
}

/// Whether any stored span of the member in `table` overlaps [start, end).
fn overlaps(
    conn: &Connection,
    table: &str,
    member_id: &str,
    start: NaiveDate,
    end: Option<NaiveDate>,
) -> Result<bool> {
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM {table} WHERE member_id = ?1
           AND (end_on IS NULL OR end_on > ?2) AND (?3 IS NULL OR start_on < ?3))"
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![member_id, start, end], |r| r.get(0))?)
}

/// Leaves a member out of 应到 for a period, in one of the five cases, with the reason.
pub fn exclude(
    conn: &Connection,
    member_id: &str,
    input: &ExclusionInput,
    today: NaiveDate,
    actor: &str,
) -> Result<Exclusion> {
    crate::members::name_of(conn, member_id)?;
    let (start, end) = span(&input.from, input.until.as_deref(), today)?;
    let reason = input.reason.trim();
    if reason.is_empty() {
        return Err(Error::validation("reason", Reason::Required));
    }
    crate::limits::check("reason", reason, crate::limits::NOTE)?;
    if overlaps(conn, "member_exclusion", member_id, start, end)? {
        return Err(Error::Conflict {
            reason: Reason::ExclusionOverlap,
        });
    }
    let exclusion = Exclusion {
        id: new_id(),
        kind: input.kind.unwrap_or(ExclusionKind::LongIllness),
        start_on: start,
        end_on: end,
        reason: reason.to_string(),
    };
    conn.prepare_cached(
        "INSERT INTO member_exclusion (id, member_id, kind, start_on, end_on, reason, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        exclusion.id,
        member_id,
        exclusion.kind,
        start,
        end,
        exclusion.reason,
        timestamp()
    ])?;
    change_log::record(
        conn,
        actor,
        "member_exclusion",
        &exclusion.id,
        "create",
        &serde_json::json!({"member_id": member_id, "exclusion": &exclusion}),
    )?;
    Ok(exclusion)
}

/// Records a sanction (留党察看) for a period: the member has no vote while it lasts.
pub fn sanction(
    conn: &Connection,
    member_id: &str,
    input: &SanctionInput,
    today: NaiveDate,
    actor: &str,
) -> Result<Sanction> {
    crate::members::name_of(conn, member_id)?;
    let (start, end) = span(&input.from, input.until.as_deref(), today)?;
    crate::limits::check("note", input.note.trim(), crate::limits::NOTE)?;
    if overlaps(conn, "member_sanction", member_id, start, end)? {
        return Err(Error::Conflict {
            reason: Reason::SanctionOverlap,
        });
    }
    let sanction = Sanction {
        id: new_id(),
        kind: input.kind.unwrap_or(SanctionKind::ProbationInParty),
        start_on: start,
        end_on: end,
        note: input.note.trim().to_string(),
    };
    conn.prepare_cached(
        "INSERT INTO member_sanction (id, member_id, kind, start_on, end_on, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        sanction.id,
        member_id,
        sanction.kind,
        start,
        end,
        sanction.note
    ])?;
    change_log::record(
        conn,
        actor,
        "member_sanction",
        &sanction.id,
        "create",
        &serde_json::json!({"member_id": member_id, "sanction": &sanction}),
    )?;
    Ok(sanction)
}

/// Moves a member to another 党小组 (or out of every group) from `on`. The member's current
/// group follows the latest move; a move dated before the latest recorded one is refused, so
/// the history reads in order.
pub fn move_to_group(
    conn: &Connection,
    member_id: &str,
    party_group_id: Option<&str>,
    on: NaiveDate,
    today: NaiveDate,
    actor: &str,
) -> Result<()> {
    crate::members::name_of(conn, member_id)?;
    if on > today {
        return Err(Error::validation("occurred_on", Reason::DateInFuture));
    }
    if let Some(g) = party_group_id {
        let exists: bool = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM party_group WHERE id = ?1 AND archived_on IS NULL)",
            )?
            .query_row([g], |r| r.get(0))?;
        if !exists {
            return Err(Error::validation(
                "party_group_id",
                Reason::UnknownPartyGroup,
            ));
        }
    }
    let latest: Option<NaiveDate> = conn
        .prepare_cached("SELECT max(occurred_on) FROM member_group_event WHERE member_id = ?1")?
        .query_row([member_id], |r| r.get(0))?;
    if latest.is_some_and(|l| on < l) {
        return Err(Error::validation("occurred_on", Reason::GroupMoveOrder));
    }
    record_move(conn, member_id, party_group_id, on)?;
    conn.prepare_cached("UPDATE member SET party_group_id = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![member_id, party_group_id, timestamp()])?;
    change_log::record(
        conn,
        actor,
        "member_group_event",
        member_id,
        "create",
        &serde_json::json!({"party_group_id": party_group_id, "occurred_on": on}),
    )?;
    Ok(())
}

/// Stores one dated group event (the member's current group is the caller's to keep).
pub(super) fn record_move(
    conn: &Connection,
    member_id: &str,
    party_group_id: Option<&str>,
    on: NaiveDate,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO member_group_event (id, member_id, party_group_id, occurred_on, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        new_id(),
        member_id,
        party_group_id,
        on,
        timestamp()
    ])?;
    Ok(())
}

/// The day a new member's group starts: their first stage event, else `today`.
pub(super) fn first_day(conn: &Connection, member_id: &str, today: NaiveDate) -> Result<NaiveDate> {
    let first: Option<NaiveDate> = conn
        .prepare_cached("SELECT min(occurred_on) FROM member_stage_event WHERE member_id = ?1")?
        .query_row([member_id], |r| r.get(0))?;
    Ok(first.unwrap_or(today).min(today))
}

pub fn exclusions_of(conn: &Connection, member_id: &str) -> Result<Vec<Exclusion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, start_on, end_on, reason FROM member_exclusion
         WHERE member_id = ?1 ORDER BY start_on, recorded_at",
    )?;
    let rows = stmt.query_map([member_id], |r| {
        Ok(Exclusion {
            id: r.get(0)?,
            kind: r.get(1)?,
            start_on: r.get(2)?,
            end_on: r.get(3)?,
            reason: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn sanctions_of(conn: &Connection, member_id: &str) -> Result<Vec<Sanction>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, start_on, end_on, note FROM member_sanction
         WHERE member_id = ?1 AND kind = 'probation_in_party' ORDER BY start_on",
    )?;
    let rows = stmt.query_map([member_id], |r| {
        Ok(Sanction {
            id: r.get(0)?,
            kind: r.get(1)?,
            start_on: r.get(2)?,
            end_on: r.get(3)?,
            note: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn group_moves_of(conn: &Connection, member_id: &str) -> Result<Vec<GroupMove>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.party_group_id, g.name, e.occurred_on FROM member_group_event e
         LEFT JOIN party_group g ON g.id = e.party_group_id
         WHERE e.member_id = ?1 ORDER BY e.occurred_on, e.recorded_at",
    )?;
    let rows = stmt.query_map([member_id], |r| {
        Ok(GroupMove {
            party_group_id: r.get(0)?,
            party_group: r.get(1)?,
            occurred_on: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
