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
    use Obligation::*;
    use PeriodStatus::{Met, Missed, Open};
    for (kind, period, want, why) in [
        (CommitteeMeeting, "2026-03", Met, ""),
        (CommitteeMeeting, "2026-04", Missed, ""),
        (
            CommitteeMeeting,
            "2026-11",
            Open,
            "this month's 支委会 is left for the secretary",
        ),
        (GeneralMeeting, "2026-Q1", Met, ""),
        (GeneralMeeting, "2026-Q2", Missed, ""),
        (GeneralMeeting, "2026-Q4", Open, ""),
        (ThemeDay, "2026-02", Missed, ""),
        (PartyLecture, "2026-Q4", Met, "主题党日 with a 党课"),
        (SecretaryLecture, "2026", Met, ""),
        (OrgLifeMeeting, "2026", Open, ""),
    ] {
        let got = status(&db, "2026-11-22", kind, period);
        assert_eq!(got, want, "{kind:?} {period} {why}");
    }

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

/// The large branch goes only into an empty database: on one with a branch it is refused and
/// nothing is added.
#[test]
fn the_large_branch_refuses_a_database_with_a_branch() {
    let (_dir, db) = demo_on("2026-11-22");
    let before = db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM member", [], |r| r.get::<_, i64>(0))?))
        .unwrap();
    let refused = db.write(|tx| zhibu::demo::large::create(tx, d("2026-11-22"), ACTOR));
    assert!(
        matches!(
            refused,
            Err(zhibu::Error::Conflict {
                reason: zhibu::Reason::DatabaseNotEmpty
            })
        ),
        "{refused:?}"
    );
    let after = db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM member", [], |r| r.get::<_, i64>(0))?))
        .unwrap();
    assert_eq!(before, after);
}

/// The large branch at a small scale: its members are on the roster, and a whole past year
/// meets every obligation it generates (all but 谈心谈话, which it leaves to the secretary) at
/// the required frequencies.
#[test]
fn the_large_branch_meets_the_required_frequencies() {
    use zhibu::demo::large::{create_at, Scale};
    let (_dir, _path, db) = file_db();
    let scale = Scale {
        members: 40,
        groups: 3,
        years: 2,
    };
    let counts = db
        .write(|tx| create_at(tx, scale, d("2026-11-22"), ACTOR))
        .unwrap();
    assert_eq!(counts.members, 40);
    assert!(counts.sessions > 100 && counts.activities > 500 && counts.study_entries > 5_000);
    let on_roster = db
        .read(|c| zhibu::members::as_of::roster_on(c, d("2026-11-22")))
        .unwrap();
    assert_eq!(on_roster.len(), 40);
    let report = db
        .read(|c| sessions::compliance(c, 2025, d("2026-11-22")))
        .unwrap();
    let not_met: Vec<String> = report
        .obligations
        .iter()
        .filter(|o| o.kind != Obligation::HeartToHeartTalk && o.status != PeriodStatus::Met)
        .map(|o| format!("{:?} {} {:?}", o.kind, o.period, o.party_group))
        .collect();
    assert!(not_met.is_empty(), "not met in 2025: {not_met:?}");
    let study = db
        .read(|c| zhibu::study::report(c, 2025, d("2026-11-22"), None))
        .unwrap();
    assert!(study.members.iter().all(|m| m.hours > 0.0));
}
