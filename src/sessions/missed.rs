//! Periods before the branch's records began (开始登记日期) are 未登记 until a session is
//! entered for them or the secretary confirms they were not held. The confirmation is stored
//! per obligation period and can be taken back.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::calendar::{PeriodKey, PeriodStatus};
use super::compliance::compliance;
use crate::change_log;
use crate::error::{Error, Reason, Result};
use crate::ids::timestamp;

/// Every stored confirmation.
pub fn confirmed_missed(conn: &Connection) -> Result<Vec<PeriodKey>> {
    let mut stmt = conn.prepare_cached(
        "SELECT obligation, period, subject FROM obligation_missed ORDER BY obligation, period",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(PeriodKey {
            kind: r.get(0)?,
            period: r.get(1)?,
            subject: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The year a period label (`YYYY`, `YYYY-Qn`, `YYYY-MM`) falls in.
fn year_of(key: &PeriodKey) -> Result<i32> {
    key.period
        .get(..4)
        .and_then(|y| y.parse().ok())
        .ok_or_else(|| Error::validation("period", Reason::InvalidValue))
}

/// Records that an unrecorded period was not held: it becomes missed. Refused for any period
/// that is not 未登记 as of `today` (met, open, missed, after the records began, or unknown).
pub fn confirm_missed(
    conn: &Connection,
    key: &PeriodKey,
    today: NaiveDate,
    actor: &str,
) -> Result<()> {
    let report = compliance(conn, year_of(key)?, today)?;
    let unrecorded = report
        .obligations
        .iter()
        .any(|p| p.key() == *key && p.status == PeriodStatus::Unrecorded);
    if !unrecorded {
        return Err(Error::validation("period", Reason::PeriodNotUnrecorded));
    }
    conn.prepare_cached(
        "INSERT INTO obligation_missed (obligation, period, subject, confirmed_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        key.kind,
        key.period,
        key.subject,
        today,
        timestamp()
    ])?;
    change_log::record(
        conn,
        actor,
        "obligation_missed",
        &entity_id(key),
        "create",
        key,
    )
}

/// Takes a confirmation back: the period is 未登记 again.
pub fn undo_missed(conn: &Connection, key: &PeriodKey, actor: &str) -> Result<()> {
    let n = conn
        .prepare_cached(
            "DELETE FROM obligation_missed WHERE obligation = ?1 AND period = ?2 AND subject = ?3",
        )?
        .execute(params![key.kind, key.period, key.subject])?;
    if n == 0 {
        return Err(Error::validation("period", Reason::InvalidValue));
    }
    change_log::record(
        conn,
        actor,
        "obligation_missed",
        &entity_id(key),
        "delete",
        key,
    )
}

fn entity_id(key: &PeriodKey) -> String {
    format!("{}/{}/{}", key.kind, key.period, key.subject)
}
