//! A member's attendance history: the year's sessions they were recorded at, and the
//! attendance rate per obligation among those they should have attended.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::record::AttendanceStatus;
use super::roll::expected;
use super::rules::Obligation;
use super::store::{counts_for, kind_label};
use crate::error::Result;
use crate::members::as_of::Rosters;

/// One session in a member's attendance history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MemberAttendanceRow {
    pub session_id: String,
    pub held_on: NaiveDate,
    pub kind_label: String,
    pub counts_for: Vec<Obligation>,
    pub topic: String,
    pub status: AttendanceStatus,
    pub reason: String,
    /// Among those who should have attended.
    pub expected: bool,
}

/// Attendance rate for one kind of obligation.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AttendanceRate {
    pub obligation: Obligation,
    /// Sessions the member should have attended (not counting exempted ones).
    pub expected: u32,
    pub present: u32,
    pub leave: u32,
    /// present / expected, 0..=1; none when nothing was expected.
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MemberAttendance {
    pub member_id: String,
    pub year: i32,
    pub rows: Vec<MemberAttendanceRow>,
    pub rates: Vec<AttendanceRate>,
}

/// A member's sessions of `year`, newest first, and the attendance rate per obligation.
pub fn attendance_of(conn: &Connection, member_id: &str, year: i32) -> Result<MemberAttendance> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.kind, s.held_on, s.topic, s.party_group_id, a.status, a.reason,
                (SELECT group_concat(o.obligation) FROM session_obligation o
                  WHERE o.session_id = s.id) AS counts_for
         FROM attendance a JOIN session s ON s.id = a.session_id
         WHERE a.member_id = ?1 AND s.held_on BETWEEN ?2 AND ?3
         ORDER BY s.held_on DESC, s.created_at DESC",
    )?;
    let (first, last) = crate::ids::year_bounds(year);
    let found = stmt
        .query_map(params![member_id, first, last], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, NaiveDate>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, AttendanceStatus>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut rows = Vec::with_capacity(found.len());
    let mut rates: Vec<AttendanceRate> = Vec::new();
    let mut rosters = Rosters::new(conn)?;
    for (session_id, kind, held_on, topic, group, status, reason, stored) in found {
        let stored: Vec<Obligation> = stored
            .unwrap_or_default()
            .split(',')
            .filter_map(|o| o.parse().ok())
            .collect();
        let counts_for = counts_for(&kind, stored);
        let roster = rosters.on(held_on);
        let expected = expected(&roster, &counts_for, group.as_deref())
            .iter()
            .find(|m| m.id == member_id)
            .map(|m| !m.exempt_from_attendance && !m.excluded);
        if expected == Some(true) {
            for o in &counts_for {
                let rate = match rates.iter_mut().find(|r| r.obligation == *o) {
                    Some(r) => r,
                    None => {
                        rates.push(AttendanceRate {
                            obligation: *o,
                            expected: 0,
                            present: 0,
                            leave: 0,
                            rate: None,
                        });
                        rates.last_mut().expect("just pushed")
                    }
                };
                rate.expected += 1;
                match status {
                    AttendanceStatus::Present => rate.present += 1,
                    AttendanceStatus::Leave => rate.leave += 1,
                    AttendanceStatus::Absent => {}
                }
            }
        }
        rows.push(MemberAttendanceRow {
            session_id,
            held_on,
            kind_label: kind_label(&kind),
            counts_for,
            topic,
            status,
            reason,
            expected: expected.is_some(),
        });
    }
    for r in &mut rates {
        r.rate = (r.expected > 0).then(|| f64::from(r.present) / f64::from(r.expected));
    }
    rates.sort_by_key(|r| r.obligation);
    Ok(MemberAttendance {
        member_id: member_id.to_string(),
        year,
        rows,
        rates,
    })
}
