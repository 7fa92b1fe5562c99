//! The branch profile (one per database) and its 党小组.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::change_log;
use crate::error::{Entity, Error, Reason, Result};
use crate::ids::{new_id, parse_opt_date, timestamp};

/// The name `init` gives a branch when none is given.
pub const DEFAULT_BRANCH_NAME: &str = "我的党支部";

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Branch {
    pub id: String,
    pub name: String,
    pub superior_org: String,
    pub founded_on: Option<NaiveDate>,
    pub term_start: Option<NaiveDate>,
    pub term_end: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct BranchInput {
    pub name: String,
    pub superior_org: String,
    pub founded_on: Option<String>,
    pub term_start: Option<String>,
    pub term_end: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PartyGroup {
    pub id: String,
    pub name: String,
    pub leader_id: Option<String>,
    pub leader_name: Option<String>,
    /// Active (not archived) members in the group.
    pub member_count: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct GroupInput {
    pub name: String,
    pub leader_id: Option<String>,
}

const BRANCH_COLUMNS: &str = "id, name, superior_org, founded_on, term_start, term_end";

fn branch_from_row(r: &Row) -> rusqlite::Result<Branch> {
    Ok(Branch {
        id: r.get("id")?,
        name: r.get("name")?,
        superior_org: r.get("superior_org")?,
        founded_on: r.get("founded_on")?,
        term_start: r.get("term_start")?,
        term_end: r.get("term_end")?,
    })
}

pub fn get(conn: &Connection) -> Result<Option<Branch>> {
    Ok(conn
        .query_row(
            &format!("SELECT {BRANCH_COLUMNS} FROM branch LIMIT 1"),
            [],
            branch_from_row,
        )
        .optional()?)
}

/// The branch, or a clear error when the database has none yet.
pub fn require(conn: &Connection) -> Result<Branch> {
    get(conn)?.ok_or(Error::Conflict {
        reason: Reason::BranchMissing,
    })
}

struct ValidBranch {
    name: String,
    superior_org: String,
    founded_on: Option<NaiveDate>,
    term_start: Option<NaiveDate>,
    term_end: Option<NaiveDate>,
}

fn validate(input: &BranchInput, today: NaiveDate) -> Result<ValidBranch> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(Error::validation("branch_name", Reason::Required));
    }
    if name.chars().count() > 60 {
        return Err(Error::validation("branch_name", Reason::TooLong));
    }
    let superior_org = input.superior_org.trim();
    if superior_org.chars().count() > 60 {
        return Err(Error::validation("superior_org", Reason::TooLong));
    }
    let founded_on = parse_opt_date("founded_on", input.founded_on.as_deref())?;
    if founded_on.is_some_and(|d| d > today) {
        return Err(Error::validation("founded_on", Reason::DateInFuture));
    }
    let term_start = parse_opt_date("term_start", input.term_start.as_deref())?;
    let term_end = parse_opt_date("term_end", input.term_end.as_deref())?;
    if let (Some(s), Some(e)) = (term_start, term_end) {
        if e <= s {
            return Err(Error::validation("term_end", Reason::TermOrder));
        }
    }
    Ok(ValidBranch {
        name: name.to_string(),
        superior_org: superior_org.to_string(),
        founded_on,
        term_start,
        term_end,
    })
}

/// Creates the branch of an empty database. Returns `None`, changing nothing, if one exists.
pub fn create(
    conn: &Connection,
    input: &BranchInput,
    today: NaiveDate,
    actor: &str,
) -> Result<Option<Branch>> {
    if get(conn)?.is_some() {
        return Ok(None);
    }
    let v = validate(input, today)?;
    let id = new_id();
    let now = timestamp();
    conn.prepare_cached("INSERT INTO branch (id, name, superior_org, founded_on, term_start, term_end, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)")?.execute(params![id, v.name, v.superior_org, v.founded_on, v.term_start, v.term_end, now])?;
    change_log::record(conn, actor, "branch", &id, "create", input)?;
    get(conn)
}

pub fn update(
    conn: &Connection,
    input: &BranchInput,
    today: NaiveDate,
    actor: &str,
) -> Result<Branch> {
    let current = require(conn)?;
    let v = validate(input, today)?;
    conn.prepare_cached(
        "UPDATE branch SET name = ?2, superior_org = ?3, founded_on = ?4, term_start = ?5,
                term_end = ?6, updated_at = ?7 WHERE id = ?1",
    )?
    .execute(params![
        current.id,
        v.name,
        v.superior_org,
        v.founded_on,
        v.term_start,
        v.term_end,
        timestamp()
    ])?;
    change_log::record(conn, actor, "branch", &current.id, "update", input)?;
    require(conn)
}

const GROUP_SELECT: &str = "
    SELECT g.id, g.name, g.leader_id, l.name AS leader_name,
           (SELECT count(*) FROM member m WHERE m.party_group_id = g.id AND m.archived_on IS NULL) AS member_count
    FROM party_group g LEFT JOIN member l ON l.id = g.leader_id
    WHERE g.archived_on IS NULL";

fn group_from_row(r: &Row) -> rusqlite::Result<PartyGroup> {
    Ok(PartyGroup {
        id: r.get("id")?,
        name: r.get("name")?,
        leader_id: r.get("leader_id")?,
        leader_name: r.get("leader_name")?,
        member_count: r.get("member_count")?,
    })
}

pub fn list_groups(conn: &Connection) -> Result<Vec<PartyGroup>> {
    let mut stmt = conn.prepare_cached(&format!("{GROUP_SELECT} ORDER BY g.sort_order, g.name"))?;
    let rows = stmt.query_map([], group_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get_group(conn: &Connection, id: &str) -> Result<PartyGroup> {
    conn.query_row(
        &format!("{GROUP_SELECT} AND g.id = ?1"),
        [id],
        group_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found(Entity::PartyGroup, id))
}

/// Finds an active group by its exact name.
pub fn find_group_by_name(conn: &Connection, name: &str) -> Result<Option<PartyGroup>> {
    Ok(conn
        .query_row(
            &format!("{GROUP_SELECT} AND g.name = ?1"),
            [name.trim()],
            group_from_row,
        )
        .optional()?)
}

fn validate_group(conn: &Connection, input: &GroupInput, own_id: Option<&str>) -> Result<String> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(Error::validation("group_name", Reason::Required));
    }
    if name.chars().count() > 30 {
        return Err(Error::validation("group_name", Reason::TooLong));
    }
    let clash: Option<String> = conn
        .query_row("SELECT id FROM party_group WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?;
    if clash.is_some_and(|c| Some(c.as_str()) != own_id) {
        return Err(Error::validation("group_name", Reason::GroupNameTaken));
    }
    if let Some(leader) = input.leader_id.as_deref() {
        let active: Option<bool> = conn
            .query_row(
                "SELECT archived_on IS NULL FROM member WHERE id = ?1",
                [leader],
                |r| r.get(0),
            )
            .optional()?;
        if active != Some(true) {
            return Err(Error::validation("leader_id", Reason::InvalidValue));
        }
    }
    Ok(name.to_string())
}

pub fn add_group(conn: &Connection, input: &GroupInput, actor: &str) -> Result<PartyGroup> {
    require(conn)?;
    let name = validate_group(conn, input, None)?;
    let id = new_id();
    let order: i64 = conn
        .prepare_cached("SELECT coalesce(max(sort_order), 0) + 1 FROM party_group")?
        .query_row([], |r| r.get(0))?;
    conn.prepare_cached("INSERT INTO party_group (id, name, leader_id, sort_order, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")?.execute(params![id, name, input.leader_id, order, timestamp()])?;
    change_log::record(conn, actor, "party_group", &id, "create", input)?;
    get_group(conn, &id)
}

pub fn update_group(
    conn: &Connection,
    id: &str,
    input: &GroupInput,
    actor: &str,
) -> Result<PartyGroup> {
    get_group(conn, id)?;
    let name = validate_group(conn, input, Some(id))?;
    conn.prepare_cached("UPDATE party_group SET name = ?2, leader_id = ?3 WHERE id = ?1")?
        .execute(params![id, name, input.leader_id])?;
    change_log::record(conn, actor, "party_group", id, "update", input)?;
    get_group(conn, id)
}
