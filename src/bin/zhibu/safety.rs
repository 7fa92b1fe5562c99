//! `zhibu backup | restore | backups | verify`: keeping the data safe.

use std::path::{Path, PathBuf};

use zhibu::backup::{self, BackupKind, FileSummary};
use zhibu::ids::local_now;
use zhibu::{db, Db, Error, Reason};

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

pub fn run_backup(db: &Db, output: Option<PathBuf>, json: bool) -> Result<(), Error> {
    let summary = backup::backup(db, BackupKind::Manual, output.as_deref(), local_now())?;
    if json {
        print_json(&summary);
    } else {
        outln!("已备份并校验：{}", describe(&summary));
    }
    Ok(())
}

pub fn run_restore(db: &Db, file: &Path, json: bool) -> Result<(), Error> {
    let done = backup::restore(db, file, local_now())?;
    if json {
        print_json(&done);
    } else {
        outln!("已恢复：{}", describe(&done.restored));
        outln!("原有数据已先备份到：{}", done.safety_backup.path);
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
    let v = db.read(db::verify)?;
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
