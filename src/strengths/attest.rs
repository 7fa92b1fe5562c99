//! Attested 四强 items: ticked (or marked not met) by the secretary for a year, with the day
//! the item was achieved, a note, who ticked it and when, and the evidence behind it: linked
//! sessions, activities or attachments of theirs, and files attached to the attestation.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rules;
use super::template::ItemKind;
use crate::attachments::{self, Attachment, AttachmentOwner};
use crate::change_log;
use crate::code_enum;
use crate::error::{Entity, Error, Reason, Result};
use crate::ids::{new_id, parse_required_date, timestamp};
use crate::sessions::Obligation;

/// The longest note an attestation keeps.
const MAX_NOTE: usize = crate::limits::ATTESTATION_NOTE;

code_enum!(
    /// What a piece of evidence points at.
    EvidenceKind {
        Session = "session" / "会议",
        Activity = "activity" / "活动",
        Attachment = "attachment" / "附件",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EvidenceRef {
    pub kind: EvidenceKind,
    pub ref_id: String,
}

/// A piece of evidence with what the secretary sees of it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Evidence {
    pub kind: EvidenceKind,
    pub ref_id: String,
    /// "2026-03-10 支委会 第一季度工作部署", an activity's title, a file's name.
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttestationInput {
    pub year: i32,
    pub item_id: String,
    pub met: bool,
    /// When the item was achieved (YYYY-MM-DD); not after today.
    pub achieved_on: String,
    #[serde(default)]
    pub note: String,
    /// Who confirms it; the acting user when blank.
    #[serde(default)]
    pub attested_by: String,
    #[serde(default)]
    pub evidence: Vec<EvidenceRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Attestation {
    pub id: String,
    pub year: i32,
    pub item_id: String,
    pub met: bool,
    #[ts(type = "string")]
    pub achieved_on: NaiveDate,
    pub note: String,
    pub attested_by: String,
    pub attested_at: String,
    pub evidence: Vec<Evidence>,
    /// Files attached to the attestation itself.
    pub files: Vec<Attachment>,
}

/// Records (or replaces) the year's attestation of an attested item. Marking it met needs a
/// note or at least one piece of evidence (files may be attached to it afterwards, too).
pub fn attest(
    conn: &Connection,
    input: &AttestationInput,
    today: NaiveDate,
    actor: &str,
) -> Result<Attestation> {
    let template = rules::in_force(conn, input.year)?.template;
    if !template
        .items
        .iter()
        .any(|i| i.id == input.item_id && i.kind == ItemKind::Attested)
    {
        return Err(Error::validation("item_id", Reason::NotAttestable));
    }
    let achieved_on = parse_required_date("achieved_on", &input.achieved_on)?;
    if achieved_on > today {
        return Err(Error::validation("achieved_on", Reason::DateInFuture));
    }
    let note = input.note.trim();
    crate::limits::check("note", note, MAX_NOTE)?;
    crate::limits::check(
        "attested_by",
        input.attested_by.trim(),
        crate::limits::ENTERED_BY,
    )?;
    let mut evidence = input.evidence.clone();
    evidence.sort_by(|a, b| (a.kind, &a.ref_id).cmp(&(b.kind, &b.ref_id)));
    evidence.dedup();
    for e in &evidence {
        label_of(conn, e)?;
    }
    let existing: Option<String> = conn
        .query_row(
            "SELECT id FROM four_strengths_attestation WHERE year = ?1 AND item_key = ?2",
            params![input.year, input.item_id],
            |r| r.get(0),
        )
        .optional()?;
    let has_files = match &existing {
        Some(id) => !attachments::list(conn, AttachmentOwner::Attestation, id)?.is_empty(),
        None => false,
    };
    if input.met && note.is_empty() && evidence.is_empty() && !has_files {
        return Err(Error::validation("evidence", Reason::EvidenceRequired));
    }
    let attested_by = match input.attested_by.trim() {
        "" => actor,
        name => name,
    };
    let id = existing.unwrap_or_else(new_id);
    conn.execute(
        "INSERT INTO four_strengths_attestation
           (id, year, item_key, met, note, attested_by, attested_at, achieved_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (year, item_key) DO UPDATE SET met = excluded.met, note = excluded.note,
           attested_by = excluded.attested_by, attested_at = excluded.attested_at,
           achieved_on = excluded.achieved_on",
        params![
            id,
            input.year,
            input.item_id,
            input.met,
            note,
            attested_by,
            timestamp(),
            achieved_on
        ],
    )?;
    conn.execute(
        "DELETE FROM four_strengths_evidence WHERE attestation_id = ?1",
        [&id],
    )?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO four_strengths_evidence (attestation_id, kind, ref_id) VALUES (?1, ?2, ?3)",
    )?;
    for e in &evidence {
        insert.execute(params![id, e.kind, e.ref_id])?;
    }
    let saved = get(conn, &id)?;
    change_log::record(
        conn,
        actor,
        "four_strengths_attestation",
        &id,
        "attest",
        &saved,
    )?;
    Ok(saved)
}

/// Withdraws the year's attestation of an item, with its evidence and files.
pub fn withdraw(conn: &Connection, year: i32, item_id: &str, actor: &str) -> Result<()> {
    let id: String = conn
        .query_row(
            "SELECT id FROM four_strengths_attestation WHERE year = ?1 AND item_key = ?2",
            params![year, item_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Attestation, item_id))?;
    conn.execute(
        "DELETE FROM attachment WHERE owner_kind = ?1 AND owner_id = ?2",
        params![AttachmentOwner::Attestation, id],
    )?;
    conn.execute(
        "DELETE FROM four_strengths_attestation WHERE id = ?1",
        [&id],
    )?;
    change_log::record(
        conn,
        actor,
        "four_strengths_attestation",
        &id,
        "withdraw",
        &item_id,
    )?;
    Ok(())
}

/// Every attestation of the year, by item.
pub fn list(conn: &Connection, year: i32) -> Result<Vec<Attestation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM four_strengths_attestation WHERE year = ?1 ORDER BY item_key",
    )?;
    let ids = stmt
        .query_map([year], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.iter().map(|id| get(conn, id)).collect()
}

pub fn get(conn: &Connection, id: &str) -> Result<Attestation> {
    let mut a = conn
        .query_row(
            "SELECT id, year, item_key, met, note, attested_by, attested_at,
                    coalesce(achieved_on, substr(attested_at, 1, 10))
             FROM four_strengths_attestation WHERE id = ?1",
            [id],
            |r| {
                Ok(Attestation {
                    id: r.get(0)?,
                    year: r.get(1)?,
                    item_id: r.get(2)?,
                    met: r.get(3)?,
                    note: r.get(4)?,
                    attested_by: r.get(5)?,
                    attested_at: r.get(6)?,
                    achieved_on: r.get(7)?,
                    evidence: Vec::new(),
                    files: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Attestation, id))?;
    let mut stmt = conn.prepare_cached(
        "SELECT kind, ref_id FROM four_strengths_evidence WHERE attestation_id = ?1
         ORDER BY kind, ref_id",
    )?;
    let refs = stmt
        .query_map([id], |r| {
            Ok(EvidenceRef {
                kind: r.get(0)?,
                ref_id: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for e in refs {
        // A record deleted since is shown as such rather than failing the whole list.
        let label = label_of(conn, &e).unwrap_or_else(|_| "（已删除）".to_string());
        a.evidence.push(Evidence {
            kind: e.kind,
            ref_id: e.ref_id,
            label,
        });
    }
    a.files = attachments::list(conn, AttachmentOwner::Attestation, id)?;
    Ok(a)
}

/// What the secretary sees of a piece of evidence; not found when it does not exist.
fn label_of(conn: &Connection, e: &EvidenceRef) -> Result<String> {
    let found = match e.kind {
        EvidenceKind::Session => conn
            .query_row(
                "SELECT held_on, kind, title FROM session WHERE id = ?1",
                [&e.ref_id],
                |r| {
                    let kind: String = r.get(1)?;
                    let kind = kind
                        .parse::<Obligation>()
                        .map(|o| o.label().to_string())
                        .unwrap_or(kind);
                    let title: String = r.get(2)?;
                    Ok(format!("{} {kind} {title}", r.get::<_, String>(0)?)
                        .trim_end()
                        .to_string())
                },
            )
            .optional()?
            .ok_or(Entity::Session),
        EvidenceKind::Activity => conn
            .query_row(
                "SELECT held_on, title FROM activity WHERE id = ?1",
                [&e.ref_id],
                |r| {
                    Ok(format!(
                        "{} {}",
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?
                    ))
                },
            )
            .optional()?
            .ok_or(Entity::Activity),
        EvidenceKind::Attachment => attachments::get(conn, &e.ref_id)
            .map(|a| a.file_name)
            .map_err(|_| Entity::Attachment),
    };
    found.map_err(|entity| Error::not_found(entity, e.ref_id.clone()))
}
