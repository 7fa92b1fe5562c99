//! A branch's own figures for 作用发挥强: service indicators with a target (跑动次数 0.14,
//! 全程网办 78.11%, 零材料事项 169) and their dated values, and the honours it received
//! (优秀窗口单位, 工人先锋号).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::year_span;
use crate::change_log;
use crate::error::{Entity, Error, Reason, Result};
use crate::ids::{new_id, parse_required_date};
use crate::limits;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IndicatorInput {
    pub name: String,
    #[serde(default)]
    pub unit: String,
    pub target: Option<f64>,
    /// False for figures that should go down (跑动次数).
    pub higher_is_better: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct IndicatorValue {
    #[ts(type = "string")]
    pub measured_on: NaiveDate,
    pub value: f64,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub target: Option<f64>,
    pub higher_is_better: bool,
    /// The values recorded in the year asked about, oldest first.
    pub values: Vec<IndicatorValue>,
    /// Whether the latest of them reaches the target (none without a target or a value).
    pub on_target: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IndicatorValueInput {
    pub indicator_id: String,
    pub measured_on: String,
    pub value: f64,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HonourInput {
    pub title: String,
    #[serde(default)]
    pub awarded_by: String,
    pub awarded_on: String,
    /// The member honoured, when it is a person's honour rather than the branch's.
    #[serde(default)]
    pub member_id: Option<String>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Honour {
    pub id: String,
    pub title: String,
    pub awarded_by: String,
    #[ts(type = "string")]
    pub awarded_on: NaiveDate,
    pub member_id: Option<String>,
    pub member_name: Option<String>,
    pub note: String,
}

/// Whether `value` reaches `target` in the indicator's direction.
pub fn reaches(value: f64, target: f64, higher_is_better: bool) -> bool {
    if higher_is_better {
        value >= target
    } else {
        value <= target
    }
}

fn text(field: &'static str, value: &str, max: usize) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::validation(field, Reason::Required));
    }
    if value.chars().count() > max {
        return Err(Error::validation(field, Reason::TooLong));
    }
    Ok(value.to_string())
}

fn finite(field: &'static str, value: Option<f64>) -> Result<()> {
    match value {
        Some(v) if !v.is_finite() => Err(Error::validation(field, Reason::InvalidValue)),
        _ => Ok(()),
    }
}

/// Adds an indicator (`id` none) or changes one; returns its id.
pub fn save_indicator(
    conn: &Connection,
    id: Option<&str>,
    input: &IndicatorInput,
    actor: &str,
) -> Result<String> {
    let name = text("name", &input.name, limits::INDICATOR_NAME)?;
    if input.unit.chars().count() > limits::INDICATOR_UNIT {
        return Err(Error::validation("unit", Reason::TooLong));
    }
    finite("target", input.target)?;
    let taken: Option<String> = conn
        .query_row("SELECT id FROM indicator WHERE name = ?1", [&name], |r| {
            r.get(0)
        })
        .optional()?;
    if taken.is_some_and(|t| Some(t.as_str()) != id) {
        return Err(Error::validation("name", Reason::IndicatorNameTaken));
    }
    let (id, sql) = match id {
        Some(id) => (
            id.to_string(),
            "UPDATE indicator SET name = ?2, unit = ?3, target = ?4, higher_is_better = ?5
             WHERE id = ?1",
        ),
        None => (
            new_id(),
            "INSERT INTO indicator (id, name, unit, target, higher_is_better)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        ),
    };
    let saved = conn.execute(
        sql,
        params![
            id,
            name,
            input.unit.trim(),
            input.target,
            input.higher_is_better
        ],
    )?;
    if saved == 0 {
        return Err(Error::not_found(Entity::Indicator, &id));
    }
    change_log::record(conn, actor, "indicator", &id, "save", input)?;
    Ok(id)
}

/// Deletes an indicator with all its values.
pub fn delete_indicator(conn: &Connection, id: &str, actor: &str) -> Result<()> {
    delete(conn, "indicator", Entity::Indicator, id, actor)
}

/// Deletes the row `id` of `table` (an indicator's values go with it), logged under the
/// table's name; refuses an id that is not there.
fn delete(conn: &Connection, table: &str, entity: Entity, id: &str, actor: &str) -> Result<()> {
    if conn.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])? == 0 {
        return Err(Error::not_found(entity, id));
    }
    change_log::record(conn, actor, table, id, "delete", &id)?;
    Ok(())
}

/// Records the indicator's value on a day (a value for the same day is replaced).
pub fn record_value(
    conn: &Connection,
    input: &IndicatorValueInput,
    today: NaiveDate,
    actor: &str,
) -> Result<()> {
    let on = parse_required_date("measured_on", &input.measured_on)?;
    if on > today {
        return Err(Error::validation("measured_on", Reason::DateInFuture));
    }
    finite("value", Some(input.value))?;
    if input.note.chars().count() > limits::NOTE {
        return Err(Error::validation("note", Reason::TooLong));
    }
    let exists: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM indicator WHERE id = ?1",
            [&input.indicator_id],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_none() {
        return Err(Error::not_found(Entity::Indicator, &input.indicator_id));
    }
    conn.execute(
        "INSERT INTO indicator_value (indicator_id, measured_on, value, note) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (indicator_id, measured_on) DO UPDATE SET value = excluded.value,
           note = excluded.note",
        params![input.indicator_id, on, input.value, input.note.trim()],
    )?;
    change_log::record(
        conn,
        actor,
        "indicator_value",
        &input.indicator_id,
        "record",
        input,
    )?;
    Ok(())
}

pub fn delete_value(
    conn: &Connection,
    indicator_id: &str,
    measured_on: &str,
    actor: &str,
) -> Result<()> {
    let on = parse_required_date("measured_on", measured_on)?;
    let n = conn.execute(
        "DELETE FROM indicator_value WHERE indicator_id = ?1 AND measured_on = ?2",
        params![indicator_id, on],
    )?;
    if n == 0 {
        return Err(Error::not_found(Entity::Indicator, indicator_id));
    }
    change_log::record(conn, actor, "indicator_value", indicator_id, "delete", &on)?;
    Ok(())
}

/// Every indicator with its values in `year` up to `as_of`, by name.
pub fn indicators(conn: &Connection, year: i32, as_of: NaiveDate) -> Result<Vec<Indicator>> {
    let (from, until) = year_span(year, as_of)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, unit, target, higher_is_better FROM indicator ORDER BY name",
    )?;
    let mut list = stmt
        .query_map([], |r| {
            Ok(Indicator {
                id: r.get(0)?,
                name: r.get(1)?,
                unit: r.get(2)?,
                target: r.get(3)?,
                higher_is_better: r.get(4)?,
                values: Vec::new(),
                on_target: None,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut values = conn.prepare_cached(
        "SELECT measured_on, value, note FROM indicator_value
         WHERE indicator_id = ?1 AND measured_on >= ?2 AND measured_on <= ?3 ORDER BY measured_on",
    )?;
    for i in &mut list {
        i.values = values
            .query_map(params![i.id, from, until], |r| {
                Ok(IndicatorValue {
                    measured_on: r.get(0)?,
                    value: r.get(1)?,
                    note: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        i.on_target = match (i.target, i.values.last()) {
            (Some(t), Some(v)) => Some(reaches(v.value, t, i.higher_is_better)),
            _ => None,
        };
    }
    Ok(list)
}

pub fn add_honour(
    conn: &Connection,
    input: &HonourInput,
    today: NaiveDate,
    actor: &str,
) -> Result<String> {
    let title = text("title", &input.title, limits::HONOUR_TITLE)?;
    let on = parse_required_date("awarded_on", &input.awarded_on)?;
    if on > today {
        return Err(Error::validation("awarded_on", Reason::DateInFuture));
    }
    if input.awarded_by.chars().count() > limits::HONOUR_AWARDED_BY {
        return Err(Error::validation("awarded_by", Reason::TooLong));
    }
    if input.note.chars().count() > limits::HONOUR_NOTE {
        return Err(Error::validation("note", Reason::TooLong));
    }
    let member_id = input.member_id.as_deref().filter(|m| !m.is_empty());
    if let Some(m) = member_id {
        let found: Option<i64> = conn
            .query_row("SELECT 1 FROM member WHERE id = ?1", [m], |r| r.get(0))
            .optional()?;
        if found.is_none() {
            return Err(Error::not_found(Entity::Member, m));
        }
    }
    let id = new_id();
    conn.execute(
        "INSERT INTO honour (id, title, awarded_by, awarded_on, member_id, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            title,
            input.awarded_by.trim(),
            on,
            member_id,
            input.note.trim()
        ],
    )?;
    change_log::record(conn, actor, "honour", &id, "add", input)?;
    Ok(id)
}

pub fn delete_honour(conn: &Connection, id: &str, actor: &str) -> Result<()> {
    delete(conn, "honour", Entity::Honour, id, actor)
}

/// The honours awarded in `year` up to `as_of`, newest first.
pub fn honours(conn: &Connection, year: i32, as_of: NaiveDate) -> Result<Vec<Honour>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.id, h.title, h.awarded_by, h.awarded_on, h.member_id, m.name, h.note
         FROM honour h LEFT JOIN member m ON m.id = h.member_id
         WHERE h.awarded_on >= ?1 AND h.awarded_on <= ?2 ORDER BY h.awarded_on DESC, h.title",
    )?;
    let (from, until) = year_span(year, as_of)?;
    let rows = stmt
        .query_map(params![from, until], |r| {
            Ok(Honour {
                id: r.get(0)?,
                title: r.get(1)?,
                awarded_by: r.get(2)?,
                awarded_on: r.get(3)?,
                member_id: r.get(4)?,
                member_name: r.get(5)?,
                note: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
