//! Importing the roster (党员花名册) from .xlsx or .csv: the shipped template's columns, or
//! another layout mapped by header (a guess first, the user confirms); the usual Chinese
//! spellings of values (正式党员, 男, 2023年3月1日, Excel date cells); a preview of every row
//! with its errors, run as the real import inside a transaction that is rolled back; then the
//! import itself, all or none. A member already on the roster (same 身份证号) is checked as
//! an edit of the record with the row's values would be, and left as it is unless the import
//! is asked to update (a corrected sheet): then the fields whose filled cells differ are
//! changed. Importing a file again adds nobody twice; 党小组 the branch lacks are created.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::validate::{mask_id_number, mask_phone};
use super::{add, Gender, Member, MemberInput, Stage};
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
        Updated = "updated" / "更新",
    }
);

/// One field a row would change on a member already on the roster. The 身份证号 and phone
/// are masked, the address hidden, as the change log keeps them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RosterFieldChange {
    /// The field's code (`stage`, `joined_on`, `party_group`, ...).
    pub field: String,
    /// Its column title in the 花名册 (人员类别, 入党日期, 所在党小组, ...).
    pub label: String,
    pub from: String,
    pub to: String,
}

/// What a row says, as read: shown in the preview beside the name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RowValues {
    pub stage: Option<Stage>,
    pub gender: Option<Gender>,
    pub birth_date: String,
    pub joined_on: Option<String>,
    pub confirmed_on: Option<String>,
    pub party_group: String,
}

/// A member the import updated, with the fields it changed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MemberUpdate {
    pub name: String,
    pub fields: Vec<RosterFieldChange>,
}

/// A refused row in the summary: where, who, and why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RowErrorLine {
    pub line: u32,
    pub name: String,
    pub column: Option<String>,
    pub message: String,
}

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
    /// The values read from the row.
    pub values: RowValues,
    /// For a member already on the roster: what the row would change (kept only when the
    /// import updates, `updated`).
    pub changes: Vec<RosterFieldChange>,
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
    /// The names of the members added.
    pub added: Vec<String>,
    /// Members on the roster whose record the import changed, field by field.
    pub updated: Vec<MemberUpdate>,
    /// Members on the roster left as they are (the same values, or not asked to update).
    pub unchanged: Vec<String>,
    /// Every refused row.
    pub errors: Vec<RowErrorLine>,
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
    let date = Format::new().set_num_format("yyyy-mm-dd");
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
        // The example's dates are date cells, as an office's own sheet would have them.
        match chrono::NaiveDate::parse_from_str(example[col], "%Y-%m-%d") {
            Ok(d) => {
                use chrono::Datelike;
                let day = rust_xlsxwriter::ExcelDateTime::from_ymd(
                    d.year() as u16,
                    d.month() as u8,
                    d.day() as u8,
                )
                .map_err(xlsx)?;
                sheet
                    .write_datetime_with_format(1, col as u16, &day, &date)
                    .map_err(xlsx)?
            }
            Err(_) => sheet
                .write_string(1, col as u16, example[col])
                .map_err(xlsx)?,
        };
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
    update: bool,
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
        added: Vec::new(),
        updated: Vec::new(),
        unchanged: Vec::new(),
        errors: Vec::new(),
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
            values: RowValues::default(),
            changes: Vec::new(),
        };
        conn.execute_batch("SAVEPOINT roster_row")?;
        let result = import_row(
            conn,
            row,
            m,
            Import {
                today,
                actor,
                update,
            },
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
            RowOutcome::New => {
                out.new += 1;
                out.added.push(r.name.clone());
            }
            RowOutcome::Existing => {
                out.existing += 1;
                out.unchanged.push(r.name.clone());
            }
            RowOutcome::Updated => {
                out.existing += 1;
                out.updated.push(MemberUpdate {
                    name: r.name.clone(),
                    fields: r.changes.clone(),
                });
            }
            RowOutcome::Invalid => {
                out.invalid += 1;
                out.errors.push(RowErrorLine {
                    line: r.line,
                    name: r.name.clone(),
                    column: r.column.clone(),
                    message: r
                        .error
                        .as_ref()
                        .map_or_else(String::new, |e| e.message.clone()),
                });
            }
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

/// How the rows are imported.
#[derive(Clone, Copy)]
struct Import<'a> {
    today: NaiveDate,
    actor: &'a str,
    /// Members on the roster take the row's differing values.
    update: bool,
}

#[allow(clippy::too_many_arguments)]
fn import_row(
    conn: &Connection,
    row: &[String],
    m: &RosterMapping,
    how: Import,
    groups: &mut HashMap<String, String>,
    seen_ids: &mut HashMap<String, u32>,
    line: u32,
    r: &mut RosterRow,
) -> Result<()> {
    let (mut input, group) = row_input(row, m)?;
    r.values = RowValues {
        stage: input.stage,
        gender: input.gender,
        birth_date: input.birth_date.clone(),
        joined_on: input.joined_on.clone(),
        confirmed_on: input.confirmed_on.clone(),
        party_group: group.clone(),
    };
    if !input.id_number.is_empty() {
        if seen_ids.insert(input.id_number.clone(), line).is_some() {
            return Err(Error::validation(
                "id_number",
                Reason::IdNumberRepeatedInFile,
            ));
        }
        if let Some(id) = super::store::find_by_id_number(conn, &input.id_number)? {
            r.outcome = RowOutcome::Existing;
            r.member_id = Some(id.clone());
            return existing_row(conn, &id, &input, row, m, &group, how, groups, r);
        }
    }
    if !group.is_empty() {
        input.party_group_id = Some(group_id(conn, &group, how, groups, r)?);
    }
    let member = add(conn, &input, how.today, how.actor)?;
    r.member_id = Some(member.id);
    Ok(())
}

/// The id of the 党小组 named `group`, created when the branch lacks it.
fn group_id(
    conn: &Connection,
    group: &str,
    how: Import,
    groups: &mut HashMap<String, String>,
    r: &mut RosterRow,
) -> Result<String> {
    if let Some(id) = groups.get(group) {
        return Ok(id.clone());
    }
    let input = GroupInput {
        name: group.to_string(),
        leader_id: None,
        formed_on: None,
    };
    let created = branch::add_group(conn, &input, how.today, how.actor)?;
    groups.insert(group.to_string(), created.id.clone());
    r.new_group = Some(group.to_string());
    Ok(created.id)
}

/// A row for a member already on the roster: its filled cells laid over the record, checked
/// as that edit would be (in a savepoint), kept only when updating and something differs. A
/// member who left the branch (archived) is left as they were, as before.
#[allow(clippy::too_many_arguments)]
fn existing_row(
    conn: &Connection,
    id: &str,
    read: &MemberInput,
    row: &[String],
    m: &RosterMapping,
    group: &str,
    how: Import,
    groups: &mut HashMap<String, String>,
    r: &mut RosterRow,
) -> Result<()> {
    let before = super::store::get(conn, id, how.today)?;
    if before.archived_on.is_some() {
        // One who left the branch is history: an old sheet naming them leaves them as they were.
        return Ok(());
    }
    let mut merged = before.to_input();
    let filled = |col: Option<u32>| !cell(row, col).is_empty();
    for (col, from, to) in [
        (m.name, &read.name, &mut merged.name),
        (m.ethnicity, &read.ethnicity, &mut merged.ethnicity),
        (m.birth_date, &read.birth_date, &mut merged.birth_date),
        (m.native_place, &read.native_place, &mut merged.native_place),
        (m.education, &read.education, &mut merged.education),
        (
            m.workplace_title,
            &read.workplace_title,
            &mut merged.workplace_title,
        ),
        (m.phone, &read.phone, &mut merged.phone),
        (m.address, &read.address, &mut merged.address),
        (m.notes, &read.notes, &mut merged.notes),
    ] {
        if filled(col) {
            to.clone_from(from);
        }
    }
    for (col, from, to) in [
        (
            m.work_start_date,
            &read.work_start_date,
            &mut merged.work_start_date,
        ),
        (m.joined_on, &read.joined_on, &mut merged.joined_on),
        (m.confirmed_on, &read.confirmed_on, &mut merged.confirmed_on),
    ] {
        if filled(col) {
            to.clone_from(from);
        }
    }
    if filled(m.gender) {
        merged.gender = read.gender;
    }
    if filled(m.stage) {
        merged.stage = read.stage;
    }
    let group_changes = !group.is_empty() && before.party_group.as_deref() != Some(group);
    r.changes = differences(&before, &merged, group_changes.then_some(group));

    // Checked as the edit would be; undone unless it is to be kept.
    conn.execute_batch("SAVEPOINT roster_existing")?;
    let known_groups = groups.clone();
    let checked = (|| {
        if group_changes {
            merged.party_group_id = Some(group_id(conn, group, how, groups, r)?);
        }
        super::update(conn, id, &merged, how.today, how.actor)
    })();
    let keep = how.update && !r.changes.is_empty() && checked.is_ok();
    if keep {
        conn.execute_batch("RELEASE roster_existing")?;
        r.outcome = RowOutcome::Updated;
    } else {
        conn.execute_batch("ROLLBACK TO roster_existing; RELEASE roster_existing")?;
        *groups = known_groups;
        r.new_group = None;
    }
    checked.map(|_| ())
}

/// The fields `after` changes on `before`, in the template's column order, as text.
fn differences(
    before: &Member,
    after: &MemberInput,
    group: Option<&str>,
) -> Vec<RosterFieldChange> {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let hidden = |s: &str| {
        if s.is_empty() {
            String::new()
        } else {
            "***".into()
        }
    };
    let label = |s: Option<Stage>| s.map(|s| s.label().to_string()).unwrap_or_default();
    let gender = |g: Option<Gender>| g.map(|g| g.label().to_string()).unwrap_or_default();
    let pairs: Vec<(&str, String, String)> = vec![
        ("name", before.name.clone(), after.name.clone()),
        ("gender", gender(Some(before.gender)), gender(after.gender)),
        (
            "ethnicity",
            before.ethnicity.clone(),
            after.ethnicity.clone(),
        ),
        (
            "birth_date",
            before.birth_date.to_string(),
            after.birth_date.clone(),
        ),
        (
            "native_place",
            before.native_place.clone(),
            after.native_place.clone(),
        ),
        (
            "id_number",
            mask_id_number(&before.id_number),
            mask_id_number(&after.id_number),
        ),
        (
            "education",
            before.education.clone(),
            after.education.clone(),
        ),
        (
            "work_start_date",
            date(before.work_start_date),
            after.work_start_date.clone().unwrap_or_default(),
        ),
        (
            "workplace_title",
            before.workplace_title.clone(),
            after.workplace_title.clone(),
        ),
        ("phone", before.phone.clone(), after.phone.clone()),
        ("address", before.address.clone(), after.address.clone()),
        ("stage", label(Some(before.stage)), label(after.stage)),
        (
            "joined_on",
            date(before.joined_on),
            after.joined_on.clone().unwrap_or_default(),
        ),
        (
            "confirmed_on",
            date(before.confirmed_on),
            after.confirmed_on.clone().unwrap_or_default(),
        ),
        (
            "party_group",
            before.party_group.clone().unwrap_or_default(),
            group.map_or_else(
                || before.party_group.clone().unwrap_or_default(),
                str::to_string,
            ),
        ),
        ("notes", before.notes.clone(), after.notes.clone()),
    ];
    pairs
        .into_iter()
        .filter(|(_, from, to)| from.trim() != to.trim())
        .map(|(field, from, to)| {
            let (from, to) = match field {
                "phone" => (mask_phone(&from), mask_phone(&to)),
                "address" => (hidden(&from), hidden(&to)),
                _ => (from, to),
            };
            RosterFieldChange {
                field: field.to_string(),
                label: COLUMNS
                    .iter()
                    .find(|(f, _, _)| *f == field)
                    .map_or(field, |(_, title, _)| *title)
                    .to_string(),
                from,
                to,
            }
        })
        .collect()
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
    run(conn, table, mapping, today, actor, false, false)
}

/// The preview of an import that updates (`update`) the members already on the roster
/// whose rows differ.
pub fn preview_with(
    conn: &Connection,
    table: &RosterTable,
    mapping: &RosterMapping,
    update: bool,
    today: NaiveDate,
    actor: &str,
) -> Result<RosterPreview> {
    run(conn, table, mapping, today, actor, update, false)
}

/// Imports the file, all or none: the first refused row refuses it with `Error::AtRow`.
pub fn commit(
    conn: &Connection,
    table: &RosterTable,
    mapping: &RosterMapping,
    today: NaiveDate,
    actor: &str,
) -> Result<RosterPreview> {
    run(conn, table, mapping, today, actor, false, true)
}

/// Imports the file, all or none, and with `update` changes the members already on the
/// roster whose rows differ, in the same transaction.
pub fn commit_with(
    conn: &Connection,
    table: &RosterTable,
    mapping: &RosterMapping,
    update: bool,
    today: NaiveDate,
    actor: &str,
) -> Result<RosterPreview> {
    run(conn, table, mapping, today, actor, update, true)
}
