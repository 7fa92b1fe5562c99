//! The 支部委员会 on a real database: roles set and ended from a date, a committee installed
//! from a 党员大会's election, and a passed admission or 转正 resolution turned into its stage
//! change (after which the 转正 reminder is gone).

mod common;

use common::*;
use zhibu::alarms::{alarms, AlarmKind};
use zhibu::members::committee::{self, Committee, ElectedSeat, ElectionResult, RoleChange};
use zhibu::members::{self, ArchiveInput, CommitteeRole, MemberInput, MemberStatus, Stage};
use zhibu::pipeline::{self, PipelineStep, StepInput};
use zhibu::sessions::{self, AttendanceStatus, ResolutionInput, ResolutionKind, SessionInput};
use zhibu::{Db, Error, Reason};

use CommitteeRole::*;

/// Full members 党员0.. confirmed 2006-01-01 (born 1980, joined 2005).
fn roster(db: &Db, n: u32) -> Vec<String> {
    (0..n)
        .map(|i| new_member(db, &full_member(&format!("党员{i}"), "1980-01-01", i)))
        .collect()
}

fn set(db: &Db, id: &str, role: CommitteeRole, on: &str) -> Result<Committee, Error> {
    let change = RoleChange {
        member_id: id.into(),
        role: Some(role),
        on: on.into(),
    };
    db.write(|tx| committee::set_role(tx, &change, today(), ACTOR))
}

fn end(db: &Db, id: &str, role: CommitteeRole, on: &str) -> Result<Committee, Error> {
    let change = RoleChange {
        member_id: id.into(),
        role: Some(role),
        on: on.into(),
    };
    db.write(|tx| committee::end_role(tx, &change, today(), ACTOR))
}

fn on(db: &Db, day: &str) -> Vec<(CommitteeRole, String, String)> {
    db.read(|c| committee::committee_on(c, d(day)))
        .unwrap()
        .seats
        .into_iter()
        .map(|s| (s.role, s.name, s.start_on.to_string()))
        .collect()
}

fn seat(role: CommitteeRole, name: &str, from: &str) -> (CommitteeRole, String, String) {
    (role, name.to_string(), from.to_string())
}

/// Rows of the role table and of the change log: what a refusal must leave as it was.
fn stored(db: &Db) -> (i64, i64, String) {
    db.read(|c| {
        Ok(c.query_row(
            "SELECT (SELECT count(*) FROM committee_role), (SELECT count(*) FROM change_log),
                    (SELECT coalesce(group_concat(coalesce(end_on, '-')), '') FROM committee_role)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    })
    .unwrap()
}

fn reason(r: Result<Committee, Error>) -> Reason {
    match r {
        Err(e) => e.reason().unwrap_or_else(|| panic!("{e}")),
        Ok(c) => panic!("expected a refusal, got {c:?}"),
    }
}

#[test]
fn a_new_secretary_ends_the_previous_term_the_day_before() {
    let (_dir, _path, db) = branch_db();
    let ids = roster(&db, 4);
    set(&db, &ids[0], Secretary, "2025-01-01").unwrap();
    set(&db, &ids[1], OrganizationOfficer, "2025-01-01").unwrap();
    set(&db, &ids[2], CommitteeMember, "2025-03-01").unwrap();
    let c = set(&db, &ids[3], CommitteeMember, "2025-03-01").unwrap();
    assert_eq!(c.members, 4);
    assert_eq!(
        on(&db, "2025-03-01"),
        [
            seat(Secretary, "党员0", "2025-01-01"),
            seat(OrganizationOfficer, "党员1", "2025-01-01"),
            seat(CommitteeMember, "党员2", "2025-03-01"),
            seat(CommitteeMember, "党员3", "2025-03-01"),
        ]
    );
    // 党员1 becomes 书记 from 2026-03-01: 党员0's term ends on 2026-02-28.
    set(&db, &ids[1], Secretary, "2026-03-01").unwrap();
    assert_eq!(
        on(&db, "2026-02-28")[0],
        seat(Secretary, "党员0", "2025-01-01")
    );
    let after = on(&db, "2026-03-01");
    assert_eq!(after[0], seat(Secretary, "党员1", "2026-03-01"));
    assert!(after.iter().all(|s| s.1 != "党员0"), "{after:?}");
    let m = db.read(|c| members::get(c, &ids[1], today())).unwrap();
    assert_eq!(m.roles, [Secretary, OrganizationOfficer]);
    // Plain 委员 are many: a third one ends nobody's term.
    set(&db, &ids[0], CommitteeMember, "2026-04-01").unwrap();
    assert_eq!(on(&db, "2026-04-01").len(), 5);
    // Ended from a day: held until the day before.
    end(&db, &ids[2], CommitteeMember, "2026-06-01").unwrap();
    assert!(on(&db, "2026-05-31").iter().any(|s| s.1 == "党员2"));
    assert!(on(&db, "2026-06-01").iter().all(|s| s.1 != "党员2"));
    let log: Vec<String> = db
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT action FROM change_log WHERE entity = 'committee_role' ORDER BY seq",
            )?;
            let rows = stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows)
        })
        .unwrap();
    assert_eq!(log, ["set", "set", "set", "set", "set", "set", "end"]);
}

#[test]
fn a_role_refused_leaves_everything_as_it_was() {
    let (_dir, _path, db) = branch_db();
    let ids = roster(&db, 8);
    set(&db, &ids[0], Secretary, "2025-01-01").unwrap();
    for id in &ids[1..7] {
        set(&db, id, CommitteeMember, "2025-01-01").unwrap();
    }
    let probationary = new_member(
        &db,
        &MemberInput {
            stage: Some(Stage::Probationary),
            joined_on: Some("2026-06-01".into()),
            confirmed_on: None,
            ..full_member("预备", "1999-01-01", 40)
        },
    );
    let gone = new_member(&db, &full_member("转出", "1970-01-01", 41));
    let archive = ArchiveInput {
        reason: Some(MemberStatus::TransferredOut),
        archived_on: "2026-01-01".into(),
        note: String::new(),
    };
    db.write(|tx| members::archive(tx, &gone, &archive, today(), ACTOR))
        .unwrap();
    let before = stored(&db);
    for (id, role, day, want) in [
        (
            &ids[7],
            CommitteeMember,
            "2026-01-01",
            Reason::CommitteeTooLarge,
        ),
        (
            &ids[7],
            Secretary,
            "2024-12-31",
            Reason::RoleBeforePredecessor,
        ),
        (&ids[0], Secretary, "2026-01-01", Reason::RoleAlreadyHeld),
        (
            &ids[7],
            DeputySecretary,
            "2005-12-31",
            Reason::RoleBeforeFullMember,
        ),
        (
            &ids[7],
            DeputySecretary,
            "1900-01-01",
            Reason::DateOutOfRange,
        ),
        (
            &ids[7],
            DeputySecretary,
            "2101-01-01",
            Reason::DateOutOfRange,
        ),
        (&ids[7], DeputySecretary, "2026-11-23", Reason::DateInFuture),
        (&ids[7], DeputySecretary, "", Reason::Required),
        (&ids[7], DeputySecretary, "2026-13-01", Reason::InvalidDate),
        (
            &probationary,
            DeputySecretary,
            "2026-10-01",
            Reason::RoleNeedsFullMember,
        ),
        (
            &gone,
            DeputySecretary,
            "2025-10-01",
            Reason::AlreadyArchived,
        ),
    ] {
        assert_eq!(reason(set(&db, id, role, day)), want, "{role:?} {day}");
        assert_eq!(stored(&db), before, "{role:?} {day}: nothing kept");
    }
    for (id, role, day, want) in [
        (&ids[1], Secretary, "2026-01-01", Reason::RoleNotHeld),
        (&ids[0], Secretary, "2025-01-01", Reason::SpanOrder),
        (&ids[0], Secretary, "2024-06-01", Reason::RoleNotHeld),
        (&ids[0], Secretary, "2026-12-01", Reason::DateInFuture),
    ] {
        assert_eq!(reason(end(&db, id, role, day)), want, "{role:?} {day}");
        assert_eq!(stored(&db), before, "{role:?} {day}: nothing kept");
    }
    // Once a 委员 steps down, the seventh member fits.
    end(&db, &ids[6], CommitteeMember, "2026-02-01").unwrap();
    set(&db, &ids[7], CommitteeMember, "2026-02-01").unwrap();
}

/// A 支部党员大会 on `on`, everyone present, with one resolution of `kind`.
fn general_meeting(
    db: &Db,
    on: &str,
    kind: ResolutionKind,
    votes_for: u32,
    subject: Option<&str>,
) -> String {
    let input = SessionInput {
        kind: "general_meeting".into(),
        held_on: on.into(),
        others: Some(AttendanceStatus::Present),
        resolutions: vec![ResolutionInput {
            title: kind.label().into(),
            kind,
            votes_for,
            votes_against: 0,
            votes_abstain: 0,
            passed: false,
            written: vec![],
            subject_id: subject.map(str::to_string),
        }],
        ..Default::default()
    };
    let mut s = db
        .write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
    // Saved as passed when the votes carry it, as the form does.
    if s.resolutions[0].kind != ResolutionKind::Resolution || votes_for > 0 {
        let mut input = input.clone();
        input.resolutions[0].passed = votes_for * 2 > s.head_count.expected;
        s = db
            .write(|tx| sessions::update(tx, &s.id, &input, today(), ACTOR))
            .unwrap();
    }
    s.id
}

fn elect(db: &Db, session: &str, seats: &[(&str, CommitteeRole)]) -> Result<Committee, Error> {
    let result = ElectionResult {
        session_id: session.into(),
        resolution: 0,
        seats: seats
            .iter()
            .map(|(id, role)| ElectedSeat {
                member_id: id.to_string(),
                role: *role,
            })
            .collect(),
    };
    db.write(|tx| committee::install_from_election(tx, &result, today(), ACTOR))
}

#[test]
fn an_election_installs_the_new_committee_from_the_meeting_day() {
    let (_dir, _path, db) = branch_db();
    let ids = roster(&db, 7);
    set(&db, &ids[0], Secretary, "2025-01-01").unwrap();
    set(&db, &ids[1], CommitteeMember, "2025-01-01").unwrap();
    set(&db, &ids[2], CommitteeMember, "2025-01-01").unwrap();
    let failed = general_meeting(&db, "2026-09-01", ResolutionKind::Election, 3, None);
    let plain = general_meeting(&db, "2026-09-02", ResolutionKind::Resolution, 7, None);
    let election = general_meeting(&db, "2026-10-10", ResolutionKind::Election, 7, None);
    let new = [
        (ids[3].as_str(), Secretary),
        (ids[4].as_str(), DeputySecretary),
        (ids[1].as_str(), OrganizationOfficer),
    ];
    let before = stored(&db);
    for (session, seats, want) in [
        (&failed, &new[..], Reason::ResolutionNotElection),
        (&plain, &new[..], Reason::ResolutionNotElection),
        (&election, &new[1..], Reason::ElectionNeedsSecretary),
    ] {
        assert_eq!(reason(elect(&db, session, seats)), want, "{session}");
        assert_eq!(stored(&db), before, "nothing kept");
    }
    elect(&db, &election, &new).unwrap();
    assert_eq!(
        on(&db, "2026-10-09"),
        [
            seat(Secretary, "党员0", "2025-01-01"),
            seat(CommitteeMember, "党员1", "2025-01-01"),
            seat(CommitteeMember, "党员2", "2025-01-01"),
        ]
    );
    assert_eq!(
        on(&db, "2026-10-10"),
        [
            seat(Secretary, "党员3", "2026-10-10"),
            seat(DeputySecretary, "党员4", "2026-10-10"),
            seat(OrganizationOfficer, "党员1", "2026-10-10"),
        ]
    );
    // The new term starts that day; the change log names the session.
    let b = db.read(zhibu::branch::require).unwrap();
    assert_eq!(b.term_start, Some(d("2026-10-10")));
    assert_eq!(b.term_end, None);
    let (entity_id, detail): (String, String) = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT entity_id, detail FROM change_log WHERE entity = 'committee'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    assert_eq!(entity_id, election);
    assert!(detail.contains("\"held_on\":\"2026-10-10\""), "{detail}");
    // Installing it twice is refused: the roles from that day are already there.
    assert_eq!(
        reason(elect(&db, &election, &new)),
        Reason::RoleBeforePredecessor
    );
}

fn record(db: &Db, id: &str, step: PipelineStep, on: &str) {
    let input = StepInput {
        member_id: id.into(),
        step: Some(step),
        done_on: on.into(),
        months: None,
        note: String::new(),
    };
    db.write(|tx| pipeline::record_step(tx, &input, today(), ACTOR))
        .unwrap();
}

fn apply(db: &Db, session: &str) -> Result<members::Member, Error> {
    db.write(|tx| pipeline::apply_resolution(tx, session, 0, today(), ACTOR))
}

#[test]
fn a_passed_admission_and_confirmation_make_the_stage_change_and_the_reminder_clears() {
    let (_dir, _path, db) = branch_db();
    roster(&db, 3);
    let candidate = new_member(
        &db,
        &MemberInput {
            stage: Some(Stage::Candidate),
            stage_date: Some("2025-03-01".into()),
            joined_on: None,
            confirmed_on: None,
            introducers: "党员0、党员1".into(),
            ..full_member("王晨", "1998-05-01", 30)
        },
    );
    record(&db, &candidate, PipelineStep::PoliticalReview, "2025-06-01");
    record(&db, &candidate, PipelineStep::Training, "2025-07-01");
    // A failed vote, and a passed plain resolution, are no admission.
    let failed = general_meeting(
        &db,
        "2025-10-09",
        ResolutionKind::Admission,
        1,
        Some(&candidate),
    );
    assert_eq!(
        apply(&db, &failed).unwrap_err().reason(),
        Some(Reason::ResolutionNotStageChange)
    );
    let admitted = general_meeting(
        &db,
        "2025-10-10",
        ResolutionKind::Admission,
        3,
        Some(&candidate),
    );
    let m = apply(&db, &admitted).unwrap();
    assert_eq!(m.stage, Stage::Probationary);
    assert_eq!(m.joined_on, Some(d("2025-10-10")), "the meeting's day");
    assert_eq!(
        apply(&db, &admitted).unwrap_err().reason(),
        Some(Reason::ResolutionSubjectStage),
        "done once"
    );
    record(&db, &candidate, PipelineStep::Approval, "2025-11-01");
    let reminded = |on: &str| {
        db.read(|c| alarms(c, d(on))).unwrap().into_iter().any(|a| {
            a.kind == AlarmKind::ProbationEnding && a.member_id.as_deref() == Some(&candidate)
        })
    };
    assert!(reminded("2026-10-15"), "the 预备期 ended on 2026-10-10");
    let confirmed = general_meeting(
        &db,
        "2026-10-20",
        ResolutionKind::Confirmation,
        3,
        Some(&candidate),
    );
    let m = apply(&db, &confirmed).unwrap();
    assert_eq!(m.stage, Stage::Full);
    assert_eq!(
        m.confirmed_on,
        Some(d("2026-10-10")),
        "the day the 预备期 ends, not the meeting's"
    );
    assert!(!reminded("2026-10-21"), "the 转正 reminder is gone");
    let actions: Vec<String> = db
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT action FROM change_log WHERE entity_id = ?1 AND entity = 'member'
                 ORDER BY seq",
            )?;
            let rows = stmt
                .query_map([&candidate], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows)
        })
        .unwrap();
    assert_eq!(
        actions,
        [
            "create",
            "update",
            "stage_from_resolution",
            "update",
            "stage_from_resolution"
        ]
    );
}
