//! The 台账's sections built as data from the records: the roster, the sessions and 主题党日,
//! the activities, the 学时 table (also the 学时单), the 党费 publication and the 四强 self-report.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{CellKind, LedgerColumn, LedgerOptions, LedgerPart, LedgerSection, LedgerTable};
use crate::activities::{self, ActivityQuery, ParticipantRole};
use crate::error::Result;
use crate::members::as_of::Rosters;
use crate::members::{self, RosterQuery};
use crate::sessions::{self, AttendanceStatus, Obligation, SessionQuery};
use crate::strengths::{export as strengths_export, Assessment};
use crate::study;

fn columns(headers: &[(&str, f64)]) -> Vec<LedgerColumn> {
    headers
        .iter()
        .map(|(header, width)| LedgerColumn {
            header: header.to_string(),
            width: *width,
            kind: CellKind::Text,
        })
        .collect()
}

/// `table`'s columns given their kinds, in order.
fn with_kinds(mut table: LedgerTable, kinds: &[(usize, CellKind)]) -> LedgerTable {
    for &(col, kind) in kinds {
        table.columns[col].kind = kind;
    }
    table
}

/// Sets the kinds of the one table of a section.
fn kinds(mut section: LedgerSection, kinds: &[(usize, CellKind)]) -> LedgerSection {
    section.tables = section
        .tables
        .into_iter()
        .map(|t| with_kinds(t, kinds))
        .collect();
    section
}

fn section(
    part: LedgerPart,
    title: String,
    headers: &[(&str, f64)],
    rows: Vec<Vec<String>>,
) -> LedgerSection {
    LedgerSection {
        part,
        sheet: part.sheet().to_string(),
        title,
        notes: Vec::new(),
        tables: vec![LedgerTable {
            columns: columns(headers),
            rows,
        }],
    }
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Hours as the 学时 page shows them: the report's figures are whole half hours already.
fn hours(h: f64) -> String {
    study::hours_text(study::HalfHours::rounded(h))
}

/// 花名册: the active roster, then those who left during the year with the day they left. The
/// one place the 台账 reads 身份证号 and phone numbers, masked unless asked for in full.
pub(super) fn roster(conn: &Connection, title: String, o: LedgerOptions) -> Result<LedgerSection> {
    let headers = [
        ("序号", 6.0),
        ("姓名", 10.0),
        ("性别", 6.0),
        ("民族", 8.0),
        ("出生日期", 12.0),
        ("身份证号", 21.0),
        ("学历", 10.0),
        ("人员类别", 10.0),
        ("入党日期", 12.0),
        ("转正日期", 12.0),
        ("党小组", 12.0),
        ("党内职务", 12.0),
        ("联系电话", 14.0),
        ("状态", 10.0),
    ];
    let year_start = NaiveDate::from_ymd_opt(o.year, 1, 1).expect("valid year");
    let active = members::list(conn, &RosterQuery::default(), o.as_of)?.rows;
    let left = members::list(
        conn,
        &RosterQuery {
            archived: true,
            ..Default::default()
        },
        o.as_of,
    )?
    .rows
    .into_iter()
    .filter(|m| m.archived_on.is_some_and(|d| d >= year_start));
    let mut rows = Vec::new();
    for (n, summary) in active.into_iter().chain(left).enumerate() {
        // The masked 台账 is made from the masked forms kept beside the sealed values, so it
        // needs no password.
        let m = if o.reveal {
            members::get(conn, &summary.id, o.as_of)?
        } else {
            members::get_masked(conn, &summary.id, o.as_of)?
        };
        let (id_number, phone) = (m.id_number.clone(), m.phone.clone());
        let roles: Vec<&str> = m.roles.iter().map(|r| r.label()).collect();
        rows.push(vec![
            (n + 1).to_string(),
            m.name.clone(),
            m.gender.label().to_string(),
            m.ethnicity.clone(),
            m.birth_date.to_string(),
            id_number,
            m.education.clone(),
            m.stage.label().to_string(),
            date(m.joined_on),
            date(m.confirmed_on),
            m.party_group.clone().unwrap_or_default(),
            roles.join("、"),
            phone,
            match m.archived_on {
                Some(d) => format!("{}（{d}）", m.status.label()),
                None => m.status.label().to_string(),
            },
        ]);
    }
    Ok(kinds(
        section(LedgerPart::Roster, title, &headers, rows),
        &[
            (0, CellKind::Number),
            (4, CellKind::Date),
            (8, CellKind::Date),
            (9, CellKind::Date),
        ],
    ))
}

pub(super) fn year_sessions(conn: &Connection, o: LedgerOptions) -> Result<Vec<sessions::Session>> {
    let (first, last) = crate::ids::year_bounds(o.year);
    let q = SessionQuery {
        from: Some(first),
        to: Some(last),
        ..Default::default()
    };
    // Newest first from the list: reversed, the year runs in the order it was logged.
    let mut rosters = Rosters::new(conn)?;
    sessions::list(conn, &q)?
        .iter()
        .rev()
        .map(|s| sessions::get_with(conn, &s.id, &mut rosters))
        .collect()
}

fn names_with(s: &sessions::Session, status: AttendanceStatus) -> String {
    s.attendance
        .iter()
        .filter(|a| a.status == status)
        .map(|a| {
            if a.reason.is_empty() {
                a.name.clone()
            } else {
                format!("{}（{}）", a.name, a.reason)
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// 三会一课记录: every session of the year, oldest first, with who was on leave and why.
pub(super) fn sessions_section(year: &[sessions::Session], title: String) -> LedgerSection {
    let headers = [
        ("日期", 11.0),
        ("类型", 10.0),
        ("同时计入", 12.0),
        ("党小组", 11.0),
        ("主题 / 议题", 30.0),
        ("授课人", 9.0),
        ("应到", 6.0),
        ("实到", 6.0),
        ("请假", 16.0),
        ("缺席", 12.0),
        ("法定人数", 9.0),
        ("决议", 26.0),
        ("地点", 16.0),
    ];
    let rows = year
        .iter()
        .map(|s| {
            let also: Vec<&str> = s.counts_for.iter().skip(1).map(|c| c.label()).collect();
            let agenda: Vec<String> = s
                .agenda
                .iter()
                .map(|a| {
                    if a.first_topic {
                        format!("【第一议题】{}", a.title)
                    } else {
                        a.title.clone()
                    }
                })
                .collect();
            let subject = [s.title.clone(), s.topic.clone(), agenda.join("；")]
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            let resolutions: Vec<String> = s
                .resolutions
                .iter()
                .map(|r| {
                    format!(
                        "{}：赞成 {}，反对 {}，弃权 {}，{}",
                        r.title,
                        r.votes_for,
                        r.votes_against,
                        r.votes_abstain,
                        if r.passed { "通过" } else { "未通过" }
                    )
                })
                .collect();
            vec![
                s.held_on.to_string(),
                s.kind_label.clone(),
                also.join("、"),
                s.party_group.clone().unwrap_or_default(),
                subject,
                s.lecturer_name.clone(),
                s.head_count.expected.to_string(),
                s.head_count.present.to_string(),
                names_with(s, AttendanceStatus::Leave),
                names_with(s, AttendanceStatus::Absent),
                match &s.quorum {
                    Some(q) if q.met => "达到".into(),
                    Some(_) => "未达到".into(),
                    None => String::new(),
                },
                resolutions.join("\n"),
                s.place.clone(),
            ]
        })
        .collect();
    kinds(
        section(LedgerPart::Sessions, title, &headers, rows),
        &[
            (0, CellKind::Date),
            (6, CellKind::Number),
            (7, CellKind::Number),
        ],
    )
}

/// 主题党日: the sessions that count for it.
pub(super) fn theme_days(year: &[sessions::Session], title: String) -> LedgerSection {
    let headers = [
        ("日期", 11.0),
        ("主题", 36.0),
        ("同时计入", 14.0),
        ("应到", 6.0),
        ("实到", 6.0),
        ("地点", 20.0),
    ];
    let rows = year
        .iter()
        .filter(|s| s.counts_for.contains(&Obligation::ThemeDay))
        .map(|s| {
            let also: Vec<&str> = s
                .counts_for
                .iter()
                .filter(|c| **c != Obligation::ThemeDay)
                .map(|c| c.label())
                .collect();
            let subject = if s.topic.is_empty() {
                &s.title
            } else {
                &s.topic
            };
            vec![
                s.held_on.to_string(),
                subject.clone(),
                also.join("、"),
                s.head_count.expected.to_string(),
                s.head_count.present.to_string(),
                s.place.clone(),
            ]
        })
        .collect();
    kinds(
        section(LedgerPart::ThemeDays, title, &headers, rows),
        &[
            (0, CellKind::Date),
            (3, CellKind::Number),
            (4, CellKind::Number),
        ],
    )
}

/// 活动: the year's activities, oldest first, with the series and issue.
pub(super) fn activities_section(
    conn: &Connection,
    title: String,
    o: LedgerOptions,
) -> Result<LedgerSection> {
    let headers = [
        ("日期", 11.0),
        ("类型", 10.0),
        ("系列 / 期数", 16.0),
        ("标题", 32.0),
        ("主讲 / 分享", 14.0),
        ("参加人数", 8.0),
        ("地点", 18.0),
    ];
    let mut list = activities::list(
        conn,
        &ActivityQuery {
            year: Some(o.year),
            ..Default::default()
        },
    )?;
    list.reverse();
    let rows = list
        .into_iter()
        .map(|a| {
            let series = match (a.series.as_str(), a.issue_no) {
                ("", _) => String::new(),
                (s, Some(n)) => format!("{s} 第{n}期"),
                (s, None) => s.to_string(),
            };
            let speakers: Vec<&str> = a
                .participants
                .iter()
                .filter(|p| p.role != ParticipantRole::Participant)
                .map(|p| p.name.as_str())
                .collect();
            vec![
                a.held_on.to_string(),
                a.kind.label().to_string(),
                series,
                a.title.clone(),
                speakers.join("、"),
                a.participants.len().to_string(),
                a.place.clone(),
            ]
        })
        .collect();
    Ok(kinds(
        section(LedgerPart::Activities, title, &headers, rows),
        &[(0, CellKind::Date), (5, CellKind::Number)],
    ))
}

/// 学时登记: each member's counted hours against their target (prorated by their days on the
/// roster where marked 折算), the hours recorded but not counted, each category's hours (those
/// not counted marked 不计入), and how they stand: the 学时 page's report, computed once.
pub(super) fn study_section(
    conn: &Connection,
    title: String,
    o: LedgerOptions,
) -> Result<LedgerSection> {
    study_table(conn, title, o, false)
}

/// The members' hours as a table; `with_pace` adds the share of the target reached (as the
/// page shows it, a whole percent) and the hours an even pace would have reached by the day.
pub(super) fn study_table(
    conn: &Connection,
    title: String,
    o: LedgerOptions,
    with_pace: bool,
) -> Result<LedgerSection> {
    let report = study::report(conn, o.year, o.as_of, None)?;
    let categories: Vec<(String, String)> = report
        .by_category
        .iter()
        .map(|c| {
            let label = if c.counted {
                c.label.clone()
            } else {
                format!("{}（不计入）", c.label)
            };
            (c.category.clone(), label)
        })
        .collect();
    let mut headers: Vec<(&str, f64)> = vec![
        ("姓名", 10.0),
        ("目标", 8.0),
        ("目标折算", 9.0),
        ("计入学时", 9.0),
        ("未计入学时", 10.0),
    ];
    headers.extend(categories.iter().map(|(_, label)| (label.as_str(), 10.0)));
    if with_pace {
        headers.extend([("完成比例", 9.0), ("按进度应完成", 11.0)]);
    }
    headers.extend([("达标情况", 16.0)]);
    let rows = report
        .members
        .iter()
        .map(|m| {
            let target = m.target.map_or_else(|| "免除".into(), hours);
            let prorated = if m.target.is_some() && m.target_prorated {
                "按在册天数折算"
            } else {
                ""
            };
            let mut row = vec![
                m.name.clone(),
                target,
                prorated.to_string(),
                hours(m.counted_hours),
                hours(m.uncounted_hours),
            ];
            row.extend(categories.iter().map(|(code, _)| {
                m.by_category
                    .iter()
                    .find(|c| &c.category == code)
                    .map(|c| hours(c.hours))
                    .unwrap_or_default()
            }));
            if with_pace {
                row.push(
                    m.share
                        .map(|s| format!("{}%", (s * 100.0).round()))
                        .unwrap_or_default(),
                );
                row.push(m.expected.map(hours).unwrap_or_default());
            }
            row.push(match (m.exempt, m.reached, m.on_track) {
                (true, _, _) => format!("免除（{}）", m.exempt_reason),
                (_, true, _) => "已达标".into(),
                (_, _, true) => "进度正常".into(),
                _ => format!("落后 {} 学时", hours(m.behind_by)),
            });
            row
        })
        .collect();
    // Every figure a number cell: the target, the hours and each category's.
    let pace = 5 + categories.len();
    let mut figures: Vec<(usize, CellKind)> = [1, 3, 4]
        .into_iter()
        .chain(5..pace)
        .map(|c| (c, CellKind::Number))
        .collect();
    if with_pace {
        figures.extend([(pace, CellKind::Percent), (pace + 1, CellKind::Number)]);
    }
    Ok(kinds(
        section(LedgerPart::StudyHours, title, &headers, rows),
        &figures,
    ))
}

/// 党费收缴公布: each month's collection, then each member's year, as of the day asked.
pub(super) fn dues_section(
    conn: &Connection,
    title: String,
    o: LedgerOptions,
) -> Result<LedgerSection> {
    let report = crate::dues::report(conn, o.year, o.as_of)?;
    use CellKind::{Money, Number, Percent};
    // The months: 应交人数, 足额交纳, three amounts, 收缴率; the members: four amounts.
    let table_kinds: [&[(usize, CellKind)]; 2] = [
        &[
            (1, Number),
            (2, Number),
            (3, Money),
            (4, Money),
            (5, Money),
            (6, Percent),
        ],
        &[(2, Money), (3, Money), (4, Money), (5, Money)],
    ];
    let tables = crate::dues::year::publication(&report)
        .into_iter()
        .zip(table_kinds)
        .map(|((headers, rows), kinds)| {
            with_kinds(
                LedgerTable {
                    columns: columns(&headers),
                    rows,
                },
                kinds,
            )
        })
        .collect();
    Ok(LedgerSection {
        notes: vec![format!(
            "截至 {}，交纳比例依据{}",
            report.as_of, report.rate_version
        )],
        tables,
        ..section(LedgerPart::Dues, title, &[], Vec::new())
    })
}

/// 四强自评: the 自评报告's title, summary, scores and items as text.
pub(super) fn strengths_section(a: &Assessment, branch_name: &str) -> LedgerSection {
    let score_widths = [12.0, 10.0, 8.0, 8.0];
    let scores: Vec<(&str, f64)> = strengths_export::SCORE_HEADERS
        .iter()
        .copied()
        .zip(score_widths)
        .collect();
    let items: Vec<(&str, f64)> = strengths_export::ITEM_HEADERS
        .iter()
        .copied()
        .zip(strengths_export::ITEM_WIDTHS)
        .collect();
    LedgerSection {
        part: LedgerPart::Strengths,
        sheet: LedgerPart::Strengths.sheet().to_string(),
        title: strengths_export::report_title(a, branch_name),
        notes: vec![strengths_export::summary_line(a)],
        tables: vec![
            LedgerTable {
                columns: columns(&scores),
                rows: strengths_export::score_rows(a),
            },
            LedgerTable {
                columns: columns(&items),
                rows: strengths_export::item_rows(a),
            },
        ],
    }
}
