//! The year's 四强自评报告 as an .xlsx workbook: the scores per strength, then every item with
//! its status, value against the requirement, and evidence. The sheet writer is shared with
//! the yearly 台账 workbook, its text (title, summary, rows) with the 台账's printed pages.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::assess::Assessment;
use super::template::{ItemKind, ItemResult, ValueFormat};
use crate::error::{Error, Result};

pub const SHEET_NAME: &str = "四强自评";

impl ValueFormat {
    /// A value as the secretary reads it: 90%, 4, 是.
    pub fn show(self, value: f64) -> String {
        match self {
            ValueFormat::Share => {
                let pct = value * 100.0;
                if (pct - pct.round()).abs() < 0.05 {
                    format!("{pct:.0}%")
                } else {
                    format!("{pct:.1}%")
                }
            }
            ValueFormat::Count => {
                if value.fract() == 0.0 {
                    format!("{value:.0}")
                } else {
                    format!("{value}")
                }
            }
            ValueFormat::Flag => if value >= 1.0 { "是" } else { "否" }.to_string(),
        }
    }
}

impl ItemResult {
    /// 已达标, 未达标, 不适用, or 待确认 for an attested item nobody has ticked.
    pub fn status_label(&self) -> &'static str {
        match (self.met, self.kind, &self.attestation) {
            _ if !self.applicable => "不适用",
            (true, _, _) => "已达标",
            (false, ItemKind::Attested, None) => "待确认",
            (false, _, _) => "未达标",
        }
    }

    /// The measured value and the requirement, e.g. "90% / 要求 100%".
    pub fn value_text(&self) -> String {
        match (self.format, self.value, self.threshold) {
            (Some(f), Some(v), Some(t)) => format!("{} / 要求 {}", f.show(v), f.show(t)),
            _ => String::new(),
        }
    }

    /// The evidence of an attested item: the note, the linked records, the files, who and when.
    pub fn evidence_text(&self) -> String {
        let Some(a) = &self.attestation else {
            return String::new();
        };
        let mut lines = vec![format!("{} 由{}确认", a.achieved_on, a.attested_by)];
        if !a.note.is_empty() {
            lines.push(a.note.clone());
        }
        lines.extend(
            a.evidence
                .iter()
                .map(|e| format!("{}：{}", e.kind.label(), e.label)),
        );
        lines.extend(a.files.iter().map(|f| format!("附件：{}", f.file_name)));
        lines.join("\n")
    }
}

fn xlsx(e: XlsxError) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

/// The report's title: "<branch> 2026年度“四强”党支部自评报告".
pub fn report_title(a: &Assessment, branch_name: &str) -> String {
    format!("{branch_name} {}年度“四强”党支部自评报告", a.year)
}

/// The line under the title: as of when, which checklist, the overall score, items met.
pub fn summary_line(a: &Assessment) -> String {
    format!(
        "统计截至 {}　清单：{}（{}）　总体得分 {}　达标 {}/{} 项",
        a.counted_until(),
        a.template_name,
        a.template_version,
        percent(a.overall),
        a.met,
        a.total
    )
}

/// The scores table: one row per strength.
pub const SCORE_HEADERS: [&str; 4] = ["四强", "得分", "达标项", "总项数"];
/// The items table, with the column widths (in characters) the sheet sets.
pub const ITEM_HEADERS: [&str; 7] = ["四强", "条目", "方式", "状态", "完成情况", "权重", "佐证"];
pub const ITEM_WIDTHS: [f64; 7] = [12.0, 34.0, 10.0, 9.0, 20.0, 6.0, 48.0];

/// A share of 0–1 as the sheet's "0.0%" format shows it (and the command line prints it).
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// The scores table as text, in the order of `SCORE_HEADERS`.
pub fn score_rows(a: &Assessment) -> Vec<Vec<String>> {
    a.strengths
        .iter()
        .map(|s| {
            vec![
                s.title.clone(),
                percent(s.score),
                s.met.to_string(),
                s.total.to_string(),
            ]
        })
        .collect()
}

/// The items table as text, in the order of `ITEM_HEADERS`.
pub fn item_rows(a: &Assessment) -> Vec<Vec<String>> {
    a.strengths
        .iter()
        .flat_map(|s| {
            s.items.iter().map(|item| {
                vec![
                    s.title.clone(),
                    item.title.clone(),
                    item.kind.label().to_string(),
                    item.status_label().to_string(),
                    item.value_text(),
                    ValueFormat::Count.show(item.weight),
                    item.evidence_text(),
                ]
            })
        })
        .collect()
}

/// Writes the assessment onto `sheet`: title, scores per strength, then the items. Scores and
/// weights go in as numbers, so the sheet can be summed; the text is the same as the 台账's
/// printed pages show (`score_rows`, `item_rows`).
pub fn write_sheet(sheet: &mut Worksheet, a: &Assessment, branch_name: &str) -> Result<()> {
    let title = Format::new().set_bold().set_font_size(16);
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("#F2DCDB")
        .set_align(FormatAlign::Center);
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let pct = cell.clone().set_num_format("0.0%");
    sheet.set_name(SHEET_NAME).map_err(xlsx)?;
    sheet
        .write_string_with_format(0, 0, report_title(a, branch_name), &title)
        .map_err(xlsx)?;
    sheet.write_string(1, 0, summary_line(a)).map_err(xlsx)?;
    let mut row = 3;
    for (col, h) in SCORE_HEADERS.iter().enumerate() {
        sheet
            .write_string_with_format(row, col as u16, *h, &head)
            .map_err(xlsx)?;
    }
    for s in &a.strengths {
        row += 1;
        sheet
            .write_string_with_format(row, 0, &s.title, &cell)
            .map_err(xlsx)?;
        sheet
            .write_number_with_format(row, 1, s.score, &pct)
            .map_err(xlsx)?;
        sheet
            .write_number_with_format(row, 2, s.met, &cell)
            .map_err(xlsx)?;
        sheet
            .write_number_with_format(row, 3, s.total, &cell)
            .map_err(xlsx)?;
    }
    row += 2;
    let header_row = row;
    for (col, h) in ITEM_HEADERS.iter().enumerate() {
        sheet
            .write_string_with_format(row, col as u16, *h, &head)
            .map_err(xlsx)?;
    }
    let weights = a
        .strengths
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.weight));
    for (values, weight) in item_rows(a).into_iter().zip(weights) {
        row += 1;
        for (col, v) in values.iter().enumerate() {
            if col == 5 {
                sheet
                    .write_number_with_format(row, 5, weight, &cell)
                    .map_err(xlsx)?;
            } else {
                sheet
                    .write_string_with_format(row, col as u16, v, &cell)
                    .map_err(xlsx)?;
            }
        }
    }
    for (col, width) in ITEM_WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as u16, *width).map_err(xlsx)?;
    }
    sheet
        .set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    sheet
        .set_repeat_rows(header_row, header_row)
        .map_err(xlsx)?;
    Ok(())
}

/// The 自评报告 workbook on its own.
pub fn self_assessment_xlsx(a: &Assessment, branch_name: &str) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    write_sheet(book.add_worksheet(), a, branch_name)?;
    book.save_to_buffer().map_err(xlsx)
}
