//! Attachments: the window sends a file's bytes as the raw request body, with its owner and
//! name in headers (see `raw_body`).

use tauri::ipc::{Request, Response};
use tauri::State;
use zhibu::attachments::{self, Attachment, AttachmentOwner};
use zhibu::{Error, Reason};

use super::raw_body::{file_in, header};
use crate::error::CmdResult;
use crate::state::AppState;

fn owner(kind: &str) -> CmdResult<AttachmentOwner> {
    kind.parse()
        .map_err(|()| Error::validation("owner_kind", Reason::InvalidValue).into())
}

#[tauri::command(async)]
pub fn attachment_add(state: State<'_, AppState>, request: Request<'_>) -> CmdResult<Attachment> {
    let (file_name, bytes) = file_in(&request, "file")?;
    let kind = owner(header(&request, "x-owner-kind")?)?;
    let owner_id = header(&request, "x-owner-id")?.to_string();
    let dir = attachments::files_dir(&state.db_path);
    Ok(state.db()?.write(|tx| {
        attachments::add(tx, &dir, kind, &owner_id, &file_name, bytes, &state.actor())
    })?)
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
