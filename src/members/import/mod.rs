//! Importing the roster (党员花名册) from .xlsx or .csv: the shipped template's columns, or
//! another layout mapped by header (a guess first, the user confirms); the usual Chinese
//! spellings of values (正式党员, 男, 2023年3月1日, Excel date cells); a preview of every row
//! with its errors, run as the real import inside a transaction that is rolled back; then the
//! import itself, all or none. A member already on the roster (same 身份证号) is checked as
//! an edit of the record with the row's values would be, and left as it is unless the import
//! is asked to update (a corrected sheet): then the fields whose filled cells differ are
//! changed. Importing a file again adds nobody twice; 党小组 the branch lacks are created.
//!
//! The parts: the file read into a table and a row into a member (`reading`), which column
//! holds which field (`mapping`), the shipped template (`template`); here the preview and the
//! import.

mod mapping;
mod reading;
mod template;

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::validate::{mask_id_number, mask_phone};
use super::{add, Gender, Member, MemberInput, Stage};
use crate::branch::{self, GroupInput};
use crate::code_enum;
use crate::error::{Error, Reason, Result};
use crate::study::import::ImportRowError;
pub use mapping::{apply_overrides, guess_mapping, RosterMapping};
use mapping::{validate_mapping, COLUMNS};
pub use reading::read_table;
use reading::{cell, row_input};
pub use template::template_xlsx;

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

/// Every row as the import would treat it; with `update`, the members already on the roster
/// whose rows differ take the row's values. Run it inside a transaction that is rolled back
/// (`Db::dry_run`): the rows are really added to find every error the import would meet.
pub fn preview(
    conn: &Connection,
    table: &RosterTable,
    mapping: &RosterMapping,
    update: bool,
    today: NaiveDate,
    actor: &str,
) -> Result<RosterPreview> {
    run(conn, table, mapping, today, actor, update, false)
}

/// Imports the file, all or none: the first refused row refuses it with `Error::AtRow`. With
/// `update`, the members already on the roster whose rows differ are changed in the same
/// transaction.
pub fn commit(
    conn: &Connection,
    table: &RosterTable,
    mapping: &RosterMapping,
    update: bool,
    today: NaiveDate,
    actor: &str,
) -> Result<RosterPreview> {
    run(conn, table, mapping, today, actor, update, true)
}
