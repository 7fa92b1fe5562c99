//! The demo branch's year of records: built through the validated paths for any "today",
//! and showing the 工作台 both met and missed periods.

mod common;

use common::*;
use zhibu::activities::{self, ActivityQuery};
use zhibu::sessions::{self, Obligation, PeriodStatus, SessionQuery};
use zhibu::Db;

fn demo_on(day: &str) -> (tempfile::TempDir, Db) {
    let (dir, _path, db) = file_db();
    db.write(|tx| zhibu::demo::create(tx, d(day), ACTOR))
        .unwrap_or_else(|e| panic!("demo as of {day}: {e}"));
    (dir, db)
}

fn status(db: &Db, day: &str, kind: Obligation, period: &str) -> PeriodStatus {
    let report = db
        .read(|c| sessions::compliance(c, d(day).format("%Y").to_string().parse().unwrap(), d(day)))
        .unwrap();
    report
        .obligations
        .iter()
        .find(|o| o.kind == kind && o.period == period && o.party_group.is_none())
        .unwrap_or_else(|| panic!("no {kind:?} row for {period}"))
        .status
}

#[test]
fn the_demo_year_shows_met_open_and_missed_periods() {
    let (_dir, db) = demo_on("2026-11-22");
    let s = |kind, period| status(&db, "2026-11-22", kind, period);
    assert_eq!(
        s(Obligation::CommitteeMeeting, "2026-03"),
        PeriodStatus::Met
    );
    assert_eq!(
        s(Obligation::CommitteeMeeting, "2026-04"),
        PeriodStatus::Missed
    );
    assert_eq!(
        s(Obligation::CommitteeMeeting, "2026-11"),
        PeriodStatus::Open,
        "this month's 支委会 is left for the secretary"
    );
    assert_eq!(s(Obligation::GeneralMeeting, "2026-Q1"), PeriodStatus::Met);
    assert_eq!(
        s(Obligation::GeneralMeeting, "2026-Q2"),
        PeriodStatus::Missed
    );
    assert_eq!(s(Obligation::GeneralMeeting, "2026-Q4"), PeriodStatus::Open);
    assert_eq!(s(Obligation::ThemeDay, "2026-02"), PeriodStatus::Missed);
    assert_eq!(
        s(Obligation::PartyLecture, "2026-Q4"),
        PeriodStatus::Met,
        "主题党日 with a 党课"
    );
    assert_eq!(s(Obligation::SecretaryLecture, "2026"), PeriodStatus::Met);
    assert_eq!(s(Obligation::OrgLifeMeeting, "2026"), PeriodStatus::Open);

    let report = db.read(|c| sessions::compliance(c, 2026, today())).unwrap();
    let groups: Vec<_> = report
        .obligations
        .iter()
        .filter(|o| o.kind == Obligation::GroupMeeting && o.period == "2026-05")
        .map(|o| o.status)
        .collect();
    assert_eq!(groups.len(), 4);
    assert_eq!(
        groups
            .iter()
            .filter(|s| **s == PeriodStatus::Missed)
            .count(),
        1
    );
    let talks = report
        .obligations
        .iter()
        .filter(|o| o.kind == Obligation::HeartToHeartTalk);
    let (done, open): (Vec<_>, Vec<_>) = talks.partition(|o| o.status == PeriodStatus::Met);
    assert_eq!(done.len(), 8, "4 committee talks and 4 with members");
    assert!(!open.is_empty());
}

#[test]
fn the_lecture_series_stands_at_its_nineteenth_issue() {
    let (_dir, db) = demo_on("2026-11-22");
    assert_eq!(
        db.read(|c| activities::next_issue_no(c, "学思行微讲堂"))
            .unwrap(),
        20
    );
    let salons = db
        .read(|c| {
            activities::list(
                c,
                &ActivityQuery {
                    kind: Some(activities::ActivityKind::ReadingSalon),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert_eq!(salons.len(), 4);
    assert!(salons.iter().all(|a| !a.book.is_empty()));
}

#[test]
fn the_demo_builds_for_any_day_of_the_year() {
    for day in [
        "2026-01-01",
        "2026-02-09",
        "2026-03-31",
        "2026-07-01",
        "2028-02-29",
        "2031-12-31",
    ] {
        let (_dir, db) = demo_on(day);
        let sessions = db
            .read(|c| sessions::list(c, &SessionQuery::default()))
            .unwrap();
        assert!(
            sessions.iter().all(|s| s.held_on < d(day)),
            "{day}: nothing today or later"
        );
    }
}

#[test]
fn the_demo_year_of_study_hours_has_members_ahead_and_behind() {
    let (_dir, db) = demo_on("2026-11-22");
    let r = db
        .read(|c| zhibu::study::report(c, 2026, d("2026-11-22"), None))
        .unwrap();
    assert_eq!(
        r.targets.branch_wide,
        Some(50.0),
        "the seed page's 50 per person"
    );
    assert!(r.reached > 0, "some members have reached the target");
    assert!(!r.behind_pace.is_empty(), "someone is behind the pace");
    let categories: Vec<&str> = r.by_category.iter().map(|c| c.label.as_str()).collect();
    for c in [
        "集中学习",
        "党课",
        "学习强国",
        "干部网络学院",
        "培训班",
        "外出学习",
    ] {
        assert!(categories.contains(&c), "{c} missing from {categories:?}");
    }
}
