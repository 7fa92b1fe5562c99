//! The 工作台's alarms on a real database, each for a day before, at and after its date.

mod common;

use common::*;
use zhibu::alarms::{alarms, Alarm, AlarmKind, AlarmLevel, AlarmPlace};
use zhibu::dues::{self, DuesCategory, DuesDeclaration, PaymentInput};
use zhibu::members::{self, CommitteeRole, MemberInput, MemberStatus, Stage};
use zhibu::Db;

fn of(db: &Db, kind: AlarmKind, on: &str) -> Vec<Alarm> {
    db.read(|c| alarms(c, d(on)))
        .unwrap()
        .into_iter()
        .filter(|a| a.kind == kind)
        .collect()
}

/// Declares `name` salaried at 4000 a month from `month` on; returns the member's id.
fn salaried_from(db: &Db, name: &str, month: &str) -> String {
    let declared = DuesDeclaration {
        member_id: member_id(db, name),
        category: Some(DuesCategory::Salaried),
        monthly_pay: "4000".into(),
        from_month: month.into(),
        ..Default::default()
    };
    db.write(|tx| dues::declare(tx, &declared, ACTOR)).unwrap();
    declared.member_id
}

#[test]
fn the_term_is_announced_six_months_ahead_and_overdue_after_its_end() {
    let (_dir, _path, db) = branch_db(); // term ends 2027-12-31
    assert!(of(&db, AlarmKind::TermDue, "2027-06-30").is_empty());
    let soon = of(&db, AlarmKind::TermDue, "2027-07-01");
    assert_eq!(soon.len(), 1);
    assert_eq!(soon[0].level, AlarmLevel::Warning);
    assert_eq!(soon[0].date, Some(d("2027-12-31")));
    assert_eq!(soon[0].place, AlarmPlace::Settings);
    let late = of(&db, AlarmKind::TermDue, "2028-01-01");
    assert_eq!(late[0].level, AlarmLevel::Overdue);
    assert!(late[0].message.contains("应及时换届"));
}

#[test]
fn seven_full_members_need_a_committee() {
    let (_dir, _path, db) = branch_db();
    for i in 0..6 {
        new_member(&db, &full_member(&format!("党员{i}"), "1980-01-01", i));
    }
    assert!(
        of(&db, AlarmKind::NoCommittee, "2026-11-22").is_empty(),
        "six: a secretary alone"
    );
    new_member(&db, &full_member("党员6", "1980-01-01", 6));
    let alarm = of(&db, AlarmKind::NoCommittee, "2026-11-22");
    assert_eq!(alarm.len(), 1);
    assert_eq!(alarm[0].count, Some(7));
    assert_eq!(
        alarm[0].place,
        AlarmPlace::Committee,
        "resolved on the 支部委员会 page"
    );
    for (i, role) in [
        CommitteeRole::Secretary,
        CommitteeRole::OrganizationOfficer,
        CommitteeRole::PublicityOfficer,
    ]
    .into_iter()
    .enumerate()
    {
        new_member(
            &db,
            &MemberInput {
                roles: vec![role],
                ..full_member(&format!("支委{i}"), "1975-01-01", 10 + i as u32)
            },
        );
    }
    assert!(of(&db, AlarmKind::NoCommittee, "2026-11-22").is_empty());
}

#[test]
fn a_member_away_or_out_of_contact_for_six_months() {
    let (_dir, _path, db) = branch_db();
    new_member(
        &db,
        &MemberInput {
            status: Some(MemberStatus::LostContact),
            ..full_member("失联者", "1980-01-01", 1)
        },
    );
    new_member(
        &db,
        &MemberInput {
            status: Some(MemberStatus::Mobile),
            ..full_member("流动者", "1981-01-01", 2)
        },
    );
    // Both since today (2026-11-22).
    assert!(of(&db, AlarmKind::MemberAway, "2027-05-21").is_empty());
    assert!(of(&db, AlarmKind::MemberLostContact, "2027-05-21").is_empty());
    let lost = of(&db, AlarmKind::MemberLostContact, "2027-05-22");
    assert_eq!(lost.len(), 1);
    assert_eq!(lost[0].member_name.as_deref(), Some("失联者"));
    assert!(lost[0].message.contains("停止党籍"), "{}", lost[0].message);
    assert_eq!((lost[0].count, lost[0].date), (Some(6), Some(today())));
    let mobile = of(&db, AlarmKind::MemberAway, "2027-05-22");
    assert_eq!(mobile.len(), 1);
    assert_eq!(mobile[0].member_name.as_deref(), Some("流动者"));
    assert!(mobile[0].message.contains("转接组织关系"));
}

#[test]
fn a_probation_ending_within_thirty_days_then_overdue() {
    let (_dir, _path, db) = branch_db();
    new_member(
        &db,
        &MemberInput {
            stage: Some(Stage::Probationary),
            joined_on: Some("2026-01-10".into()),
            confirmed_on: None,
            ..full_member("预备者", "1998-01-01", 3)
        },
    );
    assert!(of(&db, AlarmKind::ProbationEnding, "2026-12-10").is_empty());
    let soon = of(&db, AlarmKind::ProbationEnding, "2026-12-11");
    assert_eq!(soon[0].level, AlarmLevel::Warning);
    assert_eq!(soon[0].date, Some(d("2027-01-10")));
    assert_eq!(soon[0].count, Some(30));
    let late = of(&db, AlarmKind::ProbationEnding, "2027-01-11");
    assert_eq!(late[0].level, AlarmLevel::Overdue);
}

#[test]
fn dues_arrears_raise_an_alarm_that_a_payment_clears() {
    let (_dir, _path, db) = demo_db();
    let id = salaried_from(&db, "陈敏", "2026-06");
    // June to October unpaid by 22 November: five months.
    let alarm = of(&db, AlarmKind::DuesArrears, "2026-11-22");
    assert_eq!(alarm.len(), 1);
    assert_eq!(
        (alarm[0].level, alarm[0].count),
        (AlarmLevel::Warning, Some(5))
    );
    assert_eq!(alarm[0].place, AlarmPlace::Dues);
    assert_eq!(alarm[0].member_id.as_deref(), Some(id.as_str()));
    // 补交 of June leaves four: the alarm clears.
    let paid = PaymentInput {
        member_id: id,
        for_month: "2026-06".into(),
        paid_on: "2026-11-22".into(),
        amount: "40".into(),
        ..Default::default()
    };
    db.write(|tx| dues::record(tx, &paid, today(), ACTOR))
        .unwrap();
    assert!(of(&db, AlarmKind::DuesArrears, "2026-11-22").is_empty());
}

#[test]
fn the_demo_branch_shows_its_dues_and_study_alarms_overdue_first() {
    let (_dir, _path, db) = file_db();
    db.write(|tx| zhibu::demo::create(tx, today(), ACTOR))
        .unwrap();
    let list = db.read(|c| alarms(c, today())).unwrap();
    let dues: Vec<&Alarm> = list
        .iter()
        .filter(|a| a.kind == AlarmKind::DuesArrears)
        .collect();
    assert_eq!(dues.len(), 1);
    assert_eq!(dues[0].member_name.as_deref(), Some("黄静"));
    assert!(list.iter().any(|a| a.kind == AlarmKind::StudyBehind));
    let first_warning = list.iter().position(|a| a.level == AlarmLevel::Warning);
    let last_overdue = list.iter().rposition(|a| a.level == AlarmLevel::Overdue);
    if let (Some(w), Some(o)) = (first_warning, last_overdue) {
        assert!(o < w, "overdue alarms come first");
    }
}

#[test]
fn an_extended_probation_moves_its_alarm() {
    let (_dir, _path, db) = branch_db();
    let id = new_member(
        &db,
        &MemberInput {
            stage: Some(Stage::Probationary),
            joined_on: Some("2026-01-10".into()),
            confirmed_on: None,
            ..full_member("延长者", "1998-01-01", 4)
        },
    );
    let extension = zhibu::pipeline::StepInput {
        member_id: id,
        step: Some(zhibu::pipeline::PipelineStep::Extension),
        done_on: "2026-11-20".into(),
        months: Some(6),
        note: "考察期间表现需进一步观察".into(),
    };
    db.write(|tx| zhibu::pipeline::record_step(tx, &extension, today(), ACTOR))
        .unwrap();
    assert!(of(&db, AlarmKind::ProbationEnding, "2026-12-11").is_empty());
    let soon = of(&db, AlarmKind::ProbationEnding, "2027-06-10");
    assert_eq!(soon[0].date, Some(d("2027-07-10")));
}

#[test]
fn the_committee_alarm_judges_the_roster_of_its_day() {
    let (_dir, _path, db) = branch_db();
    for i in 0..6 {
        new_member(&db, &full_member(&format!("党员{i}"), "1980-01-01", i));
    }
    // The seventh became a 正式党员 on 2026-10-01; before, a 预备党员 (no committee needed).
    new_member(&db, &full_member("党员6", "2000-10-01", 6));
    assert!(of(&db, AlarmKind::NoCommittee, "2026-09-30").is_empty());
    assert_eq!(of(&db, AlarmKind::NoCommittee, "2026-10-01").len(), 1);
    let committee: Vec<String> = [
        CommitteeRole::Secretary,
        CommitteeRole::OrganizationOfficer,
        CommitteeRole::PublicityOfficer,
    ]
    .into_iter()
    .enumerate()
    .map(|(i, role)| {
        new_member(
            &db,
            &MemberInput {
                roles: vec![role],
                ..full_member(&format!("支委{i}"), "1975-01-01", 10 + i as u32)
            },
        )
    })
    .collect();
    assert!(of(&db, AlarmKind::NoCommittee, "2026-11-30").is_empty());
    // The committee's roles end on 1 December: that day they are no longer held.
    db.write(|tx| {
        for id in &committee {
            let input = MemberInput {
                roles: vec![],
                ..members::get(tx, id, d("2026-12-01"))?.to_input()
            };
            members::update(tx, id, &input, d("2026-12-01"), ACTOR)?;
        }
        Ok(())
    })
    .unwrap();
    assert!(of(&db, AlarmKind::NoCommittee, "2026-11-30").is_empty());
    let alarm = of(&db, AlarmKind::NoCommittee, "2026-12-01");
    assert_eq!(alarm.len(), 1);
    assert_eq!(alarm[0].count, Some(10));
}

#[test]
fn a_term_without_an_end_runs_for_its_term_years() {
    use zhibu::branch::{self, BranchInput, BranchPatch};
    let (_dir, _path, db) = file_db();
    db.write(|tx| {
        let input = BranchInput {
            name: "测试党支部".into(),
            term_start: Some("2024-03-01".into()),
            ..Default::default()
        };
        branch::create(tx, &input, today(), ACTOR)
    })
    .unwrap();
    // Three years from 2024-03-01: the last day is 2027-02-28.
    assert!(of(&db, AlarmKind::TermDue, "2026-08-27").is_empty());
    let soon = of(&db, AlarmKind::TermDue, "2026-08-28");
    assert_eq!(
        (soon[0].level, soon[0].date),
        (AlarmLevel::Warning, Some(d("2027-02-28")))
    );
    let late = of(&db, AlarmKind::TermDue, "2027-03-01");
    assert_eq!(late[0].level, AlarmLevel::Overdue);
    // A community branch's five-year term.
    db.write(|tx| {
        let patch = BranchPatch {
            term_years: Some(5),
            ..Default::default()
        };
        branch::set(tx, &patch, today(), ACTOR)
    })
    .unwrap();
    assert!(of(&db, AlarmKind::TermDue, "2027-03-01").is_empty());
    assert_eq!(
        of(&db, AlarmKind::TermDue, "2028-08-28")[0].date,
        Some(d("2029-02-28"))
    );
}

#[test]
fn no_lapse_alarm_about_someone_who_transferred_out() {
    let (_dir, _path, db) = demo_db();
    let id = salaried_from(&db, "陈敏", "2026-01");
    // Nothing paid all year: by 22 November ten months behind, treated as leaving the party...
    let alarm = of(&db, AlarmKind::DuesArrears, "2026-11-22");
    assert_eq!(
        (alarm[0].level, alarm[0].count),
        (AlarmLevel::Overdue, Some(10))
    );
    // ...unless the member transferred out in March: not assessed from April, so no alarm.
    let out = members::ArchiveInput {
        reason: Some(MemberStatus::TransferredOut),
        archived_on: "2026-03-15".into(),
        note: String::new(),
    };
    db.write(|tx| members::archive(tx, &id, &out, today(), ACTOR))
        .unwrap();
    assert!(of(&db, AlarmKind::DuesArrears, "2026-11-22").is_empty());
}
