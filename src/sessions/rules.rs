//! The obligations of organisational life and how often each is due: versioned data with the
//! defaults of 《中国共产党支部工作条例（试行）》, changeable by a branch from a date on.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::code_enum;
use crate::error::{Error, Reason, Result};
use crate::rule_sets::{Dated, RuleSet};

code_enum!(
    /// What the branch must hold, and what a session can count for.
    Obligation {
        GeneralMeeting = "general_meeting" / "支部党员大会" | "党员大会",
        CommitteeMeeting = "committee_meeting" / "支委会" | "支部委员会会议",
        GroupMeeting = "group_meeting" / "党小组会",
        PartyLecture = "party_lecture" / "党课",
        SecretaryLecture = "secretary_lecture" / "书记讲党课",
        ThemeDay = "theme_day" / "主题党日",
        OrgLifeMeeting = "org_life_meeting" / "组织生活会",
        DemocraticAppraisal = "democratic_appraisal" / "民主评议党员" | "民主评议",
        HeartToHeartTalk = "heart_to_heart_talk" / "谈心谈话",
    }
);

code_enum!(
    /// How often an obligation is due.
    PeriodUnit {
        Month = "month" / "每月",
        Quarter = "quarter" / "每季度",
        Year = "year" / "每年",
    }
);

code_enum!(
    /// Whom an obligation binds: the branch, each 党小组, or each pair that should talk.
    Scope {
        Branch = "branch" / "支部",
        PartyGroup = "party_group" / "每个党小组",
        Pair = "pair" / "每对谈话人",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ObligationRule {
    pub obligation: Obligation,
    pub every: PeriodUnit,
    pub scope: Scope,
    /// Sessions needed in each period.
    pub times: u32,
}

/// The obligations in force from `effective_from` until the next set takes over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ObligationRuleSet {
    pub version: String,
    pub effective_from: NaiveDate,
    pub rules: Vec<ObligationRule>,
}

impl RuleSet for ObligationRuleSet {
    const AREA: &'static str = "obligations";
    const FIELD: &'static str = "rules";

    /// The defaults from DOMAIN.md, in force since the 支部工作条例 of 2018.
    fn defaults() -> Self {
        use Obligation::*;
        use PeriodUnit::*;
        let rule = |obligation, every, scope| ObligationRule {
            obligation,
            every,
            scope,
            times: 1,
        };
        ObligationRuleSet {
            version: "支部工作条例2018".into(),
            effective_from: NaiveDate::from_ymd_opt(2018, 10, 28).expect("valid date"),
            rules: vec![
                rule(GeneralMeeting, Quarter, Scope::Branch),
                rule(CommitteeMeeting, Month, Scope::Branch),
                rule(GroupMeeting, Month, Scope::PartyGroup),
                rule(PartyLecture, Quarter, Scope::Branch),
                rule(SecretaryLecture, Year, Scope::Branch),
                rule(ThemeDay, Month, Scope::Branch),
                rule(OrgLifeMeeting, Year, Scope::Branch),
                rule(DemocraticAppraisal, Year, Scope::Branch),
                rule(HeartToHeartTalk, Year, Scope::Pair),
            ],
        }
    }

    fn version(&self) -> &str {
        &self.version
    }

    /// Each obligation at most once, due at least once a period.
    fn validate(&self) -> Result<()> {
        let mut seen = Vec::new();
        for r in &self.rules {
            if r.times == 0
                || r.times > crate::limits::OBLIGATION_TIMES_MAX
                || seen.contains(&r.obligation)
            {
                return Err(Error::validation("rules", Reason::InvalidValue));
            }
            seen.push(r.obligation);
        }
        Ok(())
    }
}

impl Dated for ObligationRuleSet {
    fn effective_from(&self) -> NaiveDate {
        self.effective_from
    }
}

impl ObligationRuleSet {
    pub fn rule(&self, obligation: Obligation) -> Option<&ObligationRule> {
        self.rules.iter().find(|r| r.obligation == obligation)
    }
}

/// Every rule set a branch has had, oldest first; the defaults cover the time before the first.
#[derive(Debug, Clone)]
pub struct RuleHistory {
    sets: Vec<ObligationRuleSet>,
}

impl RuleHistory {
    /// The branch's stored sets.
    pub fn load(conn: &rusqlite::Connection) -> Result<Self> {
        Ok(RuleHistory::new(ObligationRuleSet::history(conn)?))
    }

    pub fn new(mut sets: Vec<ObligationRuleSet>) -> Self {
        sets.sort_by_key(|s| s.effective_from);
        RuleHistory { sets }
    }

    /// Every stored set, oldest first.
    pub fn sets(&self) -> &[ObligationRuleSet] {
        &self.sets
    }

    /// The set in force on `day`: the latest that took effect on or before it, else the defaults.
    pub fn in_force(&self, day: NaiveDate) -> &ObligationRuleSet {
        static DEFAULTS: std::sync::OnceLock<ObligationRuleSet> = std::sync::OnceLock::new();
        ObligationRuleSet::latest_on(&self.sets, day)
            .unwrap_or_else(|| DEFAULTS.get_or_init(ObligationRuleSet::defaults))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_hold_and_a_set_naming_an_obligation_twice_or_never_due_does_not() {
        ObligationRuleSet::defaults().validate().unwrap();
        let mut twice = ObligationRuleSet::defaults();
        twice.rules.push(twice.rules[0].clone());
        assert!(twice.validate().is_err());
        let mut never = ObligationRuleSet::defaults();
        never.rules[0].times = 0;
        assert!(never.validate().is_err());
    }
}
