//! The branch's side of 上报, kept in its SQLite file: the connection to the 党委's database
//! (the password sealed for its place like the other secrets), the reports waiting to go up,
//! and the status the 工作台 shows (已上报 at …, 待上报, 失败: reason).
//!
//! Queue and status changes are bookkeeping of the sending, not changes to the branch's
//! records, so they do not enter the change log: a report sent twice has the same chain head
//! and is stored once.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::endpoint::Endpoint;
use super::report::Report;
use super::stored_connection::{endpoint_of, BRANCH};
use crate::error::Result;

const TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// The connection as the settings page shows it: everything but the password.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ConnectionInfo {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub role: String,
    pub verify_host: bool,
    pub has_password: bool,
    pub ca_pem: String,
}

/// The connection as the settings form sends it; an empty password keeps the stored one.
#[derive(Debug, Clone, PartialEq, Default, serde::Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ConnectionInput {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub role: String,
    pub password: String,
    pub verify_host: bool,
    pub ca_pem: String,
}

/// Stores the connection typed in the settings form (an empty password keeps the stored one).
pub fn save_input(conn: &Connection, input: &ConnectionInput, actor: &str) -> Result<()> {
    let endpoint = endpoint_of(input, BRANCH.load(conn)?.as_ref());
    BRANCH.save(conn, &endpoint, actor)
}

/// Stores the connection (replacing the one before), its password sealed.
pub fn save_connection(conn: &Connection, endpoint: &Endpoint, actor: &str) -> Result<()> {
    BRANCH.save(conn, endpoint, actor)
}

/// The stored connection without its password (none set: `None`).
pub fn connection_info(conn: &Connection) -> Result<Option<ConnectionInfo>> {
    BRANCH.info(conn)
}

/// The stored connection with its password opened (`Locked` while the password is needed).
pub fn load_connection(conn: &Connection) -> Result<Option<Endpoint>> {
    BRANCH.load(conn)
}

/// Puts a report in the queue (replacing a waiting one as of the same day).
pub fn queue(conn: &Connection, report: &Report, now: NaiveDateTime) -> Result<()> {
    conn.execute(
        "INSERT INTO superior_outbox (as_of, body, queued_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (as_of) DO UPDATE SET body = excluded.body, queued_at = excluded.queued_at",
        params![
            report.as_of,
            serde_json::to_string(report).expect("a report serializes"),
            now.format(TIME_FORMAT).to_string()
        ],
    )?;
    Ok(())
}

/// The waiting reports, oldest day first.
pub fn waiting(conn: &Connection) -> Result<Vec<Report>> {
    let mut stmt = conn.prepare_cached("SELECT body FROM superior_outbox ORDER BY as_of")?;
    let bodies = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(bodies
        .iter()
        .filter_map(|b| serde_json::from_str(b).ok())
        .collect())
}

/// A report stored by the 党委 (or found there already): out of the queue, and the status.
pub fn mark_sent(conn: &Connection, as_of: NaiveDate, now: NaiveDateTime) -> Result<()> {
    conn.execute("DELETE FROM superior_outbox WHERE as_of = ?1", [as_of])?;
    let at = now.format(TIME_FORMAT).to_string();
    conn.execute(
        "INSERT INTO superior_status (id, last_reported_at, last_as_of, last_attempt_at, last_error)
         VALUES (1, ?1, ?2, ?1, '')
         ON CONFLICT (id) DO UPDATE SET last_reported_at = excluded.last_reported_at,
             last_as_of = max(coalesce(last_as_of, ''), excluded.last_as_of),
             last_attempt_at = excluded.last_attempt_at, last_error = ''",
        params![at, as_of],
    )?;
    Ok(())
}

/// A failed attempt: the queue keeps its reports, the status says why.
pub fn mark_failed(conn: &Connection, reason: &str, now: NaiveDateTime) -> Result<()> {
    let at = now.format(TIME_FORMAT).to_string();
    conn.execute(
        "UPDATE superior_outbox SET attempts = attempts + 1, last_error = ?1",
        [reason],
    )?;
    conn.execute(
        "INSERT INTO superior_status (id, last_attempt_at, last_error) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET last_attempt_at = excluded.last_attempt_at,
             last_error = excluded.last_error",
        params![at, reason],
    )?;
    Ok(())
}

crate::code_enum!(
    /// Where 上报 stands, as the 工作台 shows it.
    ReportState {
        NotConfigured = "not_configured" / "未设置上级党委",
        Reported = "reported" / "已上报",
        Pending = "pending" / "待上报",
        Failed = "failed" / "失败",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ReportStatus {
    pub state: ReportState,
    pub last_reported_at: Option<String>,
    pub last_as_of: Option<NaiveDate>,
    pub last_attempt_at: Option<String>,
    /// Why the last attempt failed, in Chinese (empty after a success).
    pub error: String,
    pub waiting: u32,
    /// What the 党委 published, received and not adopted yet (the 工作台's notice).
    pub awaiting_adoption: u32,
    /// The status in one Chinese line: 已上报（…）, 待上报, 失败：….
    pub text: String,
}

/// last_reported_at, last_as_of, last_attempt_at, last_error.
type StatusRow = (Option<String>, Option<NaiveDate>, Option<String>, String);

/// The status now: failed while the last attempt failed, waiting while reports wait, else
/// reported (or not set up, before any connection or report).
pub fn status(conn: &Connection) -> Result<ReportStatus> {
    let configured = connection_info(conn)?.is_some();
    let waiting: u32 = conn.query_row("SELECT count(*) FROM superior_outbox", [], |r| r.get(0))?;
    let awaiting_adoption: u32 = conn.query_row(
        "SELECT count(*) FROM superior_publication WHERE adopted_from IS NULL",
        [],
        |r| r.get(0),
    )?;
    let row: Option<StatusRow> = conn
        .query_row(
            "SELECT last_reported_at, last_as_of, last_attempt_at, last_error
             FROM superior_status WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (last_reported_at, last_as_of, last_attempt_at, error) =
        row.unwrap_or((None, None, None, String::new()));
    let state = if !error.is_empty() {
        ReportState::Failed
    } else if waiting > 0 {
        ReportState::Pending
    } else if last_reported_at.is_some() {
        ReportState::Reported
    } else if configured {
        ReportState::Pending
    } else {
        ReportState::NotConfigured
    };
    let text = match state {
        ReportState::Reported => format!(
            "已上报（{}，截至 {}）",
            last_reported_at.as_deref().unwrap_or(""),
            last_as_of.map(|d| d.to_string()).unwrap_or_default()
        ),
        ReportState::Failed => format!("失败：{error}"),
        other => other.label().to_string(),
    };
    Ok(ReportStatus {
        state,
        last_reported_at,
        last_as_of,
        last_attempt_at,
        error,
        waiting,
        awaiting_adoption,
        text,
    })
}
