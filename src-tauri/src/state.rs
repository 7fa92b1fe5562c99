//! What every command shares: the database (or why it could not be opened) and "today".

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Instant;

use chrono::NaiveDate;
use zhibu::study::Throttle;
use zhibu::Db;

use crate::error::IpcError;

pub struct AppState {
    /// Replaced when a damaged file is recovered from a backup.
    db: RwLock<Result<Arc<Db>, IpcError>>,
    pub db_path: PathBuf,
    /// Wrong tries at 我的学时, counted while the app runs.
    throttle: Mutex<Throttle>,
    started: Instant,
}

impl AppState {
    /// Opens the database; a refusal (damaged, foreign or newer file) is kept and returned by
    /// every command, so the window still opens and says what is wrong.
    pub fn open(db_path: PathBuf) -> Self {
        let db = Db::open(&db_path).map(Arc::new).map_err(IpcError::from);
        if let Ok(db) = &db {
            // The first start of a day keeps a copy, off the start-up path so the window does
            // not wait for it; a failure must not keep the app closed.
            let db = Arc::clone(db);
            std::thread::spawn(move || {
                if let Err(e) = zhibu::backup::daily(&db, today(), zhibu::ids::local_now()) {
                    eprintln!("每日自动备份失败：{e}");
                }
            });
        }
        AppState {
            db: RwLock::new(db),
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

    pub fn db(&self) -> Result<Arc<Db>, IpcError> {
        self.db.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Puts a backup in place of a database that could not be opened (the unreadable file is
    /// moved aside, untouched) and opens it; returns where the unreadable file went.
    pub fn recover(&self, backup: &std::path::Path) -> Result<PathBuf, IpcError> {
        let mut slot = self.db.write().unwrap_or_else(|e| e.into_inner());
        if slot.is_ok() {
            return Err(zhibu::Error::validation("file", zhibu::Reason::InvalidValue).into());
        }
        let aside = zhibu::backup::recover(&self.db_path, backup, zhibu::ids::local_now())?;
        *slot = Ok(Arc::new(Db::open(&self.db_path)?));
        Ok(aside)
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
