//! IPC commands, one file per area. Each pulls state, calls one core function, converts the error.

pub mod activities;
pub mod alarms;
pub mod app;
pub mod attachments;
pub mod backup;
pub mod branch;
pub mod calendar;
pub mod committee;
pub mod council;
pub mod dues;
pub mod files;
pub mod members;
pub mod operator;
pub mod phone;
pub mod pipeline;
mod raw_body;
pub mod sessions;
pub mod strengths;
pub mod study;
pub mod superior;
pub mod vault;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use zhibu::ids::check_year;

use crate::error::CmdResult;
use crate::state::today;

/// Runs PostgreSQL work on a thread of its own: the `postgres` client blocks on a runtime of
/// its own, which tokio refuses inside the worker an async command runs on (it panics, and the
/// window would wait for an answer that never comes).
pub(crate) fn off_runtime<T: Send + 'static>(
    work: impl FnOnce() -> zhibu::Result<T> + Send + 'static,
) -> zhibu::Result<T> {
    std::thread::spawn(work).join().unwrap_or_else(|_| {
        Err(zhibu::Error::Superior {
            details: vec!["与上级党委数据库通信时程序出错".into()],
        })
    })
}

/// The day a report is judged as of (today when not given) and its year (that day's year
/// when not given), each refused outside 1921–2100.
pub(crate) fn year_as_of(year: Option<i32>, as_of: Option<String>) -> CmdResult<(i32, NaiveDate)> {
    let as_of = zhibu::ids::as_of_or(as_of.as_deref(), today())?;
    Ok((check_year(year.unwrap_or_else(|| as_of.year()))?, as_of))
}

/// A versioned rule area as the settings page shows it (`VersionedRules<T>` in TypeScript).
#[derive(Serialize, ts_rs::TS)]
#[ts(export, rename = "VersionedRules")]
pub struct Rules<T> {
    /// The set in force today (the defaults when the branch never changed them; for study
    /// targets, the set this year is judged by).
    pub current: T,
    /// Every set the branch saved, oldest first.
    pub history: Vec<T>,
}

#[cfg(test)]
mod tests {
    use super::off_runtime;

    /// An async command's body runs on a tokio worker, where blocking on a runtime (as the
    /// `postgres` client does) panics; `off_runtime`'s thread is outside it.
    #[test]
    fn blocking_work_runs_off_the_commands_worker() {
        use tauri::async_runtime::{block_on, spawn};
        let on_worker = block_on(spawn(async { block_on(async { 7 }) }));
        assert!(on_worker.is_err(), "blocking on the worker itself panics");
        let off = block_on(spawn(async { off_runtime(|| Ok(block_on(async { 7 }))) }));
        assert_eq!(off.unwrap().unwrap(), 7);
    }
}
