//! What every command shares: the database (or why it could not be opened) and "today".

use std::path::PathBuf;

use chrono::NaiveDate;
use zhibu::Db;

use crate::error::IpcError;

pub struct AppState {
    db: Result<Db, IpcError>,
    pub db_path: PathBuf,
}

impl AppState {
    /// Opens the database; a refusal (damaged, foreign or newer file) is kept and returned by
    /// every command, so the window still opens and says what is wrong.
    pub fn open(db_path: PathBuf) -> Self {
        let db = Db::open(&db_path).map_err(IpcError::from);
        AppState { db, db_path }
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
