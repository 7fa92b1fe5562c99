//! The roster as it stood on a given day, from the stage, status and role histories: who was
//! a member, at which stage, with a vote or not, on the committee or not.

use std::collections::HashMap;
use std::rc::Rc;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::{CommitteeRole, MemberStatus, Stage};
use crate::error::Result;

/// Sanction kind that takes away the vote (留党察看).
pub const SANCTION_PROBATION: &str = "probation_in_party";

#[derive(Debug, Clone, PartialEq)]
pub struct MemberOnDay {
    pub id: String,
    pub name: String,
    pub stage: Stage,
    pub status: MemberStatus,
    pub party_group_id: Option<String>,
    pub roles: Vec<CommitteeRole>,
    /// 正式党员 not under 留党察看.
    pub has_vote: bool,
    /// Excused from attending (old, ill, disabled), with a recorded reason.
    pub exempt_from_attendance: bool,
    /// Left out of 应到 in one of 中组部's five cases: shown, not counted for quorum and votes.
    pub excluded: bool,
}

impl MemberOnDay {
    /// A 党员 (预备 or 正式), as opposed to someone still on the way in.
    pub fn is_party_member(&self) -> bool {
        matches!(self.stage, Stage::Probationary | Stage::Full)
    }

    pub fn on_committee(&self) -> bool {
        !self.roles.is_empty()
    }
}

/// Everyone on the roster on `day`, at the stage and status they had that day, by name.
/// Those who had left (archived before or on `day`), whose 党籍 was stopped, or who had no
/// recorded stage yet are not on it. The 党小组 is the one the member was in that day.
pub fn roster_on(conn: &Connection, day: NaiveDate) -> Result<Vec<MemberOnDay>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.id, m.name,
                (SELECT g.party_group_id FROM member_group_event g
                  WHERE g.member_id = m.id AND g.occurred_on <= ?1
                  ORDER BY g.occurred_on DESC, g.recorded_at DESC LIMIT 1) AS party_group_id,
                (SELECT e.stage FROM member_stage_event e
                  WHERE e.member_id = m.id AND e.occurred_on <= ?1
                  ORDER BY e.occurred_on DESC, e.recorded_at DESC LIMIT 1) AS stage,
                coalesce((SELECT s.status FROM member_status_event s
                  WHERE s.member_id = m.id AND s.occurred_on <= ?1
                  ORDER BY s.occurred_on DESC, s.recorded_at DESC LIMIT 1), 'normal') AS status,
                EXISTS (SELECT 1 FROM member_sanction x
                  WHERE x.member_id = m.id AND x.kind = ?2 AND x.start_on <= ?1
                    AND (x.end_on IS NULL OR x.end_on > ?1)) AS on_probation,
                EXISTS (SELECT 1 FROM member_exemption x
                  WHERE x.member_id = m.id AND x.kind = 'attendance' AND x.start_on <= ?1
                    AND (x.end_on IS NULL OR x.end_on > ?1)) AS exempt,
                EXISTS (SELECT 1 FROM member_exclusion x
                  WHERE x.member_id = m.id AND x.start_on <= ?1
                    AND (x.end_on IS NULL OR x.end_on > ?1)) AS excluded,
                (SELECT group_concat(r.role) FROM committee_role r
                  WHERE r.member_id = m.id AND r.start_on <= ?1
                    AND (r.end_on IS NULL OR r.end_on > ?1)) AS roles
         FROM member m
         WHERE m.archived_on IS NULL OR m.archived_on > ?1
         ORDER BY {name}, m.id",
        name = crate::collate::sql_key("m.name")
    ))?;
    let rows = stmt.query_map(params![day, SANCTION_PROBATION], |r| {
        Ok((
            r.get::<_, String>("id")?,
            r.get::<_, String>("name")?,
            r.get::<_, Option<String>>("party_group_id")?,
            r.get::<_, Option<Stage>>("stage")?,
            r.get::<_, MemberStatus>("status")?,
            r.get::<_, bool>("on_probation")?,
            r.get::<_, bool>("exempt")?,
            r.get::<_, bool>("excluded")?,
            r.get::<_, Option<String>>("roles")?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, party_group_id, stage, status, on_probation, exempt, excluded, roles) = row?;
        let roles = roles
            .unwrap_or_default()
            .split(',')
            .filter_map(|r| r.parse().ok())
            .collect();
        let day = DayFacts {
            stage,
            status,
            on_probation,
            exempt,
            excluded,
            roles,
        };
        out.extend(day.member(id, name, party_group_id));
    }
    Ok(out)
}

/// What a member's histories say about one day.
struct DayFacts {
    stage: Option<Stage>,
    status: MemberStatus,
    on_probation: bool,
    exempt: bool,
    excluded: bool,
    roles: Vec<CommitteeRole>,
}

impl DayFacts {
    /// The member as on the roster that day, or none: those with no stage yet, whose 党籍
    /// was stopped or who had left are not on it.
    fn member(
        mut self,
        id: String,
        name: String,
        party_group_id: Option<String>,
    ) -> Option<MemberOnDay> {
        let stage = self.stage?;
        if self.status == MemberStatus::Suspended || self.status.ends_membership() {
            return None;
        }
        self.roles.sort();
        Some(MemberOnDay {
            has_vote: stage == Stage::Full && !self.on_probation,
            exempt_from_attendance: self.exempt,
            excluded: self.excluded,
            id,
            name,
            stage,
            status: self.status,
            party_group_id,
            roles: self.roles,
        })
    }
}

/// One member's histories, read once for `Rosters`.
struct History {
    id: String,
    name: String,
    /// (day, recorded at, group): the 党小组 moves.
    groups: Vec<(NaiveDate, String, Option<String>)>,
    archived_on: Option<NaiveDate>,
    /// (day, recorded at, stage), in the order they apply.
    stages: Vec<(NaiveDate, String, Stage)>,
    statuses: Vec<(NaiveDate, String, MemberStatus)>,
    probation: Vec<Span>,
    exemptions: Vec<Span>,
    exclusions: Vec<Span>,
    roles: Vec<(Span, CommitteeRole)>,
}

/// From `start` (included) until `end` (excluded; open when none).
#[derive(Clone, Copy)]
struct Span {
    start: NaiveDate,
    end: Option<NaiveDate>,
}

impl Span {
    fn covers(self, day: NaiveDate) -> bool {
        self.start <= day && self.end.is_none_or(|e| e > day)
    }
}

impl History {
    fn on(&self, day: NaiveDate) -> Option<MemberOnDay> {
        if self.archived_on.is_some_and(|a| a <= day) {
            return None;
        }
        // The latest event on or before the day (later recorded wins a tie of days).
        let stage = self
            .stages
            .iter()
            .filter(|(on, _, _)| *on <= day)
            .max_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)))
            .map(|(_, _, s)| *s);
        let status = self
            .statuses
            .iter()
            .filter(|(on, _, _)| *on <= day)
            .max_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)))
            .map_or(MemberStatus::Normal, |(_, _, s)| *s);
        let party_group_id = self
            .groups
            .iter()
            .filter(|(on, _, _)| *on <= day)
            .max_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)))
            .and_then(|(_, _, g)| g.clone());
        let facts = DayFacts {
            stage,
            status,
            on_probation: self.probation.iter().any(|s| s.covers(day)),
            exempt: self.exemptions.iter().any(|s| s.covers(day)),
            excluded: self.exclusions.iter().any(|s| s.covers(day)),
            roles: self
                .roles
                .iter()
                .filter(|(s, _)| s.covers(day))
                .map(|(_, r)| *r)
                .collect(),
        };
        facts.member(self.id.clone(), self.name.clone(), party_group_id)
    }
}

/// The rosters of many days from the members' histories read once, in eight queries, instead
/// of a roster query per day. A roster only changes on a day one of its histories changes (a
/// stage or status event, an archive, a sanction, an exemption, an exclusion from 应到, a move
/// between 党小组 or a committee role starting or ending), so the days between two such days share one roster, built once. For reads and
/// bulk writes that visit many days; hold it only while no member changes.
pub struct Rosters {
    members: Vec<History>,
    /// Every day on which some roster history changes, ascending.
    changes: Vec<NaiveDate>,
    /// Rosters already built, by the last change day on or before their day.
    built: HashMap<Option<NaiveDate>, Rc<Vec<MemberOnDay>>>,
}

impl Rosters {
    pub fn new(conn: &Connection) -> Result<Rosters> {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT id, name, archived_on FROM member
             ORDER BY {name}, id",
            name = crate::collate::sql_key("name")
        ))?;
        let mut members = stmt
            .query_map([], |r| {
                Ok(History {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    groups: Vec::new(),
                    archived_on: r.get(2)?,
                    stages: Vec::new(),
                    statuses: Vec::new(),
                    probation: Vec::new(),
                    exemptions: Vec::new(),
                    exclusions: Vec::new(),
                    roles: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let index: HashMap<String, usize> = members
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.clone(), i))
            .collect();
        let mut changes: Vec<NaiveDate> = members.iter().filter_map(|m| m.archived_on).collect();
        let mut each = |sql: &str,
                        f: &mut dyn FnMut(&mut History, &rusqlite::Row) -> rusqlite::Result<()>|
         -> Result<()> {
            let mut stmt = conn.prepare_cached(sql)?;
            let mut rows = stmt.query(params![SANCTION_PROBATION])?;
            while let Some(r) = rows.next()? {
                let member_id: String = r.get(0)?;
                if let Some(&i) = index.get(&member_id) {
                    f(&mut members[i], r)?;
                }
            }
            Ok(())
        };
        let span = |r: &rusqlite::Row, changes: &mut Vec<NaiveDate>| -> rusqlite::Result<Span> {
            let span = Span {
                start: r.get(1)?,
                end: r.get(2)?,
            };
            changes.push(span.start);
            changes.extend(span.end);
            Ok(span)
        };
        let mut days = Vec::new();
        each(
            "SELECT member_id, occurred_on, recorded_at, stage FROM member_stage_event WHERE ?1 = ?1",
            &mut |m, r| {
                days.push(r.get(1)?);
                m.stages.push((r.get(1)?, r.get(2)?, r.get(3)?));
                Ok(())
            },
        )?;
        each(
            "SELECT member_id, occurred_on, recorded_at, status FROM member_status_event WHERE ?1 = ?1",
            &mut |m, r| {
                days.push(r.get(1)?);
                m.statuses.push((r.get(1)?, r.get(2)?, r.get(3)?));
                Ok(())
            },
        )?;
        each(
            "SELECT member_id, start_on, end_on FROM member_sanction WHERE kind = ?1",
            &mut |m, r| {
                m.probation.push(span(r, &mut days)?);
                Ok(())
            },
        )?;
        each(
            "SELECT member_id, start_on, end_on FROM member_exemption
             WHERE kind = 'attendance' AND ?1 = ?1",
            &mut |m, r| {
                m.exemptions.push(span(r, &mut days)?);
                Ok(())
            },
        )?;
        each(
            "SELECT member_id, start_on, end_on FROM member_exclusion WHERE ?1 = ?1",
            &mut |m, r| {
                m.exclusions.push(span(r, &mut days)?);
                Ok(())
            },
        )?;
        each(
            "SELECT member_id, occurred_on, recorded_at, party_group_id FROM member_group_event
             WHERE ?1 = ?1",
            &mut |m, r| {
                days.push(r.get(1)?);
                m.groups.push((r.get(1)?, r.get(2)?, r.get(3)?));
                Ok(())
            },
        )?;
        each(
            "SELECT member_id, start_on, end_on, role FROM committee_role WHERE ?1 = ?1",
            &mut |m, r| {
                let s = span(r, &mut days)?;
                m.roles.push((s, r.get(3)?));
                Ok(())
            },
        )?;
        changes.extend(days);
        changes.sort();
        changes.dedup();
        Ok(Rosters {
            members,
            changes,
            built: HashMap::new(),
        })
    }

    /// The roster of `day`, as `roster_on` reads it.
    pub fn on(&mut self, day: NaiveDate) -> Rc<Vec<MemberOnDay>> {
        let since = self.changes.partition_point(|c| *c <= day);
        let key = since.checked_sub(1).map(|i| self.changes[i]);
        let members = &self.members;
        Rc::clone(
            self.built
                .entry(key)
                .or_insert_with(|| Rc::new(members.iter().filter_map(|m| m.on(day)).collect())),
        )
    }
}
