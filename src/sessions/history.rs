//! A member's attendance history: the year's sessions they were recorded at, and the
//! attendance rate per obligation among those they should have attended.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::rules::Obligation;
use super::store::{get, AttendanceStatus};
use crate::error::Result;

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
        "SELECT s.id FROM session s JOIN attendance a ON a.session_id = s.id
         WHERE a.member_id = ?1 AND substr(s.held_on, 1, 4) = ?2
         ORDER BY s.held_on DESC, s.created_at DESC",
    )?;
    let ids = stmt
        .query_map(params![member_id, format!("{year:04}")], |r| {
            r.get::<_, String>(0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut rows = Vec::with_capacity(ids.len());
    let mut rates: Vec<AttendanceRate> = Vec::new();
    for id in ids {
        let s = get(conn, &id)?;
        let Some(a) = s.attendance.iter().find(|a| a.member_id == member_id) else {
            continue;
        };
        if a.expected && !a.exempt {
            for o in &s.counts_for {
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
                match a.status {
                    AttendanceStatus::Present => rate.present += 1,
                    AttendanceStatus::Leave => rate.leave += 1,
                    AttendanceStatus::Absent => {}
                }
            }
        }
        rows.push(MemberAttendanceRow {
            session_id: s.id.clone(),
            held_on: s.held_on,
            kind_label: s.kind_label.clone(),
            counts_for: s.counts_for.clone(),
            topic: s.topic.clone(),
            status: a.status,
            reason: a.reason.clone(),
            expected: a.expected,
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
