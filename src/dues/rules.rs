//! The 党费 rate table (中组发〔2008〕3号) as versioned data: the bands of monthly after-tax
//! regular pay for members at work and for retirees, and the nominal amount paid by students,
//! the unemployed and 低保 recipients. Pure: no database.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::code_enum;
use crate::error::{Error, Reason, Result};
use crate::rule_sets::{Dated, RuleSet};

code_enum!(
    /// On what a member's monthly dues are worked out.
    DuesCategory {
        Salaried = "salaried" / "在职" | "在职党员",
        Retiree = "retiree" / "离退休" | "离退休党员" | "退休",
        Student = "student" / "学生" | "学生党员",
        Unemployed = "unemployed" / "下岗失业" | "失业",
        Subsistence = "subsistence" / "领取低保" | "低保",
        Fixed = "fixed" / "定额交纳" | "定额",
        Exempt = "exempt" / "免交" | "免交党费",
        Reduced = "reduced" / "少交" | "少交党费",
    }
);

impl DuesCategory {
    /// Whether the amount follows from a declared monthly pay (or pension).
    pub fn needs_pay(self) -> bool {
        matches!(self, DuesCategory::Salaried | DuesCategory::Retiree)
    }

    /// 免交 and 少交: allowed only with the superior 党委's approval (第七条).
    pub fn needs_approval(self) -> bool {
        matches!(self, DuesCategory::Exempt | DuesCategory::Reduced)
    }
}

/// Pay up to and including `up_to_cents` (none: any pay above the band before) gives dues of
/// `basis_points` ten-thousandths of it (50 = 0.5%).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RateBand {
    pub up_to_cents: Option<i64>,
    pub basis_points: u32,
}

/// One version of the rate table, in force from its date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DuesRateSet {
    pub version: String,
    pub effective_from: NaiveDate,
    /// Members at work: monthly after-tax regular pay (工资总额扣除个人所得税和社保后).
    pub salaried: Vec<RateBand>,
    /// Retirees: monthly pension.
    pub retiree: Vec<RateBand>,
    /// What students, the unemployed and 低保 recipients pay each month (0.2 元).
    pub nominal_cents: i64,
}

const fn band(up_to_yuan: Option<i64>, basis_points: u32) -> RateBand {
    RateBand {
        up_to_cents: match up_to_yuan {
            Some(y) => Some(y * 100),
            None => None,
        },
        basis_points,
    }
}

impl RuleSet for DuesRateSet {
    const AREA: &'static str = "dues_rates";
    const FIELD: &'static str = "rates";

    /// 中组发〔2008〕3号, in force since 2008-02-28: at work ≤3000 元 0.5%, 3000–5000 1%,
    /// 5000–10000 1.5%, above 10000 2%; retirees ≤5000 0.5%, above 1%; 0.2 元 a month for
    /// students, the unemployed and 低保 recipients.
    fn defaults() -> Self {
        DuesRateSet {
            version: "中组发〔2008〕3号".into(),
            effective_from: NaiveDate::from_ymd_opt(2008, 2, 28).expect("valid date"),
            salaried: vec![
                band(Some(3000), 50),
                band(Some(5000), 100),
                band(Some(10000), 150),
                band(None, 200),
            ],
            retiree: vec![band(Some(5000), 50), band(None, 100)],
            nominal_cents: 20,
        }
    }

    fn version(&self) -> &str {
        &self.version
    }

    /// The bands must rise, end open, and charge between 0 and 10%.
    fn validate(&self) -> Result<()> {
        for bands in [&self.salaried, &self.retiree] {
            let Some(last) = bands.last() else {
                return Err(Error::validation("rates", Reason::InvalidValue));
            };
            if last.up_to_cents.is_some() {
                return Err(Error::validation("rates", Reason::InvalidValue));
            }
            let limits: Vec<i64> = bands.iter().filter_map(|b| b.up_to_cents).collect();
            if limits.len() != bands.len() - 1
                || limits.windows(2).any(|w| w[0] >= w[1])
                || limits.first().is_some_and(|&l| l <= 0)
                || bands
                    .iter()
                    .any(|b| b.basis_points == 0 || b.basis_points > 1000)
            {
                return Err(Error::validation("rates", Reason::InvalidValue));
            }
        }
        if !(0..=10_000).contains(&self.nominal_cents) {
            return Err(Error::validation("rates", Reason::InvalidValue));
        }
        Ok(())
    }
}

impl Dated for DuesRateSet {
    fn effective_from(&self) -> NaiveDate {
        self.effective_from
    }
}

impl DuesRateSet {
    /// The monthly dues of a member of `category` with monthly pay `pay_cents` (at work or
    /// retired), in cents, rounded half up; a fixed or approved reduced amount is given, not
    /// computed; an approved exemption is nothing.
    pub fn monthly_due(
        &self,
        category: DuesCategory,
        pay_cents: i64,
        fixed_cents: i64,
    ) -> Result<i64> {
        let bands = match category {
            DuesCategory::Salaried => &self.salaried,
            DuesCategory::Retiree => &self.retiree,
            DuesCategory::Student | DuesCategory::Unemployed | DuesCategory::Subsistence => {
                return Ok(self.nominal_cents)
            }
            DuesCategory::Fixed | DuesCategory::Reduced => {
                return if fixed_cents > 0 {
                    Ok(fixed_cents)
                } else {
                    Err(Error::validation("fixed_amount", Reason::DuesAmount))
                }
            }
            DuesCategory::Exempt => return Ok(0),
        };
        if pay_cents <= 0 {
            return Err(Error::validation("monthly_pay", Reason::DuesAmount));
        }
        let rate = bands
            .iter()
            .find(|b| b.up_to_cents.is_none_or(|up| pay_cents <= up))
            .expect("the last band is open")
            .basis_points;
        Ok((pay_cents * i64::from(rate) + 5_000) / 10_000)
    }
}

/// "48.5" or "48.50" 元 as cents; at most two decimals, not negative.
pub fn parse_yuan(field: &'static str, s: &str) -> Result<i64> {
    let s = s.trim().trim_end_matches('元');
    let bad = || Error::validation(field, Reason::DuesAmount);
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 2
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || whole.len() > 9
    {
        return Err(bad());
    }
    let whole: i64 = whole.parse().map_err(|_| bad())?;
    let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    Ok(whole * 100 + frac)
}

/// Cents as 元 with two decimals: 4805 → "48.05".
pub fn yuan(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents.abs() / 100, cents.abs() % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn due(category: DuesCategory, pay_yuan: &str) -> i64 {
        DuesRateSet::defaults()
            .monthly_due(category, parse_yuan("monthly_pay", pay_yuan).unwrap(), 0)
            .unwrap()
    }

    #[test]
    fn the_defaults_are_valid() {
        DuesRateSet::defaults().validate().unwrap();
    }

    /// Each band's upper limit belongs to it (≤3000 is 0.5%); a cent more is the next band.
    #[test]
    fn salaried_bands_at_every_boundary() {
        use DuesCategory::Salaried;
        assert_eq!(due(Salaried, "0.01"), 0); // 0.005 分 rounds to nothing
        assert_eq!(due(Salaried, "2999.99"), 1500); // 15.00
        assert_eq!(due(Salaried, "3000"), 1500); // 3000 × 0.5% = 15.00
        assert_eq!(due(Salaried, "3000.01"), 3000); // × 1% = 30.0001 → 30.00
        assert_eq!(due(Salaried, "5000"), 5000); // × 1% = 50.00
        assert_eq!(due(Salaried, "5000.01"), 7500); // × 1.5% = 75.00015 → 75.00
        assert_eq!(due(Salaried, "10000"), 15000); // × 1.5% = 150.00
        assert_eq!(due(Salaried, "10000.01"), 20000); // × 2% = 200.0002 → 200.00
        assert_eq!(due(Salaried, "18650"), 37300);
    }

    #[test]
    fn retiree_bands_at_the_boundary() {
        use DuesCategory::Retiree;
        assert_eq!(due(Retiree, "4999.99"), 2500); // 24.99995 → 25.00
        assert_eq!(due(Retiree, "5000"), 2500); // × 0.5% = 25.00
        assert_eq!(due(Retiree, "5000.01"), 5000); // × 1% = 50.0001 → 50.00
        assert_eq!(due(Retiree, "6200"), 6200);
    }

    #[test]
    fn rounding_is_half_up_to_the_cent() {
        // 3333.30 × 1% = 33.333 → 33.33; 3333.50 × 1% = 33.335 → 33.34
        assert_eq!(due(DuesCategory::Salaried, "3333.30"), 3333);
        assert_eq!(due(DuesCategory::Salaried, "3333.50"), 3334);
    }

    #[test]
    fn students_the_unemployed_and_subsistence_pay_two_jiao_and_fixed_is_as_given() {
        let rates = DuesRateSet::defaults();
        for c in [
            DuesCategory::Student,
            DuesCategory::Unemployed,
            DuesCategory::Subsistence,
        ] {
            assert_eq!(rates.monthly_due(c, 0, 0).unwrap(), 20);
        }
        assert_eq!(
            rates.monthly_due(DuesCategory::Fixed, 0, 1000).unwrap(),
            1000
        );
        assert!(rates.monthly_due(DuesCategory::Fixed, 0, 0).is_err());
        assert!(rates.monthly_due(DuesCategory::Salaried, 0, 0).is_err());
        // 少交 is the approved amount, 免交 nothing.
        assert_eq!(
            rates.monthly_due(DuesCategory::Reduced, 0, 150).unwrap(),
            150
        );
        assert!(rates.monthly_due(DuesCategory::Reduced, 0, 0).is_err());
        assert_eq!(rates.monthly_due(DuesCategory::Exempt, 0, 0).unwrap(), 0);
    }

    #[test]
    fn amounts_in_yuan() {
        assert_eq!(parse_yuan("x", "48").unwrap(), 4800);
        assert_eq!(parse_yuan("x", "48.5").unwrap(), 4850);
        assert_eq!(parse_yuan("x", " 48.05元").unwrap(), 4805);
        for bad in ["", "-1", "4.855", "abc", "1e3", ".5", "1.2.3"] {
            assert!(parse_yuan("x", bad).is_err(), "{bad}");
        }
        assert_eq!(yuan(4805), "48.05");
        assert_eq!(yuan(20), "0.20");
    }

    #[test]
    fn a_rate_table_must_rise_and_end_open() {
        let mut rates = DuesRateSet::defaults();
        rates.salaried[1].up_to_cents = Some(100);
        assert!(rates.validate().is_err());
        let mut rates = DuesRateSet::defaults();
        rates.retiree.pop();
        assert!(rates.validate().is_err());
    }
}
