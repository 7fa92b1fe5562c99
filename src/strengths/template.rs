//! The 四强 checklist as data: a template of items, each under one strength, either measured
//! from the records against a threshold or attested by the secretary with evidence; and the
//! pure scoring of a year's results. The default template ships as `default_template.json`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::attest::Attestation;
use crate::activities::{ActivityKind, ParticipantRole};
use crate::code_enum;
use crate::error::{Error, Reason, Result};
use crate::sessions::Obligation;

code_enum!(
    /// The four strengths.
    Strength {
        Political = "political" / "政治功能强",
        Leadership = "leadership" / "支部班子强",
        Membership = "membership" / "党员队伍强",
        Impact = "impact" / "作用发挥强",
    }
);

code_enum!(
    /// How an item is judged: computed from the records, or ticked with evidence.
    ItemKind {
        Measured = "measured" / "数据测算",
        Attested = "attested" / "佐证确认",
    }
);

/// What a measured item computes from the records, as of a day in the year. Every metric is
/// "higher is better": the item is met when the value reaches the threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Metric {
    /// Share (0–1) of the obligation's periods so far that were met (closed periods, and the
    /// open one once met).
    ObligationMetShare { obligation: Obligation },
    /// 1 when each of these yearly obligations was held, else 0.
    ObligationsHeld { obligations: Vec<Obligation> },
    /// Share of the year's 支委会 that began with 第一议题.
    FirstTopicShare,
    /// Share of the members with a study-hour target who are on pace.
    StudyOnPaceShare,
    /// How many activities of this kind (and series, if given) the year has had.
    ActivityCount {
        activity: ActivityKind,
        #[serde(default)]
        series: Option<String>,
    },
    /// 1 when a secretary and at least `min_members` committee members serve and the term has
    /// not run out, else 0.
    CommitteeInTerm { min_members: u32 },
    /// Share of the branch's own service indicators at their target.
    IndicatorsOnTarget,
    /// How many honours the branch and its members received in the year.
    HonourCount,
    /// How many members took part in activities of this kind in this role in the year (e.g.
    /// cadres sent, 选派, to 外出学习), each member once.
    ParticipantCount {
        activity: ActivityKind,
        role: ParticipantRole,
    },
}

code_enum!(
    /// A branch setting a measured item takes its threshold from, instead of the template:
    /// a figure without a general source is the branch's own.
    BranchFigure {
        LectureSeriesTarget = "lecture_series_target" / "讲堂年度期数",
    }
);

code_enum!(
    /// How a measured value reads: a share shown as a percentage, a count, or yes/no.
    ValueFormat {
        Share = "share" / "比例",
        Count = "count" / "次数",
        Flag = "flag" / "是否",
    }
);

impl Metric {
    pub fn value_format(&self) -> ValueFormat {
        match self {
            Metric::ObligationMetShare { .. }
            | Metric::FirstTopicShare
            | Metric::StudyOnPaceShare
            | Metric::IndicatorsOnTarget => ValueFormat::Share,
            Metric::ActivityCount { .. }
            | Metric::HonourCount
            | Metric::ParticipantCount { .. } => ValueFormat::Count,
            Metric::ObligationsHeld { .. } | Metric::CommitteeInTerm { .. } => ValueFormat::Flag,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StrengthDef {
    pub key: Strength,
    pub title: String,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemDef {
    /// Stable within the template; attestations refer to it.
    pub id: String,
    pub strength: Strength,
    pub title: String,
    pub kind: ItemKind,
    #[serde(default)]
    pub metric: Option<Metric>,
    #[serde(default)]
    pub threshold: Option<f64>,
    pub weight: f64,
    /// The page where a missing item is put right (sessions, study, activities, settings, ...).
    #[serde(default)]
    pub fix: Option<String>,
    /// The branch setting that replaces `threshold` (the branch's own figure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub branch_threshold: Option<BranchFigure>,
    /// About the 支部委员会: not applicable (不适用) while the branch needs no committee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub committee_only: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub version: String,
    pub strengths: Vec<StrengthDef>,
    pub items: Vec<ItemDef>,
}

/// A weight is a finite number, zero or more.
fn valid_weight(w: f64) -> bool {
    w.is_finite() && w >= 0.0
}

impl Template {
    /// The template shipped with the app, built from DOMAIN.md and the seed pages.
    pub fn default_template() -> Template {
        serde_json::from_str(include_str!("default_template.json"))
            .expect("the shipped template parses")
    }

    /// Refuses a template a year could not be judged by: a strength missing or twice, an item
    /// id twice, a measured item without metric or threshold, a negative weight.
    pub fn validate(&self) -> Result<()> {
        let bad = |field| Err(Error::validation(field, Reason::InvalidValue));
        for s in Strength::ALL {
            if self.strengths.iter().filter(|d| d.key == *s).count() != 1 {
                return bad("strengths");
            }
        }
        if !self.strengths.iter().all(|s| valid_weight(s.weight)) {
            return bad("strengths");
        }
        let mut ids = Vec::new();
        for item in &self.items {
            if item.id.trim().is_empty() || item.title.trim().is_empty() || ids.contains(&&item.id)
            {
                return bad("items");
            }
            ids.push(&item.id);
            if !valid_weight(item.weight) {
                return bad("items");
            }
            if item.kind == ItemKind::Measured {
                let (Some(metric), Some(t)) = (&item.metric, item.threshold) else {
                    return bad("items");
                };
                // A threshold the metric can reach: shares 0–1, counts from 0, flags 0 or 1.
                let reachable = t.is_finite()
                    && match metric.value_format() {
                        ValueFormat::Share => (0.0..=1.0).contains(&t),
                        ValueFormat::Count => t >= 0.0,
                        ValueFormat::Flag => t == 0.0 || t == 1.0,
                    };
                if !reachable {
                    return bad("items");
                }
            }
        }
        if self.name.trim().is_empty() || self.name.chars().count() > crate::limits::TEMPLATE_NAME {
            return bad("template");
        }
        if self.version.trim().is_empty()
            || self.version.chars().count() > crate::limits::RULE_SET_VERSION
        {
            return Err(Error::validation("version", Reason::InvalidValue));
        }
        Ok(())
    }
}

/// How one item stands.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ItemResult {
    pub id: String,
    pub title: String,
    pub kind: ItemKind,
    pub met: bool,
    /// False when the item does not apply to the branch (不适用: e.g. the 支委会 items of a
    /// branch under seven 正式党员 without a committee); it then counts in no score.
    pub applicable: bool,
    /// The measured value (none for an attested item).
    pub value: Option<f64>,
    pub threshold: Option<f64>,
    /// How `value` and `threshold` read (none for an attested item).
    pub format: Option<ValueFormat>,
    pub weight: f64,
    pub fix: Option<String>,
    /// The secretary's attestation of an attested item, with its evidence.
    pub attestation: Option<Attestation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StrengthResult {
    pub key: Strength,
    pub title: String,
    /// Weighted share of the applicable items met, 0–1.
    pub score: f64,
    pub met: u32,
    /// Applicable items.
    pub total: u32,
    pub items: Vec<ItemResult>,
}

/// What the records say of an item: a measured value, or whether it was attested.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Finding {
    Measured(f64),
    Attested(bool),
    /// The item does not apply: left out of the score's denominator.
    NotApplicable,
    /// The item measures figures the branch has not defined (未设置): not met, and no value
    /// to show, rather than a measured 0.
    Unset,
}

/// Scores every strength from the findings of each item; returns the strengths and the
/// overall score (the strengths' scores weighted by their weights).
pub fn score(
    template: &Template,
    finding: impl Fn(&ItemDef) -> Finding,
) -> (Vec<StrengthResult>, f64) {
    let strengths: Vec<StrengthResult> = template
        .strengths
        .iter()
        .map(|s| {
            let items: Vec<ItemResult> = template
                .items
                .iter()
                .filter(|i| i.strength == s.key)
                .map(|i| {
                    let (met, value, applicable) = match finding(i) {
                        Finding::Measured(v) => {
                            (v >= i.threshold.unwrap_or(f64::INFINITY), Some(v), true)
                        }
                        Finding::Attested(met) => (met, None, true),
                        Finding::NotApplicable => (false, None, false),
                        Finding::Unset => (false, None, true),
                    };
                    ItemResult {
                        id: i.id.clone(),
                        title: i.title.clone(),
                        kind: i.kind,
                        met,
                        applicable,
                        value,
                        threshold: i.threshold,
                        format: i.metric.as_ref().map(Metric::value_format),
                        weight: i.weight,
                        fix: i.fix.clone(),
                        attestation: None,
                    }
                })
                .collect();
            let total_weight: f64 = items
                .iter()
                .filter(|i| i.applicable)
                .map(|i| i.weight)
                .sum();
            let met_weight: f64 = items.iter().filter(|i| i.met).map(|i| i.weight).sum();
            StrengthResult {
                key: s.key,
                title: s.title.clone(),
                score: if total_weight > 0.0 {
                    met_weight / total_weight
                } else {
                    0.0
                },
                met: items.iter().filter(|i| i.met).count() as u32,
                total: items.iter().filter(|i| i.applicable).count() as u32,
                items,
            }
        })
        .collect();
    // A strength none of whose items applies leaves the overall score as its items do.
    let judged = || {
        template
            .strengths
            .iter()
            .zip(&strengths)
            .filter(|(_, r)| r.total > 0)
    };
    let weights: f64 = judged().map(|(d, _)| d.weight).sum();
    let overall = if weights > 0.0 {
        judged().map(|(d, r)| d.weight * r.score).sum::<f64>() / weights
    } else {
        0.0
    };
    (strengths, overall)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_template_is_valid_and_covers_all_four() {
        let t = Template::default_template();
        t.validate().unwrap();
        for s in Strength::ALL {
            assert!(
                t.items.iter().any(|i| i.strength == *s),
                "{s:?} has no item"
            );
        }
        assert!(t.items.iter().any(|i| i.kind == ItemKind::Attested));
    }

    #[test]
    fn a_broken_template_is_refused() {
        let mut twice = Template::default_template();
        twice.items.push(twice.items[0].clone());
        assert!(twice.validate().is_err());
        let mut no_threshold = Template::default_template();
        let measured = no_threshold
            .items
            .iter_mut()
            .find(|i| i.kind == ItemKind::Measured)
            .unwrap();
        measured.threshold = None;
        assert!(no_threshold.validate().is_err());
        let mut three = Template::default_template();
        three.strengths.pop();
        assert!(three.validate().is_err());
        // A share of 150% could never be met.
        let mut unreachable = Template::default_template();
        unreachable
            .items
            .iter_mut()
            .find(|i| i.id == "study_on_pace")
            .unwrap()
            .threshold = Some(1.5);
        assert!(unreachable.validate().is_err());
        let mut no_version = Template::default_template();
        no_version.version = " ".into();
        assert!(no_version.validate().is_err());
    }

    #[test]
    fn scores_are_weighted_shares_and_a_threshold_decides() {
        let mut t = Template::default_template();
        // Everything measured sits at 0.95; nothing is attested.
        let at = |t: &Template| {
            score(t, |i| match i.kind {
                ItemKind::Measured => Finding::Measured(0.95),
                ItemKind::Attested => Finding::Attested(false),
            })
        };
        let (before, overall_before) = at(&t);
        let political = before
            .iter()
            .find(|s| s.key == Strength::Political)
            .unwrap();
        // Only the study-pace item (threshold 0.9) is met among political items.
        let met: Vec<&str> = political
            .items
            .iter()
            .filter(|i| i.met)
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(met, vec!["study_on_pace"]);
        let total: f64 = political.items.iter().map(|i| i.weight).sum();
        assert!((political.score - 1.0 / total).abs() < 1e-9);

        // Lowering 第一议题's threshold to 0.9 meets it: weight 2 more.
        t.items
            .iter_mut()
            .find(|i| i.id == "first_topic")
            .unwrap()
            .threshold = Some(0.9);
        let (after, overall_after) = at(&t);
        let political = after.iter().find(|s| s.key == Strength::Political).unwrap();
        assert!((political.score - 3.0 / total).abs() < 1e-9);
        assert!(overall_after > overall_before);
        assert_eq!(political.met, 2);
    }

    #[test]
    fn items_that_do_not_apply_leave_the_denominator() {
        let t = Template::default_template();
        let committee_items = ["first_topic", "committee_monthly", "committee_complete"];
        // Every applicable item met, the committee items not applicable: a full score.
        let (strengths, overall) = score(&t, |i| {
            if committee_items.contains(&i.id.as_str()) {
                Finding::NotApplicable
            } else {
                match i.kind {
                    ItemKind::Measured => Finding::Measured(f64::MAX),
                    ItemKind::Attested => Finding::Attested(true),
                }
            }
        });
        assert!((overall - 1.0).abs() < 1e-9, "{overall}");
        let leadership = strengths
            .iter()
            .find(|s| s.key == Strength::Leadership)
            .unwrap();
        let all = t
            .items
            .iter()
            .filter(|i| i.strength == Strength::Leadership)
            .count() as u32;
        assert_eq!((leadership.met, leadership.total), (all - 2, all - 2));
        let na: Vec<&str> = strengths
            .iter()
            .flat_map(|s| &s.items)
            .filter(|i| !i.applicable)
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(na, committee_items);
        // The same items failed instead of not applicable pull the scores down.
        let (_, failed) = score(&t, |i| {
            if committee_items.contains(&i.id.as_str()) {
                Finding::Measured(0.0)
            } else {
                match i.kind {
                    ItemKind::Measured => Finding::Measured(f64::MAX),
                    ItemKind::Attested => Finding::Attested(true),
                }
            }
        });
        assert!(failed < 1.0);
        // A strength with nothing applicable scores nothing rather than dividing by zero.
        let (strengths, _) = score(&t, |_| Finding::NotApplicable);
        assert!(strengths.iter().all(|s| s.score == 0.0 && s.total == 0));
    }

    #[test]
    fn the_shipped_template_names_the_seed_pages_practices() {
        let t = Template::default_template();
        let titled = |words: &str| t.items.iter().any(|i| i.title.contains(words));
        for words in [
            "诵经典",
            "职业技能等级考试",
            "外出学习",
            "支委成员参加培训",
            "学习强国",
            "干部网络学院",
            "一岗双责",
            "党员示范岗",
            "亮身份",
            "企业管家",
        ] {
            assert!(titled(words), "no item for {words}");
        }
        let lectures = t.items.iter().find(|i| i.id == "lecture_series").unwrap();
        assert_eq!(
            lectures.branch_threshold,
            Some(BranchFigure::LectureSeriesTarget)
        );
        assert!(t.items.iter().any(|i| matches!(
            i.metric,
            Some(Metric::ParticipantCount {
                activity: ActivityKind::StudyTrip,
                role: ParticipantRole::Sent
            })
        )));
    }
}
