//! A member's 学时 credits: the credits attended sessions and activities earn (computed from attendance by
//! the accrual rules in force on their day), and the entries kept in `study_hour_entry`
//! (manual, imported, and corrections that replace one credit).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rules::{activity_credit, session_credit, AccrualRuleSet, Credit, TargetRuleSet};
use super::{category_code, category_label, EntrySource, HalfHours};
use crate::activities::ActivityKind;
use crate::change_log;
use crate::error::{Entity, Error, Reason, Result};
use crate::ids::{check_year, new_id, parse_required_date, timestamp};
use crate::rule_sets::Dated;
use crate::sessions::kind_label;

/// The most hours one entry may carry (an online platform's yearly total fits).
pub const MAX_ENTRY_HOURS: u32 = crate::limits::ENTRY_HOURS_MAX;

/// A manual or imported entry, or a correction of one credit.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct EntryInput {
    pub member_id: String,
    pub occurred_on: String,
    pub hours: f64,
    /// A category code or the branch's own category.
    pub category: String,
    /// The session or activity the hours came from, if any.
    pub session_id: Option<String>,
    pub activity_id: Option<String>,
    /// Replace what attending that session or activity credited, instead of adding to it;
    /// the note gives the reason.
    pub replaces_credit: bool,
    pub note: String,
    /// Who entered it (the secretary's name); the app or the command line when empty.
    pub entered_by: String,
}

/// One line of a member's credits.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CreditEntry {
    /// The stored entry's id; none for a credit computed from attendance.
    pub id: Option<String>,
    pub member_id: String,
    pub member_name: String,
    pub occurred_on: NaiveDate,
    pub hours: f64,
    pub category: String,
    pub category_label: String,
    pub source: EntrySource,
    pub session_id: Option<String>,
    pub activity_id: Option<String>,
    /// What the hours came from: "主题党日 · 学习二十届四中全会精神", "学思行微讲堂 第19期".
    pub origin: String,
    pub note: String,
    pub entered_by: String,
    /// A correction that stands in place of the credit of its session or activity.
    pub replaces_credit: bool,
    /// A credit a correction stands in for: shown, not counted.
    pub replaced: bool,
    /// Counts toward the year's target: not replaced, and of a category the year's targets
    /// count (学习强国 and 自学 are shown, not counted, by default).
    pub counted: bool,
}

impl CreditEntry {
    /// Not replaced by a correction: part of the member's recorded hours.
    pub fn counts(&self) -> bool {
        !self.replaced
    }

    pub fn half_hours(&self) -> HalfHours {
        HalfHours::rounded(self.hours)
    }

    /// A credit computed from attending a session or taking part in an activity.
    fn earned(
        earned: Earned,
        member_id: String,
        member_name: String,
        occurred_on: NaiveDate,
        credit: Credit,
        origin: String,
    ) -> Self {
        let (source, session_id, activity_id) = match earned {
            Earned::Session(id) => (EntrySource::Attendance, Some(id), None),
            Earned::Activity(id) => (EntrySource::Activity, None, Some(id)),
        };
        CreditEntry {
            id: None,
            member_id,
            member_name,
            occurred_on,
            hours: credit.half_hours.hours(),
            category_label: category_label(&credit.category),
            category: credit.category,
            source,
            session_id,
            activity_id,
            origin,
            note: String::new(),
            entered_by: String::new(),
            replaces_credit: false,
            replaced: false,
            counted: false,
        }
    }
}

/// What earned a computed credit: the session attended or the activity taken part in (its id).
enum Earned {
    Session(String),
    Activity(String),
}

/// Where a session's hours came from: "主题党日 · 学习二十届四中全会精神", or the kind alone.
fn session_origin(kind: &str, about: &str) -> String {
    if about.is_empty() {
        kind_label(kind)
    } else {
        format!("{} · {about}", kind_label(kind))
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct CreditQuery {
    pub member_id: Option<String>,
    pub year: i32,
    /// Leave out what happened after this day (default: the year's end).
    pub as_of: Option<NaiveDate>,
}

/// A session's kinds for the accrual rules: its own kind first, then the other obligations it
/// counts for (`counts_for` as the comma list `group_concat` gives).
pub(super) fn session_kinds<'a>(kind: &'a str, counts_for: &'a str) -> Vec<&'a str> {
    let mut kinds = vec![kind];
    kinds.extend(
        counts_for
            .split(',')
            .filter(|k| !k.is_empty() && *k != kind),
    );
    kinds
}

pub(super) fn parse_time(text: Option<String>) -> Option<NaiveTime> {
    text.and_then(|t| NaiveTime::parse_from_str(&t, "%H:%M").ok())
}

/// The credits of one member or of everyone for a year, up to `as_of`, oldest first.
pub fn credits(conn: &Connection, q: &CreditQuery) -> Result<Vec<CreditEntry>> {
    let from = NaiveDate::from_ymd_opt(check_year(q.year)?, 1, 1).expect("a checked year");
    let year_end = NaiveDate::from_ymd_opt(q.year, 12, 31).expect("valid year");
    let until = q.as_of.map_or(year_end, |d| d.min(year_end));
    let member = q.member_id.as_deref();
    let accrual = AccrualRuleSet::history(conn)?;

    let mut entries = stored_entries(conn, from, until, member)?;
    let replaced: Vec<(String, Option<String>, Option<String>)> = entries
        .iter()
        .filter(|e| e.replaces_credit)
        .map(|e| {
            (
                e.member_id.clone(),
                e.session_id.clone(),
                e.activity_id.clone(),
            )
        })
        .collect();
    let mut credits = session_credits(conn, &accrual, from, until, member)?;
    credits.extend(activity_credits(conn, &accrual, from, until, member)?);
    for c in &mut credits {
        c.replaced = replaced.iter().any(|(m, s, a)| {
            *m == c.member_id
                && ((s.is_some() && *s == c.session_id) || (a.is_some() && *a == c.activity_id))
        });
    }
    entries.extend(credits);
    let targets = TargetRuleSet::for_year(&TargetRuleSet::history(conn)?, q.year);
    for e in &mut entries {
        e.counted = !e.replaced && targets.counts(&e.category);
    }
    // By day, then the people of a day in the branch's name order: each name's rank among
    // the names, worked out once.
    let order = crate::collate::name_order(conn)?;
    let mut names: Vec<&str> = entries.iter().map(|e| e.member_name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    crate::collate::sort_by_name(&mut names, order, |n| n);
    let rank: HashMap<String, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.to_string(), i))
        .collect();
    entries.sort_by_cached_key(|e| (e.occurred_on, rank[&e.member_name], e.source));
    Ok(entries)
}

fn session_credits(
    conn: &Connection,
    accrual: &[AccrualRuleSet],
    from: NaiveDate,
    until: NaiveDate,
    member: Option<&str>,
) -> Result<Vec<CreditEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.id, s.kind, s.held_on, s.start_time, s.end_time, s.topic, s.title,
                a.member_id, m.name,
                (SELECT group_concat(o.obligation) FROM session_obligation o
                  WHERE o.session_id = s.id) AS counts_for
         FROM attendance a
         JOIN session s ON s.id = a.session_id
         JOIN member m ON m.id = a.member_id
         WHERE a.status = 'present' AND s.held_on >= ?1 AND s.held_on <= ?2
           AND {member}",
        member = member_is("a.member_id", member)
    ))?;
    let rows = stmt.query_map(params![from, until, member], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, NaiveDate>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, String>(8)?,
            r.get::<_, Option<String>>(9)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, kind, held_on, start, end, topic, title, member_id, name, counts_for) = row?;
        let rules = AccrualRuleSet::in_force(accrual, held_on);
        let counts_for = counts_for.unwrap_or_default();
        let kinds = session_kinds(&kind, &counts_for);
        let Some(credit) = session_credit(&rules, &kinds, parse_time(start), parse_time(end))
        else {
            continue;
        };
        let about = if topic.is_empty() { title } else { topic };
        let origin = session_origin(&kind, &about);
        let earned = Earned::Session(id);
        out.push(CreditEntry::earned(
            earned, member_id, name, held_on, credit, origin,
        ));
    }
    Ok(out)
}

fn activity_credits(
    conn: &Connection,
    accrual: &[AccrualRuleSet],
    from: NaiveDate,
    until: NaiveDate,
    member: Option<&str>,
) -> Result<Vec<CreditEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT ac.id, ac.kind, ac.held_on, ac.start_time, ac.end_time, ac.duration_days,
                ac.series, ac.issue_no, ac.title, p.member_id, m.name
         FROM activity_participant p
         JOIN activity ac ON ac.id = p.activity_id
         JOIN member m ON m.id = p.member_id
         WHERE ac.held_on >= ?1 AND ac.held_on <= ?2 AND {member}",
        member = member_is("p.member_id", member)
    ))?;
    let rows = stmt.query_map(params![from, until, member], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, ActivityKind>(1)?,
            r.get::<_, NaiveDate>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<u32>>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<u32>>(7)?,
            r.get::<_, String>(8)?,
            r.get::<_, String>(9)?,
            r.get::<_, String>(10)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, kind, held_on, start, end, days, series, issue_no, title, member_id, name) = row?;
        let rules = AccrualRuleSet::in_force(accrual, held_on);
        let Some(credit) = activity_credit(&rules, kind, parse_time(start), parse_time(end), days)
        else {
            continue;
        };
        let origin = match (series.as_str(), issue_no) {
            ("", _) | (_, None) => format!("{} · {title}", kind.label()),
            (series, Some(n)) => format!("{series} 第{n}期"),
        };
        let earned = Earned::Activity(id);
        out.push(CreditEntry::earned(
            earned, member_id, name, held_on, credit, origin,
        ));
    }
    Ok(out)
}

fn stored_entries(
    conn: &Connection,
    from: NaiveDate,
    until: NaiveDate,
    member: Option<&str>,
) -> Result<Vec<CreditEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT e.id, e.member_id, m.name, e.occurred_on, e.half_hours, e.category, e.source,
                e.session_id, e.activity_id, e.note, e.entered_by, e.replaces_credit,
                s.kind AS session_kind, coalesce(s.topic, '') AS session_topic,
                ac.series, ac.issue_no, ac.title AS activity_title
         FROM study_hour_entry e
         JOIN member m ON m.id = e.member_id
         LEFT JOIN session s ON s.id = e.session_id
         LEFT JOIN activity ac ON ac.id = e.activity_id
         WHERE e.occurred_on >= ?1 AND e.occurred_on <= ?2 AND {member}",
        member = member_is("e.member_id", member)
    ))?;
    let rows = stmt.query_map(params![from, until, member], |r| {
        let category: String = r.get("category")?;
        let origin = match (
            r.get::<_, Option<String>>("session_kind")?,
            r.get::<_, Option<String>>("series")?,
        ) {
            (Some(kind), _) => session_origin(&kind, &r.get::<_, String>("session_topic")?),
            (None, Some(series)) => crate::activities::display_name(
                &series,
                r.get("issue_no")?,
                &r.get::<_, String>("activity_title")?,
            ),
            (None, None) => String::new(),
        };
        Ok(CreditEntry {
            id: Some(r.get("id")?),
            member_id: r.get("member_id")?,
            member_name: r.get("name")?,
            occurred_on: r.get("occurred_on")?,
            hours: HalfHours(r.get("half_hours")?).hours(),
            category_label: category_label(&category),
            category,
            source: r.get("source")?,
            session_id: r.get("session_id")?,
            activity_id: r.get("activity_id")?,
            origin,
            note: r.get("note")?,
            entered_by: r.get("entered_by")?,
            replaces_credit: r.get("replaces_credit")?,
            replaced: false,
            counted: false,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Checks an entry against the records and returns its date, hours and category as stored.
pub fn checked_entry(
    conn: &Connection,
    input: &EntryInput,
    today: NaiveDate,
) -> Result<(NaiveDate, HalfHours, String)> {
    let member: Option<(Option<NaiveDate>, NaiveDate)> = conn
        .prepare_cached("SELECT archived_on, birth_date FROM member WHERE id = ?1")?
        .query_row([&input.member_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((archived_on, birth_date)) = member else {
        if input.member_id.trim().is_empty() {
            return Err(Error::validation("member_id", Reason::Required));
        }
        return Err(Error::not_found(Entity::Member, &input.member_id));
    };
    let date = parse_required_date("occurred_on", &input.occurred_on)?;
    if date > today {
        return Err(Error::validation("occurred_on", Reason::DateInFuture));
    }
    if date < birth_date {
        return Err(Error::validation("occurred_on", Reason::BeforeBirth));
    }
    // 学时 before the branch existed are not its records; before its 开始登记日期 they are
    // 补登 of sessions held then, as sessions themselves may be, so those are kept.
    let founded_on: Option<NaiveDate> = conn
        .prepare_cached("SELECT founded_on FROM branch")?
        .query_row([], |r| r.get(0))
        .optional()?
        .flatten();
    if founded_on.is_some_and(|f| date < f) {
        return Err(Error::validation("occurred_on", Reason::BeforeFounding));
    }
    if archived_on.is_some_and(|a| a <= date) {
        return Err(Error::validation("member_id", Reason::NotOnRoster));
    }
    let hours = super::entry_hours(input.hours, input.replaces_credit)?;
    let category = category_code(&input.category)?;
    crate::limits::check("note", &input.note, crate::limits::NOTE)?;
    crate::limits::check("entered_by", &input.entered_by, crate::limits::ENTERED_BY)?;
    if input.session_id.is_some() && input.activity_id.is_some() {
        return Err(Error::validation("session_id", Reason::InvalidValue));
    }
    if let Some(id) = &input.session_id {
        let found: Option<NaiveDate> = conn
            .query_row("SELECT held_on FROM session WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        found.ok_or_else(|| Error::not_found(Entity::Session, id))?;
    }
    if let Some(id) = &input.activity_id {
        let found: Option<NaiveDate> = conn
            .query_row("SELECT held_on FROM activity WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        found.ok_or_else(|| Error::not_found(Entity::Activity, id))?;
    }
    if input.replaces_credit {
        if input.session_id.is_none() && input.activity_id.is_none() {
            return Err(Error::validation(
                "replaces_credit",
                Reason::CorrectionNeedsSource,
            ));
        }
        if input.note.trim().is_empty() {
            return Err(Error::validation("note", Reason::CorrectionNeedsReason));
        }
        let already: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM study_hour_entry WHERE member_id = ?1
               AND replaces_credit = 1 AND (session_id IS ?2 AND activity_id IS ?3))",
            params![input.member_id, input.session_id, input.activity_id],
            |r| r.get(0),
        )?;
        if already {
            return Err(Error::Conflict {
                reason: Reason::CreditAlreadyCorrected,
            });
        }
    }
    Ok((date, hours, category))
}

fn insert(
    conn: &Connection,
    input: &EntryInput,
    source: EntrySource,
    today: NaiveDate,
    actor: &str,
) -> Result<String> {
    let (date, hours, category) = checked_entry(conn, input, today)?;
    let id = new_id();
    conn.prepare_cached(
        "INSERT INTO study_hour_entry (id, member_id, occurred_on, half_hours, category, source,
           session_id, activity_id, note, entered_by, replaces_credit, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        id,
        input.member_id,
        date,
        hours.0,
        category,
        source,
        input.session_id,
        input.activity_id,
        input.note.trim(),
        if input.entered_by.trim().is_empty() {
            actor
        } else {
            input.entered_by.trim()
        },
        input.replaces_credit,
        timestamp()
    ])?;
    change_log::record(conn, actor, "study_hour_entry", &id, "add", input)?;
    Ok(id)
}

/// Adds one manual entry (or correction); returns its id.
pub fn add_entry(
    conn: &Connection,
    input: &EntryInput,
    today: NaiveDate,
    actor: &str,
) -> Result<String> {
    insert(conn, input, EntrySource::Manual, today, actor)
}

/// Adds entries all or none (bulk credit, imports): the first refused entry stops the lot
/// with `Error::AtRow` naming its position from 1 (the caller's write then keeps nothing).
pub fn add_entries(
    conn: &Connection,
    inputs: &[EntryInput],
    source: EntrySource,
    today: NaiveDate,
    actor: &str,
) -> Result<Vec<String>> {
    Error::each_row(inputs, |input| insert(conn, input, source, today, actor))
}

/// Removes a stored entry (entered by mistake); the change log keeps what it was. Credits
/// from attendance are corrected through the attendance, or replaced by a correction.
pub fn delete_entry(conn: &Connection, id: &str, actor: &str) -> Result<()> {
    let row: Option<(String, String, u32, String, String)> = conn
        .query_row(
            "SELECT member_id, occurred_on, half_hours, category, note FROM study_hour_entry
             WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((member_id, occurred_on, half_hours, category, note)) = row else {
        return Err(Error::not_found(Entity::StudyEntry, id));
    };
    conn.execute("DELETE FROM study_hour_entry WHERE id = ?1", [id])?;
    let was = serde_json::json!({
        "member_id": member_id, "occurred_on": occurred_on,
        "hours": HalfHours(half_hours).hours(), "category": category, "note": note,
    });
    change_log::record(conn, actor, "study_hour_entry", id, "delete", &was)?;
    Ok(())
}

/// The condition on a member column for queries of one member or of everyone (`?3`), written
/// so that one member's query can use the member's index.
pub(super) fn member_is(column: &str, member: Option<&str>) -> String {
    match member {
        Some(_) => format!("{column} = ?3"),
        None => "?3 IS NULL".into(),
    }
}
