//! The waits of the membership path as versioned data: the 2014 细则 now; a revision (such as
//! the 2026 one) is added as another set from its date. Pure: no database.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Reason, Result};
use crate::rule_sets::{Dated, RuleSet};

/// One version of the path's rules, in force from its date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PipelineRuleSet {
    pub version: String,
    pub effective_from: NaiveDate,
    /// The talk with an applicant, within this many months of the application.
    pub talk_within_months: u32,
    /// An activist is trained at least this long before becoming a 发展对象.
    pub activist_min_months: u32,
    /// 入党介绍人 needed before admission.
    pub introducers: u32,
    /// The superior organisation approves an admission within this many months...
    pub approval_within_months: u32,
    /// ...and never later than this.
    pub approval_max_months: u32,
    /// The 预备期.
    pub probation_months: u32,
    /// It may be extended once, by at least this...
    #[serde(default = "six_months")]
    pub extension_min_months: u32,
    /// ...and at most this.
    pub extension_max_months: u32,
    /// After the 预备期 ends, its 转正 is discussed within this many months.
    pub confirmation_within_months: u32,
}

/// The shortest extension of the 预备期 (细则 第三十二条: 不能少于半年), for rule sets stored
/// before it was a field.
fn six_months() -> u32 {
    6
}

impl RuleSet for PipelineRuleSet {
    const AREA: &'static str = "pipeline";
    const FIELD: &'static str = "rules";

    /// 《中国共产党发展党员工作细则》(2014-06-10): a talk within a month of the application; a
    /// year as activist; two 介绍人; superior approval within 3 months, at most 6; a one-year
    /// 预备期, extendable once by at least six months and at most a year; 转正 discussed when it ends (within 3 months,
    /// the branch's default).
    fn defaults() -> Self {
        PipelineRuleSet {
            version: "中国共产党发展党员工作细则（2014）".into(),
            effective_from: NaiveDate::from_ymd_opt(2014, 6, 10).expect("valid date"),
            talk_within_months: 1,
            activist_min_months: 12,
            introducers: 2,
            approval_within_months: 3,
            approval_max_months: 6,
            probation_months: 12,
            extension_min_months: 6,
            extension_max_months: 12,
            confirmation_within_months: 3,
        }
    }

    fn version(&self) -> &str {
        &self.version
    }

    fn validate(&self) -> Result<()> {
        let ok = self.talk_within_months >= 1
            && self.introducers >= 1
            && self.approval_within_months >= 1
            && self.approval_within_months <= self.approval_max_months
            && self.probation_months >= 1
            && self.extension_min_months >= 1
            && self.extension_min_months <= self.extension_max_months
            && self.confirmation_within_months >= 1
            && [
                self.talk_within_months,
                self.activist_min_months,
                self.approval_max_months,
                self.probation_months,
                self.extension_max_months,
                self.confirmation_within_months,
            ]
            .iter()
            .all(|m| *m <= 60);
        if ok {
            Ok(())
        } else {
            Err(Error::validation("rules", Reason::InvalidValue))
        }
    }
}

impl Dated for PipelineRuleSet {
    fn effective_from(&self) -> NaiveDate {
        self.effective_from
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_stored_before_the_shortest_extension_was_a_field_reads_as_six_months() {
        let mut json = serde_json::to_value(PipelineRuleSet::defaults()).unwrap();
        json.as_object_mut().unwrap().remove("extension_min_months");
        let set: PipelineRuleSet = serde_json::from_value(json).unwrap();
        assert_eq!(set.extension_min_months, 6);
    }

    #[test]
    fn the_2014_rules_are_valid_and_a_broken_set_is_not() {
        PipelineRuleSet::defaults().validate().unwrap();
        let mut bad = PipelineRuleSet::defaults();
        bad.approval_within_months = 7;
        assert!(bad.validate().is_err());
        let mut bad = PipelineRuleSet::defaults();
        bad.extension_min_months = 13;
        assert!(bad.validate().is_err());
    }
}
