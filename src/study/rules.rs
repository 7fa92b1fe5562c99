//! The rules of the study-hour credits, as versioned data: how many hours an attended session or
//! activity credits (accrual), and each year's targets. Pure: no database, "today" passed in.

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{category_code, HalfHours, StudyCategory};
use crate::activities::ActivityKind;
use crate::code_enum;
use crate::error::{Error, Reason, Result};
use crate::rule_sets::{Dated, RuleSet};
use crate::sessions::Obligation;

code_enum!(
    /// What an accrual rule credits for.
    AccrualOn {
        Session = "session" / "会议",
        Activity = "activity" / "活动",
    }
);

code_enum!(
    /// How an accrual rule counts the hours. `duration`: the session's length from its start
    /// and end time, rounded to the half hour, or the rule's hours when no times were recorded;
    /// `fixed`: the rule's hours whatever the length (a half-day lecture 4, a full-day
    /// training 8); `per_day`: the rule's hours for each day (外出学习 of several days).
    CreditMode {
        Duration = "duration" / "按实际时长",
        Fixed = "fixed" / "固定学时",
        PerDay = "per_day" / "按天计",
    }
);

/// How many hours attending one kind of session or activity credits, and under which category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AccrualRule {
    pub on: AccrualOn,
    /// A session kind (an obligation code or a branch's own kind) or an activity kind code.
    pub kind: String,
    pub mode: CreditMode,
    /// Fixed hours, hours per day, or the fallback when a session has no recorded times.
    pub hours: f64,
    /// A category code or the branch's own category.
    pub category: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AccrualRuleSet {
    pub version: String,
    pub effective_from: NaiveDate,
    pub rules: Vec<AccrualRule>,
}

/// The date the defaults are in force from: the 党员教育管理工作条例 of 2019.
fn defaults_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2019, 5, 6).expect("valid date")
}

impl RuleSet for AccrualRuleSet {
    const AREA: &'static str = "study_accrual";
    const FIELD: &'static str = "rules";

    /// The defaults from DOMAIN.md: sessions credit their length (with a typical length when
    /// no times were recorded), a study trip 8 hours a day. 谈心谈话 and volunteer service
    /// are not study and credit nothing.
    fn defaults() -> Self {
        use CreditMode::*;
        let session = |o: Obligation, mode, hours, category: StudyCategory| AccrualRule {
            on: AccrualOn::Session,
            kind: o.code().into(),
            mode,
            hours,
            category: category.code().into(),
        };
        let activity = |k: ActivityKind, mode, hours, category: StudyCategory| AccrualRule {
            on: AccrualOn::Activity,
            kind: k.code().into(),
            mode,
            hours,
            category: category.code().into(),
        };
        AccrualRuleSet {
            version: "党员教育管理工作条例2019".into(),
            effective_from: defaults_from(),
            rules: vec![
                session(
                    Obligation::PartyLecture,
                    Duration,
                    2.0,
                    StudyCategory::PartyLecture,
                ),
                session(
                    Obligation::SecretaryLecture,
                    Duration,
                    2.0,
                    StudyCategory::PartyLecture,
                ),
                session(
                    Obligation::GeneralMeeting,
                    Duration,
                    2.0,
                    StudyCategory::Concentrated,
                ),
                session(
                    Obligation::ThemeDay,
                    Duration,
                    2.0,
                    StudyCategory::Concentrated,
                ),
                session(
                    Obligation::OrgLifeMeeting,
                    Duration,
                    3.0,
                    StudyCategory::Concentrated,
                ),
                session(
                    Obligation::DemocraticAppraisal,
                    Duration,
                    2.0,
                    StudyCategory::Concentrated,
                ),
                session(
                    Obligation::CommitteeMeeting,
                    Duration,
                    1.0,
                    StudyCategory::BranchStudy,
                ),
                session(
                    Obligation::GroupMeeting,
                    Duration,
                    1.5,
                    StudyCategory::BranchStudy,
                ),
                activity(
                    ActivityKind::LectureSeries,
                    Duration,
                    2.0,
                    StudyCategory::Concentrated,
                ),
                activity(
                    ActivityKind::ReadingSalon,
                    Duration,
                    2.0,
                    StudyCategory::BranchStudy,
                ),
                activity(
                    ActivityKind::ClassicsRecital,
                    Duration,
                    1.0,
                    StudyCategory::BranchStudy,
                ),
                activity(
                    ActivityKind::StudyTrip,
                    PerDay,
                    8.0,
                    StudyCategory::StudyTrip,
                ),
            ],
        }
    }

    fn version(&self) -> &str {
        &self.version
    }

    /// Refuses hours that are negative, not whole half hours, or over a day, and a kind
    /// listed twice.
    fn validate(&self) -> Result<()> {
        let mut seen = Vec::new();
        for r in &self.rules {
            HalfHours::from_hours("hours", r.hours, 0, crate::limits::ACCRUAL_HOURS_MAX)?;
            if r.kind.trim().is_empty() || r.category.trim().is_empty() {
                return Err(Error::validation("rules", Reason::Required));
            }
            let key = (r.on, r.kind.trim());
            if seen.contains(&key) {
                return Err(Error::validation("rules", Reason::InvalidValue));
            }
            seen.push(key);
        }
        Ok(())
    }
}

impl Dated for AccrualRuleSet {
    fn effective_from(&self) -> NaiveDate {
        self.effective_from
    }
}

impl AccrualRuleSet {
    fn rule(&self, on: AccrualOn, kind: &str) -> Option<&AccrualRule> {
        self.rules.iter().find(|r| r.on == on && r.kind == kind)
    }
}

/// Minutes rounded to the nearest half hour; a quarter hour rounds up.
pub fn round_to_half_hour(minutes: i64) -> HalfHours {
    HalfHours(((minutes.max(0) + 15) / 30) as u32)
}

/// What attending credits, before any manual correction.
#[derive(Debug, Clone, PartialEq)]
pub struct Credit {
    pub half_hours: HalfHours,
    pub category: String,
}

/// What a session of these kinds (its own kind, then what else it counts for) credits: the
/// most any of its kinds' rules gives, so a 主题党日 held with a 党课 is credited once.
pub fn session_credit(
    rules: &AccrualRuleSet,
    kinds: &[&str],
    start: Option<NaiveTime>,
    end: Option<NaiveTime>,
) -> Option<Credit> {
    let length = match (start, end) {
        (Some(s), Some(e)) if e > s => Some(round_to_half_hour((e - s).num_minutes())),
        _ => None,
    };
    kinds
        .iter()
        .filter_map(|k| rules.rule(AccrualOn::Session, k))
        .map(|r| credit_of(r, length, None))
        .max_by_key(|c| c.half_hours)
}

/// What an activity of `kind` credits, from its times or its length in days.
pub fn activity_credit(
    rules: &AccrualRuleSet,
    kind: ActivityKind,
    start: Option<NaiveTime>,
    end: Option<NaiveTime>,
    days: Option<u32>,
) -> Option<Credit> {
    let length = match (start, end) {
        (Some(s), Some(e)) if e > s => Some(round_to_half_hour((e - s).num_minutes())),
        _ => None,
    };
    rules
        .rule(AccrualOn::Activity, kind.code())
        .map(|r| credit_of(r, length, days))
}

fn credit_of(rule: &AccrualRule, length: Option<HalfHours>, days: Option<u32>) -> Credit {
    let hours = HalfHours::rounded(rule.hours);
    let half_hours = match rule.mode {
        CreditMode::Fixed => hours,
        CreditMode::Duration => length.unwrap_or(hours),
        CreditMode::PerDay => HalfHours(hours.0 * days.unwrap_or(1).max(1)),
    };
    Credit {
        half_hours,
        category: rule.category.clone(),
    }
}

/// A member's own target, set apart from the role's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberTarget {
    pub member_id: String,
    pub hours: f64,
}

/// The categories that count toward the target by default (DOMAIN.md): organised study and
/// training — meetings, 党课, 培训班, 外出学习 and the 干部网络学院's courses. 学习强国 and
/// 自学 are recorded and shown beside the target, not counted.
pub fn default_counted_categories() -> Vec<String> {
    [
        StudyCategory::Concentrated,
        StudyCategory::PartyLecture,
        StudyCategory::BranchStudy,
        StudyCategory::CadreOnline,
        StudyCategory::TrainingCourse,
        StudyCategory::StudyTrip,
    ]
    .iter()
    .map(|c| c.code().to_string())
    .collect()
}

/// The yearly targets in force from a date: the role targets of DOMAIN.md, a branch-wide
/// figure (永川高新区: 50 per person), targets for single members and which categories count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetRuleSet {
    pub version: String,
    pub effective_from: NaiveDate,
    /// Every 党员 (教育管理条例 第二十条: 32).
    pub member: f64,
    /// The secretary and committee members (56).
    pub committee: f64,
    /// The branch's own figure for everyone; a role target above it still applies.
    pub branch_wide: Option<f64>,
    pub per_member: Vec<MemberTarget>,
    /// The categories (codes, or the branch's own names) whose hours count toward the target;
    /// hours of the others are recorded and shown beside it. A set stored before this field
    /// existed reads the defaults.
    #[serde(default = "default_counted_categories")]
    pub counted_categories: Vec<String>,
}

impl RuleSet for TargetRuleSet {
    const AREA: &'static str = "study_targets";
    const FIELD: &'static str = "rules";

    fn defaults() -> Self {
        TargetRuleSet {
            version: "党员教育管理工作条例2019".into(),
            effective_from: defaults_from(),
            member: 32.0,
            committee: 56.0,
            branch_wide: None,
            per_member: Vec::new(),
            counted_categories: default_counted_categories(),
        }
    }

    fn version(&self) -> &str {
        &self.version
    }

    fn validate(&self) -> Result<()> {
        HalfHours::from_hours("member", self.member, 1, crate::limits::TARGET_HOURS_MAX)?;
        HalfHours::from_hours(
            "committee",
            self.committee,
            1,
            crate::limits::TARGET_HOURS_MAX,
        )?;
        if let Some(h) = self.branch_wide {
            HalfHours::from_hours("branch_wide", h, 1, crate::limits::TARGET_HOURS_MAX)?;
        }
        for t in &self.per_member {
            HalfHours::from_hours("hours", t.hours, 1, crate::limits::TARGET_HOURS_MAX)?;
        }
        let mut seen = Vec::new();
        for c in &self.counted_categories {
            // Stored as `category_code` stores an entry's category, so the two compare equal.
            if category_code(c)? != *c || seen.contains(&c) {
                return Err(Error::validation("category", Reason::InvalidValue));
            }
            seen.push(c);
        }
        Ok(())
    }
}

impl Dated for TargetRuleSet {
    fn effective_from(&self) -> NaiveDate {
        self.effective_from
    }
}

impl TargetRuleSet {
    /// The targets a year is judged by: those in force on its last day.
    pub fn for_year(sets: &[TargetRuleSet], year: i32) -> TargetRuleSet {
        TargetRuleSet::in_force(sets, year_end(year))
    }

    /// Whether hours of `category` count toward the target.
    pub fn counts(&self, category: &str) -> bool {
        self.counted_categories.iter().any(|c| c == category)
    }

    /// A member's target and pace for `year` from the days they were a 党员 on the roster:
    /// each day weighs the yearly target of the member's role that day (their own target
    /// first) ÷ the days in the year, so a member from 1 July has about half of 32 and a
    /// committee member for half the year half of 56 plus half of 32. The target is rounded
    /// to the half hour here, and only here; a whole year off or on the committee gives the
    /// role's target exactly.
    pub fn prorated(
        &self,
        member_id: &str,
        year: i32,
        whole: RosterDays,
        so_far: RosterDays,
    ) -> ProratedTarget {
        let member = self.target_for(member_id, false).hours();
        let committee = self.target_for(member_id, true).hours();
        let weight =
            |d: RosterDays| member * f64::from(d.member) + committee * f64::from(d.committee);
        let days = f64::from(days_in_year(year));
        let target = HalfHours::rounded(weight(whole) / days);
        let expected = if weight(whole) > 0.0 {
            target.hours() * weight(so_far).min(weight(whole)) / weight(whole)
        } else {
            0.0
        };
        ProratedTarget {
            target,
            expected,
            prorated: whole.total() < days_in_year(year)
                || (whole.member > 0 && whole.committee > 0 && member != committee),
        }
    }
}

/// The days of a year (or of its part up to a day) a member was a 党员 on the roster: off the
/// committee and on it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RosterDays {
    pub member: u32,
    pub committee: u32,
}

impl RosterDays {
    pub fn total(self) -> u32 {
        self.member + self.committee
    }
}

/// A member's target for a year and the pace expected by the day judged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProratedTarget {
    pub target: HalfHours,
    /// What an even pace over the member's days on the roster reaches by the day judged
    /// (the whole target once the year is over).
    pub expected: f64,
    /// Less than the role's yearly target because of the days: joined, left or changed role
    /// during the year.
    pub prorated: bool,
}

/// 365, or 366 in a leap year.
pub fn days_in_year(year: i32) -> u32 {
    year_end(year).ordinal()
}

impl TargetRuleSet {
    /// The target of a member on the committee or not: a single member's own target first,
    /// else the higher of the role target and the branch-wide figure.
    pub fn target_for(&self, member_id: &str, on_committee: bool) -> HalfHours {
        if let Some(t) = self.per_member.iter().find(|t| t.member_id == member_id) {
            return HalfHours::rounded(t.hours);
        }
        let role = if on_committee {
            self.committee
        } else {
            self.member
        };
        HalfHours::rounded(role.max(self.branch_wide.unwrap_or(0.0)))
    }
}

/// The last day of `year`: the day a year's targets are taken from.
pub fn year_end(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).expect("valid year")
}

/// The days of `year` up to and including `as_of`: none before it starts, all once it is over.
pub fn days_gone(year: i32, as_of: NaiveDate) -> u32 {
    match as_of.year().cmp(&year) {
        std::cmp::Ordering::Less => 0,
        std::cmp::Ordering::Equal => as_of.ordinal(),
        std::cmp::Ordering::Greater => days_in_year(year),
    }
}

/// The year of `as_of`, or `year` when given.
pub fn year_of(year: Option<i32>, as_of: NaiveDate) -> i32 {
    year.unwrap_or(as_of.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn t(s: &str) -> Option<NaiveTime> {
        Some(NaiveTime::parse_from_str(s, "%H:%M").unwrap())
    }

    #[test]
    fn half_hour_rounding_at_its_edges() {
        assert_eq!(round_to_half_hour(0), HalfHours(0));
        assert_eq!(round_to_half_hour(14), HalfHours(0));
        assert_eq!(round_to_half_hour(15), HalfHours(1));
        assert_eq!(round_to_half_hour(44), HalfHours(1));
        assert_eq!(round_to_half_hour(45), HalfHours(2));
        assert_eq!(round_to_half_hour(100), HalfHours(3)); // 1 h 40 → 1.5 h
        assert_eq!(round_to_half_hour(105), HalfHours(4)); // 1 h 45 → 2 h
        assert_eq!(round_to_half_hour(-30), HalfHours(0));
    }

    #[test]
    fn a_session_credits_its_length_or_the_rule_s_hours() {
        let rules = AccrualRuleSet::defaults();
        let lecture = session_credit(&rules, &["party_lecture"], t("14:30"), t("16:10")).unwrap();
        assert_eq!(lecture.half_hours, HalfHours(3));
        assert_eq!(lecture.category, "party_lecture");
        let untimed = session_credit(&rules, &["party_lecture"], None, None).unwrap();
        assert_eq!(untimed.half_hours, HalfHours(4));
        // End before start: the times are ignored, the rule's hours count.
        let odd = session_credit(&rules, &["party_lecture"], t("16:00"), t("15:00")).unwrap();
        assert_eq!(odd.half_hours, HalfHours(4));
    }

    #[test]
    fn a_session_that_counts_twice_is_credited_once_by_its_best_rule() {
        let mut rules = AccrualRuleSet::defaults();
        rules.rules.push(AccrualRule {
            on: AccrualOn::Session,
            kind: "青年理论学习小组".into(),
            mode: CreditMode::Fixed,
            hours: 4.0,
            category: "自定学习".into(),
        });
        let both = session_credit(&rules, &["theme_day", "party_lecture"], None, None).unwrap();
        assert_eq!(both.half_hours, HalfHours(4));
        let own = session_credit(&rules, &["青年理论学习小组"], t("09:00"), t("09:30")).unwrap();
        assert_eq!(
            (own.half_hours, own.category.as_str()),
            (HalfHours(8), "自定学习")
        );
        assert_eq!(
            session_credit(&rules, &["heart_to_heart_talk"], None, None),
            None
        );
    }

    #[test]
    fn a_study_trip_credits_eight_hours_a_day_and_volunteering_nothing() {
        let rules = AccrualRuleSet::defaults();
        let trip = activity_credit(&rules, ActivityKind::StudyTrip, None, None, Some(3)).unwrap();
        assert_eq!(trip.half_hours, HalfHours(48));
        let day = activity_credit(&rules, ActivityKind::StudyTrip, None, None, None).unwrap();
        assert_eq!(day.half_hours, HalfHours(16));
        assert_eq!(
            activity_credit(&rules, ActivityKind::VolunteerService, None, None, None),
            None
        );
    }

    #[test]
    fn targets_by_role_branch_figure_and_member() {
        let mut set = TargetRuleSet::defaults();
        assert_eq!(set.target_for("m1", false), HalfHours(64));
        assert_eq!(set.target_for("m1", true), HalfHours(112));
        set.branch_wide = Some(50.0);
        assert_eq!(set.target_for("m1", false), HalfHours(100));
        assert_eq!(
            set.target_for("m1", true),
            HalfHours(112),
            "56 stays above 50"
        );
        set.per_member.push(MemberTarget {
            member_id: "m1".into(),
            hours: 20.0,
        });
        assert_eq!(set.target_for("m1", true), HalfHours(40));
        assert_eq!(set.target_for("m2", false), HalfHours(100));
    }

    #[test]
    fn rule_sets_refuse_bad_hours() {
        let mut set = TargetRuleSet::defaults();
        set.member = 32.3;
        assert_eq!(set.validate().unwrap_err().field(), Some("member"));
        let mut accrual = AccrualRuleSet::defaults();
        accrual.rules[0].hours = -1.0;
        assert!(accrual.validate().is_err());
        let mut twice = AccrualRuleSet::defaults();
        twice.rules.push(twice.rules[0].clone());
        assert!(twice.validate().is_err());
        assert!(AccrualRuleSet::defaults().validate().is_ok());
    }

    /// A member on the roster off the committee from `from` to the year's end.
    fn member_from(from: &str) -> RosterDays {
        let from = d(from);
        RosterDays {
            member: days_in_year(from.year()) - from.ordinal() + 1,
            committee: 0,
        }
    }

    fn days(member: u32, committee: u32) -> RosterDays {
        RosterDays { member, committee }
    }

    #[test]
    fn the_pace_expected_by_a_day() {
        let set = TargetRuleSet::defaults();
        let pace = |year: i32, as_of: &str| {
            let whole = days(days_in_year(year), 0);
            let so_far = days(days_gone(year, d(as_of)), 0);
            set.prorated("m1", year, whole, so_far).expected
        };
        assert_eq!(pace(2026, "2025-12-31"), 0.0);
        assert!((pace(2026, "2026-07-02") - 32.0 * 183.0 / 365.0).abs() < 1e-9);
        assert_eq!(pace(2026, "2026-12-31"), 32.0);
        assert_eq!(pace(2026, "2027-03-01"), 32.0);
        // A leap year has 366 days.
        assert_eq!(pace(2028, "2028-12-31"), 32.0);
        assert!((pace(2028, "2028-12-30") - 32.0 * 365.0 / 366.0).abs() < 1e-9);
    }

    #[test]
    fn a_target_is_prorated_by_the_days_on_the_roster_and_rounded_once() {
        let set = TargetRuleSet::defaults();
        let target = |whole: RosterDays, year: i32| set.prorated("m1", year, whole, whole);
        // Joining on 1 January is the whole year: the role's target, not prorated.
        let jan = target(member_from("2026-01-01"), 2026);
        assert_eq!((jan.target, jan.prorated), (HalfHours(64), false));
        // From 1 July: 32 × 184/365 = 16.13 → 16.
        let jul = target(member_from("2026-07-01"), 2026);
        assert_eq!((jul.target, jul.prorated), (HalfHours(32), true));
        // From 31 December: 32/365 = 0.09 → 0.
        assert_eq!(target(member_from("2026-12-31"), 2026).target, HalfHours(0));
        // A leap year: 32 × 184/366 = 16.09 → 16; 29 February counts as a day.
        assert_eq!(member_from("2028-07-01").member, 184);
        assert_eq!(member_from("2028-02-29").member, 307);
        assert_eq!(
            target(member_from("2028-07-01"), 2028).target,
            HalfHours(32)
        );
        // 32 × 307/366 = 26.84 → 27 (half hours to the nearest).
        assert_eq!(
            target(member_from("2028-02-29"), 2028).target,
            HalfHours(54)
        );
        // On the committee until 1 July (181 days), then a member (184): 56 × 181/365 +
        // 32 × 184/365 = 27.77 + 16.13 = 43.90 → 44.
        let half = target(days(184, 181), 2026);
        assert_eq!((half.target, half.prorated), (HalfHours(88), true));
        // A whole year on the committee: 56.
        assert_eq!(target(days(0, 365), 2026).target, HalfHours(112));
        // A branch figure of 50 lifts the member's days, not the committee's 56.
        let fifty = TargetRuleSet {
            branch_wide: Some(50.0),
            ..TargetRuleSet::defaults()
        };
        let t = fifty.prorated("m1", 2026, days(184, 181), days(184, 181));
        // 56 × 181/365 + 50 × 184/365 = 27.77 + 25.21 = 52.98 → 53.
        assert_eq!(t.target, HalfHours(106));
    }

    #[test]
    fn the_pace_of_a_member_who_joined_runs_over_their_own_days() {
        let set = TargetRuleSet::defaults();
        // From 1 July, judged on 31 July: 31 of 184 days gone of a 16-hour target.
        let p = set.prorated("m1", 2026, days(184, 0), days(31, 0));
        assert!((p.expected - 16.0 * 31.0 / 184.0).abs() < 1e-9);
        // Nobody on the roster: no target and no pace.
        let none = set.prorated("m1", 2026, days(0, 0), days(0, 0));
        assert_eq!((none.target, none.expected), (HalfHours(0), 0.0));
    }

    #[test]
    fn organised_study_counts_and_self_study_is_shown_beside() {
        let set = TargetRuleSet::defaults();
        for c in [
            "concentrated_study",
            "party_lecture",
            "branch_study",
            "cadre_online_academy",
            "training_course",
            "study_trip",
        ] {
            assert!(set.counts(c), "{c}");
        }
        for c in ["xuexi_qiangguo", "self_study", "青年理论小组"] {
            assert!(!set.counts(c), "{c}");
        }
        let mut own = set.clone();
        own.counted_categories.push("青年理论小组".into());
        own.counted_categories.retain(|c| c != "study_trip");
        assert!(own.validate().is_ok());
        assert!(own.counts("青年理论小组") && !own.counts("study_trip"));
        // Labels are refused: a set stores codes, as entries do.
        let mut label = set.clone();
        label.counted_categories.push("学习强国".into());
        assert_eq!(label.validate().unwrap_err().field(), Some("category"));
        let mut twice = set.clone();
        twice.counted_categories.push("party_lecture".into());
        assert!(twice.validate().is_err());
    }

    #[test]
    fn a_target_set_stored_before_counted_categories_reads_the_defaults() {
        let old = r#"{"version":"2024年起支部统一50学时","effective_from":"2024-01-01",
            "member":32.0,"committee":56.0,"branch_wide":50.0,"per_member":[]}"#;
        let set: TargetRuleSet = serde_json::from_str(old).unwrap();
        assert_eq!(set.branch_wide, Some(50.0));
        assert_eq!(set.counted_categories, default_counted_categories());
        // Saved again, the field is written out and read back as saved.
        let none = TargetRuleSet {
            counted_categories: Vec::new(),
            ..set
        };
        let back: TargetRuleSet =
            serde_json::from_str(&serde_json::to_string(&none).unwrap()).unwrap();
        assert!(back.counted_categories.is_empty());
    }
}
