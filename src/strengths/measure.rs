//! Measuring the 四强 items from the records: each metric of the template computed for a
//! year as of a day, from the obligation calendar, the sessions' agendas, the study-hour
//! report, the activities, the committee and the branch's own indicators.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::indicators::reaches;
use super::template::{Finding, Metric};
use super::year_span;
use crate::branch;
use crate::error::Result;
use crate::members::as_of::roster_on;
use crate::members::CommitteeRole;
use crate::sessions::{self, CommitteeNeed, ComplianceReport, Obligation, PeriodStatus};
use crate::study;

/// What the metrics are computed from, gathered once per year and day.
pub struct Records<'a> {
    conn: &'a Connection,
    span: (NaiveDate, NaiveDate),
    compliance: ComplianceReport,
    study_on_pace: Option<f64>,
}

impl<'a> Records<'a> {
    pub fn gather(conn: &'a Connection, year: i32, as_of: NaiveDate) -> Result<Records<'a>> {
        let compliance = sessions::compliance(conn, year, as_of)?;
        let report = study::report(conn, year, as_of, None)?;
        let study_on_pace =
            (report.counted > 0).then(|| f64::from(report.on_track) / f64::from(report.counted));
        Ok(Records {
            conn,
            span: year_span(year, as_of)?,
            compliance,
            study_on_pace,
        })
    }

    /// The last day counted: the day asked about, or the year's end for a past year.
    fn until(&self) -> NaiveDate {
        self.span.1
    }

    fn from(&self) -> NaiveDate {
        self.span.0
    }

    /// Whether the year owes any period of the obligation (none for a 支委会 of a branch too
    /// small for a committee, a 党小组会 of a branch without groups).
    fn owed(&self, obligation: Obligation) -> bool {
        self.compliance
            .obligations
            .iter()
            .any(|p| p.kind == obligation)
    }

    /// The metric's value, or none when the item does not apply to the branch (不适用): an
    /// obligation the year never owed, the 支委会 items of a branch that needs no committee.
    pub fn measure(&self, metric: &Metric) -> Result<Option<f64>> {
        Ok(Some(match metric {
            Metric::ObligationMetShare { obligation } => {
                if !self.owed(*obligation) {
                    return Ok(None);
                }
                self.met_share(*obligation)
            }
            Metric::ObligationsHeld { obligations } => {
                if !obligations.iter().any(|o| self.owed(*o)) {
                    return Ok(None);
                }
                let held = obligations.iter().all(|o| {
                    self.compliance
                        .obligations
                        .iter()
                        .filter(|p| p.kind == *o)
                        .any(|p| p.status == PeriodStatus::Met)
                });
                if held {
                    1.0
                } else {
                    0.0
                }
            }
            Metric::FirstTopicShare => {
                if !self.owed(Obligation::CommitteeMeeting) {
                    return Ok(None);
                }
                self.first_topic_share()?
            }
            Metric::StudyOnPaceShare => self.study_on_pace.unwrap_or(0.0),
            Metric::ActivityCount { activity, series } => {
                let n: i64 = self.conn.query_row(
                    "SELECT count(*) FROM activity WHERE kind = ?1 AND held_on >= ?2
                       AND held_on <= ?3 AND (?4 IS NULL OR series = ?4)",
                    params![activity, self.from(), self.until(), series],
                    |r| r.get(0),
                )?;
                n as f64
            }
            Metric::CommitteeInTerm { min_members } => {
                match self.committee_in_term(*min_members)? {
                    Some(v) => v,
                    None => return Ok(None),
                }
            }
            Metric::IndicatorsOnTarget => match self.indicators_on_target()? {
                Some(v) => v,
                None => return Ok(None),
            },
            Metric::HonourCount => {
                let n: i64 = self.conn.query_row(
                    "SELECT count(*) FROM honour WHERE awarded_on >= ?1 AND awarded_on <= ?2",
                    params![self.from(), self.until()],
                    |r| r.get(0),
                )?;
                n as f64
            }
            Metric::ParticipantCount { activity, role } => {
                let n: i64 = self.conn.query_row(
                    "SELECT count(DISTINCT p.member_id) FROM activity_participant p
                     JOIN activity a ON a.id = p.activity_id
                     WHERE a.kind = ?1 AND p.role = ?2 AND a.held_on >= ?3 AND a.held_on <= ?4",
                    params![activity, role, self.from(), self.until()],
                    |r| r.get(0),
                )?;
                n as f64
            }
        }))
    }

    /// Share of the obligation's periods decided so far (met or missed; an open period only
    /// once met) that were met. Nothing decided yet counts as fully met.
    fn met_share(&self, obligation: Obligation) -> f64 {
        let (met, decided) = self
            .compliance
            .obligations
            .iter()
            .filter(|p| p.kind == obligation)
            .fold((0u32, 0u32), |(m, d), p| match p.status {
                PeriodStatus::Met => (m + 1, d + 1),
                PeriodStatus::Missed => (m, d + 1),
                // Open, or not recorded (before the records began): not judged.
                PeriodStatus::Open | PeriodStatus::Unrecorded => (m, d),
            });
        if decided == 0 {
            1.0
        } else {
            f64::from(met) / f64::from(decided)
        }
    }

    fn first_topic_share(&self) -> Result<f64> {
        let (with, total): (i64, i64) = self.conn.query_row(
            "SELECT coalesce(sum(EXISTS (SELECT 1 FROM session_agenda_item a
                                 WHERE a.session_id = s.id AND a.first_topic = 1)), 0),
                    count(*)
             FROM session s
             WHERE EXISTS (SELECT 1 FROM session_obligation o
                           WHERE o.session_id = s.id AND o.obligation = 'committee_meeting')
               AND s.held_on >= ?1 AND s.held_on <= ?2",
            params![self.from(), self.until()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(if total == 0 {
            0.0
        } else {
            with as f64 / total as f64
        })
    }

    /// 1 when the committee is complete and in its term; none when the branch needs no
    /// committee that day (under seven 正式党员 and none elected).
    fn committee_in_term(&self, min_members: u32) -> Result<Option<f64>> {
        let day = self.until();
        let roster = roster_on(self.conn, day)?;
        if !CommitteeNeed::of(&roster).committee_owed() {
            return Ok(None);
        }
        let committee = roster.iter().filter(|m| m.on_committee()).count() as u32;
        let secretary = roster
            .iter()
            .any(|m| m.roles.contains(&CommitteeRole::Secretary));
        let in_term = branch::get(self.conn)?
            .and_then(|b| b.term_ends)
            .is_some_and(|end| end >= day);
        Ok(Some(if secretary && committee >= min_members && in_term {
            1.0
        } else {
            0.0
        }))
    }

    /// What the records say of a measured item: its value; not applicable when nothing of
    /// it was owed; unset (未设置) when it measures the branch's own indicators and the branch
    /// has defined none with a target.
    pub fn finding(&self, metric: &Metric) -> Result<Finding> {
        Ok(match (self.measure(metric)?, metric) {
            (Some(v), _) => Finding::Measured(v),
            (None, Metric::IndicatorsOnTarget) => Finding::Unset,
            (None, _) => Finding::NotApplicable,
        })
    }

    /// Share of the indicators with a target whose latest value this year (up to the day)
    /// reaches it; none when the branch keeps no indicator with a target.
    fn indicators_on_target(&self) -> Result<Option<f64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.target, i.higher_is_better,
                    (SELECT v.value FROM indicator_value v WHERE v.indicator_id = i.id
                       AND v.measured_on >= ?1 AND v.measured_on <= ?2
                     ORDER BY v.measured_on DESC LIMIT 1)
             FROM indicator i WHERE i.target IS NOT NULL",
        )?;
        let rows = stmt
            .query_map(params![self.from(), self.until()], |r| {
                Ok((
                    r.get::<_, f64>(0)?,
                    r.get::<_, bool>(1)?,
                    r.get::<_, Option<f64>>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if rows.is_empty() {
            return Ok(None);
        }
        let on_target = rows
            .iter()
            .filter(|(target, higher, value)| value.is_some_and(|v| reaches(v, *target, *higher)))
            .count();
        Ok(Some(on_target as f64 / rows.len() as f64))
    }
}
