//! 四强 items measured from real records for a chosen day, and scores that follow the
//! template's thresholds.

mod common;

use common::*;
use zhibu::activities::ActivityKind;
use zhibu::sessions::{self, AgendaItemInput, AttendanceStatus, Obligation, SessionInput};
use zhibu::strengths::attest::{self, AttestationInput};
use zhibu::strengths::indicators::{self, HonourInput, IndicatorInput, IndicatorValueInput};
use zhibu::strengths::rules::{self, TemplateSource};
use zhibu::strengths::{
    assess, score, trend, Assessment, EvidenceKind, EvidenceRef, Finding, ItemKind, Metric,
    Records, Strength, Template,
};
use zhibu::Db;
use zhibu::{Error, Reason};

fn demo_on(day: &str) -> (tempfile::TempDir, Db) {
    let (dir, _path, db) = file_db();
    db.write(|tx| zhibu::demo::create(tx, d(day), ACTOR))
        .unwrap();
    (dir, db)
}

fn measure(db: &Db, year: i32, day: &str, metric: &Metric) -> f64 {
    db.read(|c| Records::gather(c, year, d(day))?.measure(metric))
        .unwrap()
        .expect("the item applies to the demo branch")
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
    // Exactly the members on pace among those with a target, as the 学时 report counts them.
    let report = db
        .read(|c| zhibu::study::report(c, 2026, d("2026-11-22"), None))
        .unwrap();
    let on_pace = report
        .members
        .iter()
        .filter(|m| m.target.is_some() && m.on_track)
        .count();
    let counted = report.members.iter().filter(|m| m.target.is_some()).count();
    assert!((pace - on_pace as f64 / counted as f64).abs() < 1e-9);
    // On another day, that day's report decides.
    let feb = db
        .read(|c| zhibu::study::report(c, 2026, d("2026-02-01"), None))
        .unwrap();
    let expected = f64::from(feb.on_track) / f64::from(feb.counted);
    assert_eq!(
        measure(&db, 2026, "2026-02-01", &Metric::StudyOnPaceShare),
        expected
    );
    // Of the seed page's four service figures, 零材料 (158 by the end of September) is short
    // of its 180; the December values are not in yet.
    assert_eq!(on(&Metric::IndicatorsOnTarget), 0.75);
    // In February none has a value yet.
    assert_eq!(
        measure(&db, 2026, "2026-02-10", &Metric::IndicatorsOnTarget),
        0.0
    );
    // 优秀窗口单位 in March, a member's 优秀共产党员 in July.
    assert_eq!(on(&Metric::HonourCount), 2.0);
    assert_eq!(measure(&db, 2026, "2026-05-01", &Metric::HonourCount), 1.0);
    assert_eq!(measure(&db, 2025, "2026-11-22", &Metric::HonourCount), 0.0);
    // Both yearly obligations (组织生活会, 民主评议) are still ahead in the demo year.
    let held = Metric::ObligationsHeld {
        obligations: vec![Obligation::OrgLifeMeeting, Obligation::DemocraticAppraisal],
    };
    assert_eq!(on(&held), 0.0);
}

fn committee_meeting(db: &Db, on: &str, first_topic: bool) -> SessionInput {
    SessionInput {
        agenda: vec![AgendaItemInput {
            title: "学习习近平总书记最新重要讲话精神".into(),
            first_topic,
        }],
        ..common::committee_meeting(db, on)
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
                Some(Some(v)) => Finding::Measured(*v),
                Some(None) => Finding::NotApplicable,
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

fn assessed(db: &Db, year: i32, day: &str) -> Assessment {
    db.read(|c| assess(c, year, d(day))).unwrap()
}

fn item<'a>(a: &'a Assessment, id: &str) -> &'a zhibu::strengths::ItemResult {
    a.strengths
        .iter()
        .flat_map(|s| &s.items)
        .find(|i| i.id == id)
        .unwrap()
}

fn strength(a: &Assessment, key: Strength) -> f64 {
    a.strengths.iter().find(|s| s.key == key).unwrap().score
}

/// Everything a refused change could have touched, to show it touched nothing.
fn snapshot(db: &Db) -> Vec<String> {
    db.read(|c| {
        let mut rows = Vec::new();
        for sql in [
            "SELECT year || item_key || met || note || achieved_on FROM four_strengths_attestation",
            "SELECT attestation_id || kind || ref_id FROM four_strengths_evidence",
            "SELECT year || rule_set_id FROM four_strengths_year",
            "SELECT area || effective_from || body FROM rule_set",
            "SELECT name || coalesce(target, '') FROM indicator",
            "SELECT indicator_id || measured_on || value FROM indicator_value",
            "SELECT title || awarded_on FROM honour",
        ] {
            let mut stmt = c.prepare(sql)?;
            let mut all = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            all.sort();
            rows.extend(all);
        }
        Ok(rows)
    })
    .unwrap()
}

fn brand(evidence: Vec<EvidenceRef>, note: &str, on: &str) -> AttestationInput {
    AttestationInput {
        year: 2026,
        item_id: "branch_brand".into(),
        met: true,
        achieved_on: on.into(),
        note: note.into(),
        attested_by: "周建华".into(),
        evidence,
    }
}

fn first_activity(db: &Db) -> String {
    db.read(|c| {
        Ok(c.query_row(
            "SELECT id FROM activity WHERE kind = 'volunteer_service' ORDER BY held_on LIMIT 1",
            [],
            |r| r.get(0),
        )?)
    })
    .unwrap()
}

#[test]
fn the_demo_year_assessed_shows_measured_and_attested_items() {
    let (_dir, db) = demo_on("2026-11-22");
    let a = assessed(&db, 2026, "2026-11-22");
    assert_eq!(a.template_source, TemplateSource::Default);
    assert_eq!(a.total, Template::default_template().items.len() as u32);
    // The work plan was attested with January's 支委会 as evidence.
    let plan = item(&a, "work_plan");
    assert!(plan.met);
    let att = plan.attestation.as_ref().unwrap();
    assert_eq!(att.evidence.len(), 1);
    assert_eq!(att.evidence[0].kind, EvidenceKind::Session);
    assert!(
        att.evidence[0].label.contains("支委会"),
        "{}",
        att.evidence[0].label
    );
    // Nobody has attested the brand yet: waiting, not failed.
    let brand_item = item(&a, "branch_brand");
    assert!(!brand_item.met && brand_item.attestation.is_none());
    assert_eq!(brand_item.status_label(), "待确认");
    // Measured: April's missed 支委会 leaves the monthly item unmet at 90%.
    let committee = item(&a, "committee_monthly");
    assert!(!committee.met);
    assert_eq!(committee.value_text(), "90% / 要求 100%");
    assert_eq!(committee.status_label(), "未达标");
    assert!(item(&a, "honours").met);
    // The overall score is the mean of the four (equal weights).
    let mean: f64 = a.strengths.iter().map(|s| s.score).sum::<f64>() / 4.0;
    assert!((a.overall - mean).abs() < 1e-9);
    // As of a day before the work plan's meeting, it is not met yet.
    let early = assessed(&db, 2026, "2026-01-02");
    assert!(!item(&early, "work_plan").met);
}

#[test]
fn attesting_with_evidence_moves_the_score_and_bad_attestations_change_nothing() {
    let (_dir, db) = demo_on("2026-11-22");
    let before = assessed(&db, 2026, "2026-11-22");
    let snap = snapshot(&db);
    let refused = |input: AttestationInput| {
        db.write(|tx| attest::attest(tx, &input, d("2026-11-22"), ACTOR))
            .unwrap_err()
    };
    // Met without a note or evidence.
    assert!(matches!(
        refused(brand(vec![], "  ", "2026-10-01")),
        Error::Validation {
            field: "evidence",
            reason: Reason::EvidenceRequired
        }
    ));
    // A measured item cannot be ticked by hand, nor an item the template lacks.
    let mut measured = brand(vec![], "说明", "2026-10-01");
    measured.item_id = "committee_monthly".into();
    assert!(matches!(
        refused(measured),
        Error::Validation {
            reason: Reason::NotAttestable,
            ..
        }
    ));
    let mut unknown = brand(vec![], "说明", "2026-10-01");
    unknown.item_id = "no_such_item".into();
    assert!(matches!(
        refused(unknown),
        Error::Validation {
            reason: Reason::NotAttestable,
            ..
        }
    ));
    // Evidence that does not exist, and a date in the future.
    let ghost = EvidenceRef {
        kind: EvidenceKind::Activity,
        ref_id: "nope".into(),
    };
    assert!(matches!(
        refused(brand(vec![ghost], "", "2026-10-01")),
        Error::NotFound { .. }
    ));
    assert!(matches!(
        refused(brand(vec![], "说明", "2026-12-01")),
        Error::Validation {
            field: "achieved_on",
            reason: Reason::DateInFuture
        }
    ));
    assert_eq!(
        snapshot(&db),
        snap,
        "a refused attestation left something behind"
    );

    // With a volunteer activity as evidence the brand is met from October on.
    let activity = first_activity(&db);
    let evidence = vec![EvidenceRef {
        kind: EvidenceKind::Activity,
        ref_id: activity.clone(),
    }];
    let saved = db
        .write(|tx| {
            attest::attest(
                tx,
                &brand(evidence.clone(), "“阳光政务服务”品牌发布", "2026-10-01"),
                d("2026-11-22"),
                ACTOR,
            )
        })
        .unwrap();
    assert_eq!(saved.evidence[0].ref_id, activity);
    let after = assessed(&db, 2026, "2026-11-22");
    assert!(item(&after, "branch_brand").met);
    assert!(strength(&after, Strength::Impact) > strength(&before, Strength::Impact));
    assert!(after.overall > before.overall);
    assert_eq!(after.met, before.met + 1);
    // As of September it was not achieved yet.
    assert!(!item(&assessed(&db, 2026, "2026-09-30"), "branch_brand").met);

    // Attesting again replaces rather than duplicates; withdrawing drops it.
    db.write(|tx| {
        attest::attest(
            tx,
            &brand(evidence.clone(), "更新说明", "2026-10-02"),
            d("2026-11-22"),
            ACTOR,
        )
    })
    .unwrap();
    let list = db.read(|c| attest::list(c, 2026)).unwrap();
    assert_eq!(
        list.iter().filter(|a| a.item_id == "branch_brand").count(),
        1
    );
    db.write(|tx| attest::withdraw(tx, 2026, "branch_brand", ACTOR))
        .unwrap();
    assert_eq!(assessed(&db, 2026, "2026-11-22").overall, before.overall);
}

#[test]
fn a_year_is_judged_by_the_template_assigned_to_it() {
    let (_dir, db) = demo_on("2026-11-22");
    let before = assessed(&db, 2026, "2026-11-22");
    let mut edited = Template::default_template();
    edited.version = "2026.2".into();
    edited
        .items
        .iter_mut()
        .find(|i| i.id == "committee_monthly")
        .unwrap()
        .threshold = Some(0.9);
    db.write(|tx| rules::save(tx, 2026, &edited, ACTOR))
        .unwrap();
    let after = assessed(&db, 2026, "2026-11-22");
    assert_eq!(after.template_source, TemplateSource::Assigned);
    assert_eq!(after.template_version, "2026.2");
    assert!(item(&after, "committee_monthly").met);
    assert!(strength(&after, Strength::Leadership) > strength(&before, Strength::Leadership));
    // The next year inherits it; the year before keeps the default.
    let next = db.read(|c| rules::in_force(c, 2027)).unwrap();
    assert_eq!(next.source, TemplateSource::Inherited { from_year: 2026 });
    let last = db.read(|c| rules::in_force(c, 2025)).unwrap();
    assert_eq!(last.source, TemplateSource::Default);
    let history = db.read(rules::history).unwrap();
    assert_eq!(
        history
            .iter()
            .map(|t| (t.year, t.template.version.as_str()))
            .collect::<Vec<_>>(),
        [(2026, "2026.2")]
    );

    // A broken template (an item without its threshold, a strength missing) is refused whole.
    let snap = snapshot(&db);
    let mut broken = edited.clone();
    broken.items[0].threshold = None;
    assert!(db
        .write(|tx| rules::save(tx, 2026, &broken, ACTOR))
        .is_err());
    assert!(rules::parse(b"{\"id\": 1}").is_err());
    let mut three = edited.clone();
    three.strengths.pop();
    let text = serde_json::to_string(&three).unwrap();
    assert!(rules::parse(text.as_bytes()).is_err());
    assert_eq!(snapshot(&db), snap);

    // A loaded template round-trips; removing the assignment returns to the default.
    let text = serde_json::to_string(&edited).unwrap();
    assert_eq!(rules::parse(text.as_bytes()).unwrap(), edited);
    db.write(|tx| rules::unassign(tx, 2026, ACTOR)).unwrap();
    assert_eq!(assessed(&db, 2026, "2026-11-22").overall, before.overall);
}

#[test]
fn indicators_and_honours_feed_the_impact_items() {
    let (_dir, _path, db) = demo_db();
    let today = d("2026-11-22");
    let on_target = || measure(&db, 2026, "2026-11-22", &Metric::IndicatorsOnTarget);
    // No indicator kept: 未设置 (no value, not met, still counted), not a measured 0%.
    assert_eq!(
        db.read(|c| Records::gather(c, 2026, today)?.finding(&Metric::IndicatorsOnTarget))
            .unwrap(),
        Finding::Unset
    );
    let unset = item(&assessed(&db, 2026, "2026-11-22"), "service_figures").clone();
    assert_eq!(
        (unset.value, unset.met, unset.applicable),
        (None, false, true)
    );
    let trips = db
        .write(|tx| {
            indicators::save_indicator(
                tx,
                None,
                &IndicatorInput {
                    name: "平均跑动次数".into(),
                    unit: "次".into(),
                    target: Some(0.2),
                    higher_is_better: false,
                },
                ACTOR,
            )
        })
        .unwrap();
    let record = |value: f64, on: &str| {
        let input = IndicatorValueInput {
            indicator_id: trips.clone(),
            measured_on: on.into(),
            value,
            note: String::new(),
        };
        db.write(|tx| indicators::record_value(tx, &input, today, ACTOR))
    };
    record(0.3, "2026-03-31").unwrap();
    assert_eq!(on_target(), 0.0, "0.3 trips is above the 0.2 allowed");
    record(0.14, "2026-09-30").unwrap();
    assert_eq!(on_target(), 1.0, "fewer trips is better");
    // The value of the day asked about counts, not a later one.
    assert_eq!(
        measure(&db, 2026, "2026-06-30", &Metric::IndicatorsOnTarget),
        0.0
    );
    let list = db.read(|c| indicators::indicators(c, 2026, today)).unwrap();
    assert_eq!(list[0].values.len(), 2);
    assert_eq!(list[0].on_target, Some(true));

    // Refusals: a name taken, a value in the future, a value for no indicator.
    let snap = snapshot(&db);
    let again = IndicatorInput {
        name: "平均跑动次数".into(),
        unit: String::new(),
        target: None,
        higher_is_better: true,
    };
    assert!(matches!(
        db.write(|tx| indicators::save_indicator(tx, None, &again, ACTOR))
            .unwrap_err(),
        Error::Validation {
            reason: Reason::IndicatorNameTaken,
            ..
        }
    ));
    assert!(record(0.1, "2026-12-31").is_err());
    let nan = IndicatorInput {
        target: Some(f64::NAN),
        name: "新指标".into(),
        ..again.clone()
    };
    assert!(db
        .write(|tx| indicators::save_indicator(tx, None, &nan, ACTOR))
        .is_err());
    assert_eq!(snapshot(&db), snap);

    let honour = HonourInput {
        title: "工人先锋号".into(),
        awarded_by: "重庆市总工会".into(),
        awarded_on: "2026-05-01".into(),
        member_id: None,
        note: String::new(),
    };
    db.write(|tx| indicators::add_honour(tx, &honour, today, ACTOR))
        .unwrap();
    assert_eq!(measure(&db, 2026, "2026-11-22", &Metric::HonourCount), 1.0);
    assert_eq!(measure(&db, 2026, "2026-04-30", &Metric::HonourCount), 0.0);
    let future = HonourInput {
        awarded_on: "2027-01-01".into(),
        ..honour
    };
    assert!(db
        .write(|tx| indicators::add_honour(tx, &future, today, ACTOR))
        .is_err());
}

#[test]
fn the_trend_has_a_point_per_month_up_to_the_day() {
    let (_dir, db) = demo_on("2026-11-22");
    let points = db.read(|c| trend(c, 2026, d("2026-11-22"))).unwrap();
    assert_eq!(points.len(), 11);
    assert_eq!(points[0].as_of, d("2026-01-31"));
    assert_eq!(points[10].as_of, d("2026-11-22"));
    assert!(points.iter().all(|p| p.scores.len() == 4));
    // The last point is the assessment of the day itself.
    assert_eq!(
        points[10].overall,
        assessed(&db, 2026, "2026-11-22").overall
    );
    // A past year has twelve points; a year not begun, none.
    assert_eq!(
        db.read(|c| trend(c, 2025, d("2026-11-22"))).unwrap().len(),
        12
    );
    assert!(db
        .read(|c| trend(c, 2027, d("2026-11-22")))
        .unwrap()
        .is_empty());
}

#[test]
fn the_self_assessment_workbook_lists_every_item_with_its_status_and_evidence() {
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    let (_dir, db) = demo_on("2026-11-22");
    let a = assessed(&db, 2026, "2026-11-22");
    let bytes =
        zhibu::strengths::export::self_assessment_xlsx(&a, "永川区行政服务中心党支部").unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("四强自评").unwrap();
    let text = |r: u32, c: u32| match sheet.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        other => format!("{other:?}"),
    };
    assert!(text(0, 0).contains("2026年度“四强”党支部自评报告"));
    assert!(text(1, 0).contains("统计截至 2026-11-22"));
    // Scores per strength, as fractions formatted as percentages.
    assert_eq!(text(4, 0), "政治功能强");
    assert_eq!(text(4, 1), a.strengths[0].score.to_string());
    // Every item below the item header, in template order.
    let header = (0..sheet.height() as u32)
        .find(|r| text(*r, 1) == "条目")
        .unwrap();
    let items: Vec<_> = a.strengths.iter().flat_map(|s| &s.items).collect();
    for (k, it) in items.iter().enumerate() {
        let r = header + 1 + k as u32;
        assert_eq!(text(r, 1), it.title);
        assert_eq!(text(r, 3), it.status_label());
    }
    let plan_row = header + 1 + items.iter().position(|i| i.id == "work_plan").unwrap() as u32;
    assert!(
        text(plan_row, 6).contains("由周建华确认"),
        "{}",
        text(plan_row, 6)
    );
    assert!(text(plan_row, 6).contains("会议："));
    let committee_row = header
        + 1
        + items
            .iter()
            .position(|i| i.id == "committee_monthly")
            .unwrap() as u32;
    assert_eq!(text(committee_row, 4), "90% / 要求 100%");
}

#[test]
fn org_life_meeting_and_appraisal_count_once_both_are_held() {
    let (_dir, db) = demo_on("2026-11-22");
    let held = Metric::ObligationsHeld {
        obligations: vec![Obligation::OrgLifeMeeting, Obligation::DemocraticAppraisal],
    };
    let add = |kind: &str, also: Vec<Obligation>, on: &str| {
        let input = SessionInput {
            kind: kind.into(),
            also,
            held_on: on.into(),
            others: Some(AttendanceStatus::Present),
            ..Default::default()
        };
        db.write(|tx| sessions::add(tx, &input, d("2026-11-22"), ACTOR))
            .unwrap();
    };
    add("org_life_meeting", vec![], "2026-11-10");
    assert_eq!(
        measure(&db, 2026, "2026-11-22", &held),
        0.0,
        "no appraisal yet"
    );
    add("democratic_appraisal", vec![], "2026-11-12");
    assert_eq!(measure(&db, 2026, "2026-11-22", &held), 1.0);
    // Not yet on the day between them.
    assert_eq!(measure(&db, 2026, "2026-11-11", &held), 0.0);
    let a = assessed(&db, 2026, "2026-11-22");
    assert!(item(&a, "org_life_meeting").met);
}

#[test]
fn a_branch_without_a_committee_has_its_committee_items_not_applicable() {
    use zhibu::members::{self, CommitteeRole, MemberInput};
    let (_dir, _path, db) = branch_db();
    let add = |input: MemberInput| {
        db.write(|tx| members::add(tx, &input, today(), ACTOR))
            .unwrap();
    };
    add(MemberInput {
        roles: vec![CommitteeRole::Secretary],
        ..full_member("书记", "1975-01-01", 1)
    });
    for i in 0..4 {
        add(full_member(&format!("党员{i}"), "1980-01-01", 10 + i));
    }
    let a = db.read(|c| assess(c, 2026, today())).unwrap();
    let mut not_applicable: Vec<&str> = a
        .strengths
        .iter()
        .flat_map(|s| &s.items)
        .filter(|i| !i.applicable)
        .map(|i| i.id.as_str())
        .collect();
    not_applicable.sort();
    // No groups either: the 党小组会 item has nothing owed.
    assert_eq!(
        not_applicable,
        [
            "committee_complete",
            "committee_monthly",
            "committee_training",
            "first_topic",
            "group_meetings"
        ]
    );
    let items: u32 = a.strengths.iter().map(|s| s.items.len() as u32).sum();
    assert_eq!(a.total, items - 5, "not applicable items are not counted");
    let leadership = a
        .strengths
        .iter()
        .find(|s| s.key == Strength::Leadership)
        .unwrap();
    assert!(leadership.items.iter().all(|i| i.applicable || !i.met));
    assert_eq!(
        zhibu::strengths::export::item_rows(&a)
            .iter()
            .filter(|r| r.contains(&"不适用".to_string()))
            .count(),
        5
    );
}

#[test]
fn the_lecture_series_item_takes_the_branchs_own_figure() {
    let (_dir, db) = demo_on("2026-11-22");
    let lectures = |db: &Db| {
        let a = db.read(|c| assess(c, 2026, d("2026-11-22"))).unwrap();
        a.strengths
            .into_iter()
            .flat_map(|s| s.items)
            .find(|i| i.id == "lecture_series")
            .unwrap()
    };
    let item = lectures(&db);
    assert_eq!(item.threshold, Some(10.0));
    let held = item.value.unwrap();
    db.write(|tx| {
        let input = zhibu::branch::BranchInput {
            lecture_series_target: Some(held as u32 + 1),
            ..zhibu::branch::require(tx)?.to_input()
        };
        zhibu::branch::update(tx, &input, d("2026-11-22"), ACTOR)
    })
    .unwrap();
    let item = lectures(&db);
    assert_eq!(item.threshold, Some(held + 1.0));
    assert!(!item.met);
}
