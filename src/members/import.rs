//! Importing the roster (党员花名册) from .xlsx or .csv: the shipped template's columns, or
//! another layout mapped by header (a guess first, the user confirms); the usual Chinese
//! spellings of values (正式党员, 男, 2023年3月1日, Excel date cells); a preview of every row
//! with its errors, run as the real import inside a transaction that is rolled back; then the
//! import itself, all or none. A member already on the roster (same 身份证号) is left as it is,
//! so importing a file again adds nobody twice; 党小组 the branch lacks are created.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{add, Gender, MemberInput, Stage};
use crate::branch::{self, GroupInput};
use crate::code_enum;
use crate::error::{Error, Reason, Result};
use crate::study::import::ImportRowError;
use crate::tabular::{self, normalise_date};

/// Which column (by index) holds each field of the 花名册.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RosterMapping {
    pub name: Option<u32>,
    pub gender: Option<u32>,
    pub ethnicity: Option<u32>,
    pub birth_date: Option<u32>,
    pub native_place: Option<u32>,
    pub id_number: Option<u32>,
    pub education: Option<u32>,
    pub work_start_date: Option<u32>,
    pub workplace_title: Option<u32>,
    pub phone: Option<u32>,
    pub address: Option<u32>,
    pub stage: Option<u32>,
    pub joined_on: Option<u32>,
    pub confirmed_on: Option<u32>,
    pub party_group: Option<u32>,
    pub notes: Option<u32>,
}

/// The template's columns, in order, with the words that recognise each in other layouts.
const COLUMNS: &[(&str, &str, &[&str])] = &[
    ("name", "姓名", &["姓名", "名字"]),
    ("gender", "性别", &["性别"]),
    ("ethnicity", "民族", &["民族"]),
    ("birth_date", "出生日期", &["出生"]),
    ("native_place", "籍贯", &["籍贯"]),
    (
        "id_number",
        "身份证号",
        &["身份证", "公民身份号码", "证件号"],
    ),
    ("education", "学历", &["学历", "文化程度"]),
    ("work_start_date", "参加工作日期", &["参加工作"]),
    ("workplace_title", "工作单位及职务", &["单位", "职务"]),
    ("phone", "联系电话", &["电话", "手机"]),
    ("address", "家庭住址", &["住址", "地址"]),
    (
        "stage",
        "人员类别",
        &["人员类别", "党员类别", "类别", "身份"],
    ),
    ("joined_on", "入党日期", &["入党"]),
    ("confirmed_on", "转正日期", &["转正"]),
    ("party_group", "所在党小组", &["党小组", "小组"]),
    ("notes", "备注", &["备注"]),
];

impl RosterMapping {
    fn column(&self, field: &str) -> Option<u32> {
        match field {
            "name" => self.name,
            "gender" => self.gender,
            "ethnicity" => self.ethnicity,
            "birth_date" => self.birth_date,
            "native_place" => self.native_place,
            "id_number" => self.id_number,
            "education" => self.education,
            "work_start_date" => self.work_start_date,
            "workplace_title" => self.workplace_title,
            "phone" => self.phone,
            "address" => self.address,
            "stage" => self.stage,
            "joined_on" => self.joined_on,
            "confirmed_on" => self.confirmed_on,
            "party_group" | "party_group_id" => self.party_group,
            "notes" => self.notes,
            _ => None,
        }
    }

    fn set(&mut self, field: &str, col: Option<u32>) {
        let slot = match field {
            "name" => &mut self.name,
            "gender" => &mut self.gender,
            "ethnicity" => &mut self.ethnicity,
            "birth_date" => &mut self.birth_date,
            "native_place" => &mut self.native_place,
            "id_number" => &mut self.id_number,
            "education" => &mut self.education,
            "work_start_date" => &mut self.work_start_date,
            "workplace_title" => &mut self.workplace_title,
            "phone" => &mut self.phone,
            "address" => &mut self.address,
            "stage" => &mut self.stage,
            "joined_on" => &mut self.joined_on,
            "confirmed_on" => &mut self.confirmed_on,
            "party_group" => &mut self.party_group,
            "notes" => &mut self.notes,
            _ => return,
        };
        *slot = col;
    }

    fn all(&self) -> impl Iterator<Item = Option<u32>> + '_ {
        COLUMNS.iter().map(|(f, _, _)| self.column(f))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RosterTable {
    pub file_name: String,
    pub header_line: u32,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub mapping: RosterMapping,
}

code_enum!(
    /// What importing a row does.
    RowOutcome {
        New = "new" / "新增",
        Existing = "existing" / "已在名册",
        Invalid = "invalid" / "有误",
    }
);

/// One data row: what importing it would do, or why it cannot be imported.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RosterRow {
    pub line: u32,
    pub name: String,
    pub outcome: RowOutcome,
    /// The member already on the roster (`existing`), or the one the import adds (`new`).
    pub member_id: Option<String>,
    /// The 党小组 this row creates.
    pub new_group: Option<String>,
    /// The header of the column at fault, when the error is about one field.
    pub column: Option<String>,
    pub error: Option<ImportRowError>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RosterPreview {
    pub rows: Vec<RosterRow>,
    pub new: u32,
    pub existing: u32,
    pub invalid: u32,
    /// 党小组 named in the file that the branch lacks; the import creates them.
    pub new_groups: Vec<String>,
}

/// Reads the file and guesses the mapping from its headers.
pub fn read_table(file_name: &str, bytes: &[u8]) -> Result<RosterTable> {
    let grid = tabular::read(file_name, bytes)?;
    let mapping = guess_mapping(&grid.headers);
    Ok(RosterTable {
        file_name: file_name.to_string(),
        header_line: grid.header_line,
        headers: grid.headers,
        rows: grid.rows,
        mapping,
    })
}

/// The mapping the headers suggest: each template column found by its usual names; a column
/// is used for one field only.
pub fn guess_mapping(headers: &[String]) -> RosterMapping {
    let mut m = RosterMapping::default();
    let mut used = vec![false; headers.len()];
    // Exact header names first, then the usual words.
    for exact in [true, false] {
        for (field, title, words) in COLUMNS {
            if m.column(field).is_some() {
                continue;
            }
            let found = headers.iter().enumerate().position(|(i, h)| {
                !used[i]
                    && if exact {
                        h == title
                    } else {
                        words.iter().any(|w| h.contains(w))
                    }
            });
            if let Some(i) = found {
                used[i] = true;
                m.set(field, Some(i as u32));
            }
        }
    }
    m
}

/// Overrides from the command line: `field=header` pairs (`name=姓名`, or the template's
/// Chinese column title on the left).
pub fn apply_overrides(table: &mut RosterTable, pairs: &[(String, String)]) -> Result<()> {
    for (field, header) in pairs {
        let field = COLUMNS
            .iter()
            .find(|(f, title, _)| f == field || title == field)
            .map(|(f, _, _)| *f)
            .ok_or_else(|| Error::validation("mapping", Reason::InvalidValue))?;
        let col = table
            .headers
            .iter()
            .position(|h| h == header)
            .ok_or_else(|| Error::validation("mapping", Reason::InvalidValue))?;
        table.mapping.set(field, Some(col as u32));
    }
    Ok(())
}

/// The template the app ships: the 花名册 columns and one example row.
pub fn template_xlsx() -> Result<Vec<u8>> {
    let xlsx = |e: rust_xlsxwriter::XlsxError| Error::Io(std::io::Error::other(e.to_string()));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("党员花名册").map_err(xlsx)?;
    let head = Format::new().set_bold().set_background_color("#F2DCDB");
    let first17 = "50011819850312001";
    let example_id = format!(
        "{first17}{}",
        super::validate::id_check_char(first17).expect("17 digits")
    );
    let example = [
        "张三",
        "男",
        "汉族",
        "1985-03-12",
        "重庆永川",
        example_id.as_str(),
        "大学",
        "2007-07-01",
        "区行政服务中心 科员",
        "13800001234",
        "重庆市永川区人民大道 1 号",
        "正式党员",
        "2010-07-01",
        "2011-07-01",
        "第一党小组",
        "",
    ];
    for (col, (_, title, _)) in COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *title, &head)
            .map_err(xlsx)?;
        sheet
            .write_string(1, col as u16, example[col])
            .map_err(xlsx)?;
        sheet
            .set_column_width(col as u16, if col == 5 { 22.0 } else { 13.0 })
            .map_err(xlsx)?;
    }
    book.save_to_buffer().map_err(xlsx)
}

fn cell(row: &[String], col: Option<u32>) -> &str {
    col.and_then(|c| row.get(c as usize))
        .map_or("", |s| s.trim())
}

/// A date cell as the core wants it; a year and month only (出生年月 1985.03) is left as it
/// is for the caller to fill from the 身份证号.
fn date_cell(row: &[String], col: Option<u32>) -> Option<String> {
    match cell(row, col) {
        "" => None,
        d => Some(normalise_date(d)),
    }
}

/// Birth date and gender as a valid 18-digit 身份证号 states them.
fn from_id_number(id: &str) -> Option<(String, Gender)> {
    let b = id.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let birth = NaiveDate::parse_from_str(&id[6..14], "%Y%m%d").ok()?;
    let gender = if (b[16] - b'0') % 2 == 1 {
        Gender::Male
    } else {
        Gender::Female
    };
    Some((birth.to_string(), gender))
}

fn parse_code<T: std::str::FromStr>(field: &'static str, text: &str) -> Result<Option<T>> {
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|_| Error::validation(field, Reason::InvalidValue))
}

/// The member a row describes, with the group it names.
fn row_input(row: &[String], m: &RosterMapping) -> Result<(MemberInput, String)> {
    let id_number: String = cell(row, m.id_number)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let derived = from_id_number(&id_number);
    let mut birth_date = date_cell(row, m.birth_date).unwrap_or_default();
    if NaiveDate::parse_from_str(&birth_date, "%Y-%m-%d").is_err() {
        // Blank, or a year and month only: the 身份证号 says the day.
        if let Some((birth, _)) = &derived {
            if birth_date.is_empty() || birth.starts_with(&normalise_month(&birth_date)) {
                birth_date = birth.clone();
            }
        }
    }
    let gender = parse_code::<Gender>("gender", cell(row, m.gender))?
        .or_else(|| derived.as_ref().map(|(_, g)| *g));
    if gender.is_none() && !id_number.is_empty() && derived.is_none() {
        // The gender would have come from the 身份证号: that is what to fix.
        return Err(Error::validation("id_number", Reason::IdNumberFormat));
    }
    let joined_on = date_cell(row, m.joined_on);
    let confirmed_on = date_cell(row, m.confirmed_on);
    let stage =
        parse_code::<Stage>("stage", cell(row, m.stage))?.or(match (&joined_on, &confirmed_on) {
            (_, Some(_)) => Some(Stage::Full),
            (Some(_), None) => Some(Stage::Probationary),
            _ => None,
        });
    let input = MemberInput {
        name: cell(row, m.name).to_string(),
        gender,
        ethnicity: cell(row, m.ethnicity).to_string(),
        birth_date,
        native_place: cell(row, m.native_place).to_string(),
        id_number,
        education: cell(row, m.education).to_string(),
        work_start_date: date_cell(row, m.work_start_date),
        workplace_title: cell(row, m.workplace_title).to_string(),
        phone: cell(row, m.phone).to_string(),
        address: cell(row, m.address).to_string(),
        stage,
        joined_on,
        confirmed_on,
        notes: cell(row, m.notes).to_string(),
        ..Default::default()
    };
    Ok((input, cell(row, m.party_group).to_string()))
}

/// "1985.03", "1985年3月", "198503" as "1985-03".
fn normalise_month(text: &str) -> String {
    let digits: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    match digits.as_slice() {
        [y, m, ..] if y.len() == 4 => format!("{y}-{:0>2}", m),
        [ym] if ym.len() == 6 => format!("{}-{}", &ym[..4], &ym[4..]),
        _ => text.to_string(),
    }
}

fn validate_mapping(table: &RosterTable, m: &RosterMapping) -> Result<()> {
    let width = table.headers.len() as u32;
    if m.all().flatten().any(|c| c >= width) {
        return Err(Error::validation("mapping", Reason::InvalidValue));
    }
    let cols: Vec<u32> = m.all().flatten().collect();
    if (1..cols.len()).any(|i| cols[..i].contains(&cols[i])) {
        return Err(Error::validation("mapping", Reason::InvalidValue));
    }
    if m.name.is_none() {
        return Err(Error::validation("mapping_name", Reason::Required));
    }
    if m.id_number.is_none() {
        return Err(Error::validation("mapping_id_number", Reason::Required));
    }
    Ok(())
}

/// Runs the import row by row on `conn` (each row in a savepoint, so a refused row leaves
/// nothing), reporting what each row did. With `stop_at_first` the first refused row ends it
/// with `Error::AtRow`.
fn run(
    conn: &Connection,
    table: &RosterTable,
    m: &RosterMapping,
    today: NaiveDate,
    actor: &str,
    stop_at_first: bool,
) -> Result<RosterPreview> {
    validate_mapping(table, m)?;
    let header_line = table.header_line.max(1);
    let mut groups: HashMap<String, String> = branch::list_groups(conn)?
        .into_iter()
        .map(|g| (g.name, g.id))
        .collect();
    let mut seen_ids: HashMap<String, u32> = HashMap::new();
    let mut out = RosterPreview {
        rows: Vec::new(),
        new: 0,
        existing: 0,
        invalid: 0,
        new_groups: Vec::new(),
    };
    for (i, row) in table.rows.iter().enumerate() {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = header_line + 1 + i as u32;
        let mut r = RosterRow {
            line,
            name: cell(row, m.name).to_string(),
            outcome: RowOutcome::New,
            member_id: None,
            new_group: None,
            column: None,
            error: None,
        };
        conn.execute_batch("SAVEPOINT roster_row")?;
        let result = import_row(
            conn,
            row,
            m,
            today,
            actor,
            &mut groups,
            &mut seen_ids,
            line,
            &mut r,
        );
        match result {
            Ok(()) => conn.execute_batch("RELEASE roster_row")?,
            Err(e) => {
                conn.execute_batch("ROLLBACK TO roster_row; RELEASE roster_row")?;
                if let Some(group) = r.new_group.take() {
                    groups.remove(&group);
                }
                if stop_at_first {
                    return Err(Error::at_row(line as usize, e));
                }
                r.outcome = RowOutcome::Invalid;
                r.member_id = None;
                r.column = e
                    .field()
                    .and_then(|f| m.column(f))
                    .and_then(|c| table.headers.get(c as usize).cloned());
                r.error = Some(ImportRowError {
                    field: e.field().map(str::to_string),
                    reason: e.reason(),
                    message: e.to_string(),
                });
            }
        }
        match r.outcome {
            RowOutcome::New => out.new += 1,
            RowOutcome::Existing => out.existing += 1,
            RowOutcome::Invalid => out.invalid += 1,
        }
        if let Some(g) = &r.new_group {
            out.new_groups.push(g.clone());
        }
        out.rows.push(r);
    }
    if out.rows.is_empty() {
        return Err(Error::validation("import_file", Reason::EmptyFile));
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn import_row(
    conn: &Connection,
    row: &[String],
    m: &RosterMapping,
    today: NaiveDate,
    actor: &str,
    groups: &mut HashMap<String, String>,
    seen_ids: &mut HashMap<String, u32>,
    line: u32,
    r: &mut RosterRow,
) -> Result<()> {
    let (mut input, group) = row_input(row, m)?;
    if !input.id_number.is_empty() {
        if seen_ids.insert(input.id_number.clone(), line).is_some() {
            return Err(Error::validation(
                "id_number",
                Reason::IdNumberRepeatedInFile,
            ));
        }
        if let Some(id) = super::store::find_by_id_number(conn, &input.id_number)? {
            r.outcome = RowOutcome::Existing;
            r.member_id = Some(id);
            return Ok(());
        }
    }
    if !group.is_empty() {
        let id = match groups.get(&group) {
            Some(id) => id.clone(),
            None => {
                let input = GroupInput {
                    name: group.clone(),
                    leader_id: None,
                    formed_on: None,
                };
                let created = branch::add_group(conn, &input, today, actor)?;
                groups.insert(group.clone(), created.id.clone());
                r.new_group = Some(group.clone());
                created.id
            }
        };
        input.party_group_id = Some(id);
    }
    let member = add(conn, &input, today, actor)?;
    r.member_id = Some(member.id);
    Ok(())
}

/// Every row as the import would treat it. Run it inside a transaction that is rolled back
/// (`Db::dry_run`): the rows are really added to find every error the import would meet.
pub fn preview(
    conn: &Connection,
    table: &RosterTable,
    mapping: &RosterMapping,
    today: NaiveDate,
    actor: &str,
) -> Result<RosterPreview> {
    run(conn, table, mapping, today, actor, false)
}

/// Imports the file, all or none: the first refused row refuses it with `Error::AtRow`.
pub fn commit(
    conn: &Connection,
    table: &RosterTable,
    mapping: &RosterMapping,
    today: NaiveDate,
    actor: &str,
) -> Result<RosterPreview> {
    run(conn, table, mapping, today, actor, true)
}
