//! The membership path's deadlines on a real database, each step judged on days before, at
//! and after its limits.

mod common;

use common::*;
use zhibu::members::{self, MemberInput, Stage};
use zhibu::pipeline::{self, BlockerKind, PipelineEntry, PipelineRuleSet, PipelineStep, StepInput};
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

    // Extended once, by six months: the end moves; a second extension or a longer one is refused.
    assert_eq!(
        refused(record_months(
            &db,
            &id,
            PipelineStep::Extension,
            "2026-11-20",
            Some(13)
        )),
        ("months", Reason::ExtensionLength)
    );
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
    db.write(|tx| pipeline::save_rules(tx, &revised, ACTOR))
        .unwrap();
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
    let read = pipeline::parse_rules(rules.to_string().as_bytes()).unwrap();
    assert_eq!(
        (read.version.as_str(), read.activist_min_months),
        ("测试修订", 18)
    );

    let field = |json: &serde_json::Value| match pipeline::parse_rules(json.to_string().as_bytes())
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
