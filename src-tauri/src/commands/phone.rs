//! 手机查学时: open 我的学时 to phones on one of the computer's networks for a while, stop it,
//! say whether it is open (address, end, QR code), read the look-up log. The share is the
//! core's `PhoneServer`, kept here; it stops at its end, on stop, and when the app quits.

use std::sync::{Arc, Mutex};

use tauri::State;
use zhibu::phone::{self, NetworkAddress, PhoneLookup, PhoneServer, ShareStatus};

use crate::error::CmdResult;
use crate::state::{today, AppState};

/// The share while it is open (or until the next command notices it has ended).
#[derive(Default)]
pub struct PhoneShare(Mutex<Option<PhoneServer>>);

impl PhoneShare {
    /// Stops the share (the app is quitting).
    pub fn stop(&self) {
        if let Some(mut server) = self.0.lock().unwrap_or_else(|e| e.into_inner()).take() {
            server.stop();
        }
    }
}

/// The local time, with "today" from `ZHIBU_TODAY` when set (as every command judges).
fn clock() -> zhibu::ids::Clock {
    Arc::new(|| today().and_time(zhibu::ids::local_now().time()))
}

/// The computer's addresses a share can be opened on, those phones can reach first.
#[tauri::command(async)]
pub fn phone_addresses(state: State<'_, AppState>) -> CmdResult<Vec<NetworkAddress>> {
    state.db()?;
    Ok(phone::network_addresses()?)
}

/// Opens the phone page on `ip` for `minutes` (30 when not given, at most 480).
#[tauri::command(async)]
pub fn phone_share_start(
    state: State<'_, AppState>,
    share: State<'_, PhoneShare>,
    ip: String,
    minutes: Option<u32>,
) -> CmdResult<ShareStatus> {
    let db = state.db()?;
    let mut slot = share.0.lock().unwrap_or_else(|e| e.into_inner());
    if slot.as_ref().is_some_and(PhoneServer::is_running) {
        return Err(zhibu::Error::Conflict {
            reason: zhibu::Reason::PhoneAlreadyOn,
        }
        .into());
    }
    let minutes = minutes.unwrap_or(phone::DEFAULT_MINUTES);
    let server = phone::open_share(db, &ip, minutes, clock())?;
    *slot = Some(server);
    Ok(ShareStatus::of(slot.as_ref()))
}

/// Stops the phone page at once.
#[tauri::command(async)]
pub fn phone_share_stop(share: State<'_, PhoneShare>) -> CmdResult<ShareStatus> {
    share.stop();
    Ok(ShareStatus::off())
}

/// Whether the phone page is open, where and until when (the 工作台 header asks).
#[tauri::command(async)]
pub fn phone_share_status(share: State<'_, PhoneShare>) -> CmdResult<ShareStatus> {
    let mut slot = share.0.lock().unwrap_or_else(|e| e.into_inner());
    if slot.as_ref().is_some_and(|s| !s.is_running()) {
        *slot = None;
    }
    Ok(ShareStatus::of(slot.as_ref()))
}

/// The look-ups from phones, newest first.
#[tauri::command(async)]
pub fn phone_lookups(
    state: State<'_, AppState>,
    limit: Option<u32>,
) -> CmdResult<Vec<PhoneLookup>> {
    let limit = limit.unwrap_or(200).min(1000);
    Ok(state.db()?.read(|conn| phone::lookups(conn, limit))?)
}
