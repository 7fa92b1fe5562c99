//! The 支部委员会: who holds each role on a day with their 任职日期, a role set or ended from a
//! date, and a new committee installed from a 党员大会's election (换届). A role row holds from
//! `start_on` up to, not including, `end_on`: a term ended "the day before D" is stored as
//! `end_on = D`.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::as_of::roster_on;
use super::{CommitteeRole, Stage};
use crate::branch::{self, BranchPatch};
use crate::change_log;
use crate::error::{Entity, Error, Reason, Result};
use crate::ids::{new_id, parse_required_date};
use crate::sessions::{self, CommitteeNeed, Obligation, ResolutionKind};

/// Members a committee may have at most (3–5 as a rule, at most 7).
pub const COMMITTEE_MAX: usize = crate::limits::COMMITTEE_MAX;

/// One role held on the day asked about.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CommitteeSeat {
    pub role: CommitteeRole,
    pub member_id: String,
    pub name: String,
    /// 任职日期.
    pub start_on: NaiveDate,
    /// The first day it is no longer held, when already set.
    pub end_on: Option<NaiveDate>,
}

/// The committee as of a day: its seats (书记 first, then 副书记, the officers, 委员), and the
/// counts that say whether the branch should have one.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Committee {
    pub as_of: NaiveDate,
    pub seats: Vec<CommitteeSeat>,
    /// Distinct members on the committee.
    pub members: u32,
    /// 正式党员 on the roster that day.
    pub full_members: u32,
    /// Seven 正式党员 or more and fewer than three on the committee (the alarm).
    pub lacking: bool,
}

/// A role set or ended for one member from a date (`YYYY-MM-DD`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RoleChange {
    pub member_id: String,
    pub role: Option<CommitteeRole>,
    pub on: String,
}

/// One seat of an election result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ElectedSeat {
    pub member_id: String,
    pub role: CommitteeRole,
}

/// A passed election of a 党员大会 (the session and the resolution's place in its list, from
/// 0) and the roles it gives.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ElectionResult {
    pub session_id: String,
    pub resolution: u32,
    pub seats: Vec<ElectedSeat>,
}

/// What decides whether a member may hold a role from a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder {
    pub stage: Stage,
    pub joined_on: Option<NaiveDate>,
    pub confirmed_on: Option<NaiveDate>,
    pub archived: bool,
}

/// Refuses a role from `on` for a member who has left, is not a 正式党员, or was not one yet
/// on that day. Pure.
pub fn check_holder(h: &Holder, field: &'static str, on: NaiveDate) -> Result<()> {
    if h.archived {
        return Err(Error::Conflict {
            reason: Reason::AlreadyArchived,
        });
    }
    if h.stage != Stage::Full {
        return Err(Error::validation(field, Reason::RoleNeedsFullMember));
    }
    if h.confirmed_on.or(h.joined_on).is_some_and(|d| on < d) {
        return Err(Error::validation(field, Reason::RoleBeforeFullMember));
    }
    Ok(())
}

/// Refuses an election result without exactly one 书记, with a single-holder role twice, the
/// same member in the same role twice (as a role already held), or more than seven members.
/// Pure.
pub fn check_seats(seats: &[ElectedSeat]) -> Result<()> {
    let secretaries = seats
        .iter()
        .filter(|s| s.role == CommitteeRole::Secretary)
        .count();
    let mut unique = BTreeSet::new();
    let mut pairs = BTreeSet::new();
    for s in seats {
        if !pairs.insert((s.member_id.as_str(), s.role)) {
            return Err(Error::validation("election", Reason::RoleAlreadyHeld));
        }
        if s.role.is_unique() && !unique.insert(s.role) {
            return Err(Error::validation(
                "election",
                Reason::ElectionNeedsSecretary,
            ));
        }
    }
    if secretaries != 1 {
        return Err(Error::validation(
            "election",
            Reason::ElectionNeedsSecretary,
        ));
    }
    let members: BTreeSet<&str> = seats.iter().map(|s| s.member_id.as_str()).collect();
    if members.len() > COMMITTEE_MAX {
        return Err(Error::validation("election", Reason::CommitteeTooLarge));
    }
    Ok(())
}

/// The committee as it stood on `on`.
pub fn committee_on(conn: &Connection, on: NaiveDate) -> Result<Committee> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.role, r.member_id, m.name, r.start_on, r.end_on
         FROM committee_role r JOIN member m ON m.id = r.member_id
         WHERE r.start_on <= ?1 AND (r.end_on IS NULL OR r.end_on > ?1)",
    )?;
    let mut seats: Vec<CommitteeSeat> = stmt
        .query_map([on], |r| {
            Ok(CommitteeSeat {
                role: r.get(0)?,
                member_id: r.get(1)?,
                name: r.get(2)?,
                start_on: r.get(3)?,
                end_on: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let order = crate::collate::name_order(conn)?;
    seats.sort_by_cached_key(|s| (s.role, s.start_on, crate::collate::sort_key(&s.name, order)));
    let members = seats
        .iter()
        .map(|s| s.member_id.as_str())
        .collect::<BTreeSet<_>>()
        .len() as u32;
    let need = CommitteeNeed::of(&roster_on(conn, on)?);
    Ok(Committee {
        as_of: on,
        seats,
        members,
        full_members: need.full,
        lacking: need.committee_lacking(),
    })
}

fn holder(conn: &Connection, member_id: &str) -> Result<Holder> {
    conn.prepare_cached(
        "SELECT stage, joined_on, confirmed_on, archived_on IS NOT NULL FROM member WHERE id = ?1",
    )?
    .query_row([member_id], |r| {
        Ok(Holder {
            stage: r.get(0)?,
            joined_on: r.get(1)?,
            confirmed_on: r.get(2)?,
            archived: r.get(3)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::not_found(Entity::Member, member_id))
}

/// A date that is given, within 1921–2100 and not after today.
fn date_of(field: &'static str, text: &str, today: NaiveDate) -> Result<NaiveDate> {
    let on = parse_required_date(field, text)?;
    if on > today {
        return Err(Error::validation(field, Reason::DateInFuture));
    }
    Ok(on)
}

/// A role ended for its holder, as the change log keeps it.
#[derive(Debug, Clone, Serialize)]
struct Ended {
    member_id: String,
    role: CommitteeRole,
    end_on: NaiveDate,
}

/// Ends `role` for every other holder still in it on `on` (stored end: `on`); refuses when one
/// of them started on or after `on`.
fn end_others(
    conn: &Connection,
    role: CommitteeRole,
    member_id: &str,
    on: NaiveDate,
) -> Result<Vec<Ended>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, member_id, start_on FROM committee_role
         WHERE role = ?1 AND member_id <> ?2 AND (end_on IS NULL OR end_on > ?3)",
    )?;
    let rows = stmt
        .query_map(params![role, member_id, on], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, NaiveDate>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut ended = Vec::new();
    for (id, holder_id, start_on) in rows {
        if start_on >= on {
            return Err(Error::validation(
                "role_from",
                Reason::RoleBeforePredecessor,
            ));
        }
        conn.prepare_cached("UPDATE committee_role SET end_on = ?2 WHERE id = ?1")?
            .execute(params![id, on])?;
        ended.push(Ended {
            member_id: holder_id,
            role,
            end_on: on,
        });
    }
    Ok(ended)
}

fn insert_role(
    conn: &Connection,
    member_id: &str,
    role: CommitteeRole,
    on: NaiveDate,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO committee_role (id, member_id, role, start_on) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![new_id(), member_id, role, on])?;
    Ok(())
}

/// Distinct members holding any role on `on`.
fn members_on(conn: &Connection, on: NaiveDate) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "SELECT count(DISTINCT member_id) FROM committee_role
             WHERE start_on <= ?1 AND (end_on IS NULL OR end_on > ?1)",
        )?
        .query_row([on], |r| r.get::<_, i64>(0))? as usize)
}

/// Gives a member `role` from `on` (任职日期). A single-holder role (书记, 副书记, the
/// officers) ends its previous holder's term the day before. Refused: a member who left or is
/// not a 正式党员 on that day, a role already held then, a date before the current holder's
/// own, a committee of more than seven. Logged. Returns the committee as of today.
pub fn set_role(
    conn: &Connection,
    change: &RoleChange,
    today: NaiveDate,
    actor: &str,
) -> Result<Committee> {
    let (role, on) = role_and_day(change, "role_from", today)?;
    check_holder(&holder(conn, &change.member_id)?, "role_from", on)?;
    let held: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM committee_role WHERE member_id = ?1 AND role = ?2
               AND (end_on IS NULL OR end_on > ?3))",
        )?
        .query_row(params![change.member_id, role, on], |r| r.get(0))?;
    if held {
        return Err(Error::validation("roles", Reason::RoleAlreadyHeld));
    }
    let ended = if role.is_unique() {
        end_others(conn, role, &change.member_id, on)?
    } else {
        Vec::new()
    };
    insert_role(conn, &change.member_id, role, on)?;
    if members_on(conn, on)? > COMMITTEE_MAX || members_on(conn, today)? > COMMITTEE_MAX {
        return Err(Error::validation("roles", Reason::CommitteeTooLarge));
    }
    #[derive(Serialize)]
    struct Detail<'a> {
        role: CommitteeRole,
        from: NaiveDate,
        ended: &'a [Ended],
    }
    let detail = Detail {
        role,
        from: on,
        ended: &ended,
    };
    logged(conn, actor, change, "set", &detail, today)
}

/// Ends a member's `role` from `on`: the first day it is no longer held. Logged.
pub fn end_role(
    conn: &Connection,
    change: &RoleChange,
    today: NaiveDate,
    actor: &str,
) -> Result<Committee> {
    let (role, on) = role_and_day(change, "role_until", today)?;
    let row: Option<(String, NaiveDate)> = conn
        .prepare_cached(
            "SELECT id, start_on FROM committee_role
             WHERE member_id = ?1 AND role = ?2 AND start_on <= ?3
               AND (end_on IS NULL OR end_on > ?3)",
        )?
        .query_row(params![change.member_id, role, on], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((id, start_on)) = row else {
        holder(conn, &change.member_id)?;
        return Err(Error::validation("role_until", Reason::RoleNotHeld));
    };
    if on <= start_on {
        return Err(Error::validation("role_until", Reason::SpanOrder));
    }
    conn.prepare_cached("UPDATE committee_role SET end_on = ?2 WHERE id = ?1")?
        .execute(params![id, on])?;
    let ended = Ended {
        member_id: change.member_id.clone(),
        role,
        end_on: on,
    };
    logged(conn, actor, change, "end", &ended, today)
}

/// The role a change names and its day (`field`: which day it is), both checked.
fn role_and_day(
    change: &RoleChange,
    field: &'static str,
    today: NaiveDate,
) -> Result<(CommitteeRole, NaiveDate)> {
    let role = change
        .role
        .ok_or_else(|| Error::validation("roles", Reason::Required))?;
    Ok((role, date_of(field, &change.on, today)?))
}

/// Logs a role change of the member and gives the committee as of today.
fn logged(
    conn: &Connection,
    actor: &str,
    change: &RoleChange,
    action: &str,
    detail: &impl Serialize,
    today: NaiveDate,
) -> Result<Committee> {
    change_log::record(
        conn,
        actor,
        "committee_role",
        &change.member_id,
        action,
        detail,
    )?;
    committee_on(conn, today)
}

/// Installs the committee a 党员大会 elected (换届): every role held on the session's day ends
/// the day before, the elected roles start that day, and the branch's term starts that day.
/// Refused unless the resolution is a passed election of a 党员大会; the seats must have one
/// 书记, each single-holder role once, at most seven members, each a 正式党员 by that day.
/// Logged with the session it comes from.
pub fn install_from_election(
    conn: &Connection,
    result: &ElectionResult,
    today: NaiveDate,
    actor: &str,
) -> Result<Committee> {
    let session = sessions::get(conn, &result.session_id)?;
    let resolution = session
        .resolutions
        .get(result.resolution as usize)
        .ok_or_else(|| Error::validation("resolution", Reason::InvalidValue))?;
    if resolution.kind != ResolutionKind::Election
        || !resolution.passed
        || !session.counts_for.contains(&Obligation::GeneralMeeting)
    {
        return Err(Error::Conflict {
            reason: Reason::ResolutionNotElection,
        });
    }
    let on = session.held_on;
    check_seats(&result.seats)?;
    for seat in &result.seats {
        check_holder(&holder(conn, &seat.member_id)?, "election", on)?;
    }
    let later: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM committee_role WHERE start_on >= ?1)")?
        .query_row([on], |r| r.get(0))?;
    if later {
        return Err(Error::validation("election", Reason::RoleBeforePredecessor));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, role FROM committee_role WHERE end_on IS NULL OR end_on > ?1",
    )?;
    let ended = stmt
        .query_map([on], |r| {
            Ok(Ended {
                member_id: r.get(0)?,
                role: r.get(1)?,
                end_on: on,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    conn.prepare_cached(
        "UPDATE committee_role SET end_on = ?1 WHERE end_on IS NULL OR end_on > ?1",
    )?
    .execute([on])?;
    for seat in &result.seats {
        insert_role(conn, &seat.member_id, seat.role, on)?;
    }
    branch::set(
        conn,
        &BranchPatch {
            term_start: Some(on.to_string()),
            ..Default::default()
        },
        today,
        actor,
    )?;
    #[derive(Serialize)]
    struct Detail<'a> {
        session_id: &'a str,
        held_on: NaiveDate,
        resolution: &'a str,
        seats: &'a [ElectedSeat],
        ended: &'a [Ended],
    }
    change_log::record(
        conn,
        actor,
        "committee",
        &result.session_id,
        "election",
        &Detail {
            session_id: &result.session_id,
            held_on: on,
            resolution: &resolution.title,
            seats: &result.seats,
            ended: &ended,
        },
    )?;
    committee_on(conn, today.max(on))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn who_may_hold_a_role_from_a_day() {
        let full = Holder {
            stage: Stage::Full,
            joined_on: Some(d("2015-06-01")),
            confirmed_on: Some(d("2016-06-01")),
            archived: false,
        };
        let reason = |h: Holder, on: &str| match check_holder(&h, "role_from", d(on)) {
            Ok(()) => None,
            Err(Error::Validation { reason, .. } | Error::Conflict { reason }) => Some(reason),
            Err(e) => panic!("{e}"),
        };
        for (h, on, want) in [
            (full, "2016-06-01", None),
            (full, "2024-01-01", None),
            (full, "2016-05-31", Some(Reason::RoleBeforeFullMember)),
            (full, "2015-06-01", Some(Reason::RoleBeforeFullMember)),
            (
                Holder {
                    confirmed_on: None,
                    ..full
                },
                "2015-06-01",
                None,
            ),
            (
                Holder {
                    confirmed_on: None,
                    ..full
                },
                "2015-05-31",
                Some(Reason::RoleBeforeFullMember),
            ),
            (
                Holder {
                    stage: Stage::Probationary,
                    confirmed_on: None,
                    ..full
                },
                "2024-01-01",
                Some(Reason::RoleNeedsFullMember),
            ),
            (
                Holder {
                    archived: true,
                    ..full
                },
                "2024-01-01",
                Some(Reason::AlreadyArchived),
            ),
        ] {
            assert_eq!(reason(h, on), want, "{h:?} {on}");
        }
    }

    #[test]
    fn an_election_result_has_one_secretary_and_at_most_seven_members() {
        use CommitteeRole::*;
        let seat = |m: &str, role| ElectedSeat {
            member_id: m.into(),
            role,
        };
        let ok = |seats: Vec<ElectedSeat>| match check_seats(&seats) {
            Ok(()) => None,
            Err(Error::Validation { reason, .. }) => Some(reason),
            Err(e) => panic!("{e}"),
        };
        let seven: Vec<ElectedSeat> = std::iter::once(seat("a", Secretary))
            .chain(["b", "c", "d", "e", "f", "g"].map(|m| seat(m, CommitteeMember)))
            .collect();
        let mut eight = seven.clone();
        eight.push(seat("h", CommitteeMember));
        for (seats, want) in [
            (vec![seat("a", Secretary)], None),
            (
                vec![
                    seat("a", Secretary),
                    seat("b", DeputySecretary),
                    seat("c", OrganizationOfficer),
                    seat("c", CommitteeMember),
                ],
                None,
            ),
            (seven, None),
            (eight, Some(Reason::CommitteeTooLarge)),
            (vec![], Some(Reason::ElectionNeedsSecretary)),
            (
                vec![seat("b", DeputySecretary), seat("c", CommitteeMember)],
                Some(Reason::ElectionNeedsSecretary),
            ),
            (
                vec![seat("a", Secretary), seat("b", Secretary)],
                Some(Reason::ElectionNeedsSecretary),
            ),
            (
                vec![
                    seat("a", Secretary),
                    seat("b", PublicityOfficer),
                    seat("c", PublicityOfficer),
                ],
                Some(Reason::ElectionNeedsSecretary),
            ),
            (
                vec![
                    seat("a", Secretary),
                    seat("b", CommitteeMember),
                    seat("b", CommitteeMember),
                ],
                Some(Reason::RoleAlreadyHeld),
            ),
        ] {
            let label = format!("{seats:?}");
            assert_eq!(ok(seats), want, "{label}");
        }
    }
}
