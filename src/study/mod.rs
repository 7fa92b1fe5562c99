//! 学时: the study-hour credits. Attended sessions and activities credit hours by the accrual
//! rules (computed from the attendance, so correcting attendance corrects them); manual and
//! imported entries add to them or replace one credit; yearly targets by role with a branch
//! figure, single members' targets and exemptions; progress against the pace of the year.

pub mod credits;
pub mod import;
pub mod progress;
pub mod rules;
pub mod self_check;
mod totals;

use serde::{Deserialize, Serialize};

use crate::code_enum;
use crate::error::{Error, Reason, Result};

pub use credits::{
    add_entries, add_entry, credits, delete_entry, CreditEntry, CreditQuery, EntryInput,
};
pub use progress::{exempt, lift_exemption, report, CategoryHours, MemberProgress, StudyReport};
pub use rules::{AccrualRule, AccrualRuleSet, MemberTarget, TargetRuleSet};
pub use self_check::{MemberStatement, SelfCheckMode, Throttle};
pub use totals::{totals, CategoryTotal};

code_enum!(
    /// Where study hours come from (the branch may add its own categories by name).
    StudyCategory {
        Concentrated = "concentrated_study" / "集中学习",
        PartyLecture = "party_lecture" / "党课",
        BranchStudy = "branch_study" / "支部学习",
        XuexiQiangguo = "xuexi_qiangguo" / "学习强国",
        CadreOnline = "cadre_online_academy" / "干部网络学院",
        TrainingCourse = "training_course" / "培训班",
        StudyTrip = "study_trip" / "外出学习",
        SelfStudy = "self_study" / "自学",
    }
);

code_enum!(
    /// How an entry came into the credits.
    EntrySource {
        Attendance = "attendance" / "会议出席",
        Activity = "activity" / "活动参加",
        Manual = "manual" / "手工录入",
        Import = "import" / "导入",
    }
);

/// A category as stored: the code of a known one, else the branch's own name as typed.
/// Refuses an empty name and one over 20 characters.
pub fn category_code(text: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::validation("category", Reason::Required));
    }
    if text.chars().count() > crate::limits::STUDY_CATEGORY_NAME {
        return Err(Error::validation("category", Reason::TooLong));
    }
    Ok(text
        .parse::<StudyCategory>()
        .map_or_else(|_| text.to_string(), |c| c.code().to_string()))
}

/// The Chinese name of a stored category.
pub fn category_label(code: &str) -> String {
    code.parse::<StudyCategory>()
        .map_or_else(|_| code.to_string(), |c| c.label().to_string())
}

/// Study hours kept as whole half hours, so sums stay exact.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct HalfHours(pub u32);

/// The hours of a 学时 entry: whole half hours up to [`crate::limits::ENTRY_HOURS_MAX`]; only a
/// correction (`replaces_credit`) may set a credit to nothing, an entry is at least half an hour.
pub fn entry_hours(hours: f64, correction: bool) -> Result<HalfHours> {
    let hours = HalfHours::from_hours("hours", hours, 0, crate::limits::ENTRY_HOURS_MAX)?;
    if hours.0 == 0 && !correction {
        return Err(Error::validation("hours", Reason::HoursMinimum));
    }
    Ok(hours)
}

impl HalfHours {
    /// `hours` as half hours, refused unless a whole number of half hours within
    /// `min..=max` hours.
    pub fn from_hours(field: &'static str, hours: f64, min: u32, max: u32) -> Result<HalfHours> {
        let halves = hours * 2.0;
        if !hours.is_finite() || (halves - halves.round()).abs() > 1e-9 {
            return Err(Error::validation(field, Reason::HalfHours));
        }
        if hours < f64::from(min) || hours > f64::from(max) {
            return Err(Error::validation(field, Reason::HoursOutOfRange));
        }
        Ok(HalfHours(halves.round() as u32))
    }

    /// `hours` to the nearest half hour, for figures already checked.
    pub fn rounded(hours: f64) -> HalfHours {
        HalfHours((hours.max(0.0) * 2.0).round() as u32)
    }

    pub fn hours(self) -> f64 {
        f64::from(self.0) / 2.0
    }
}

impl std::ops::Add for HalfHours {
    type Output = HalfHours;
    fn add(self, other: HalfHours) -> HalfHours {
        HalfHours(self.0 + other.0)
    }
}

impl std::ops::AddAssign for HalfHours {
    fn add_assign(&mut self, other: HalfHours) {
        self.0 += other.0;
    }
}

impl std::iter::Sum for HalfHours {
    fn sum<I: Iterator<Item = HalfHours>>(iter: I) -> HalfHours {
        HalfHours(iter.map(|h| h.0).sum())
    }
}

/// Hours as text: "2", "1.5".
pub fn hours_text(h: HalfHours) -> String {
    if h.0.is_multiple_of(2) {
        format!("{}", h.0 / 2)
    } else {
        format!("{}.5", h.0 / 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_whole_half_hours_in_range() {
        assert_eq!(
            HalfHours::from_hours("hours", 1.5, 0, 24).unwrap(),
            HalfHours(3)
        );
        assert_eq!(
            HalfHours::from_hours("hours", 0.0, 0, 24).unwrap(),
            HalfHours(0)
        );
        let err = HalfHours::from_hours("hours", 1.3, 0, 24).unwrap_err();
        assert_eq!(err.reason(), Some(Reason::HalfHours));
        let err = HalfHours::from_hours("hours", 0.0, 1, 24).unwrap_err();
        assert_eq!(err.reason(), Some(Reason::HoursOutOfRange));
        assert!(HalfHours::from_hours("hours", 24.5, 0, 24).is_err());
        assert!(HalfHours::from_hours("hours", f64::NAN, 0, 24).is_err());
        assert_eq!(hours_text(HalfHours(3)), "1.5");
        assert_eq!(hours_text(HalfHours(64)), "32");
    }

    #[test]
    fn categories_are_codes_or_the_branch_s_own() {
        assert_eq!(category_code("学习强国").unwrap(), "xuexi_qiangguo");
        assert_eq!(category_code(" xuexi_qiangguo ").unwrap(), "xuexi_qiangguo");
        assert_eq!(category_code("青年理论小组").unwrap(), "青年理论小组");
        assert_eq!(category_label("cadre_online_academy"), "干部网络学院");
        assert_eq!(category_label("青年理论小组"), "青年理论小组");
        assert!(category_code("  ").is_err());
        assert!(category_code(&"长".repeat(21)).is_err());
    }
}
