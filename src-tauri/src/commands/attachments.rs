//! Attachments: the window sends a file's bytes as the raw request body, with its owner and
//! name in headers (the name percent-encoded, as headers carry ASCII only).

use tauri::ipc::{InvokeBody, Request, Response};
use tauri::State;
use zhibu::attachments::{self, Attachment, AttachmentOwner};
use zhibu::change_log::ACTOR_APP;
use zhibu::{Error, Reason};

use crate::error::{CmdResult, IpcError};
use crate::state::AppState;

pub(crate) fn header<'a>(request: &'a Request<'_>, name: &'static str) -> CmdResult<&'a str> {
    request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| Error::validation(name, Reason::Required).into())
}

fn owner(kind: &str) -> CmdResult<AttachmentOwner> {
    kind.parse()
        .map_err(|()| Error::validation("owner_kind", Reason::InvalidValue).into())
}

#[tauri::command(async)]
pub fn attachment_add(state: State<'_, AppState>, request: Request<'_>) -> CmdResult<Attachment> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(Error::validation("file", Reason::Required).into());
    };
    let kind = owner(header(&request, "x-owner-kind")?)?;
    let owner_id = header(&request, "x-owner-id")?.to_string();
    let file_name = percent_decode(header(&request, "x-file-name")?)
        .ok_or_else(|| IpcError::from(Error::validation("file_name", Reason::InvalidValue)))?;
    let dir = attachments::files_dir(&state.db_path);
    Ok(state
        .db()?
        .write(|tx| attachments::add(tx, &dir, kind, &owner_id, &file_name, bytes, ACTOR_APP))?)
}

#[tauri::command(async)]
pub fn attachment_list(
    state: State<'_, AppState>,
    owner_kind: String,
    owner_id: String,
) -> CmdResult<Vec<Attachment>> {
    let kind = owner(&owner_kind)?;
    Ok(state
        .db()?
        .read(|conn| attachments::list(conn, kind, &owner_id))?)
}

/// The file's bytes, for showing a photo or saving a copy.
#[tauri::command(async)]
pub fn attachment_read(state: State<'_, AppState>, id: String) -> CmdResult<Response> {
    let dir = attachments::files_dir(&state.db_path);
    let (_, bytes) = state
        .db()?
        .read(|conn| attachments::read(conn, &dir, &id))?;
    Ok(Response::new(bytes))
}

/// Decodes `encodeURIComponent` output; `None` for malformed escapes or invalid UTF-8.
pub(crate) fn percent_decode(s: &str) -> Option<String> {
    let mut out = Vec::with_capacity(s.len());
    let mut bytes = s.bytes();
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let hi = (bytes.next()? as char).to_digit(16)?;
            let lo = (bytes.next()? as char).to_digit(16)?;
            out.push((hi * 16 + lo) as u8);
        } else {
            out.push(b);
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn file_names_arrive_percent_encoded() {
        assert_eq!(
            percent_decode("%E7%AD%BE%E5%88%B0%E8%A1%A8.pdf").as_deref(),
            Some("签到表.pdf")
        );
        assert_eq!(percent_decode("a%2"), None);
        assert_eq!(percent_decode("%FF"), None);
    }
}
