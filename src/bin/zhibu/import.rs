//! `zhibu import members FILE` and `zhibu import template FILE`: the roster from a spreadsheet.

use std::path::{Path, PathBuf};

use crate::actor;
use chrono::NaiveDate;
use clap::Subcommand;
use zhibu::members::import::{self, RowOutcome};
use zhibu::{Db, Error, Reason};

use super::{outln, print_json};

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Add the members of a .xlsx or .csv roster (all or none; members already on the roster,
    /// matched by 身份证号, are checked too and left as they are unless --update)
    Members {
        file: PathBuf,
        /// Which column holds a field: FIELD=HEADER, FIELD being a template column (姓名,
        /// 身份证号, 人员类别, ...) or its code (name, id_number, stage, ...). Unmapped fields
        /// are guessed from the headers.
        #[arg(long = "map", value_name = "FIELD=HEADER")]
        map: Vec<String>,
        /// Members already on the roster take the row's filled values where they differ
        #[arg(long)]
        update: bool,
        /// Check every row and show what the import would do; store nothing
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Write the roster template (.xlsx with the 花名册 columns and an example row)
    Template { file: PathBuf },
}

pub fn run_import(db: &Db, cmd: ImportCommand, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        ImportCommand::Members {
            file,
            map,
            update,
            dry_run,
            json,
        } => run_members(db, &file, &map, update, dry_run, json, today),
        ImportCommand::Template { file } => {
            super::write_file(&file, import::template_xlsx()?)?;
            outln!("已写入花名册模板：{}", file.display());
            Ok(())
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn run_members(
    db: &Db,
    file: &Path,
    map: &[String],
    update: bool,
    dry_run: bool,
    json: bool,
    today: NaiveDate,
) -> Result<(), Error> {
    let bytes = super::read_file(file)?;
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut table = import::read_table(&file_name, &bytes)?;
    let pairs = map
        .iter()
        .map(|m| {
            m.split_once('=')
                .map(|(f, h)| (f.trim().to_string(), h.trim().to_string()))
                .ok_or_else(|| Error::validation("mapping", Reason::InvalidValue))
        })
        .collect::<Result<Vec<_>, _>>()?;
    import::apply_overrides(&mut table, &pairs)?;
    let mapping = table.mapping.clone();
    let preview = db.dry_run(|tx| import::preview(tx, &table, &mapping, update, today, actor()))?;
    for row in preview
        .rows
        .iter()
        .filter(|r| r.outcome == RowOutcome::Invalid)
    {
        let e = row.error.as_ref().expect("invalid rows say why");
        let column = row
            .column
            .as_deref()
            .map(|c| format!("「{c}」列"))
            .unwrap_or_default();
        eprintln!("第 {} 行{column}（{}）：{}", row.line, row.name, e.message);
    }
    if dry_run || preview.invalid > 0 {
        if json {
            print_json(&preview);
        } else {
            print_updates(&preview.updated, "将更新");
            outln!(
                "共 {} 行：新增 {} 人，已在名册 {} 人{}，有错误 {} 行{}",
                preview.rows.len(),
                preview.new,
                preview.existing,
                updated_count(&preview.updated, "将更新"),
                preview.invalid,
                if preview.new_groups.is_empty() {
                    String::new()
                } else {
                    format!("；将新建党小组：{}", preview.new_groups.join("、"))
                }
            );
        }
        if preview.invalid > 0 && !dry_run {
            // The commit refuses the file at its first bad row, with nothing stored.
            db.write(|tx| import::commit(tx, &table, &mapping, update, today, actor()))?;
        }
        return Ok(());
    }
    let done = db.write(|tx| import::commit(tx, &table, &mapping, update, today, actor()))?;
    if json {
        print_json(&done);
    } else {
        print_updates(&done.updated, "已更新");
        outln!(
            "已从 {file_name} 导入：新增 {} 人，已在名册 {} 人{}（未改动 {} 人）{}",
            done.new,
            done.existing,
            updated_count(&done.updated, "已更新"),
            done.unchanged.len(),
            if done.new_groups.is_empty() {
                String::new()
            } else {
                format!("，新建党小组：{}", done.new_groups.join("、"))
            }
        );
    }
    Ok(())
}

/// Each updated member with the fields changed, one line each.
fn print_updates(updated: &[import::MemberUpdate], verb: &str) {
    for u in updated {
        let fields: Vec<String> = u
            .fields
            .iter()
            .map(|f| {
                let blank = |s: &str| {
                    if s.is_empty() {
                        "（空）".to_string()
                    } else {
                        s.to_string()
                    }
                };
                format!("{}：{} → {}", f.label, blank(&f.from), blank(&f.to))
            })
            .collect();
        outln!("{verb} {}：{}", u.name, fields.join("；"));
    }
}

/// "，其中将更新 2 人" when some were updated.
fn updated_count(updated: &[import::MemberUpdate], verb: &str) -> String {
    if updated.is_empty() {
        String::new()
    } else {
        format!("，其中{verb} {} 人", updated.len())
    }
}
