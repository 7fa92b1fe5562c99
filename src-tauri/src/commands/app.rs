//! About the app itself: version, licence, where the data lives (and opening that folder),
//! what day the rules take as today.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::Serialize;
use tauri::State;

use crate::error::CmdResult;
use crate::state::{today, AppState};

/// About the app itself: what 关于 shows.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AppInfo {
    version: &'static str,
    /// The licence, as an SPDX name ("MIT").
    license: &'static str,
    db_path: String,
    /// The folder that holds the database, its backups and attachments.
    data_dir: String,
    /// YYYY-MM-DD: the day the rules take as today (overridable for tests).
    today: String,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        license: env!("CARGO_PKG_LICENSE"),
        db_path: state.db_path.display().to_string(),
        data_dir: data_dir(&state.db_path).display().to_string(),
        today: today().to_string(),
    })
}

/// The folder that holds the database (and its backups and attachments).
fn data_dir(db_path: &Path) -> &Path {
    db_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The system's way to show a folder.
const FOLDER_OPENER: &str = if cfg!(windows) {
    "explorer"
} else if cfg!(target_os = "macos") {
    "open"
} else {
    "xdg-open"
};

/// Shows the data folder in the system's file manager (设置 → 关于).
#[tauri::command(async)]
pub fn app_open_data_folder(state: State<'_, AppState>) -> CmdResult<()> {
    open_folder(FOLDER_OPENER, data_dir(&state.db_path)).map_err(|e| zhibu::Error::Io(e).into())
}

/// Asks `opener` to show `dir`. It answers at once when it has handed the folder on (xdg-open,
/// open); a non-zero answer is a failure, except from explorer, which answers 1 when it
/// worked. One still running after a few seconds is taken to be showing it, and is left to
/// finish on its own.
fn open_folder(opener: &str, dir: &Path) -> std::io::Result<()> {
    let mut child = Command::new(opener)
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match child.try_wait()? {
            Some(status) if status.success() || cfg!(windows) => return Ok(()),
            Some(status) => {
                return Err(std::io::Error::other(format!(
                    "{opener} {}: {status}",
                    dir.display()
                )))
            }
            None if Instant::now() >= deadline => {
                std::thread::spawn(move || child.wait());
                return Ok(());
            }
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// The window has rendered its first page with its data (the 工作台), `since_navigation_ms`
/// after the webview began loading it: logged with the time since the app started (the
/// difference is the native start before the page loads) and the page's own timeline (`marks`:
/// steps in ms after the page began loading), and with `ZHIBU_STARTUP_REPORT` set also printed
/// on standard output for `scripts/measure-app`.
#[tauri::command]
pub fn app_rendered(
    state: State<'_, AppState>,
    page: String,
    since_navigation_ms: u64,
    marks: Option<Vec<(String, u64)>>,
) {
    let ms = state.uptime().as_millis();
    let timeline = startup_timeline(marks.as_deref().unwrap_or_default());
    eprintln!(
        "zhibu: first page ({page}) rendered {ms} ms after start, {since_navigation_ms} ms after the page began loading ({timeline})"
    );
    if std::env::var_os("ZHIBU_STARTUP_REPORT").is_some() {
        println!("zhibu-rendered {page} {ms} {since_navigation_ms} {timeline}");
    }
}

/// `step=ms,step=ms`: the page's start-up marks on one line, without spaces (a step name is
/// the page's own identifier; anything else in it is dropped so the line stays parseable).
fn startup_timeline(marks: &[(String, u64)]) -> String {
    marks
        .iter()
        .map(|(step, ms)| {
            let step: String = step
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            format!("{step}={ms}")
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// A record's history from the change log: who changed what and when, field by field.
#[tauri::command(async)]
pub fn record_history(
    state: State<'_, AppState>,
    entity: String,
    entity_id: String,
) -> CmdResult<Vec<zhibu::change_log::HistoryEntry>> {
    Ok(state
        .db()?
        .read(|conn| zhibu::change_log::history(conn, &entity, &entity_id))?)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn the_data_folder_is_the_database_s() {
        assert_eq!(
            data_dir(Path::new(
                "/home/a/.local/share/cn.zhibu.desktop/zhibu.sqlite3"
            )),
            Path::new("/home/a/.local/share/cn.zhibu.desktop")
        );
        assert_eq!(data_dir(Path::new("zhibu.sqlite3")), Path::new("."));
    }

    #[test]
    fn an_opener_that_fails_or_is_missing_is_an_error() {
        let dir = Path::new("/");
        assert!(open_folder("true", dir).is_ok());
        assert!(open_folder("false", dir).is_err());
        assert!(open_folder("zhibu-no-such-opener", dir).is_err());
    }

    #[test]
    fn the_startup_timeline_is_one_word_of_steps() {
        let marks = vec![
            ("html".to_string(), 12),
            ("app known".to_string(), 340),
            ("lock=1,x".to_string(), 7),
        ];
        assert_eq!(startup_timeline(&marks), "html=12,appknown=340,lock1x=7");
        assert_eq!(startup_timeline(&[]), "");
    }
}
