//! 手机查学时: members look up their own 学时 on their phones, on a page this computer serves
//! on the office network while the secretary allows it. This module holds what the server
//! answers and keeps (the answer, the throttles, the look-up log); `server` serves it over
//! HTTP, `qr` draws the address as a QR code, `page` is the built phone page.

pub mod page;
pub mod qr;
pub mod server;
pub mod statement;

use std::collections::HashMap;
use std::net::IpAddr;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use crate::code_enum;
use crate::error::{Error, Reason, Result};
use crate::ids::new_id;
use crate::sessions::AttendanceStatus;
use crate::study::progress::CategoryHours;
use crate::study::{self_check, MemberStatement, Throttle};
use crate::Db;

pub use server::{PhoneServer, ShareOptions};

/// The port a share opens on unless it is taken: the same address, and QR code, every time.
pub const DEFAULT_PORT: u16 = 8730;
/// The longest a share may stay open: a working day.
pub const MAX_MINUTES: u32 = crate::limits::PHONE_SHARE_MINUTES_MAX;
/// What the secretary is offered first.
pub const DEFAULT_MINUTES: u32 = 30;
/// Wrong tries from one client address (over any names) before it is locked out for a
/// minute, doubling: enough for a few members sharing a phone to mistype, too few to guess.
pub const CLIENT_FREE_TRIES: u32 = 20;
/// The longest name kept in the log: what is typed beyond is not a name.
const LOGGED_NAME_CHARS: usize = 40;

/// One member's year as the phone page shows it: the same figures as the desktop's 我的学时
/// (`self_check::statement`), and nothing else. No 身份证号, phone or address.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MyHours {
    pub name: String,
    pub year: i32,
    /// The hours that count toward the target.
    pub hours: f64,
    /// None when exempt from the year's target.
    pub target: Option<f64>,
    /// At or ahead of the pace expected by today (always, when exempt).
    pub on_track: bool,
    pub categories: Vec<CategoryHours>,
    /// The sessions attended and the activities taken part in, newest first.
    pub attended: Vec<Attended>,
}

code_enum!(
    /// What a member attended: a meeting (三会一课 and the others) or an activity.
    AttendedKind {
        Session = "session" / "会议",
        Activity = "activity" / "活动",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Attended {
    pub date: NaiveDate,
    pub kind: AttendedKind,
    /// The session's kind (支部党员大会, 主题党日 …) or the activity's kind.
    pub label: String,
    /// The session's topic, or the activity's name (微讲堂 第20期).
    pub title: String,
    /// The 学时 it credited (corrections applied), 0 when none.
    pub hours: f64,
}

/// A member's year for the phone page, read with the desktop's own functions.
pub fn my_hours(conn: &Connection, member_id: &str, today: NaiveDate) -> Result<MyHours> {
    let year = today.year();
    let statement = self_check::statement(conn, member_id, year, today)?;
    let attended = attended_of(conn, member_id, &statement)?;
    let progress = statement.progress;
    Ok(MyHours {
        name: progress.name,
        year,
        hours: progress.hours,
        target: progress.target,
        on_track: progress.on_track,
        categories: progress.by_category,
        attended,
    })
}

/// The sessions a member attended (present) and the activities they took part in during the
/// statement's year, newest first, each with the 学时 it credited (corrections applied).
pub(crate) fn attended_of(
    conn: &Connection,
    member_id: &str,
    statement: &MemberStatement,
) -> Result<Vec<Attended>> {
    let credited = |session: Option<&str>, activity: Option<&str>| -> f64 {
        statement
            .entries
            .iter()
            .filter(|e| e.counts())
            .filter(|e| {
                (session.is_some() && e.session_id.as_deref() == session)
                    || (activity.is_some() && e.activity_id.as_deref() == activity)
            })
            // fold, not sum: an empty sum of floats is -0, shown as "-0".
            .fold(0.0, |total, e| total + e.hours)
    };
    let mut attended: Vec<Attended> = statement
        .attendance
        .rows
        .iter()
        .filter(|r| r.status == AttendanceStatus::Present)
        .map(|r| Attended {
            date: r.held_on,
            kind: AttendedKind::Session,
            label: r.kind_label.clone(),
            title: r.topic.clone(),
            hours: credited(Some(&r.session_id), None),
        })
        .collect();
    for (id, date, label, title) in activities_of(conn, member_id, statement.year)? {
        attended.push(Attended {
            date,
            kind: AttendedKind::Activity,
            label,
            title,
            hours: credited(None, Some(&id)),
        });
    }
    attended.sort_by_key(|a| std::cmp::Reverse(a.date));
    Ok(attended)
}

/// The activities a member took part in during `year`: id, day, kind, name.
fn activities_of(
    conn: &Connection,
    member_id: &str,
    year: i32,
) -> Result<Vec<(String, NaiveDate, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.held_on, a.kind, a.series, a.issue_no, a.title
         FROM activity a JOIN activity_participant p ON p.activity_id = a.id
         WHERE p.member_id = ?1 AND a.held_on BETWEEN ?2 AND ?3
         ORDER BY a.held_on DESC, a.id",
    )?;
    let (first, last) = crate::ids::year_bounds(year);
    let rows = stmt
        .query_map(params![member_id, first, last], |r| {
            let kind: String = r.get(2)?;
            let series: String = r.get(3)?;
            let issue: Option<u32> = r.get(4)?;
            let title: String = r.get(5)?;
            let label = kind
                .parse::<crate::activities::ActivityKind>()
                .map_or(kind.clone(), |k| k.label().to_string());
            let name = crate::activities::display_name(&series, issue, &title);
            Ok((r.get(0)?, r.get(1)?, label, name))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

code_enum!(
    /// How a look-up from a phone ended.
    LookupOutcome {
        Shown = "shown" / "已显示",
        Refused = "refused" / "姓名或密码不正确",
        Throttled = "throttled" / "尝试过多被拒绝",
        Unavailable = "unavailable" / "未能查询",
    }
);

/// One line of the look-up log the secretary reads.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PhoneLookup {
    /// Local date and time, `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
    /// The name as typed (cut to 40 characters).
    pub name_tried: String,
    /// The phone's address on the network.
    pub client: String,
    pub outcome: LookupOutcome,
    /// Whether the page was refused (anything but shown).
    pub refused: bool,
}

fn log_lookup(
    conn: &Connection,
    at: NaiveDateTime,
    name_tried: &str,
    client: IpAddr,
    outcome: LookupOutcome,
) -> Result<()> {
    let name: String = name_tried
        .chars()
        .filter(|c| !c.is_control())
        .take(LOGGED_NAME_CHARS)
        .collect();
    conn.execute(
        "INSERT INTO phone_lookup (id, at, name_tried, client, outcome) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            new_id(),
            at.format("%Y-%m-%d %H:%M:%S").to_string(),
            name,
            client.to_string(),
            outcome
        ],
    )?;
    Ok(())
}

/// The look-up log, newest first, at most `limit` lines.
pub fn lookups(conn: &Connection, limit: u32) -> Result<Vec<PhoneLookup>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, name_tried, client, outcome FROM phone_lookup
         ORDER BY at DESC, id DESC LIMIT ?1",
    )?;
    let rows = stmt
        .query_map([limit], |r| {
            let outcome: LookupOutcome = r.get(3)?;
            Ok(PhoneLookup {
                at: r.get(0)?,
                name_tried: r.get(1)?,
                client: r.get(2)?,
                refused: outcome != LookupOutcome::Shown,
                outcome,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The wrong-try throttles of one share: per name tried (the desktop's rule: five wrong tries
/// lock the name for a minute, doubling) and per client address (over every name).
#[derive(Debug, Default)]
pub struct Gate {
    names: HashMap<String, Throttle>,
    clients: HashMap<IpAddr, Throttle>,
}

/// How a look-up ended, for the server to answer.
#[derive(Debug)]
pub enum Answer {
    Shown(Box<MyHours>),
    /// A wrong name or secret: the same for both.
    Refused,
    Throttled,
    /// The look-up could not be made (by last six before the secretary's first unlock, a
    /// database error): the reason's sentence.
    Unavailable(Error),
}

impl Gate {
    /// Looks up a member by name and secret (PIN, or last six of the 身份证号 per the branch's
    /// setting) under the throttles, and logs it. `now` is the local time: the throttles'
    /// clock, the log's time and "today".
    pub fn look_up(
        &mut self,
        db: &Db,
        name: &str,
        secret: &str,
        client: IpAddr,
        now: NaiveDateTime,
    ) -> Answer {
        let seconds = now.and_utc().timestamp();
        let key: String = name.trim().chars().take(LOGGED_NAME_CHARS).collect();
        let by_client = self
            .clients
            .entry(client)
            .or_insert_with(|| Throttle::allowing(CLIENT_FREE_TRIES));
        let answer = if by_client.check(seconds).is_err()
            || self
                .names
                .get(&key)
                .is_some_and(|t| t.check(seconds).is_err())
        {
            Answer::Throttled
        } else {
            let found = if name.chars().count() > LOGGED_NAME_CHARS {
                Err(Error::Conflict {
                    reason: Reason::WrongPin,
                })
            } else {
                db.read(|conn| {
                    let id = self_check::identify(conn, name, secret)?;
                    my_hours(conn, &id, now.date())
                })
            };
            match found {
                Ok(hours) => {
                    self.names.entry(key).or_default().record(true, seconds);
                    Answer::Shown(Box::new(hours))
                }
                Err(e) if e.reason() == Some(Reason::WrongPin) => {
                    self.names.entry(key).or_default().record(false, seconds);
                    // Only wrong tries count per address: a member's own right PIN must not
                    // reset the count of someone guessing others' from the same phone.
                    self.clients
                        .entry(client)
                        .or_insert_with(|| Throttle::allowing(CLIENT_FREE_TRIES))
                        .record(false, seconds);
                    Answer::Refused
                }
                Err(e) => Answer::Unavailable(e),
            }
        };
        let outcome = match &answer {
            Answer::Shown(_) => LookupOutcome::Shown,
            Answer::Refused => LookupOutcome::Refused,
            Answer::Throttled => LookupOutcome::Throttled,
            Answer::Unavailable(_) => LookupOutcome::Unavailable,
        };
        // The log is kept while the app is locked too (sealed at the next unlock).
        if let Err(e) = db.write_unkeyed(|tx| log_lookup(tx, now, name, client, outcome)) {
            return Answer::Unavailable(e);
        }
        answer
    }
}

/// Checks how long a share stays open: 1 to 480 minutes.
pub fn check_minutes(minutes: u32) -> Result<u32> {
    if (1..=MAX_MINUTES).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(Error::validation("share_minutes", Reason::PhoneMinutes))
    }
}

/// One of the computer's network addresses a share can be opened on.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct NetworkAddress {
    pub ip: String,
    /// The interface's system name (wlan0, 以太网 …).
    pub interface: String,
    /// This computer only: phones cannot reach it (for trying the page here).
    pub loopback: bool,
}

/// The computer's IPv4 addresses, those phones can reach first, this computer's own last.
/// Never the "all interfaces" address.
pub fn network_addresses() -> Result<Vec<NetworkAddress>> {
    let mut found: Vec<NetworkAddress> = if_addrs::get_if_addrs()?
        .into_iter()
        .filter(|i| i.ip().is_ipv4() && !i.ip().is_unspecified())
        .map(|i| NetworkAddress {
            ip: i.ip().to_string(),
            loopback: i.is_loopback(),
            interface: i.name,
        })
        .collect();
    found.sort_by(|a, b| (a.loopback, &a.ip).cmp(&(b.loopback, &b.ip)));
    found.dedup_by(|a, b| a.ip == b.ip);
    Ok(found)
}

/// `ip` when it is one of the computer's addresses (as [`network_addresses`] lists them);
/// else refused: never all interfaces, never an address this computer does not have.
pub fn share_address(ip: &str) -> Result<IpAddr> {
    let parsed: IpAddr = ip
        .trim()
        .parse()
        .map_err(|_| Error::validation("bind", Reason::InvalidValue))?;
    if parsed.is_unspecified() {
        return Err(Error::validation("bind", Reason::PhoneAllInterfaces));
    }
    if !network_addresses()?
        .iter()
        .any(|a| a.ip == parsed.to_string())
    {
        return Err(Error::validation("bind", Reason::InvalidValue));
    }
    Ok(parsed)
}

/// What the window shows of the share: whether it is open, where, until when, its QR code.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ShareStatus {
    pub running: bool,
    /// `http://192.168.1.5:8730/`
    pub url: Option<String>,
    /// When it closes by itself, `HH:MM` local time.
    pub until: Option<String>,
    /// The address as an SVG QR code.
    pub qr_svg: Option<String>,
}

impl ShareStatus {
    pub fn off() -> Self {
        ShareStatus {
            running: false,
            url: None,
            until: None,
            qr_svg: None,
        }
    }

    pub fn of(server: Option<&PhoneServer>) -> Self {
        match server {
            Some(s) if s.is_running() => ShareStatus {
                running: true,
                url: Some(s.url()),
                until: Some(s.until().format("%H:%M").to_string()),
                qr_svg: Some(qr::svg(&s.url())),
            },
            _ => ShareStatus::off(),
        }
    }
}

/// Opens a share for the window: on `ip` (one of the computer's addresses), for `minutes`
/// (1 to 480), on the usual port or, when it is taken, any free one.
pub fn open_share(
    db: std::sync::Arc<Db>,
    ip: &str,
    minutes: u32,
    clock: crate::ids::Clock,
) -> Result<PhoneServer> {
    let bind = share_address(ip)?;
    let minutes = check_minutes(minutes)?;
    let mut options = ShareOptions {
        bind,
        port: DEFAULT_PORT,
        duration: std::time::Duration::from_secs(u64::from(minutes) * 60),
    };
    match PhoneServer::start(std::sync::Arc::clone(&db), &options, clock.clone()) {
        Err(Error::Validation {
            reason: Reason::PhoneAddressInUse,
            ..
        }) => {
            options.port = 0;
            PhoneServer::start(db, &options, clock)
        }
        other => other,
    }
}
