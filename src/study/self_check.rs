//! 我的学时: a member looks up their own record on the branch's computer. They identify with
//! their name and a PIN the secretary set (stored only as a salted PBKDF2 hash) or, if the
//! branch chooses, the last six characters of their 身份证号. Wrong tries are throttled.

use chrono::NaiveDate;
use pbkdf2::pbkdf2_hmac;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::Sha256;
use ts_rs::TS;

use super::credits::CreditEntry;
use super::progress::{report_with_credits, MemberProgress};
use crate::change_log;
use crate::code_enum;
use crate::error::{Entity, Error, Reason, Result};
use crate::hex;
use crate::sessions::{attendance_of, MemberAttendance};

const ROUNDS: u32 = 100_000;

code_enum!(
    /// How members identify in 我的学时.
    SelfCheckMode {
        Pin = "pin" / "个人密码",
        IdLast6 = "id_last6" / "身份证号后六位",
    }
);

fn hash(pin: &str, salt: &[u8]) -> String {
    let mut out = [0u8; 32];
    pbkdf2_hmac::<Sha256>(pin.as_bytes(), salt, ROUNDS, &mut out);
    hex::encode(&out)
}

/// The salted hash kept for a secret (a PIN, the last six of a 身份证号).
pub(crate) fn stored_form(pin: &str) -> String {
    let salt = uuid::Uuid::new_v4();
    let salt = hex::encode(salt.as_bytes());
    format!(
        "pbkdf2-sha256${ROUNDS}${salt}${}",
        hash(pin, salt.as_bytes())
    )
}

fn matches(stored: &str, pin: &str) -> bool {
    let mut parts = stored.split('$');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("pbkdf2-sha256"), Some(rounds), Some(salt), Some(expected))
            if rounds == ROUNDS.to_string() =>
        {
            hex::same(&hash(pin, salt.as_bytes()), expected)
        }
        _ => false,
    }
}

/// Sets (or replaces) a member's PIN: 4 to 8 digits.
pub fn set_pin(conn: &Connection, member_id: &str, pin: &str, actor: &str) -> Result<()> {
    let pin = pin.trim();
    if !(crate::limits::PIN_MIN..=crate::limits::PIN_MAX).contains(&pin.len())
        || !pin.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(Error::validation("pin", Reason::PinFormat));
    }
    let changed = conn.execute(
        "UPDATE member SET pin_hash = ?2 WHERE id = ?1",
        params![member_id, stored_form(pin)],
    )?;
    if changed == 0 {
        return Err(Error::not_found(Entity::Member, member_id));
    }
    change_log::record(conn, actor, "member", member_id, "set_pin", &"(redacted)")?;
    Ok(())
}

/// Removes a member's PIN: they can no longer look up their record by PIN.
pub fn clear_pin(conn: &Connection, member_id: &str, actor: &str) -> Result<()> {
    let changed = conn.execute(
        "UPDATE member SET pin_hash = NULL WHERE id = ?1",
        [member_id],
    )?;
    if changed == 0 {
        return Err(Error::not_found(Entity::Member, member_id));
    }
    change_log::record(conn, actor, "member", member_id, "clear_pin", &"")?;
    Ok(())
}

/// Whether each member has a PIN set, by member id.
pub fn members_with_pin(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM member WHERE pin_hash IS NOT NULL")?;
    let ids = stmt.query_map([], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

pub fn mode(conn: &Connection) -> Result<SelfCheckMode> {
    Ok(conn
        .query_row("SELECT self_check FROM branch LIMIT 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or(SelfCheckMode::Pin))
}

pub fn set_mode(conn: &Connection, mode: SelfCheckMode, actor: &str) -> Result<()> {
    if conn.execute("UPDATE branch SET self_check = ?1", [mode])? == 0 {
        return Err(Error::Conflict {
            reason: Reason::BranchMissing,
        });
    }
    // The last six are kept (keyed) only while members identify by them.
    match mode {
        SelfCheckMode::IdLast6 => {
            let opener = crate::vault::opener(conn)?;
            let tails = crate::vault::key(conn)?.tail_key();
            let rows: Vec<(String, String)> = conn
                .prepare("SELECT id, id_number FROM member")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut update = conn.prepare("UPDATE member SET id_tail = ?2 WHERE id = ?1")?;
            for (id, sealed) in rows {
                let id_number =
                    opener.open(&sealed, crate::vault::member_place(&id, "id_number"))?;
                update.execute(rusqlite::params![id, tails.tail(&id_number)])?;
            }
        }
        SelfCheckMode::Pin => {
            conn.execute("UPDATE member SET id_tail = NULL", [])?;
        }
    }
    change_log::record(conn, actor, "branch", "self_check", "update", &mode)?;
    Ok(())
}

/// The member a name and secret identify. Every failure reads the same, so the screen does
/// not tell whether a name is on the roster.
///
/// By the last six of a 身份证号, the stored tails are keyed with the tail key, which is in
/// memory once the secretary has unlocked in this process (or always, without a password):
/// before that the look-up is refused with `TailKeyNeeded`.
pub fn identify(conn: &Connection, name: &str, secret: &str) -> Result<String> {
    let mode = mode(conn)?;
    let secret = secret.trim();
    let typed_tail = match mode {
        SelfCheckMode::Pin => None,
        SelfCheckMode::IdLast6 => match crate::vault::tail_key(conn)? {
            Some(k) => Some(k.of_last6(secret)),
            None => {
                return Err(Error::Conflict {
                    reason: Reason::TailKeyNeeded,
                })
            }
        },
    };
    let mut stmt = conn.prepare_cached(
        "SELECT id, pin_hash, id_tail FROM member
         WHERE name = ?1 AND archived_on IS NULL ORDER BY id",
    )?;
    let candidates = stmt
        .query_map([name.trim()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let found = candidates
        .into_iter()
        .find(|(_, pin_hash, id_tail)| match mode {
            SelfCheckMode::Pin => pin_hash.as_deref().is_some_and(|h| matches(h, secret)),
            SelfCheckMode::IdLast6 => {
                secret.len() == 6
                    && id_tail
                        .as_deref()
                        .zip(typed_tail.as_deref())
                        .is_some_and(|(stored, typed)| hex::same(stored, typed))
            }
        });
    found.map(|(id, _, _)| id).ok_or(Error::Conflict {
        reason: Reason::WrongPin,
    })
}

/// A member's own year: progress, every credit line and the sessions attended. Read-only.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MemberStatement {
    pub branch_name: String,
    pub year: i32,
    pub as_of: NaiveDate,
    pub progress: MemberProgress,
    pub entries: Vec<CreditEntry>,
    pub attendance: MemberAttendance,
}

pub fn statement(
    conn: &Connection,
    member_id: &str,
    year: i32,
    as_of: NaiveDate,
) -> Result<MemberStatement> {
    let branch_name: String = conn
        .query_row("SELECT name FROM branch LIMIT 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    let (mut report, entries) = report_with_credits(conn, year, as_of, Some(member_id))?;
    let progress = report.members.remove(0);
    Ok(MemberStatement {
        branch_name,
        year,
        as_of: report.as_of,
        progress,
        entries,
        attendance: attendance_of(conn, member_id, year)?,
    })
}

/// Wrong tries in a row lock the look-up for a while: five, then a minute; each further
/// wrong try doubles the wait, up to an hour. Times are seconds from any fixed start.
#[derive(Debug, Clone)]
pub struct Throttle {
    failures: u32,
    locked_until: i64,
    free_tries: u32,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle::allowing(Self::FREE_TRIES)
    }
}

impl Throttle {
    const FREE_TRIES: u32 = 5;

    /// A throttle that locks after `free_tries` wrong tries instead of five (the phone page's
    /// limit per client address, which covers many names).
    pub fn allowing(free_tries: u32) -> Self {
        Throttle {
            failures: 0,
            locked_until: 0,
            free_tries: free_tries.max(1),
        }
    }

    /// Refuses while locked; says how many seconds are left.
    pub fn check(&self, now: i64) -> std::result::Result<(), i64> {
        if now < self.locked_until {
            Err(self.locked_until - now)
        } else {
            Ok(())
        }
    }

    pub fn record(&mut self, success: bool, now: i64) {
        if success {
            *self = Throttle::allowing(self.free_tries);
            return;
        }
        self.failures += 1;
        if self.failures >= self.free_tries {
            let extra = (self.failures - self.free_tries).min(6);
            self.locked_until = now + (60i64 << extra).min(3600);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_checked_against_its_salted_hash() {
        let stored = stored_form("2468");
        assert!(stored.starts_with("pbkdf2-sha256$100000$"));
        assert!(!stored.contains("2468$"));
        assert!(matches(&stored, "2468"));
        assert!(!matches(&stored, "2469"));
        assert!(!matches(&stored, ""));
        assert_ne!(stored, stored_form("2468"), "each PIN gets its own salt");
        assert!(!matches("plain", "plain"));
    }

    #[test]
    fn five_wrong_tries_lock_for_a_minute_then_longer() {
        let mut t = Throttle::default();
        for i in 0..4 {
            t.record(false, i);
            assert_eq!(t.check(i), Ok(()));
        }
        t.record(false, 10);
        assert_eq!(t.check(10), Err(60));
        assert_eq!(t.check(70), Ok(()));
        t.record(false, 70);
        assert_eq!(t.check(70), Err(120));
        t.record(true, 200);
        assert_eq!(t.check(200), Ok(()));
        let mut long = Throttle::default();
        for i in 0..30 {
            long.record(false, i);
        }
        assert_eq!(long.check(29), Err(3600));
    }
}
