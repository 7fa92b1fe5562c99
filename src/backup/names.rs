//! Backup file names: the folder beside the data file, the name a backup is written under and
//! read back from, and the temporary files of backups being written (or left by killed ones).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDateTime;

use super::BackupKind;

/// The folder backups are kept in, beside the database file.
pub fn backups_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

/// The data file's name without its extension: what its backups are named after, so two data
/// files in one folder keep (and rotate) their own.
pub(super) fn stem(db_path: &Path) -> String {
    db_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "zhibu".into())
}

/// `zhibu-<stem>-YYYYMMDD-HHMMSS[-n]-<kind>.sqlite3`; `n` from 2 for a second backup of the
/// same kind in the same second.
pub fn file_name(db_path: &Path, kind: BackupKind, now: NaiveDateTime, n: u32) -> String {
    let seq = if n > 1 {
        format!("-{n}")
    } else {
        String::new()
    };
    format!(
        "zhibu-{}-{}{seq}-{}.sqlite3",
        stem(db_path),
        now.format("%Y%m%d-%H%M%S"),
        kind.code()
    )
}

/// A backup's name read back: whose data file (`None` for names from before backups named
/// it, which count as every data file's), when, and why.
pub(super) struct ParsedName {
    pub(super) stem: Option<String>,
    pub(super) at: NaiveDateTime,
    /// 1 for the first of its kind in its second, 2 for the next, ...
    pub(super) n: u32,
    pub(super) kind: BackupKind,
}

impl ParsedName {
    pub(super) fn of(&self, db_path: &Path) -> bool {
        self.stem.as_deref().is_none_or(|s| s == stem(db_path))
    }
}

pub(super) fn parse_name(name: &str) -> Option<ParsedName> {
    let rest = name.strip_prefix("zhibu-")?.strip_suffix(".sqlite3")?;
    let (rest, kind) = rest.rsplit_once('-')?;
    let kind = *BackupKind::ALL.iter().find(|k| k.code() == kind)?;
    // An optional `-n` (shorter than a time of day) before the kind.
    let (rest, n) = match rest.rsplit_once('-') {
        Some((head, n)) if (1..6).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()) => {
            (head, n.parse().ok()?)
        }
        _ => (rest, 1),
    };
    let split = rest.len().checked_sub(15)?;
    let stamp = rest.get(split..)?;
    let at = NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok()?;
    let stem = match rest.get(..split)? {
        "" => None,
        head => Some(
            head.strip_suffix('-')
                .filter(|s| !s.is_empty())?
                .to_string(),
        ),
    };
    Some(ParsedName { stem, at, n, kind })
}

/// Temporary files of a backup being written: `zhibu-<stem>.<pid>.<n>.tmp` in the backups
/// folder, so a killed backup's can be told apart and removed.
pub(super) fn temp_name(db_path: &Path) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    format!(
        "zhibu-{}.{}.{}.tmp",
        stem(db_path),
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// The process that wrote a temporary file of this data file's backups, if `name` is one
/// (old-style names, `zhibu-<stamp>-<kind>.tmp-<pid>`, count as every data file's).
fn temp_owner(db_path: &Path, name: &str) -> Option<u32> {
    if let Some((head, pid)) = name.rsplit_once(".tmp-") {
        parse_name(&format!("{head}.sqlite3")).filter(|p| p.stem.is_none())?;
        return pid.parse().ok();
    }
    let rest = name.strip_suffix(".tmp")?;
    let (rest, n) = rest.rsplit_once('.')?;
    n.parse::<u32>().ok()?;
    let (prefix, pid) = rest.rsplit_once('.')?;
    (prefix == format!("zhibu-{}", stem(db_path))).then_some(())?;
    pid.parse().ok()
}

/// Whether the process that wrote a temporary file is gone (or it was left so long ago that
/// no backup can still be writing it).
fn is_stale(pid: u32, modified: Option<std::time::SystemTime>) -> bool {
    let old = modified
        .and_then(|m| m.elapsed().ok())
        .is_some_and(|age| age > Duration::from_secs(3600));
    if old {
        return true;
    }
    let proc = Path::new("/proc");
    pid != std::process::id() && proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}

/// Removes what killed backups of this data file left in its backups folder (full-size copies
/// nothing else would remove); a backup still being written by a live process is left alone.
pub fn remove_stale_temp_files(db_path: &Path) {
    let Ok(entries) = fs::read_dir(backups_dir(db_path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = temp_owner(db_path, &name) else {
            continue;
        };
        let modified = entry.metadata().and_then(|m| m.modified()).ok();
        if is_stale(pid, modified) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn backup_names_are_read_back_new_and_old() {
        let t = at("2026-11-22 09:00:05");
        for (name, stem, n, kind) in [
            (
                "zhibu-zhibu-20261122-090005-manual.sqlite3",
                Some("zhibu"),
                1,
                BackupKind::Manual,
            ),
            (
                "zhibu-zhibu-20261122-090005-2-daily.sqlite3",
                Some("zhibu"),
                2,
                BackupKind::Daily,
            ),
            (
                "zhibu-my-data-20261122-090005-12-pre_migration.sqlite3",
                Some("my-data"),
                12,
                BackupKind::PreMigration,
            ),
            (
                "zhibu-20261122-090005-before_restore.sqlite3",
                None,
                1,
                BackupKind::BeforeRestore,
            ),
        ] {
            let p = parse_name(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(
                (p.stem.as_deref(), p.at, p.n, p.kind),
                (stem, t, n, kind),
                "{name}"
            );
        }
        let db = Path::new("/d/my-data.sqlite3");
        let name = file_name(db, BackupKind::Imported, t, 3);
        assert_eq!(name, "zhibu-my-data-20261122-090005-3-imported.sqlite3");
        assert!(parse_name(&name).unwrap().of(db));
        assert!(!parse_name(&name).unwrap().of(Path::new("/d/my.sqlite3")));
        for bad in [
            "zhibu-x-20261122-090005-weekly.sqlite3",
            "zhibu--20261122-090005-manual.sqlite3",
            "notes.txt",
            "zhibu-20261122-0900-manual.sqlite3",
        ] {
            assert!(parse_name(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn temporary_files_are_told_by_their_data_file() {
        let db = Path::new("/d/zhibu.sqlite3");
        assert_eq!(temp_owner(db, "zhibu-zhibu.123.4.tmp"), Some(123));
        assert_eq!(
            temp_owner(db, "zhibu-20261122-090005-manual.tmp-77"),
            Some(77)
        );
        assert_eq!(temp_owner(db, "zhibu-other.123.4.tmp"), None);
        assert_eq!(
            temp_owner(db, "zhibu-zhibu-20261122-090005-manual.sqlite3"),
            None
        );
        assert!(temp_name(db).starts_with(&format!("zhibu-zhibu.{}.", std::process::id())));
    }
}
