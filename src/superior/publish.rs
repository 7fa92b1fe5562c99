//! 下发: the 党委 publishes a 四强 template or a rule revision (obligations, 学时 targets,
//! 党费 rates, pipeline rules) into its database; each branch receives it on its next
//! contact and keeps it in its file; nothing changes until the secretary adopts it from a day.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use postgres::Client;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::endpoint::{connect, Endpoint};
use super::{pg_error, refused};
use crate::change_log;
use crate::code_enum;
use crate::error::Result;
use crate::rule_sets::Dated;

code_enum!(
    /// What a 党委 may publish.
    PublicationKind {
        FourStrengthsTemplate = "four_strengths_template" / "四强清单模板",
        Obligations = "obligations" / "组织生活规则",
        StudyTargets = "study_targets" / "学时目标",
        DuesRates = "dues_rates" / "党费标准",
        PipelineRules = "pipeline_rules" / "发展党员规则",
    }
);

/// The body with the day it takes effect (and, for a template, nothing to set).
fn with_date(body: &serde_json::Value, from: NaiveDate) -> serde_json::Value {
    let mut b = body.clone();
    if let Some(o) = b.as_object_mut() {
        o.insert("effective_from".into(), serde_json::json!(from));
    }
    b
}

fn parse<T: serde::de::DeserializeOwned>(body: serde_json::Value) -> Result<T> {
    serde_json::from_value(body).map_err(|e| refused(format!("下发内容的格式不正确：{e}")))
}

/// Checks a body is what its kind needs (any day will do for the check).
fn check_body(kind: PublicationKind, body: &serde_json::Value) -> Result<String> {
    let b = with_date(body, NaiveDate::from_ymd_opt(2000, 1, 1).expect("a date"));
    let version = match kind {
        PublicationKind::FourStrengthsTemplate => {
            let t: crate::strengths::template::Template = parse(b)?;
            t.validate()?;
            t.version
        }
        PublicationKind::Obligations => parse::<crate::sessions::ObligationRuleSet>(b)?.version,
        PublicationKind::StudyTargets => parse::<crate::study::TargetRuleSet>(b)?.version,
        PublicationKind::DuesRates => parse::<crate::dues::DuesRateSet>(b)?.version,
        PublicationKind::PipelineRules => parse::<crate::pipeline::PipelineRuleSet>(b)?.version,
    };
    if version.trim().is_empty() {
        return Err(refused("下发内容缺少版本号（version）"));
    }
    Ok(version)
}

/// Publishes `body` (a rule set's or template's JSON; its `effective_from` is the branch's
/// to choose) as the administrator; returns its id.
pub fn publish(
    admin: &Endpoint,
    kind: PublicationKind,
    title: &str,
    body: &serde_json::Value,
) -> Result<i64> {
    let version = check_body(kind, body)?;
    let title = crate::names::clean_name("title", title, 100, true)?;
    let mut client = connect(admin)?;
    let row = client
        .query_one(
            "INSERT INTO publication (kind, title, version, body) VALUES ($1, $2, $3, $4)
             RETURNING id",
            &[&kind.code(), &title, &version, body],
        )
        .map_err(pg_error)?;
    Ok(row.get(0))
}

/// Fetches what was published since the last contact into the branch's file; returns how
/// many were new.
pub fn receive(client: &mut Client, db: &crate::Db, now: NaiveDateTime) -> Result<usize> {
    let last: i64 = db.read(|c| {
        Ok(c.query_row(
            "SELECT coalesce(max(id), 0) FROM superior_publication",
            [],
            |r| r.get(0),
        )?)
    })?;
    let rows = client
        .query(
            "SELECT id, kind, title, version, body, published_at FROM publication
              WHERE id > $1 ORDER BY id",
            &[&last],
        )
        .map_err(pg_error)?;
    if rows.is_empty() {
        return Ok(0);
    }
    db.write(|tx| {
        for r in &rows {
            let published: DateTime<Utc> = r.get(5);
            tx.execute(
                "INSERT OR IGNORE INTO superior_publication
                     (id, kind, title, version, body, published_at, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    r.get::<_, i64>(0),
                    r.get::<_, String>(1),
                    r.get::<_, String>(2),
                    r.get::<_, String>(3),
                    r.get::<_, serde_json::Value>(4).to_string(),
                    published.to_rfc3339(),
                    now.format("%Y-%m-%d %H:%M:%S").to_string()
                ],
            )?;
        }
        Ok(())
    })?;
    Ok(rows.len())
}

/// One publication as the branch received it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Received {
    pub id: i64,
    pub kind: PublicationKind,
    pub title: String,
    pub version: String,
    pub published_at: String,
    pub received_at: String,
    /// The day the secretary adopted it from (none: not adopted, nothing changed).
    pub adopted_from: Option<NaiveDate>,
}

/// Everything received, newest first.
pub fn received(conn: &Connection) -> Result<Vec<Received>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, title, version, published_at, received_at, adopted_from
         FROM superior_publication ORDER BY id DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Received {
                id: r.get("id")?,
                kind: r.get("kind")?,
                title: r.get("title")?,
                version: r.get("version")?,
                published_at: r.get("published_at")?,
                received_at: r.get("received_at")?,
                adopted_from: r.get("adopted_from")?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Adopts a received publication from `from` on, through the area's own save (with its
/// checks): a rule set in force from that day; a 四强 template judging that day's year.
pub fn adopt(conn: &Connection, id: i64, from: NaiveDate, actor: &str) -> Result<()> {
    crate::ids::check_year(from.year())?;
    let row: Option<(PublicationKind, String, Option<String>)> = conn
        .query_row(
            "SELECT kind, body, adopted_from FROM superior_publication WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((kind, body, adopted)) = row else {
        return Err(refused(format!("没有收到编号为 {id} 的下发内容")));
    };
    if adopted.is_some() {
        return Err(refused("该下发内容已经采用过"));
    }
    let body: serde_json::Value =
        serde_json::from_str(&body).map_err(|_| refused("下发内容已损坏"))?;
    let b = with_date(&body, from);
    match kind {
        PublicationKind::FourStrengthsTemplate => {
            let t: crate::strengths::template::Template = parse(b)?;
            crate::strengths::rules::save(conn, from.year(), &t, actor)?;
        }
        PublicationKind::Obligations => {
            parse::<crate::sessions::rules::ObligationRuleSet>(b)?.save(conn, actor)?
        }
        PublicationKind::StudyTargets => {
            parse::<crate::study::rules::TargetRuleSet>(b)?.save(conn, actor)?
        }
        PublicationKind::DuesRates => {
            parse::<crate::dues::rules::DuesRateSet>(b)?.save(conn, actor)?
        }
        PublicationKind::PipelineRules => {
            parse::<crate::pipeline::rules::PipelineRuleSet>(b)?.save(conn, actor)?
        }
    }
    conn.execute(
        "UPDATE superior_publication SET adopted_from = ?1, adopted_at = ?2 WHERE id = ?3",
        params![from, crate::ids::timestamp(), id],
    )?;
    change_log::record(
        conn,
        actor,
        "superior_publication",
        &id.to_string(),
        "adopt",
        &serde_json::json!({ "kind": kind.code(), "from": from }),
    )
}
