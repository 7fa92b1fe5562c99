//! The 学时 report's sums: each member's counted hours by category for a year, read in a few
//! grouped queries instead of building the credit lines (`credits::credits` lists them; a test
//! keeps the two agreeing).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::credits::{member_is, parse_time, session_kinds, CreditQuery};
use super::rules::{activity_credit, session_credit, AccrualRuleSet, Credit};
use super::HalfHours;
use crate::db::text;
use crate::error::Result;
use crate::ids::check_year;
use crate::rule_sets::Dated;

/// A member's counted hours of one category: what the report sums, without the credit lines.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryTotal {
    pub member_id: String,
    pub category: String,
    pub half_hours: HalfHours,
}

/// The counted hours of `credits(q)`, summed by member and category without building the
/// credit lines: stored entries are summed by SQL from their index, and the credit of a
/// session or an activity, the same for everyone there, is worked out once and added per
/// head.
pub fn totals(conn: &Connection, q: &CreditQuery) -> Result<Vec<CategoryTotal>> {
    let from = NaiveDate::from_ymd_opt(check_year(q.year)?, 1, 1).expect("a checked year");
    let year_end = NaiveDate::from_ymd_opt(q.year, 12, 31).expect("valid year");
    let until = q.as_of.map_or(year_end, |d| d.min(year_end));
    let member = q.member_id.as_deref();
    let accrual = AccrualRuleSet::history(conn)?;
    let mut sums: HashMap<String, HashMap<String, HalfHours>> = HashMap::new();
    let mut add = |member_id: &str, category: &str, h: HalfHours| {
        let by_category = match sums.get_mut(member_id) {
            Some(m) => m,
            None => sums.entry(member_id.to_string()).or_default(),
        };
        match by_category.get_mut(category) {
            Some(sum) => *sum += h,
            None => {
                by_category.insert(category.to_string(), h);
            }
        }
    };

    let mut stmt = conn.prepare_cached(&format!(
        "SELECT member_id, category, sum(half_hours) FROM study_hour_entry
         WHERE occurred_on >= ?1 AND occurred_on <= ?2 AND {member}
         GROUP BY member_id, category",
        member = member_is("member_id", member)
    ))?;
    let mut rows = stmt.query(params![from, until, member])?;
    while let Some(r) = rows.next()? {
        add(text(r, 0)?, text(r, 1)?, HalfHours(r.get(2)?));
    }
    // Credits a correction stands in for are not counted. (The dates are not used to pick
    // the index: the few corrections are found by theirs.)
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT member_id, session_id, activity_id FROM study_hour_entry
         WHERE replaces_credit = 1 AND +occurred_on >= ?1 AND +occurred_on <= ?2
           AND {member}",
        member = member_is("member_id", member)
    ))?;
    let replaced = stmt
        .query_map(params![from, until, member], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?
                    .or(r.get::<_, Option<String>>(2)?),
            ))
        })?
        .collect::<rusqlite::Result<HashSet<(String, Option<String>)>>>()?;
    let is_replaced = |member_id: &str, source: &str| {
        !replaced.is_empty()
            && replaced.contains(&(member_id.to_string(), Some(source.to_string())))
    };
    // Each (session or activity, member present) row read by `sql` adds the credit of its
    // source, unless a correction stands in for it.
    let mut add_heads = |sql: &str, credit_of: &HashMap<String, Credit>| -> Result<()> {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params![from, until, member])?;
        while let Some(r) = rows.next()? {
            let (source, member_id) = (text(r, 0)?, text(r, 1)?);
            if let Some(credit) = credit_of.get(source) {
                if !is_replaced(member_id, source) {
                    add(member_id, &credit.category, credit.half_hours);
                }
            }
        }
        Ok(())
    };

    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.kind, s.held_on, s.start_time, s.end_time,
                (SELECT group_concat(o.obligation) FROM session_obligation o
                  WHERE o.session_id = s.id) AS counts_for
         FROM session s WHERE s.held_on >= ?1 AND s.held_on <= ?2",
    )?;
    let mut credit_of: HashMap<String, Credit> = HashMap::new();
    let mut rows = stmt.query(params![from, until])?;
    while let Some(r) = rows.next()? {
        let kind: String = r.get(1)?;
        let rules = AccrualRuleSet::in_force(&accrual, r.get(2)?);
        let counts_for: Option<String> = r.get(5)?;
        let counts_for = counts_for.unwrap_or_default();
        let kinds = session_kinds(&kind, &counts_for);
        let (start, end) = (parse_time(r.get(3)?), parse_time(r.get(4)?));
        if let Some(credit) = session_credit(&rules, &kinds, start, end) {
            credit_of.insert(r.get(0)?, credit);
        }
    }
    add_heads(
        &format!(
            "SELECT a.session_id, a.member_id FROM attendance a
             JOIN session s ON s.id = a.session_id
             WHERE a.status = 'present' AND s.held_on >= ?1 AND s.held_on <= ?2 AND {}",
            member_is("a.member_id", member)
        ),
        &credit_of,
    )?;

    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, held_on, start_time, end_time, duration_days FROM activity
         WHERE held_on >= ?1 AND held_on <= ?2",
    )?;
    credit_of.clear();
    let mut rows = stmt.query(params![from, until])?;
    while let Some(r) = rows.next()? {
        let rules = AccrualRuleSet::in_force(&accrual, r.get(2)?);
        let (start, end) = (parse_time(r.get(3)?), parse_time(r.get(4)?));
        if let Some(credit) = activity_credit(&rules, r.get(1)?, start, end, r.get(5)?) {
            credit_of.insert(r.get(0)?, credit);
        }
    }
    add_heads(
        &format!(
            "SELECT p.activity_id, p.member_id FROM activity ac
             JOIN activity_participant p ON p.activity_id = ac.id
             WHERE ac.held_on >= ?1 AND ac.held_on <= ?2 AND {}",
            member_is("p.member_id", member)
        ),
        &credit_of,
    )?;

    let mut out: Vec<CategoryTotal> = sums
        .into_iter()
        .flat_map(|(member_id, by_category)| {
            by_category
                .into_iter()
                .map(move |(category, half_hours)| CategoryTotal {
                    member_id: member_id.clone(),
                    category,
                    half_hours,
                })
        })
        .collect();
    out.sort_by(|a, b| (&a.member_id, &a.category).cmp(&(&b.member_id, &b.category)));
    Ok(out)
}
