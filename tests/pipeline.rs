//! The membership path's deadlines on a real database, each step judged on days before, at
//! and after its limits.

mod common;

use common::*;
use zhibu::members::{self, MemberInput, Stage};
use zhibu::pipeline::{self, BlockerKind, PipelineEntry, PipelineRuleSet, PipelineStep, StepInput};
use zhibu::rule_sets::{Dated, RuleSet};
use zhibu::{Db, Error, Reason};

fn on_path(db: &Db, name: &str, stage: Stage, since: &str, seq: u32) -> String {
    let input = MemberInput {
        stage: Some(stage),
        stage_date: (stage != Stage::Probationary).then(|| since.to_string()),
        joined_on: (stage == Stage::Probationary).then(|| since.to_string()),
        confirmed_on: None,
        ..full_member(name, "1998-05-01", seq)
    };
    db.write(|tx| members::add(tx, &input, today(), ACTOR))
        .unwrap()
        .id
}

fn entry(db: &Db, id: &str, on: &str) -> PipelineEntry {
    db.read(|c| pipeline::report(c, d(on)))
        .unwrap()
        .people
        .into_iter()
        .find(|p| p.member_id == id)
        .unwrap()
}

fn record(db: &Db, id: &str, step: PipelineStep, on: &str) -> Result<(), Error> {
    record_months(db, id, step, on, None)
}

fn record_months(
    db: &Db,
    id: &str,
    step: PipelineStep,
    on: &str,
    months: Option<u32>,
) -> Result<(), Error> {
    let input = StepInput {
        member_id: id.into(),
        step: Some(step),
        done_on: on.into(),
        months,
        note: String::new(),
    };
    db.write(|tx| pipeline::record_step(tx, &input, today(), ACTOR))
        .map(|_| ())
}

fn refused(r: Result<(), Error>) -> (&'static str, Reason) {
    match r {
        Err(Error::Validation { field, reason }) => (field, reason),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn kinds(e: &PipelineEntry) -> Vec<(BlockerKind, PipelineStep)> {
    e.blockers.iter().map(|b| (b.kind, b.step)).collect()
}

#[test]
fn an_applicant_is_talked_to_within_a_month() {
    let (_dir, _path, db) = branch_db();
    let id = on_path(&db, "申请人", Stage::Applicant, "2026-10-01", 1);
    let e = entry(&db, &id, "2026-10-20");
    assert_eq!(e.next, PipelineStep::Talk);
    assert_eq!(
        (e.earliest, e.latest),
        (Some(d("2026-10-01")), Some(d("2026-11-01")))
    );
    assert!(e.blockers.is_empty());
    assert!(entry(&db, &id, "2026-11-01").blockers.is_empty());
    let late = entry(&db, &id, "2026-11-02");
    assert_eq!(kinds(&late), [(BlockerKind::Overdue, PipelineStep::Talk)]);

    record(&db, &id, PipelineStep::Talk, "2026-10-15").unwrap();
    let e = entry(&db, &id, "2026-11-22");
    assert_eq!(
        (e.next, e.earliest),
        (PipelineStep::Activist, Some(d("2026-10-15")))
    );
    assert_eq!(e.done.len(), 1);
}

#[test]
fn an_activist_is_trained_a_year_with_contact_persons_before_becoming_a_candidate() {
    let (_dir, _path, db) = branch_db();
    let id = on_path(&db, "积极分子", Stage::Activist, "2026-03-12", 2);
    let e = entry(&db, &id, "2026-11-22");
    assert_eq!(
        (e.next, e.earliest),
        (PipelineStep::Candidate, Some(d("2027-03-12")))
    );
    assert_eq!(
        kinds(&e),
        [
            (BlockerKind::Missing, PipelineStep::ContactPersons),
            (BlockerKind::TooEarly, PipelineStep::Candidate)
        ]
    );
    let early = e
        .blockers
        .iter()
        .find(|b| b.kind == BlockerKind::TooEarly)
        .unwrap();
    assert_eq!(
        early.message,
        "积极分子培养未满一年，最早 2027-03-12 可列为发展对象"
    );

    record(&db, &id, PipelineStep::ContactPersons, "2026-03-20").unwrap();
    assert_eq!(
        kinds(&entry(&db, &id, "2027-03-11")),
        [(BlockerKind::TooEarly, PipelineStep::Candidate)]
    );
    assert!(entry(&db, &id, "2027-03-12").blockers.is_empty());
}

#[test]
fn a_candidate_needs_two_introducers_the_review_and_the_training() {
    let (_dir, _path, db) = branch_db();
    let id = on_path(&db, "发展对象", Stage::Candidate, "2026-06-01", 3);
    let e = entry(&db, &id, "2026-11-22");
    assert_eq!(e.next, PipelineStep::Admission);
    assert_eq!(
        kinds(&e),
        [
            (BlockerKind::Missing, PipelineStep::Admission),
            (BlockerKind::Missing, PipelineStep::PoliticalReview),
            (BlockerKind::Missing, PipelineStep::Training)
        ]
    );
    assert!(e.blockers[0].message.contains("入党介绍人不足 2 名"));
    record(&db, &id, PipelineStep::PoliticalReview, "2026-08-10").unwrap();
    record(&db, &id, PipelineStep::Training, "2026-09-15").unwrap();
    let member = db.read(|c| members::get(c, &id, today())).unwrap();
    let mut input = member.to_input();
    input.introducers = "张三、李四".into();
    db.write(|tx| members::update(tx, &id, &input, today(), ACTOR))
        .unwrap();
    let e = entry(&db, &id, "2026-11-22");
    assert!(e.blockers.is_empty(), "{:?}", e.blockers);
    assert_eq!(e.earliest, Some(d("2026-09-15")), "after the last of them");
}

#[test]
fn a_probationary_member_is_approved_within_three_months_at_most_six_and_confirmed_after_a_year() {
    let (_dir, _path, db) = branch_db();
    let id = on_path(&db, "预备党员", Stage::Probationary, "2026-01-10", 4);
    let e = entry(&db, &id, "2026-03-01");
    assert_eq!(e.next, PipelineStep::Approval);
    assert_eq!(e.latest, Some(d("2026-04-10")));
    assert_eq!(e.probation_ends, Some(d("2027-01-10")));
    assert!(e.blockers.is_empty());
    assert_eq!(
        kinds(&entry(&db, &id, "2026-04-11")),
        [(BlockerKind::Overdue, PipelineStep::Approval)]
    );
    let past_max = entry(&db, &id, "2026-07-11");
    assert!(past_max.blockers[0].message.contains("已超期"));

    assert_eq!(
        refused(record(&db, &id, PipelineStep::Approval, "2026-07-11")),
        ("done_on", Reason::ApprovalTooLate)
    );
    record(&db, &id, PipelineStep::Approval, "2026-07-10").unwrap();
    let e = entry(&db, &id, "2026-11-22");
    assert_eq!(e.next, PipelineStep::Confirmation);
    assert_eq!(
        (e.earliest, e.latest),
        (Some(d("2027-01-10")), Some(d("2027-04-10")))
    );
    assert_eq!(
        kinds(&e),
        [(BlockerKind::TooEarly, PipelineStep::Confirmation)]
    );
    assert!(entry(&db, &id, "2027-01-10").blockers.is_empty());
    assert_eq!(
        kinds(&entry(&db, &id, "2027-04-11")),
        [(BlockerKind::Overdue, PipelineStep::Confirmation)]
    );

    // Extended once, by six months to a year: the end moves; a second extension, a shorter
    // or a longer one is refused.
    for months in [5, 13] {
        assert_eq!(
            refused(record_months(
                &db,
                &id,
                PipelineStep::Extension,
                "2026-11-20",
                Some(months)
            )),
            ("months", Reason::ExtensionLength),
            "{months}"
        );
    }
    record_months(&db, &id, PipelineStep::Extension, "2026-11-20", Some(6)).unwrap();
    let e = entry(&db, &id, "2026-11-22");
    assert_eq!(e.probation_ends, Some(d("2027-07-10")));
    assert_eq!(e.earliest, Some(d("2027-07-10")));
    assert_eq!(
        refused(record_months(
            &db,
            &id,
            PipelineStep::Extension,
            "2026-11-21",
            Some(3)
        )),
        ("step", Reason::ExtensionOnce)
    );
}

#[test]
fn steps_out_of_place_are_refused_and_nothing_is_recorded() {
    let (_dir, _path, db) = branch_db();
    let applicant = on_path(&db, "申请人", Stage::Applicant, "2026-10-01", 5);
    let before = entry(&db, &applicant, "2026-11-22");
    for (step, on, expected) in [
        (
            PipelineStep::Activist,
            "2026-10-15",
            ("step", Reason::StepOnMemberRecord),
        ),
        (
            PipelineStep::Training,
            "2026-10-15",
            ("step", Reason::StepNotForStage),
        ),
        (
            PipelineStep::Talk,
            "2026-11-23",
            ("done_on", Reason::DateInFuture),
        ),
        (
            PipelineStep::Talk,
            "2026-09-30",
            ("done_on", Reason::StepBeforeStage),
        ),
    ] {
        assert_eq!(
            refused(record(&db, &applicant, step, on)),
            expected,
            "{step:?}"
        );
    }
    assert_eq!(entry(&db, &applicant, "2026-11-22"), before);
    record(&db, &applicant, PipelineStep::Talk, "2026-10-10").unwrap();
    assert_eq!(
        refused(record(&db, &applicant, PipelineStep::Talk, "2026-10-11")),
        ("step", Reason::StepAlreadyDone)
    );
}

#[test]
fn a_revision_of_the_rules_applies_to_those_who_reach_a_stage_after_it() {
    let (_dir, _path, db) = branch_db();
    let mut revised = PipelineRuleSet::defaults();
    revised.version = "测试修订".into();
    revised.effective_from = d("2026-06-01");
    revised.activist_min_months = 18;
    db.write(|tx| revised.save(tx, ACTOR)).unwrap();
    let old = on_path(&db, "旧规则", Stage::Activist, "2026-03-12", 6);
    let new = on_path(&db, "新规则", Stage::Activist, "2026-07-01", 7);
    assert_eq!(
        entry(&db, &old, "2026-11-22").earliest,
        Some(d("2027-03-12"))
    );
    assert_eq!(
        entry(&db, &new, "2026-11-22").earliest,
        Some(d("2028-01-01"))
    );
    let report = db.read(|c| pipeline::report(c, today())).unwrap();
    assert_eq!(report.rule_version, "测试修订");
}

#[test]
fn a_revision_from_a_file_is_checked_whole() {
    let mut rules = serde_json::to_value(PipelineRuleSet::defaults()).unwrap();
    rules["version"] = "测试修订".into();
    rules["effective_from"] = "2026-06-01".into();
    rules["activist_min_months"] = 18.into();
    let read = PipelineRuleSet::parse(rules.to_string().as_bytes()).unwrap();
    assert_eq!(
        (read.version.as_str(), read.activist_min_months),
        ("测试修订", 18)
    );

    let field = |json: &serde_json::Value| match PipelineRuleSet::parse(json.to_string().as_bytes())
    {
        Err(Error::Validation { field, reason, .. }) => (field, reason),
        other => panic!("{other:?}"),
    };
    let mut slow = rules.clone();
    slow["approval_within_months"] = 9.into(); // later than the 6 months at most
    assert_eq!(field(&slow), ("rules", Reason::InvalidValue));
    let mut missing = rules.clone();
    missing.as_object_mut().unwrap().remove("probation_months");
    assert_eq!(field(&missing), ("rules", Reason::InvalidValue));
}

#[test]
fn an_extension_of_a_full_year_is_the_longest() {
    let (_dir, _path, db) = branch_db();
    let id = on_path(&db, "延长一年", Stage::Probationary, "2026-01-10", 9);
    record(&db, &id, PipelineStep::Approval, "2026-03-01").unwrap();
    record_months(&db, &id, PipelineStep::Extension, "2026-11-20", Some(12)).unwrap();
    assert_eq!(
        entry(&db, &id, "2026-11-22").probation_ends,
        Some(d("2028-01-10"))
    );
}

/// Moves a member to `stage` on `on` (the 入党 or 转正 date for those stages), with a 补录
/// reason or not.
fn change_stage(
    db: &Db,
    id: &str,
    stage: Stage,
    on: &str,
    introducers: &str,
    backfill: &str,
) -> Result<members::Member, Error> {
    db.write(|tx| {
        let mut input = members::get(tx, id, today())?.to_input();
        input.stage = Some(stage);
        input.introducers = introducers.into();
        match stage {
            Stage::Probationary => input.joined_on = Some(on.into()),
            Stage::Full => input.confirmed_on = Some(on.into()),
            _ => input.stage_date = Some(on.into()),
        }
        input.backfill = backfill.into();
        members::update(tx, id, &input, today(), ACTOR)
    })
}

/// A 支部党员大会 on `on`, everyone present, deciding on admitting `subject` with `votes_for`
/// 赞成 (it passes with more than half of the voters).
fn admission_vote(db: &Db, on: &str, subject: &str, votes_for: u32) {
    use zhibu::sessions::{self, AttendanceStatus, ResolutionInput, ResolutionKind, SessionInput};
    let input = SessionInput {
        kind: "general_meeting".into(),
        held_on: on.into(),
        others: Some(AttendanceStatus::Present),
        resolutions: vec![ResolutionInput {
            title: "接收预备党员".into(),
            kind: ResolutionKind::Admission,
            votes_for,
            votes_against: 0,
            votes_abstain: 0,
            passed: false,
            written: vec![],
            subject_id: Some(subject.into()),
        }],
        ..Default::default()
    };
    db.write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
}

fn missing(r: Result<members::Member, Error>) -> Vec<String> {
    match r {
        Err(Error::Detailed {
            field: "stage",
            reason: Reason::StagePathIncomplete,
            details,
        }) => details,
        other => panic!("expected the path to refuse, got {other:?}"),
    }
}

#[test]
fn a_stage_change_is_refused_with_each_missing_step_until_it_is_done() {
    let (_dir, _path, db) = branch_db();
    let stages = |db: &Db, id: &str| {
        db.read(|c| members::get(c, id, today()))
            .unwrap()
            .stage_history
            .len()
    };
    // 申请人 → 积极分子: the talk first.
    let id = on_path(&db, "王晨", Stage::Applicant, "2023-03-01", 11);
    let r = change_stage(&db, &id, Stage::Activist, "2023-06-01", "", "");
    assert_eq!(missing(r), ["尚未完成“派人谈话”"]);
    assert_eq!(stages(&db, &id), 1, "nothing kept");
    record(&db, &id, PipelineStep::Talk, "2023-03-20").unwrap();
    change_stage(&db, &id, Stage::Activist, "2023-06-01", "", "").unwrap();

    // 积极分子 → 发展对象: a 培养联系人 and a full year.
    let r = change_stage(&db, &id, Stage::Candidate, "2024-05-31", "", "");
    assert_eq!(
        missing(r),
        [
            "尚未指定培养联系人（1 至 2 名正式党员）",
            "积极分子培养未满一年，最早 2024-06-01 可列为发展对象"
        ]
    );
    record(&db, &id, PipelineStep::ContactPersons, "2023-06-10").unwrap();
    change_stage(&db, &id, Stage::Candidate, "2024-06-01", "", "").unwrap();

    // 发展对象 → 预备党员: two eligible 介绍人, the political review, the training.
    for (n, name) in ["甲", "乙"].iter().enumerate() {
        let m = full_member(name, "1970-01-01", 20 + n as u32);
        db.write(|tx| members::add(tx, &m, today(), ACTOR)).unwrap();
    }
    let young = MemberInput {
        stage: Some(Stage::Probationary),
        joined_on: Some("2024-01-01".into()),
        confirmed_on: None,
        ..full_member("丙", "1990-01-01", 23)
    };
    db.write(|tx| members::add(tx, &young, today(), ACTOR))
        .unwrap();
    let admission_gap = "尚无 2024-12-01 或之前支部党员大会通过的接收其为预备党员的决议（登记该次党员大会，决议类别选“接收预备党员”并选定其本人）";
    let r = change_stage(&db, &id, Stage::Probationary, "2024-12-01", "甲、丙", "");
    assert_eq!(
        missing(r),
        [
            "入党介绍人不足 2 名（已有 1 名）",
            "尚未完成政治审查",
            "尚未参加集中培训（不少于 3 天或 24 学时）",
            "介绍人丙在 2024-12-01 不是支部名册中的正式党员或正受留党察看处分，不能作入党介绍人",
            admission_gap
        ]
    );
    // One under 留党察看 that day does not count either.
    let yi = member_id(&db, "乙");
    db.write(|tx| {
        tx.execute(
            "INSERT INTO member_sanction (id, member_id, kind, start_on) VALUES ('s1', ?1, ?2, '2024-10-01')",
            rusqlite::params![yi, members::as_of::SANCTION_PROBATION],
        )?;
        Ok(())
    })
    .unwrap();
    record(&db, &id, PipelineStep::PoliticalReview, "2024-09-01").unwrap();
    record(&db, &id, PipelineStep::Training, "2024-10-01").unwrap();
    let r = change_stage(&db, &id, Stage::Probationary, "2024-12-01", "甲、乙", "");
    assert_eq!(
        missing(r),
        [
            "入党介绍人不足 2 名（已有 1 名）",
            "介绍人乙在 2024-12-01 不是支部名册中的正式党员或正受留党察看处分，不能作入党介绍人",
            admission_gap
        ]
    );
    db.write(|tx| {
        tx.execute(
            "UPDATE member_sanction SET end_on = '2024-11-01' WHERE id = 's1'",
            [],
        )?;
        Ok(())
    })
    .unwrap();
    // The 支部党员大会's vote on admitting this person: none, one about someone else, one that
    // failed, one held after the day; then the one that counts.
    let r = change_stage(&db, &id, Stage::Probationary, "2024-12-01", "甲、乙", "");
    assert_eq!(missing(r), [admission_gap]);
    let jia = member_id(&db, "甲");
    for (on, subject, votes_for) in [
        ("2024-11-20", &jia, 2),
        ("2024-11-21", &id, 1),
        ("2024-12-02", &id, 2),
    ] {
        admission_vote(&db, on, subject, votes_for);
        let r = change_stage(&db, &id, Stage::Probationary, "2024-12-01", "甲、乙", "");
        assert_eq!(missing(r), [admission_gap], "{on}");
    }
    admission_vote(&db, "2024-11-25", &id, 2);
    change_stage(&db, &id, Stage::Probationary, "2024-12-01", "甲、乙", "").unwrap();

    // 预备党员 → 正式党员: the superior approval, then the end of the 预备期.
    let r = change_stage(&db, &id, Stage::Full, "2025-12-01", "甲、乙", "");
    assert_eq!(missing(r), ["尚未完成“上级党委审批”"]);
    record(&db, &id, PipelineStep::Approval, "2025-01-15").unwrap();
    let m = change_stage(&db, &id, Stage::Full, "2025-12-01", "甲、乙", "").unwrap();
    assert_eq!(m.stage, Stage::Full);
    assert_eq!(m.stage_history.len(), 5);
    assert!(m.stage_history.iter().all(|e| !e.backfill));
}

#[test]
fn a_past_record_is_kept_with_its_reason_and_the_change_log_shows_it() {
    let (_dir, _path, db) = branch_db();
    let id = on_path(&db, "李强", Stage::Activist, "2025-06-01", 12);
    // Backwards is refused, even as a past record.
    let r = change_stage(&db, &id, Stage::Applicant, "2025-07-01", "", "补录");
    assert!(matches!(
        r,
        Err(Error::Validation {
            field: "stage",
            reason: Reason::StageBackwards
        })
    ));
    let r = change_stage(&db, &id, Stage::Candidate, "2025-09-01", "", "");
    assert_eq!(missing(r).len(), 2);
    let m = change_stage(
        &db,
        &id,
        Stage::Candidate,
        "2025-09-01",
        "",
        "2025年纸质档案补录",
    )
    .unwrap();
    let last = m.stage_history.last().unwrap();
    assert_eq!(
        (
            last.stage,
            last.occurred_on,
            last.backfill,
            last.note.as_str()
        ),
        (
            Stage::Candidate,
            d("2025-09-01"),
            true,
            "补录：2025年纸质档案补录"
        )
    );
    let logged: String = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT detail FROM change_log WHERE entity = 'member_stage_event'
                   AND action = 'backfill' AND entity_id = ?1",
                [&id],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert!(logged.contains("2025年纸质档案补录"), "{logged}");
    assert!(logged.contains("积极分子培养未满一年"), "{logged}");
}
