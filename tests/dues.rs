//! 党费 on a real database: declaring, fixing a year at its start, payments on time, in
//! advance and late, the dues year with arrears warnings, and refusals that change nothing.

mod common;

use common::*;
use zhibu::dues::{
    self, ArrearsLevel, DuesCategory, DuesDeclaration, DuesRateSet, MonthStatus, PaymentInput,
};
use zhibu::members::{self, ArchiveInput, MemberStatus};
use zhibu::rule_sets::{Dated, RuleSet};
use zhibu::{Db, Error, Reason};

fn declare(db: &Db, name: &str, category: DuesCategory, pay: &str, from: &str) -> i64 {
    let input = DuesDeclaration {
        member_id: member_id(db, name),
        category: Some(category),
        monthly_pay: pay.into(),
        fixed_amount: pay.into(),
        from_month: from.into(),
        ..Default::default()
    };
    db.write(|tx| dues::declare(tx, &input, ACTOR))
        .unwrap()
        .monthly_due_cents
}

fn payment(db: &Db, name: &str, month: &str, on: &str, amount: &str) -> PaymentInput {
    PaymentInput {
        member_id: member_id(db, name),
        for_month: month.into(),
        paid_on: on.into(),
        amount: amount.into(),
        way: "微信".into(),
        ..Default::default()
    }
}

fn pay(db: &Db, name: &str, month: &str, on: &str, amount: &str) {
    let input = payment(db, name, month, on, amount);
    db.write(|tx| dues::record(tx, &input, today(), ACTOR))
        .unwrap();
}

fn refused(db: &Db, input: &PaymentInput) -> (&'static str, Reason) {
    let before = db.read(|c| dues::report(c, 2026, today())).unwrap();
    let r = db.write(|tx| dues::record(tx, input, today(), ACTOR));
    let after = db.read(|c| dues::report(c, 2026, today())).unwrap();
    assert_eq!(before, after, "a refused payment changes nothing");
    match r {
        Err(Error::Validation { field, reason }) => (field, reason),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn member<'a>(report: &'a dues::DuesReport, name: &str) -> &'a dues::MemberDues {
    report.members.iter().find(|m| m.name == name).unwrap()
}

#[test]
fn declared_pay_gives_the_monthly_amount_by_the_rate_table() {
    let (_dir, _path, db) = demo_db();
    assert_eq!(
        declare(&db, "周建华", DuesCategory::Salaried, "8650", "2026-01"),
        12975
    );
    assert_eq!(
        declare(&db, "陈敏", DuesCategory::Salaried, "3000", "2026-01"),
        1500
    );
    assert_eq!(
        declare(&db, "刘洋", DuesCategory::Retiree, "5000.01", "2026-01"),
        5000
    );
    assert_eq!(
        declare(&db, "王志强", DuesCategory::Student, "", "2026-01"),
        20
    );
    assert_eq!(
        declare(&db, "李晓红", DuesCategory::Fixed, "10", "2026-01"),
        1000
    );
    // A raise from a stated month changes the amount from then on only.
    assert_eq!(
        declare(&db, "陈敏", DuesCategory::Salaried, "4200", "2026-07"),
        4200
    );
    let report = db.read(|c| dues::report(c, 2026, today())).unwrap();
    let chen = member(&report, "陈敏");
    assert_eq!(chen.months[5].due_cents, Some(1500));
    assert_eq!(chen.months[6].due_cents, Some(4200));
    assert_eq!(chen.monthly_due_cents, Some(4200));
    // Jan–Jun 15.00 + Jul–Nov 42.00 (the current month counts).
    assert_eq!(chen.due_cents, 6 * 1500 + 5 * 4200);
}

#[test]
fn only_full_and_probationary_members_pay_and_a_basis_must_make_sense() {
    let (_dir, _path, db) = demo_db();
    let activist = DuesDeclaration {
        member_id: member_id(&db, "彭俊杰"),
        category: Some(DuesCategory::Salaried),
        monthly_pay: "4000".into(),
        from_month: "2026-01".into(),
        ..Default::default()
    };
    let r = db.write(|tx| dues::declare(tx, &activist, ACTOR));
    assert!(matches!(
        r,
        Err(Error::Validation {
            field: "member_id",
            reason: Reason::DuesNotPayable
        })
    ));
    let chen = member_id(&db, "陈敏");
    for (input, field, reason) in [
        (
            DuesDeclaration {
                member_id: chen.clone(),
                category: None,
                ..activist.clone()
            },
            "category",
            Reason::Required,
        ),
        (
            DuesDeclaration {
                member_id: chen.clone(),
                monthly_pay: "四千".into(),
                ..activist.clone()
            },
            "monthly_pay",
            Reason::DuesAmount,
        ),
        (
            DuesDeclaration {
                member_id: chen.clone(),
                from_month: "2026-13".into(),
                ..activist.clone()
            },
            "from_month",
            Reason::InvalidMonth,
        ),
        (
            DuesDeclaration {
                member_id: chen.clone(),
                category: Some(DuesCategory::Fixed),
                fixed_amount: "0".into(),
                ..activist.clone()
            },
            "fixed_amount",
            Reason::DuesAmount,
        ),
    ] {
        let r = db.write(|tx| dues::declare(tx, &input, ACTOR));
        match r {
            Err(Error::Validation {
                field: f,
                reason: why,
            }) => {
                assert_eq!((f, why), (field, reason))
            }
            other => panic!("expected {field}: {reason:?}, got {other:?}"),
        }
    }
    let report = db.read(|c| dues::report(c, 2026, today())).unwrap();
    assert!(report.members.is_empty(), "nothing was declared");
}

#[test]
fn a_year_is_fixed_at_its_start_from_the_last_declaration_and_again_changes_nothing() {
    let (_dir, _path, db) = demo_db();
    declare(&db, "周建华", DuesCategory::Salaried, "8650", "2025-03");
    declare(&db, "陈敏", DuesCategory::Retiree, "6000", "2025-01");
    // From 2027 a (made-up) table charges 1% from the first 元 at work.
    let mut rates = DuesRateSet::defaults();
    rates.version = "测试 2027".into();
    rates.effective_from = d("2027-01-01");
    rates.salaried = vec![dues::RateBand {
        up_to_cents: None,
        basis_points: 100,
    }];
    db.write(|tx| rates.save(tx, ACTOR)).unwrap();

    let schedule = db.write(|tx| dues::compute(tx, 2027, ACTOR)).unwrap();
    assert_eq!(schedule.rate_version, "测试 2027");
    let zhou = schedule.bases.iter().find(|b| b.name == "周建华").unwrap();
    // 8650 × 1% under the new table (1.5% under the old).
    assert_eq!(
        (zhou.from_month.as_str(), zhou.monthly_due_cents),
        ("2027-01", 8650)
    );
    let chen = schedule.bases.iter().find(|b| b.name == "陈敏").unwrap();
    assert_eq!(chen.monthly_due_cents, 6000, "retirees keep the 2008 bands");
    assert!(schedule.missing.iter().any(|m| m.name == "王志强"));
    assert!(
        !schedule.missing.iter().any(|m| m.name == "彭俊杰"),
        "activists pay none"
    );

    let again = db.write(|tx| dues::compute(tx, 2027, ACTOR)).unwrap();
    assert_eq!(again, schedule);
    // 2026 keeps the amount fixed under the old table.
    let report = db.read(|c| dues::report(c, 2026, today())).unwrap();
    assert_eq!(member(&report, "周建华").monthly_due_cents, Some(12975));
}

#[test]
fn payments_on_time_in_advance_and_late_and_the_arrears_they_clear() {
    let (_dir, _path, db) = demo_db();
    declare(&db, "陈敏", DuesCategory::Salaried, "4000", "2026-01");
    // January to May paid in time, June to October not.
    for m in 1..=5 {
        pay(
            &db,
            "陈敏",
            &format!("2026-{m:02}"),
            &format!("2026-{m:02}-05"),
            "40",
        );
    }
    let report = db.read(|c| dues::report(c, 2026, d("2026-11-22"))).unwrap();
    let chen = member(&report, "陈敏");
    assert_eq!(chen.months[0].status, MonthStatus::Paid);
    assert_eq!(chen.months[5].status, MonthStatus::Unpaid);
    assert_eq!(chen.months[10].status, MonthStatus::Due);
    assert_eq!(chen.months[11].status, MonthStatus::Upcoming);
    assert_eq!(chen.arrears_months, 5);
    assert_eq!(chen.arrears, Some(ArrearsLevel::Warning));
    // A month later, six in a row: treated as leaving the party.
    let december = db.read(|c| dues::report(c, 2026, d("2026-12-02"))).unwrap();
    assert_eq!(
        member(&december, "陈敏").arrears,
        Some(ArrearsLevel::Lapsed)
    );
    // Four months before: no warning yet.
    let september = db.read(|c| dues::report(c, 2026, d("2026-09-30"))).unwrap();
    assert_eq!(member(&september, "陈敏").arrears_months, 3);
    assert_eq!(member(&september, "陈敏").arrears, None);

    // 补交 of the oldest month clears the run down to what remains behind it.
    pay(&db, "陈敏", "2026-06", "2026-11-20", "40");
    let report = db.read(|c| dues::report(c, 2026, today())).unwrap();
    let chen = member(&report, "陈敏");
    assert_eq!(chen.months[5].status, MonthStatus::PaidLate);
    assert_eq!(chen.arrears_months, 4);
    assert_eq!(chen.arrears, None);
    // December paid in advance, with a voluntary extra.
    let mut advance = payment(&db, "陈敏", "2026-12", "2026-11-21", "40");
    advance.extra = "100".into();
    db.write(|tx| dues::record(tx, &advance, today(), ACTOR))
        .unwrap();
    let report = db.read(|c| dues::report(c, 2026, today())).unwrap();
    let chen = member(&report, "陈敏");
    assert_eq!(chen.months[11].status, MonthStatus::PaidInAdvance);
    assert_eq!(chen.extra_cents, 10000);
    assert_eq!(report.months[11].paid_in_full, 1);
    assert_eq!(report.months[11].extra_cents, 10000);
    assert_eq!(report.paid_cents, 7 * 4000);
}

#[test]
fn arrears_run_across_the_new_year() {
    let (_dir, _path, db) = demo_db();
    declare(&db, "陈敏", DuesCategory::Salaried, "4000", "2025-06");
    for m in 6..=9 {
        pay(
            &db,
            "陈敏",
            &format!("2025-{m:02}"),
            &format!("2025-{m:02}-10"),
            "40",
        );
    }
    // October 2025 to February 2026 unpaid: five in a row by March.
    let report = db.read(|c| dues::report(c, 2026, d("2026-03-10"))).unwrap();
    let chen = member(&report, "陈敏");
    assert_eq!(chen.arrears_months, 5);
    assert_eq!(chen.arrears, Some(ArrearsLevel::Warning));
}

#[test]
fn refused_payments_say_why_and_change_nothing() {
    let (_dir, _path, db) = demo_db();
    declare(&db, "陈敏", DuesCategory::Salaried, "4000", "2026-01");
    pay(&db, "陈敏", "2026-10", "2026-10-08", "20");
    // (member, month paid for, day paid, amount) of a payment, and the field and reason it is
    // refused with.
    #[rustfmt::skip] // one case a row
    let cases = [
        ("陈敏", "2026-04", "2026-11-20", "40", "for_month", Reason::DuesTooLate),
        ("陈敏", "2027-12", "2026-11-20", "40", "for_month", Reason::DuesTooEarly),
        ("陈敏", "2025-12", "2026-01-05", "40", "for_month", Reason::DuesNotAssessed),
        ("陈敏", "2026-10", "2026-11-20", "20.01", "amount", Reason::DuesOverpaid),
        ("陈敏", "2026-11", "2026-11-23", "40", "paid_on", Reason::DateInFuture),
        ("陈敏", "2026-11", "2026-11-20", "", "amount", Reason::DuesAmount),
        ("陈敏", "2026-11", "2026-11-20", "-40", "amount", Reason::DuesAmount),
        ("陈敏", "11", "2026-11-20", "40", "for_month", Reason::InvalidMonth),
        ("彭俊杰", "2026-11", "2026-11-20", "40", "member_id", Reason::DuesNotPayable),
    ];
    for (name, month, on, amount, field, reason) in cases {
        let input = payment(&db, name, month, on, amount);
        assert_eq!(refused(&db, &input), (field, reason), "{input:?}");
    }
    // The rest of October is accepted; six months back is the limit.
    pay(&db, "陈敏", "2026-10", "2026-11-20", "20");
    pay(&db, "陈敏", "2026-05", "2026-11-20", "40");
}

#[test]
fn a_rate_table_from_a_file_is_checked_whole_before_it_is_kept() {
    let mut table = serde_json::to_value(DuesRateSet::defaults()).unwrap();
    table["version"] = "测试 2027".into();
    table["effective_from"] = "2027-01-01".into();
    let read = DuesRateSet::parse(table.to_string().as_bytes()).unwrap();
    assert_eq!(
        (read.version.as_str(), read.salaried.len()),
        ("测试 2027", 4)
    );

    let bad = |v: serde_json::Value| DuesRateSet::parse(v.to_string().as_bytes()).unwrap_err();
    let reason = |e: Error| match e {
        Error::Validation { field, reason, .. } => (field, reason),
        other => panic!("{other:?}"),
    };
    // Not a table at all, or not UTF-8.
    assert_eq!(
        reason(DuesRateSet::parse(b"{\"version\": ").unwrap_err()),
        ("rates", Reason::InvalidValue)
    );
    assert_eq!(
        reason(DuesRateSet::parse(b"\xff\xfe").unwrap_err()),
        ("rates", Reason::InvalidValue)
    );
    // Bands out of order, or a top band with a limit.
    let mut unordered = table.clone();
    unordered["salaried"][1]["up_to_cents"] = 100.into();
    assert_eq!(reason(bad(unordered)), ("rates", Reason::InvalidValue));
    let mut capped = table.clone();
    capped["retiree"][1]["up_to_cents"] = 900_000.into();
    assert_eq!(reason(bad(capped)), ("rates", Reason::InvalidValue));
    let mut nameless = table;
    nameless["version"] = " ".into();
    let (_dir, _path, db) = demo_db();
    let set = DuesRateSet::parse(nameless.to_string().as_bytes()).unwrap();
    let before = db.read(DuesRateSet::history).unwrap();
    assert_eq!(
        reason(db.write(|tx| set.save(tx, ACTOR)).unwrap_err()),
        ("version", Reason::Required)
    );
    assert_eq!(db.read(DuesRateSet::history).unwrap(), before);
}

/// Pays each month of 2026 in `months` on its fifth day.
fn pay_months(db: &Db, name: &str, months: std::ops::RangeInclusive<u32>, amount: &str) {
    for m in months {
        pay(
            db,
            name,
            &format!("2026-{m:02}"),
            &format!("2026-{m:02}-05"),
            amount,
        );
    }
}

fn statuses(report: &dues::DuesReport, name: &str) -> Vec<MonthStatus> {
    member(report, name)
        .months
        .iter()
        .map(|m| m.status)
        .collect()
}

#[test]
fn a_member_who_transferred_out_in_march_is_not_assessed_from_april() {
    let (_dir, _path, db) = demo_db();
    declare(&db, "陈敏", DuesCategory::Salaried, "4000", "2026-01");
    pay_months(&db, "陈敏", 1..=2, "40");
    let id = member_id(&db, "陈敏");
    let out = ArchiveInput {
        reason: Some(MemberStatus::TransferredOut),
        archived_on: "2026-03-15".into(),
        note: "转往永川区卫健委党支部".into(),
    };
    db.write(|tx| members::archive(tx, &id, &out, today(), ACTOR))
        .unwrap();
    let report = db.read(|c| dues::report(c, 2026, today())).unwrap();
    let chen = member(&report, "陈敏");
    use MonthStatus::*;
    assert_eq!(chen.months[2].status, Unpaid, "March is still owed");
    assert!(chen.months[3..].iter().all(|m| m.status == NotAssessed));
    assert_eq!((chen.due_cents, chen.paid_cents), (3 * 4000, 2 * 4000));
    assert_eq!((chen.arrears_months, chen.arrears), (0, None));
}

#[test]
fn months_while_membership_is_stopped_are_not_assessed() {
    let (_dir, _path, db) = demo_db();
    declare(&db, "陈敏", DuesCategory::Salaried, "4000", "2026-01");
    pay_months(&db, "陈敏", 1..=4, "40");
    let id = member_id(&db, "陈敏");
    let set_status = |status: MemberStatus, on: &str| {
        db.write(|tx| {
            let mut input = members::get(tx, &id, d(on))?.to_input();
            input.status = Some(status);
            members::update(tx, &id, &input, d(on), ACTOR)
        })
        .unwrap();
    };
    // Stopped from 10 May to 20 August: June and July are not assessed.
    set_status(MemberStatus::Suspended, "2026-05-10");
    set_status(MemberStatus::Normal, "2026-08-20");
    let report = db.read(|c| dues::report(c, 2026, d("2026-09-02"))).unwrap();
    use MonthStatus::*;
    assert_eq!(
        statuses(&report, "陈敏")[4..8],
        [Unpaid, NotAssessed, NotAssessed, Unpaid]
    );
    assert_eq!(member(&report, "陈敏").due_cents, 7 * 4000);
    // August alone is behind the day: no run of five across the stop.
    assert_eq!(member(&report, "陈敏").arrears_months, 1);
    // A payment for a stopped month is refused.
    let input = payment(&db, "陈敏", "2026-06", "2026-09-01", "40");
    let r = db.write(|tx| dues::record(tx, &input, today(), ACTOR));
    assert!(matches!(
        r,
        Err(Error::Validation {
            field: "for_month",
            reason: Reason::DuesNotAssessed
        })
    ));
}

fn declaration(db: &Db, category: DuesCategory, amount: &str, approved: &str) -> DuesDeclaration {
    DuesDeclaration {
        member_id: member_id(db, "陈敏"),
        category: Some(category),
        fixed_amount: amount.into(),
        from_month: "2026-04".into(),
        approved_on: approved.into(),
        approval_document: "永高新党〔2026〕12号".into(),
        ..Default::default()
    }
}

#[test]
fn approved_exempt_months_are_never_arrears() {
    let (_dir, _path, db) = demo_db();
    declare(&db, "陈敏", DuesCategory::Salaried, "4000", "2026-01");
    pay_months(&db, "陈敏", 1..=3, "40");
    // Without the approval's date it is refused, and nothing is kept.
    let unapproved = declaration(&db, DuesCategory::Exempt, "", "");
    let r = db.write(|tx| dues::declare(tx, &unapproved, ACTOR));
    assert!(matches!(
        r,
        Err(Error::Validation {
            field: "approved_on",
            reason: Reason::DuesApprovalRequired
        })
    ));
    let approved = declaration(&db, DuesCategory::Exempt, "", "2026-03-20");
    let base = db.write(|tx| dues::declare(tx, &approved, ACTOR)).unwrap();
    assert_eq!(
        (
            base.monthly_due_cents,
            base.approved_on,
            base.approval_document.as_str()
        ),
        (0, Some(d("2026-03-20")), "永高新党〔2026〕12号")
    );
    // Nothing paid from April to November, and no arrears.
    let report = db.read(|c| dues::report(c, 2026, d("2026-12-15"))).unwrap();
    let chen = member(&report, "陈敏");
    assert!(chen.months[3..]
        .iter()
        .all(|m| m.status == MonthStatus::Exempt));
    assert_eq!((chen.arrears_months, chen.arrears), (0, None));
    assert_eq!(chen.due_cents, chen.paid_cents);
}

#[test]
fn an_approved_reduced_amount_is_what_is_due() {
    let (_dir, _path, db) = demo_db();
    declare(&db, "陈敏", DuesCategory::Salaried, "4000", "2026-01");
    let unapproved = declaration(&db, DuesCategory::Reduced, "5", "");
    let r = db.write(|tx| dues::declare(tx, &unapproved, ACTOR));
    assert!(r.is_err());
    let approved = declaration(&db, DuesCategory::Reduced, "5", "2026-03-20");
    let base = db.write(|tx| dues::declare(tx, &approved, ACTOR)).unwrap();
    assert_eq!(base.monthly_due_cents, 500);
    pay_months(&db, "陈敏", 1..=3, "40");
    pay_months(&db, "陈敏", 4..=10, "5");
    let report = db.read(|c| dues::report(c, 2026, today())).unwrap();
    let chen = member(&report, "陈敏");
    assert!(chen.months[3..10]
        .iter()
        .all(|m| m.status == MonthStatus::Paid && m.due_cents == Some(500)));
    assert_eq!(chen.arrears_months, 0);
    // More than the reduced amount is a voluntary extra, not dues.
    let over = payment(&db, "陈敏", "2026-11", "2026-11-05", "6");
    assert_eq!(refused(&db, &over), ("amount", Reason::DuesOverpaid));
}

#[test]
fn a_month_paid_in_part_is_arrears_of_money_not_of_the_lapse_count() {
    let (_dir, _path, db) = demo_db();
    declare(&db, "陈敏", DuesCategory::Salaried, "4000", "2026-01");
    // January to April paid, May in part, June to October nothing.
    pay_months(&db, "陈敏", 1..=4, "40");
    pay(&db, "陈敏", "2026-05", "2026-05-05", "20");
    let on = |day: &str| db.read(|c| dues::report(c, 2026, d(day))).unwrap();
    let report = on("2026-11-22");
    let chen = member(&report, "陈敏");
    assert_eq!(chen.months[4].status, MonthStatus::PartlyPaid);
    // Five months with nothing paid: the warning; May does not make it six.
    assert_eq!(
        (chen.arrears_months, chen.arrears),
        (5, Some(ArrearsLevel::Warning))
    );
    assert_eq!(
        chen.due_cents - chen.paid_cents,
        11 * 4000 - 4 * 4000 - 2000
    );
    // Four behind on 31 October: no warning; six on 2 December: lapsed.
    assert_eq!(member(&on("2026-10-31"), "陈敏").arrears, None);
    assert_eq!(
        member(&on("2026-12-02"), "陈敏").arrears,
        Some(ArrearsLevel::Lapsed)
    );

    // Every month paid in part: money owed, but no run at all.
    declare(&db, "刘洋", DuesCategory::Salaried, "4000", "2026-01");
    pay_months(&db, "刘洋", 1..=10, "20");
    let liu = on("2026-11-22");
    let liu = member(&liu, "刘洋");
    assert_eq!((liu.arrears_months, liu.arrears), (0, None));
    assert_eq!(liu.due_cents - liu.paid_cents, 11 * 4000 - 10 * 2000);
}

/// 本月全员已交: every paying member's amount still owed for the month in one step, all or
/// none: a member whose amount is not fixed stops it with their name and nothing is recorded;
/// a part payment is completed, and a second run finds nothing owed.
#[test]
fn the_whole_month_is_paid_in_one_step_all_or_none() {
    let (_dir, _path, db) = demo_db();
    let payers: Vec<String> = db
        .write(|tx| dues::compute(tx, 2026, ACTOR))
        .unwrap()
        .missing
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert!(payers.len() >= 3, "the demo roster has paying members");
    let (last, others) = payers.split_last().unwrap();
    for name in others {
        declare(&db, name, DuesCategory::Salaried, "4000", "2026-01");
    }
    let first = &others[0];
    pay(&db, first, "2026-10", "2026-10-08", "10");

    let before = db.read(|c| dues::report(c, 2026, today())).unwrap();
    let r = db.write(|tx| dues::pay_all(tx, "2026-10", "2026-11-05", today(), ACTOR));
    match r {
        Err(Error::Detailed {
            field: "for_month",
            reason: Reason::DuesPayAllUndeclared,
            details,
        }) => assert_eq!(details, std::slice::from_ref(last)),
        other => panic!("expected the undeclared member named, got {other:?}"),
    }
    assert_eq!(
        before,
        db.read(|c| dues::report(c, 2026, today())).unwrap(),
        "nothing was recorded"
    );

    // Refusals of the day and the month change nothing either.
    for (month, on, field, reason) in [
        ("2026-10", "2026-11-30", "paid_on", Reason::DateInFuture),
        ("2026-03", "2026-11-05", "for_month", Reason::DuesTooLate),
        ("2026-10", "", "paid_on", Reason::Required),
        ("2026-1", "2026-11-05", "for_month", Reason::InvalidMonth),
    ] {
        let r = db.write(|tx| dues::pay_all(tx, month, on, today(), ACTOR));
        match r {
            Err(Error::Validation {
                field: f,
                reason: r,
            }) => {
                assert_eq!((f, r), (field, reason), "{month} {on}")
            }
            other => panic!("{month} {on}: {other:?}"),
        }
    }

    declare(&db, last, DuesCategory::Student, "", "2026-01");
    let done = db
        .write(|tx| dues::pay_all(tx, "2026-10", "2026-11-05", today(), ACTOR))
        .unwrap();
    assert_eq!(done.for_month, "2026-10");
    assert_eq!(done.payments.len(), payers.len());
    let of = |name: &str| {
        done.payments
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .amount_cents
    };
    assert_eq!(of(first), 4000 - 1000, "a part payment is completed");
    assert_eq!(of(&others[1]), 4000);
    assert_eq!(of(last), 20);
    assert_eq!(
        done.total_cents,
        done.payments.iter().map(|p| p.amount_cents).sum::<i64>()
    );
    assert_eq!(done.total_cents, 4000 * others.len() as i64 - 1000 + 20);

    let report = db.read(|c| dues::report(c, 2026, today())).unwrap();
    for name in &payers {
        let october = &member(&report, name).months[9];
        assert_eq!(october.status, MonthStatus::PaidLate, "{name}");
        assert_eq!(october.paid_cents, october.due_cents.unwrap(), "{name}");
    }
    let again = db
        .write(|tx| dues::pay_all(tx, "2026-10", "2026-11-05", today(), ACTOR))
        .unwrap();
    assert!(again.payments.is_empty());
    assert_eq!(again.total_cents, 0);
}
