//! Roster storage: add, edit, archive and look up members (their stage and status events
//! through `stage_path`).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::stage_path::{
    add_stage_event, add_status_event, check_probation, check_stage_change, mark_backfill,
    record_implied_extension, sync_admission_events,
};
use super::standing;
use super::validate::{mask_id_number, mask_phone, validate, ValidMember};
use super::{CommitteeRole, Member, MemberInput, MemberStatus, Stage, StageEvent, StatusEvent};
use crate::branch;
use crate::change_log;
use crate::error::{Entity, Error, Reason, Result};
use crate::ids::{new_id, parse_required_date, timestamp};
use crate::vault;

/// Archiving a member who left the branch: why and when.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ArchiveInput {
    /// 转出, 出党 or 去世.
    pub reason: Option<MemberStatus>,
    pub archived_on: String,
    pub note: String,
}

const MEMBER_COLUMNS: &str = "m.id, m.name, m.gender, m.ethnicity, m.birth_date, m.native_place,
    m.id_number, m.education, m.work_start_date, m.workplace_title, m.phone, m.address, m.stage, m.joined_on,
    m.confirmed_on, m.party_group_id, g.name AS party_group, m.introducers, m.status, m.notes,
    m.archived_on";

fn member_from_row(r: &Row) -> rusqlite::Result<Member> {
    Ok(Member {
        id: r.get("id")?,
        name: r.get("name")?,
        gender: r.get("gender")?,
        ethnicity: r.get("ethnicity")?,
        birth_date: r.get("birth_date")?,
        native_place: r.get("native_place")?,
        id_number: r.get("id_number")?,
        education: r.get("education")?,
        work_start_date: r.get("work_start_date")?,
        workplace_title: r.get("workplace_title")?,
        phone: r.get("phone")?,
        address: r.get("address")?,
        stage: r.get("stage")?,
        joined_on: r.get("joined_on")?,
        confirmed_on: r.get("confirmed_on")?,
        party_group_id: r.get("party_group_id")?,
        party_group: r.get("party_group")?,
        roles: Vec::new(),
        introducers: r.get("introducers")?,
        status: r.get("status")?,
        notes: r.get("notes")?,
        archived_on: r.get("archived_on")?,
        stage_history: Vec::new(),
        status_history: Vec::new(),
        exclusions: Vec::new(),
        sanctions: Vec::new(),
        group_history: Vec::new(),
    })
}

/// Committee roles a member holds on `on`. A role row holds from `start_on` up to, not
/// including, `end_on` (the first day it is no longer held).
fn roles_of(conn: &Connection, member_id: &str, on: NaiveDate) -> Result<Vec<CommitteeRole>> {
    let mut stmt = conn.prepare_cached(
        "SELECT role FROM committee_role
         WHERE member_id = ?1 AND start_on <= ?2 AND (end_on IS NULL OR end_on > ?2)
         ORDER BY role",
    )?;
    let mut roles: Vec<CommitteeRole> = stmt
        .query_map(params![member_id, on], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    roles.sort();
    Ok(roles)
}

pub fn get(conn: &Connection, id: &str, today: NaiveDate) -> Result<Member> {
    let mut m = get_sealed(conn, id, today)?;
    let opener = vault::opener(conn)?;
    m.id_number = opener.open(&m.id_number, vault::member_place(id, "id_number"))?;
    m.phone = opener.open(&m.phone, vault::member_place(id, "phone"))?;
    m.address = opener.open(&m.address, vault::member_place(id, "address"))?;
    Ok(m)
}

/// [`get`] for a change to the record: one archived is refused (it is kept, not edited).
fn get_on_roster(conn: &Connection, id: &str, today: NaiveDate) -> Result<Member> {
    let m = get(conn, id, today)?;
    if m.archived_on.is_some() {
        return Err(Error::Conflict {
            reason: Reason::AlreadyArchived,
        });
    }
    Ok(m)
}

/// The record as [`get`] gives it, but with the 身份证号 and phone in their masked forms and
/// the address hidden: what may be shown without the password (the masked 台账, finding a
/// member by name while locked).
pub fn get_masked(conn: &Connection, id: &str, today: NaiveDate) -> Result<Member> {
    let mut m = get_sealed(conn, id, today)?;
    let (id_masked, phone_masked): (String, String) = conn
        .prepare_cached("SELECT id_masked, phone_masked FROM member WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    m.id_number = id_masked;
    m.phone = phone_masked;
    if !m.address.is_empty() {
        m.address = "***".into();
    }
    Ok(m)
}

/// The record with its sensitive fields as stored (sealed).
fn get_sealed(conn: &Connection, id: &str, today: NaiveDate) -> Result<Member> {
    let mut m = conn
        .query_row(
            &format!(
                "SELECT {MEMBER_COLUMNS} FROM member m
                 LEFT JOIN party_group g ON g.id = m.party_group_id WHERE m.id = ?1"
            ),
            [id],
            member_from_row,
        )
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Member, id))?;
    m.roles = roles_of(conn, id, today)?;
    let mut stmt = conn.prepare_cached(
        "SELECT stage, occurred_on, note, backfill FROM member_stage_event
         WHERE member_id = ?1 ORDER BY occurred_on, recorded_at",
    )?;
    m.stage_history = stmt
        .query_map([id], |r| {
            Ok(StageEvent {
                stage: r.get("stage")?,
                occurred_on: r.get("occurred_on")?,
                note: r.get("note")?,
                backfill: r.get("backfill")?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT status, occurred_on, note FROM member_status_event
         WHERE member_id = ?1 ORDER BY occurred_on, recorded_at",
    )?;
    m.status_history = stmt
        .query_map([id], |r| {
            Ok(StatusEvent {
                status: r.get("status")?,
                occurred_on: r.get("occurred_on")?,
                note: r.get("note")?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    m.exclusions = standing::exclusions_of(conn, id)?;
    m.sanctions = standing::sanctions_of(conn, id)?;
    m.group_history = standing::group_moves_of(conn, id)?;
    Ok(m)
}

/// The name of the member with this id; NotFound when there is none.
pub fn name_of(conn: &Connection, id: &str) -> Result<String> {
    conn.prepare_cached("SELECT name FROM member WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Member, id))
}

/// Finds a member by exact name, preferring the active roster; an ambiguous name is an error.
pub fn get_by_name(conn: &Connection, name: &str, today: NaiveDate) -> Result<Member> {
    get(conn, &id_by_name(conn, name)?, today)
}

/// The id of the member with this exact name, preferring the active roster.
pub fn id_by_name(conn: &Connection, name: &str) -> Result<String> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM member WHERE name = ?1 ORDER BY archived_on IS NOT NULL, created_at",
    )?;
    let ids: Vec<String> = stmt
        .query_map([name.trim()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter()
        .next()
        .ok_or_else(|| Error::not_found(Entity::Member, name.trim()))
}

/// The member whose 身份证号 this is, archived or not (found by its lookup tag).
pub fn find_by_id_number(conn: &Connection, id_number: &str) -> Result<Option<String>> {
    let tag = vault::key(conn)?.id_tag(id_number);
    Ok(conn
        .query_row("SELECT id FROM member WHERE id_tag = ?1", [tag], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Refuses what only the whole roster can tell: a duplicate 身份证号, an unknown group.
fn check_against_roster(conn: &Connection, v: &ValidMember, own_id: Option<&str>) -> Result<()> {
    let clash = find_by_id_number(conn, &v.id_number)?;
    if clash.is_some_and(|c| Some(c.as_str()) != own_id) {
        return Err(Error::validation("id_number", Reason::IdNumberDuplicate));
    }
    if let Some(group) = &v.party_group_id {
        let exists: bool = conn
            .prepare_cached(
                "SELECT count(*) > 0 FROM party_group WHERE id = ?1 AND archived_on IS NULL",
            )?
            .query_row([group], |r| r.get(0))?;
        if !exists {
            return Err(Error::validation(
                "party_group_id",
                Reason::UnknownPartyGroup,
            ));
        }
    }
    Ok(())
}

/// Brings the member's committee roles to `wanted` as of `today`: ends roles no longer held,
/// starts new ones (from the current term's start if the term is running, else today).
fn set_roles(
    conn: &Connection,
    member_id: &str,
    stage: Stage,
    wanted: &[CommitteeRole],
    today: NaiveDate,
) -> Result<()> {
    let current = roles_of(conn, member_id, today)?;
    if !wanted.is_empty() && stage != Stage::Full {
        return Err(Error::validation("roles", Reason::RoleNeedsFullMember));
    }
    for role in &current {
        if !wanted.contains(role) {
            conn.prepare_cached(
                "UPDATE committee_role SET end_on = ?3
                 WHERE member_id = ?1 AND role = ?2 AND (end_on IS NULL OR end_on > ?3)",
            )?
            .execute(params![member_id, role, today])?;
        }
    }
    let term_start = branch::get(conn)?
        .and_then(|b| b.term_start)
        .filter(|s| *s <= today);
    for role in wanted {
        if current.contains(role) {
            continue;
        }
        if role.is_unique() {
            let holder: Option<String> = conn
                .query_row(
                    "SELECT member_id FROM committee_role
                     WHERE role = ?1 AND member_id <> ?2 AND start_on <= ?3
                       AND (end_on IS NULL OR end_on > ?3)",
                    params![role, member_id, today],
                    |r| r.get(0),
                )
                .optional()?;
            if holder.is_some() {
                return Err(Error::validation("roles", Reason::RoleTaken));
            }
        }
        // A handed-over role starts where the predecessor's ended, never overlapping it.
        let predecessor_end: Option<NaiveDate> = conn
            .prepare_cached(
                "SELECT max(end_on) FROM committee_role WHERE role = ?1 AND member_id <> ?2",
            )?
            .query_row(params![role, member_id], |r| r.get(0))?;
        let start = term_start
            .unwrap_or(today)
            .max(
                predecessor_end
                    .filter(|_| role.is_unique())
                    .unwrap_or(NaiveDate::MIN),
            )
            .min(today);
        conn.prepare_cached(
            "INSERT INTO committee_role (id, member_id, role, start_on) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![new_id(), member_id, role, start])?;
    }
    Ok(())
}

/// Adds a member to the roster after validating every field; returns the stored record.
pub fn add(
    conn: &Connection,
    input: &MemberInput,
    today: NaiveDate,
    actor: &str,
) -> Result<Member> {
    branch::require(conn)?;
    let v = validate(input, today)?;
    check_against_roster(conn, &v, None)?;
    let extension = check_probation(conn, &v, None)?;
    let id = new_id();
    let now = timestamp();
    let s = sealed(conn, &v, &id)?;
    conn.prepare_cached(
        "INSERT INTO member (id, name, gender, ethnicity, birth_date, native_place, id_number,
            id_tag, id_masked, id_tail, education, work_start_date, workplace_title, phone,
            phone_masked, address, stage, joined_on, confirmed_on, party_group_id, introducers,
            status, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?24)",
    )?
    .execute(params![
        id,
        v.name,
        v.gender,
        v.ethnicity,
        v.birth_date,
        v.native_place,
        s.id_number,
        s.id_tag,
        s.id_masked,
        s.id_tail,
        v.education,
        v.work_start_date,
        v.workplace_title,
        s.phone,
        s.phone_masked,
        s.address,
        v.stage,
        v.joined_on,
        v.confirmed_on,
        v.party_group_id,
        v.introducers,
        v.status,
        v.notes,
        now
    ])?;
    if matches!(v.stage, Stage::Probationary | Stage::Full) {
        sync_admission_events(conn, &id, &v, actor)?;
    } else {
        add_stage_event(conn, &id, v.stage, v.stage_date, "")?;
    }
    if v.status != MemberStatus::Normal {
        add_status_event(conn, &id, v.status, today, "")?;
    }
    set_roles(conn, &id, v.stage, &input.roles, today)?;
    record_implied_extension(conn, &id, &v, extension, actor)?;
    if v.party_group_id.is_some() {
        let since = standing::first_day(conn, &id, today)?;
        standing::record_move(conn, &id, v.party_group_id.as_deref(), since)?;
    }
    change_log::record(conn, actor, "member", &id, "create", &redacted(input))?;
    get(conn, &id, today)
}

/// Saves an edited record. A new stage or status is appended to the history, never written over it.
pub fn update(
    conn: &Connection,
    id: &str,
    input: &MemberInput,
    today: NaiveDate,
    actor: &str,
) -> Result<Member> {
    let before = get_on_roster(conn, id, today)?;
    let v = validate(input, today)?;
    check_against_roster(conn, &v, Some(id))?;
    let extension = check_probation(conn, &v, Some(id))?;
    let backfill = check_stage_change(conn, id, before.stage, &v, &input.backfill)?;
    let s = sealed(conn, &v, id)?;
    conn.prepare_cached("UPDATE member SET name = ?2, gender = ?3, ethnicity = ?4, birth_date = ?5, native_place = ?6,
            id_number = ?7, id_tag = ?8, id_masked = ?9, id_tail = ?10, education = ?11,
            work_start_date = ?12, workplace_title = ?13, phone = ?14, phone_masked = ?15,
            address = ?16, stage = ?17, joined_on = ?18, confirmed_on = ?19, party_group_id = ?20,
            introducers = ?21, status = ?22, notes = ?23, updated_at = ?24
         WHERE id = ?1")?.execute(params![
            id, v.name, v.gender, v.ethnicity, v.birth_date, v.native_place, s.id_number,
            s.id_tag, s.id_masked, s.id_tail, v.education, v.work_start_date, v.workplace_title,
            s.phone, s.phone_masked, s.address, v.stage, v.joined_on, v.confirmed_on,
            v.party_group_id, v.introducers, v.status, v.notes, timestamp()
        ])?;
    sync_admission_events(conn, id, &v, actor)?;
    if v.stage != before.stage && !matches!(v.stage, Stage::Probationary | Stage::Full) {
        add_stage_event(conn, id, v.stage, v.stage_date, "")?;
    }
    if let Some(b) = &backfill {
        mark_backfill(conn, id, b, actor)?;
    }
    if v.status != before.status {
        add_status_event(conn, id, v.status, today, "")?;
    }
    set_roles(conn, id, v.stage, &input.roles, today)?;
    record_implied_extension(conn, id, &v, extension, actor)?;
    if v.party_group_id != before.party_group_id {
        // A group changed on the form moves the member from today; a past move is dated
        // through `move_to_group`.
        standing::record_move(conn, id, v.party_group_id.as_deref(), today)?;
    }
    change_log::record(conn, actor, "member", id, "update", &redacted(input))?;
    get(conn, id, today)
}

/// Archives a member who left the branch (转出, 出党, 去世): the record and its history stay,
/// committee roles end, and a group they led loses its leader.
pub fn archive(
    conn: &Connection,
    id: &str,
    input: &ArchiveInput,
    today: NaiveDate,
    actor: &str,
) -> Result<Member> {
    let before = get_on_roster(conn, id, today)?;
    let reason = input
        .reason
        .ok_or(Error::validation("archive_reason", Reason::Required))?;
    if !reason.ends_membership() {
        return Err(Error::validation("archive_reason", Reason::InvalidValue));
    }
    let on = parse_required_date("archived_on", &input.archived_on)?;
    if on > today {
        return Err(Error::validation("archived_on", Reason::DateInFuture));
    }
    if on < before.birth_date {
        return Err(Error::validation("archived_on", Reason::InvalidDate));
    }
    let note = input.note.trim();
    crate::limits::check("note", note, crate::limits::NOTE)?;
    conn.prepare_cached(
        "UPDATE member SET status = ?2, archived_on = ?3, updated_at = ?4 WHERE id = ?1",
    )?
    .execute(params![id, reason, on, timestamp()])?;
    add_status_event(conn, id, reason, on, note)?;
    conn.prepare_cached("UPDATE committee_role SET end_on = ?2 WHERE member_id = ?1 AND (end_on IS NULL OR end_on > ?2)")?.execute(params![id, on])?;
    conn.prepare_cached("UPDATE party_group SET leader_id = NULL WHERE leader_id = ?1")?
        .execute([id])?;
    change_log::record(conn, actor, "member", id, "archive", input)?;
    get(conn, id, today)
}

/// The 身份证号, phone and address as stored: sealed, with the masked forms and lookup tag.
fn sealed(conn: &Connection, v: &ValidMember, member_id: &str) -> Result<vault::SealedPerson> {
    let with_tail = crate::study::self_check::mode(conn)? == crate::study::SelfCheckMode::IdLast6;
    vault::seal_person(
        &vault::key(conn)?,
        member_id,
        &v.id_number,
        &v.phone,
        &v.address,
        with_tail,
    )
}

/// The change log keeps what changed, but not the 身份证号, phone and address in clear.
fn redacted(input: &MemberInput) -> MemberInput {
    MemberInput {
        id_number: mask_id_number(&input.id_number),
        phone: mask_phone(&input.phone),
        address: if input.address.is_empty() {
            String::new()
        } else {
            "***".into()
        },
        ..input.clone()
    }
}
