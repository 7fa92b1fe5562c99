//! Importing study hours from a .csv or .xlsx file (exports of 学习强国, 干部网络学院 and the
//! like): the file becomes a table of text cells, the user maps columns to fields (a guess
//! from the headers comes first), every row is checked in a preview, and the entries are added
//! all or none.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::credits::{add_entries, checked_entry, EntryInput};
use super::EntrySource;
use crate::error::{Error, Reason, Result};
use crate::names::clean_name;
use crate::tabular::{self, normalise_date};

/// A file read into text cells; the first non-empty row holds the headers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportTable {
    pub file_name: String,
    /// The line of the header row in the file (blank lines before it are skipped).
    pub header_line: u32,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The mapping guessed from the headers.
    pub mapping: ImportMapping,
}

/// Which column (by index) holds each field; a default where the file has no such column.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ImportMapping {
    pub name: Option<u32>,
    /// Preferred over the name when both are mapped: names can repeat.
    pub id_number: Option<u32>,
    pub date: Option<u32>,
    pub hours: Option<u32>,
    pub category: Option<u32>,
    pub note: Option<u32>,
    /// The category of rows without one (e.g. 学习强国 for that platform's export).
    pub default_category: String,
    /// The date of rows without one (e.g. the day of the export).
    pub default_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImportRowError {
    pub field: Option<String>,
    pub reason: Option<Reason>,
    pub message: String,
}

/// One data row as it would be entered, or why it cannot be.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImportRow {
    /// The line in the file (the header is line 1 when it is the first).
    pub line: u32,
    pub member_id: Option<String>,
    pub member_name: String,
    pub occurred_on: String,
    pub hours: Option<f64>,
    pub category: String,
    pub note: String,
    pub error: Option<ImportRowError>,
    /// The same entry (member, date, hours, category, note) was imported before: the row is
    /// skipped, not added twice.
    pub duplicate: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    pub rows: Vec<ImportRow>,
    /// Valid rows, the duplicates among them.
    pub valid: u32,
    pub invalid: u32,
    /// Valid rows already imported before, which the import skips.
    pub duplicates: u32,
}

/// What an import did: the entries added, and the rows skipped as imported before.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImportDone {
    pub imported: u32,
    pub skipped_duplicates: u32,
}

/// An entry as stored, to tell a row imported before: member, date, half hours, category, note.
type EntryKey = (String, NaiveDate, u32, String, String);

/// How many times each entry was imported before.
fn imported_before(conn: &Connection) -> Result<HashMap<EntryKey, u32>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, occurred_on, half_hours, category, note, COUNT(*) AS n
         FROM study_hour_entry
         WHERE source = 'import' AND replaces_credit = 0
         GROUP BY member_id, occurred_on, half_hours, category, note",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            (
                r.get("member_id")?,
                r.get("occurred_on")?,
                r.get("half_hours")?,
                r.get("category")?,
                r.get("note")?,
            ),
            r.get("n")?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Reads a .csv (UTF-8, or GBK as Excel saves it on Chinese Windows) or .xlsx/.xls/.ods file,
/// with the mapping its headers suggest.
pub fn read_table(file_name: &str, bytes: &[u8]) -> Result<ImportTable> {
    let grid = tabular::read(file_name, bytes)?;
    let mapping = guess_mapping(&grid.headers);
    Ok(ImportTable {
        file_name: file_name.to_string(),
        header_line: grid.header_line,
        headers: grid.headers,
        rows: grid.rows,
        mapping,
    })
}

/// The mapping a header row suggests: 姓名, 身份证号, 日期, 学时, 类别, 备注 and their usual
/// variants in platform exports.
pub fn guess_mapping(headers: &[String]) -> ImportMapping {
    let find = |words: &[&str]| {
        headers
            .iter()
            .position(|h| {
                let h = h.to_lowercase();
                words.iter().any(|w| h.contains(w))
            })
            .map(|i| i as u32)
    };
    ImportMapping {
        name: find(&["姓名", "name", "学员"]),
        id_number: find(&["身份证", "证件号"]),
        date: find(&["日期", "时间", "date"]),
        hours: find(&["学时", "时长", "hours", "课时"]),
        category: find(&["类别", "类型", "category", "来源"]),
        note: find(&["备注", "说明", "课程", "note"]),
        default_category: String::new(),
        default_date: None,
    }
}

/// Hours as a number: "2", "1.5", "2小时", "1.5学时".
fn parse_hours(text: &str) -> Option<f64> {
    let t = text
        .trim()
        .trim_end_matches("学时")
        .trim_end_matches("小时")
        .trim_end_matches('h')
        .trim();
    t.parse::<f64>().ok()
}

fn cell(row: &[String], col: Option<u32>) -> &str {
    col.and_then(|c| row.get(c as usize))
        .map_or("", |s| s.trim())
}

/// Every row of the table as it would be entered, with the first problem of each.
pub fn preview(
    conn: &Connection,
    table: &ImportTable,
    mapping: &ImportMapping,
    today: NaiveDate,
) -> Result<ImportPreview> {
    validate_mapping(table, mapping)?;
    let header_line = table.header_line.max(1);
    // A row is a duplicate while the file's rows with its entry do not outnumber the entries
    // imported before: a file imported twice adds nothing the second time, and two equal
    // rows of one file are both kept the first time.
    let mut before = imported_before(conn)?;
    let mut rows = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let (mut out, key) = preview_row(conn, row, mapping, today, header_line + 1 + i as u32)?;
        if let Some(n) = key.and_then(|k| before.get_mut(&k)).filter(|n| **n > 0) {
            *n -= 1;
            out.duplicate = true;
        }
        rows.push(out);
    }
    if rows.is_empty() {
        return Err(Error::validation("import_file", Reason::EmptyFile));
    }
    let invalid = rows.iter().filter(|r| r.error.is_some()).count() as u32;
    Ok(ImportPreview {
        valid: rows.len() as u32 - invalid,
        invalid,
        duplicates: rows.iter().filter(|r| r.duplicate).count() as u32,
        rows,
    })
}

fn validate_mapping(table: &ImportTable, m: &ImportMapping) -> Result<()> {
    let width = table.headers.len() as u32;
    let cols = [m.name, m.id_number, m.date, m.hours, m.category, m.note];
    if cols.iter().flatten().any(|c| *c >= width) {
        return Err(Error::validation("mapping", Reason::InvalidValue));
    }
    if m.name.is_none() && m.id_number.is_none() {
        return Err(Error::validation("mapping_member", Reason::Required));
    }
    if m.hours.is_none() {
        return Err(Error::validation("mapping_hours", Reason::Required));
    }
    if m.date.is_none()
        && m.default_date
            .as_deref()
            .is_none_or(|d| d.trim().is_empty())
    {
        return Err(Error::validation("mapping_date", Reason::Required));
    }
    if m.category.is_none() && m.default_category.trim().is_empty() {
        return Err(Error::validation("mapping_category", Reason::Required));
    }
    Ok(())
}

fn preview_row(
    conn: &Connection,
    row: &[String],
    m: &ImportMapping,
    today: NaiveDate,
    line: u32,
) -> Result<(ImportRow, Option<EntryKey>)> {
    let typed_name = cell(row, m.name);
    let id_number = cell(row, m.id_number).to_uppercase();
    let date = match cell(row, m.date) {
        "" => m.default_date.clone().unwrap_or_default(),
        d => normalise_date(d),
    };
    let category = match cell(row, m.category) {
        "" => m.default_category.trim().to_string(),
        c => c.to_string(),
    };
    let hours_text = cell(row, m.hours);
    let note = cell(row, m.note).to_string();
    let mut out = ImportRow {
        line,
        member_id: None,
        member_name: typed_name.to_string(),
        occurred_on: date.clone(),
        hours: parse_hours(hours_text),
        category: category.clone(),
        note: note.clone(),
        error: None,
        duplicate: false,
    };
    let fail = |out: &mut ImportRow, e: Error| {
        out.error = Some(ImportRowError {
            field: e.field().map(str::to_string),
            reason: e.reason(),
            message: e.to_string(),
        });
    };
    let name = match clean_name("member_id", typed_name, 40, false) {
        Ok(name) => name,
        Err(e) => {
            fail(&mut out, e);
            return Ok((out, None));
        }
    };
    let member = match find_member(conn, &name, &id_number)? {
        Ok((id, found_name)) => {
            out.member_name = found_name;
            id
        }
        Err(e) => {
            fail(&mut out, e);
            return Ok((out, None));
        }
    };
    out.member_id = Some(member.clone());
    let Some(hours) = out.hours else {
        fail(&mut out, Error::validation("hours", Reason::InvalidValue));
        return Ok((out, None));
    };
    let input = EntryInput {
        member_id: member,
        occurred_on: date,
        hours,
        category,
        note,
        ..Default::default()
    };
    match checked_entry(conn, &input, today) {
        Ok((date, hours, category)) => {
            let key = (
                input.member_id,
                date,
                hours.0,
                category,
                input.note.trim().to_string(),
            );
            Ok((out, Some(key)))
        }
        Err(e) => {
            fail(&mut out, e);
            Ok((out, None))
        }
    }
}

/// The member a row names: by 身份证号 when given, else by name among those on the roster;
/// a name shared by two members is refused (map the 身份证号 column instead).
fn find_member(
    conn: &Connection,
    name: &str,
    id_number: &str,
) -> Result<std::result::Result<(String, String), Error>> {
    let mut found: Vec<(String, String)> = if !id_number.is_empty() {
        let tag = crate::vault::key(conn)?.id_tag(id_number);
        let mut stmt = conn.prepare_cached(
            "SELECT id, name FROM member WHERE id_tag = ?1 AND archived_on IS NULL",
        )?;
        let rows = stmt.query_map([tag], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    } else if !name.is_empty() {
        let mut stmt = conn.prepare_cached(
            "SELECT id, name FROM member WHERE name = ?1 AND archived_on IS NULL",
        )?;
        let rows = stmt.query_map([name], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    } else {
        return Ok(Err(Error::validation("member_id", Reason::Required)));
    };
    Ok(match found.len() {
        0 => Err(Error::validation("member_id", Reason::UnknownMember)),
        1 => Ok(found.remove(0)),
        _ => Err(Error::validation("member_id", Reason::AmbiguousName)),
    })
}

/// Adds every row's entry, all or none: a single bad row refuses the whole file with
/// `Error::AtRow` naming its line. Rows imported before are skipped and counted.
pub fn commit(
    conn: &Connection,
    table: &ImportTable,
    mapping: &ImportMapping,
    today: NaiveDate,
    actor: &str,
) -> Result<ImportDone> {
    let preview = preview(conn, table, mapping, today)?;
    if let Some(bad) = preview.rows.iter().find(|r| r.error.is_some()) {
        let e = bad.error.as_ref().expect("checked");
        let inner = match (e.field.as_deref(), e.reason) {
            (Some(field), Some(reason)) => Error::validation(field_name(field), reason),
            (None, Some(reason)) => Error::Conflict { reason },
            _ => Error::validation("import_file", Reason::InvalidValue),
        };
        return Err(Error::at_row(bad.line as usize, inner));
    }
    let skipped_duplicates = preview.duplicates;
    let inputs: Vec<EntryInput> = preview
        .rows
        .into_iter()
        .filter(|r| !r.duplicate)
        .map(|r| EntryInput {
            member_id: r.member_id.expect("valid rows name a member"),
            occurred_on: r.occurred_on,
            hours: r.hours.expect("valid rows have hours"),
            category: r.category,
            note: r.note,
            ..Default::default()
        })
        .collect();
    let ids = add_entries(conn, &inputs, EntrySource::Import, today, actor)?;
    Ok(ImportDone {
        imported: ids.len() as u32,
        skipped_duplicates,
    })
}

/// The static name of a field an entry check reports.
fn field_name(field: &str) -> &'static str {
    match field {
        "member_id" => "member_id",
        "occurred_on" => "occurred_on",
        "hours" => "hours",
        "category" => "category",
        "note" => "note",
        _ => "import_file",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_suggest_the_mapping() {
        let headers: Vec<String> = [
            "序号",
            "学员姓名",
            "身份证号码",
            "学习日期",
            "获得学时",
            "课程名称",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let m = guess_mapping(&headers);
        assert_eq!(
            (m.name, m.id_number, m.date, m.hours, m.category, m.note),
            (Some(1), Some(2), Some(3), Some(4), None, Some(5))
        );
    }

    #[test]
    fn hours_in_the_forms_exports_use() {
        assert_eq!(parse_hours("1.5学时"), Some(1.5));
        assert_eq!(parse_hours(" 2小时"), Some(2.0));
        assert_eq!(parse_hours("两小时"), None);
    }

    #[test]
    fn csv_in_utf8_with_bom_or_gbk() {
        let utf8 = "\u{feff}姓名,学时\n徐婷,2\n".as_bytes();
        let t = read_table("a.csv", utf8).unwrap();
        assert_eq!(t.headers, vec!["姓名", "学时"]);
        assert_eq!(t.rows, vec![vec!["徐婷".to_string(), "2".to_string()]]);
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,学时\n徐婷,2\n");
        let t = read_table("a.CSV", &gbk).unwrap();
        assert_eq!(t.rows[0][0], "徐婷");
        assert_eq!(
            read_table("a.pdf", b"x").unwrap_err().reason(),
            Some(Reason::UnsupportedFileType)
        );
        assert_eq!(
            read_table("a.csv", b"\n\n").unwrap_err().reason(),
            Some(Reason::EmptyFile)
        );
        assert_eq!(
            read_table("a.xlsx", b"not a zip").unwrap_err().reason(),
            Some(Reason::UnreadableFile)
        );
    }
}
