//! Attachments of a session or an activity (photos, scanned sign-in sheets): the file is
//! copied into the data folder under its SHA-256 and the database keeps a reference to it.
//! The same content is stored once however often it is attached.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::change_log;
use crate::code_enum;
use crate::error::{Entity, Error, Reason, Result};
use crate::ids::{new_id, timestamp};

/// The largest file accepted as one attachment.
pub const MAX_BYTES: usize = crate::limits::ATTACHMENT_BYTES;

code_enum!(
    /// What an attachment belongs to.
    AttachmentOwner {
        Session = "session" / "会议",
        Activity = "activity" / "活动",
        Attestation = "attestation" / "四强佐证",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Attachment {
    pub id: String,
    pub owner_kind: AttachmentOwner,
    pub owner_id: String,
    pub file_name: String,
    pub sha256: String,
    pub size: u64,
    pub mime: String,
    pub added_at: String,
}

/// The folder attachments are kept in, beside the database file.
pub fn files_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("attachments")
}

/// Where the content with this hash lives: `attachments/ab/abcdef…`.
fn content_path(files_dir: &Path, sha256: &str) -> PathBuf {
    files_dir.join(&sha256[..2]).join(sha256)
}

/// Attaches `bytes` under `file_name` to a session or activity. The content is written (once,
/// atomically) before the row; if the row is refused the file stays as an unreferenced copy,
/// which is harmless and never half-written.
pub fn add(
    conn: &Connection,
    files_dir: &Path,
    owner_kind: AttachmentOwner,
    owner_id: &str,
    file_name: &str,
    bytes: &[u8],
    actor: &str,
) -> Result<Attachment> {
    let file_name = base_name(file_name);
    if file_name.is_empty() {
        return Err(Error::validation("file_name", Reason::Required));
    }
    if file_name.chars().count() > crate::limits::ATTACHMENT_NAME {
        return Err(Error::validation("file_name", Reason::TooLong));
    }
    if bytes.is_empty() {
        return Err(Error::validation("file", Reason::Required));
    }
    if bytes.len() > MAX_BYTES {
        return Err(Error::validation("file", Reason::FileTooLarge));
    }
    owner_exists(conn, owner_kind, owner_id)?;
    let sha256 = crate::hex::encode(&Sha256::digest(bytes));
    store_content(files_dir, &sha256, bytes)?;
    let a = Attachment {
        id: new_id(),
        owner_kind,
        owner_id: owner_id.to_string(),
        mime: mime_of(&file_name).to_string(),
        file_name,
        sha256,
        size: bytes.len() as u64,
        added_at: timestamp(),
    };
    conn.execute(
        "INSERT INTO attachment (id, owner_kind, owner_id, file_name, sha256, size, mime, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            a.id,
            a.owner_kind,
            a.owner_id,
            a.file_name,
            a.sha256,
            a.size as i64,
            a.mime,
            a.added_at
        ],
    )?;
    change_log::record(conn, actor, "attachment", &a.id, "add", &a)?;
    Ok(a)
}

/// The attachments of one session or activity, in the order they were added.
pub fn list(
    conn: &Connection,
    owner_kind: AttachmentOwner,
    owner_id: &str,
) -> Result<Vec<Attachment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, owner_kind, owner_id, file_name, sha256, size, mime, added_at
         FROM attachment WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY added_at, id",
    )?;
    let rows = stmt
        .query_map(params![owner_kind, owner_id], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: &str) -> Result<Attachment> {
    conn.query_row(
        "SELECT id, owner_kind, owner_id, file_name, sha256, size, mime, added_at
         FROM attachment WHERE id = ?1",
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found(Entity::Attachment, id))
}

/// The stored content of an attachment, checked against its hash.
pub fn read(conn: &Connection, files_dir: &Path, id: &str) -> Result<(Attachment, Vec<u8>)> {
    let a = get(conn, id)?;
    let bytes = fs::read(content_path(files_dir, &a.sha256))?;
    if crate::hex::encode(&Sha256::digest(&bytes)) != a.sha256 {
        return Err(Error::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("附件 {} 的内容与登记的校验值不符", a.file_name),
        )));
    }
    Ok((a, bytes))
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Attachment> {
    Ok(Attachment {
        id: r.get(0)?,
        owner_kind: r.get(1)?,
        owner_id: r.get(2)?,
        file_name: r.get(3)?,
        sha256: r.get(4)?,
        size: r.get::<_, i64>(5)? as u64,
        mime: r.get(6)?,
        added_at: r.get(7)?,
    })
}

fn owner_exists(conn: &Connection, kind: AttachmentOwner, id: &str) -> Result<()> {
    let (sql, entity) = match kind {
        AttachmentOwner::Session => ("SELECT 1 FROM session WHERE id = ?1", Entity::Session),
        AttachmentOwner::Activity => ("SELECT 1 FROM activity WHERE id = ?1", Entity::Activity),
        AttachmentOwner::Attestation => (
            "SELECT 1 FROM four_strengths_attestation WHERE id = ?1",
            Entity::Attestation,
        ),
    };
    conn.query_row(sql, [id], |_| Ok(()))
        .optional()?
        .ok_or_else(|| Error::not_found(entity, id))
}

/// Writes the content under its hash unless it is already there: to a temporary file first,
/// synced, then renamed into place, so a crash never leaves a partial file under a hash name.
fn store_content(files_dir: &Path, sha256: &str, bytes: &[u8]) -> Result<()> {
    let target = content_path(files_dir, sha256);
    if target.is_file() {
        return Ok(());
    }
    let dir = target.parent().expect("content paths have a parent");
    fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{sha256}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, &target)
    };
    write().inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })?;
    Ok(())
}

/// The file's own name without any folder, as a user would recognise it.
fn base_name(name: &str) -> String {
    name.rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .trim()
        .to_string()
}

fn mime_of(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "bmp" => "image/bmp",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "txt" => "text/plain",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_keeps_only_its_last_part() {
        assert_eq!(base_name("C:\\扫描\\签到表.pdf"), "签到表.pdf");
        assert_eq!(base_name("/home/a/照片.JPG"), "照片.JPG");
        assert_eq!(mime_of("照片.JPG"), "image/jpeg");
        assert_eq!(mime_of("无扩展名"), "application/octet-stream");
    }
}
