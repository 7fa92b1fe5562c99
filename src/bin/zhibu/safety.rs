//! `zhibu backup | restore | backups | verify`: keeping the data safe.

use std::path::{Path, PathBuf};

use zhibu::backup::{self, BackupKind, FileSummary, RestoreOutcome};
use zhibu::change_log::ACTOR_CLI;
use zhibu::ids::local_now;
use zhibu::{Db, Error, Reason};

use super::{outln, print_json};

fn describe(s: &FileSummary) -> String {
    format!(
        "{}（{}，党员 {} 人，会议 {} 次，学时记录 {} 条，{} KB）",
        s.path,
        s.branch_name.as_deref().unwrap_or("无支部"),
        s.members,
        s.sessions,
        s.study_entries,
        s.bytes.div_ceil(1024)
    )
}

pub fn run_backup(db: &Db, output: Option<PathBuf>, force: bool, json: bool) -> Result<(), Error> {
    let summary = backup::backup_to(
        db,
        BackupKind::Manual,
        output.as_deref(),
        force,
        local_now(),
    )?;
    if json {
        print_json(&summary);
    } else {
        outln!("已备份并校验：{}", describe(&summary));
    }
    Ok(())
}

/// Restores onto the data file by its path, which works when the file is damaged too.
pub fn run_restore(db_path: &Path, file: &Path, force: bool, json: bool) -> Result<(), Error> {
    let done = backup::restore_file(db_path, file, local_now(), force.then_some(ACTOR_CLI))?;
    if json {
        match &done {
            RestoreOutcome::Replaced { restored, .. } => print_json(restored),
            RestoreOutcome::Recovered {
                damaged_kept,
                restored,
                ..
            } => print_json(&serde_json::json!({
                "restored": restored,
                "damaged_kept": damaged_kept.display().to_string(),
            })),
        }
        return Ok(());
    }
    let restored = match &done {
        RestoreOutcome::Replaced { restored, .. } => &restored.restored,
        RestoreOutcome::Recovered { restored, .. } => restored,
    };
    outln!("已恢复：{}", describe(restored));
    match &done {
        RestoreOutcome::Replaced { restored, .. } => {
            outln!("原有数据已先备份到：{}", restored.safety_backup.path)
        }
        RestoreOutcome::Recovered { damaged_kept, .. } => {
            outln!("已损坏的文件已改名保存：{}", damaged_kept.display())
        }
    }
    if let Some(seq) = done.unverified_from() {
        outln!("注意：该备份未通过校验（变更日志第 {seq} 条起与哈希链不符），按 --force 仍已恢复，并已记入变更日志");
    }
    Ok(())
}

pub fn run_backups(path: &Path, json: bool) -> Result<(), Error> {
    let list = backup::list(path)?;
    if json {
        print_json(&list);
        return Ok(());
    }
    if list.is_empty() {
        outln!("还没有备份（{}）", backup::backups_dir(path).display());
    }
    for b in &list {
        outln!("{}  {}  {}", b.taken_at, b.kind.label(), b.path);
    }
    Ok(())
}

/// Prints the checks; fails (non-zero exit) when either does not hold.
pub fn run_verify(db: &Db, json: bool) -> Result<(), Error> {
    let v = db.verify()?;
    if json {
        print_json(&v);
    } else {
        if v.integrity == ["ok"] {
            outln!("数据库完整性：正常");
        } else {
            outln!("数据库完整性：发现问题");
            for line in &v.integrity {
                outln!("  {line}");
            }
        }
        match v.change_log_broken_at {
            None => outln!("变更日志：{} 条，哈希链完整", v.change_log_entries),
            Some(seq) => outln!("变更日志：第 {seq} 条起与哈希链不符，日志被改动过或已损坏"),
        }
    }
    if v.ok() {
        Ok(())
    } else {
        Err(Error::Conflict {
            reason: Reason::VerifyFailed,
        })
    }
}
