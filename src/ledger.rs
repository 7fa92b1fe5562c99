//! The yearly 台账 as one .xlsx workbook, the binder inspectors ask for: 花名册, 三会一课记录
//! with attendance, 主题党日, 活动, 学时登记 and 四强自评. Each sheet carries the branch's name
//! and the year, prints on A4 landscape with its header row repeated and page numbers.
//! 身份证号 and phone numbers are masked unless the secretary asks for them in full.

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::activities::{self, ActivityQuery, ParticipantRole};
use crate::branch;
use crate::error::{Error, Result};
use crate::members::validate::{mask_id_number, mask_phone};
use crate::members::{self, RosterQuery};
use crate::sessions::{self, AttendanceStatus, Obligation, SessionQuery};
use crate::strengths::{self, export as strengths_export};
use crate::study;

/// The sheets, in order.
pub const SHEETS: [&str; 6] = [
    "花名册",
    "三会一课记录",
    "主题党日",
    "活动",
    "学时登记",
    "四强自评",
];

/// What goes into the workbook.
#[derive(Debug, Clone, Copy)]
pub struct LedgerOptions {
    pub year: i32,
    /// The day the year is judged as of (学时 pace, 四强).
    pub as_of: NaiveDate,
    /// 身份证号 and phone numbers in full rather than masked.
    pub reveal: bool,
}

fn xlsx(e: XlsxError) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

struct Sheet<'a> {
    ws: &'a mut Worksheet,
    row: u32,
    cell: Format,
}

impl<'a> Sheet<'a> {
    /// A sheet with its title line and header row.
    fn new(
        ws: &'a mut Worksheet,
        name: &str,
        title: &str,
        headers: &[(&str, f64)],
    ) -> Result<Sheet<'a>> {
        ws.set_name(name).map_err(xlsx)?;
        ws.write_string_with_format(0, 0, title, &Format::new().set_bold().set_font_size(14))
            .map_err(xlsx)?;
        let head = Format::new()
            .set_bold()
            .set_border(FormatBorder::Thin)
            .set_background_color("#F2DCDB")
            .set_align(FormatAlign::Center)
            .set_text_wrap();
        for (col, (h, width)) in headers.iter().enumerate() {
            ws.write_string_with_format(2, col as u16, *h, &head)
                .map_err(xlsx)?;
            ws.set_column_width(col as u16, *width).map_err(xlsx)?;
        }
        ws.set_paper_size(9)
            .set_landscape()
            .set_print_fit_to_pages(1, 0);
        ws.set_footer("&C第 &P 页，共 &N 页");
        ws.set_repeat_rows(2, 2).map_err(xlsx)?;
        Ok(Sheet {
            ws,
            row: 2,
            cell: Format::new()
                .set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
        })
    }

    fn push(&mut self, values: &[String]) -> Result<()> {
        self.row += 1;
        for (col, v) in values.iter().enumerate() {
            self.ws
                .write_string_with_format(self.row, col as u16, v, &self.cell)
                .map_err(xlsx)?;
        }
        Ok(())
    }
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn hours(h: f64) -> String {
    if h.fract() == 0.0 {
        format!("{h:.0}")
    } else {
        format!("{h:.1}")
    }
}

/// The yearly 台账 workbook.
pub fn workbook(conn: &Connection, o: LedgerOptions) -> Result<Vec<u8>> {
    let branch_name = branch::require(conn)?.name;
    let mut book = Workbook::new();
    let title = |what: &str| format!("{branch_name} {}年 {what}", o.year);
    roster(conn, book.add_worksheet(), &title("党员花名册"), o)?;
    sessions_sheet(conn, book.add_worksheet(), &title("“三会一课”记录"), o)?;
    theme_days(conn, book.add_worksheet(), &title("主题党日记录"), o)?;
    activities_sheet(conn, book.add_worksheet(), &title("活动记录"), o)?;
    study_sheet(conn, book.add_worksheet(), &title("党员学时登记"), o)?;
    let assessment = strengths::assess(conn, o.year, o.as_of)?;
    strengths_export::write_sheet(book.add_worksheet(), &assessment, &branch_name)?;
    book.save_to_buffer().map_err(xlsx)
}

fn roster(conn: &Connection, ws: &mut Worksheet, title: &str, o: LedgerOptions) -> Result<()> {
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
    let mut sheet = Sheet::new(ws, SHEETS[0], title, &headers)?;
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
    for (n, summary) in active.into_iter().chain(left).enumerate() {
        let m = members::get(conn, &summary.id, o.as_of)?;
        let (id_number, phone) = if o.reveal {
            (m.id_number.clone(), m.phone.clone())
        } else {
            (mask_id_number(&m.id_number), mask_phone(&m.phone))
        };
        let roles: Vec<&str> = m.roles.iter().map(|r| r.label()).collect();
        sheet.push(&[
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
        ])?;
    }
    Ok(())
}

fn year_sessions(conn: &Connection, o: LedgerOptions) -> Result<Vec<sessions::Session>> {
    let q = SessionQuery {
        from: Some(format!("{:04}-01-01", o.year)),
        to: Some(format!("{:04}-12-31", o.year)),
        ..Default::default()
    };
    // Newest first from the list: reversed, the year runs in the order it was logged.
    sessions::list(conn, &q)?
        .iter()
        .rev()
        .map(|s| sessions::get(conn, &s.id))
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

fn sessions_sheet(
    conn: &Connection,
    ws: &mut Worksheet,
    title: &str,
    o: LedgerOptions,
) -> Result<()> {
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
    let mut sheet = Sheet::new(ws, SHEETS[1], title, &headers)?;
    for s in year_sessions(conn, o)? {
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
        sheet.push(&[
            s.held_on.to_string(),
            s.kind_label.clone(),
            also.join("、"),
            s.party_group.clone().unwrap_or_default(),
            subject,
            s.lecturer_name.clone(),
            s.head_count.expected.to_string(),
            s.head_count.present.to_string(),
            names_with(&s, AttendanceStatus::Leave),
            names_with(&s, AttendanceStatus::Absent),
            match &s.quorum {
                Some(q) if q.met => "达到".into(),
                Some(_) => "未达到".into(),
                None => String::new(),
            },
            resolutions.join("\n"),
            s.place.clone(),
        ])?;
    }
    Ok(())
}

fn theme_days(conn: &Connection, ws: &mut Worksheet, title: &str, o: LedgerOptions) -> Result<()> {
    let headers = [
        ("日期", 11.0),
        ("主题", 36.0),
        ("同时计入", 14.0),
        ("应到", 6.0),
        ("实到", 6.0),
        ("地点", 20.0),
    ];
    let mut sheet = Sheet::new(ws, SHEETS[2], title, &headers)?;
    for s in year_sessions(conn, o)?
        .into_iter()
        .filter(|s| s.counts_for.contains(&Obligation::ThemeDay))
    {
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
        sheet.push(&[
            s.held_on.to_string(),
            subject.clone(),
            also.join("、"),
            s.head_count.expected.to_string(),
            s.head_count.present.to_string(),
            s.place.clone(),
        ])?;
    }
    Ok(())
}

fn activities_sheet(
    conn: &Connection,
    ws: &mut Worksheet,
    title: &str,
    o: LedgerOptions,
) -> Result<()> {
    let headers = [
        ("日期", 11.0),
        ("类型", 10.0),
        ("系列 / 期数", 16.0),
        ("标题", 32.0),
        ("主讲 / 分享", 14.0),
        ("参加人数", 8.0),
        ("地点", 18.0),
    ];
    let mut sheet = Sheet::new(ws, SHEETS[3], title, &headers)?;
    let mut list = activities::list(
        conn,
        &ActivityQuery {
            year: Some(o.year),
            ..Default::default()
        },
    )?;
    list.reverse();
    for a in list {
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
        sheet.push(&[
            a.held_on.to_string(),
            a.kind.label().to_string(),
            series,
            a.title.clone(),
            speakers.join("、"),
            a.participants.len().to_string(),
            a.place.clone(),
        ])?;
    }
    Ok(())
}

fn study_sheet(conn: &Connection, ws: &mut Worksheet, title: &str, o: LedgerOptions) -> Result<()> {
    let report = study::report(conn, o.year, o.as_of, None)?;
    let categories: Vec<(String, String)> = report
        .by_category
        .iter()
        .map(|c| (c.category.clone(), c.label.clone()))
        .collect();
    let mut headers: Vec<(&str, f64)> = vec![("姓名", 10.0), ("目标", 7.0), ("已获学时", 9.0)];
    headers.extend(categories.iter().map(|(_, label)| (label.as_str(), 10.0)));
    headers.extend([("达标情况", 16.0)]);
    let mut sheet = Sheet::new(ws, SHEETS[4], title, &headers)?;
    for m in &report.members {
        let mut row = vec![
            m.name.clone(),
            m.target.map(hours).unwrap_or_else(|| "免除".into()),
            hours(m.hours),
        ];
        row.extend(categories.iter().map(|(code, _)| {
            m.by_category
                .iter()
                .find(|c| &c.category == code)
                .map(|c| hours(c.hours))
                .unwrap_or_default()
        }));
        row.push(match (m.exempt, m.reached, m.on_track) {
            (true, _, _) => format!("免除（{}）", m.exempt_reason),
            (_, true, _) => "已达标".into(),
            (_, _, true) => "进度正常".into(),
            _ => format!("落后 {} 学时", hours(m.behind_by)),
        });
        sheet.push(&row)?;
    }
    Ok(())
}
