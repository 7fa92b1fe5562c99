//! The roster against a real database file: history kept, roles, filters, archive, demo branch.

mod common;

use common::*;
use zhibu::branch::{self, GroupInput};
use zhibu::members::{
    self, ArchiveInput, CommitteeRole, MemberStatus, RosterQuery, RosterSort, Stage,
};
use zhibu::{demo, Error, Reason};

fn validation(result: Result<impl std::fmt::Debug, Error>) -> (&'static str, Reason) {
    match result {
        Err(Error::Validation { field, reason }) => (field, reason),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn members_need_a_branch_first() {
    let (_dir, _path, db) = file_db();
    let r = db.write(|tx| members::add(tx, &full_member("张三", "1980-01-01", 1), today(), ACTOR));
    assert!(matches!(
        r,
        Err(Error::Conflict {
            reason: Reason::BranchMissing
        })
    ));
}

#[test]
fn a_duplicate_id_number_is_refused() {
    let (_dir, _path, db) = branch_db();
    db.write(|tx| members::add(tx, &full_member("张三", "1980-01-01", 1), today(), ACTOR))
        .unwrap();
    let mut twin = full_member("张三丰", "1980-01-01", 1);
    twin.phone = String::new();
    let r = db.write(|tx| members::add(tx, &twin, today(), ACTOR));
    assert_eq!(validation(r), ("id_number", Reason::IdNumberDuplicate));
}

#[test]
fn the_stage_path_is_kept_as_dated_events() {
    let (_dir, _path, db) = branch_db();
    let mut input = full_member("刘洋", "1998-05-05", 4);
    input.stage = Some(Stage::Activist);
    input.joined_on = None;
    input.confirmed_on = None;
    input.stage_date = Some("2024-03-12".into());
    let m = db
        .write(|tx| members::add(tx, &input, today(), ACTOR))
        .unwrap();
    assert_eq!(m.stage_history.len(), 1);

    // The path's steps (培养联系人, 政审, training, 介绍人) are not on file: entered as past
    // records (补录).
    input.stage = Some(Stage::Candidate);
    input.stage_date = Some("2025-04-01".into());
    input.backfill = "按纸质档案补录".into();
    db.write(|tx| members::update(tx, &m.id, &input, today(), ACTOR))
        .unwrap();

    input.stage = Some(Stage::Probationary);
    input.joined_on = Some("2025-11-01".into());
    let m = db
        .write(|tx| members::update(tx, &m.id, &input, today(), ACTOR))
        .unwrap();
    assert!(m.stage_history[1..].iter().all(|e| e.backfill));
    let path: Vec<(Stage, String)> = m
        .stage_history
        .iter()
        .map(|e| (e.stage, e.occurred_on.to_string()))
        .collect();
    assert_eq!(
        path,
        vec![
            (Stage::Activist, "2024-03-12".into()),
            (Stage::Candidate, "2025-04-01".into()),
            (Stage::Probationary, "2025-11-01".into()),
        ]
    );

    // Correcting the 入党日期 moves its event rather than adding another.
    input.joined_on = Some("2025-10-28".into());
    let m = db
        .write(|tx| members::update(tx, &m.id, &input, today(), ACTOR))
        .unwrap();
    assert_eq!(m.stage_history.len(), 3);
    assert_eq!(m.stage_history[2].occurred_on, d("2025-10-28"));
}

#[test]
fn committee_roles_follow_the_rules() {
    let (_dir, _path, db) = branch_db();
    let mut a = full_member("甲", "1975-01-01", 5);
    a.roles = vec![CommitteeRole::Secretary];
    let a = db.write(|tx| members::add(tx, &a, today(), ACTOR)).unwrap();
    assert_eq!(a.roles, vec![CommitteeRole::Secretary]);

    let mut b = full_member("乙", "1976-01-01", 6);
    b.roles = vec![CommitteeRole::Secretary];
    let r = db.write(|tx| members::add(tx, &b, today(), ACTOR));
    assert_eq!(validation(r), ("roles", Reason::RoleTaken));

    let mut c = full_member("丙", "1999-01-01", 7);
    c.stage = Some(Stage::Probationary);
    c.confirmed_on = None;
    c.joined_on = Some("2026-06-01".into());
    c.roles = vec![CommitteeRole::CommitteeMember];
    let r = db.write(|tx| members::add(tx, &c, today(), ACTOR));
    assert_eq!(validation(r), ("roles", Reason::RoleNeedsFullMember));

    // Handing over: the old secretary's role ends, then the new one can take it.
    let mut a_input = a.to_input();
    a_input.roles.clear();
    db.write(|tx| members::update(tx, &a.id, &a_input, today(), ACTOR))
        .unwrap();
    b.roles = vec![CommitteeRole::Secretary, CommitteeRole::CommitteeMember];
    let b = db.write(|tx| members::add(tx, &b, today(), ACTOR)).unwrap();
    assert_eq!(b.roles.len(), 2);
    let ended: i64 = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM committee_role WHERE member_id = ?1 AND end_on IS NOT NULL",
                [&a.id],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(ended, 1, "the role's history stays");
}

#[test]
fn archiving_keeps_the_record_and_its_history() {
    let (_dir, _path, db) = branch_db();
    let mut input = full_member("赵六", "1970-07-07", 8);
    input.roles = vec![CommitteeRole::DisciplineOfficer];
    let m = db
        .write(|tx| members::add(tx, &input, today(), ACTOR))
        .unwrap();
    let archive = ArchiveInput {
        reason: Some(MemberStatus::TransferredOut),
        archived_on: "2026-10-01".into(),
        note: "转至区财政局机关党支部".into(),
    };
    let m = db
        .write(|tx| members::archive(tx, &m.id, &archive, today(), ACTOR))
        .unwrap();
    assert_eq!(m.status, MemberStatus::TransferredOut);
    assert_eq!(m.archived_on, Some(d("2026-10-01")));
    assert!(m.roles.is_empty());
    assert_eq!(
        m.status_history.last().unwrap().note,
        "转至区财政局机关党支部"
    );

    let active = db
        .read(|c| members::list(c, &RosterQuery::default(), today()))
        .unwrap();
    assert_eq!(active.total, 0);
    let archived = db
        .read(|c| {
            let q = RosterQuery {
                archived: true,
                ..Default::default()
            };
            members::list(c, &q, today())
        })
        .unwrap();
    assert_eq!(archived.rows[0].name, "赵六");

    // Archived records are not edited, and archiving twice is refused.
    let r = db.write(|tx| members::update(tx, &m.id, &input, today(), ACTOR));
    assert!(matches!(
        r,
        Err(Error::Conflict {
            reason: Reason::AlreadyArchived
        })
    ));
    let r = db.write(|tx| members::archive(tx, &m.id, &archive, today(), ACTOR));
    assert!(matches!(
        r,
        Err(Error::Conflict {
            reason: Reason::AlreadyArchived
        })
    ));
    // Only leaving statuses archive.
    let (_d2, _p2, db2) = branch_db();
    let m2 = db2
        .write(|tx| members::add(tx, &full_member("钱七", "1971-01-01", 9), today(), ACTOR))
        .unwrap();
    let bad = ArchiveInput {
        reason: Some(MemberStatus::Mobile),
        ..archive
    };
    let r = db2.write(|tx| members::archive(tx, &m2.id, &bad, today(), ACTOR));
    assert_eq!(validation(r), ("archive_reason", Reason::InvalidValue));
}

#[test]
fn the_roster_filters_sorts_pages_and_masks() {
    let (_dir, _path, db) = file_db();
    db.write(|tx| demo::create(tx, today(), ACTOR)).unwrap();
    let list = |q: RosterQuery| db.read(|c| members::list(c, &q, today())).unwrap();

    let all = list(RosterQuery::default());
    assert_eq!(all.total as usize, demo::active_member_count());
    assert_eq!(all.counts.total as usize, demo::active_member_count());
    assert_eq!(all.counts.full, 24);
    assert_eq!(all.counts.probationary, 2);
    assert!(all
        .rows
        .iter()
        .all(|r| r.id_number_masked.contains("********")));
    assert!(all.rows.iter().all(|r| r.phone_masked.contains("****")));

    let probationary = list(RosterQuery {
        stage: Some(Stage::Probationary),
        ..Default::default()
    });
    assert_eq!(probationary.total, 2);
    assert_eq!(
        probationary.counts.total, all.counts.total,
        "counts cover the whole roster"
    );

    let groups = db.read(branch::list_groups).unwrap();
    let first = list(RosterQuery {
        party_group_id: Some(groups[0].id.clone()),
        ..Default::default()
    });
    assert_eq!(first.total, groups[0].member_count);
    assert!(first
        .rows
        .iter()
        .all(|r| r.party_group_id.as_deref() == Some(groups[0].id.as_str())));

    let by_birth = list(RosterQuery {
        sort: Some(RosterSort::BirthDate),
        descending: true,
        offset: 2,
        limit: 5,
        ..Default::default()
    });
    assert_eq!(by_birth.rows.len(), 5);
    assert_eq!(by_birth.total as usize, demo::active_member_count());
    assert!(by_birth
        .rows
        .windows(2)
        .all(|w| w[0].birth_date >= w[1].birth_date));

    let found = list(RosterQuery {
        search: Some("建华".into()),
        ..Default::default()
    });
    assert_eq!(found.rows.len(), 1);
    assert_eq!(found.rows[0].roles, vec![CommitteeRole::Secretary]);

    // A LIKE wildcard typed by the user is a literal character, not "match anything".
    let wild = list(RosterQuery {
        search: Some("%".into()),
        ..Default::default()
    });
    assert_eq!(wild.total, 0);

    let mobile = list(RosterQuery {
        status: Some(MemberStatus::Mobile),
        ..Default::default()
    });
    assert_eq!(mobile.total, 1);
}

#[test]
fn the_demo_branch_is_complete_and_created_once() {
    let (_dir, _path, db) = file_db();
    db.write(|tx| demo::create(tx, today(), ACTOR)).unwrap();
    let b = db.read(branch::require).unwrap();
    assert_eq!(b.name, demo::DEMO_BRANCH_NAME);
    let groups = db.read(branch::list_groups).unwrap();
    assert_eq!(groups.len(), 4);
    assert!(groups.iter().all(|g| g.leader_name.is_some()));
    let roles: i64 = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM committee_role WHERE end_on IS NULL",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(roles, 5, "a full committee");

    let again = db.write(|tx| demo::create(tx, today(), ACTOR));
    assert!(matches!(
        again,
        Err(Error::Conflict {
            reason: Reason::DatabaseNotEmpty
        })
    ));

    // The demo holds for another "today" too: it is built relative to the date passed in.
    let (_d2, _p2, db2) = file_db();
    db2.write(|tx| demo::create(tx, d("2031-02-28"), ACTOR))
        .unwrap();
}

#[test]
fn groups_have_unique_names_and_active_leaders() {
    let (_dir, _path, db) = branch_db();
    let g = db
        .write(|tx| {
            branch::add_group(
                tx,
                &GroupInput {
                    name: "第一党小组".into(),
                    leader_id: None,
                    formed_on: None,
                },
                today(),
                ACTOR,
            )
        })
        .unwrap();
    let r = db.write(|tx| {
        branch::add_group(
            tx,
            &GroupInput {
                name: " 第一党小组 ".into(),
                leader_id: None,
                formed_on: None,
            },
            today(),
            ACTOR,
        )
    });
    assert_eq!(validation(r), ("group_name", Reason::GroupNameTaken));
    let r = db.write(|tx| {
        branch::update_group(
            tx,
            &g.id,
            &GroupInput {
                name: "第一党小组".into(),
                leader_id: Some("nobody".into()),
                formed_on: None,
            },
            today(),
            ACTOR,
        )
    });
    assert_eq!(validation(r), ("leader_id", Reason::InvalidValue));
}

#[test]
fn the_roster_as_it_stood_on_a_day() {
    use zhibu::members::as_of::roster_on;
    let (_dir, _path, db) = branch_db();
    let mut full = full_member("老党员", "1970-01-01", 21);
    full.roles = vec![CommitteeRole::Secretary];
    let full = db
        .write(|tx| members::add(tx, &full, today(), ACTOR))
        .unwrap();
    let mut young = full_member("新党员", "1998-01-01", 22);
    young.stage = Some(Stage::Probationary);
    young.joined_on = Some("2026-06-01".into());
    young.confirmed_on = None;
    let young = db
        .write(|tx| members::add(tx, &young, today(), ACTOR))
        .unwrap();

    let may = db
        .read(|c| roster_on(c, "2026-05-01".parse().unwrap()))
        .unwrap();
    assert!(
        may.iter().all(|m| m.id != young.id),
        "not yet admitted in May"
    );
    let july = db
        .read(|c| roster_on(c, "2026-07-01".parse().unwrap()))
        .unwrap();
    let y = july.iter().find(|m| m.id == young.id).unwrap();
    assert!(y.is_party_member() && !y.has_vote);
    let f = july.iter().find(|m| m.id == full.id).unwrap();
    assert!(f.has_vote && f.on_committee());

    let archive = ArchiveInput {
        reason: Some(MemberStatus::TransferredOut),
        archived_on: "2026-10-01".into(),
        note: String::new(),
    };
    db.write(|tx| members::archive(tx, &full.id, &archive, today(), ACTOR))
        .unwrap();
    let sept = db
        .read(|c| roster_on(c, "2026-09-30".parse().unwrap()))
        .unwrap();
    assert!(
        sept.iter().any(|m| m.id == full.id),
        "still a member the day before leaving"
    );
    let oct = db
        .read(|c| roster_on(c, "2026-10-01".parse().unwrap()))
        .unwrap();
    assert!(oct.iter().all(|m| m.id != full.id));
}

/// `Rosters` builds each day's roster from the histories read once; it must agree with
/// `roster_on`, the query for one day, on every day: across joins, stage changes, a 流动党员,
/// an archive, committee terms, and an attendance exemption and a 留党察看 (written straight
/// into their tables, as no form records them yet) that start and end.
#[test]
fn rosters_read_once_agree_with_the_roster_of_each_day() {
    use zhibu::members::as_of::{roster_on, Rosters, SANCTION_PROBATION};
    let (_dir, _path, db) = file_db();
    db.write(|tx| demo::create(tx, today(), ACTOR)).unwrap();
    let yang = member_id(&db, "杨丽");
    let zhao = member_id(&db, "赵磊");
    db.write(|tx| {
        tx.execute(
            "INSERT INTO member_exemption (id, member_id, kind, start_on, end_on, reason)
             VALUES ('x1', ?1, 'attendance', '2026-03-01', '2026-06-01', '病休')",
            [&yang],
        )?;
        tx.execute(
            "INSERT INTO member_sanction (id, member_id, kind, start_on, end_on)
             VALUES ('s1', ?1, ?2, '2026-02-10', NULL)",
            [&zhao, SANCTION_PROBATION],
        )?;
        members::exclude(
            tx,
            &yang,
            &members::ExclusionInput {
                kind: Some(members::ExclusionKind::Abroad),
                from: "2026-07-01".into(),
                until: Some("2026-09-01".into()),
                reason: "因私出国".into(),
            },
            today(),
            ACTOR,
        )?;
        let second = branch::find_group_by_name(tx, "第二党小组（审批服务）")?.unwrap();
        members::move_to_group(tx, &zhao, Some(&second.id), d("2026-05-10"), today(), ACTOR)
    })
    .unwrap();
    db.read(|c| {
        let mut rosters = Rosters::new(c)?;
        let mut day = today() - chrono::Days::new(800);
        while day <= today() + chrono::Days::new(10) {
            assert_eq!(*rosters.on(day), roster_on(c, day)?, "{day}");
            day = day + chrono::Days::new(1);
        }
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_confirmation_date_is_the_end_of_the_probation_on_add_and_edit() {
    let (_dir, _path, db) = branch_db();
    let detail = |r: Result<members::Member, Error>| match r {
        Err(Error::Detailed {
            field: "confirmed_on",
            reason: Reason::ProbationLength,
            details,
        }) => details.join(""),
        other => panic!("expected the 转正 date refused, got {other:?}"),
    };
    // full_member joins on the 25th birthday and is confirmed a year later.
    let mut early = full_member("赵早", "1980-03-15", 51);
    early.confirmed_on = Some("2006-03-14".into());
    let text = detail(db.write(|tx| members::add(tx, &early, today(), ACTOR)));
    assert!(
        text.contains("2006-03-15（预备期满一年）") && text.contains("2006-09-15（延长 6 个月）"),
        "{text}"
    );
    let mut late = full_member("钱晚", "1980-03-15", 52);
    late.confirmed_on = Some("2006-03-16".into());
    detail(db.write(|tx| members::add(tx, &late, today(), ACTOR)));

    // Exact, or after an extension of 6 to 12 months, which is then on record.
    let mut extended = full_member("孙延", "1980-03-15", 53);
    extended.confirmed_on = Some("2006-11-15".into());
    let m = db
        .write(|tx| members::add(tx, &extended, today(), ACTOR))
        .unwrap();
    let recorded = db
        .read(|c| zhibu::pipeline::recorded_extension(c, &m.id))
        .unwrap();
    assert_eq!(recorded, Some(8));

    // An edit keeps to the extension on record.
    let mut input = m.to_input();
    input.confirmed_on = Some("2006-03-15".into());
    let text = detail(db.write(|tx| members::update(tx, &m.id, &input, today(), ACTOR)));
    assert!(
        text.contains("已登记延长预备期 8 个月，转正日期应为 2006-11-15"),
        "{text}"
    );
    let stored = db.read(|c| members::get(c, &m.id, today())).unwrap();
    assert_eq!(
        stored.confirmed_on,
        Some(d("2006-11-15")),
        "nothing changed"
    );

    let exact = full_member("李准", "1980-03-15", 54);
    let m = db
        .write(|tx| members::add(tx, &exact, today(), ACTOR))
        .unwrap();
    let recorded = db
        .read(|c| zhibu::pipeline::recorded_extension(c, &m.id))
        .unwrap();
    assert_eq!(recorded, None);
}

#[test]
fn an_applicant_aged_seventeen_is_refused() {
    let (_dir, _path, db) = branch_db();
    let mut input = full_member("周少", "2008-11-22", 55);
    input.stage = Some(Stage::Applicant);
    input.joined_on = None;
    input.confirmed_on = None;
    input.stage_date = Some("2026-11-21".into());
    let r = db.write(|tx| members::add(tx, &input, today(), ACTOR));
    assert_eq!(validation(r), ("stage_date", Reason::TooYoungToApply));
    input.stage_date = Some("2026-11-22".into());
    db.write(|tx| members::add(tx, &input, today(), ACTOR))
        .unwrap();
}

/// A member's 党小组 is kept with dates: the roster of a day (both readers) has the group of
/// that day, a 党小组会 expects the members of its group on its day, and a move dated before
/// the latest one is refused.
#[test]
fn group_moves_are_dated_and_sessions_use_the_group_of_their_day() {
    use zhibu::members::as_of::{roster_on, Rosters};
    use zhibu::sessions::{self, SessionInput};
    let (_dir, _path, db) = file_db();
    db.write(|tx| demo::create_roster(tx, today(), ACTOR))
        .unwrap();
    let yang = member_id(&db, "杨丽");
    let (first, second) = db
        .read(|c| {
            Ok((
                branch::find_group_by_name(c, "第一党小组（综合窗口）")?
                    .unwrap()
                    .id,
                branch::find_group_by_name(c, "第二党小组（审批服务）")?
                    .unwrap()
                    .id,
            ))
        })
        .unwrap();
    db.write(|tx| {
        members::move_to_group(tx, &yang, Some(&second), d("2026-06-01"), today(), ACTOR)
    })
    .unwrap();
    let group_on = |day: &str| {
        db.read(|c| {
            let one = roster_on(c, d(day))?;
            let many = Rosters::new(c)?.on(d(day));
            let of = |list: &[zhibu::members::as_of::MemberOnDay]| {
                list.iter()
                    .find(|m| m.id == yang)
                    .unwrap()
                    .party_group_id
                    .clone()
            };
            assert_eq!(of(&one), of(&many), "{day}");
            Ok(of(&one))
        })
        .unwrap()
    };
    assert_eq!(group_on("2026-05-31"), Some(first.clone()));
    assert_eq!(group_on("2026-06-01"), Some(second.clone()));
    let m = db.read(|c| members::get(c, &yang, today())).unwrap();
    assert_eq!(m.party_group_id, Some(second.clone()));
    let moves: Vec<_> = m
        .group_history
        .iter()
        .map(|g| g.party_group_id.clone())
        .collect();
    assert_eq!(moves, vec![Some(first.clone()), Some(second.clone())]);

    // A 党小组会 of the first group in May expects her; one in July does not.
    let expects = |group: &str, on: &str| {
        let input = SessionInput {
            kind: "group_meeting".into(),
            held_on: on.into(),
            party_group_id: Some(group.into()),
            ..Default::default()
        };
        db.read(|c| sessions::preview(c, &input, today()))
            .unwrap()
            .session
            .attendance
            .iter()
            .any(|r| r.member_id == yang && r.expected)
    };
    assert!(expects(&first, "2026-05-20"));
    assert!(!expects(&second, "2026-05-20"));
    assert!(!expects(&first, "2026-07-20"));
    assert!(expects(&second, "2026-07-20"));

    let before = db.read(|c| members::get(c, &yang, today())).unwrap();
    let r = db.write(|tx| {
        members::move_to_group(tx, &yang, Some(&first), d("2026-05-01"), today(), ACTOR)
    });
    assert_eq!(validation(r), ("occurred_on", Reason::GroupMoveOrder));
    assert_eq!(
        db.read(|c| members::get(c, &yang, today())).unwrap(),
        before
    );
}

/// Exclusions from 应到 and 留党察看 are recorded with their dates and reason, listed in the
/// member's record, and used by the roster of each day; bad ones are refused and keep nothing.
#[test]
fn exclusions_and_sanctions_are_dated_and_checked() {
    use zhibu::members::as_of::roster_on;
    use zhibu::members::{ExclusionInput, ExclusionKind, SanctionInput};
    let (_dir, _path, db) = file_db();
    db.write(|tx| demo::create_roster(tx, today(), ACTOR))
        .unwrap();
    let zhao = member_id(&db, "赵磊");
    let before = db.read(|c| members::get(c, &zhao, today())).unwrap();
    let exclusion = |from: &str, until: Option<&str>, reason: &str| ExclusionInput {
        kind: Some(ExclusionKind::LongIllness),
        from: from.into(),
        until: until.map(Into::into),
        reason: reason.into(),
    };
    let refused = [
        (
            exclusion("2026-03-01", None, "  "),
            "reason",
            Reason::Required,
        ),
        (exclusion("", None, "病休"), "from", Reason::Required),
        (
            exclusion("2026-03-01", Some("2026-03-01"), "病休"),
            "until",
            Reason::SpanOrder,
        ),
        (
            exclusion("2026-12-01", None, "病休"),
            "from",
            Reason::DateInFuture,
        ),
    ];
    for (input, field, reason) in refused {
        let r = db.write(|tx| members::exclude(tx, &zhao, &input, today(), ACTOR));
        assert_eq!(validation(r), (field, reason));
    }
    assert_eq!(
        db.read(|c| members::get(c, &zhao, today())).unwrap(),
        before
    );

    db.write(|tx| {
        members::exclude(
            tx,
            &zhao,
            &exclusion("2026-03-01", Some("2026-06-01"), "长期住院"),
            today(),
            ACTOR,
        )
    })
    .unwrap();
    let r = db.write(|tx| {
        members::exclude(
            tx,
            &zhao,
            &exclusion("2026-05-01", None, "又住院"),
            today(),
            ACTOR,
        )
    });
    assert!(matches!(
        r,
        Err(Error::Conflict {
            reason: Reason::ExclusionOverlap
        })
    ));
    let sanction = SanctionInput {
        kind: None,
        from: "2026-04-01".into(),
        until: Some("2026-10-01".into()),
        note: String::new(),
    };
    db.write(|tx| members::sanction(tx, &zhao, &sanction, today(), ACTOR))
        .unwrap();
    let m = db.read(|c| members::get(c, &zhao, today())).unwrap();
    assert_eq!(m.exclusions.len(), 1);
    assert_eq!(m.exclusions[0].reason, "长期住院");
    assert_eq!(m.sanctions.len(), 1);
    assert_eq!(m.sanctions[0].end_on, Some(d("2026-10-01")));

    let on = |day: &str| {
        db.read(|c| roster_on(c, d(day)))
            .unwrap()
            .into_iter()
            .find(|m| m.id == zhao)
            .map(|m| (m.excluded, m.has_vote))
            .unwrap()
    };
    assert_eq!(on("2026-02-28"), (false, true));
    assert_eq!(on("2026-03-01"), (true, true));
    assert_eq!(on("2026-04-01"), (true, false));
    assert_eq!(on("2026-06-01"), (false, false));
    assert_eq!(on("2026-10-01"), (false, true));
}

/// The roster sorted by name in 拼音 order (surnames read as surnames), or 姓氏笔画 once the
/// branch says so; searched by 拼音 initials or spelling, and by the last digits of the
/// 身份证号 only while the data key is at hand.
#[test]
fn the_roster_in_the_branch_s_name_order_and_searched_by_pinyin() {
    use zhibu::branch::{BranchPatch, NameOrder};
    use zhibu::vault;
    let (_dir, _path, db) = branch_db();
    let names = [
        "何勇",
        "刘丽华",
        "吴霞",
        "曾志强",
        "单雄",
        "张建国",
        "安然",
        "欧阳明",
    ];
    for (i, name) in names.iter().enumerate() {
        let input = full_member(name, "1980-05-06", 10 + i as u32);
        db.write(|tx| members::add(tx, &input, today(), ACTOR))
            .unwrap();
    }
    let list = |q: RosterQuery| db.read(|c| members::list(c, &q, today())).unwrap();
    let by_name = |descending: bool| {
        list(RosterQuery {
            sort: Some(RosterSort::Name),
            descending,
            ..Default::default()
        })
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect::<Vec<_>>()
    };
    let pinyin = [
        "安然",
        "何勇",
        "刘丽华",
        "欧阳明",
        "单雄",
        "吴霞",
        "曾志强",
        "张建国",
    ];
    assert_eq!(by_name(false), pinyin);
    let mut reversed = pinyin;
    reversed.reverse();
    assert_eq!(by_name(true), reversed);
    // The default sort (党小组, stage, name): nobody here has a group or another stage.
    let default: Vec<String> = list(RosterQuery::default())
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(default, pinyin);
    // The 学时 report and the roster of a day list them alike.
    let report = db
        .read(|c| zhibu::study::report(c, 2026, today(), None))
        .unwrap();
    let names: Vec<&str> = report.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, pinyin);
    let on_day = db.read(|c| members::as_of::roster_on(c, today())).unwrap();
    let names: Vec<&str> = on_day.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, pinyin);

    db.write(|tx| {
        let patch = BranchPatch {
            name_order: Some(NameOrder::Strokes),
            ..Default::default()
        };
        branch::set(tx, &patch, today(), ACTOR)
    })
    .unwrap();
    // 安6 刘6 | 何 吴 张 7 | 欧 单 8 | 曾12.
    assert_eq!(
        by_name(false),
        [
            "安然",
            "刘丽华",
            "何勇",
            "吴霞",
            "张建国",
            "欧阳明",
            "单雄",
            "曾志强"
        ]
    );

    let found = |search: &str| {
        list(RosterQuery {
            search: Some(search.into()),
            ..Default::default()
        })
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect::<Vec<_>>()
    };
    assert_eq!(found("zjg"), ["张建国"]);
    assert_eq!(found("zhangj"), ["张建国"]);
    assert_eq!(found("建国"), ["张建国"]);
    assert_eq!(found("zzq"), ["曾志强"]);
    assert!(found("czq").is_empty(), "曾 as a surname is zēng");
    assert_eq!(found("oym"), ["欧阳明"]);
    let zhang = db
        .read(|c| members::get_by_name(c, "张建国", today()))
        .unwrap();
    let tail = &zhang.id_number[zhang.id_number.len() - 6..];
    assert_eq!(found(tail), ["张建国"]);
    assert!(found("123").is_empty(), "fewer than 4 digits match no tail");

    // Locked, the sealed numbers cannot be read: the tail matches nobody; unlocked, again.
    db.vault_rotate(|tx| {
        let (_, key) = vault::set_password(tx, "zhibu-书记-2026", ACTOR, "2026-11-22T09:00:00")?;
        Ok(((), Some(key)))
    })
    .unwrap();
    db.lock_data();
    assert!(found(tail).is_empty());
    assert_eq!(found("zjg"), ["张建国"]);
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(9, 5, 0)
        .unwrap();
    db.unlock("zhibu-书记-2026", now).unwrap();
    assert_eq!(found(tail), ["张建国"]);
}
