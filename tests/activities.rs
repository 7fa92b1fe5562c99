//! Activities: numbered series, reading salons and study trips, and who took part.

mod common;

use common::*;
use zhibu::activities::{
    self, ActivityInput, ActivityKind, ActivityQuery, ParticipantInput, ParticipantRole,
};
use zhibu::{Error, Reason};

fn lecture(on: &str, issue_no: Option<u32>) -> ActivityInput {
    ActivityInput {
        kind: Some(ActivityKind::LectureSeries),
        series: "微讲堂".into(),
        issue_no,
        title: "优化营商环境条例解读".into(),
        held_on: on.into(),
        ..Default::default()
    }
}

#[test]
fn a_series_numbers_its_issues() {
    let (_dir, _path, db) = demo_db();
    let first = db
        .write(|tx| activities::add(tx, &lecture("2026-03-01", None), today(), ACTOR))
        .unwrap();
    assert_eq!(first.issue_no, Some(1));
    let old = db
        .write(|tx| activities::add(tx, &lecture("2026-04-01", Some(19)), today(), ACTOR))
        .unwrap();
    assert_eq!(old.display_name(), "微讲堂 第19期");
    let next = db
        .write(|tx| activities::add(tx, &lecture("2026-05-01", None), today(), ACTOR))
        .unwrap();
    assert_eq!(next.display_name(), "微讲堂 第20期");

    let r = db.write(|tx| activities::add(tx, &lecture("2026-06-01", Some(19)), today(), ACTOR));
    assert!(matches!(
        r,
        Err(Error::Validation {
            field: "issue_no",
            reason: Reason::IssueNoTaken
        })
    ));

    // Another series counts on its own.
    let mut other = lecture("2026-06-01", None);
    other.series = "政务服务大讲堂".into();
    let other = db
        .write(|tx| activities::add(tx, &other, today(), ACTOR))
        .unwrap();
    assert_eq!(other.issue_no, Some(1));
}

#[test]
fn a_reading_salon_keeps_the_book_and_who_shared() {
    let (_dir, _path, db) = demo_db();
    let salon = ActivityInput {
        kind: Some(ActivityKind::ReadingSalon),
        series: "读书分享会".into(),
        title: "读《习近平谈治国理政》第四卷".into(),
        book: "习近平谈治国理政（第四卷）".into(),
        author: "习近平".into(),
        held_on: "2026-09-18".into(),
        participants: vec![
            ParticipantInput {
                member_id: member_id(&db, "陈敏"),
                role: ParticipantRole::Sharer,
            },
            ParticipantInput {
                member_id: member_id(&db, "黄静"),
                role: ParticipantRole::Participant,
            },
        ],
        ..Default::default()
    };
    let a = db
        .write(|tx| activities::add(tx, &salon, today(), ACTOR))
        .unwrap();
    assert_eq!(a.book, "习近平谈治国理政（第四卷）");
    assert_eq!(a.participants.len(), 2);
    let sharer = a
        .participants
        .iter()
        .find(|p| p.role == ParticipantRole::Sharer)
        .unwrap();
    assert_eq!(sharer.name, "陈敏");

    let mine = ActivityQuery {
        member_id: Some(member_id(&db, "黄静")),
        ..Default::default()
    };
    assert_eq!(db.read(|c| activities::list(c, &mine)).unwrap().len(), 1);
    let nobody = ActivityQuery {
        member_id: Some(member_id(&db, "刘洋")),
        ..Default::default()
    };
    assert!(db
        .read(|c| activities::list(c, &nobody))
        .unwrap()
        .is_empty());
}

#[test]
fn refusals_leave_nothing_behind() {
    let (_dir, _path, db) = demo_db();
    let mut trip = ActivityInput {
        kind: Some(ActivityKind::StudyTrip),
        title: "赴浙江学习数字政府建设".into(),
        destination: "浙江省杭州市".into(),
        duration_days: Some(5),
        held_on: "2026-08-03".into(),
        participants: vec![ParticipantInput {
            member_id: member_id(&db, "田志明"),
            role: ParticipantRole::Sent,
        }],
        ..Default::default()
    };
    let r = db.write(|tx| activities::add(tx, &trip, today(), ACTOR));
    assert!(matches!(
        r,
        Err(Error::Validation {
            field: "participants",
            reason: Reason::NotOnRoster
        })
    ));
    trip.participants[0].member_id = member_id(&db, "孙伟");
    trip.held_on = "2027-01-01".into();
    let r = db.write(|tx| activities::add(tx, &trip, today(), ACTOR));
    assert!(matches!(
        r,
        Err(Error::Validation {
            field: "held_on",
            reason: Reason::DateInFuture
        })
    ));
    trip.kind = None;
    let r = db.write(|tx| activities::add(tx, &trip, today(), ACTOR));
    assert!(matches!(
        r,
        Err(Error::Validation {
            field: "kind",
            reason: Reason::Required
        })
    ));
    assert!(db
        .read(|c| activities::list(c, &ActivityQuery::default()))
        .unwrap()
        .is_empty());
}

/// Many activities at once are all or none: the first one refused names its position and
/// nothing of the lot is kept; each is checked as a single add checks it.
#[test]
fn many_activities_are_added_all_or_none() {
    let (_dir, _path, db) = demo_db();
    let zhou = member_id(&db, "周建华");
    let with = |on: &str, who: &str| ActivityInput {
        participants: vec![ParticipantInput {
            member_id: who.to_string(),
            role: ParticipantRole::Speaker,
        }],
        ..lecture(on, None)
    };
    let refused = db.write(|tx| {
        activities::add_many(
            tx,
            &[
                with("2026-03-01", &zhou),
                with("2026-04-01", "no-such-member"),
            ],
            today(),
            ACTOR,
        )
    });
    match refused {
        Err(Error::AtRow { row: 2, error }) => assert!(
            matches!(
                *error,
                Error::Validation {
                    field: "participants",
                    reason: Reason::NotOnRoster
                }
            ),
            "{error:?}"
        ),
        other => panic!("expected the second to be refused, got {other:?}"),
    }
    let none = db
        .read(|c| activities::list(c, &ActivityQuery::default()))
        .unwrap();
    assert!(none.is_empty(), "nothing of a refused lot is kept");

    let ids = db
        .write(|tx| {
            activities::add_many(
                tx,
                &[with("2026-03-01", &zhou), with("2026-04-01", &zhou)],
                today(),
                ACTOR,
            )
        })
        .unwrap();
    let listed = db
        .read(|c| activities::list(c, &ActivityQuery::default()))
        .unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].id, ids[1], "newest first");
    assert_eq!(
        listed[0].issue_no,
        Some(2),
        "numbered in turn within the lot"
    );
    assert_eq!(listed[1].participants[0].name, "周建华");
}

/// The page's choices come from the indexes: each series with how many activities it has
/// had, and the years with activities, newest first.
#[test]
fn the_series_and_years_are_read_without_the_activities() {
    let (_dir, _path, db) = demo_db();
    for (on, series) in [
        ("2026-03-01", "微讲堂"),
        ("2026-04-01", "微讲堂"),
        ("2025-05-01", "大讲堂"),
    ] {
        let input = ActivityInput {
            series: series.into(),
            ..lecture(on, None)
        };
        db.write(|tx| activities::add(tx, &input, today(), ACTOR))
            .unwrap();
    }
    let salon = ActivityInput {
        kind: Some(ActivityKind::ReadingSalon),
        series: String::new(),
        title: "读书分享会".into(),
        ..lecture("2024-06-01", None)
    };
    db.write(|tx| activities::add(tx, &salon, today(), ACTOR))
        .unwrap();
    let f = db.read(activities::facets).unwrap();
    let series: Vec<(&str, u32)> = f
        .series
        .iter()
        .map(|s| (s.series.as_str(), s.count))
        .collect();
    assert_eq!(series, vec![("大讲堂", 1), ("微讲堂", 2)]);
    assert_eq!(f.years, vec![2026, 2025, 2024]);
}

/// The page's summaries say what the full list says: the same activities in the same order,
/// each with its head count, and for one member's list the role that member had.
#[test]
fn summaries_agree_with_the_full_list() {
    let (_dir, _path, db) = demo_db();
    let sharer = member_id(&db, "陈敏");
    let salon = ActivityInput {
        kind: Some(ActivityKind::ReadingSalon),
        title: "读书分享会".into(),
        held_on: "2026-09-18".into(),
        participants: vec![
            ParticipantInput {
                member_id: sharer.clone(),
                role: ParticipantRole::Sharer,
            },
            ParticipantInput {
                member_id: member_id(&db, "黄静"),
                role: ParticipantRole::Participant,
            },
        ],
        ..Default::default()
    };
    db.write(|tx| activities::add(tx, &salon, today(), ACTOR))
        .unwrap();
    let queries = [
        ActivityQuery::default(),
        ActivityQuery {
            year: Some(2026),
            ..Default::default()
        },
        ActivityQuery {
            kind: Some(ActivityKind::ReadingSalon),
            year: Some(2026),
            ..Default::default()
        },
        ActivityQuery {
            member_id: Some(sharer.clone()),
            year: Some(2026),
            ..Default::default()
        },
    ];
    for q in &queries {
        let full = db.read(|c| activities::list(c, q)).unwrap();
        let short = db.read(|c| activities::summaries(c, q)).unwrap();
        assert!(!full.is_empty(), "{q:?}");
        assert_eq!(full.len(), short.len(), "{q:?}");
        for (a, s) in full.iter().zip(&short) {
            assert_eq!(
                (&a.id, a.kind, a.held_on, &a.title, a.issue_no),
                (&s.id, s.kind, s.held_on, &s.title, s.issue_no)
            );
            assert_eq!(a.participants.len() as u32, s.participant_count);
            let role = q.member_id.as_ref().map(|m| {
                a.participants
                    .iter()
                    .find(|p| &p.member_id == m)
                    .unwrap()
                    .role
            });
            assert_eq!(s.role, role);
        }
    }
    let mine = db.read(|c| activities::summaries(c, &queries[3])).unwrap();
    assert!(mine
        .iter()
        .any(|s| s.role == Some(ParticipantRole::Sharer) && s.participant_count == 2));
}

/// An activity is edited with the checks of adding one: its own 期 is not "taken", a taken
/// one is refused and leaves the row as it was, and its history shows field by field what
/// each edit changed.
#[test]
fn an_activity_is_edited_and_its_history_shows_what_changed() {
    let (_dir, _path, db) = demo_db();
    let sun = member_id(&db, "孙伟");
    let mut input = lecture("2026-03-01", None);
    input.participants = vec![ParticipantInput {
        member_id: sun.clone(),
        role: ParticipantRole::Speaker,
    }];
    let first = db
        .write(|tx| activities::add(tx, &input, today(), ACTOR))
        .unwrap();
    let second = db
        .write(|tx| activities::add(tx, &lecture("2026-04-01", None), today(), ACTOR))
        .unwrap();
    assert_eq!(second.issue_no, Some(2));

    // Keeping its own number, changing the title and place, the speaker now a participant.
    let mut edit = input.clone();
    edit.issue_no = Some(1);
    edit.title = "营商环境条例再解读".into();
    edit.place = "三楼会议室".into();
    edit.participants[0].role = ParticipantRole::Participant;
    let edited = db
        .write(|tx| activities::update(tx, &first.id, &edit, today(), ACTOR))
        .unwrap();
    assert_eq!(edited.issue_no, Some(1));
    assert_eq!(edited.title, "营商环境条例再解读");
    assert_eq!(edited.place, "三楼会议室");
    assert_eq!(edited.participants.len(), 1);
    assert_eq!(edited.participants[0].role, ParticipantRole::Participant);

    // Left empty, the number stays while the series does.
    let mut keep = edit.clone();
    keep.issue_no = None;
    let kept = db
        .write(|tx| activities::update(tx, &first.id, &keep, today(), ACTOR))
        .unwrap();
    assert_eq!(kept.issue_no, Some(1));

    // Refused: another activity's number, a day to come, an unknown id.
    let mut taken = edit.clone();
    taken.issue_no = Some(2);
    taken.title = "不应保存".into();
    let r = db.write(|tx| activities::update(tx, &first.id, &taken, today(), ACTOR));
    assert!(matches!(
        r,
        Err(Error::Validation {
            field: "issue_no",
            reason: Reason::IssueNoTaken
        })
    ));
    let mut future = edit.clone();
    future.held_on = "2027-01-01".into();
    future.participants.clear();
    let r = db.write(|tx| activities::update(tx, &first.id, &future, today(), ACTOR));
    assert!(matches!(
        r,
        Err(Error::Validation {
            field: "held_on",
            reason: Reason::DateInFuture
        })
    ));
    let r = db.write(|tx| activities::update(tx, "no-such-id", &edit, today(), ACTOR));
    assert!(matches!(r, Err(Error::NotFound { .. })));
    let now = db.read(|c| activities::get(c, &first.id)).unwrap();
    assert_eq!(now, kept);

    let history = db
        .read(|c| zhibu::change_log::history(c, "activity", &first.id))
        .unwrap();
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["create", "update", "update"]);
    let fields: Vec<&str> = history[1]
        .changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert_eq!(fields, ["issue_no", "participants", "place", "title"]);
    let title = history[1]
        .changes
        .iter()
        .find(|c| c.field == "title")
        .unwrap();
    assert_eq!(title.before, "优化营商环境条例解读");
    assert_eq!(title.after, "营商环境条例再解读");
}
