//! 党费: each member's monthly dues worked out from the declared monthly pay by the rate table
//! (versioned data, `rules`), fixed for the year at its start and changed only from a stated
//! month, and whether a member is assessed for a month; the payments (on time, in advance, late
//! up to six months, and voluntary extra: `payments`); and the year with arrears warnings
//! (`year`).

mod payments;
pub mod rules;
pub mod year;

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::change_log;
use crate::error::{Entity, Error, Reason, Result};
use crate::ids::parse_opt_date;
use crate::members::{MemberStatus, Stage};
use crate::rule_sets::Dated;

pub use payments::{pay_all, record, AllPaid, PaidInFull, Payment, PaymentInput};
pub use rules::{parse_yuan, yuan, DuesCategory, DuesRateSet, RateBand};
pub use year::{report, ArrearsLevel, DuesMonth, DuesReport, MemberDues, MonthStatus, MonthTotal};

/// How many months back a payment may make up for (补交).
pub const LATE_MONTHS: u32 = 6;
/// How many months ahead a payment may be made (预交).
pub const ADVANCE_MONTHS: u32 = 12;

/// "2026-11" → its first day. Anything else, "2026-13" or "2026-11-05" alike, is refused as
/// not a month in YYYY-MM form (not as a malformed day).
pub fn parse_month(field: &'static str, s: &str) -> Result<NaiveDate> {
    let s = s.trim();
    let day = match s.len() {
        7 => NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok(),
        _ => None,
    };
    let day = day.ok_or_else(|| Error::validation(field, Reason::InvalidMonth))?;
    crate::ids::check_date(field, day)
}

/// A month's first day as "2026-11".
pub fn month_key(first: NaiveDate) -> String {
    first.format("%Y-%m").to_string()
}

fn month_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).expect("day 1 exists")
}

/// What the secretary declares for a member: the basis of the dues and from which month.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct DuesDeclaration {
    pub member_id: String,
    pub category: Option<DuesCategory>,
    /// Monthly after-tax regular pay (or pension), in 元, for `salaried` and `retiree`.
    pub monthly_pay: String,
    /// The amount in 元 for `fixed`, and the approved amount for `reduced` (少交).
    pub fixed_amount: String,
    /// "YYYY-MM": the month the amount applies from.
    pub from_month: String,
    /// For `exempt` (免交) and `reduced` (少交): the day the superior 党委 approved it.
    pub approved_on: String,
    /// ...and its document number (批准文号), if it has one.
    pub approval_document: String,
}

/// A member's dues from a month on: the basis and the monthly amount it gives.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DuesBase {
    pub member_id: String,
    pub name: String,
    /// "YYYY-MM".
    pub from_month: String,
    pub category: DuesCategory,
    pub monthly_pay_cents: i64,
    pub monthly_due_cents: i64,
    /// The superior 党委's approval of a 免交 or 少交.
    pub approved_on: Option<NaiveDate>,
    pub approval_document: String,
}

/// A member as far as dues are concerned.
struct Payer {
    name: String,
    stage: Stage,
    archived: bool,
}

fn payer(conn: &Connection, member_id: &str) -> Result<Payer> {
    conn.query_row(
        "SELECT name, stage, archived_on IS NOT NULL FROM member WHERE id = ?1",
        [member_id],
        |r| {
            Ok(Payer {
                name: r.get(0)?,
                stage: r.get(1)?,
                archived: r.get(2)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found(Entity::Member, member_id))
}

/// 正式党员 and 预备党员 on the roster pay dues.
fn pays_dues(p: &Payer) -> bool {
    !p.archived && matches!(p.stage, Stage::Full | Stage::Probationary)
}

/// Fixes a member's monthly dues from a month on, worked out by the rate table in force then.
/// A declaration for a month that has one replaces it. Logged.
pub fn declare(conn: &Connection, input: &DuesDeclaration, actor: &str) -> Result<DuesBase> {
    let p = payer(conn, &input.member_id)?;
    if !pays_dues(&p) {
        return Err(Error::validation("member_id", Reason::DuesNotPayable));
    }
    let category = input
        .category
        .ok_or_else(|| Error::validation("category", Reason::Required))?;
    let from = parse_month("from_month", &input.from_month)?;
    let pay = if category.needs_pay() {
        parse_yuan("monthly_pay", &input.monthly_pay)?
    } else {
        0
    };
    let fixed = match category {
        DuesCategory::Fixed | DuesCategory::Reduced => {
            parse_yuan("fixed_amount", &input.fixed_amount)?
        }
        _ => 0,
    };
    let (approved_on, approval_document) = if category.needs_approval() {
        let on = parse_opt_date("approved_on", Some(&input.approved_on))?
            .ok_or_else(|| Error::validation("approved_on", Reason::DuesApprovalRequired))?;
        let document = input.approval_document.trim().to_string();
        if document.chars().count() > crate::limits::APPROVAL_DOCUMENT {
            return Err(Error::validation("approval_document", Reason::TooLong));
        }
        (Some(on), document)
    } else {
        (None, String::new())
    };
    let rates = DuesRateSet::in_force_on(conn, from)?;
    let due = rates.monthly_due(category, pay, fixed)?;
    let base = DuesBase {
        member_id: input.member_id.clone(),
        name: p.name,
        from_month: month_key(from),
        category,
        monthly_pay_cents: pay,
        monthly_due_cents: due,
        approved_on,
        approval_document,
    };
    store_base(conn, &base, from)?;
    change_log::record(conn, actor, "dues_base", &base.member_id, "declare", &base)?;
    Ok(base)
}

fn store_base(conn: &Connection, base: &DuesBase, from: NaiveDate) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO dues_base (member_id, effective_from, category, monthly_base_cents,
                                monthly_due_cents, approved_on, approval_document)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (member_id, effective_from) DO UPDATE SET category = excluded.category,
           monthly_base_cents = excluded.monthly_base_cents,
           monthly_due_cents = excluded.monthly_due_cents,
           approved_on = excluded.approved_on,
           approval_document = excluded.approval_document",
    )?
    .execute(params![
        base.member_id,
        from,
        base.category,
        base.monthly_pay_cents,
        base.monthly_due_cents,
        base.approved_on,
        base.approval_document
    ])?;
    Ok(())
}

/// Every declared basis, oldest first per member.
pub(crate) fn bases(conn: &Connection) -> Result<Vec<(String, NaiveDate, DuesBase)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.member_id, m.name, b.effective_from, b.category, b.monthly_base_cents,
                b.monthly_due_cents, b.approved_on, b.approval_document
         FROM dues_base b JOIN member m ON m.id = b.member_id
         ORDER BY b.member_id, b.effective_from",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let from: NaiveDate = r.get(2)?;
            Ok((
                r.get::<_, String>(0)?,
                from,
                DuesBase {
                    member_id: r.get(0)?,
                    name: r.get(1)?,
                    from_month: month_key(from),
                    category: r.get(3)?,
                    monthly_pay_cents: r.get(4)?,
                    monthly_due_cents: r.get(5)?,
                    approved_on: r.get(6)?,
                    approval_document: r.get(7)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The year's amounts as fixed at its start.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DuesSchedule {
    pub year: i32,
    /// The rate table in force on 1 January.
    pub rate_version: String,
    /// Each paying member's amounts in the year, from January and from each stated month.
    pub bases: Vec<DuesBase>,
    /// Paying members with nothing declared yet: their pay is to be asked for.
    pub missing: Vec<MissingDeclaration>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MissingDeclaration {
    pub member_id: String,
    pub name: String,
}

/// Fixes the year's dues at its start: each paying member's last declared basis before the
/// year is carried into January and worked out again by the rate table in force on 1 January
/// (an amount fixed for January already is kept). Running it again changes nothing. Logged.
pub fn compute(conn: &Connection, year: i32, actor: &str) -> Result<DuesSchedule> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| Error::validation("year", Reason::InvalidValue))?;
    let end = NaiveDate::from_ymd_opt(year, 12, 1).expect("valid month");
    let rates = DuesRateSet::in_force_on(conn, start)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, name FROM member WHERE archived_on IS NULL
           AND stage IN ('full', 'probationary') ORDER BY {name}",
        name = crate::collate::sql_key("name")
    ))?;
    let payers = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let all = bases(conn)?;
    let mut schedule = DuesSchedule {
        year,
        rate_version: rates.version.clone(),
        bases: Vec::new(),
        missing: Vec::new(),
    };
    let mut carried = Vec::new();
    for (id, name) in payers {
        let own: Vec<&(String, NaiveDate, DuesBase)> =
            all.iter().filter(|(m, _, _)| *m == id).collect();
        let has_january = own.iter().any(|(_, from, _)| *from == start);
        if !has_january {
            if let Some((_, _, last)) = own.iter().rev().find(|(_, from, _)| *from < start) {
                let due = rates.monthly_due(
                    last.category,
                    last.monthly_pay_cents,
                    last.monthly_due_cents,
                )?;
                let base = DuesBase {
                    from_month: month_key(start),
                    monthly_due_cents: due,
                    ..last.clone()
                };
                store_base(conn, &base, start)?;
                carried.push(base.clone());
                schedule.bases.push(base);
            }
        }
        let in_year: Vec<DuesBase> = own
            .iter()
            .filter(|(_, from, _)| *from >= start && *from <= end)
            .map(|(_, _, b)| b.clone())
            .collect();
        if in_year.is_empty() && !schedule.bases.iter().any(|b| b.member_id == id) {
            schedule.missing.push(MissingDeclaration {
                member_id: id,
                name,
            });
        } else {
            schedule.bases.extend(in_year);
        }
    }
    if !carried.is_empty() {
        change_log::record(
            conn,
            actor,
            "dues_base",
            &year.to_string(),
            "compute",
            &carried,
        )?;
    }
    Ok(schedule)
}

/// Whether a member is assessed for a month: not after the month they left the branch (转出,
/// 出党, death), nor for a month their 党籍 was stopped (停止党籍) throughout.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Standing {
    pub left_on: Option<NaiveDate>,
    /// Each stop: its first day, and the first day it no longer held (none: still stopped).
    pub stopped: Vec<(NaiveDate, Option<NaiveDate>)>,
}

impl Standing {
    /// Whether the month starting `first` is assessed.
    pub fn assessed(&self, first: NaiveDate) -> bool {
        if self.left_on.is_some_and(|left| first > month_of(left)) {
            return false;
        }
        let last = first + Months::new(1) - chrono::Days::new(1);
        !self
            .stopped
            .iter()
            .any(|(from, until)| *from <= first && until.is_none_or(|u| u > last))
    }
}

/// Every member's standing for dues, from the archive date and the status history.
pub(crate) fn standings(conn: &Connection) -> Result<HashMap<String, Standing>> {
    let mut out: HashMap<String, Standing> = HashMap::new();
    let mut stmt =
        conn.prepare_cached("SELECT id, archived_on FROM member WHERE archived_on IS NOT NULL")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().left_on = r.get(1)?;
    }
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, status, occurred_on FROM member_status_event
         ORDER BY member_id, occurred_on, recorded_at",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, status, on): (String, MemberStatus, NaiveDate) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let s = out.entry(id).or_default();
        let stopped_now = s.stopped.last().is_some_and(|(_, until)| until.is_none());
        if status == MemberStatus::Suspended {
            if !stopped_now {
                s.stopped.push((on, None));
            }
        } else if let Some(stop) = s.stopped.last_mut().filter(|_| stopped_now) {
            stop.1 = Some(on);
        }
    }
    Ok(out)
}

/// The member's amount due for the month starting `month`, if one is fixed.
pub(crate) fn due_for(
    bases: &[(String, NaiveDate, DuesBase)],
    member_id: &str,
    month: NaiveDate,
) -> Option<i64> {
    bases
        .iter()
        .rev()
        .find(|(m, from, _)| m == member_id && *from <= month)
        .map(|(_, _, b)| b.monthly_due_cents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_read_within_the_years_the_app_takes() {
        let first = |s| parse_month("from_month", s);
        assert_eq!(first("2026-11").unwrap(), "2026-11-01".parse().unwrap());
        assert_eq!(first("1921-01").unwrap(), "1921-01-01".parse().unwrap());
        assert_eq!(first("2100-12").unwrap(), "2100-12-01".parse().unwrap());
        for (text, reason) in [
            ("1920-12", Reason::DateOutOfRange),
            ("2101-01", Reason::DateOutOfRange),
            ("0001-01", Reason::DateOutOfRange),
            ("2026-13", Reason::InvalidMonth),
            ("2026-1", Reason::InvalidMonth),
            ("2026-11-05", Reason::InvalidMonth),
        ] {
            match first(text) {
                Err(Error::Validation { field, reason: r }) => {
                    assert_eq!((field, r), ("from_month", reason), "{text}")
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }
}
