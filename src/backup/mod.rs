//! Backups and restore. A backup is a complete copy of the database taken with SQLite's online
//! backup API (consistent even while the app is writing), written beside the database under
//! `backups/`, checked (`PRAGMA integrity_check`, our application id) before it is renamed into
//! place. Kinds: before every migration, daily on start, before a restore, and by hand; each
//! automatic kind keeps a rotating set. Restoring checks the chosen file first, backs up the
//! current data, then copies the file into the open database and migrates it if older.
//!
//! The parts: the record of each backup kept beside the data file, and what a restore makes of
//! them (`records`); restoring a backup, over sound data or a damaged file (`restore`); the
//! backups' folder, file names and temporary files (`names`); here the copies, rotation and
//! starting over.

mod names;
mod records;
mod restore;

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::code_enum;
use crate::db::{self, Db, APPLICATION_ID};
use crate::error::{Error, Reason, Result};
pub use names::{backups_dir, file_name, remove_stale_temp_files};
use names::{parse_name, temp_name, ParsedName};
pub(crate) use records::after_log_rewrite;
use records::{after_restore, keep_record};
pub use records::{record_heads, records, BackupRecord};
pub use restore::{recover, restore, restore_file, restore_forced, RestoreOutcome, Restored};

code_enum!(
    /// Why a backup was taken.
    BackupKind {
        Manual = "manual" / "手动备份",
        Daily = "daily" / "每日自动备份",
        PreMigration = "pre_migration" / "升级前备份",
        BeforeRestore = "before_restore" / "恢复前备份",
        BeforeStartOver = "before_start_over" / "重新开始前备份",
        Imported = "imported" / "导入的备份文件",
    }
);

impl BackupKind {
    /// How many backups of this kind are kept (the oldest go first); manual ones are kept.
    fn keep(self) -> Option<usize> {
        match self {
            BackupKind::Manual => None,
            BackupKind::Daily => Some(7),
            BackupKind::PreMigration
            | BackupKind::BeforeRestore
            | BackupKind::BeforeStartOver
            | BackupKind::Imported => Some(5),
        }
    }
}

/// What a database file holds, to show before it replaces anything.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FileSummary {
    pub path: String,
    pub bytes: u64,
    pub schema_version: usize,
    pub branch_name: Option<String>,
    pub members: i64,
    pub sessions: i64,
    pub study_entries: i64,
    /// When the last change was logged (RFC 3339), if any.
    pub last_change_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BackupEntry {
    pub file_name: String,
    pub path: String,
    pub kind: BackupKind,
    /// "2026-11-23 14:05", from the file name.
    pub taken_at: String,
    pub bytes: u64,
}

/// Puts the finished file `tmp` at `dest` without ever replacing a file already there
/// (`AlreadyExists` then, and `tmp` stays): a hard link is atomic and refuses an existing
/// name; where links are not possible, the name is claimed with `create_new` first.
fn place_new(tmp: &Path, dest: &Path) -> std::io::Result<()> {
    match fs::hard_link(tmp, dest) {
        Ok(()) => {
            let _ = fs::remove_file(tmp);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            File::create_new(dest)?;
            fs::rename(tmp, dest)
        }
    }
}

/// Checks that `path` is a sound Zhibu database this build can read and says what it holds.
/// A foreign or damaged file is `NotADatabase`, a newer one `SchemaTooNew`; nothing is written.
pub fn summarize(path: &Path) -> Result<FileSummary> {
    let not_ours = || Error::NotADatabase {
        path: path.to_path_buf(),
    };
    let bytes = fs::metadata(path).map_err(|_| not_ours())?.len();
    db::check_foreign_file(path)?;
    if bytes == 0 {
        return Err(not_ours());
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|_| not_ours())?;
    let check = || -> rusqlite::Result<(String, i64, i64)> {
        let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok((integrity, app_id, version))
    };
    let (integrity, app_id, version) = check().map_err(|_| not_ours())?;
    if integrity != "ok" || app_id != APPLICATION_ID {
        return Err(not_ours());
    }
    let version = version.max(0) as usize;
    if version > db::supported_version() {
        return Err(Error::SchemaTooNew {
            found: version,
            supported: db::supported_version(),
        });
    }
    let count = |table: &str| -> i64 {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap_or(0)
    };
    let branch_name: Option<String> = conn
        .query_row("SELECT name FROM branch LIMIT 1", [], |r| r.get(0))
        .optional()
        .unwrap_or(None);
    let last_change_at: Option<String> = conn
        .query_row("SELECT max(at) FROM change_log", [], |r| r.get(0))
        .unwrap_or(None);
    Ok(FileSummary {
        path: path.display().to_string(),
        bytes,
        schema_version: version,
        branch_name,
        members: count("member"),
        sessions: count("session"),
        study_entries: count("study_hour_entry"),
        last_change_at,
    })
}

/// Copies the database behind `conn` into the new file `tmp`, checked and synced; on any
/// failure `tmp` is removed.
fn write_checked(conn: &Connection, tmp: &Path) -> Result<()> {
    let _ = fs::remove_file(tmp);
    let written = (|| -> Result<()> {
        let mut out = Connection::open(tmp)?;
        Backup::new(conn, &mut out)?.run_to_completion(512, Duration::ZERO, None)?;
        out.pragma_update(None, "journal_mode", "DELETE")?;
        drop(out);
        summarize(tmp)?;
        File::open(tmp)?.sync_all()?;
        Ok(())
    })();
    if written.is_err() {
        let _ = fs::remove_file(tmp);
    }
    written
}

/// Makes a rename or link into `dir` durable; not possible on every platform.
fn sync_dir(dir: &Path) {
    let _ = File::open(dir).and_then(|d| d.sync_all());
}

/// Puts the checked file `tmp` into the backups folder of `db_path` under a name no other
/// backup has (`-2`, `-3`, ... after the second), never replacing one. Returns its path.
fn place_backup(
    db_path: &Path,
    tmp: &Path,
    kind: BackupKind,
    now: NaiveDateTime,
) -> Result<PathBuf> {
    let dir = backups_dir(db_path);
    for n in 1.. {
        let dest = dir.join(file_name(db_path, kind, now, n));
        match place_new(tmp, &dest) {
            Ok(()) => {
                sync_dir(&dir);
                return Ok(dest);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                let _ = fs::remove_file(tmp);
                return Err(e.into());
            }
        }
    }
    unreachable!("some number is free")
}

/// Takes a checked copy of the database behind `conn` into the backups folder of `db_path`;
/// stale temporary files of earlier, killed backups are removed first.
fn backup_into_folder(
    conn: &Connection,
    db_path: &Path,
    kind: BackupKind,
    now: NaiveDateTime,
) -> Result<FileSummary> {
    let dir = backups_dir(db_path);
    fs::create_dir_all(&dir)?;
    remove_stale_temp_files(db_path);
    let tmp = dir.join(temp_name(db_path));
    write_checked(conn, &tmp)?;
    let dest = place_backup(db_path, &tmp, kind, now)?;
    keep_record(db_path, &dest, kind);
    rotate(db_path, kind)?;
    summarize(&dest)
}

/// Copies the database behind `conn` to the file `dest`: into a temporary file beside it,
/// checked, synced, then put in place, so `dest` is either untouched or a sound copy. A file
/// already at `dest` is refused (`BackupFileExists`); see [`copy_over`] to replace it.
pub fn copy_to(conn: &Connection, dest: &Path) -> Result<FileSummary> {
    copy_file(conn, dest, false)
}

/// [`copy_to`], replacing a file already at `dest` (only once the copy is sound).
pub fn copy_over(conn: &Connection, dest: &Path) -> Result<FileSummary> {
    copy_file(conn, dest, true)
}

fn copy_file(conn: &Connection, dest: &Path, replace: bool) -> Result<FileSummary> {
    let dir = dest.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = dir {
        fs::create_dir_all(dir)?;
    }
    if !replace && dest.exists() {
        return Err(Error::Conflict {
            reason: Reason::BackupFileExists,
        });
    }
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "zhibu".into());
    let tmp = dest.with_file_name(format!("{name}.{}.tmp", crate::ids::temp_tag()));
    write_checked(conn, &tmp)?;
    let placed = if replace {
        fs::rename(&tmp, dest)
    } else {
        place_new(&tmp, dest)
    };
    if let Err(e) = placed {
        let _ = fs::remove_file(&tmp);
        return Err(if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Conflict {
                reason: Reason::BackupFileExists,
            }
        } else {
            e.into()
        });
    }
    if let Some(dir) = dir {
        sync_dir(dir);
    }
    summarize(dest)
}

/// Takes a backup of `kind` into the backups folder, then drops the oldest of that kind of
/// this data file beyond the number kept.
pub fn backup(
    db: &Db,
    kind: BackupKind,
    dest: Option<&Path>,
    now: NaiveDateTime,
) -> Result<FileSummary> {
    backup_to(db, kind, dest, false, now)
}

/// [`backup`], or to the file `dest`, which replaces a file already there only if `replace`.
pub fn backup_to(
    db: &Db,
    kind: BackupKind,
    dest: Option<&Path>,
    replace: bool,
    now: NaiveDateTime,
) -> Result<FileSummary> {
    let db_path = db
        .path()
        .ok_or_else(|| Error::validation("file", Reason::InvalidValue))?
        .to_path_buf();
    match dest {
        Some(d) => {
            let summary = db.read(|conn| copy_file(conn, d, replace))?;
            keep_record(&db_path, d, kind);
            Ok(summary)
        }
        None => db.read(|conn| backup_into_folder(conn, &db_path, kind, now)),
    }
}

/// Before migrating an existing file: a copy as it was, in the backups folder.
pub(crate) fn before_migration(
    conn: &Connection,
    db_path: &Path,
    now: NaiveDateTime,
) -> Result<()> {
    backup_into_folder(conn, db_path, BackupKind::PreMigration, now).map(|_| ())
}

/// The daily backup, taken on the first start of a day; none when today's exists already.
pub fn daily(db: &Db, today: NaiveDate, now: NaiveDateTime) -> Result<Option<FileSummary>> {
    let Some(path) = db.path() else {
        return Ok(None);
    };
    let done = list(path)?
        .iter()
        .any(|b| b.kind == BackupKind::Daily && b.taken_at.starts_with(&today.to_string()));
    if done {
        return Ok(None);
    }
    backup(db, BackupKind::Daily, None, now).map(Some)
}

/// The backups of `db_path` in the folder beside it, newest first.
pub fn list(db_path: &Path) -> Result<Vec<BackupEntry>> {
    let dir = backups_dir(db_path);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut list = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if let Some(ParsedName { at, n, kind, .. }) = parse_name(&name).filter(|p| p.of(db_path)) {
            list.push((
                (at, n),
                BackupEntry {
                    path: entry.path().display().to_string(),
                    file_name: name,
                    kind,
                    taken_at: at.format("%Y-%m-%d %H:%M").to_string(),
                    bytes: entry.metadata().map(|m| m.len()).unwrap_or(0),
                },
            ));
        }
    }
    list.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.file_name.cmp(&a.1.file_name)));
    Ok(list.into_iter().map(|(_, e)| e).collect())
}

/// Drops the oldest backups of `kind` of this data file beyond the number kept.
fn rotate(db_path: &Path, kind: BackupKind) -> Result<()> {
    let Some(keep) = kind.keep() else {
        return Ok(());
    };
    let mut ours: Vec<((NaiveDateTime, u32), PathBuf)> = fs::read_dir(backups_dir(db_path))?
        .flatten()
        .filter_map(|e| {
            let parsed = parse_name(&e.file_name().to_string_lossy())?;
            (parsed.kind == kind && parsed.of(db_path)).then(|| ((parsed.at, parsed.n), e.path()))
        })
        .collect();
    ours.sort();
    let excess = ours.len().saturating_sub(keep);
    for (_, path) in ours.into_iter().take(excess) {
        fs::remove_file(path)?;
    }
    Ok(())
}

/// The path of the backup named `file_name` in the backups folder; anything that is not one
/// of our backup names (a path, `..`) is refused.
pub fn resolve(db_path: &Path, file_name: &str) -> Result<PathBuf> {
    let ours = parse_name(file_name).is_some_and(|p| p.of(db_path));
    if !ours || file_name.contains(['/', '\\']) {
        return Err(Error::validation("file_name", Reason::InvalidValue));
    }
    let path = backups_dir(db_path).join(file_name);
    if !path.is_file() {
        return Err(Error::NotADatabase { path });
    }
    Ok(path)
}

/// Keeps a backup file brought from elsewhere (a USB stick, another computer) in the backups
/// folder, once it checks out as a sound Zhibu database; a bad file is refused and not kept.
pub fn stage(db_path: &Path, bytes: &[u8], now: NaiveDateTime) -> Result<BackupEntry> {
    let dir = backups_dir(db_path);
    fs::create_dir_all(&dir)?;
    remove_stale_temp_files(db_path);
    let tmp = dir.join(temp_name(db_path));
    fs::write(&tmp, bytes)?;
    let checked = summarize(&tmp).map_err(|e| match e {
        Error::NotADatabase { .. } => Error::NotADatabase {
            path: PathBuf::from("所选文件"),
        },
        other => other,
    });
    if let Err(e) = checked {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    File::open(&tmp)?.sync_all()?;
    let dest = place_backup(db_path, &tmp, BackupKind::Imported, now)?;
    keep_record(db_path, &dest, BackupKind::Imported);
    rotate(db_path, BackupKind::Imported)?;
    list(db_path)?
        .into_iter()
        .find(|b| Path::new(&b.path) == dest)
        .ok_or_else(|| Error::NotADatabase { path: dest })
}

/// Starts the branch's data afresh, as on the first run (to leave the demo branch for one's
/// own, or the other way round): the current data is backed up first, then the database is
/// emptied to the current schema. Answers with the backup, which 设置 → 备份 can restore.
pub fn start_over(db: &Db, now: NaiveDateTime) -> Result<FileSummary> {
    if db.is_damaged() {
        return Err(Error::Conflict {
            reason: Reason::DatabaseDamaged,
        });
    }
    let safety_backup = backup(db, BackupKind::BeforeStartOver, None, now)?;
    let empty = Db::open_in_memory()?;
    empty.read(|fresh| db.replace_with(fresh))?;
    if let Some(path) = db.path() {
        after_restore(path)?;
    }
    Ok(safety_backup)
}
