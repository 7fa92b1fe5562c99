//! Backups and restore. A backup is a complete copy of the database taken with SQLite's online
//! backup API (consistent even while the app is writing), written beside the database under
//! `backups/`, checked (`PRAGMA integrity_check`, our application id) before it is renamed into
//! place. Kinds: before every migration, daily on start, before a restore, and by hand; each
//! automatic kind keeps a rotating set. Restoring checks the chosen file first, backs up the
//! current data, then copies the file into the open database and migrates it if older.

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
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub schema_version: usize,
    pub branch_name: Option<String>,
    #[ts(type = "number")]
    pub members: i64,
    #[ts(type = "number")]
    pub sessions: i64,
    #[ts(type = "number")]
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
    #[ts(type = "number")]
    pub bytes: u64,
}

/// The folder backups are kept in, beside the database file.
pub fn backups_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

fn file_name(kind: BackupKind, now: NaiveDateTime) -> String {
    format!(
        "zhibu-{}-{}.sqlite3",
        now.format("%Y%m%d-%H%M%S"),
        kind.code()
    )
}

fn parse_name(name: &str) -> Option<(NaiveDateTime, BackupKind)> {
    let rest = name.strip_prefix("zhibu-")?.strip_suffix(".sqlite3")?;
    let (stamp, kind) = (rest.get(..15)?, rest.get(16..)?);
    let at = NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok()?;
    let kind = BackupKind::ALL.iter().find(|k| k.code() == kind)?;
    Some((at, *kind))
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

/// Copies the database behind `conn` to `dest`: into a temporary file beside it, checked,
/// synced, then renamed into place, so `dest` is either absent or a sound copy.
pub fn copy_to(conn: &Connection, dest: &Path) -> Result<FileSummary> {
    let dir = dest.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = dir {
        fs::create_dir_all(dir)?;
    }
    let tmp = dest.with_extension(format!("tmp-{}", std::process::id()));
    let _ = fs::remove_file(&tmp);
    let written = (|| -> Result<()> {
        let mut out = Connection::open(&tmp)?;
        Backup::new(conn, &mut out)?.run_to_completion(512, Duration::ZERO, None)?;
        out.pragma_update(None, "journal_mode", "DELETE")?;
        drop(out);
        summarize(&tmp)?;
        File::open(&tmp)?.sync_all()?;
        fs::rename(&tmp, dest)?;
        if let Some(dir) = dir {
            // Makes the rename itself durable; not possible on every platform.
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    summarize(dest)
}

/// Takes a backup of `kind` into the backups folder (or to `dest`), then drops the oldest of
/// that kind beyond the number kept.
pub fn backup(
    db: &Db,
    kind: BackupKind,
    dest: Option<&Path>,
    now: NaiveDateTime,
) -> Result<FileSummary> {
    let db_path = db
        .path()
        .ok_or_else(|| Error::validation("file", Reason::InvalidValue))?
        .to_path_buf();
    let dir = backups_dir(&db_path);
    let dest = match dest {
        Some(d) => d.to_path_buf(),
        None => dir.join(file_name(kind, now)),
    };
    let summary = db.read(|conn| copy_to(conn, &dest))?;
    rotate(&dir, kind)?;
    Ok(summary)
}

/// Before migrating an existing file: a copy as it was, in the backups folder.
pub(crate) fn before_migration(
    conn: &Connection,
    db_path: &Path,
    now: NaiveDateTime,
) -> Result<()> {
    let dir = backups_dir(db_path);
    copy_to(conn, &dir.join(file_name(BackupKind::PreMigration, now)))?;
    rotate(&dir, BackupKind::PreMigration)
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

/// The backups in the folder beside `db_path`, newest first.
pub fn list(db_path: &Path) -> Result<Vec<BackupEntry>> {
    let dir = backups_dir(db_path);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut list = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if let Some((at, kind)) = parse_name(&name) {
            list.push((
                at,
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

fn rotate(dir: &Path, kind: BackupKind) -> Result<()> {
    let Some(keep) = kind.keep() else {
        return Ok(());
    };
    let mut ours: Vec<(NaiveDateTime, PathBuf)> = fs::read_dir(dir)?
        .flatten()
        .filter_map(|e| {
            let (at, k) = parse_name(&e.file_name().to_string_lossy())?;
            (k == kind).then(|| (at, e.path()))
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
    if parse_name(file_name).is_none() || file_name.contains(['/', '\\']) {
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
    let name = file_name(BackupKind::Imported, now);
    let dest = dir.join(&name);
    let tmp = dest.with_extension(format!("tmp-{}", std::process::id()));
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
    fs::rename(&tmp, &dest)?;
    rotate(&dir, BackupKind::Imported)?;
    list(db_path)?
        .into_iter()
        .find(|b| b.file_name == name)
        .ok_or_else(|| Error::NotADatabase { path: dest })
}

/// When the database file cannot be opened (damaged, not ours): moves it aside, untouched, as
/// `<name>.damaged-<stamp>` (with its WAL files) and puts the backup in its place. Returns where
/// the unreadable file went. The backup is checked first; nothing moves if it is not sound.
pub fn recover(db_path: &Path, backup: &Path, now: NaiveDateTime) -> Result<PathBuf> {
    summarize(backup)?;
    let stamp = now.format("%Y%m%d-%H%M%S");
    let name = db_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "zhibu.sqlite3".into());
    let aside = db_path.with_file_name(format!("{name}.damaged-{stamp}"));
    let tmp = db_path.with_file_name(format!("{name}.restoring-{}", std::process::id()));
    fs::copy(backup, &tmp)?;
    File::open(&tmp)?.sync_all()?;
    if db_path.exists() {
        fs::rename(db_path, &aside)?;
    }
    for suffix in ["-wal", "-shm"] {
        let side = db_path.with_file_name(format!("{name}{suffix}"));
        if side.exists() {
            fs::rename(
                &side,
                aside.with_file_name(format!("{name}.damaged-{stamp}{suffix}")),
            )?;
        }
    }
    fs::rename(&tmp, db_path)?;
    Ok(aside)
}

/// What a restore did: the backup of the data it replaced, and what is there now.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Restored {
    pub safety_backup: FileSummary,
    pub restored: FileSummary,
}

/// Replaces the open database's contents with the file at `src`, after checking it and taking
/// a backup of the current data. An older file is migrated; a newer, foreign or damaged one,
/// or the database itself, is refused with nothing changed.
pub fn restore(db: &Db, src: &Path, now: NaiveDateTime) -> Result<Restored> {
    let restored = summarize(src)?;
    if let Some(current) = db.path() {
        if fs::canonicalize(current).ok() == fs::canonicalize(src).ok() {
            return Err(Error::validation("file", Reason::RestoreFromItself));
        }
    }
    let safety_backup = backup(db, BackupKind::BeforeRestore, None, now)?;
    let from = Connection::open_with_flags(
        src,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    db.replace_with(&from)?;
    Ok(Restored {
        safety_backup,
        restored,
    })
}

/// Starts the branch's data afresh, as on the first run (to leave the demo branch for one's
/// own, or the other way round): the current data is backed up first, then the database is
/// emptied to the current schema. Answers with the backup, which 设置 → 备份 can restore.
pub fn start_over(db: &Db, now: NaiveDateTime) -> Result<FileSummary> {
    let safety_backup = backup(db, BackupKind::BeforeStartOver, None, now)?;
    let empty = Db::open_in_memory()?;
    empty.read(|fresh| db.replace_with(fresh))?;
    Ok(safety_backup)
}
