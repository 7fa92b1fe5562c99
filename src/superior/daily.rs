//! The day's automatic report: whether one is due now, judged from when the last report
//! went up, the last attempt and how many failed in a row. The time is the caller's (the
//! app's loop reads the clock and asks); nothing here reads it.
//!
//! Once a calendar day: due when nothing went up today, or when reports wait in the queue
//! (the server could not be reached). After a failure the next try waits, 5 minutes after the
//! first failure and twice as long after each further one, at most an hour.

use chrono::{Duration, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

/// The wait after the first failure; it doubles with each further one.
pub const RETRY_FIRST_MINUTES: i64 = 5;
/// The longest wait between two tries.
pub const RETRY_MAX_MINUTES: i64 = 60;

/// What the decision needs, read from the branch's file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schedule {
    /// A connection to the 党委's database is set.
    pub configured: bool,
    /// When a report last went up.
    pub last_reported_at: Option<NaiveDateTime>,
    /// When the last attempt was made (whether it went up or not).
    pub last_attempt_at: Option<NaiveDateTime>,
    /// Attempts that failed since reports last went up (0: the last attempt succeeded).
    pub failures: u32,
    /// Reports waiting in the queue.
    pub waiting: u32,
}

/// How long to wait after `failures` failed attempts in a row.
pub fn backoff(failures: u32) -> Duration {
    if failures == 0 {
        return Duration::zero();
    }
    let doubled = RETRY_FIRST_MINUTES.saturating_mul(1i64 << (failures - 1).min(16));
    Duration::minutes(doubled.min(RETRY_MAX_MINUTES))
}

/// Whether the automatic report is due at `now`.
pub fn is_due(s: &Schedule, now: NaiveDateTime) -> bool {
    if !s.configured {
        return false;
    }
    let reported_today = s.last_reported_at.is_some_and(|at| at.date() >= now.date());
    if reported_today && s.waiting == 0 {
        return false;
    }
    match s.last_attempt_at {
        // A last attempt "in the future" (the clock was put back) holds nothing off.
        Some(at) if s.failures > 0 && at <= now => now >= at + backoff(s.failures),
        _ => true,
    }
}

const TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

fn time(text: Option<String>) -> Option<NaiveDateTime> {
    text.and_then(|t| NaiveDateTime::parse_from_str(&t, TIME_FORMAT).ok())
}

/// The schedule as the branch's file has it. The failures in a row are the most attempts a
/// waiting report has had (each failed attempt counts on every report then waiting, and a
/// report that goes up leaves the queue).
pub fn schedule(conn: &Connection) -> Result<Schedule> {
    let configured = super::outbox::connection_info(conn)?.is_some();
    let (waiting, attempts): (u32, u32) = conn.query_row(
        "SELECT count(*), coalesce(max(attempts), 0) FROM superior_outbox",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let row: Option<(Option<String>, Option<String>, String)> = conn
        .query_row(
            "SELECT last_reported_at, last_attempt_at, last_error FROM superior_status
              WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (reported, attempt, error) = row.unwrap_or((None, None, String::new()));
    let failures = if error.is_empty() { 0 } else { attempts.max(1) };
    Ok(Schedule {
        configured,
        last_reported_at: time(reported),
        last_attempt_at: time(attempt),
        failures,
        waiting,
    })
}

/// Whether the automatic report is due at `now`, from the branch's file.
pub fn due(conn: &Connection, now: NaiveDateTime) -> Result<bool> {
    Ok(is_due(&schedule(conn)?, now))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn reported(when: NaiveDateTime) -> Schedule {
        Schedule {
            configured: true,
            last_reported_at: Some(when),
            last_attempt_at: Some(when),
            failures: 0,
            waiting: 0,
        }
    }

    #[test]
    fn nothing_is_due_without_a_connection() {
        let s = Schedule::default();
        assert!(!is_due(&s, at(22, 9, 0)));
        let waiting = Schedule { waiting: 3, ..s };
        assert!(!is_due(&waiting, at(22, 9, 0)));
    }

    #[test]
    fn the_first_report_is_due_at_once() {
        let s = Schedule {
            configured: true,
            ..Schedule::default()
        };
        assert!(is_due(&s, at(22, 9, 0)));
    }

    #[test]
    fn due_on_the_next_day_and_not_twice_on_the_same_day() {
        let s = reported(at(21, 9, 0));
        for later in [at(21, 9, 5), at(21, 13, 0), at(21, 23, 59)] {
            assert!(!is_due(&s, later), "{later}");
        }
        // A new day, even less than 24 hours later.
        assert!(is_due(&s, at(22, 0, 1)));
        assert!(is_due(&s, at(22, 9, 0)));
        assert!(is_due(&s, at(25, 9, 0)));
        // Reported today: nothing more today.
        assert!(!is_due(&reported(at(22, 0, 2)), at(22, 18, 0)));
    }

    #[test]
    fn after_a_failure_the_retry_waits_longer_each_time() {
        assert_eq!(backoff(0), Duration::zero());
        let minutes: Vec<i64> = (1..=7).map(|n| backoff(n).num_minutes()).collect();
        assert_eq!(minutes, [5, 10, 20, 40, 60, 60, 60]);
        assert_eq!(backoff(u32::MAX).num_minutes(), RETRY_MAX_MINUTES);

        // Reported yesterday; today's first try at 9:00 failed (the report waits).
        let failed_once = Schedule {
            last_attempt_at: Some(at(22, 9, 0)),
            failures: 1,
            waiting: 1,
            ..reported(at(21, 9, 0))
        };
        assert!(!is_due(&failed_once, at(22, 9, 4)));
        assert!(is_due(&failed_once, at(22, 9, 5)));
        let failed_thrice = Schedule {
            failures: 3,
            ..failed_once.clone()
        };
        assert!(!is_due(&failed_thrice, at(22, 9, 19)));
        assert!(is_due(&failed_thrice, at(22, 9, 20)));
        let failed_often = Schedule {
            failures: 9,
            ..failed_once.clone()
        };
        assert!(!is_due(&failed_often, at(22, 9, 59)));
        assert!(is_due(&failed_often, at(22, 10, 0)));
        // The clock put back behind the last attempt: no waiting for it to come round.
        assert!(is_due(&failed_often, at(22, 8, 0)));
    }

    #[test]
    fn reports_queued_while_the_server_was_unreachable_are_retried_the_same_day() {
        // Reported at 8:00; 「立即上报」 at 10:00 found the server down: that report waits
        // and is tried again after the wait, though today already saw a report go up.
        let queued = Schedule {
            last_attempt_at: Some(at(22, 10, 0)),
            failures: 1,
            waiting: 1,
            ..reported(at(22, 8, 0))
        };
        assert!(!is_due(&queued, at(22, 10, 3)));
        assert!(is_due(&queued, at(22, 10, 5)));
        // Sent at last: nothing waits, today is done.
        let sent = reported(at(22, 10, 5));
        assert!(!is_due(&sent, at(22, 16, 0)));
    }
}
