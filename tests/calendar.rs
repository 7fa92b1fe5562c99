//! The obligation calendar on a real database: the founding date, 党小组 formation, the
//! 开始登记日期 with confirmed-missed periods, a branch too small for a committee, and the
//! 谈心谈话 scope by 联系支委.

mod common;

use common::*;
use zhibu::branch::{self, BranchPatch, GroupInput};
use zhibu::members::{CommitteeRole, MemberInput};
use zhibu::sessions::{
    self, talks, ComplianceReport, Obligation, PeriodKey, PeriodStatus, SessionInput,
};
use zhibu::{Db, Error, Reason};

fn report(db: &Db) -> ComplianceReport {
    db.read(|c| sessions::compliance(c, 2026, today())).unwrap()
}

fn periods(r: &ComplianceReport, kind: Obligation) -> Vec<String> {
    r.obligations
        .iter()
        .filter(|o| o.kind == kind)
        .map(|o| o.period.clone())
        .collect()
}

fn status(r: &ComplianceReport, kind: Obligation, period: &str) -> (PeriodStatus, bool) {
    let o = r
        .obligations
        .iter()
        .find(|o| o.kind == kind && o.period == period && o.party_group.is_none())
        .unwrap_or_else(|| panic!("no {kind:?} {period}"));
    (o.status, o.missed_confirmed)
}

fn set(db: &Db, patch: BranchPatch) {
    db.write(|tx| branch::set(tx, &patch, today(), ACTOR))
        .unwrap();
}

fn theme_day(on: &str) -> SessionInput {
    SessionInput {
        kind: "theme_day".into(),
        held_on: on.into(),
        topic: "主题党日".into(),
        ..Default::default()
    }
}

fn key(kind: Obligation, period: &str) -> PeriodKey {
    PeriodKey {
        kind,
        period: period.into(),
        subject: String::new(),
    }
}

fn validation<T: std::fmt::Debug>(r: Result<T, Error>) -> (&'static str, Reason) {
    match r {
        Err(Error::Validation { field, reason }) => (field, reason),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn a_new_branch_records_from_the_first_of_its_month_and_earlier_periods_are_unrecorded() {
    let (_dir, _path, db) = branch_db();
    let b = db.read(branch::require).unwrap();
    assert_eq!(b.records_from, Some(d("2026-11-01")));
    let r = report(&db);
    assert_eq!(
        status(&r, Obligation::ThemeDay, "2026-10"),
        (PeriodStatus::Unrecorded, false)
    );
    assert_eq!(
        status(&r, Obligation::ThemeDay, "2026-11"),
        (PeriodStatus::Open, false)
    );
    // 补登: a session entered for September meets it.
    db.write(|tx| sessions::add(tx, &theme_day("2026-09-12"), today(), ACTOR))
        .unwrap();
    assert_eq!(
        status(&report(&db), Obligation::ThemeDay, "2026-09").0,
        PeriodStatus::Met
    );
}

#[test]
fn confirming_a_period_missed_is_stored_and_can_be_undone() {
    let (_dir, _path, db) = branch_db();
    let october = key(Obligation::ThemeDay, "2026-10");
    db.write(|tx| sessions::confirm_missed(tx, &october, today(), ACTOR))
        .unwrap();
    assert_eq!(
        status(&report(&db), Obligation::ThemeDay, "2026-10"),
        (PeriodStatus::Missed, true)
    );
    // Twice, an open period, one after the records began, an unknown one: refused, nothing kept.
    let log = |db: &Db| {
        db.read(|c| {
            Ok(c.query_row("SELECT count(*) FROM change_log", [], |r| {
                r.get::<_, i64>(0)
            })?)
        })
        .unwrap()
    };
    let before = log(&db);
    for k in [
        october.clone(),
        key(Obligation::ThemeDay, "2026-11"),
        key(Obligation::GeneralMeeting, "2026-Q1x"),
        PeriodKey {
            subject: "nobody".into(),
            ..key(Obligation::ThemeDay, "2026-09")
        },
    ] {
        let r = db.write(|tx| sessions::confirm_missed(tx, &k, today(), ACTOR));
        assert_eq!(
            validation(r),
            ("period", Reason::PeriodNotUnrecorded),
            "{k:?}"
        );
    }
    assert_eq!(log(&db), before);
    db.write(|tx| sessions::undo_missed(tx, &october, ACTOR))
        .unwrap();
    assert_eq!(
        status(&report(&db), Obligation::ThemeDay, "2026-10"),
        (PeriodStatus::Unrecorded, false)
    );
    assert_eq!(log(&db), before + 1);
    let r = db.write(|tx| sessions::undo_missed(tx, &october, ACTOR));
    assert!(r.is_err(), "nothing left to undo");
}

#[test]
fn nothing_is_owed_before_the_founding_or_a_groups_formation() {
    let (_dir, _path, db) = branch_db();
    set(
        &db,
        BranchPatch {
            founded_on: Some("2026-03-15".into()),
            records_from: Some("2026-01-01".into()),
            ..Default::default()
        },
    );
    let r = report(&db);
    let months: Vec<String> = (3..=12).map(|m| format!("2026-{m:02}")).collect();
    assert_eq!(periods(&r, Obligation::ThemeDay), months);
    assert_eq!(
        periods(&r, Obligation::GeneralMeeting),
        ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    );
    assert_eq!(
        status(&r, Obligation::ThemeDay, "2026-03"),
        (PeriodStatus::Missed, false)
    );
    let group = |name: &str, formed: &str| GroupInput {
        name: name.into(),
        leader_id: None,
        formed_on: Some(formed.into()),
    };
    db.write(|tx| branch::add_group(tx, &group("第一党小组", "2026-06-10"), today(), ACTOR))
        .unwrap();
    let groups: Vec<String> = report(&db)
        .obligations
        .iter()
        .filter(|o| o.kind == Obligation::GroupMeeting)
        .map(|o| o.period.clone())
        .collect();
    let months: Vec<String> = (6..=12).map(|m| format!("2026-{m:02}")).collect();
    assert_eq!(groups, months);
    // A group cannot be formed before its branch, nor the branch founded after a group.
    let r =
        db.write(|tx| branch::add_group(tx, &group("第二党小组", "2026-03-14"), today(), ACTOR));
    assert_eq!(validation(r), ("formed_on", Reason::BeforeFounding));
    let r = db.write(|tx| {
        let patch = BranchPatch {
            founded_on: Some("2026-07-01".into()),
            ..Default::default()
        };
        branch::set(tx, &patch, today(), ACTOR)
    });
    assert_eq!(validation(r), ("founded_on", Reason::BeforeFounding));
    assert_eq!(
        db.read(branch::require).unwrap().founded_on,
        Some(d("2026-03-15"))
    );
}

#[test]
fn a_committee_meeting_is_owed_only_with_a_committee_or_seven_full_members() {
    let (_dir, _path, db) = branch_db();
    set(
        &db,
        BranchPatch {
            records_from: Some("2026-01-01".into()),
            ..Default::default()
        },
    );
    new_member(
        &db,
        &MemberInput {
            roles: vec![CommitteeRole::Secretary],
            ..full_member("书记", "1975-01-01", 1)
        },
    );
    for i in 0..5 {
        new_member(&db, &full_member(&format!("党员{i}"), "1980-01-01", 10 + i));
    }
    assert!(periods(&report(&db), Obligation::CommitteeMeeting).is_empty());
    // The seventh 正式党员 from 1 October (预备党员 before): 支委会 owed from October.
    new_member(&db, &full_member("党员6", "2000-10-01", 20));
    let r = report(&db);
    assert_eq!(
        periods(&r, Obligation::CommitteeMeeting),
        ["2026-10", "2026-11", "2026-12"]
    );
    assert_eq!(
        status(&r, Obligation::CommitteeMeeting, "2026-10").0,
        PeriodStatus::Missed
    );
    let alarms = db
        .read(|c| zhibu::alarms::alarms(c, today()))
        .unwrap()
        .into_iter()
        .filter(|a| a.kind == zhibu::alarms::AlarmKind::NoCommittee)
        .count();
    assert_eq!(alarms, 1);
}

#[test]
fn each_member_talks_with_their_contact_or_the_secretary() {
    let (_dir, _path, db) = branch_db();
    let secretary = new_member(
        &db,
        &MemberInput {
            roles: vec![CommitteeRole::Secretary],
            ..full_member("书记", "1975-01-01", 1)
        },
    );
    let officer = new_member(
        &db,
        &MemberInput {
            roles: vec![CommitteeRole::OrganizationOfficer],
            ..full_member("组织委员", "1976-01-01", 2)
        },
    );
    let a = new_member(&db, &full_member("甲", "1980-01-01", 3));
    let b = new_member(&db, &full_member("乙", "1981-01-01", 4));
    db.write(|tx| talks::set_contact(tx, &b, Some(&officer), today(), ACTOR))
        .unwrap();
    let mut pairs: Vec<String> = report(&db)
        .obligations
        .iter()
        .filter(|o| o.kind == Obligation::HeartToHeartTalk)
        .map(|o| o.subject.clone())
        .collect();
    pairs.sort();
    let pair = |x: &str, y: &str| {
        let mut p = [x.to_string(), y.to_string()];
        p.sort();
        p.join("+")
    };
    let mut expected = vec![
        pair(&secretary, &officer),
        pair(&a, &secretary),
        pair(&b, &officer),
    ];
    expected.sort();
    assert_eq!(pairs, expected);
    // A contact must be on the committee, and not the member.
    let r = db.write(|tx| talks::set_contact(tx, &a, Some(&b), today(), ACTOR));
    assert_eq!(validation(r), ("committee_id", Reason::NotOnCommittee));
    let r = db.write(|tx| talks::set_contact(tx, &officer, Some(&officer), today(), ACTOR));
    assert_eq!(validation(r), ("committee_id", Reason::NotOnCommittee));
    // Cleared, 乙 talks with the secretary again.
    db.write(|tx| talks::set_contact(tx, &b, None, today(), ACTOR))
        .unwrap();
    assert!(report(&db)
        .obligations
        .iter()
        .any(|o| o.subject == pair(&b, &secretary)));
    assert!(db.read(talks::contacts).unwrap().is_empty());
}
