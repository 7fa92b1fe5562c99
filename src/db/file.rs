//! The data file on disk: where it is by default, the check that it exists and is SQLite's
//! before SQLite opens it, and the marker beside it that records it damaged.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The file beside a data file that records that a check found it damaged, so that every
/// later opening knows (the damaged file itself is never written to).
pub fn damaged_marker(db_path: &Path) -> PathBuf {
    let name = db_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "zhibu.sqlite3".into());
    db_path.with_file_name(format!("{name}.damaged"))
}

/// Refuses a data file that does not exist (`NoDatabase`): for what works on an existing
/// database's path without opening it (listing its backups), as [`Db::open_existing`] does.
pub fn require_existing(path: &Path) -> Result<()> {
    if path.is_file() {
        Ok(())
    } else {
        Err(Error::NoDatabase {
            path: path.to_path_buf(),
        })
    }
}

/// Refuses a non-empty file that does not start with SQLite's header, before SQLite sees it.
pub(crate) fn check_foreign_file(path: &Path) -> Result<()> {
    let Ok(mut file) = File::open(path) else {
        return Ok(());
    };
    let mut header = [0u8; 16];
    let n = file.read(&mut header)?;
    if n == 0 {
        return Ok(());
    }
    if n < 16 || &header != b"SQLite format 3\0" {
        return Err(Error::NotADatabase {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// The default database file: `ZHIBU_DB` if set, else `zhibu.sqlite3` in the platform's
/// app-data folder under the app's identifier (where the desktop app keeps it too).
pub fn default_path() -> PathBuf {
    if let Some(p) = std::env::var_os("ZHIBU_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(crate::APP_IDENTIFIER)
        .join("zhibu.sqlite3")
}
