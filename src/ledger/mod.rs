//! The yearly 台账, the binder inspectors ask for: 花名册, 三会一课记录 with attendance, 主题党日,
//! 活动, 学时登记, 党费收缴公布 and 四强自评. `book` builds the year's seven sections as data; the .xlsx
//! workbook and the window's printable pages are both made from it. Each sheet carries the
//! branch's name and the year, prints on A4 landscape with its header row repeated and page
//! numbers. 身份证号 and phone numbers are masked unless the secretary asks for them in full.
//!
//! The parts: the sections as data (`sections`), and the sheet writer that puts a section on an
//! A4 landscape sheet (`writer`).

mod sections;
mod writer;

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;
use serde::Serialize;
use ts_rs::TS;

use crate::branch;
use crate::error::Result;
use crate::strengths::{self, export as strengths_export, Assessment};
use sections::{
    activities_section, dues_section, roster, sessions_section, strengths_section, study_section,
    study_table, theme_days, year_sessions,
};
use writer::{write_sheet, xlsx};

/// The sheets, in order.
pub const SHEETS: [&str; 7] = [
    "花名册",
    "三会一课记录",
    "主题党日",
    "活动",
    "学时登记",
    "党费收缴公布",
    "四强自评",
];

/// The seven parts of the 台账, in the order of `SHEETS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LedgerPart {
    Roster,
    Sessions,
    ThemeDays,
    Activities,
    StudyHours,
    Dues,
    Strengths,
}

impl LedgerPart {
    pub const ALL: [LedgerPart; 7] = [
        LedgerPart::Roster,
        LedgerPart::Sessions,
        LedgerPart::ThemeDays,
        LedgerPart::Activities,
        LedgerPart::StudyHours,
        LedgerPart::Dues,
        LedgerPart::Strengths,
    ];

    /// The part's sheet name in the workbook, its short name on paper.
    pub fn sheet(self) -> &'static str {
        SHEETS[self as usize]
    }
}

/// What goes into the 台账.
#[derive(Debug, Clone, Copy)]
pub struct LedgerOptions {
    pub year: i32,
    /// The day the year is judged as of (学时 pace, 四强).
    pub as_of: NaiveDate,
    /// 身份证号 and phone numbers in full rather than masked.
    pub reveal: bool,
}

/// One column of a table: its header, and its width in characters as the workbook sets it
/// (the printed page shares its width out in the same proportions).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LedgerColumn {
    pub header: String,
    pub width: f64,
    /// What its cells are in the workbook (the window prints them as text).
    #[serde(skip)]
    #[ts(skip)]
    pub kind: CellKind,
}

/// What the workbook writes a column's cells as: a number the sheet can sum, a date, or text.
/// A cell whose text is not of its kind (免除 among the targets) stays text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CellKind {
    #[default]
    Text,
    /// Hours, counts: a number shown as it is.
    Number,
    /// 元 with two decimals ("12.50"), shown 0.00.
    Money,
    /// "95.0%": the share as a number shown 0.0%.
    Percent,
    /// yyyy-mm-dd: a date cell shown yyyy-mm-dd.
    Date,
}

/// A table of text cells, one per column.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LedgerTable {
    pub columns: Vec<LedgerColumn>,
    pub rows: Vec<Vec<String>>,
}

/// One part of the 台账: a sheet of the workbook, a run of pages on paper.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LedgerSection {
    pub part: LedgerPart,
    /// The sheet's name (花名册, ...).
    pub sheet: String,
    /// "<branch> 2026年 党员花名册".
    pub title: String,
    /// Lines under the title (四强: as of when, the checklist, the overall score).
    pub notes: Vec<String>,
    /// One table, or for 四强 the scores and then the items.
    pub tables: Vec<LedgerTable>,
}

/// The year's 台账 as data: what the workbook holds, for the window to print.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LedgerBook {
    pub branch_name: String,
    pub year: i32,
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    /// Whether 身份证号 and phone numbers are in full.
    pub revealed: bool,
    pub sections: Vec<LedgerSection>,
}

/// The year's 台账: its seven sections in the order of `SHEETS`.
pub fn book(conn: &Connection, o: LedgerOptions) -> Result<LedgerBook> {
    Ok(build(conn, o)?.0)
}

/// The book, and the 四强 assessment its last section was made from (the workbook writes that
/// sheet from the assessment itself, with numbers as numbers).
fn build(conn: &Connection, o: LedgerOptions) -> Result<(LedgerBook, Assessment)> {
    crate::ids::check_year(o.year)?;
    let branch_name = branch::require(conn)?.name;
    let title = |what: &str| format!("{branch_name} {}年 {what}", o.year);
    let sessions = year_sessions(conn, o)?;
    let assessment = strengths::assess(conn, o.year, o.as_of)?;
    let sections = vec![
        roster(conn, title("党员花名册"), o)?,
        sessions_section(&sessions, title("“三会一课”记录")),
        theme_days(&sessions, title("主题党日记录")),
        activities_section(conn, title("活动记录"), o)?,
        study_section(conn, title("党员学时登记"), o)?,
        dues_section(conn, title("党费收缴情况公布"), o)?,
        strengths_section(&assessment, &branch_name),
    ];
    let book = LedgerBook {
        branch_name,
        year: o.year,
        as_of: o.as_of,
        revealed: o.reveal,
        sections,
    };
    Ok((book, assessment))
}

/// The yearly 台账 workbook: a sheet per section.
pub fn workbook(conn: &Connection, o: LedgerOptions) -> Result<Vec<u8>> {
    let (book, assessment) = build(conn, o)?;
    let mut workbook = Workbook::new();
    for section in &book.sections {
        let ws = workbook.add_worksheet();
        match section.part {
            LedgerPart::Strengths => {
                strengths_export::write_sheet(ws, &assessment, &book.branch_name)?
            }
            _ => write_sheet(ws, section)?,
        }
    }
    workbook.save_to_buffer().map_err(xlsx)
}

/// The sheet name of the 学时单.
pub const HOURS_SHEET: &str = "学时单";

/// The 学时单: every member's hours of the year as the 学时 page shows them (计入 and 未计入, by
/// category, the target, the share of it reached and where the member stands against the
/// pace), on one A4 landscape sheet, every figure a number cell.
pub fn hours_workbook(conn: &Connection, year: i32, as_of: NaiveDate) -> Result<Vec<u8>> {
    crate::ids::check_year(year)?;
    let branch_name = branch::require(conn)?.name;
    let o = LedgerOptions {
        year,
        as_of,
        reveal: false,
    };
    let mut section = study_table(conn, format!("{branch_name} {year}年 党员学时单"), o, true)?;
    section.sheet = HOURS_SHEET.to_string();
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31).expect("a checked year");
    section
        .notes
        .push(format!("统计截至 {}", as_of.min(year_end)));
    let mut workbook = Workbook::new();
    write_sheet(workbook.add_worksheet(), &section)?;
    workbook.save_to_buffer().map_err(xlsx)
}
