//! A 台账 section written on its own sheet of the workbook: title, notes, tables with the header
//! row repeated on every printed page, numbers and dates as typed cells, A4 landscape with page
//! numbers.

use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use super::{CellKind, LedgerSection};
use crate::error::{Error, Result};

pub(super) fn xlsx(e: XlsxError) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

/// A section on its sheet: the title, its notes, then each table with its header row (the
/// first one repeated on every printed page), A4 landscape with page numbers.
pub(super) fn write_sheet(ws: &mut Worksheet, section: &LedgerSection) -> Result<()> {
    ws.set_name(&section.sheet).map_err(xlsx)?;
    ws.write_string_with_format(
        0,
        0,
        &section.title,
        &Format::new().set_bold().set_font_size(14),
    )
    .map_err(xlsx)?;
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("#F2DCDB")
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let number = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    let money = number.clone().set_num_format("0.00");
    let percent = number.clone().set_num_format("0.0%");
    let day = number.clone().set_num_format("yyyy-mm-dd");
    let mut row = 1;
    for note in &section.notes {
        ws.write_string(row, 0, note).map_err(xlsx)?;
        row += 1;
    }
    let mut header_rows = Vec::new();
    for table in &section.tables {
        // A blank line before each table.
        row += 1;
        header_rows.push(row);
        for (col, c) in table.columns.iter().enumerate() {
            ws.write_string_with_format(row, col as u16, &c.header, &head)
                .map_err(xlsx)?;
        }
        for values in &table.rows {
            row += 1;
            for (col, (v, c)) in values.iter().zip(&table.columns).enumerate() {
                let col = col as u16;
                match typed(c.kind, v) {
                    Typed::Number(n) => {
                        let format = match c.kind {
                            CellKind::Money => &money,
                            CellKind::Percent => &percent,
                            _ => &number,
                        };
                        ws.write_number_with_format(row, col, n, format)
                    }
                    Typed::Date(d) => ws.write_datetime_with_format(row, col, &d, &day),
                    Typed::Text => ws.write_string_with_format(row, col, v, &cell),
                }
                .map_err(xlsx)?;
            }
        }
        row += 1;
    }
    if let Some(first) = section.tables.first() {
        for (col, c) in first.columns.iter().enumerate() {
            ws.set_column_width(col as u16, c.width).map_err(xlsx)?;
        }
    }
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    ws.set_footer("&C第 &P 页，共 &N 页");
    if let Some(&first) = header_rows.first() {
        ws.set_repeat_rows(first, first).map_err(xlsx)?;
    }
    Ok(())
}

enum Typed {
    Number(f64),
    Date(ExcelDateTime),
    Text,
}

/// A cell's text as the workbook writes it: the number or the date it shows, when it is one.
/// Parsed from the very text the window prints, so the two cannot differ.
fn typed(kind: CellKind, text: &str) -> Typed {
    use chrono::Datelike;
    let number = |t: &str| t.parse::<f64>().ok().filter(|n| n.is_finite());
    match kind {
        CellKind::Number | CellKind::Money => number(text).map_or(Typed::Text, Typed::Number),
        CellKind::Percent => text
            .strip_suffix('%')
            .and_then(number)
            .map_or(Typed::Text, |n| Typed::Number(n / 100.0)),
        CellKind::Date => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|d| {
                ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok()
            })
            .map_or(Typed::Text, Typed::Date),
        CellKind::Text => Typed::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(kind: CellKind, text: &str) -> Option<f64> {
        match typed(kind, text) {
            Typed::Number(n) => Some(n),
            _ => None,
        }
    }

    #[test]
    fn a_cell_is_typed_from_the_text_the_window_prints() {
        assert_eq!(number(CellKind::Number, "12"), Some(12.0));
        assert_eq!(number(CellKind::Money, "48.05"), Some(48.05));
        assert_eq!(number(CellKind::Percent, "87.5%"), Some(0.875));
        assert_eq!(number(CellKind::Percent, "87.5"), None);
        assert_eq!(number(CellKind::Text, "12"), None);
        assert_eq!(number(CellKind::Number, "—"), None);
        assert_eq!(number(CellKind::Number, "inf"), None);
        assert!(matches!(
            typed(CellKind::Date, "2026-11-05"),
            Typed::Date(_)
        ));
        assert!(matches!(typed(CellKind::Date, "2026-13-05"), Typed::Text));
    }
}
