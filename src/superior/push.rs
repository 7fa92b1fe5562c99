//! 上报: the report as of a day queued in the branch's file, then every waiting report sent,
//! each in one PostgreSQL transaction. A dropped connection leaves the last stored report
//! whole and the queue as it was; the same report twice is stored once (its content hash);
//! an unreachable server leaves the reports waiting for the next push.

use chrono::{NaiveDate, NaiveDateTime};
use postgres::Client;
use rusqlite::OptionalExtension;
use serde::Serialize;

use super::endpoint::{connect, Endpoint};
use super::outbox::{self, ReportStatus};
use super::report::{self, Report};
use super::{pg_error, refused};
use crate::error::{Error, Result};
use crate::Db;

/// One report sent: whether the 党委's database stored it, or already held the same.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Sent {
    pub as_of: NaiveDate,
    pub stored: bool,
}

/// What `zhibu report push --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PushOutcome {
    pub sent: Vec<Sent>,
    /// Reports still waiting (the server could not be reached, or refused one).
    pub waiting: u32,
    /// Publications of the 党委 received on this contact (adopted only by the secretary).
    pub received: u32,
    pub status: ReportStatus,
}

/// Builds the report as of `as_of`, queues it, and sends every waiting report to `endpoint`
/// (the stored connection when `None`). A failure to connect or send is no error here: it is
/// the outcome's status (失败：…), and the reports wait for the next push.
pub fn push(
    db: &Db,
    endpoint: Option<&Endpoint>,
    as_of: NaiveDate,
    now: NaiveDateTime,
) -> Result<PushOutcome> {
    let built = db.read(|c| report::build(c, as_of))?;
    db.write(|tx| outbox::queue(tx, &built, now))?;
    let stored;
    let endpoint = match endpoint {
        Some(e) => e,
        None => {
            stored = db.read(outbox::load_connection)?;
            match &stored {
                Some(e) => e,
                None => {
                    let reason = "尚未设置上级党委的连接（支部设置 → 上级党委，或设置环境变量 ZHIBU_SUPERIOR_URL）";
                    return failed(db, reason, now);
                }
            }
        }
    };
    send_waiting(db, endpoint, now)
}

/// Sends the reports waiting in the queue, oldest first; stops at the first failure.
pub fn send_waiting(db: &Db, endpoint: &Endpoint, now: NaiveDateTime) -> Result<PushOutcome> {
    let mut client = match connect(endpoint) {
        Ok(c) => c,
        Err(e) => return failed(db, &reason_of(&e), now),
    };
    let mut sent = Vec::new();
    for r in db.read(outbox::waiting)? {
        match send(&mut client, db, &r, &mut || Ok(())) {
            Ok(stored) => {
                db.write(|tx| outbox::mark_sent(tx, r.as_of, now))?;
                sent.push(Sent {
                    as_of: r.as_of,
                    stored,
                });
            }
            Err(e) => {
                let mut outcome = failed(db, &reason_of(&e), now)?;
                outcome.sent = sent;
                return Ok(outcome);
            }
        }
    }
    // What the 党委 published since the last contact comes down on the same connection; a
    // failure here does not undo the reports sent.
    let received = super::publish::receive(&mut client, db, now).unwrap_or(0) as u32;
    Ok(PushOutcome {
        sent,
        waiting: 0,
        received,
        status: db.read(outbox::status)?,
    })
}

fn reason_of(e: &Error) -> String {
    match e {
        Error::Superior { details } => details.join("；"),
        other => other.to_string(),
    }
}

fn failed(db: &Db, reason: &str, now: NaiveDateTime) -> Result<PushOutcome> {
    db.write(|tx| outbox::mark_failed(tx, reason, now))?;
    let status = db.read(outbox::status)?;
    Ok(PushOutcome {
        sent: Vec::new(),
        waiting: status.waiting,
        received: 0,
        status,
    })
}

/// Sends one report in one transaction; true when stored, false when the same report was
/// there already. The report carries, beside its chain head, this file's log hash at the
/// head of the branch's last stored report, so the server can tell a rewritten log.
/// `before_commit` runs inside the transaction just before it commits (tests drop the
/// connection there).
pub fn send(
    client: &mut Client,
    db: &Db,
    r: &Report,
    before_commit: &mut dyn FnMut() -> Result<()>,
) -> Result<bool> {
    let mut tx = client.transaction().map_err(pg_error)?;
    let own = tx
        .query_opt("SELECT id FROM branch WHERE role_name = current_user", &[])
        .map_err(pg_error)?;
    if own.is_none() {
        return Err(refused(
            "该连接的角色不是这个党委数据库中的支部（请核对上级党委发给本支部的连接信息）",
        ));
    }
    let last_seq: Option<i64> = tx
        .query_one("SELECT max(chain_seq) FROM report", &[])
        .map_err(pg_error)?
        .get(0);
    let anchor_hash: Option<String> = match last_seq {
        Some(seq) => db.read(|c| {
            Ok(
                c.query_row("SELECT hash FROM change_log WHERE seq = ?1", [seq], |r| {
                    r.get(0)
                })
                .optional()?,
            )
        })?,
        None => None,
    };
    let s = &r.summary;
    let body = serde_json::to_value(r).expect("a report serializes");
    let n = |v: u32| v as i32;
    let inserted = tx
        .execute(
            "INSERT INTO report (branch_id, as_of, content_hash, met, open, missed, overall,
                 political, leadership, membership, impact, study_counted, study_reached,
                 members_in_arrears, alarms, chain_seq, chain_hash, anchor_seq, anchor_hash,
                 chain_verified, body)
             SELECT b.id, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                    $17, $18, $19, $20
               FROM branch b WHERE b.role_name = current_user
             ON CONFLICT (branch_id, content_hash) DO NOTHING",
            &[
                &r.as_of,
                &r.content_hash(),
                &n(s.met),
                &n(s.open),
                &n(s.missed),
                &s.overall,
                &s.political,
                &s.leadership,
                &s.membership,
                &s.impact,
                &n(s.study_counted),
                &n(s.study_reached),
                &n(s.members_in_arrears),
                &n(s.alarms),
                &r.chain.seq,
                &r.chain.hash,
                &last_seq,
                &anchor_hash,
                &r.chain.verified,
                &body,
            ],
        )
        .map_err(pg_error)?;
    before_commit()?;
    tx.commit().map_err(pg_error)?;
    Ok(inserted == 1)
}
