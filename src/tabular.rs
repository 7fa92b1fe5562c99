//! Spreadsheets and CSV files read into text cells, for every import (学时, the roster): the
//! first non-empty row is the header, dates in the forms Chinese offices write them are
//! normalised, Excel date cells become YYYY-MM-DD.

use std::io::Cursor;

use calamine::{Data, Reader};
use chrono::NaiveDate;

use crate::error::{Error, Reason, Result};

/// The most data rows one import takes.
pub const MAX_ROWS: usize = 20_000;

/// A file's cells as text: the header row and the data rows after it, padded to its width.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// The line of the header row in the file (blank lines before it are skipped).
    pub header_line: u32,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn unreadable() -> Error {
    Error::validation("import_file", Reason::UnreadableFile)
}

/// Reads a .csv (UTF-8, or GBK as Excel saves it on Chinese Windows) or .xlsx/.xls/.ods file.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<Grid> {
    let lower = file_name.to_lowercase();
    let mut grid = if lower.ends_with(".csv") || lower.ends_with(".txt") {
        read_csv(bytes)?
    } else if [".xlsx", ".xlsm", ".xls", ".ods"]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        read_workbook(bytes)?
    } else {
        return Err(Error::validation(
            "import_file",
            Reason::UnsupportedFileType,
        ));
    };
    // Rows are kept with their line numbers: leading blank lines shift the header down.
    let first = grid
        .iter()
        .position(|r| r.iter().any(|c| !c.trim().is_empty()))
        .ok_or_else(|| Error::validation("import_file", Reason::EmptyFile))?;
    let mut rest = grid.split_off(first);
    let headers: Vec<String> = rest
        .remove(0)
        .into_iter()
        .map(|h| h.trim().to_string())
        .collect();
    if rest.len() > MAX_ROWS {
        return Err(Error::validation("import_file", Reason::TooManyRows));
    }
    let width = headers.len();
    let rows: Vec<Vec<String>> = rest
        .into_iter()
        .map(|mut r| {
            r.resize(width.max(r.len()), String::new());
            r
        })
        .collect();
    Ok(Grid {
        header_line: first as u32 + 1,
        headers,
        rows,
    })
}

fn read_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => {
            let (text, _, bad) = encoding_rs::GBK.decode(bytes);
            if bad {
                return Err(unreadable());
            }
            text.into_owned()
        }
    };
    let text = keep_blank_lines(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            r.map(|rec| rec.iter().map(str::to_string).collect())
                .map_err(|_| unreadable())
        })
        .collect()
}

/// The CSV reader skips blank lines, which would shift the line numbers errors quote; a blank
/// line outside a quoted field becomes an empty record (a lone comma) instead.
fn keep_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut in_quotes = false;
    for line in text.split_inclusive('\n') {
        if !in_quotes && line.trim().is_empty() {
            out.push(',');
        }
        in_quotes ^= line.matches('"').count() % 2 == 1;
        out.push_str(line);
    }
    out
}

fn read_workbook(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|_| unreadable())?;
    let sheet = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| Error::validation("import_file", Reason::EmptyFile))?;
    let range = book.worksheet_range(&sheet).map_err(|_| unreadable())?;
    Ok(range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect())
}

/// A cell as the user sees it: dates as YYYY-MM-DD, whole numbers without ".0".
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            excel_date(dt.as_f64()).map_or_else(|| dt.to_string(), |d| d.to_string())
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
    }
}

/// An Excel serial day (1900 system) as a date.
pub fn excel_date(serial: f64) -> Option<NaiveDate> {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_days(chrono::Days::new(serial.floor().max(0.0) as u64))
}

/// Accepts 2026-03-05, 2026/3/5, 2026.3.5 and 2026年3月5日, and an Excel serial day.
pub fn normalise_date(text: &str) -> String {
    let t = text.trim();
    let parts: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() >= 3 && parts[0].len() == 4 {
        if let (Ok(y), Ok(m), Ok(d)) = (
            parts[0].parse::<i32>(),
            parts[1].parse::<u32>(),
            parts[2].parse::<u32>(),
        ) {
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                return date.to_string();
            }
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_offices_write_them() {
        assert_eq!(normalise_date("2026/3/5"), "2026-03-05");
        assert_eq!(normalise_date("2026年3月5日"), "2026-03-05");
        assert_eq!(normalise_date("2026.03.05 14:00"), "2026-03-05");
        assert_eq!(normalise_date("三月五日"), "三月五日");
        assert_eq!(excel_date(46086.0), NaiveDate::from_ymd_opt(2026, 3, 5));
    }

    #[test]
    fn csv_rows_keep_their_line_numbers_across_blank_lines() {
        let grid = read("a.csv", "\n姓名,学时\n徐婷,2\n\n吴刚,1\n".as_bytes()).unwrap();
        assert_eq!(grid.header_line, 2);
        let names: Vec<&str> = grid.rows.iter().map(|r| r[0].as_str()).collect();
        // Line 3 徐婷, line 4 blank, line 5 吴刚.
        assert_eq!(names, ["徐婷", "", "吴刚"]);
    }
}
