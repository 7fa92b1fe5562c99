//! `zhibu backup | restore | backups | verify`: keeping the data safe.

use std::path::{Path, PathBuf};

use crate::actor;
use zhibu::backup::{self, BackupKind, FileSummary, RestoreOutcome};
use zhibu::ids::local_now;
use zhibu::{integrity, Db, Error, Reason};

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
    // A folder that is not there is said with the path asked for, before any work.
    if let Some(out) = &output {
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty());
        if let Some(Err(e)) = parent.map(std::fs::metadata) {
            return Err(Error::file_write(out, e));
        }
    }
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
    let meta = std::fs::metadata(file).map_err(|e| Error::file_read(file, e))?;
    if meta.is_dir() {
        let e = std::io::Error::from(std::io::ErrorKind::IsADirectory);
        return Err(Error::file_read(file, e));
    }
    let done = backup::restore_file(db_path, file, local_now(), force.then_some(actor()))?;
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
    if !done.unverified().is_empty() {
        outln!("注意：该备份未通过校验，按 --force 仍已恢复，并已记入变更日志：");
        for line in done.unverified() {
            outln!("  {line}");
        }
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

/// Prints the checks; fails (non-zero exit) when any does not hold (warnings do not).
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
        if v.tables_changed.is_empty() && v.integrity == ["ok"] {
            outln!("各表数据：与本程序的记录一致");
        }
        let seal = match v.seal {
            integrity::seal_status::OK => Some("完整性封印：正常（以书记密码保护的密钥核对）"),
            integrity::seal_status::ABSENT => None,
            _ => None,
        };
        if let Some(line) = seal {
            outln!("{line}");
        }
        if v.head == integrity::head_status::OK {
            outln!("数据文件旁的记录与备份记录：与变更日志一致");
        }
        for line in integrity::describe(&v.findings()) {
            outln!("{line}");
        }
        if db.is_locked() {
            outln!("加密字段：已锁定，未检查（设置 ZHIBU_PASSWORD 可一并检查）");
        } else if v.sealed_unreadable.is_empty() {
            outln!("加密字段：全部可以解开");
        } else {
            outln!("加密字段：以下各项无法解开（被移动、改动或已损坏）");
            for place in &v.sealed_unreadable {
                outln!("  {place}");
            }
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
