//! The branch profile (one per database) and its 党小组.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::change_log;
pub use crate::collate::NameOrder;
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
    /// The end entered by hand, if any; `term_ends` is the end that counts.
    pub term_end: Option<NaiveDate>,
    /// 任期年限: 3, or 5 in villages and communities (the branch's choice).
    pub term_years: u32,
    /// The last day of the term: the end entered, else the start plus `term_years`.
    pub term_ends: Option<NaiveDate>,
    /// 开始登记日期: periods that began earlier are 未登记 unless recorded or confirmed missed.
    pub records_from: Option<NaiveDate>,
    /// The branch's own yearly figure for 微讲堂/大讲堂 issues (四强).
    pub lecture_series_target: u32,
    /// How lists of people are ordered: 拼音 (the default) or 姓氏笔画.
    pub name_order: NameOrder,
}

impl Branch {
    /// The profile as the form that would store it unchanged.
    pub fn to_input(&self) -> BranchInput {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string());
        BranchInput {
            name: self.name.clone(),
            superior_org: self.superior_org.clone(),
            founded_on: date(self.founded_on),
            term_start: date(self.term_start),
            term_end: date(self.term_end),
            term_years: Some(self.term_years),
            records_from: date(self.records_from),
            lecture_series_target: Some(self.lecture_series_target),
            name_order: Some(self.name_order),
        }
    }
}

/// The last day of a term: the end entered by hand, else `years` after the start, less a day.
pub fn term_ends(
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    years: u32,
) -> Option<NaiveDate> {
    end.or_else(|| {
        start
            .and_then(|s| s.checked_add_months(chrono::Months::new(12 * years)))
            .and_then(|d| d.pred_opt())
    })
}

/// The term lengths a branch may choose (3 by default, 5 for villages and communities).
pub const TERM_YEARS: std::ops::RangeInclusive<u32> = 1..=5;
pub const DEFAULT_TERM_YEARS: u32 = 3;
pub const DEFAULT_LECTURE_SERIES_TARGET: u32 = 10;

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct BranchInput {
    pub name: String,
    pub superior_org: String,
    pub founded_on: Option<String>,
    pub term_start: Option<String>,
    pub term_end: Option<String>,
    /// Left out: 3 on creation, unchanged on update.
    #[ts(optional = nullable)]
    pub term_years: Option<u32>,
    /// Left out: the first day of this month on creation, unchanged on update.
    #[ts(optional = nullable)]
    pub records_from: Option<String>,
    /// Left out: 10 on creation, unchanged on update.
    #[ts(optional = nullable)]
    pub lecture_series_target: Option<u32>,
    /// Left out: 拼音 on creation, unchanged on update.
    #[ts(optional = nullable)]
    pub name_order: Option<NameOrder>,
}

/// What `zhibu branch set` changes; what is left out stays as it is.
#[derive(Debug, Clone, Default)]
pub struct BranchPatch {
    pub name: Option<String>,
    pub founded_on: Option<String>,
    pub term_start: Option<String>,
    pub term_years: Option<u32>,
    pub records_from: Option<String>,
    pub lecture_series_target: Option<u32>,
    pub name_order: Option<NameOrder>,
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
    pub formed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct GroupInput {
    pub name: String,
    pub leader_id: Option<String>,
    /// The day the group was formed: none before it are owed.
    #[ts(optional = nullable)]
    pub formed_on: Option<String>,
}

const BRANCH_COLUMNS: &str = "id, name, superior_org, founded_on, term_start, term_end, term_years,\n     records_from, lecture_series_target, name_order";

fn branch_from_row(r: &Row) -> rusqlite::Result<Branch> {
    let term_start = r.get("term_start")?;
    let term_end = r.get("term_end")?;
    let term_years = r.get("term_years")?;
    Ok(Branch {
        id: r.get("id")?,
        name: r.get("name")?,
        superior_org: r.get("superior_org")?,
        founded_on: r.get("founded_on")?,
        term_start,
        term_end,
        term_years,
        term_ends: term_ends(term_start, term_end, term_years),
        records_from: r.get("records_from")?,
        lecture_series_target: r.get("lecture_series_target")?,
        name_order: r.get("name_order")?,
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
    term_years: Option<u32>,
    records_from: Option<NaiveDate>,
    lecture_series_target: Option<u32>,
}

fn validate(input: &BranchInput, today: NaiveDate) -> Result<ValidBranch> {
    let name =
        crate::names::clean_name("branch_name", &input.name, crate::limits::BRANCH_NAME, true)?;
    let superior_org = input.superior_org.trim();
    if superior_org.chars().count() > crate::limits::SUPERIOR_ORG {
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
    if input.term_years.is_some_and(|y| !TERM_YEARS.contains(&y)) {
        return Err(Error::validation("term_years", Reason::TermYearsRange));
    }
    let records_from = parse_opt_date("records_from", input.records_from.as_deref())?;
    if records_from.is_some_and(|d| d > today) {
        return Err(Error::validation("records_from", Reason::DateInFuture));
    }
    if input
        .lecture_series_target
        .is_some_and(|n| n > crate::limits::LECTURE_SERIES_TARGET_MAX)
    {
        return Err(Error::validation(
            "lecture_series_target",
            Reason::InvalidValue,
        ));
    }
    Ok(ValidBranch {
        name,
        superior_org: superior_org.to_string(),
        founded_on,
        term_start,
        term_end,
        term_years: input.term_years,
        records_from,
        lecture_series_target: input.lecture_series_target,
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
    // A branch starts its records the month it starts using the app, unless told otherwise.
    let records_from = v.records_from.unwrap_or_else(|| first_of_month(today));
    conn.prepare_cached(
        "INSERT INTO branch (id, name, superior_org, founded_on, term_start, term_end, term_years,
                             records_from, lecture_series_target, name_order, created_at,
                             updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?11, ?10, ?10)",
    )?
    .execute(params![
        id,
        v.name,
        v.superior_org,
        v.founded_on,
        v.term_start,
        v.term_end,
        v.term_years.unwrap_or(DEFAULT_TERM_YEARS),
        records_from,
        v.lecture_series_target
            .unwrap_or(DEFAULT_LECTURE_SERIES_TARGET),
        now,
        input.name_order.unwrap_or_default()
    ])?;
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
    check_groups_after_founding(conn, v.founded_on)?;
    conn.prepare_cached(
        "UPDATE branch SET name = ?2, superior_org = ?3, founded_on = ?4, term_start = ?5,
                term_end = ?6, term_years = ?7, records_from = ?8, lecture_series_target = ?9,
                updated_at = ?10, name_order = ?11 WHERE id = ?1",
    )?
    .execute(params![
        current.id,
        v.name,
        v.superior_org,
        v.founded_on,
        v.term_start,
        v.term_end,
        v.term_years.unwrap_or(current.term_years),
        v.records_from.or(current.records_from),
        v.lecture_series_target
            .unwrap_or(current.lecture_series_target),
        timestamp(),
        input.name_order.unwrap_or(current.name_order)
    ])?;
    change_log::record(conn, actor, "branch", &current.id, "update", input)?;
    require(conn)
}

/// Changes only what the patch names (`zhibu branch set`). A new term start begins a new term,
/// so an end entered for the old one is dropped and the end follows from the term length.
pub fn set(
    conn: &Connection,
    patch: &BranchPatch,
    today: NaiveDate,
    actor: &str,
) -> Result<Branch> {
    let current = require(conn)?.to_input();
    let input = BranchInput {
        name: patch.name.clone().unwrap_or(current.name),
        founded_on: patch.founded_on.clone().or(current.founded_on),
        term_start: patch.term_start.clone().or(current.term_start),
        term_end: current.term_end.filter(|_| patch.term_start.is_none()),
        term_years: patch.term_years.or(current.term_years),
        records_from: patch.records_from.clone().or(current.records_from),
        lecture_series_target: patch
            .lecture_series_target
            .or(current.lecture_series_target),
        name_order: patch.name_order.or(current.name_order),
        ..current
    };
    update(conn, &input, today, actor)
}

/// The first day of the month of `day`.
pub fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).expect("every month has a first day")
}

/// A 党小组 cannot have been formed before its branch was.
fn check_groups_after_founding(conn: &Connection, founded_on: Option<NaiveDate>) -> Result<()> {
    let Some(founded_on) = founded_on else {
        return Ok(());
    };
    let earlier: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM party_group WHERE formed_on < ?1)")?
        .query_row([founded_on], |r| r.get(0))?;
    if earlier {
        return Err(Error::validation("founded_on", Reason::BeforeFounding));
    }
    Ok(())
}

const GROUP_SELECT: &str = "
    SELECT g.id, g.name, g.leader_id, l.name AS leader_name, g.formed_on,
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
        formed_on: r.get("formed_on")?,
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

/// A group's name and formation day, checked.
struct ValidGroup {
    name: String,
    formed_on: Option<NaiveDate>,
}

fn validate_group(
    conn: &Connection,
    input: &GroupInput,
    own_id: Option<&str>,
    today: NaiveDate,
) -> Result<ValidGroup> {
    let name =
        crate::names::clean_name("group_name", &input.name, crate::limits::GROUP_NAME, true)?;
    let clash: Option<String> = conn
        .query_row("SELECT id FROM party_group WHERE name = ?1", [&name], |r| {
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
    let formed_on = parse_opt_date("formed_on", input.formed_on.as_deref())?;
    if let Some(formed_on) = formed_on {
        if formed_on > today {
            return Err(Error::validation("formed_on", Reason::DateInFuture));
        }
        if require(conn)?.founded_on.is_some_and(|f| formed_on < f) {
            return Err(Error::validation("formed_on", Reason::BeforeFounding));
        }
    }
    Ok(ValidGroup { name, formed_on })
}

pub fn add_group(
    conn: &Connection,
    input: &GroupInput,
    today: NaiveDate,
    actor: &str,
) -> Result<PartyGroup> {
    require(conn)?;
    let ValidGroup { name, formed_on } = validate_group(conn, input, None, today)?;
    let id = new_id();
    let order: i64 = conn
        .prepare_cached("SELECT coalesce(max(sort_order), 0) + 1 FROM party_group")?
        .query_row([], |r| r.get(0))?;
    conn.prepare_cached(
        "INSERT INTO party_group (id, name, leader_id, sort_order, formed_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id,
        name,
        input.leader_id,
        order,
        formed_on,
        timestamp()
    ])?;
    change_log::record(conn, actor, "party_group", &id, "create", input)?;
    get_group(conn, &id)
}

pub fn update_group(
    conn: &Connection,
    id: &str,
    input: &GroupInput,
    today: NaiveDate,
    actor: &str,
) -> Result<PartyGroup> {
    get_group(conn, id)?;
    let ValidGroup { name, formed_on } = validate_group(conn, input, Some(id), today)?;
    conn.prepare_cached(
        "UPDATE party_group SET name = ?2, leader_id = ?3, formed_on = ?4 WHERE id = ?1",
    )?
    .execute(params![id, name, input.leader_id, formed_on])?;
    change_log::record(conn, actor, "party_group", id, "update", input)?;
    get_group(conn, id)
}
