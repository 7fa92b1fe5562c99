//! Logging sessions against the demo branch: who should attend, quorum, votes, and refusals
//! that leave the database as it was.

mod common;

use common::*;
use zhibu::sessions::{
    self, AgendaItemInput, AttendanceInput, AttendanceStatus, GroupMeetingInput, Obligation,
    ResolutionInput, ResolutionKind, SessionInput, SessionQuery, Verdict,
};
use zhibu::{Error, Reason};

/// The demo's 正式党员 in roster order (24 voters), and its 2 预备党员.
fn voters(db: &zhibu::Db) -> Vec<String> {
    db.read(|c| zhibu::members::as_of::roster_on(c, d("2026-11-10")))
        .unwrap()
        .into_iter()
        .filter(|m| m.has_vote)
        .map(|m| m.id)
        .collect()
}

fn general_meeting(absent: &[String]) -> SessionInput {
    SessionInput {
        kind: "general_meeting".into(),
        held_on: "2026-11-10".into(),
        topic: "学习贯彻全会精神".into(),
        attendance: absent
            .iter()
            .map(|id| AttendanceInput {
                member_id: id.clone(),
                status: AttendanceStatus::Absent,
                reason: String::new(),
            })
            .collect(),
        ..Default::default()
    }
}

fn all_present(db: &zhibu::Db, mut input: SessionInput) -> SessionInput {
    let roster = db
        .read(|c| zhibu::members::as_of::roster_on(c, d(&input.held_on)))
        .unwrap();
    for m in roster.iter().filter(|m| m.is_party_member()) {
        if !input.attendance.iter().any(|a| a.member_id == m.id) {
            input.attendance.push(AttendanceInput {
                member_id: m.id.clone(),
                status: AttendanceStatus::Present,
                reason: String::new(),
            });
        }
    }
    input
}

fn validation<T: std::fmt::Debug>(r: Result<T, Error>) -> (&'static str, Reason) {
    match r {
        Err(Error::Validation { field, reason }) => (field, reason),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn session_count(db: &zhibu::Db) -> i64 {
    db.read(|c| Ok(c.query_row("SELECT count(*) FROM session", [], |r| r.get(0))?))
        .unwrap()
}

/// A resolution with these hands for and against (none abstaining), marked as passed.
fn vote(title: &str, kind: ResolutionKind, votes_for: u32, votes_against: u32) -> ResolutionInput {
    ResolutionInput {
        title: title.into(),
        kind,
        votes_for,
        votes_against,
        votes_abstain: 0,
        passed: true,
        written: vec![],
        subject_id: None,
    }
}

#[test]
fn a_general_meeting_needs_more_than_half_of_the_voters() {
    let (_dir, _path, db) = demo_db();
    let voters = voters(&db);
    assert_eq!(voters.len(), 24);

    // 12 of 24 voters present: not a quorum, though the 预备党员 came too.
    let input = all_present(&db, general_meeting(&voters[..12]));
    let s = db
        .write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
    let q = s.quorum.unwrap();
    assert_eq!(
        (q.required, q.present_voting, q.met, q.entitled),
        (13, 12, false, 24)
    );
    assert_eq!(
        s.head_count.expected, 26,
        "all 党员 should attend, 预备党员 included"
    );
    assert_eq!(s.head_count.present, 14);

    let input = all_present(&db, general_meeting(&voters[..11]));
    let s = db
        .write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
    assert!(s.quorum.unwrap().met);
}

#[test]
fn a_resolution_passes_only_with_more_than_half_of_those_entitled() {
    let (_dir, _path, db) = demo_db();
    let voters = voters(&db);
    let mut input = all_present(&db, general_meeting(&voters[..4]));
    input.resolutions = vec![ResolutionInput {
        votes_abstain: 4,
        ..vote("接收唐浩然为预备党员", ResolutionKind::Resolution, 12, 4)
    }];
    let r = db.write(|tx| sessions::add(tx, &input, today(), ACTOR));
    assert_eq!(validation(r), ("resolutions", Reason::ResolutionNotPassed));
    assert_eq!(
        session_count(&db),
        0,
        "a refused session leaves nothing behind"
    );

    input.resolutions[0].votes_for = 13;
    input.resolutions[0].votes_abstain = 3;
    let s = db
        .write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
    assert!(s.resolutions[0].passed);

    input.resolutions[0].votes_for = 20;
    input.resolutions[0].votes_against = 1;
    input.resolutions[0].votes_abstain = 0;
    let r = db.write(|tx| sessions::add(tx, &input, today(), ACTOR));
    assert_eq!(validation(r), ("resolutions", Reason::VotesExceedPresent));
}

#[test]
fn an_election_needs_four_fifths_present() {
    let (_dir, _path, db) = demo_db();
    let voters = voters(&db);
    // 24 voters: 20 must be present. 5 absent leaves 19.
    let mut input = all_present(&db, general_meeting(&voters[..5]));
    input.resolutions = vec![vote(
        "选举新一届支部委员会",
        ResolutionKind::Election,
        19,
        0,
    )];
    let r = db.write(|tx| sessions::add(tx, &input, today(), ACTOR));
    assert_eq!(validation(r), ("resolutions", Reason::ElectionQuorum));
    assert_eq!(session_count(&db), 0);

    // The 4/5 belongs to the election: the same meeting, the election not claimed, keeps the
    // ½ rule for its ordinary resolution and counts as the 党员大会.
    input.resolutions[0].passed = false;
    input
        .resolutions
        .push(vote("审议年度工作要点", ResolutionKind::Resolution, 19, 0));
    let s = db
        .write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
    assert_eq!(s.quorum.unwrap().required, 13);
    assert!(s.quorum.unwrap().met);
    assert!(!s.election_quorum.unwrap().met);
    assert_eq!(
        (s.resolutions[0].passed, s.resolutions[1].passed),
        (false, true)
    );
    assert_eq!(
        s.obligations,
        vec![sessions::ObligationMet {
            obligation: Obligation::GeneralMeeting,
            met: true
        }]
    );

    let mut input = all_present(&db, general_meeting(&voters[..4]));
    input.resolutions = vec![vote(
        "选举新一届支部委员会",
        ResolutionKind::Election,
        20,
        0,
    )];
    let s = db
        .write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
    assert_eq!(s.election_quorum.unwrap().required, 20);
    assert_eq!(s.quorum.unwrap().required, 13);
    assert!(s.resolutions[0].passed);
}

/// A written opinion of an absent voter is stored with its resolution, read back and counted;
/// one from a member who was present is refused and leaves nothing behind.
#[test]
fn written_opinions_are_kept_and_counted_in_an_admission() {
    let (_dir, _path, db) = demo_db();
    let voters = voters(&db);
    // 24 voters, 11 absent: 12 hands in favour fall one short of 13; a written 赞成 carries it.
    let mut input = all_present(&db, general_meeting(&voters[..12]));
    input.attendance.retain(|a| a.member_id != voters[11]);
    input.attendance.push(AttendanceInput {
        member_id: voters[11].clone(),
        status: AttendanceStatus::Present,
        reason: String::new(),
    });
    let admission = |written: Vec<sessions::WrittenOpinionInput>| ResolutionInput {
        written,
        ..vote(
            "接收唐浩然同志为中共预备党员",
            ResolutionKind::Admission,
            13,
            0,
        )
    };
    let opinion = |id: &String, opinion| sessions::WrittenOpinionInput {
        member_id: id.clone(),
        opinion,
    };
    // Present: refused.
    input.resolutions = vec![admission(vec![opinion(
        &voters[11],
        sessions::Opinion::For,
    )])];
    let r = db.write(|tx| sessions::add(tx, &input, today(), ACTOR));
    assert_eq!(validation(r), ("written", Reason::WrittenOpinionPresent));
    assert_eq!(session_count(&db), 0);

    input.resolutions = vec![admission(vec![
        opinion(&voters[0], sessions::Opinion::For),
        opinion(&voters[1], sessions::Opinion::Against),
    ])];
    input.resolutions[0].votes_for = 12;
    let s = db
        .write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
    assert!(s.resolutions[0].passed, "12 hands + 1 written of 24");
    let read = db.read(|c| sessions::get(c, &s.id)).unwrap();
    assert_eq!(read.resolutions, s.resolutions);
    let written: Vec<_> = read.resolutions[0]
        .written
        .iter()
        .map(|w| (w.member_id.clone(), w.opinion))
        .collect();
    assert_eq!(written.len(), 2);
    assert!(written.contains(&(voters[0].clone(), sessions::Opinion::For)));
    assert!(written.contains(&(voters[1].clone(), sessions::Opinion::Against)));
}

/// A member left out of 应到 through `members::exclude` is shown at a 党员大会 of those days
/// and not counted; after the exclusion ends, they count again.
#[test]
fn an_exclusion_leaves_a_member_out_of_the_quorum_for_its_days() {
    let (_dir, _path, db) = demo_db();
    let voters = voters(&db);
    let away = voters[23].clone();
    db.write(|tx| {
        zhibu::members::exclude(
            tx,
            &away,
            &zhibu::members::ExclusionInput {
                kind: Some(zhibu::members::ExclusionKind::InCustody),
                from: "2026-11-01".into(),
                until: Some("2026-11-15".into()),
                reason: "经上级党委同意".into(),
            },
            today(),
            ACTOR,
        )
    })
    .unwrap();
    // 11 of the other 23 voters absent, the excluded one absent too: 12 of 23 is a quorum.
    let mut absent = voters[..11].to_vec();
    absent.push(away.clone());
    let input = all_present(&db, general_meeting(&absent));
    let s = db
        .write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
    let q = s.quorum.unwrap();
    assert_eq!((q.entitled, q.present_voting, q.met), (23, 12, true));
    let row = s.attendance.iter().find(|r| r.member_id == away).unwrap();
    assert!(row.expected && row.excluded);
    assert_eq!(s.head_count.expected, 25);
    // On the 15th the exclusion has ended: 12 of 24 is not a quorum.
    let mut later = input.clone();
    later.held_on = "2026-11-15".into();
    let s = db
        .write(|tx| sessions::add(tx, &later, today(), ACTOR))
        .unwrap();
    let q = s.quorum.unwrap();
    assert_eq!((q.entitled, q.met), (24, false));
}

#[test]
fn a_committee_meeting_expects_the_committee_only() {
    let (_dir, _path, db) = demo_db();
    let input = SessionInput {
        kind: "支委会".into(),
        held_on: "2026-11-05".into(),
        agenda: vec![sessions::AgendaItemInput {
            title: "学习习近平总书记最新重要讲话精神".into(),
            first_topic: true,
        }],
        attendance: present(&db, &["周建华", "李晓红", "王志强"])
            .into_iter()
            .chain(std::iter::once(AttendanceInput {
                member_id: member_id(&db, "陈敏"),
                status: AttendanceStatus::Leave,
                reason: "外出培训".into(),
            }))
            .collect(),
        ..Default::default()
    };
    let s = db
        .write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
    assert_eq!(
        s.kind, "committee_meeting",
        "the Chinese name is stored as its code"
    );
    assert_eq!(s.head_count.expected, 5);
    assert_eq!(
        (
            s.head_count.present,
            s.head_count.leave,
            s.head_count.absent
        ),
        (3, 1, 1)
    );
    let q = s.quorum.unwrap();
    assert_eq!((q.required, q.met), (3, true));
    assert!(s.agenda[0].first_topic);
    let leave = s.attendance.iter().find(|a| a.name == "陈敏").unwrap();
    assert_eq!(leave.reason, "外出培训");
}

#[test]
fn a_group_meeting_needs_its_group_and_expects_its_members() {
    let (_dir, _path, db) = demo_db();
    let mut input = SessionInput {
        kind: "group_meeting".into(),
        held_on: "2026-11-12".into(),
        ..Default::default()
    };
    let r = db.write(|tx| sessions::add(tx, &input, today(), ACTOR));
    assert_eq!(validation(r), ("party_group_id", Reason::GroupRequired));
    let group = db.read(zhibu::branch::list_groups).unwrap().remove(0);
    input.party_group_id = Some(group.id.clone());
    let s = db
        .write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
    let party_members_in_group = db
        .read(|c| zhibu::members::as_of::roster_on(c, d("2026-11-12")))
        .unwrap()
        .into_iter()
        .filter(|m| m.is_party_member() && m.party_group_id.as_deref() == Some(&group.id))
        .count() as u32;
    assert_eq!(s.head_count.expected, party_members_in_group);
    assert_eq!(
        s.head_count.absent, party_members_in_group,
        "nobody marked present"
    );
    assert!(s.quorum.is_none());
}

#[test]
fn a_group_meeting_before_its_group_was_formed_is_refused_and_nothing_is_kept() {
    let (_dir, _path, db) = demo_db();
    let group = zhibu::branch::GroupInput {
        name: "第五党小组".into(),
        formed_on: Some("2026-11-10".into()),
        ..Default::default()
    };
    let group = db
        .write(|tx| zhibu::branch::add_group(tx, &group, today(), ACTOR))
        .unwrap();
    let mut input = SessionInput {
        kind: "group_meeting".into(),
        party_group_id: Some(group.id),
        held_on: "2026-11-09".into(),
        ..Default::default()
    };
    let before = db.read(|c| sessions::list(c, &Default::default())).unwrap();
    let r = db.write(|tx| sessions::add(tx, &input, today(), ACTOR));
    assert_eq!(validation(r), ("held_on", Reason::BeforeGroupFormed));
    assert_eq!(
        db.read(|c| sessions::list(c, &Default::default())).unwrap(),
        before
    );
    // On the day it was formed it may meet.
    input.held_on = "2026-11-10".into();
    db.write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
}

#[test]
fn one_session_counts_for_several_obligations() {
    let (_dir, _path, db) = demo_db();
    let input = all_present(
        &db,
        SessionInput {
            kind: "theme_day".into(),
            also: vec![Obligation::PartyLecture],
            held_on: "2026-11-01".into(),
            lecturer_id: Some(member_id(&db, "周建华")),
            topic: "新时代党员的初心使命".into(),
            ..Default::default()
        },
    );
    let s = db
        .write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
    assert_eq!(
        s.counts_for,
        vec![Obligation::ThemeDay, Obligation::PartyLecture]
    );
    for o in [Obligation::ThemeDay, Obligation::PartyLecture] {
        let q = SessionQuery {
            obligation: Some(o),
            ..Default::default()
        };
        let found = db.read(|c| sessions::list(c, &q)).unwrap();
        assert_eq!(found.len(), 1, "{o:?}");
    }
    let q = SessionQuery {
        obligation: Some(Obligation::GeneralMeeting),
        ..Default::default()
    };
    assert!(db.read(|c| sessions::list(c, &q)).unwrap().is_empty());
}

#[test]
fn refusals_name_the_field() {
    let (_dir, _path, db) = demo_db();
    let mut lecture = SessionInput {
        kind: "party_lecture".into(),
        held_on: "2026-11-01".into(),
        ..Default::default()
    };
    let r = db.write(|tx| sessions::add(tx, &lecture, today(), ACTOR));
    assert_eq!(validation(r), ("lecturer", Reason::LecturerRequired));
    lecture.lecturer_name = "区委党校 张教授".into();
    lecture.held_on = "2026-11-23".into();
    let r = db.write(|tx| sessions::add(tx, &lecture, today(), ACTOR));
    assert_eq!(validation(r), ("held_on", Reason::DateInFuture));
    lecture.held_on = "2026-11-01".into();
    lecture.start_time = Some("15:00".into());
    lecture.end_time = Some("14:30".into());
    let r = db.write(|tx| sessions::add(tx, &lecture, today(), ACTOR));
    assert_eq!(validation(r), ("end_time", Reason::TimeOrder));
    lecture.end_time = Some("16:30".into());
    // 田志明 left the branch before November.
    lecture.attendance = vec![AttendanceInput {
        member_id: member_id(&db, "田志明"),
        status: AttendanceStatus::Present,
        reason: String::new(),
    }];
    let r = db.write(|tx| sessions::add(tx, &lecture, today(), ACTOR));
    assert_eq!(validation(r), ("attendance", Reason::NotOnRoster));
    lecture.kind = "secretary_lecture".into();
    let r = db.write(|tx| sessions::add(tx, &lecture, today(), ACTOR));
    assert_eq!(validation(r), ("kind", Reason::UnknownKind));
    assert_eq!(session_count(&db), 0);
}

#[test]
fn a_branch_can_log_its_own_kinds_once_created() {
    let (_dir, _path, db) = demo_db();
    let input = SessionInput {
        kind: "政务服务大讲堂".into(),
        also: vec![Obligation::PartyLecture],
        lecturer_name: "市政务服务管理局".into(),
        held_on: "2026-10-20".into(),
        ..Default::default()
    };
    // Typing a new name creates no kind: it is refused, and nothing is stored.
    let e = db
        .write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap_err();
    assert_eq!(
        (e.field(), e.reason()),
        (Some("kind"), Some(Reason::UnknownSessionKind))
    );
    assert_eq!(session_count(&db), 0);
    let created = sessions::SessionKindInput {
        name: "政务服务大讲堂".into(),
    };
    db.write(|tx| sessions::kinds::add(tx, &created, ACTOR))
        .unwrap();
    let s = db
        .write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
    assert_eq!(
        (s.kind.as_str(), s.kind_label.as_str()),
        ("政务服务大讲堂", "政务服务大讲堂")
    );
    // A slip of one character is refused with the kind it was probably meant to be.
    let slip = SessionInput {
        kind: "政务服务大讲坛".into(),
        ..input.clone()
    };
    let e = db
        .write(|tx| sessions::add(tx, &slip, today(), ACTOR))
        .unwrap_err();
    assert_eq!(
        e.details(),
        ["「政务服务大讲坛」，是否要输入 政务服务大讲堂？"]
    );
    assert_eq!(session_count(&db), 1);
    assert_eq!(s.counts_for, vec![Obligation::PartyLecture]);
}

#[test]
fn the_year_calendar_shows_met_open_and_missed_months() {
    use zhibu::sessions::PeriodStatus;
    let (_dir, _path, db) = demo_db();
    for month in [1, 2, 4, 5, 6, 7, 8, 9, 10] {
        let input = committee_meeting(&db, &format!("2026-{month:02}-15"));
        db.write(|tx| sessions::add(tx, &input, today(), ACTOR))
            .unwrap();
    }
    let report = db.read(|c| sessions::compliance(c, 2026, today())).unwrap();
    let status = |period: &str| {
        report
            .obligations
            .iter()
            .find(|o| o.kind == Obligation::CommitteeMeeting && o.period == period)
            .map(|o| (o.status, o.days_left, o.sessions.len()))
            .unwrap()
    };
    assert_eq!(status("2026-02"), (PeriodStatus::Met, None, 1));
    assert_eq!(status("2026-03"), (PeriodStatus::Missed, None, 0));
    assert_eq!(status("2026-11"), (PeriodStatus::Open, Some(9), 0));
    assert_eq!(status("2026-12"), (PeriodStatus::Open, Some(40), 0));

    // The same year judged on the last day of March: March is still open, with 1 day left.
    let march = db
        .read(|c| sessions::compliance(c, 2026, d("2026-03-31")))
        .unwrap();
    let row = march
        .obligations
        .iter()
        .find(|o| o.kind == Obligation::CommitteeMeeting && o.period == "2026-03")
        .unwrap();
    assert_eq!((row.status, row.days_left), (PeriodStatus::Open, Some(1)));
}

#[test]
fn a_committee_meeting_without_quorum_does_not_meet_the_month() {
    use zhibu::sessions::PeriodStatus;
    let (_dir, _path, db) = demo_db();
    let mut input = committee_meeting(&db, "2026-10-15");
    input.attendance.truncate(2);
    let s = db
        .write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
    assert!(!s.quorum.unwrap().met);
    let report = db.read(|c| sessions::compliance(c, 2026, today())).unwrap();
    let october = report
        .obligations
        .iter()
        .find(|o| o.kind == Obligation::CommitteeMeeting && o.period == "2026-10")
        .unwrap();
    assert_eq!(october.status, PeriodStatus::Missed);
}

#[test]
fn a_changed_rule_is_stored_and_judges_from_its_date() {
    use zhibu::rule_sets::{Dated, RuleSet};
    use zhibu::sessions::{ObligationRuleSet, PeriodUnit};
    let (_dir, _path, db) = demo_db();
    let mut set = ObligationRuleSet::defaults();
    set.version = "2026年7月起每月一次党课".into();
    set.effective_from = d("2026-07-01");
    for r in &mut set.rules {
        if r.obligation == Obligation::PartyLecture {
            r.every = PeriodUnit::Month;
        }
    }
    db.write(|tx| set.save(tx, ACTOR)).unwrap();
    let report = db.read(|c| sessions::compliance(c, 2026, today())).unwrap();
    let lectures: Vec<_> = report
        .obligations
        .iter()
        .filter(|o| o.kind == Obligation::PartyLecture)
        .map(|o| o.period.clone())
        .collect();
    assert_eq!(lectures.len(), 8, "Q1, Q2 and six months: {lectures:?}");
    let last_year = db.read(|c| sessions::compliance(c, 2025, today())).unwrap();
    assert_eq!(
        last_year
            .obligations
            .iter()
            .filter(|o| o.kind == Obligation::PartyLecture)
            .count(),
        4,
        "2025 keeps the quarterly rule"
    );
    set.rules[0].times = 0;
    let r = db.write(|tx| set.save(tx, ACTOR));
    assert!(matches!(r, Err(Error::Validation { .. })));
}

#[test]
fn a_preview_shows_the_outcome_and_keeps_nothing() {
    let (_dir, _path, db) = demo_db();
    let voters = voters(&db);
    let mut input = all_present(&db, general_meeting(&voters[..4]));
    input.resolutions = vec![vote("表决", ResolutionKind::Resolution, 12, 8)];
    let p = db.read(|c| sessions::preview(c, &input, today())).unwrap();
    assert_eq!(p.session.head_count.expected, 26);
    assert!(p.session.quorum.unwrap().met);
    assert!(
        !p.session.resolutions[0].passed,
        "12 of 24 entitled is not more than half"
    );
    input.resolutions[0].votes_for = 13;
    input.resolutions[0].votes_against = 7;
    let p = db.read(|c| sessions::preview(c, &input, today())).unwrap();
    assert!(p.session.resolutions[0].passed);
    assert_eq!(session_count(&db), 0);
    input.held_on = "not a date".into();
    let r = db.read(|c| sessions::preview(c, &input, today()));
    assert_eq!(validation(r), ("held_on", Reason::InvalidDate));
}

#[test]
fn a_members_attendance_history_and_rate_per_kind() {
    let (_dir, _path, db) = demo_db();
    let wang = member_id(&db, "王志强");
    for (on, status) in [
        ("2026-09-10", AttendanceStatus::Present),
        ("2026-10-10", AttendanceStatus::Leave),
        ("2026-11-10", AttendanceStatus::Present),
    ] {
        let mut input = committee_meeting(&db, on);
        input.attendance.retain(|a| a.member_id != wang);
        input.attendance.push(AttendanceInput {
            member_id: wang.clone(),
            status,
            reason: String::new(),
        });
        db.write(|tx| sessions::add(tx, &input, today(), ACTOR))
            .unwrap();
    }
    let theme = all_present(
        &db,
        SessionInput {
            kind: "theme_day".into(),
            held_on: "2026-11-01".into(),
            ..Default::default()
        },
    );
    db.write(|tx| sessions::add(tx, &theme, today(), ACTOR))
        .unwrap();

    let history = db
        .read(|c| sessions::attendance_of(c, &wang, 2026))
        .unwrap();
    assert_eq!(history.rows.len(), 4);
    assert_eq!(history.rows[0].held_on, d("2026-11-10"), "newest first");
    let committee = history
        .rates
        .iter()
        .find(|r| r.obligation == Obligation::CommitteeMeeting)
        .unwrap();
    assert_eq!(
        (committee.expected, committee.present, committee.leave),
        (3, 2, 1)
    );
    assert!((committee.rate.unwrap() - 2.0 / 3.0).abs() < 1e-9);
    // An ordinary member was never expected at a 支委会.
    let yang_id = member_id(&db, "杨丽");
    let yang = db
        .read(|c| sessions::attendance_of(c, &yang_id, 2026))
        .unwrap();
    assert!(yang
        .rates
        .iter()
        .all(|r| r.obligation != Obligation::CommitteeMeeting));
}

#[test]
fn a_sign_in_sheet_lists_who_should_attend_the_planned_session() {
    use zhibu::sessions::sign_in;
    let (_dir, _path, db) = demo_db();
    let planned = d("2026-12-10");
    let general = db
        .read(|c| sign_in::sheet(c, "general_meeting", None, planned))
        .unwrap();
    assert_eq!(general.kind_label, "支部党员大会");
    let committee = db
        .read(|c| sign_in::sheet(c, "支委会", None, planned))
        .unwrap();
    assert!(committee.rows.len() < general.rows.len());
    assert!(committee.rows.iter().all(|r| !r.roles.is_empty()));
    // A 预备党员 attends a 党员大会 without a vote.
    assert!(general.rows.iter().any(|r| r.note == "无表决权"));
    // A 党小组会 lists its own group, and needs one.
    let err = db
        .read(|c| sign_in::sheet(c, "group_meeting", None, planned))
        .unwrap_err();
    assert!(matches!(
        err,
        Error::Validation {
            reason: Reason::GroupRequired,
            ..
        }
    ));
    let group = db.read(zhibu::branch::list_groups).unwrap().remove(0);
    let sheet = db
        .read(|c| sign_in::sheet(c, "group_meeting", Some(&group.id), planned))
        .unwrap();
    assert!(!sheet.rows.is_empty());
    assert!(sheet
        .rows
        .iter()
        .all(|r| r.party_group.as_deref() == Some(group.name.as_str())));
    // A group given with another kind is ignored: a 党课 is the whole branch's.
    let lecture = db
        .read(|c| sign_in::sheet(c, "party_lecture", Some(&group.id), planned))
        .unwrap();
    assert_eq!(lecture.party_group, None);
    assert_eq!(lecture.rows.len(), general.rows.len());
    let err = db
        .read(|c| sign_in::sheet(c, "group_meeting", Some("no-such-group"), planned))
        .unwrap_err();
    assert!(matches!(
        err,
        Error::Validation {
            reason: Reason::UnknownPartyGroup,
            ..
        }
    ));

    // The .xlsx has one row per person under the header, room to sign.
    use calamine::Reader;
    let bytes = sign_in::sheet_xlsx(&general).unwrap();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("签到表").unwrap();
    assert_eq!(range.height(), 4 + general.rows.len());
    let names: Vec<String> = (4..range.height() as u32)
        .map(|r| range.get_value((r, 1)).unwrap().to_string())
        .collect();
    let expected: Vec<String> = general.rows.iter().map(|r| r.name.clone()).collect();
    assert_eq!(names, expected);
    // 序号 are number cells; the people in the branch's (拼音) order.
    assert_eq!(range.get_value((4, 0)), Some(&calamine::Data::Float(1.0)));
    let keys: Vec<String> = expected
        .iter()
        .map(|n| zhibu::collate::sort_key(n, zhibu::collate::NameOrder::Pinyin))
        .collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "{expected:?}");
}

/// Many sessions at once are all or none, each checked against the roster of its own day as
/// a single add is: a 党小组会 without its group stops the lot at its position.
#[test]
fn many_sessions_are_added_all_or_none() {
    let (_dir, _path, db) = demo_db();
    let first = all_present(&db, general_meeting(&[]));
    // Checked against its own day's roster: the June meeting lists those on it in June.
    let later = all_present(
        &db,
        SessionInput {
            held_on: "2026-06-20".into(),
            ..general_meeting(&[])
        },
    );
    let june_with_november_roll = SessionInput {
        held_on: "2026-06-20".into(),
        ..first.clone()
    };
    assert!(matches!(
        db.write(|tx| sessions::add_many(tx, &[june_with_november_roll], today(), ACTOR)),
        Err(Error::AtRow { row: 1, .. })
    ));
    let no_group = SessionInput {
        kind: "group_meeting".into(),
        party_group_id: None,
        ..first.clone()
    };
    let refused = db.write(|tx| sessions::add_many(tx, &[first.clone(), no_group], today(), ACTOR));
    match refused {
        Err(Error::AtRow { row: 2, error }) => assert!(
            matches!(
                *error,
                Error::Validation {
                    field: "party_group_id",
                    reason: Reason::GroupRequired
                }
            ),
            "{error:?}"
        ),
        other => panic!("expected the second to be refused, got {other:?}"),
    }
    assert_eq!(session_count(&db), 0, "nothing of a refused lot is kept");
    let ids = db
        .write(|tx| sessions::add_many(tx, &[first, later], today(), ACTOR))
        .unwrap();
    assert_eq!(session_count(&db), 2);
    let s = db.read(|c| sessions::get(c, &ids[1])).unwrap();
    assert_eq!(s.head_count.present, s.head_count.expected);
    assert!(s.quorum.is_some_and(|q| q.met));
}

/// Each obligation a session counts for is judged by its own test in the calendar: a 党小组会
/// marked also as a 党员大会 meets its group's month but not the quarter's 党员大会; a 主题党日
/// also marked as a 支委会 meets the 支委会 only with more than half of the committee present.
#[test]
fn the_calendar_judges_each_obligation_of_a_session_by_its_own_test() {
    use zhibu::sessions::PeriodStatus;
    let (_dir, _path, db) = demo_db();
    let first = db
        .read(|c| zhibu::branch::find_group_by_name(c, "第一党小组（综合窗口）"))
        .unwrap()
        .unwrap();
    let group = SessionInput {
        kind: "group_meeting".into(),
        also: vec![Obligation::GeneralMeeting],
        held_on: "2026-07-10".into(),
        party_group_id: Some(first.id.clone()),
        others: Some(AttendanceStatus::Present),
        ..Default::default()
    };
    let s = db
        .write(|tx| sessions::add(tx, &group, today(), ACTOR))
        .unwrap();
    assert_eq!(
        s.obligations
            .iter()
            .map(|o| (o.obligation, o.met))
            .collect::<Vec<_>>(),
        vec![
            (Obligation::GroupMeeting, true),
            (Obligation::GeneralMeeting, false)
        ]
    );
    let theme_day = |on: &str, committee_present: &[&str]| SessionInput {
        kind: "theme_day".into(),
        also: vec![Obligation::CommitteeMeeting],
        held_on: on.into(),
        attendance: present(&db, committee_present),
        ..Default::default()
    };
    // August: two of five on the committee came; September: three.
    for input in [
        theme_day("2026-08-12", &["周建华", "李晓红"]),
        theme_day("2026-09-12", &["周建华", "李晓红", "王志强"]),
    ] {
        db.write(|tx| sessions::add(tx, &input, today(), ACTOR))
            .unwrap();
    }
    let report = db.read(|c| sessions::compliance(c, 2026, today())).unwrap();
    let status = |kind: Obligation, period: &str| {
        report
            .obligations
            .iter()
            .find(|o| {
                o.kind == kind
                    && o.period == period
                    && o.party_group_id.as_deref().is_none_or(|g| g == first.id)
            })
            .map(|o| o.status)
            .unwrap()
    };
    use PeriodStatus::{Met, Missed};
    for (kind, period, want) in [
        (Obligation::GroupMeeting, "2026-07", Met),
        (Obligation::GeneralMeeting, "2026-Q3", Missed),
        (Obligation::ThemeDay, "2026-08", Met),
        (Obligation::CommitteeMeeting, "2026-08", Missed),
        (Obligation::CommitteeMeeting, "2026-09", Met),
    ] {
        assert_eq!(status(kind, period), want, "{kind:?} {period}");
    }
}

#[test]
fn impossible_counts_get_an_invalid_verdict_in_the_preview_and_are_refused_on_saving() {
    let (_dir, _path, db) = demo_db();
    let voters = voters(&db);
    // 20 of 24 voters present.
    let mut input = all_present(&db, general_meeting(&voters[..4]));
    let resolution = |title, votes_for, votes_against| {
        vote(title, ResolutionKind::Resolution, votes_for, votes_against)
    };
    input.resolutions = vec![
        resolution("通过的决议", 15, 5),
        resolution("", 0, 0),
        resolution("票数不可能", 25, 0),
    ];
    let p = db.read(|c| sessions::preview(c, &input, today())).unwrap();
    let verdicts: Vec<_> = p
        .verdicts
        .iter()
        .map(|v| v.as_ref().map(|v| (v.verdict, v.reason)))
        .collect();
    assert_eq!(
        verdicts,
        vec![
            Some((Verdict::Passed, None)),
            None,
            Some((Verdict::Invalid, Some(Reason::VotesExceedPresent)))
        ]
    );
    assert_eq!(
        p.verdicts[2].as_ref().unwrap().message.as_deref(),
        Some("票数合计超过了到会有表决权的人数")
    );
    // The session is still shown, the impossible votes left out.
    assert_eq!(p.session.head_count.present, 22);
    assert_eq!(p.session.resolutions.len(), 2);
    assert_eq!(
        (
            p.session.resolutions[1].votes_for,
            p.session.resolutions[1].passed
        ),
        (0, false)
    );
    // The preview's JSON is the session's, with the verdicts added.
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["head_count"]["present"], 22);
    assert_eq!(json["verdicts"][2]["verdict"], "invalid");
    assert_eq!(json["verdicts"][2]["reason"], "votes_exceed_present");
    assert!(json["verdicts"][1].is_null());
    let direct = db
        .read(|c| sessions::resolution_verdicts(c, &input, today()))
        .unwrap();
    assert_eq!(direct, p.verdicts);

    let r = db.write(|tx| sessions::add(tx, &input, today(), ACTOR));
    assert_eq!(validation(r), ("resolutions", Reason::VotesExceedPresent));
    assert_eq!(session_count(&db), 0);
}

fn committee_with_agenda(db: &zhibu::Db, on: &str, topic: &str) -> SessionInput {
    let roster = db
        .read(|c| zhibu::members::as_of::roster_on(c, d(on)))
        .unwrap();
    let host = roster.iter().find(|m| m.on_committee()).unwrap().id.clone();
    SessionInput {
        kind: "committee_meeting".into(),
        held_on: on.into(),
        start_time: Some("14:30".into()),
        place: "三楼会议室".into(),
        title: format!("{on} 支委会"),
        topic: topic.into(),
        host_id: Some(host),
        minutes: "会议记录".into(),
        agenda: vec![AgendaItemInput {
            title: "学习最新讲话精神".into(),
            first_topic: true,
        }],
        resolutions: vec![ResolutionInput {
            passed: false,
            ..vote("研究发展党员工作", ResolutionKind::Resolution, 1, 0)
        }],
        others: Some(AttendanceStatus::Present),
        ..Default::default()
    }
}

#[test]
fn a_new_session_starts_from_the_last_one_of_its_kind() {
    let (_dir, _path, db) = demo_db();
    assert!(db
        .read(|c| sessions::template_from_last(c, "committee_meeting", None, today()))
        .unwrap()
        .is_none());
    for (on, topic) in [("2026-10-08", "十月议题"), ("2026-11-05", "十一月议题")] {
        let input = committee_with_agenda(&db, on, topic);
        db.write(|tx| sessions::add(tx, &input, today(), ACTOR))
            .unwrap();
    }
    let last = db
        .read(|c| sessions::list(c, &SessionQuery::default()))
        .unwrap()
        .remove(0);
    // By its Chinese name too.
    let t = db
        .read(|c| sessions::template_from_last(c, "支委会", None, d("2026-11-20")))
        .unwrap()
        .unwrap();
    assert_eq!(
        (t.from_id.as_str(), t.from_held_on),
        (last.id.as_str(), d("2026-11-05"))
    );
    let i = &t.input;
    assert_eq!(
        (
            i.kind.as_str(),
            i.held_on.as_str(),
            i.topic.as_str(),
            i.place.as_str()
        ),
        (
            "committee_meeting",
            "2026-11-20",
            "十一月议题",
            "三楼会议室"
        )
    );
    assert!(i.host_id.is_some());
    assert_eq!(i.title, "", "the old title names the old day");
    assert_eq!(i.minutes, "");
    assert_eq!(i.agenda.len(), 1);
    assert!(i.agenda[0].first_topic);
    assert_eq!(
        (
            i.resolutions[0].title.as_str(),
            i.resolutions[0].votes_for,
            i.resolutions[0].passed
        ),
        ("研究发展党员工作", 0, false)
    );
    assert!(i.attendance.is_empty());
    let committee = db
        .read(|c| zhibu::members::as_of::roster_on(c, d("2026-11-20")))
        .unwrap()
        .into_iter()
        .filter(|m| m.on_committee())
        .count();
    assert_eq!(t.expected.len(), committee);
    assert!(t.expected.iter().all(|r| r.expected));
    // What it gives can be saved as it stands.
    db.write(|tx| sessions::add(tx, &t.input, today(), ACTOR))
        .unwrap();
}

#[test]
fn a_group_meeting_template_prefers_the_group_and_keeps_it() {
    let (_dir, _path, db) = demo_db();
    let groups = db.read(zhibu::branch::list_groups).unwrap();
    assert!(groups.len() >= 2);
    for (g, topic) in [(&groups[0], "第一组议题"), (&groups[1], "第二组议题")] {
        let input = SessionInput {
            kind: "group_meeting".into(),
            held_on: "2026-11-03".into(),
            party_group_id: Some(g.id.clone()),
            topic: topic.into(),
            ..Default::default()
        };
        db.write(|tx| sessions::add(tx, &input, today(), ACTOR))
            .unwrap();
    }
    for (g, topic) in [(&groups[0], "第一组议题"), (&groups[1], "第二组议题")] {
        let t = db
            .read(|c| {
                sessions::template_from_last(c, "group_meeting", Some(&g.id), d("2026-11-20"))
            })
            .unwrap()
            .unwrap();
        assert_eq!(t.input.topic, topic);
        assert_eq!(t.input.party_group_id.as_deref(), Some(g.id.as_str()));
    }
}

#[test]
fn each_group_s_meeting_of_a_month_is_logged_at_once_all_or_none() {
    let (_dir, _path, db) = demo_db();
    let month = db.read(|c| sessions::group_month(c, "2026-11")).unwrap();
    assert!(month.len() >= 2);
    assert!(month.iter().all(|g| g.held.is_empty()));
    let row = |g: &sessions::GroupMonth, on: &str| GroupMeetingInput {
        party_group_id: g.party_group_id.clone(),
        held_on: on.into(),
        topic: "学习党章".into(),
        host_id: g.leader_id.clone(),
    };
    let all: Vec<_> = month.iter().map(|g| row(g, "2026-11-12")).collect();

    // (what is wrong, the batch, the row at fault, field, reason)
    let mut late = all.clone();
    late[1].held_on = "2026-12-01".into();
    let mut twice = all.clone();
    twice[1].party_group_id = twice[0].party_group_id.clone();
    let mut unknown = all.clone();
    unknown[1].party_group_id = "no-such-group".into();
    let mut future = all.clone();
    future[0].held_on = "2026-11-30".into();
    let cases = [
        (
            "outside the month",
            late,
            2,
            "held_on",
            Reason::DateNotInMonth,
        ),
        (
            "a group twice",
            twice,
            2,
            "party_group_id",
            Reason::GroupChosenTwice,
        ),
        (
            "an unknown group",
            unknown,
            2,
            "party_group_id",
            Reason::UnknownPartyGroup,
        ),
        ("a day to come", future, 1, "held_on", Reason::DateInFuture),
    ];
    for (what, batch, at, field, reason) in cases {
        let r = db.write(|tx| sessions::add_group_meetings(tx, "2026-11", &batch, today(), ACTOR));
        match r {
            Err(Error::AtRow { row, error }) => {
                assert_eq!(row, at, "{what}");
                assert_eq!(
                    (error.field(), error.reason()),
                    (Some(field), Some(reason)),
                    "{what}"
                );
            }
            other => panic!("{what}: expected a refused row, got {other:?}"),
        }
        assert_eq!(session_count(&db), 0, "{what}: nothing is kept");
    }
    let r = db.write(|tx| sessions::add_group_meetings(tx, "2026-11", &[], today(), ACTOR));
    assert_eq!(validation(r), ("party_group_id", Reason::NoGroupChosen));
    let r = db.write(|tx| sessions::add_group_meetings(tx, "2026-13", &all, today(), ACTOR));
    assert_eq!(validation(r), ("month", Reason::InvalidMonth));

    let added = db
        .write(|tx| sessions::add_group_meetings(tx, "2026-11", &all, today(), ACTOR))
        .unwrap();
    assert_eq!(added.len(), month.len());
    let roster = db
        .read(|c| zhibu::members::as_of::roster_on(c, d("2026-11-12")))
        .unwrap();
    for (s, g) in added.iter().zip(&month) {
        let members = roster
            .iter()
            .filter(|m| {
                m.is_party_member() && m.party_group_id.as_deref() == Some(&g.party_group_id)
            })
            .count() as u32;
        assert_eq!(s.kind, "group_meeting");
        assert_eq!(s.party_group_id.as_deref(), Some(g.party_group_id.as_str()));
        assert_eq!(s.head_count.expected, members, "{}", g.name);
        assert_eq!(s.head_count.present, members, "everyone expected present");
        assert_eq!(s.host_id, g.leader_id);
    }
    let month = db.read(|c| sessions::group_month(c, "2026-11")).unwrap();
    assert!(month.iter().all(|g| g.held == vec![d("2026-11-12")]));
}
