//! What every command shares: the database (or why it could not be opened) and "today".

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use chrono::NaiveDate;
use zhibu::study::Throttle;
use zhibu::Db;

use crate::error::IpcError;

pub struct AppState {
    db: Result<Db, IpcError>,
    pub db_path: PathBuf,
    /// Wrong tries at 我的学时, counted while the app runs.
    throttle: Mutex<Throttle>,
    started: Instant,
}

impl AppState {
    /// Opens the database; a refusal (damaged, foreign or newer file) is kept and returned by
    /// every command, so the window still opens and says what is wrong.
    pub fn open(db_path: PathBuf) -> Self {
        let db = Db::open(&db_path).map_err(IpcError::from);
        if let Ok(db) = &db {
            // The first start of a day keeps a copy; a failure must not keep the app closed.
            if let Err(e) = zhibu::backup::daily(db, today(), zhibu::ids::local_now()) {
                eprintln!("每日自动备份失败：{e}");
            }
        }
        AppState {
            db,
            db_path,
            throttle: Mutex::default(),
            started: Instant::now(),
        }
    }

    pub fn throttle(&self) -> MutexGuard<'_, Throttle> {
        self.throttle.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Seconds since the app started: the throttle's clock.
    pub fn seconds(&self) -> i64 {
        self.started.elapsed().as_secs() as i64
    }

    pub fn db(&self) -> Result<&Db, IpcError> {
        self.db.as_ref().map_err(Clone::clone)
    }
}

/// Today's date for the rules: `ZHIBU_TODAY` (YYYY-MM-DD) when set, for demos and tests,
/// else the computer's local date.
pub fn today() -> NaiveDate {
    std::env::var("ZHIBU_TODAY")
        .ok()
        .and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}
