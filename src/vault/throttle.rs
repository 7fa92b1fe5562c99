//! Wrong secretary passwords and recovery keys in a row make the next try wait. Kept in the
//! file (`unlock_throttle`), so quitting the app or the command line does not reset it, and
//! shared by the window and the command line.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Reason, Result};

/// Wrong tries that cost nothing.
pub const FREE_TRIES: u32 = 5;
/// The wait after the first try past the free ones; it doubles with each further wrong try.
pub const FIRST_WAIT_SECONDS: i64 = 30;
pub const MAX_WAIT_SECONDS: i64 = 3600;

/// Wrong tries since the last right one, and when the next try may be made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ThrottleState {
    pub failures: u32,
    pub not_before: Option<NaiveDateTime>,
}

/// The state after one more wrong try at `now`.
pub fn next(state: ThrottleState, now: NaiveDateTime) -> ThrottleState {
    let failures = state.failures.saturating_add(1);
    let not_before = (failures >= FREE_TRIES).then(|| {
        let doublings = (failures - FREE_TRIES).min(12);
        let wait = (FIRST_WAIT_SECONDS << doublings).min(MAX_WAIT_SECONDS);
        now + chrono::Duration::seconds(wait)
    });
    ThrottleState {
        failures,
        not_before,
    }
}

/// The whole seconds still to wait at `now` (None: a try may be made).
pub fn wait_seconds(state: ThrottleState, now: NaiveDateTime) -> Option<i64> {
    let until = state.not_before?;
    (now < until).then(|| {
        let ms = (until - now).num_milliseconds();
        (ms + 999) / 1000
    })
}

/// The refusal while a wait holds, with the seconds in the sentence.
pub fn refusal(seconds: i64) -> Error {
    Error::Detailed {
        field: "password",
        reason: Reason::UnlockThrottled,
        details: vec![format!("请在 {seconds} 秒后再试")],
    }
}

pub fn load(conn: &Connection) -> Result<ThrottleState> {
    Ok(conn
        .prepare_cached("SELECT failures, not_before FROM unlock_throttle WHERE id = 1")?
        .query_row([], |r| {
            Ok(ThrottleState {
                failures: r.get(0)?,
                not_before: r.get(1)?,
            })
        })
        .optional()?
        .unwrap_or_default())
}

/// Stores the state. Not a change of the branch's records, so not in the change log (it is
/// written while locked, before anyone has given the password).
pub fn store(conn: &Connection, state: ThrottleState) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO unlock_throttle (id, failures, not_before) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET failures = ?1, not_before = ?2",
    )?
    .execute(params![state.failures, state.not_before])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
            + chrono::Duration::seconds(s)
    }

    #[test]
    fn five_wrong_tries_are_free_then_the_wait_doubles_from_30_seconds_to_an_hour() {
        let mut s = ThrottleState::default();
        for i in 0..4 {
            s = next(s, at(i));
            assert_eq!(wait_seconds(s, at(i)), None, "try {}", i + 1);
        }
        let cases = [
            (5, 30),
            (6, 60),
            (7, 120),
            (8, 240),
            (9, 480),
            (10, 960),
            (11, 1920),
            (12, 3600),
            (30, 3600),
        ];
        let mut t = 100;
        for (failures, wait) in cases {
            while s.failures < failures {
                s = next(s, at(t));
            }
            assert_eq!(wait_seconds(s, at(t)), Some(wait), "after {failures}");
            assert_eq!(wait_seconds(s, at(t + wait - 1)), Some(1));
            assert_eq!(wait_seconds(s, at(t + wait)), None);
            t += wait;
        }
    }

    #[test]
    fn the_refusal_names_the_seconds() {
        let e = refusal(30);
        assert_eq!(e.reason(), Some(Reason::UnlockThrottled));
        assert!(e.to_string().contains("30 秒"), "{e}");
    }
}
