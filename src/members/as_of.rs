//! The roster as it stood on a given day, from the stage, status and role histories: who was
//! a member, at which stage, with a vote or not, on the committee or not.

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
/// recorded stage yet are not on it. The 党小组 is the member's current one.
pub fn roster_on(conn: &Connection, day: NaiveDate) -> Result<Vec<MemberOnDay>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.name, m.party_group_id,
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
                (SELECT group_concat(r.role) FROM committee_role r
                  WHERE r.member_id = m.id AND r.start_on <= ?1
                    AND (r.end_on IS NULL OR r.end_on > ?1)) AS roles
         FROM member m
         WHERE m.archived_on IS NULL OR m.archived_on > ?1
         ORDER BY m.name COLLATE NOCASE, m.id",
    )?;
    let rows = stmt.query_map(params![day, SANCTION_PROBATION], |r| {
        Ok((
            r.get::<_, String>("id")?,
            r.get::<_, String>("name")?,
            r.get::<_, Option<String>>("party_group_id")?,
            r.get::<_, Option<Stage>>("stage")?,
            r.get::<_, MemberStatus>("status")?,
            r.get::<_, bool>("on_probation")?,
            r.get::<_, bool>("exempt")?,
            r.get::<_, Option<String>>("roles")?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, party_group_id, stage, status, on_probation, exempt, roles) = row?;
        let Some(stage) = stage else { continue };
        if status == MemberStatus::Suspended || status.ends_membership() {
            continue;
        }
        let mut roles: Vec<CommitteeRole> = roles
            .unwrap_or_default()
            .split(',')
            .filter_map(|r| r.parse().ok())
            .collect();
        roles.sort();
        out.push(MemberOnDay {
            has_vote: stage == Stage::Full && !on_probation,
            exempt_from_attendance: exempt,
            id,
            name,
            stage,
            status,
            party_group_id,
            roles,
        });
    }
    Ok(out)
}
