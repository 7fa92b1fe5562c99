//! Alarms for the 工作台: the dates a secretary must not let slip, each pointing to where it is
//! resolved — 换届 due within six months or overdue; seven or more 正式党员 and no 支委会; a
//! member 失联 or away (流动) for over six months; a 预备期 ending within 30 days (or past);
//! 党费 arrears; 学时 behind pace. "Today" is passed in.

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::code_enum;
use crate::dues::{self, ArrearsLevel};
use crate::error::Result;
use crate::members::as_of::roster_on;
use crate::sessions::CommitteeNeed;
use crate::{branch, pipeline, study};

code_enum!(
    /// What an alarm is about.
    AlarmKind {
        TermDue = "term_due" / "换届",
        NoCommittee = "no_committee" / "支委会",
        MemberAway = "member_away" / "外出流动",
        MemberLostContact = "member_lost_contact" / "失去联系",
        ProbationEnding = "probation_ending" / "预备期",
        DuesArrears = "dues_arrears" / "党费",
        StudyBehind = "study_behind" / "学时",
    }
);

code_enum!(
    /// How pressing: a date coming (`warning`) or one passed (`overdue`).
    AlarmLevel {
        Warning = "warning" / "提醒",
        Overdue = "overdue" / "逾期",
    }
);

code_enum!(
    /// Where an alarm is resolved: a page of the app (its route name).
    AlarmPlace {
        Settings = "settings" / "支部设置",
        Members = "members" / "党员",
        Dues = "dues" / "党费",
        Study = "study" / "学时",
        Committee = "committee" / "支部委员会",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Alarm {
    pub kind: AlarmKind,
    pub level: AlarmLevel,
    /// What it is about, in Chinese, for the command line (the window words it itself).
    pub message: String,
    pub member_id: Option<String>,
    pub member_name: Option<String>,
    /// The date that matters: the term's end, the 预备期's end, the day a member went away.
    pub date: Option<NaiveDate>,
    /// A count: months away or unpaid, members behind, 正式党员.
    pub count: Option<u32>,
    pub place: AlarmPlace,
}

/// Months before a term ends that 换届 is announced.
const TERM_WARN_MONTHS: u32 = 6;
/// Days before a 预备期 ends that its 转正 is announced.
const PROBATION_WARN_DAYS: i64 = 30;
/// Months away or out of contact that call for a transfer or the 停止党籍 procedure.
const AWAY_MONTHS: u32 = 6;

/// Every alarm as of `as_of`, the overdue first, then by date.
pub fn alarms(conn: &Connection, as_of: NaiveDate) -> Result<Vec<Alarm>> {
    let mut out = Vec::new();
    term(conn, as_of, &mut out)?;
    committee(conn, as_of, &mut out)?;
    away(conn, as_of, &mut out)?;
    probation(conn, as_of, &mut out)?;
    dues_arrears(conn, as_of, &mut out)?;
    study_behind(conn, as_of, &mut out)?;
    out.sort_by_key(|a| (a.level != AlarmLevel::Overdue, a.date.unwrap_or(as_of)));
    Ok(out)
}

fn alarm(kind: AlarmKind, level: AlarmLevel, place: AlarmPlace, message: String) -> Alarm {
    Alarm {
        kind,
        level,
        message,
        member_id: None,
        member_name: None,
        date: None,
        count: None,
        place,
    }
}

fn term(conn: &Connection, as_of: NaiveDate, out: &mut Vec<Alarm>) -> Result<()> {
    // The end entered, else the start plus the term length: a term without an end still ends.
    let Some(end) = branch::get(conn)?.and_then(|b| b.term_ends) else {
        return Ok(());
    };
    out.extend(term_alarm(end, as_of));
    Ok(())
}

/// The 换届 alarm for a term ending on `end` (its last day), as of a day.
fn term_alarm(end: NaiveDate, as_of: NaiveDate) -> Option<Alarm> {
    let (level, message) = if end < as_of {
        (
            AlarmLevel::Overdue,
            format!("本届支部委员会任期已于 {end} 届满，应及时换届选举"),
        )
    } else if end <= as_of + Months::new(TERM_WARN_MONTHS) {
        (
            AlarmLevel::Warning,
            format!("本届支部委员会任期将于 {end} 届满，请提前做好换届准备"),
        )
    } else {
        return None;
    };
    Some(Alarm {
        date: Some(end),
        ..alarm(AlarmKind::TermDue, level, AlarmPlace::Settings, message)
    })
}

fn committee(conn: &Connection, as_of: NaiveDate, out: &mut Vec<Alarm>) -> Result<()> {
    // The roster as it stood that day: stages then, and roles held that day (a role ending on
    // the day is no longer held: its end is exclusive).
    let need = CommitteeNeed::of(&roster_on(conn, as_of)?);
    let full = need.full;
    // A branch under seven has a secretary alone; from seven it elects a committee of 3–5.
    if need.committee_lacking() {
        out.push(Alarm {
            count: Some(full),
            ..alarm(
                AlarmKind::NoCommittee,
                AlarmLevel::Overdue,
                AlarmPlace::Committee,
                format!("支部有正式党员 {full} 名，应当设立支部委员会（3 至 5 人）"),
            )
        });
    }
    Ok(())
}

fn away(conn: &Connection, as_of: NaiveDate, out: &mut Vec<Alarm>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.name, m.status,
                (SELECT max(e.occurred_on) FROM member_status_event e
                  WHERE e.member_id = m.id AND e.status = m.status)
         FROM member m
         WHERE m.archived_on IS NULL AND m.status IN ('mobile', 'lost_contact')",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<NaiveDate>>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (id, name, status, since) in rows {
        let Some(since) = since else { continue };
        if since + Months::new(AWAY_MONTHS) > as_of {
            continue;
        }
        let months = months_between(since, as_of);
        let (kind, message) = if status == "lost_contact" {
            (
                AlarmKind::MemberLostContact,
                format!("{name} 自 {since} 失去联系已 {months} 个月，应按规定启动停止党籍程序"),
            )
        } else {
            (
                AlarmKind::MemberAway,
                format!("{name} 自 {since} 外出流动已 {months} 个月，应及时转接组织关系"),
            )
        };
        out.push(Alarm {
            member_id: Some(id),
            member_name: Some(name),
            date: Some(since),
            count: Some(months),
            ..alarm(kind, AlarmLevel::Overdue, AlarmPlace::Members, message)
        });
    }
    Ok(())
}

fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let months = if to.day() < from.day() {
        months - 1
    } else {
        months
    };
    months.max(0) as u32
}

fn probation(conn: &Connection, as_of: NaiveDate, out: &mut Vec<Alarm>) -> Result<()> {
    // The 预备期's end as the path has it: a year from admission, or longer when extended.
    let report = pipeline::report(conn, as_of)?;
    for p in report.people {
        let Some(ends) = p.probation_ends else {
            continue;
        };
        let name = p.name;
        let days = (ends - as_of).num_days();
        let (level, message) = if days < 0 {
            (
                AlarmLevel::Overdue,
                format!("{name} 的预备期已于 {ends} 期满，应及时召开支部党员大会讨论转正"),
            )
        } else if days <= PROBATION_WARN_DAYS {
            (
                AlarmLevel::Warning,
                format!("{name} 的预备期将于 {ends} 期满（还有 {days} 天），请安排转正讨论"),
            )
        } else {
            continue;
        };
        out.push(Alarm {
            member_id: Some(p.member_id),
            member_name: Some(name),
            date: Some(ends),
            count: Some(days.max(0) as u32),
            ..alarm(
                AlarmKind::ProbationEnding,
                level,
                AlarmPlace::Members,
                message,
            )
        });
    }
    Ok(())
}

fn dues_arrears(conn: &Connection, as_of: NaiveDate, out: &mut Vec<Alarm>) -> Result<()> {
    let report = dues::report(conn, as_of.year(), as_of)?;
    for m in report.members {
        let Some(level) = m.arrears else { continue };
        let n = m.arrears_months;
        let (level, message) = match level {
            ArrearsLevel::Warning => (
                AlarmLevel::Warning,
                format!("{} 已连续 {n} 个月未交纳党费，请及时提醒", m.name),
            ),
            ArrearsLevel::Lapsed => (
                AlarmLevel::Overdue,
                format!(
                    "{} 已连续 {n} 个月未交纳党费，按规定视为自行脱党，请支部研究处理",
                    m.name
                ),
            ),
        };
        out.push(Alarm {
            member_id: Some(m.member_id),
            member_name: Some(m.name),
            count: Some(n),
            ..alarm(AlarmKind::DuesArrears, level, AlarmPlace::Dues, message)
        });
    }
    Ok(())
}

fn study_behind(conn: &Connection, as_of: NaiveDate, out: &mut Vec<Alarm>) -> Result<()> {
    let report = study::report(conn, as_of.year(), as_of, None)?;
    let n = report.behind_pace.len() as u32;
    if n > 0 {
        out.push(Alarm {
            count: Some(n),
            ..alarm(
                AlarmKind::StudyBehind,
                AlarmLevel::Warning,
                AlarmPlace::Study,
                format!("{n} 名党员的学时落后于本年度进度"),
            )
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_is_announced_six_months_ahead_and_overdue_the_day_after_it_ends() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        // A three-year term from 2024-03-01 has its last day on 2027-02-28.
        let end = branch::term_ends(Some(d("2024-03-01")), None, 3).unwrap();
        assert_eq!(end, d("2027-02-28"));
        assert_eq!(
            branch::term_ends(Some(d("2024-03-01")), None, 5),
            Some(d("2029-02-28"))
        );
        assert_eq!(
            branch::term_ends(Some(d("2024-03-01")), Some(d("2026-12-31")), 3),
            Some(d("2026-12-31")),
            "an end entered by hand wins"
        );
        assert_eq!(branch::term_ends(None, None, 3), None);
        let level = |as_of: &str| term_alarm(end, d(as_of)).map(|a| a.level);
        assert_eq!(level("2026-08-27"), None);
        assert_eq!(level("2026-08-28"), Some(AlarmLevel::Warning));
        assert_eq!(level("2027-02-28"), Some(AlarmLevel::Warning));
        assert_eq!(level("2027-03-01"), Some(AlarmLevel::Overdue));
    }

    #[test]
    fn whole_months_between_two_days() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(months_between(d("2026-05-22"), d("2026-11-22")), 6);
        assert_eq!(months_between(d("2026-05-23"), d("2026-11-22")), 5);
        assert_eq!(months_between(d("2025-12-31"), d("2026-01-01")), 0);
    }
}
