//! What every command shares: the database (or why it could not be opened) and "today".

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use zhibu::study::Throttle;
use zhibu::Db;

use crate::error::IpcError;

/// The typed secrets whose wrong tries are throttled in memory. (The secretary password and
/// the recovery key are throttled by the core, in the file: see `Db::throttled`.)
pub enum Secret {
    /// A member's PIN (or 身份证号 last six) at 我的学时.
    MemberPin,
}

pub struct AppState {
    /// Replaced when a damaged file is recovered from a backup.
    db: RwLock<Result<Arc<Db>, IpcError>>,
    pub db_path: PathBuf,
    /// Wrong tries at 我的学时, counted while the app runs.
    throttle: Mutex<Throttle>,
    started: Instant,
    /// When a guarded command last ran: the idle lock counts from here.
    last_use: Mutex<Instant>,
    /// The 操作人 chosen at unlock or at the window's first start: who every write names.
    operator: Mutex<Option<String>>,
}

impl AppState {
    /// Opens the database; a refusal (damaged, foreign or newer file) is kept and returned by
    /// every command, so the window still opens and says what is wrong.
    pub fn open(db_path: PathBuf) -> Self {
        // A file a check found damaged is not used: the start-up page offers a backup instead.
        let db = Db::open(&db_path)
            .and_then(|db| match db.is_damaged() {
                true => Err(zhibu::Error::Conflict {
                    reason: zhibu::Reason::DatabaseDamaged,
                }),
                false => Ok(db),
            })
            .map(Arc::new)
            .map_err(IpcError::from);
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
            last_use: Mutex::new(Instant::now()),
            operator: Mutex::new(test_operator()),
        }
    }

    /// Who the change log names for a write from the window: the 操作人 chosen in this
    /// session, or the app itself until one is chosen (what runs on its own, like the backup
    /// at start, never has one).
    pub fn actor(&self) -> String {
        self.operator()
            .unwrap_or_else(|| zhibu::change_log::ACTOR_APP.to_string())
    }

    /// The 操作人 chosen in this session, if any.
    pub fn operator(&self) -> Option<String> {
        self.operator
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Makes `name` (already cleaned by the core) the 操作人 of this session.
    pub fn set_operator(&self, name: String) {
        *self.operator.lock().unwrap_or_else(|e| e.into_inner()) = Some(name);
    }

    /// Checks a typed secret under its throttle: refused with `TooManyTries` while the
    /// throttle holds, and a refusal that `wrong` names counted as a wrong try. The throttle is
    /// not held while `attempt` runs (a password takes a moment to check).
    pub fn throttled<T>(
        &self,
        secret: Secret,
        attempt: impl FnOnce() -> zhibu::Result<T>,
        wrong: impl FnOnce(&zhibu::Error) -> bool,
    ) -> Result<T, IpcError> {
        let throttle = match secret {
            Secret::MemberPin => &self.throttle,
        };
        let lock = || throttle.lock().unwrap_or_else(|e| e.into_inner());
        let now = self.seconds();
        if lock().check(now).is_err() {
            return Err(zhibu::Error::Conflict {
                reason: zhibu::Reason::TooManyTries,
            }
            .into());
        }
        let result = attempt();
        let failed = result.as_ref().err().is_some_and(wrong);
        lock().record(!failed, now);
        Ok(result?)
    }

    /// How long the app has been running.
    pub fn uptime(&self) -> std::time::Duration {
        self.started.elapsed()
    }

    /// Seconds since the app started: the throttles' clock.
    fn seconds(&self) -> i64 {
        self.started.elapsed().as_secs() as i64
    }

    /// The database for the secretary's commands: refused with `locked` while a password
    /// guards it and has not been given, or once it has been idle longer than the chosen time
    /// (which locks it).
    pub fn db(&self) -> Result<Arc<Db>, IpcError> {
        let db = self.db_unguarded()?;
        let mut last_use = self.last_use.lock().unwrap_or_else(|e| e.into_inner());
        lock_if_idle(&db, &last_use);
        if db.is_locked() {
            return Err(zhibu::Error::Locked.into());
        }
        *last_use = Instant::now();
        Ok(db)
    }

    /// The database for reads that show no sealed field (the roster list, 学时 reports, the
    /// masked 台账): they work while locked too. The idle lock still applies, and a read
    /// while locked does not count as use.
    pub fn db_read(&self) -> Result<Arc<Db>, IpcError> {
        let db = self.db_unguarded()?;
        let mut last_use = self.last_use.lock().unwrap_or_else(|e| e.into_inner());
        lock_if_idle(&db, &last_use);
        if !db.is_locked() {
            *last_use = Instant::now();
        }
        Ok(db)
    }

    /// The database without the lock: for what members and the lock screen may use (我的学时,
    /// the branch's name, unlocking) and the start-up page.
    pub fn db_unguarded(&self) -> Result<Arc<Db>, IpcError> {
        self.db.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Counts from now for the idle lock (after unlocking).
    pub fn touch(&self) {
        *self.last_use.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
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

/// The test seam `ZHIBU_TEST_OPERATOR` (tests only, read at start): the 操作人 of the session
/// from the start, so the end-to-end tests are not met by the chooser. Refused names are
/// ignored, as if it were not set.
fn test_operator() -> Option<String> {
    std::env::var("ZHIBU_TEST_OPERATOR")
        .ok()
        .and_then(|name| zhibu::operator::clean(&name).ok())
}

/// Locks once the app has been idle longer than the chosen time (with a password set).
fn lock_if_idle(db: &Db, last_use: &Instant) {
    if !db.is_locked() {
        let status = db.vault_status();
        let idle = Duration::from_secs(u64::from(status.idle_minutes) * 60);
        if status.password_set && last_use.elapsed() > idle {
            db.lock_data();
        }
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
