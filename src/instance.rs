//! One running app per database: the first start holds an exclusive lock on a file beside the
//! database and listens on a local port; a second start finds the lock taken, asks the first to
//! show its window, and ends. The lock is the operating system's, so it goes with the process
//! however that ends (no stale lock after a crash).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a second start sends; anything else on the port is ignored.
const FOCUS: &str = "zhibu-focus";

/// Held by the first start for as long as it runs.
pub struct InstanceGuard {
    _lock: File,
}

pub enum Claim {
    /// This start is the only one on the database.
    First(InstanceGuard),
    /// Another start holds the database; it was asked to show its window.
    AlreadyRunning,
}

/// The lock file of a database: `zhibu.sqlite3` → `zhibu.sqlite3.lock`.
pub fn lock_path(db_path: &Path) -> PathBuf {
    let mut name = db_path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    db_path.with_file_name(name)
}

/// Claims the database for this start. `on_focus` runs (on a background thread) each time a
/// later start asks this one to show itself.
pub fn claim(db_path: &Path, on_focus: impl Fn() + Send + 'static) -> std::io::Result<Claim> {
    if let Some(dir) = db_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path(db_path))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            ask_to_focus(&mut file);
            return Ok(Claim::AlreadyRunning);
        }
        Err(TryLockError::Error(e)) => return Err(e),
    }
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    let port = listener.local_addr()?.port();
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    writeln!(file, "{port}")?;
    file.sync_all()?;
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            let mut line = String::new();
            if BufReader::new(stream).read_line(&mut line).is_ok() && line.trim() == FOCUS {
                on_focus();
            }
        }
    });
    Ok(Claim::First(InstanceGuard { _lock: file }))
}

/// Tells the running start to show its window; a start that does not answer is left alone.
fn ask_to_focus(file: &mut File) {
    let mut text = String::new();
    // The first start may be between taking the lock and writing its port.
    for _ in 0..20 {
        text.clear();
        let _ = file.seek(SeekFrom::Start(0));
        let _ = file.read_to_string(&mut text);
        if !text.trim().is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let Ok(port) = text.trim().parse::<u16>() else {
        return;
    };
    let addr = (Ipv4Addr::LOCALHOST, port).into();
    if let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(2)) {
        let _ = writeln!(stream, "{FOCUS}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn a_second_start_on_the_same_database_focuses_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("zhibu.sqlite3");
        let (tx, rx) = mpsc::channel();
        let first = match claim(&db, move || tx.send(()).unwrap()).unwrap() {
            Claim::First(g) => g,
            Claim::AlreadyRunning => panic!("nothing else runs"),
        };
        assert!(matches!(claim(&db, || ()).unwrap(), Claim::AlreadyRunning));
        rx.recv_timeout(Duration::from_secs(10))
            .expect("the first start was asked to show itself");

        // Another database is another instance.
        let other = dir.path().join("other.sqlite3");
        assert!(matches!(claim(&other, || ()).unwrap(), Claim::First(_)));

        // Once the first ends, the next start is the first again.
        drop(first);
        assert!(matches!(claim(&db, || ()).unwrap(), Claim::First(_)));
    }
}
