//! Ids, timestamps and the date format every record uses.

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Reason, Result};

/// A new time-ordered id (UUID v7).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// A tag for a temporary file, unique across processes and the threads of this one
/// (`<pid>-<n>`): two writers never share a temporary file before renaming it into place.
pub fn temp_tag() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!(
        "{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// The current instant as RFC 3339 UTC text, for audit columns only (rules take "today" as a parameter).
pub fn timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The local date and time, for naming backup files only (rules take "today" as a parameter).
pub fn local_now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// The local date and time, read afresh at each call: for what runs on its own and judges by
/// the time (the phone page's server: its throttles, its log and "today").
pub type Clock = std::sync::Arc<dyn Fn() -> chrono::NaiveDateTime + Send + Sync>;

/// The computer's local clock as a [`Clock`].
pub fn local_clock() -> Clock {
    std::sync::Arc::new(local_now)
}

/// The years a record, a report or a rule may be about: from the Party's founding to a
/// horizon far enough for any plan. Outside it a year is a typing slip (and date arithmetic
/// near chrono's limits would fail), so every year and date argument is checked against it.
pub const YEARS: RangeInclusive<i32> = 1921..=2100;

/// `year` when within `YEARS`, else refused as a bad `year`.
pub fn check_year(year: i32) -> Result<i32> {
    if YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(Error::validation("year", Reason::YearOutOfRange))
    }
}

/// The first and last day of `year` as dates are stored (`YYYY-01-01`, `YYYY-12-31`): the
/// bounds of a `BETWEEN` over the year.
pub fn year_bounds(year: i32) -> (String, String) {
    (format!("{year:04}-01-01"), format!("{year:04}-12-31"))
}

/// `date` when its year is within `YEARS`, else refused naming `field`.
pub fn check_date(field: &'static str, date: NaiveDate) -> Result<NaiveDate> {
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(Error::validation(field, Reason::DateOutOfRange))
    }
}

/// Parses `YYYY-MM-DD` within `YEARS`, naming `field` in the error.
pub fn parse_date(field: &'static str, text: &str) -> Result<NaiveDate> {
    check_date(field, parse_any_date(field, text)?)
}

/// Parses `YYYY-MM-DD` of any year: for a birth date, which may come before 1921. Exactly that
/// shape (2026-04-01, not 2026-4-1), as the window's date fields write it.
pub fn parse_any_date(field: &'static str, text: &str) -> Result<NaiveDate> {
    let text = text.trim();
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    shaped
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| Error::validation(field, Reason::InvalidDate))
}

/// Parses an optional date, treating blank as absent.
pub fn parse_opt_date(field: &'static str, text: Option<&str>) -> Result<Option<NaiveDate>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => parse_date(field, t).map(Some),
        None => Ok(None),
    }
}

/// Parses a date that must be given.
pub fn parse_required_date(field: &'static str, text: &str) -> Result<NaiveDate> {
    if text.trim().is_empty() {
        return Err(Error::validation(field, Reason::Required));
    }
    parse_date(field, text)
}

/// The day a report is as of: `as_of` as typed (checked), else `today`.
pub fn as_of_or(as_of: Option<&str>, today: NaiveDate) -> Result<NaiveDate> {
    Ok(parse_as_of(as_of)?.unwrap_or(today))
}

/// `as_of` as typed (checked), when one was: the report picks its own day otherwise.
pub fn parse_as_of(as_of: Option<&str>) -> Result<Option<NaiveDate>> {
    as_of.map(|d| parse_required_date("as_of", d)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_file_tags_differ_between_threads() {
        let tags: Vec<String> = (0..8)
            .map(|_| std::thread::spawn(temp_tag))
            .map(|t| t.join().unwrap())
            .chain([temp_tag(), temp_tag()])
            .collect();
        let distinct: std::collections::HashSet<_> = tags.iter().collect();
        assert_eq!(distinct.len(), tags.len(), "{tags:?}");
        assert!(tags
            .iter()
            .all(|t| t.starts_with(&format!("{}-", std::process::id()))));
    }

    #[test]
    fn years_and_dates_from_1921_to_2100() {
        for (year, ok) in [(1920, false), (1921, true), (2100, true), (2101, false)] {
            assert_eq!(check_year(year).is_ok(), ok, "{year}");
            let text = format!("{year:04}-07-01");
            assert_eq!(parse_date("held_on", &text).is_ok(), ok, "{text}");
        }
        for year in [i32::MIN, -1, 0, 262_142, i32::MAX] {
            let e = check_year(year).unwrap_err();
            assert_eq!(
                (e.field(), e.reason()),
                (Some("year"), Some(Reason::YearOutOfRange))
            );
        }
        let e = parse_date("held_on", "1920-12-31").unwrap_err();
        assert_eq!(
            (e.field(), e.reason()),
            (Some("held_on"), Some(Reason::DateOutOfRange))
        );
        assert_eq!(
            parse_date("held_on", "2101-01-01").unwrap_err().reason(),
            Some(Reason::DateOutOfRange)
        );
        assert_eq!(
            parse_date("held_on", "2026-02-30").unwrap_err().reason(),
            Some(Reason::InvalidDate)
        );
        assert_eq!(
            parse_date("held_on", "+262142-01-01").unwrap_err().field(),
            Some("held_on")
        );
        // A birth date may precede the range.
        assert!(parse_any_date("birth_date", "1918-03-01").is_ok());
    }
}
