//! The record of each backup, kept beside the data file in `<data file>.backups.jsonl`: its
//! head read from the copy itself, so `verify` can hold the log against every backup still in
//! the data's timeline; a restore or a rewritten log marks the records it leaves behind.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::BackupKind;
use crate::error::Result;
use crate::integrity::{self, Head};

/// The record of one backup, appended to `<data file>.backups.jsonl` when it is taken: the head
/// (last log entry and tables' state) read from the copy itself, so a backup whose log was
/// later cut or rewritten disagrees with it, and so does the data file it was taken from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupRecord {
    /// The backup file's full path.
    pub file: String,
    /// The name of the data file it was taken from.
    pub data_file: String,
    pub kind: String,
    pub head: Head,
    /// Taken in a timeline a restore left (its entries are not in the restored log).
    #[serde(default)]
    pub abandoned: bool,
}

/// Beside the data file, `<data file>.backups.jsonl`: outside the backups folder, which holds
/// only backups.
fn records_path(db_path: &Path) -> PathBuf {
    db_path.with_file_name(format!("{}.backups.jsonl", data_file_name(db_path)))
}

fn data_file_name(db_path: &Path) -> String {
    db_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Every backup record kept beside `db_path`.
fn all_records(db_path: &Path) -> Vec<BackupRecord> {
    fs::read_to_string(records_path(db_path))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// The records of this data file's backups.
pub fn records(db_path: &Path) -> Vec<BackupRecord> {
    let name = data_file_name(db_path);
    all_records(db_path)
        .into_iter()
        .filter(|r| r.data_file == name)
        .collect()
}

/// The heads in the records of this data file's backups still in its timeline, each with the
/// backup's file name: what `verify` holds the log against.
pub fn record_heads(db_path: &Path) -> Vec<(String, Head)> {
    records(db_path)
        .into_iter()
        .filter(|r| !r.abandoned)
        .map(|r| {
            let name = Path::new(&r.file)
                .file_name()
                .map(|n| format!("备份 {} 的记录", n.to_string_lossy()))
                .unwrap_or_else(|| "备份记录".into());
            (name, r.head)
        })
        .collect()
}

/// Appends the record of the backup at `file`, its head read from the file itself. A failure
/// is told on stderr: the backup itself is sound.
pub(super) fn keep_record(db_path: &Path, file: &Path, kind: BackupKind) {
    let kept = (|| -> Result<()> {
        let conn = Connection::open_with_flags(
            file,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let record = BackupRecord {
            file: fs::canonicalize(file)
                .unwrap_or_else(|_| file.to_path_buf())
                .display()
                .to_string(),
            data_file: data_file_name(db_path),
            kind: kind.code().to_string(),
            head: integrity::current_head(&conn)?,
            abandoned: false,
        };
        let mut line = serde_json::to_string(&record).map_err(std::io::Error::other)?;
        line.push('\n');
        use std::io::Write;
        let mut out = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(records_path(db_path))?;
        out.write_all(line.as_bytes())?;
        out.sync_all()?;
        Ok(())
    })();
    if let Err(e) = kept {
        eprintln!(
            "支部工作台：未能记下备份 {} 的校验记录：{e}",
            file.display()
        );
    }
}

/// The record of the backup at `file`, if one was kept.
pub(super) fn record_of(db_path: &Path, file: &Path) -> Option<BackupRecord> {
    let file = fs::canonicalize(file).ok()?.display().to_string();
    all_records(db_path)
        .into_iter()
        .rev()
        .find(|r| r.file == file)
}

/// After a restore: the records of backups whose head is not in the restored log belong to
/// the timeline left behind, and stop speaking for this data file; the head beside the data
/// is the restored file's.
pub(super) fn after_restore(db_path: &Path) -> Result<()> {
    after_log_rewrite(db_path)
}

/// After the app itself replaced the log (a restore, an upgrade that rechained it): the head
/// beside the data is retaken and the records of backups whose head is not in the log stop
/// speaking for this data file.
pub(crate) fn after_log_rewrite(db_path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        db_path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let head = integrity::current_head(&conn)?;
    if let Err(e) = integrity::write_head(db_path, &head) {
        eprintln!(
            "支部工作台：未能写入 {}：{e}",
            integrity::head_path(db_path).display()
        );
    }
    let name = data_file_name(db_path);
    let mut all = all_records(db_path);
    let mut changed = false;
    for r in all
        .iter_mut()
        .filter(|r| r.data_file == name && !r.abandoned)
    {
        let kept: Option<String> = conn
            .query_row(
                "SELECT hash FROM change_log WHERE seq = ?1",
                [r.head.seq],
                |row| row.get(0),
            )
            .optional()?;
        let in_log = r.head.seq == 0 || kept.as_deref() == Some(r.head.hash.as_str());
        if r.head.seq > head.seq || !in_log {
            r.abandoned = true;
            changed = true;
        }
    }
    if changed {
        let path = records_path(db_path);
        let tmp = path.with_extension(format!("jsonl.{}.tmp", crate::ids::temp_tag()));
        let mut text = String::new();
        for r in &all {
            text += &serde_json::to_string(r).map_err(std::io::Error::other)?;
            text.push('\n');
        }
        fs::write(&tmp, text)?;
        File::open(&tmp)?.sync_all()?;
        fs::rename(&tmp, &path)?;
    }
    Ok(())
}
