//! The head (the seal's figures) kept outside the data file, beside it in `<data>.head`, and
//! read from a file as it is now for a backup's record.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::digest::has_tables;
use super::seal::{log_head, schema_version, seal_row, Head};
use crate::error::Result;

/// The file beside a data file that keeps its head outside it.
pub fn head_path(db_path: &Path) -> PathBuf {
    let name = db_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "zhibu.sqlite3".into());
    db_path.with_file_name(format!("{name}.head"))
}

/// Writes the head beside the data file, atomically (a temporary file renamed over it).
pub fn write_head(db_path: &Path, head: &Head) -> std::io::Result<()> {
    let dest = head_path(db_path);
    let tmp = dest.with_extension(format!("head.{}.tmp", crate::ids::temp_tag()));
    let text = serde_json::to_string_pretty(head).map_err(std::io::Error::other)?;
    std::fs::write(&tmp, text)?;
    std::fs::File::open(&tmp)?.sync_all()?;
    std::fs::rename(&tmp, &dest)
}

/// The head kept beside the data file, if there is one (an unreadable one counts as none).
pub fn read_head(db_path: &Path) -> Option<Head> {
    let text = std::fs::read_to_string(head_path(db_path)).ok()?;
    serde_json::from_str(&text).ok()
}

/// The head of a file as it is now (from its log and seal), for a backup's record.
pub fn current_head(conn: &Connection) -> Result<Head> {
    let (seq, hash) = log_head(conn)?;
    let row = if has_tables(conn)? {
        seal_row(conn)?
    } else {
        None
    };
    Ok(Head {
        seq,
        hash,
        state: row
            .as_ref()
            .map(|r| r.head.state.clone())
            .unwrap_or_default(),
        version: schema_version(conn)?,
        mac: row.and_then(|r| r.head.mac),
        at: crate::ids::timestamp(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_written_by_many_threads_at_once_all_land_and_leave_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("branch.sqlite3");
        let threads: Vec<_> = (0..8)
            .map(|i| {
                let db = db.clone();
                std::thread::spawn(move || {
                    let head = Head {
                        seq: i,
                        hash: format!("{i:064}"),
                        state: String::new(),
                        version: 15,
                        mac: None,
                        at: String::new(),
                    };
                    for _ in 0..20 {
                        write_head(&db, &head).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let head = read_head(&db).expect("one whole head is in place");
        assert_eq!(head.hash, format!("{:064}", head.seq));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["branch.sqlite3.head"]);
    }
}
