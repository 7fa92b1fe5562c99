//! Tamper evidence beyond the change log's own chain.
//!
//! Every table's rows are covered: per table, an accumulator (the sum mod 2^256 of SHA-256
//! over the table's name, the row's rowid and every column value with its type) is kept in
//! `table_digest` by TEMP triggers that exist only in the app's connection, never in the
//! file. A row added, changed or deleted by anything else leaves the accumulator behind the
//! rows, and `verify` recomputes each one from the rows and names the tables that differ.
//!
//! One seal row binds it all: the change log's last entry and a hash over every accumulator,
//! with an HMAC under a key derived from the data key. With a password set, the seal cannot
//! be recomputed without it, so a rewritten or cut log (with its chain recomputed) shows.
//! The seal's figures (the head) are also kept outside the file, beside it (`<data>.head`)
//! and in a record of every backup, so a log cut or replaced wholesale disagrees with them
//! even without a password.
//!
//! Not covered: `unlock_throttle` (it changes while locked and only slows password guessing)
//! and the digest and seal tables themselves (what they hold is what is checked).

//!
//! The parts: the tables' digest (`digest`), the seal (`seal`), the head kept beside the data
//! (`head`); here the check `verify` runs and its findings in words.

mod digest;
mod head;
mod seal;

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::error::Result;
use crate::hex;
use crate::vault::DataKey;
use digest::*;
pub(crate) use digest::{drop_triggers, install_triggers, recompute, register};
pub use digest::{has_tables, UNCOVERED};
pub use head::{current_head, head_path, read_head, write_head};
use seal::*;
pub(crate) use seal::{is_pending, seal};
pub use seal::{log_head, Head};

/// A table whose rows differ from the record kept by the app.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableChange {
    pub table: String,
    /// Its Chinese name, when it has one.
    pub label: String,
}

/// What the seal check found.
pub mod seal_status {
    /// Keyed with the password-guarded key and matching.
    pub const OK: &str = "ok";
    /// Matching, but no password is set: its key is in the file, so only the head kept
    /// outside the file can tell a recomputed seal.
    pub const UNKEYED: &str = "unkeyed";
    /// Locked: the figures match, the HMAC could not be checked without the password.
    pub const UNCHECKED: &str = "unchecked";
    /// Taken while locked (an upgrade, a forced restore); sealed at the next unlock.
    pub const PENDING: &str = "pending";
    /// Does not match the log or the tables, or its HMAC is wrong.
    pub const BROKEN: &str = "broken";
    /// A file from before the seal existed.
    pub const ABSENT: &str = "absent";
}

/// What comparing the log with the head kept outside the file found.
pub mod head_status {
    pub const OK: &str = "ok";
    /// No head beside the file (a copied file): a warning, not a failure.
    pub const MISSING: &str = "missing";
    /// The log stops before the head: its last entries were removed.
    pub const BEHIND: &str = "behind";
    /// The log does not hold the head's entry: rewritten or replaced.
    pub const REWRITTEN: &str = "rewritten";
    /// The log's head is the same but the tables hold other rows than when it was written.
    pub const CHANGED: &str = "changed";
    /// Not checked (an in-memory database).
    pub const NONE: &str = "none";
}

/// The tables, seal and head checks of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Findings {
    pub tables_changed: Vec<TableChange>,
    pub seal: &'static str,
    pub head: &'static str,
    /// Where the head that disagrees was kept: the head file, or a backup's record.
    pub head_from: Option<String>,
}

/// What the check of a file knows besides the file.
pub struct Context<'a> {
    /// The key to check the HMAC with (the data key in memory), if any.
    pub key: Option<&'a DataKey>,
    /// Whether a password guards the data (else the key is in the file).
    pub password_set: bool,
    /// The head kept beside the data file, if found.
    pub head_file: Option<Head>,
    /// Whether a head file should exist (a data file; not a backup checked against its record).
    pub head_file_expected: bool,
    /// Heads kept in backups' records, each with the backup's file name.
    pub records: Vec<(String, Head)>,
}

/// Checks the rows against the accumulators, the seal against the log and accumulators, and
/// the log against the heads kept outside the file.
pub fn check(conn: &Connection, ctx: &Context) -> Result<Findings> {
    if !has_tables(conn)? {
        return Ok(Findings {
            tables_changed: Vec::new(),
            seal: seal_status::ABSENT,
            head: head_status::NONE,
            head_from: None,
        });
    }
    // Tables: each recorded accumulator against the rows.
    let rec = recorded(conn)?;
    let mut actual = Vec::new();
    let mut tables_changed = Vec::new();
    let live = tables(conn)?;
    for t in &live {
        let (acc, n) = scan(conn, t)?;
        let same = rec
            .iter()
            .any(|(name, a, r)| name == &t.name && to32(Some(a)) == acc && *r == n);
        if !same {
            tables_changed.push(change(&t.name));
        }
        actual.push((t.name.clone(), acc.to_vec(), n));
    }
    for (name, _, _) in &rec {
        if !live.iter().any(|t| &t.name == name) {
            tables_changed.push(change(name));
        }
    }
    let actual_state = recorded_state(&actual);
    let (seq, hash) = log_head(conn)?;
    let version = schema_version(conn)?;

    // The seal.
    let row = seal_row(conn)?;
    let head_file = ctx.head_file.as_ref();
    let seal = match &row {
        None => seal_status::BROKEN,
        Some(s)
            if s.head.seq != seq
                || s.head.hash != hash
                || s.head.state != recorded_state(&rec)
                || s.head.version != version =>
        {
            seal_status::BROKEN
        }
        Some(s) => match (&s.head.mac, ctx.key) {
            (None, _) => {
                // Pending only when an upgrade (or a forced restore) came after the last keyed
                // seal, and the head beside the file does not show a keyed seal of this version.
                let lie = head_file.is_some_and(|h| h.mac.is_some() && h.version >= version);
                if s.keyed_version < version && !lie {
                    seal_status::PENDING
                } else {
                    seal_status::BROKEN
                }
            }
            (Some(_), None) => seal_status::UNCHECKED,
            (Some(mac), Some(key)) => {
                if hex::same(mac, &seal_mac(key, seq, &hash, &s.head.state, version)) {
                    if ctx.password_set {
                        seal_status::OK
                    } else {
                        seal_status::UNKEYED
                    }
                } else {
                    seal_status::BROKEN
                }
            }
        },
    };

    // The heads kept outside the file: the log must hold each one's entry; at the same entry,
    // the same rows.
    let mut head = if ctx.head_file_expected && head_file.is_none() {
        head_status::MISSING
    } else if head_file.is_none() && ctx.records.is_empty() {
        head_status::NONE
    } else {
        head_status::OK
    };
    let mut head_from = None;
    let beside = head_file.map(|h| ("数据文件旁的 .head 记录".to_string(), h.clone()));
    for (from, h) in beside.iter().chain(&ctx.records) {
        let found = if h.seq > seq {
            Some(head_status::BEHIND)
        } else if h.seq == 0 {
            None
        } else {
            let kept: Option<String> = conn
                .prepare_cached("SELECT hash FROM change_log WHERE seq = ?1")?
                .query_row([h.seq], |r| r.get(0))
                .optional()?;
            if kept.as_deref() != Some(h.hash.as_str()) {
                Some(head_status::REWRITTEN)
            } else if h.seq == seq
                && h.version == version
                && !h.state.is_empty()
                && h.state != actual_state
            {
                Some(head_status::CHANGED)
            } else {
                None
            }
        };
        if let Some(found) = found {
            head = found;
            head_from = Some(from.clone());
            break;
        }
    }
    Ok(Findings {
        tables_changed,
        seal,
        head,
        head_from,
    })
}

/// Whether the findings hold (a missing head, a pending or unchecked seal are warnings).
pub fn findings_ok(f: &Findings) -> bool {
    f.tables_changed.is_empty()
        && f.seal != seal_status::BROKEN
        && !matches!(
            f.head,
            head_status::BEHIND | head_status::REWRITTEN | head_status::CHANGED
        )
}

fn change(table: &str) -> TableChange {
    TableChange {
        table: table.to_string(),
        label: label(table).to_string(),
    }
}

/// The Chinese name of a table, for the report (the table's own name when it has none).
pub fn label(table: &str) -> &str {
    match table {
        "activity" => "活动",
        "activity_participant" => "活动参加人",
        "attachment" => "附件",
        "attendance" => "会议出席",
        "branch" => "支部信息",
        "change_log" => "变更日志",
        "committee_role" => "支委职务",
        "dues_base" => "党费基数",
        "dues_payment" => "党费缴纳",
        "four_strengths_attestation" => "四强认定",
        "four_strengths_evidence" => "四强佐证",
        "four_strengths_year" => "四强年度",
        "honour" => "荣誉",
        "indicator" => "指标",
        "indicator_value" => "指标数值",
        "member" => "党员",
        "member_contact" => "联系支委",
        "member_exclusion" => "不计应到",
        "member_exemption" => "学时免除",
        "member_group_event" => "党小组调动",
        "member_pipeline_step" => "发展党员步骤",
        "member_sanction" => "处分",
        "member_sponsor" => "入党介绍人",
        "member_stage_event" => "政治面貌变动",
        "member_status_event" => "组织关系状态变动",
        "obligation_missed" => "确认未开",
        "party_group" => "党小组",
        "rule_set" => "规则",
        "session" => "会议",
        "session_agenda_item" => "会议议程",
        "session_obligation" => "会议计入的任务",
        "session_resolution" => "会议决议",
        "session_written_opinion" => "书面意见",
        "setting" => "设置",
        "study_hour_entry" => "学时记录",
        "vault" => "密码与密钥",
        other => other,
    }
}

/// The findings in Chinese, one line each (empty when nothing needs saying).
pub fn describe(f: &Findings) -> Vec<String> {
    let mut out = Vec::new();
    for t in &f.tables_changed {
        let name = if t.label == t.table {
            t.table.clone()
        } else {
            format!("{}（{}）", t.label, t.table)
        };
        out.push(format!("表 {name} 的数据在本程序之外被增加、修改或删除过"));
    }
    match f.seal {
        seal_status::BROKEN => {
            out.push("完整性封印不符：变更日志或各表的记录被改写过（或封印被改动）".to_string())
        }
        seal_status::PENDING => {
            out.push("完整性封印待补：升级或恢复时未解锁，将在下次输入书记密码解锁时补上".into())
        }
        seal_status::UNCHECKED => out.push(
            "完整性封印未核对：已设书记密码，解锁后才能核对（命令行请设置 ZHIBU_PASSWORD）".into(),
        ),
        seal_status::UNKEYED => out.push(
            "未设书记密码：封印的密钥存在数据文件里，改写整个日志只能靠数据文件旁的记录发现".into(),
        ),
        _ => {}
    }
    let from = f.head_from.as_deref().unwrap_or("数据文件旁的 .head 记录");
    match f.head {
        head_status::MISSING => {
            out.push("数据文件旁没有 .head 记录（文件可能是复制来的）；已对照备份记录检查".into())
        }
        head_status::BEHIND => {
            out.push(format!("变更日志比 {from} 记下的短：最后的若干条被删除过"))
        }
        head_status::REWRITTEN => out.push(format!(
            "变更日志与 {from} 记下的不符：日志被改写或整个替换过"
        )),
        head_status::CHANGED => out.push(format!("变更日志未变，但各表的数据与 {from} 记下的不同")),
        _ => {}
    }
    out
}
