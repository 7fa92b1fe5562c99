//! Sessions on disk (their shapes are in record.rs): logging a meeting with its agenda, resolutions and attendance (the roll
//! checked by `roll` against the roster as it stood that day), reading them back (the list is
//! list.rs).

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::record::{
    AgendaItemInput, AttendanceRow, AttendanceStatus, HeadCount, Resolution, ResolutionKind,
    Session, SessionInput, WrittenOpinion,
};
use super::roll::{attendance_rows, expected, judge, stored_rows, Judgement};
use super::rules::Obligation;
use super::votes::{check_resolutions, verdicts, ResolutionVerdict, Verdict};
use crate::change_log;
use crate::error::{Entity, Error, Reason, Result};
use crate::ids::{new_id, parse_required_date, timestamp};
use crate::members::as_of::Rosters;

/// A session's own kind: one of the obligations, or a branch's own kind by name.
pub fn kind_obligation(kind: &str) -> Option<Obligation> {
    kind.parse::<Obligation>()
        .ok()
        .filter(|o| *o != Obligation::SecretaryLecture)
}

/// The Chinese name of a session kind: an obligation's label, or the branch's own kind's name.
pub fn kind_label(kind: &str) -> String {
    kind_obligation(kind).map_or_else(|| kind.to_string(), |o| o.label().to_string())
}

fn parse_time(field: &'static str, text: Option<&str>) -> Result<Option<NaiveTime>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => NaiveTime::parse_from_str(t, "%H:%M")
            .map(Some)
            .map_err(|_| Error::validation(field, Reason::InvalidValue)),
    }
}

/// Logs a session. Everything is checked first; nothing is written if anything is refused.
pub fn add(
    conn: &Connection,
    input: &SessionInput,
    today: NaiveDate,
    actor: &str,
) -> Result<Session> {
    let mut rosters = Rosters::new(conn)?;
    let id = new_id();
    write(conn, &id, input, today, &mut rosters)?;
    change_log::record(conn, actor, "session", &id, "create", input)?;
    get_with(conn, &id, &mut rosters)
}

/// Logs many sessions at once, all or none (the large demo branch, imports of past years):
/// each is checked as `add` checks it, against the roster of its own day, and the first one
/// refused stops the lot with `Error::AtRow` naming its position from 1. Returns the ids.
pub fn add_many(
    conn: &Connection,
    inputs: &[SessionInput],
    today: NaiveDate,
    actor: &str,
) -> Result<Vec<String>> {
    let mut rosters = Rosters::new(conn)?;
    Error::each_row(inputs, |input| {
        let id = new_id();
        write(conn, &id, input, today, &mut rosters)?;
        change_log::record(conn, actor, "session", &id, "create", input)?;
        Ok(id)
    })
}

/// What the session form shows before saving: the session as it would be saved now, and the
/// core's verdict on each resolution of the input, in its order.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SessionPreview {
    #[serde(flatten)]
    pub session: Session,
    /// One per resolution of the input (`null` for one without a title): 通过 / 未通过, or
    /// 无效 with the reason saving would refuse it.
    pub verdicts: Vec<Option<ResolutionVerdict>>,
}

/// What the session would be if saved now: who should attend, head count, quorum, and
/// whether each resolution carries (claims of "passed" are ignored). A resolution whose counts
/// cannot be right does not stop the preview: its verdict says why, and the session is shown
/// without its votes. Nothing is kept.
pub fn preview(
    conn: &Connection,
    input: &SessionInput,
    today: NaiveDate,
) -> Result<SessionPreview> {
    let mut input = input.clone();
    for r in &mut input.resolutions {
        r.passed = false;
    }
    let mut rosters = Rosters::new(conn)?;
    let prepared = prepare(conn, &input, today, &mut rosters)?;
    let verdicts = verdicts(&input.resolutions, &prepared.rows, &prepared.judged)?;
    for (r, v) in input.resolutions.iter_mut().zip(&verdicts) {
        if v.as_ref().is_some_and(|v| v.verdict == Verdict::Invalid) {
            r.votes_for = 0;
            r.votes_against = 0;
            r.votes_abstain = 0;
            r.written.clear();
            r.subject_id = None;
        }
    }
    conn.execute_batch("SAVEPOINT session_preview")?;
    let id = new_id();
    let result = write(conn, &id, &input, today, &mut rosters)
        .and_then(|()| get_with(conn, &id, &mut rosters));
    conn.execute_batch("ROLLBACK TO session_preview; RELEASE session_preview")?;
    Ok(SessionPreview {
        session: result?,
        verdicts,
    })
}

/// The core's verdict on each resolution of a session input, in its order, judged against
/// the roster of its day as saving would judge it.
pub fn resolution_verdicts(
    conn: &Connection,
    input: &SessionInput,
    today: NaiveDate,
) -> Result<Vec<Option<ResolutionVerdict>>> {
    let prepared = prepare(conn, input, today, &mut Rosters::new(conn)?)?;
    verdicts(&input.resolutions, &prepared.rows, &prepared.judged)
}

/// Replaces a session's record (its agenda, resolutions and attendance with it).
pub fn update(
    conn: &Connection,
    id: &str,
    input: &SessionInput,
    today: NaiveDate,
    actor: &str,
) -> Result<Session> {
    let mut rosters = Rosters::new(conn)?;
    get_with(conn, id, &mut rosters)?;
    write(conn, id, input, today, &mut rosters)?;
    change_log::record(conn, actor, "session", id, "update", input)?;
    get_with(conn, id, &mut rosters)
}

/// A session input checked against the roster of its day, before its resolutions are.
struct Prepared {
    kind: String,
    counts_for: Vec<Obligation>,
    held_on: NaiveDate,
    start: Option<NaiveTime>,
    end: Option<NaiveTime>,
    group: Option<String>,
    rows: Vec<AttendanceRow>,
    judged: Judgement,
}

/// Refuses text longer than its limit (src/limits.rs) and votes beyond the most one counts.
fn check_lengths(input: &SessionInput) -> Result<()> {
    use crate::limits::{
        check, LEAVE_REASON, MINUTES, OUTSIDER_NAME, PLACE, SESSION_TITLE, VOTES_MAX,
    };
    check("place", &input.place, PLACE)?;
    check("title", &input.title, SESSION_TITLE)?;
    check("topic", &input.topic, SESSION_TITLE)?;
    check("lecturer", &input.lecturer_name, OUTSIDER_NAME)?;
    check("minutes", &input.minutes, MINUTES)?;
    for a in &input.agenda {
        check("agenda", &a.title, SESSION_TITLE)?;
    }
    for r in &input.resolutions {
        check("resolutions", &r.title, SESSION_TITLE)?;
        if [r.votes_for, r.votes_against, r.votes_abstain]
            .iter()
            .any(|v| *v > VOTES_MAX)
        {
            return Err(Error::validation("resolutions", Reason::InvalidValue));
        }
    }
    for a in &input.attendance {
        check("attendance", &a.reason, LEAVE_REASON)?;
    }
    Ok(())
}

fn prepare(
    conn: &Connection,
    input: &SessionInput,
    today: NaiveDate,
    rosters: &mut Rosters,
) -> Result<Prepared> {
    let kind = super::kinds::resolve(conn, &input.kind)?;
    let own = kind_obligation(&kind);
    let mut counts_for: Vec<Obligation> = own.into_iter().collect();
    for o in &input.also {
        if *o == Obligation::SecretaryLecture {
            return Err(Error::validation("also", Reason::UnknownKind));
        }
        if !counts_for.contains(o) {
            counts_for.push(*o);
        }
    }
    check_lengths(input)?;
    let held_on = parse_required_date("held_on", &input.held_on)?;
    if held_on > today {
        return Err(Error::validation("held_on", Reason::DateInFuture));
    }
    let start = parse_time("start_time", input.start_time.as_deref())?;
    let end = parse_time("end_time", input.end_time.as_deref())?;
    if let (Some(s), Some(e)) = (start, end) {
        if e <= s {
            return Err(Error::validation("end_time", Reason::TimeOrder));
        }
    }
    let group = input.party_group_id.as_deref().filter(|g| !g.is_empty());
    if let Some(g) = group {
        let formed_on: Option<Option<NaiveDate>> = conn
            .query_row(
                "SELECT formed_on FROM party_group WHERE id = ?1",
                [g],
                |r| r.get(0),
            )
            .optional()?;
        match formed_on {
            None => {
                return Err(Error::validation(
                    "party_group_id",
                    Reason::UnknownPartyGroup,
                ))
            }
            // The group did not exist yet: nobody could meet as it.
            Some(Some(formed)) if held_on < formed => {
                return Err(Error::validation("held_on", Reason::BeforeGroupFormed))
            }
            Some(_) => {}
        }
    } else if counts_for.first() == Some(&Obligation::GroupMeeting) {
        return Err(Error::validation("party_group_id", Reason::GroupRequired));
    }
    let lecturer_name = input.lecturer_name.trim();
    if counts_for.contains(&Obligation::PartyLecture)
        && input.lecturer_id.is_none()
        && lecturer_name.is_empty()
    {
        return Err(Error::validation("lecturer", Reason::LecturerRequired));
    }

    let roster = rosters.on(held_on);
    for (field, who) in [
        ("host_id", &input.host_id),
        ("recorder_id", &input.recorder_id),
        ("lecturer", &input.lecturer_id),
    ] {
        if let Some(who) = who {
            if !roster.iter().any(|m| &m.id == who) {
                return Err(Error::validation(field, Reason::NotOnRoster));
            }
        }
    }
    let expected = expected(&roster, &counts_for, group);
    let others = input.others.unwrap_or(AttendanceStatus::Absent);
    let rows = attendance_rows(&roster, &expected, &input.attendance, others)?;
    let has_election = input
        .resolutions
        .iter()
        .any(|r| r.kind == ResolutionKind::Election);
    let judged = judge(&counts_for, &rows, &roster, has_election);
    Ok(Prepared {
        kind,
        counts_for,
        held_on,
        start,
        end,
        group: group.map(String::from),
        rows,
        judged,
    })
}

fn write(
    conn: &Connection,
    id: &str,
    input: &SessionInput,
    today: NaiveDate,
    rosters: &mut Rosters,
) -> Result<()> {
    let Prepared {
        kind,
        counts_for,
        held_on,
        start,
        end,
        group,
        rows,
        judged,
    } = prepare(conn, input, today, rosters)?;
    let kind = kind.as_str();
    let group = group.as_deref();
    let lecturer_name = input.lecturer_name.trim();
    let mut resolutions = check_resolutions(&input.resolutions, &rows, &judged)?;
    for r in &mut resolutions {
        if let Some(subject) = &r.subject_id {
            let name = conn
                .prepare_cached("SELECT name FROM member WHERE id = ?1")?
                .query_row([subject], |row| row.get(0))
                .optional()?
                .ok_or_else(|| Error::validation("subject", Reason::NotOnRoster))?;
            r.subject = Some(name);
        }
    }

    let now = timestamp();
    conn.prepare_cached(
        "INSERT INTO session (id, kind, party_group_id, title, held_on, start_time, end_time, place,
                              host_id, recorder_id, lecturer_id, lecturer_name, topic, minutes,
                              created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)
         ON CONFLICT (id) DO UPDATE SET
           kind = excluded.kind, party_group_id = excluded.party_group_id, title = excluded.title,
           held_on = excluded.held_on, start_time = excluded.start_time, end_time = excluded.end_time,
           place = excluded.place, host_id = excluded.host_id, recorder_id = excluded.recorder_id,
           lecturer_id = excluded.lecturer_id, lecturer_name = excluded.lecturer_name,
           topic = excluded.topic, minutes = excluded.minutes, updated_at = excluded.updated_at",
    )?
    .execute(params![
            id,
            kind,
            group,
            input.title.trim(),
            held_on,
            start.map(|t| t.format("%H:%M").to_string()),
            end.map(|t| t.format("%H:%M").to_string()),
            input.place.trim(),
            input.host_id,
            input.recorder_id,
            input.lecturer_id,
            lecturer_name,
            input.topic.trim(),
            input.minutes,
            now
        ])?;
    for table in [
        "session_written_opinion",
        "session_obligation",
        "session_agenda_item",
        "session_resolution",
        "attendance",
    ] {
        conn.prepare_cached(&format!("DELETE FROM {table} WHERE session_id = ?1"))?
            .execute([id])?;
    }
    for o in &counts_for {
        conn.prepare_cached(
            "INSERT INTO session_obligation (session_id, obligation) VALUES (?1, ?2)",
        )?
        .execute(params![id, o.code()])?;
    }
    for (seq, item) in input
        .agenda
        .iter()
        .filter(|a| !a.title.trim().is_empty())
        .enumerate()
    {
        conn.execute(
            "INSERT INTO session_agenda_item (id, session_id, seq, title, first_topic)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                new_id(),
                id,
                seq as i64,
                item.title.trim(),
                item.first_topic
            ],
        )?;
    }
    for (seq, r) in resolutions.iter().enumerate() {
        let resolution_id = new_id();
        conn.execute(
            "INSERT INTO session_resolution (id, session_id, seq, title, kind, votes_for,
                                             votes_against, votes_abstain, passed, subject_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                resolution_id,
                id,
                seq as i64,
                r.title,
                r.kind,
                r.votes_for,
                r.votes_against,
                r.votes_abstain,
                r.passed,
                r.subject_id
            ],
        )?;
        for w in &r.written {
            conn.prepare_cached(
                "INSERT INTO session_written_opinion (session_id, resolution_id, member_id, opinion)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![id, resolution_id, w.member_id, w.opinion])?;
        }
    }
    for r in &rows {
        conn.prepare_cached(
            "INSERT INTO attendance (session_id, member_id, status, reason) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id, r.member_id, r.status, r.reason])?;
    }
    Ok(())
}

/// Reads a session back, with attendance, head count and quorum recomputed from the roster of
/// its day.
pub fn get(conn: &Connection, id: &str) -> Result<Session> {
    get_with(conn, id, &mut Rosters::new(conn)?)
}

/// `get` for a caller reading many sessions, sharing the rosters of their days.
pub fn get_with(conn: &Connection, id: &str, rosters: &mut Rosters) -> Result<Session> {
    let head = conn
        .query_row(
            "SELECT s.id, s.kind, s.held_on, s.start_time, s.end_time, s.place, s.title,
                    s.party_group_id, g.name AS party_group, s.host_id, s.recorder_id,
                    s.lecturer_id, s.lecturer_name, s.topic, s.minutes
             FROM session s LEFT JOIN party_group g ON g.id = s.party_group_id
             WHERE s.id = ?1",
            [id],
            |r| {
                Ok(Session {
                    id: r.get("id")?,
                    kind_label: kind_label(&r.get::<_, String>("kind")?),
                    kind: r.get("kind")?,
                    counts_for: Vec::new(),
                    held_on: r.get("held_on")?,
                    start_time: r.get("start_time")?,
                    end_time: r.get("end_time")?,
                    place: r.get("place")?,
                    title: r.get("title")?,
                    party_group_id: r.get("party_group_id")?,
                    party_group: r.get("party_group")?,
                    host_id: r.get("host_id")?,
                    recorder_id: r.get("recorder_id")?,
                    lecturer_id: r.get("lecturer_id")?,
                    lecturer_name: r.get("lecturer_name")?,
                    topic: r.get("topic")?,
                    minutes: r.get("minutes")?,
                    agenda: Vec::new(),
                    resolutions: Vec::new(),
                    attendance: Vec::new(),
                    head_count: HeadCount {
                        expected: 0,
                        present: 0,
                        leave: 0,
                        absent: 0,
                    },
                    quorum: None,
                    election_quorum: None,
                    obligations: Vec::new(),
                })
            },
        )
        .optional()?;
    let mut s = head.ok_or_else(|| Error::not_found(Entity::Session, id))?;
    s.counts_for = counts_for(&s.kind, counts_for_of(conn, id)?);

    let mut stmt = conn.prepare_cached(
        "SELECT title, first_topic FROM session_agenda_item WHERE session_id = ?1 ORDER BY seq",
    )?;
    s.agenda = stmt
        .query_map([id], |r| {
            Ok(AgendaItemInput {
                title: r.get(0)?,
                first_topic: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT w.resolution_id, w.member_id, m.name, w.opinion FROM session_written_opinion w
         JOIN member m ON m.id = w.member_id WHERE w.session_id = ?1 ORDER BY {name}, m.id",
        name = crate::collate::sql_key("m.name")
    ))?;
    let mut written: Vec<(String, WrittenOpinion)> = stmt
        .query_map([id], |r| {
            Ok((
                r.get(0)?,
                WrittenOpinion {
                    member_id: r.get(1)?,
                    member: r.get(2)?,
                    opinion: r.get(3)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.title, r.kind, r.votes_for, r.votes_against, r.votes_abstain, r.passed,
                r.subject_id, m.name AS subject
         FROM session_resolution r LEFT JOIN member m ON m.id = r.subject_id
         WHERE r.session_id = ?1 ORDER BY r.seq",
    )?;
    s.resolutions = stmt
        .query_map([id], |r| {
            let resolution_id: String = r.get(0)?;
            let (mine, rest) = std::mem::take(&mut written)
                .into_iter()
                .partition(|(of, _)| *of == resolution_id);
            written = rest;
            Ok(Resolution {
                title: r.get(1)?,
                kind: r.get(2)?,
                votes_for: r.get(3)?,
                votes_against: r.get(4)?,
                votes_abstain: r.get(5)?,
                written: mine.into_iter().map(|(_, w)| w).collect::<Vec<_>>(),
                passed: r.get(6)?,
                subject_id: r.get(7)?,
                subject: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    let roster = rosters.on(s.held_on);
    let mut stmt = conn.prepare_cached(
        "SELECT a.member_id, m.name, a.status, a.reason FROM attendance a
         JOIN member m ON m.id = a.member_id WHERE a.session_id = ?1",
    )?;
    let stored = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, AttendanceStatus>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let rows = stored_rows(&roster, &s.counts_for, s.party_group_id.as_deref(), stored);
    let counted: Vec<_> = rows.iter().filter(|r| r.counted()).collect();
    let count = |st| counted.iter().filter(|r| r.status == st).count() as u32;
    s.head_count = HeadCount {
        expected: counted.len() as u32,
        present: count(AttendanceStatus::Present),
        leave: count(AttendanceStatus::Leave),
        absent: count(AttendanceStatus::Absent),
    };
    let has_election = s
        .resolutions
        .iter()
        .any(|r| r.kind == ResolutionKind::Election);
    let judged = judge(&s.counts_for, &rows, &roster, has_election);
    s.quorum = judged.quorum;
    s.election_quorum = judged.election_quorum;
    s.obligations = judged.obligations;
    s.attendance = rows;
    Ok(s)
}

/// What a session of `kind` counts for, given every obligation stored for it: its own kind
/// first, then the others in their order.
pub(super) fn counts_for(kind: &str, mut stored: Vec<Obligation>) -> Vec<Obligation> {
    let own = kind_obligation(kind);
    stored.sort();
    stored.retain(|o| Some(*o) != own);
    own.into_iter().chain(stored).collect()
}

fn counts_for_of(conn: &Connection, id: &str) -> Result<Vec<Obligation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT obligation FROM session_obligation WHERE session_id = ?1 ORDER BY obligation",
    )?;
    let list = stmt
        .query_map([id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut list: Vec<Obligation> = list.iter().filter_map(|o| o.parse().ok()).collect();
    list.sort();
    Ok(list)
}
