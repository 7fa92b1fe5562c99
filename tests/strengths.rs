//! 四强 items measured from real records for a chosen day, and scores that follow the
//! template's thresholds.

mod common;

use common::*;
use zhibu::activities::ActivityKind;
use zhibu::sessions::{
    self, AgendaItemInput, AttendanceInput, AttendanceStatus, Obligation, SessionInput,
};
use zhibu::strengths::{score, Finding, ItemKind, Metric, Records, Strength, Template};
use zhibu::Db;

fn demo_on(day: &str) -> (tempfile::TempDir, Db) {
    let (dir, _path, db) = file_db();
    db.write(|tx| zhibu::demo::create(tx, d(day), ACTOR))
        .unwrap();
    (dir, db)
}

fn measure(db: &Db, year: i32, day: &str, metric: &Metric) -> f64 {
    db.read(|c| Records::gather(c, year, d(day))?.measure(metric))
        .unwrap()
}

#[test]
fn the_demo_year_measured_on_a_day() {
    let (_dir, db) = demo_on("2026-11-22");
    let on = |m: &Metric| measure(&db, 2026, "2026-11-22", m);
    // April's 支委会 was missed; November's is still open, so it is not judged yet.
    let committee = Metric::ObligationMetShare {
        obligation: Obligation::CommitteeMeeting,
    };
    assert!((on(&committee) - 0.9).abs() < 1e-9, "{}", on(&committee));
    // In March only January and February are decided.
    assert_eq!(measure(&db, 2026, "2026-03-05", &committee), 1.0);
    let salons = Metric::ActivityCount {
        activity: ActivityKind::ReadingSalon,
        series: None,
    };
    // The demo's four salons are a quarter apart going back a year: one fell in 2025.
    assert_eq!(on(&salons), 3.0);
    let lectures = Metric::ActivityCount {
        activity: ActivityKind::LectureSeries,
        series: Some("学思行微讲堂".into()),
    };
    // 第1–19期 run monthly back over 19 months: January to October fall in 2026.
    assert_eq!(on(&lectures), 10.0);
    // Counted up to the day: by the end of June fewer salons had met.
    assert!(measure(&db, 2026, "2026-06-30", &salons) < 4.0);
    let committee_ok = Metric::CommitteeInTerm { min_members: 3 };
    assert_eq!(on(&committee_ok), 1.0);
    assert_eq!(
        on(&Metric::CommitteeInTerm { min_members: 9 }),
        0.0,
        "the demo committee has fewer than nine"
    );
    // The demo's 支委会 carry 第一议题.
    assert!(on(&Metric::FirstTopicShare) > 0.0);
    let pace = on(&Metric::StudyOnPaceShare);
    assert!(pace > 0.5 && pace < 1.0, "{pace}");
    // No service indicators are kept in the demo yet.
    assert_eq!(on(&Metric::IndicatorsOnTarget), 0.0);
}

fn committee_meeting(db: &Db, on: &str, first_topic: bool) -> SessionInput {
    SessionInput {
        kind: "committee_meeting".into(),
        held_on: on.into(),
        agenda: vec![AgendaItemInput {
            title: "学习习近平总书记最新重要讲话精神".into(),
            first_topic,
        }],
        attendance: ["周建华", "李晓红", "王志强", "陈敏", "刘洋"]
            .iter()
            .map(|n| AttendanceInput {
                member_id: member_id(db, n),
                status: AttendanceStatus::Present,
                reason: String::new(),
            })
            .collect(),
        ..Default::default()
    }
}

#[test]
fn first_topic_share_counts_the_year_s_committee_meetings_up_to_the_day() {
    let (_dir, _path, db) = demo_db();
    assert_eq!(
        measure(&db, 2026, "2026-11-22", &Metric::FirstTopicShare),
        0.0
    );
    for (on, first) in [
        ("2026-03-08", true),
        ("2026-04-08", false),
        ("2026-05-08", true),
    ] {
        let input = committee_meeting(&db, on, first);
        db.write(|tx| sessions::add(tx, &input, today(), ACTOR))
            .unwrap();
    }
    let share = |day: &str| measure(&db, 2026, day, &Metric::FirstTopicShare);
    assert!((share("2026-11-22") - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(share("2026-04-30"), 0.5);
    assert_eq!(share("2026-03-31"), 1.0);
    assert_eq!(
        measure(&db, 2025, "2026-11-22", &Metric::FirstTopicShare),
        0.0
    );
}

#[test]
fn editing_a_threshold_changes_the_score() {
    let (_dir, db) = demo_on("2026-11-22");
    let mut template = Template::default_template();
    let leadership_score = |t: &Template| {
        db.read(|c| {
            let records = Records::gather(c, 2026, d("2026-11-22"))?;
            let mut findings = std::collections::HashMap::new();
            for item in &t.items {
                if let (ItemKind::Measured, Some(m)) = (item.kind, &item.metric) {
                    findings.insert(item.id.clone(), records.measure(m)?);
                }
            }
            let (strengths, _) = score(t, |i| match findings.get(&i.id) {
                Some(v) => Finding::Measured(*v),
                None => Finding::Attested(false),
            });
            Ok(strengths
                .into_iter()
                .find(|s| s.key == Strength::Leadership)
                .unwrap()
                .score)
        })
        .unwrap()
    };
    let before = leadership_score(&template);
    // 支委会 every month is at 0.9: a threshold of 0.9 counts it as met.
    template
        .items
        .iter_mut()
        .find(|i| i.id == "committee_monthly")
        .unwrap()
        .threshold = Some(0.9);
    let after = leadership_score(&template);
    assert!(after > before, "{before} → {after}");
}
