//! Restoring a backup: checked first (integrity, our header, the change log's chain, the
//! record kept when it was taken), the current data backed up, then copied into the open
//! database; or, over a damaged data file, the file moved aside and the backup put in its place.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use super::records::{after_restore, record_of};
use super::{backup, summarize, sync_dir, BackupKind, FileSummary};
use crate::db::{self, Db};
use crate::error::{Error, Reason, Result};
use crate::integrity;

/// When the database file cannot be opened (damaged, not ours): moves it aside, untouched, as
/// `<name>.damaged-<stamp>` (with its WAL files) and puts the backup in its place. Returns where
/// the unreadable file went. The backup is checked first; nothing moves if it is not sound.
pub fn recover(db_path: &Path, backup: &Path, now: NaiveDateTime) -> Result<PathBuf> {
    summarize(backup)?;
    let name = db_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "zhibu.sqlite3".into());
    // Two recoveries in one second do not put one damaged file over the other.
    let mut stamp = now.format("%Y%m%d-%H%M%S").to_string();
    for n in 2.. {
        if !db_path
            .with_file_name(format!("{name}.damaged-{stamp}"))
            .exists()
        {
            break;
        }
        stamp = format!("{}-{n}", now.format("%Y%m%d-%H%M%S"));
    }
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
    // The damaged file is no longer the data file: what was known about it goes with it.
    let _ = fs::remove_file(db::damaged_marker(db_path));
    if let Some(dir) = db_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        sync_dir(dir);
    }
    after_restore(db_path)?;
    Ok(aside)
}

/// What a restore did: the backup of the data it replaced, and what is there now.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Restored {
    pub safety_backup: FileSummary,
    pub restored: FileSummary,
}

/// The full check of a backup before it is restored: integrity and our header through
/// [`summarize`], then [`db::verify_with`] (the change log's chain, every table's rows, the
/// seal, with `key` when it is the backup's) and the backup against the record kept when it
/// was taken. Returns what failed, in Chinese (empty when it holds); refused with
/// `BackupFailsVerify` naming it unless forced.
fn check_backup(
    db_path: &Path,
    src: &Path,
    key: Option<&crate::vault::DataKey>,
    force: bool,
) -> Result<(FileSummary, Vec<String>)> {
    let summary = summarize(src)?;
    let conn = Connection::open_with_flags(
        src,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    integrity::register(&conn)?;
    let own_key = match crate::vault::unguarded_key(&conn) {
        Ok(Some(k)) => Some(k),
        _ => match key {
            Some(k) if crate::vault::is_key_of(&conn, k).unwrap_or(false) => Some(k.clone()),
            _ => None,
        },
    };
    let password_set = crate::vault::status(&conn).is_ok_and(|s| s.password_set);
    let report = db::verify_with(
        &conn,
        &integrity::Context {
            key: own_key.as_ref(),
            password_set,
            head_file: None,
            head_file_expected: false,
            records: record_of(db_path, src)
                .map(|r| {
                    vec![(
                        format!(
                            "备份 {} 的记录",
                            src.file_name().unwrap_or_default().to_string_lossy()
                        ),
                        r.head,
                    )]
                })
                .unwrap_or_default(),
        },
    )?;
    let failed = if report.ok() {
        Vec::new()
    } else {
        // Only what failed: warnings (an unchecked seal) are not reasons to refuse.
        let mut failed = Vec::new();
        if let Some(seq) = report.change_log_broken_at {
            failed.push(format!(
                "变更日志第 {seq} 条起与哈希链不符（被改动过或已损坏）"
            ));
        }
        let f = report.findings();
        let only_failures = integrity::Findings {
            seal: if f.seal == integrity::seal_status::BROKEN {
                f.seal
            } else {
                integrity::seal_status::OK
            },
            ..f
        };
        failed.extend(integrity::describe(&only_failures));
        failed
    };
    if !failed.is_empty() && !force {
        return Err(Error::BackupFailsVerify {
            path: src.to_path_buf(),
            findings: failed.join("；"),
        });
    }
    Ok((summary, failed))
}

/// Logs, in the restored data, that a backup which failed its check was restored on purpose,
/// and takes the data as it is from here (its accumulators and seal retaken).
fn log_forced(db: &Db, src: &Path, failed: &[String], actor: Option<&str>) -> Result<()> {
    let Some(actor) = actor.filter(|_| !failed.is_empty()) else {
        return Ok(());
    };
    db.rebase_integrity()?;
    let file = src.display().to_string();
    db.write_unkeyed(|tx| {
        crate::change_log::record(
            tx,
            actor,
            "backup",
            &file,
            "restore_unverified",
            &serde_json::json!({ "file": file, "failed": failed }),
        )
    })
}

/// Replaces the open database's contents with the file at `src`, after checking it and taking
/// a backup of the current data. An older file is migrated; a newer, foreign or damaged one,
/// one whose change log was edited (`BackupFailsVerify`), or the database itself, is refused
/// with nothing changed.
pub fn restore(db: &Db, src: &Path, now: NaiveDateTime) -> Result<Restored> {
    restore_with(db, src, now, None)
}

/// [`restore`], taking a backup whose change log fails the check anyway, and saying so in the
/// change log as `actor`.
pub fn restore_forced(db: &Db, src: &Path, now: NaiveDateTime, actor: &str) -> Result<Restored> {
    restore_with(db, src, now, Some(actor))
}

fn restore_with(db: &Db, src: &Path, now: NaiveDateTime, force: Option<&str>) -> Result<Restored> {
    restore_checked(db, src, now, force).map(|(r, _)| r)
}

fn restore_checked(
    db: &Db,
    src: &Path,
    now: NaiveDateTime,
    force: Option<&str>,
) -> Result<(Restored, Vec<String>)> {
    let db_path = db.path().unwrap_or_else(|| Path::new("")).to_path_buf();
    let key = db.current_key();
    let (restored, failed) = check_backup(&db_path, src, key.as_ref(), force.is_some())?;
    if let Some(current) = db.path() {
        if fs::canonicalize(current).ok() == fs::canonicalize(src).ok() {
            return Err(Error::validation("file", Reason::RestoreFromItself));
        }
    }
    if db.is_damaged() {
        return Err(Error::Conflict {
            reason: Reason::DatabaseDamaged,
        });
    }
    let safety_backup = backup(db, BackupKind::BeforeRestore, None, now)?;
    let from = Connection::open_with_flags(
        src,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    db.replace_with(&from)?;
    log_forced(db, src, &failed, force)?;
    if db.path().is_some() {
        after_restore(&db_path)?;
    }
    Ok((
        Restored {
            safety_backup,
            restored,
        },
        failed,
    ))
}

/// What restoring onto a data file by its path did.
#[derive(Debug)]
pub enum RestoreOutcome {
    /// The data file was sound: its data was backed up, then replaced.
    Replaced {
        restored: Restored,
        /// Forced: what of the backup failed the check (empty when it passed).
        unverified: Vec<String>,
    },
    /// The data file was damaged (it could not be opened, or a check found it damaged): it
    /// was kept, renamed, beside the restored one.
    Recovered {
        damaged_kept: PathBuf,
        restored: FileSummary,
        unverified: Vec<String>,
    },
}

impl RestoreOutcome {
    /// What of the restored backup failed the check, when it was taken anyway.
    pub fn unverified(&self) -> &[String] {
        match self {
            RestoreOutcome::Replaced { unverified, .. }
            | RestoreOutcome::Recovered { unverified, .. } => unverified,
        }
    }
}

/// Restores the backup `src` onto the data file at `db_path`, which must exist: a sound file
/// as [`restore`] does, a damaged one as [`recover`] does (the window's way), so a damaged
/// file can always be replaced and is never written to. `force` (the actor) takes a backup
/// whose change log fails the check, and logs it.
pub fn restore_file(
    db_path: &Path,
    src: &Path,
    now: NaiveDateTime,
    force: Option<&str>,
) -> Result<RestoreOutcome> {
    let (_, unverified) = check_backup(db_path, src, None, force.is_some())?;
    match Db::open_existing(db_path) {
        Ok(db) if !db.is_damaged() => {
            return restore_checked(&db, src, now, force).map(|(restored, unverified)| {
                RestoreOutcome::Replaced {
                    restored,
                    unverified,
                }
            })
        }
        // Closed before the file is moved: nothing of it stays open.
        Ok(db) => drop(db),
        Err(Error::NotADatabase { .. })
        | Err(Error::Conflict {
            reason: Reason::DatabaseDamaged,
        }) => {}
        Err(e) => return Err(e),
    }
    let damaged_kept = recover(db_path, src, now)?;
    let db = Db::open(db_path)?;
    log_forced(&db, src, &unverified, force)?;
    drop(db);
    Ok(RestoreOutcome::Recovered {
        damaged_kept,
        restored: summarize(db_path)?,
        unverified,
    })
}
