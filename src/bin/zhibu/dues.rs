//! `zhibu dues …`: 党费 — declaring what a member's dues are worked out from, fixing a year's
//! amounts at its start, recording payments, and the dues year with arrears.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;

use crate::actor;
use zhibu::dues::{self, yuan, DuesCategory, DuesDeclaration, DuesRateSet, PaymentInput, RateBand};
use zhibu::{Db, Error, Reason};

use super::{find_member, outln, print_json, rule_set_command};

#[derive(Subcommand)]
pub enum DuesCommand {
    /// Declare what a member's dues are worked out from, from a month on
    Declare {
        /// The member's name or id
        #[arg(long)]
        member: String,
        /// salaried | retiree | student | unemployed | subsistence | fixed | exempt | reduced
        /// (or 在职, 离退休, 学生, 下岗失业, 领取低保, 定额交纳, 免交, 少交)
        #[arg(long)]
        category: String,
        /// Monthly after-tax regular pay or pension, in 元 (salaried, retiree)
        #[arg(long, default_value = "")]
        pay: String,
        /// The monthly amount in 元 (fixed)
        #[arg(long, default_value = "")]
        fixed: String,
        /// The approved monthly amount in 元 (reduced, 少交)
        #[arg(long, default_value = "")]
        amount: String,
        /// The day the superior 党委 approved it (exempt, reduced)
        #[arg(long, value_name = "YYYY-MM-DD", default_value = "")]
        approved: String,
        /// The approval's document number (批准文号)
        #[arg(long, default_value = "")]
        document: String,
        /// The month it applies from (YYYY-MM)
        #[arg(long, value_name = "YYYY-MM")]
        from: String,
        #[arg(long)]
        json: bool,
    },
    /// Fix the year's amounts at its start from each member's declared basis
    Compute {
        #[arg(long, value_parser = super::year_arg)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// Record a payment (on time, in advance up to 12 months, or 补交 up to 6 months late)
    Record {
        /// The member's name or id
        #[arg(long)]
        member: String,
        /// The month paid for: YYYY-MM, or the month's number with --year
        #[arg(long)]
        month: String,
        #[arg(long, value_parser = super::year_arg)]
        year: Option<i32>,
        /// The dues paid, in 元
        #[arg(long, default_value = "")]
        amount: String,
        /// A voluntary amount beyond the dues, in 元
        #[arg(long, default_value = "")]
        extra: String,
        /// The day paid (default: today)
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// 现金, 微信, 银行转账, ...
        #[arg(long, default_value = "")]
        way: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// 本月全员已交: record for every member who owes dues for the month what is still owed,
    /// all or none (refused, naming them, when any member's amount is not fixed)
    PayAll {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        /// The day paid (default: today)
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The rate tables, oldest first (the built-in 2008 table until a stored one replaces it);
    /// with --add, puts a new table in force from its effective_from (a JSON file in the shape
    /// `--json` prints; amounts already fixed for a year keep theirs)
    Rates {
        #[arg(long, value_name = "FILE")]
        add: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The dues year: each member's months, arrears, and the monthly collection
    Report {
        #[arg(long, value_parser = super::year_arg)]
        year: i32,
        /// As of this day (default: today)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// "11" with --year 2026, or "2026-11" → "2026-11".
fn month_arg(month: &str, year: Option<i32>) -> Result<String, Error> {
    let m = month.trim();
    match (m.parse::<u32>(), year) {
        (Ok(n), Some(y)) if (1..=12).contains(&n) => Ok(format!("{y:04}-{n:02}")),
        (Ok(_), _) => Err(Error::validation("for_month", Reason::InvalidMonth)),
        (Err(_), _) => Ok(m.to_string()),
    }
}

/// "，文号 X" when the approval has a document number.
fn approval_document(document: &str) -> String {
    if document.is_empty() {
        String::new()
    } else {
        format!("，文号 {document}")
    }
}

pub fn run_dues(db: &Db, cmd: DuesCommand, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        DuesCommand::Declare {
            member,
            category,
            pay,
            fixed,
            amount,
            approved,
            document,
            from,
            json,
        } => {
            let category: DuesCategory = category
                .parse()
                .map_err(|()| Error::validation("category", Reason::InvalidValue))?;
            let base = db.write(|tx| {
                let m = find_member(tx, &member, today)?;
                let input = DuesDeclaration {
                    member_id: m.id,
                    category: Some(category),
                    monthly_pay: pay.clone(),
                    fixed_amount: if category == DuesCategory::Reduced {
                        amount.clone()
                    } else {
                        fixed.clone()
                    },
                    from_month: from.clone(),
                    approved_on: approved.clone(),
                    approval_document: document.clone(),
                };
                dues::declare(tx, &input, actor())
            })?;
            if json {
                print_json(&base);
            } else if base.category == DuesCategory::Exempt {
                outln!(
                    "{} 自 {} 起免交党费（上级党委 {} 批准{}）",
                    base.name,
                    base.from_month,
                    base.approved_on.map(|d| d.to_string()).unwrap_or_default(),
                    approval_document(&base.approval_document)
                );
            } else {
                outln!(
                    "{} 自 {} 起按「{}」每月交纳党费 {} 元{}",
                    base.name,
                    base.from_month,
                    base.category.label(),
                    yuan(base.monthly_due_cents),
                    match base.approved_on {
                        Some(on) => format!(
                            "（上级党委 {on} 批准{}）",
                            approval_document(&base.approval_document)
                        ),
                        None => String::new(),
                    }
                );
            }
        }
        DuesCommand::Compute { year, json } => {
            let schedule = db.write(|tx| dues::compute(tx, year, actor()))?;
            if json {
                print_json(&schedule);
            } else {
                outln!("{year} 年党费（{}）：", schedule.rate_version);
                for b in &schedule.bases {
                    outln!(
                        "  {}  自 {}  {}  每月 {} 元",
                        b.name,
                        b.from_month,
                        b.category.label(),
                        yuan(b.monthly_due_cents)
                    );
                }
                if !schedule.missing.is_empty() {
                    let names: Vec<&str> =
                        schedule.missing.iter().map(|m| m.name.as_str()).collect();
                    outln!(
                        "尚未申报交纳基数（用 `zhibu dues declare`）：{}",
                        names.join("、")
                    );
                }
            }
        }
        DuesCommand::Record {
            member,
            month,
            year,
            amount,
            extra,
            date,
            way,
            note,
            json,
        } => {
            let for_month = month_arg(&month, year)?;
            let (name, payment) = db.write(|tx| {
                let m = find_member(tx, &member, today)?;
                let input = PaymentInput {
                    member_id: m.id,
                    for_month: for_month.clone(),
                    paid_on: date.clone().unwrap_or_else(|| today.to_string()),
                    amount: amount.clone(),
                    extra: extra.clone(),
                    way: way.clone(),
                    note: note.clone(),
                };
                Ok((m.name, dues::record(tx, &input, today, actor())?))
            })?;
            if json {
                print_json(&payment);
            } else {
                let extra = if payment.extra_cents > 0 {
                    format!("，自愿多交 {} 元", yuan(payment.extra_cents))
                } else {
                    String::new()
                };
                outln!(
                    "已记录 {name} {} 党费 {} 元{extra}（{} 交纳）",
                    payment.for_month,
                    yuan(payment.amount_cents),
                    payment.paid_on
                );
            }
        }
        DuesCommand::PayAll { month, date, json } => {
            let paid_on = date.unwrap_or_else(|| today.to_string());
            let done = db.write(|tx| dues::pay_all(tx, &month, &paid_on, today, actor()))?;
            if json {
                print_json(&done);
            } else if done.payments.is_empty() {
                outln!("{} 没有待交的党费，未记录任何交纳", done.for_month);
            } else {
                for p in &done.payments {
                    outln!("{}  {} 元", p.name, yuan(p.amount_cents));
                }
                outln!(
                    "已记录 {} {} 人的党费，共 {} 元（{} 交纳）",
                    done.for_month,
                    done.payments.len(),
                    yuan(done.total_cents),
                    done.paid_on
                );
            }
        }
        DuesCommand::Rates { add, json } => {
            rule_set_command(db, add, json, "党费标准", |s: &DuesRateSet| {
                outln!("  在职：{}", bands_text(&s.salaried));
                outln!("  离退休：{}", bands_text(&s.retiree));
                outln!(
                    "  学生、下岗失业、领取低保：每月 {} 元",
                    yuan(s.nominal_cents)
                );
            })?;
        }
        DuesCommand::Report { year, as_of, json } => {
            let as_of = zhibu::ids::as_of_or(as_of.as_deref(), today)?;
            let report = db.read(|c| dues::report(c, year, as_of))?;
            if json {
                print_json(&report);
            } else {
                outln!(
                    "{year} 年党费（截至 {as_of}）：应交 {} 元，已交 {} 元，自愿多交 {} 元",
                    yuan(report.due_cents),
                    yuan(report.paid_cents),
                    yuan(report.extra_cents)
                );
                for m in &report.members {
                    let warn = m
                        .arrears
                        .map(|a| format!("  ⚠ {}", a.label()))
                        .unwrap_or_default();
                    outln!(
                        "  {}  每月 {}  应交 {}  已交 {}{warn}",
                        m.name,
                        m.monthly_due_cents.map(yuan).unwrap_or_else(|| "—".into()),
                        yuan(m.due_cents),
                        yuan(m.paid_cents)
                    );
                }
            }
        }
    }
    Ok(())
}

/// "3000 元及以下 0.5%，3000 元以上至 5000 元 1%，10000 元以上 2%".
fn bands_text(bands: &[RateBand]) -> String {
    let mut below = None;
    let parts: Vec<String> = bands
        .iter()
        .map(|b| {
            let pct = format!("{}%", f64::from(b.basis_points) / 100.0);
            let text = match (below, b.up_to_cents) {
                (None, Some(up)) => format!("{} 元及以下 {pct}", yuan(up)),
                (Some(lo), Some(up)) => format!("{} 元以上至 {} 元 {pct}", yuan(lo), yuan(up)),
                (Some(lo), None) => format!("{} 元以上 {pct}", yuan(lo)),
                (None, None) => format!("一律 {pct}"),
            };
            below = b.up_to_cents;
            text
        })
        .collect();
    parts.join("，")
}
