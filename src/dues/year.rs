//! The 党费 year as of a day: each paying member's twelve months (due, paid, when, and
//! whether on time, in advance or late), the run of unpaid months behind the day with its
//! warning (five months) or lapse (six: treated as leaving the party), and each month's
//! collection for the yearly 党费收缴公布.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::{bases, due_for, month_key, standings, DuesCategory, DuesRateSet, Standing};
use crate::code_enum;
use crate::error::{Error, Reason, Result};
use crate::rule_sets::Dated;

code_enum!(
    /// Where one month of a member's dues stands on the day asked about.
    MonthStatus {
        NotAssessed = "not_assessed" / "未核定",
        Upcoming = "upcoming" / "未到期",
        Due = "due" / "本月待交",
        Paid = "paid" / "已交",
        PaidInAdvance = "paid_in_advance" / "预交",
        PaidLate = "paid_late" / "补交",
        PartlyPaid = "partly_paid" / "未交足",
        Unpaid = "unpaid" / "未交",
        Exempt = "exempt" / "免交",
    }
);

code_enum!(
    /// A run of months with nothing paid: a warning from the fifth, and from the sixth the member is
    /// treated as having left the party (the branch must decide).
    ArrearsLevel {
        Warning = "warning" / "连续5个月未交纳党费",
        Lapsed = "lapsed" / "连续6个月未交纳党费",
    }
);

/// Months with nothing paid in a row that raise the warning, and that count as leaving the
/// party. A month paid in part is arrears of money, not of this count.
pub const WARN_AFTER: u32 = 5;
pub const LAPSE_AFTER: u32 = 6;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DuesMonth {
    /// "YYYY-MM".
    pub month: String,
    pub due_cents: Option<i64>,
    pub paid_cents: i64,
    pub extra_cents: i64,
    /// The last payment for the month.
    pub paid_on: Option<NaiveDate>,
    pub status: MonthStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MemberDues {
    pub member_id: String,
    pub name: String,
    /// The basis in force on the day asked about (or at the year's end for a past year).
    pub category: Option<DuesCategory>,
    pub monthly_due_cents: Option<i64>,
    pub months: Vec<DuesMonth>,
    /// Due for the months of the year up to the day (the current month included).
    pub due_cents: i64,
    /// Paid for the year's months by the day, advance payments for later months included.
    pub paid_cents: i64,
    pub extra_cents: i64,
    /// Completed months with nothing paid in a row up to the day, across years.
    pub arrears_months: u32,
    pub arrears: Option<ArrearsLevel>,
}

/// One month's collection for the 党费收缴公布.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MonthTotal {
    pub month: String,
    pub due_cents: i64,
    pub paid_cents: i64,
    pub extra_cents: i64,
    /// Members who paid the month in full.
    pub paid_in_full: u32,
    /// Members with an amount fixed for the month.
    pub assessed: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DuesReport {
    pub year: i32,
    pub as_of: NaiveDate,
    pub rate_version: String,
    pub members: Vec<MemberDues>,
    pub months: Vec<MonthTotal>,
    pub due_cents: i64,
    pub paid_cents: i64,
    pub extra_cents: i64,
}

struct Paid {
    amount: i64,
    extra: i64,
    last: NaiveDate,
}

/// The status of one month of dues `due` with `paid` (payments up to the day), judged on
/// `as_of`.
fn status(
    first: NaiveDate,
    due: Option<i64>,
    paid: Option<&Paid>,
    as_of: NaiveDate,
) -> MonthStatus {
    let Some(due) = due else {
        return MonthStatus::NotAssessed;
    };
    if due == 0 {
        // An approved 免交: nothing is owed, whatever the day.
        return MonthStatus::Exempt;
    }
    let next = first + Months::new(1);
    let amount = paid.map_or(0, |p| p.amount);
    if amount >= due {
        let last = paid.map(|p| p.last).unwrap_or(first);
        return if last < first {
            MonthStatus::PaidInAdvance
        } else if last >= next {
            MonthStatus::PaidLate
        } else {
            MonthStatus::Paid
        };
    }
    if as_of < first {
        MonthStatus::Upcoming
    } else if amount > 0 {
        MonthStatus::PartlyPaid
    } else if as_of < next {
        MonthStatus::Due
    } else {
        MonthStatus::Unpaid
    }
}

/// The 党费 year as of `as_of` (payments made after it do not count yet).
pub fn report(conn: &Connection, year: i32, as_of: NaiveDate) -> Result<DuesReport> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| Error::validation("year", Reason::InvalidValue))?;
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31).expect("valid date");
    let judged = as_of.min(year_end);
    // Arrears run back across the year's start: read a year before it too.
    let window = start - Months::new(12);
    let all = bases(conn)?;
    let standing = standings(conn)?;
    let on_roster = Standing::default();
    let mut paid: HashMap<(String, String), Paid> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, for_month, sum(amount_cents), sum(extra_cents), max(paid_on)
         FROM dues_payment WHERE for_month >= ?1 AND for_month <= ?2 AND paid_on <= ?3
         GROUP BY member_id, for_month",
    )?;
    let mut rows = stmt.query(params![month_key(window), format!("{year:04}-12"), as_of])?;
    while let Some(r) = rows.next()? {
        paid.insert(
            (r.get(0)?, r.get(1)?),
            Paid {
                amount: r.get(2)?,
                extra: r.get(3)?,
                last: r.get(4)?,
            },
        );
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, name FROM member WHERE stage IN ('full', 'probationary')
           AND (archived_on IS NULL OR archived_on >= ?1) ORDER BY {name}",
        name = crate::collate::sql_key("name")
    ))?;
    let people = stmt
        .query_map([start], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let months: Vec<NaiveDate> = (0..12).map(|i| start + Months::new(i)).collect();
    let mut totals: Vec<MonthTotal> = months
        .iter()
        .map(|m| MonthTotal {
            month: month_key(*m),
            due_cents: 0,
            paid_cents: 0,
            extra_cents: 0,
            paid_in_full: 0,
            assessed: 0,
        })
        .collect();
    let mut members = Vec::new();
    for (id, name) in people {
        let member_standing = standing.get(&id).unwrap_or(&on_roster);
        let month_of = |first: NaiveDate| {
            // Not assessed after leaving the branch, nor while the 党籍 is stopped.
            let due = due_for(&all, &id, first).filter(|_| member_standing.assessed(first));
            let p = paid.get(&(id.clone(), month_key(first)));
            (due, p, status(first, due, p, as_of))
        };
        // Completed months with nothing paid in a row, counting back from the month before
        // the day's; a month paid in part, exempt or not assessed ends the run.
        let mut arrears_months = 0;
        let mut m = NaiveDate::from_ymd_opt(judged.year(), judged.month(), 1).expect("valid");
        loop {
            m = m - Months::new(1);
            if m < window {
                break;
            }
            match month_of(m).2 {
                MonthStatus::Unpaid => arrears_months += 1,
                _ => break,
            }
        }
        let mut row = MemberDues {
            member_id: id.clone(),
            name,
            category: None,
            monthly_due_cents: None,
            months: Vec::with_capacity(12),
            due_cents: 0,
            paid_cents: 0,
            extra_cents: 0,
            arrears_months,
            arrears: if arrears_months >= LAPSE_AFTER {
                Some(ArrearsLevel::Lapsed)
            } else if arrears_months >= WARN_AFTER {
                Some(ArrearsLevel::Warning)
            } else {
                None
            },
        };
        if let Some((_, _, b)) = all
            .iter()
            .rev()
            .find(|(m, from, _)| *m == id && *from <= judged)
        {
            row.category = Some(b.category);
            row.monthly_due_cents = Some(b.monthly_due_cents);
        }
        for (first, total) in months.iter().zip(totals.iter_mut()) {
            let (due, p, status) = month_of(*first);
            let (amount, extra) = p.map_or((0, 0), |p| (p.amount, p.extra));
            if let Some(due) = due.filter(|d| *d > 0) {
                total.assessed += 1;
                total.due_cents += due;
                if *first <= judged {
                    row.due_cents += due;
                }
                if amount >= due {
                    total.paid_in_full += 1;
                }
            }
            total.paid_cents += amount;
            total.extra_cents += extra;
            row.paid_cents += amount;
            row.extra_cents += extra;
            row.months.push(DuesMonth {
                month: month_key(*first),
                due_cents: due,
                paid_cents: amount,
                extra_cents: extra,
                paid_on: p.map(|p| p.last),
                status,
            });
        }
        let assessed = row.months.iter().any(|m| m.due_cents.is_some());
        if assessed || row.paid_cents > 0 || row.arrears_months > 0 {
            members.push(row);
        }
    }
    let rates = DuesRateSet::in_force_on(conn, start)?;
    Ok(DuesReport {
        year,
        as_of,
        rate_version: rates.version,
        due_cents: members.iter().map(|m| m.due_cents).sum(),
        paid_cents: members.iter().map(|m| m.paid_cents).sum(),
        extra_cents: members.iter().map(|m| m.extra_cents).sum(),
        members,
        months: totals,
    })
}

/// A table as text: its headers with their widths in characters, and its rows.
pub type TextTable = (Vec<(&'static str, f64)>, Vec<Vec<String>>);

/// The yearly 党费收缴公布 as text tables: each month's collection, then each member's year.
pub fn publication(r: &DuesReport) -> [TextTable; 2] {
    use super::yuan;
    let rate = |paid: i64, due: i64| {
        if due > 0 {
            format!("{:.1}%", paid as f64 * 100.0 / due as f64)
        } else {
            String::new()
        }
    };
    let mut months: Vec<Vec<String>> = r
        .months
        .iter()
        .filter(|m| m.assessed > 0)
        .map(|m| {
            vec![
                m.month.clone(),
                m.assessed.to_string(),
                m.paid_in_full.to_string(),
                yuan(m.due_cents),
                yuan(m.paid_cents),
                yuan(m.extra_cents),
                rate(m.paid_cents, m.due_cents),
            ]
        })
        .collect();
    let (due, paid, extra) = r.months.iter().fold((0, 0, 0), |(d, p, e), m| {
        (d + m.due_cents, p + m.paid_cents, e + m.extra_cents)
    });
    months.push(vec![
        "全年合计".into(),
        String::new(),
        String::new(),
        yuan(due),
        yuan(paid),
        yuan(extra),
        rate(paid, due),
    ]);
    let members = r
        .members
        .iter()
        .map(|m| {
            vec![
                m.name.clone(),
                m.category
                    .map(|c| c.label().to_string())
                    .unwrap_or_default(),
                m.monthly_due_cents.map(yuan).unwrap_or_default(),
                yuan(m.due_cents),
                yuan(m.paid_cents),
                yuan(m.extra_cents),
                match m.arrears {
                    Some(level) => level.label().to_string(),
                    None if m.due_cents > m.paid_cents => {
                        format!("欠交 {} 元", yuan(m.due_cents - m.paid_cents))
                    }
                    None => "已交清".into(),
                },
            ]
        })
        .collect();
    [
        (
            vec![
                ("月份", 10.0),
                ("应交人数", 9.0),
                ("足额交纳", 9.0),
                ("应交（元）", 12.0),
                ("实交（元）", 12.0),
                ("自愿多交（元）", 14.0),
                ("收缴率", 9.0),
            ],
            months,
        ),
        (
            vec![
                ("姓名", 10.0),
                ("交纳类别", 10.0),
                ("月交纳额（元）", 14.0),
                ("应交（元）", 12.0),
                ("已交（元）", 12.0),
                ("自愿多交（元）", 14.0),
                ("交纳情况", 22.0),
            ],
            members,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn paid(amount: i64, last: &str) -> Paid {
        Paid {
            amount,
            extra: 0,
            last: d(last),
        }
    }

    #[test]
    fn a_month_is_judged_by_when_and_how_much_was_paid() {
        let nov = d("2026-11-01");
        use MonthStatus::*;
        assert_eq!(status(nov, None, None, d("2026-11-22")), NotAssessed);
        assert_eq!(status(nov, Some(0), None, d("2027-06-01")), Exempt);
        assert_eq!(status(nov, Some(4800), None, d("2026-10-31")), Upcoming);
        assert_eq!(status(nov, Some(4800), None, d("2026-11-22")), Due);
        assert_eq!(status(nov, Some(4800), None, d("2026-12-01")), Unpaid);
        assert_eq!(
            status(
                nov,
                Some(4800),
                Some(&paid(2000, "2026-11-05")),
                d("2026-11-22")
            ),
            PartlyPaid
        );
        assert_eq!(
            status(
                nov,
                Some(4800),
                Some(&paid(4800, "2026-11-05")),
                d("2026-11-22")
            ),
            Paid
        );
        assert_eq!(
            status(
                nov,
                Some(4800),
                Some(&paid(4800, "2026-11-30")),
                d("2026-12-22")
            ),
            Paid
        );
        assert_eq!(
            status(
                nov,
                Some(4800),
                Some(&paid(4800, "2026-10-31")),
                d("2026-10-31")
            ),
            PaidInAdvance
        );
        assert_eq!(
            status(
                nov,
                Some(4800),
                Some(&paid(4800, "2026-12-01")),
                d("2026-12-22")
            ),
            PaidLate
        );
    }
}
