//! One running app per database: the first start holds an exclusive lock on a file beside the
//! database and listens on a local port; a second start finds the lock taken, asks the first to
//! show its window, and ends. The lock is the operating system's, so it goes with the process
//! however that ends (no stale lock after a crash).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a second start sends; anything else on the port is ignored.
const FOCUS: &str = "zhibu-focus";
/// The first start's answer once its window is in front.
const SHOWN: &str = "zhibu-shown";

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

/// How long a second start waits for a first one that is closing (it holds the lock but no
/// longer has a window to show) before saying it runs.
const CLOSING_WAIT: Duration = Duration::from_secs(15);

/// Claims the database for this start. `on_focus` runs (on a background thread) each time a
/// later start asks this one to show itself, and says whether it had a window to show. A start
/// that finds the lock held by one without a window (one that is closing) waits for it to end
/// and then claims the database, so reopening the app right after closing it works.
pub fn claim(
    db_path: &Path,
    on_focus: impl Fn() -> bool + Send + 'static,
) -> std::io::Result<Claim> {
    if let Some(dir) = db_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path(db_path))?;
    let deadline = Instant::now() + CLOSING_WAIT;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) => {
                if ask_to_focus(&mut file) || Instant::now() >= deadline {
                    return Ok(Claim::AlreadyRunning);
                }
                std::thread::sleep(Duration::from_millis(200));
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
    }
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    let port = listener.local_addr()?.port();
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    writeln!(file, "{port}")?;
    file.sync_all()?;
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            let mut line = String::new();
            let asked =
                BufReader::new(&stream).read_line(&mut line).is_ok() && line.trim() == FOCUS;
            if asked && on_focus() {
                let _ = writeln!(stream, "{SHOWN}");
            }
        }
    });
    Ok(Claim::First(InstanceGuard { _lock: file }))
}

/// Asks the running start to show its window; true when it answers that it did.
fn ask_to_focus(file: &mut File) -> bool {
    let mut text = String::new();
    let _ = file.seek(SeekFrom::Start(0));
    let _ = file.read_to_string(&mut text);
    // The first start may be between taking the lock and writing its port: asked again.
    let Ok(port) = text.trim().parse::<u16>() else {
        return false;
    };
    let addr = (Ipv4Addr::LOCALHOST, port).into();
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(2)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(3)));
    if writeln!(stream, "{FOCUS}").is_err() {
        return false;
    }
    let mut answer = String::new();
    BufReader::new(stream).read_line(&mut answer).is_ok() && answer.trim() == SHOWN
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
        let first = match claim(&db, move || tx.send(()).is_ok()).unwrap() {
            Claim::First(g) => g,
            Claim::AlreadyRunning => panic!("nothing else runs"),
        };
        assert!(matches!(
            claim(&db, || true).unwrap(),
            Claim::AlreadyRunning
        ));
        rx.recv_timeout(Duration::from_secs(10))
            .expect("the first start was asked to show itself");

        // Another database is another instance.
        let other = dir.path().join("other.sqlite3");
        assert!(matches!(claim(&other, || true).unwrap(), Claim::First(_)));

        // Once the first ends, the next start is the first again.
        drop(first);
        assert!(matches!(claim(&db, || true).unwrap(), Claim::First(_)));
    }

    #[test]
    fn a_start_right_after_closing_waits_for_the_closing_one_and_opens() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("zhibu.sqlite3");
        // A start whose window is gone: it still holds the lock for a moment.
        let closing = match claim(&db, || false).unwrap() {
            Claim::First(g) => g,
            Claim::AlreadyRunning => panic!("nothing else runs"),
        };
        let ends = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(600));
            drop(closing);
        });
        assert!(matches!(claim(&db, || true).unwrap(), Claim::First(_)));
        ends.join().unwrap();
    }
}
