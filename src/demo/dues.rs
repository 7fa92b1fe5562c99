//! The demo branch's 党费 for this year: every 正式 and 预备党员's basis declared from January
//! (or the month a 预备党员 was admitted), each month paid on the 8th up to last month, and a
//! few cases a secretary meets: one member five months behind (the arrears warning), a month
//! made up late (补交), December paid in advance with a voluntary extra for 七一, and this
//! month paid by some and still due from others.

use chrono::{Datelike, Months, NaiveDate};

use super::records::Demo;
use super::{Person, PEOPLE};
use crate::dues::{self, DuesCategory, DuesDeclaration, PaymentInput};
use crate::error::Result;
use crate::members::Stage;

/// The member five months behind, and the one who made a month up late.
pub const BEHIND: &str = "黄静";
const LATE: &str = "王志强";
const ADVANCE: &str = "周建华";

/// A plausible monthly after-tax pay for the demo's i-th person (3,000 to 11,000 元).
fn pay(seq: usize, person: &Person) -> String {
    let base = if person.roles.is_empty() {
        3_800
    } else {
        6_500
    };
    format!("{}", base + (seq * 733) % 4_600)
}

pub(super) fn create(demo: &Demo) -> Result<()> {
    let &Demo {
        conn, today, actor, ..
    } = demo;
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("valid date");
    let this_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).expect("valid");
    let month = |m: NaiveDate| m.format("%Y-%m").to_string();
    for (seq, person) in PEOPLE.iter().enumerate() {
        if !matches!(person.stage, Stage::Full | Stage::Probationary) {
            continue;
        }
        let id = demo.id(person.name);
        let joined_on: Option<NaiveDate> =
            conn.query_row("SELECT joined_on FROM member WHERE id = ?1", [&id], |r| {
                r.get(0)
            })?;
        let from = match joined_on {
            Some(j) if j > year_start => j.with_day(1).expect("day 1"),
            _ => year_start,
        };
        let declared = DuesDeclaration {
            member_id: id.clone(),
            category: Some(DuesCategory::Salaried),
            monthly_pay: pay(seq, person),
            from_month: month(from),
            ..Default::default()
        };
        let due = dues::declare(conn, &declared, actor)?.monthly_due_cents;
        let amount = dues::yuan(due);
        let mut m = from;
        while m <= this_month {
            let behind =
                person.name == BEHIND && m < this_month && m >= this_month - Months::new(5);
            let paid_on = if person.name == LATE && m == year_start + Months::new(2) {
                // March made up in May.
                Some(year_start + Months::new(4) + chrono::Days::new(10))
            } else if m == this_month {
                (seq % 2 == 0)
                    .then(|| m + chrono::Days::new(7))
                    .filter(|d| *d <= today)
            } else {
                Some(m + chrono::Days::new(7))
            };
            if let (false, Some(paid_on)) = (behind, paid_on.filter(|d| *d <= today)) {
                let extra = if person.name == ADVANCE && m.month() == 7 {
                    "200"
                } else {
                    ""
                };
                let input = PaymentInput {
                    member_id: id.clone(),
                    for_month: month(m),
                    paid_on: paid_on.to_string(),
                    amount: amount.clone(),
                    extra: extra.into(),
                    way: ["微信", "现金", "银行转账"][seq % 3].into(),
                    note: String::new(),
                };
                dues::record(conn, &input, today, actor)?;
            }
            m = m + Months::new(1);
        }
        if person.name == ADVANCE && this_month.month() < 12 {
            let december = NaiveDate::from_ymd_opt(today.year(), 12, 1).expect("valid");
            let input = PaymentInput {
                member_id: id,
                for_month: month(december),
                paid_on: today.to_string(),
                amount,
                way: "微信".into(),
                note: "出差前预交".into(),
                ..Default::default()
            };
            dues::record(conn, &input, today, actor)?;
        }
    }
    Ok(())
}
