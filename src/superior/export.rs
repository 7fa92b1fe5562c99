//! The 党委's 所辖支部一览 as a workbook: one row per branch with its last report day,
//! 三会一课 done/missed, 四强 overall and the four, 学时 达标率, members in arrears and open
//! alarms, branches silent for 7 days marked; and the 四强 ranking.

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::overview::{BranchRow, Overview};
use crate::error::{Error, Result};

/// Days without a report after which a branch is marked 逾期未报.
pub const SILENT_DAYS: i64 = 7;

/// Whether the branch has not reported for [`SILENT_DAYS`] as of `today` (or ever).
pub fn silent(row: &BranchRow, today: NaiveDate) -> bool {
    match row.reported_at {
        Some(at) => (today - at.date_naive()).num_days() >= SILENT_DAYS,
        None => true,
    }
}

/// The branches by 四强 overall, best first (those not reported last), ties by name.
pub fn ranking(o: &Overview) -> Vec<&BranchRow> {
    let mut rows: Vec<&BranchRow> = o.branches.iter().collect();
    rows.sort_by(|a, b| {
        let score = |r: &BranchRow| r.four_strengths.map(|f| f.overall);
        score(b)
            .partial_cmp(&score(a))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

fn xlsx(e: XlsxError) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

const HEADERS: [&str; 15] = [
    "支部",
    "最近上报",
    "报告截至",
    "三会一课完成",
    "进行中",
    "未完成",
    "四强总分",
    "政治功能强",
    "支部班子强",
    "党员队伍强",
    "作用发挥强",
    "学时达标率",
    "欠缴党费人数",
    "提醒",
    "备注",
];

/// The table as the window shows it, and the ranking on a second sheet.
pub fn overview_xlsx(o: &Overview, today: NaiveDate) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("#F2DCDB")
        .set_align(FormatAlign::Center);
    let cell = Format::new().set_border(FormatBorder::Thin);
    let pct = cell.clone().set_num_format("0.0%");
    let sheet = book.add_worksheet();
    sheet.set_name("所辖支部一览").map_err(xlsx)?;
    for (col, h) in HEADERS.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *h, &head)
            .map_err(xlsx)?;
    }
    for (i, r) in o.branches.iter().enumerate() {
        let row = i as u32 + 1;
        let text = |v: Option<String>| v.unwrap_or_default();
        sheet
            .write_string_with_format(row, 0, &r.name, &cell)
            .map_err(xlsx)?;
        sheet
            .write_string_with_format(
                row,
                1,
                text(
                    r.reported_at
                        .map(|t| t.format("%Y-%m-%d %H:%M").to_string()),
                ),
                &cell,
            )
            .map_err(xlsx)?;
        sheet
            .write_string_with_format(row, 2, text(r.as_of.map(|d| d.to_string())), &cell)
            .map_err(xlsx)?;
        if let (Some(c), Some(f), Some(s), Some(d)) =
            (r.compliance, r.four_strengths, r.study, r.dues)
        {
            for (col, v) in [(3u16, c.met), (4, c.open), (5, c.missed)] {
                sheet
                    .write_number_with_format(row, col, v, &cell)
                    .map_err(xlsx)?;
            }
            for (col, v) in [
                (6u16, f.overall),
                (7, f.political),
                (8, f.leadership),
                (9, f.membership),
                (10, f.impact),
            ] {
                sheet
                    .write_number_with_format(row, col, v, &pct)
                    .map_err(xlsx)?;
            }
            let rate = if s.counted > 0 {
                s.reached as f64 / s.counted as f64
            } else {
                0.0
            };
            sheet
                .write_number_with_format(row, 11, rate, &pct)
                .map_err(xlsx)?;
            sheet
                .write_number_with_format(row, 12, d.members_in_arrears, &cell)
                .map_err(xlsx)?;
            sheet
                .write_number_with_format(row, 13, r.alarms.unwrap_or(0), &cell)
                .map_err(xlsx)?;
        }
        let mut notes = Vec::new();
        if r.reported_at.is_none() {
            notes.push("尚未上报".to_string());
        } else if silent(r, today) {
            notes.push(format!("{SILENT_DAYS} 天以上未上报"));
        }
        if r.tampered {
            notes.push("报告与其变更记录不符".into());
        }
        sheet
            .write_string_with_format(row, 14, notes.join("；"), &cell)
            .map_err(xlsx)?;
    }
    // Chinese text is wider than the writer's autofit thinks.
    sheet.set_column_width(0, 28).map_err(xlsx)?;
    sheet.set_column_width(1, 18).map_err(xlsx)?;
    sheet.set_column_width(2, 12).map_err(xlsx)?;
    for col in 3..14 {
        sheet.set_column_width(col, 12).map_err(xlsx)?;
    }
    sheet.set_column_width(14, 28).map_err(xlsx)?;

    let rank = book.add_worksheet();
    rank.set_name("四强排名").map_err(xlsx)?;
    for (col, h) in ["名次", "支部", "四强总分"].iter().enumerate() {
        rank.write_string_with_format(0, col as u16, *h, &head)
            .map_err(xlsx)?;
    }
    for (i, r) in ranking(o)
        .into_iter()
        .filter(|r| r.four_strengths.is_some())
        .enumerate()
    {
        let row = i as u32 + 1;
        rank.write_number_with_format(row, 0, row, &cell)
            .map_err(xlsx)?;
        rank.write_string_with_format(row, 1, &r.name, &cell)
            .map_err(xlsx)?;
        rank.write_number_with_format(row, 2, r.four_strengths.map_or(0.0, |f| f.overall), &pct)
            .map_err(xlsx)?;
    }
    rank.set_column_width(1, 28).map_err(xlsx)?;
    book.save_to_buffer().map_err(xlsx)
}
