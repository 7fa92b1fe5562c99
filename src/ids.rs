//! Ids, timestamps and the date format every record uses.

use chrono::NaiveDate;

use crate::error::{Error, Reason, Result};

/// A new time-ordered id (UUID v7).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current instant as RFC 3339 UTC text, for audit columns only (rules take "today" as a parameter).
pub fn timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The local date and time, for naming backup files only (rules take "today" as a parameter).
pub fn local_now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Parses `YYYY-MM-DD`, naming `field` in the error.
pub fn parse_date(field: &'static str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Error::validation(field, Reason::InvalidDate))
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
