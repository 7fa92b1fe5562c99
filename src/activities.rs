//! Activities beyond the obligations: lecture series with numbered issues (微讲堂 第20期),
//! reading salons, 诵经典, study trips, volunteer service, with who took part.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::change_log;
use crate::code_enum;
use crate::db::Filter;
use crate::error::{Entity, Error, Reason, Result};
use crate::ids::{new_id, parse_required_date, timestamp};
use crate::members::as_of::Rosters;

code_enum!(
    /// What kind of activity.
    ActivityKind {
        LectureSeries = "lecture_series" / "讲堂" | "微讲堂" | "大讲堂",
        ReadingSalon = "reading_salon" / "读书分享会",
        ClassicsRecital = "classics_recital" / "诵经典",
        StudyTrip = "study_trip" / "外出学习",
        VolunteerService = "volunteer_service" / "志愿服务",
        Other = "other" / "其他活动",
    }
);

code_enum!(
    /// How a member took part.
    ParticipantRole {
        Participant = "participant" / "参加",
        Speaker = "speaker" / "主讲",
        Sharer = "sharer" / "分享",
        Sent = "sent" / "选派",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ParticipantInput {
    pub member_id: String,
    pub role: ParticipantRole,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ActivityInput {
    pub kind: Option<ActivityKind>,
    /// The series it belongs to (微讲堂, 政务服务大讲堂, 诵经典); empty for a one-off.
    pub series: String,
    /// 第N期; left empty, a series activity gets the next number.
    pub issue_no: Option<u32>,
    pub title: String,
    pub held_on: String,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub place: String,
    pub description: String,
    /// 读书分享会: the book and its author.
    pub book: String,
    pub author: String,
    /// 外出学习: where, and for how many days.
    pub destination: String,
    pub duration_days: Option<u32>,
    pub participants: Vec<ParticipantInput>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Participant {
    pub member_id: String,
    pub name: String,
    pub role: ParticipantRole,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Activity {
    pub id: String,
    pub kind: ActivityKind,
    pub series: String,
    pub issue_no: Option<u32>,
    pub title: String,
    pub held_on: NaiveDate,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub place: String,
    pub description: String,
    pub book: String,
    pub author: String,
    pub destination: String,
    pub duration_days: Option<u32>,
    pub participants: Vec<Participant>,
}

impl Activity {
    /// "微讲堂 第20期" for a series issue, else the title.
    pub fn display_name(&self) -> String {
        display_name(&self.series, self.issue_no, &self.title)
    }
}

/// An activity's name as lists show it: "微讲堂 第20期" for a series issue, else the title.
pub fn display_name(series: &str, issue_no: Option<u32>, title: &str) -> String {
    match (series, issue_no) {
        ("", _) | (_, None) => title.to_string(),
        (series, Some(n)) => format!("{series} 第{n}期"),
    }
}

/// A series and how many activities it has had.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SeriesUse {
    pub series: String,
    pub count: u32,
}

/// What the activities page offers to choose from: the series used and the years that have
/// activities, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ActivityFacets {
    pub series: Vec<SeriesUse>,
    pub years: Vec<i32>,
}

/// The series and years of all activities, read from the indexes on the series and the day
/// instead of from every activity with its participants.
pub fn facets(conn: &Connection) -> Result<ActivityFacets> {
    let mut stmt = conn.prepare_cached(
        "SELECT series, count(*) FROM activity WHERE series <> '' GROUP BY series ORDER BY series",
    )?;
    let series = stmt
        .query_map([], |r| {
            Ok(SeriesUse {
                series: r.get(0)?,
                count: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT CAST(substr(held_on, 1, 4) AS INTEGER) FROM activity ORDER BY 1 DESC",
    )?;
    let years = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ActivityFacets { series, years })
}

/// The number the next activity of `series` gets.
pub fn next_issue_no(conn: &Connection, series: &str) -> Result<u32> {
    let max: Option<u32> = conn.query_row(
        "SELECT max(issue_no) FROM activity WHERE series = ?1",
        [series.trim()],
        |r| r.get(0),
    )?;
    Ok(max.unwrap_or(0) + 1)
}

pub fn add(
    conn: &Connection,
    input: &ActivityInput,
    today: NaiveDate,
    actor: &str,
) -> Result<Activity> {
    let id = insert(conn, input, today, actor, &mut Rosters::new(conn)?)?;
    get(conn, &id)
}

/// Logs many activities at once, all or none: each is checked as `add` checks it, and the
/// first one refused stops the lot with `Error::AtRow` naming its position from 1. Returns
/// the ids.
pub fn add_many(
    conn: &Connection,
    inputs: &[ActivityInput],
    today: NaiveDate,
    actor: &str,
) -> Result<Vec<String>> {
    let mut rosters = Rosters::new(conn)?;
    Error::each_row(inputs, |input| {
        insert(conn, input, today, actor, &mut rosters)
    })
}

/// Changes a saved activity: the same checks as `add` (its own 期 number does not count as
/// taken), the participants replaced by those given, the input logged so that its history
/// shows field by field what changed. A refused edit leaves the activity as it was.
pub fn update(
    conn: &Connection,
    id: &str,
    input: &ActivityInput,
    today: NaiveDate,
    actor: &str,
) -> Result<Activity> {
    let before = get(conn, id)?;
    write(conn, Some(&before), input, today, &mut Rosters::new(conn)?)?;
    change_log::record(conn, actor, "activity", id, "update", input)?;
    get(conn, id)
}

fn insert(
    conn: &Connection,
    input: &ActivityInput,
    today: NaiveDate,
    actor: &str,
    rosters: &mut Rosters,
) -> Result<String> {
    let id = write(conn, None, input, today, rosters)?;
    change_log::record(conn, actor, "activity", &id, "create", input)?;
    Ok(id)
}

/// Checks `input` and stores it as a new activity, or over `existing`; returns the id.
fn write(
    conn: &Connection,
    existing: Option<&Activity>,
    input: &ActivityInput,
    today: NaiveDate,
    rosters: &mut Rosters,
) -> Result<String> {
    let own_id = existing.map_or("", |a| a.id.as_str());
    let kind = input
        .kind
        .ok_or_else(|| Error::validation("kind", Reason::Required))?;
    let title =
        crate::names::clean_name("title", &input.title, crate::limits::ACTIVITY_TITLE, false)?;
    let series = crate::names::clean_name(
        "series",
        &input.series,
        crate::limits::ACTIVITY_SERIES,
        false,
    )?;
    if title.is_empty() && series.is_empty() {
        return Err(Error::validation("title", Reason::Required));
    }
    {
        use crate::limits::{check, BOOK, DESCRIPTION, DESTINATION, OUTSIDER_NAME, PLACE};
        check("place", &input.place, PLACE)?;
        check("description", &input.description, DESCRIPTION)?;
        check("book", &input.book, BOOK)?;
        check("author", &input.author, OUTSIDER_NAME)?;
        check("destination", &input.destination, DESTINATION)?;
    }
    if input
        .duration_days
        .is_some_and(|d| d > crate::limits::DURATION_DAYS_MAX)
    {
        return Err(Error::validation("duration_days", Reason::InvalidValue));
    }
    let held_on = parse_required_date("held_on", &input.held_on)?;
    if held_on > today {
        return Err(Error::validation("held_on", Reason::DateInFuture));
    }
    let issue_no = match (series.is_empty(), input.issue_no) {
        (true, _) => None,
        (false, Some(n)) if n == 0 || n > crate::limits::ISSUE_NO_MAX => {
            return Err(Error::validation("issue_no", Reason::InvalidValue))
        }
        (false, Some(n)) => {
            let taken: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM activity
                                WHERE series = ?1 AND issue_no = ?2 AND id <> ?3)",
                params![series, n, own_id],
                |r| r.get(0),
            )?;
            if taken {
                return Err(Error::validation("issue_no", Reason::IssueNoTaken));
            }
            Some(n)
        }
        // An edit that keeps the series keeps its number.
        (false, None) => match existing {
            Some(a) if a.series == series && a.issue_no.is_some() => a.issue_no,
            _ => Some(next_issue_no(conn, &series)?),
        },
    };
    let roster = rosters.on(held_on);
    let on_roster: HashSet<&str> = roster.iter().map(|m| m.id.as_str()).collect();
    let mut seen = HashSet::new();
    for p in &input.participants {
        if !seen.insert(p.member_id.as_str()) {
            return Err(Error::validation(
                "participants",
                Reason::DuplicateAttendance,
            ));
        }
        if !on_roster.contains(p.member_id.as_str()) {
            return Err(Error::validation("participants", Reason::NotOnRoster));
        }
    }
    let id = existing.map_or_else(new_id, |a| a.id.clone());
    let now = timestamp();
    conn.prepare_cached(
        "INSERT INTO activity (id, kind, series, issue_no, title, held_on, start_time, end_time,
                               place, description, book, author, destination, duration_days,
                               created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)
         ON CONFLICT (id) DO UPDATE SET
           kind = excluded.kind, series = excluded.series, issue_no = excluded.issue_no,
           title = excluded.title, held_on = excluded.held_on, start_time = excluded.start_time,
           end_time = excluded.end_time, place = excluded.place,
           description = excluded.description, book = excluded.book, author = excluded.author,
           destination = excluded.destination, duration_days = excluded.duration_days,
           updated_at = excluded.updated_at",
    )?
    .execute(params![
        id,
        kind,
        series,
        issue_no,
        title,
        held_on,
        input
            .start_time
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty()),
        input
            .end_time
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty()),
        input.place.trim(),
        input.description.trim(),
        input.book.trim(),
        input.author.trim(),
        input.destination.trim(),
        input.duration_days,
        now
    ])?;
    if existing.is_some() {
        conn.prepare_cached("DELETE FROM activity_participant WHERE activity_id = ?1")?
            .execute([&id])?;
    }
    let mut insert = conn.prepare_cached(
        "INSERT INTO activity_participant (activity_id, member_id, role) VALUES (?1, ?2, ?3)",
    )?;
    for p in &input.participants {
        insert.execute(params![id, p.member_id, p.role])?;
    }
    Ok(id)
}

const COLUMNS: &str = "id, kind, series, issue_no, title, held_on, start_time, end_time, place,
                       description, book, author, destination, duration_days";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Activity> {
    Ok(Activity {
        id: r.get("id")?,
        kind: r.get("kind")?,
        series: r.get("series")?,
        issue_no: r.get("issue_no")?,
        title: r.get("title")?,
        held_on: r.get("held_on")?,
        start_time: r.get("start_time")?,
        end_time: r.get("end_time")?,
        place: r.get("place")?,
        description: r.get("description")?,
        book: r.get("book")?,
        author: r.get("author")?,
        destination: r.get("destination")?,
        duration_days: r.get("duration_days")?,
        participants: Vec::new(),
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Activity> {
    let mut a = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM activity WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Activity, id))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.member_id, m.name, p.role FROM activity_participant p
         JOIN member m ON m.id = p.member_id WHERE p.activity_id = ?1 ORDER BY {name}",
        name = crate::collate::sql_key("m.name")
    ))?;
    a.participants = stmt
        .query_map([id], |r| {
            Ok(Participant {
                member_id: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(a)
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ActivityQuery {
    pub kind: Option<ActivityKind>,
    pub series: Option<String>,
    pub year: Option<i32>,
    /// Only activities this member took part in.
    pub member_id: Option<String>,
}

/// The conditions of a query, only those asked for, so that the index on the day serves a
/// year.
fn filter(q: &ActivityQuery) -> Filter {
    let mut f = Filter::default();
    if let Some(kind) = q.kind {
        f.and("a.kind = ?", kind.code());
    }
    if let Some(series) = &q.series {
        f.and("a.series = ?", series.trim());
    }
    if let Some(y) = q.year {
        let (first, last) = crate::ids::year_bounds(y);
        f.and("a.held_on >= ?", first);
        f.and("a.held_on <= ?", last);
    }
    if let Some(member) = &q.member_id {
        f.and(
            "EXISTS (SELECT 1 FROM activity_participant x
                     WHERE x.activity_id = a.id AND x.member_id = ?)",
            member.as_str(),
        );
    }
    f
}

/// Activities, newest first, with their participants: two queries, the activities and then
/// everyone who took part in them, whatever the number of activities.
pub fn list(conn: &Connection, q: &ActivityQuery) -> Result<Vec<Activity>> {
    if let Some(year) = q.year {
        crate::ids::check_year(year)?;
    }
    let f = filter(q);
    let filter = f.sql();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM activity a WHERE {filter} ORDER BY held_on DESC, created_at DESC"
    ))?;
    let mut list: Vec<Activity> = stmt
        .query_map(f.params(), from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.activity_id, p.member_id, m.name, p.role FROM activity a
         JOIN activity_participant p ON p.activity_id = a.id
         JOIN member m ON m.id = p.member_id
         WHERE {filter} ORDER BY {name}",
        name = crate::collate::sql_key("m.name")
    ))?;
    let mut participants: HashMap<String, Vec<Participant>> = HashMap::new();
    let mut rows = stmt.query(f.params())?;
    while let Some(r) = rows.next()? {
        let activity_id = crate::db::text(r, 0)?;
        let list = match participants.get_mut(activity_id) {
            Some(list) => list,
            None => participants.entry(activity_id.to_string()).or_default(),
        };
        list.push(Participant {
            member_id: r.get(1)?,
            name: r.get(2)?,
            role: r.get(3)?,
        });
    }
    for a in &mut list {
        a.participants = participants.remove(&a.id).unwrap_or_default();
    }
    Ok(list)
}

/// One line of a list of activities: what and when, how many took part and, when the list
/// is one member's, how that member took part. The participants themselves come with
/// [`get`] when the activity is opened.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ActivitySummary {
    pub id: String,
    pub kind: ActivityKind,
    pub series: String,
    pub issue_no: Option<u32>,
    pub title: String,
    pub held_on: NaiveDate,
    pub place: String,
    pub participant_count: u32,
    /// The asked member's role; null when the query names no member.
    pub role: Option<ParticipantRole>,
}

/// Activities, newest first, as summaries: one query, the head counts read from the
/// participants' primary key instead of the participants being sent.
pub fn summaries(conn: &Connection, q: &ActivityQuery) -> Result<Vec<ActivitySummary>> {
    let mut f = filter(q);
    let role = match &q.member_id {
        Some(member) => format!(
            "(SELECT role FROM activity_participant x
              WHERE x.activity_id = a.id AND x.member_id = {})",
            f.param(member.as_str())
        ),
        None => "NULL".into(),
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.id, a.kind, a.series, a.issue_no, a.title, a.held_on, a.place,
                (SELECT count(*) FROM activity_participant p WHERE p.activity_id = a.id),
                {role}
         FROM activity a WHERE {} ORDER BY a.held_on DESC, a.created_at DESC",
        f.sql()
    ))?;
    let list = stmt
        .query_map(f.params(), |r| {
            Ok(ActivitySummary {
                id: r.get(0)?,
                kind: r.get(1)?,
                series: r.get(2)?,
                issue_no: r.get(3)?,
                title: r.get(4)?,
                held_on: r.get(5)?,
                place: r.get(6)?,
                participant_count: r.get(7)?,
                role: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(list)
}
