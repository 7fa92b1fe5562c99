//! 党费 payments: one member's for a month (on time, 预交 up to twelve months ahead, 补交 up
//! to six back, and a voluntary extra), and 「本月全员已交」 for everyone still owing.

use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    bases, due_for, month_key, month_of, parse_month, payer, pays_dues, standings, ADVANCE_MONTHS,
    LATE_MONTHS,
};
use crate::change_log;
use crate::dues::parse_yuan;
use crate::error::{Error, Reason, Result};
use crate::ids::{new_id, parse_required_date, timestamp};

/// A payment as entered: for which month, when, how much (and any voluntary extra), how.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PaymentInput {
    pub member_id: String,
    /// "YYYY-MM": the month paid for.
    pub for_month: String,
    pub paid_on: String,
    /// The dues paid, in 元.
    pub amount: String,
    /// A voluntary amount beyond the dues (自愿多交), in 元.
    pub extra: String,
    /// 现金, 微信, 银行转账, ...
    pub way: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Payment {
    pub id: String,
    pub member_id: String,
    pub for_month: String,
    pub paid_on: NaiveDate,
    pub amount_cents: i64,
    pub extra_cents: i64,
    pub way: String,
    pub note: String,
}

/// Records a payment. The month must have its amount fixed, be at most six months before the
/// payment (补交) and at most twelve after (预交), and the dues paid for it may not exceed its
/// amount (more is entered as a voluntary extra). Logged.
pub fn record(
    conn: &Connection,
    input: &PaymentInput,
    today: NaiveDate,
    actor: &str,
) -> Result<Payment> {
    let p = payer(conn, &input.member_id)?;
    if !pays_dues(&p) {
        return Err(Error::validation("member_id", Reason::DuesNotPayable));
    }
    let month = parse_month("for_month", &input.for_month)?;
    let paid_on = parse_required_date("paid_on", &input.paid_on)?;
    check_payment_month(month, paid_on, today)?;
    let blank = |s: &str| s.trim().is_empty();
    let amount = if blank(&input.amount) {
        0
    } else {
        parse_yuan("amount", &input.amount)?
    };
    let extra = if blank(&input.extra) {
        0
    } else {
        parse_yuan("extra", &input.extra)?
    };
    if amount == 0 && extra == 0 {
        return Err(Error::validation("amount", Reason::DuesAmount));
    }
    let assessed = standings(conn)?
        .get(&input.member_id)
        .is_none_or(|s| s.assessed(month));
    let due = due_for(&bases(conn)?, &input.member_id, month)
        .filter(|_| assessed)
        .ok_or_else(|| Error::validation("for_month", Reason::DuesNotAssessed))?;
    let paid: i64 = conn
        .prepare_cached(
            "SELECT coalesce(sum(amount_cents), 0) FROM dues_payment
             WHERE member_id = ?1 AND for_month = ?2",
        )?
        .query_row(params![input.member_id, month_key(month)], |r| r.get(0))?;
    if paid + amount > due {
        return Err(Error::validation("amount", Reason::DuesOverpaid));
    }
    let payment = Payment {
        id: new_id(),
        member_id: input.member_id.clone(),
        for_month: month_key(month),
        paid_on,
        amount_cents: amount,
        extra_cents: extra,
        way: input.way.trim().to_string(),
        note: input.note.trim().to_string(),
    };
    if payment.way.chars().count() > crate::limits::DUES_WAY {
        return Err(Error::validation("way", Reason::TooLong));
    }
    if payment.note.chars().count() > crate::limits::NOTE {
        return Err(Error::validation("note", Reason::TooLong));
    }
    insert_payment(conn, &payment, actor, "record")?;
    Ok(payment)
}

fn insert_payment(conn: &Connection, payment: &Payment, actor: &str, action: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO dues_payment (id, member_id, for_month, paid_on, amount_cents, way,
                                   extra_cents, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        payment.id,
        payment.member_id,
        payment.for_month,
        payment.paid_on,
        payment.amount_cents,
        payment.way,
        payment.extra_cents,
        payment.note,
        timestamp()
    ])?;
    change_log::record(conn, actor, "dues_payment", &payment.id, action, payment)
}

/// Checks the month a payment made on `paid_on` is for: not a day to come, at most six
/// months late and twelve ahead.
fn check_payment_month(month: NaiveDate, paid_on: NaiveDate, today: NaiveDate) -> Result<()> {
    if paid_on > today {
        return Err(Error::validation("paid_on", Reason::DateInFuture));
    }
    let paid_month = month_of(paid_on);
    if month < paid_month - Months::new(LATE_MONTHS) {
        return Err(Error::validation("for_month", Reason::DuesTooLate));
    }
    if month > paid_month + Months::new(ADVANCE_MONTHS) {
        return Err(Error::validation("for_month", Reason::DuesTooEarly));
    }
    Ok(())
}

/// One member's dues recorded by [`pay_all`].
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PaidInFull {
    pub member_id: String,
    pub name: String,
    pub payment_id: String,
    /// What was still owed for the month, now recorded.
    pub amount_cents: i64,
}

/// What 「本月全员已交」 recorded: each member's payment and the sum.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AllPaid {
    /// "YYYY-MM".
    pub for_month: String,
    pub paid_on: NaiveDate,
    pub payments: Vec<PaidInFull>,
    pub total_cents: i64,
}

/// 本月全员已交: records for every paying member who owes dues for `month` what is still
/// owed (the amount fixed for the month less what was paid for it), paid on `paid_on`. Members
/// who left, whose 党籍 is stopped that month, who had not joined by its end, who are exempt
/// (免交) or who have paid in full are passed over. All or none: when any paying member's
/// amount for the month is not fixed, nothing is recorded and the refusal names them. Each
/// payment is logged as a single one is.
pub fn pay_all(
    conn: &Connection,
    month: &str,
    paid_on: &str,
    today: NaiveDate,
    actor: &str,
) -> Result<AllPaid> {
    let month = parse_month("for_month", month)?;
    let paid_on = parse_required_date("paid_on", paid_on)?;
    check_payment_month(month, paid_on, today)?;
    let month_end = month + Months::new(1) - chrono::Days::new(1);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.id, m.name, m.joined_on,
                (SELECT coalesce(sum(p.amount_cents), 0) FROM dues_payment p
                  WHERE p.member_id = m.id AND p.for_month = ?1)
         FROM member m WHERE m.archived_on IS NULL AND m.stage IN ('full', 'probationary')
         ORDER BY {name}",
        name = crate::collate::sql_key("m.name")
    ))?;
    let payers = stmt
        .query_map([month_key(month)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<NaiveDate>>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let all = bases(conn)?;
    let standing = standings(conn)?;
    let mut owed = Vec::new();
    let mut undeclared = Vec::new();
    for (id, name, joined_on, paid) in payers {
        if joined_on.is_some_and(|j| j > month_end)
            || standing.get(&id).is_some_and(|s| !s.assessed(month))
        {
            continue;
        }
        match due_for(&all, &id, month) {
            None => undeclared.push(name),
            Some(due) if due > paid => owed.push((id, name, due - paid)),
            Some(_) => {}
        }
    }
    if !undeclared.is_empty() {
        return Err(Error::Detailed {
            field: "for_month",
            reason: Reason::DuesPayAllUndeclared,
            details: vec![undeclared.join("、")],
        });
    }
    let mut done = AllPaid {
        for_month: month_key(month),
        paid_on,
        payments: Vec::with_capacity(owed.len()),
        total_cents: 0,
    };
    for (member_id, name, amount) in owed {
        let payment = Payment {
            id: new_id(),
            member_id,
            for_month: month_key(month),
            paid_on,
            amount_cents: amount,
            extra_cents: 0,
            way: String::new(),
            note: String::new(),
        };
        insert_payment(conn, &payment, actor, "pay_all")?;
        done.total_cents += amount;
        done.payments.push(PaidInFull {
            member_id: payment.member_id,
            name,
            payment_id: payment.id,
            amount_cents: amount,
        });
    }
    Ok(done)
}
