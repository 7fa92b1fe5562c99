//! `zhibu verify` and 数据检查: SQLite's integrity check, the change log's hash chain, and the
//! tables, seal and heads of the integrity checks, with the report the window and the CLI show.

use rusqlite::Connection;

use super::{integrity_version, Db};
use crate::error::Result;
use crate::vault;

/// What `zhibu verify` reports: SQLite's own integrity check, the change log's hash chain,
/// every table's rows against the record the app keeps, the keyed seal, and the log against
/// the heads kept outside the file.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Verification {
    /// "ok", or the problems SQLite found.
    pub integrity: Vec<String>,
    pub change_log_entries: i64,
    /// The first change-log entry whose hash does not match (a tampered or damaged log).
    pub change_log_broken_at: Option<i64>,
    /// Tables whose rows were added, changed or deleted behind the app's back.
    pub tables_changed: Vec<crate::integrity::TableChange>,
    /// The seal: see [`crate::integrity::seal_status`].
    pub seal: &'static str,
    /// The log against the heads kept outside the file: see [`crate::integrity::head_status`].
    pub head: &'static str,
    /// Where the head that disagrees was kept (the head file, or a backup's record).
    pub head_from: Option<String>,
    /// Sealed values that do not open where they are ("member <id>/<column>": moved from
    /// another row or column, or damaged); checked only while the key is in memory.
    pub sealed_unreadable: Vec<String>,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.integrity == ["ok"]
            && self.change_log_broken_at.is_none()
            && self.sealed_unreadable.is_empty()
            && self.tampering_ok()
    }

    /// Whether the tables, seal and heads hold (warnings aside).
    pub fn tampering_ok(&self) -> bool {
        crate::integrity::findings_ok(&self.findings())
    }

    pub fn findings(&self) -> crate::integrity::Findings {
        crate::integrity::Findings {
            tables_changed: self.tables_changed.clone(),
            seal: self.seal,
            head: self.head,
            head_from: self.head_from.clone(),
        }
    }

    /// Every finding in Chinese, one line each, failures and warnings.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.integrity != ["ok"] {
            out.push(format!("数据库文件已损坏：{}", self.integrity.join("；")));
        }
        if let Some(seq) = self.change_log_broken_at {
            out.push(format!(
                "变更日志第 {seq} 条起与哈希链不符（被改动过或已损坏）"
            ));
        }
        out.extend(crate::integrity::describe(&self.findings()));
        for place in &self.sealed_unreadable {
            out.push(format!("加密字段在原处打不开（被移动或损坏）：{place}"));
        }
        out
    }
}

/// What the window shows of a check (设置 → 数据检查): whether everything holds, the
/// change log's length, and every finding in Chinese.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct VerifySummary {
    pub ok: bool,
    pub change_log_entries: i64,
    /// Failures and warnings, one sentence each (empty when all is well).
    pub findings: Vec<String>,
    /// Whether the sealed values (身份证号, phone, address) were opened too: only while the
    /// key is in memory.
    pub sealed_checked: bool,
}

impl Verification {
    pub fn summary(&self, sealed_checked: bool) -> VerifySummary {
        VerifySummary {
            ok: self.ok(),
            change_log_entries: self.change_log_entries,
            findings: self.describe(),
            sealed_checked,
        }
    }
}

/// After a check: a file SQLite finds damaged is marked so (see [`Db::mark_damaged`]) and
/// not written to again. A broken change log alone is not damage to the file.
pub fn mark_if_damaged(db: &Db, report: &Verification) -> Result<()> {
    if report.integrity == ["ok"] {
        return Ok(());
    }
    db.mark_damaged(&report.integrity)
}

/// [`verify_with`] knowing nothing outside the file and no key: the seal's HMAC unchecked.
pub fn verify(conn: &Connection) -> Result<Verification> {
    verify_with(
        conn,
        &crate::integrity::Context {
            key: None,
            password_set: true,
            head_file: None,
            head_file_expected: false,
            records: Vec::new(),
        },
    )
}

/// SQLite's integrity check, the change log's chain, then (on a sound file) the tables, seal
/// and heads of [`crate::integrity::check`].
pub fn verify_with(conn: &Connection, ctx: &crate::integrity::Context) -> Result<Verification> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let integrity = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let change_log_entries = conn.query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))?;
    let change_log_broken_at = crate::change_log::verify(conn)?;
    let findings = if integrity == ["ok"] {
        let mut f = crate::integrity::check(conn, ctx)?;
        // A file from before the seal, not yet upgraded, has nothing of it to check.
        if f.seal == crate::integrity::seal_status::ABSENT
            && user_version(conn)? >= integrity_version()
        {
            f.seal = crate::integrity::seal_status::BROKEN;
        }
        f
    } else {
        crate::integrity::Findings {
            tables_changed: Vec::new(),
            seal: crate::integrity::seal_status::ABSENT,
            head: crate::integrity::head_status::NONE,
            head_from: None,
        }
    };
    Ok(Verification {
        integrity,
        change_log_entries,
        change_log_broken_at,
        tables_changed: findings.tables_changed,
        seal: findings.seal,
        head: findings.head,
        head_from: findings.head_from,
        sealed_unreadable: vault::unreadable(conn)?,
    })
}

fn user_version(conn: &Connection) -> Result<usize> {
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(v.max(0) as usize)
}
