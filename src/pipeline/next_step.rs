//! A person's next step on the path, the first and last day for it and what holds it back: a
//! pure function of the facts of their path, the rules in force and the day; its table of cases
//! beside it.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};

use super::{Blocker, BlockerKind, PipelineRuleSet, PipelineStep, StepDone};
use crate::members::Stage;

/// What the path of one person is judged from.
#[derive(Debug, Clone, Default)]
pub struct PathFacts {
    pub stage: Option<Stage>,
    /// The day each stage was reached (from the stage events; a 预备党员's from joined_on).
    pub reached: HashMap<Stage, NaiveDate>,
    pub introducers: u32,
    pub done: Vec<StepDone>,
}

impl PathFacts {
    fn done(&self, step: PipelineStep) -> Option<&StepDone> {
        self.done.iter().rev().find(|d| d.step == step)
    }
}

pub(super) fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months)).unwrap_or(d)
}

/// The next step of a person, its window and what holds it back.
#[derive(Debug, Clone, PartialEq)]
pub struct NextStep {
    pub step: PipelineStep,
    pub earliest: Option<NaiveDate>,
    pub latest: Option<NaiveDate>,
    pub blockers: Vec<Blocker>,
    /// For a 预备党员: the 预备期's end, extension included.
    pub probation_ends: Option<NaiveDate>,
}

/// The next step of a person at their stage and its window, as of `as_of`. Pure.
pub fn next_step(rules: &PipelineRuleSet, f: &PathFacts, as_of: NaiveDate) -> Option<NextStep> {
    let stage = f.stage?;
    let since = f.reached.get(&stage).copied();
    let mut blockers = Vec::new();
    let missing = |step: PipelineStep, message: &str| Blocker {
        kind: BlockerKind::Missing,
        step,
        message: message.to_string(),
        date: None,
    };
    let late = |step: PipelineStep, latest: Option<NaiveDate>, blockers: &mut Vec<Blocker>| {
        if let Some(latest) = latest.filter(|l| *l < as_of) {
            blockers.push(Blocker {
                kind: BlockerKind::Overdue,
                step,
                message: format!("{}应于 {latest} 前完成，已逾期", step.label()),
                date: Some(latest),
            });
        }
    };
    let (next, earliest, latest, ends) = match stage {
        Stage::Applicant => match f.done(PipelineStep::Talk) {
            None => {
                let latest = since.map(|s| add_months(s, rules.talk_within_months));
                late(PipelineStep::Talk, latest, &mut blockers);
                (PipelineStep::Talk, since, latest, None)
            }
            Some(talk) => (PipelineStep::Activist, Some(talk.done_on), None, None),
        },
        Stage::Activist => {
            let earliest = since.map(|s| add_months(s, rules.activist_min_months));
            if f.done(PipelineStep::ContactPersons).is_none() {
                blockers.push(missing(
                    PipelineStep::ContactPersons,
                    "尚未指定培养联系人（1 至 2 名正式党员）",
                ));
            }
            if let Some(e) = earliest.filter(|e| *e > as_of) {
                blockers.push(Blocker {
                    kind: BlockerKind::TooEarly,
                    step: PipelineStep::Candidate,
                    message: format!("积极分子培养未满一年，最早 {e} 可列为发展对象"),
                    date: Some(e),
                });
            }
            (PipelineStep::Candidate, earliest, None, None)
        }
        Stage::Candidate => {
            if f.introducers < rules.introducers {
                blockers.push(missing(
                    PipelineStep::Admission,
                    &format!(
                        "入党介绍人不足 {} 名（已有 {} 名）",
                        rules.introducers, f.introducers
                    ),
                ));
            }
            if f.done(PipelineStep::PoliticalReview).is_none() {
                blockers.push(missing(PipelineStep::PoliticalReview, "尚未完成政治审查"));
            }
            if f.done(PipelineStep::Training).is_none() {
                blockers.push(missing(
                    PipelineStep::Training,
                    "尚未参加集中培训（不少于 3 天或 24 学时）",
                ));
            }
            let earliest = [
                since,
                f.done(PipelineStep::PoliticalReview).map(|d| d.done_on),
                f.done(PipelineStep::Training).map(|d| d.done_on),
            ]
            .into_iter()
            .flatten()
            .max();
            (PipelineStep::Admission, earliest, None, None)
        }
        Stage::Probationary => {
            let extension = f.done(PipelineStep::Extension).and_then(|d| d.months);
            let ends =
                since.map(|s| add_months(s, rules.probation_months + extension.unwrap_or(0)));
            match f.done(PipelineStep::Approval) {
                None => {
                    let latest = since.map(|s| add_months(s, rules.approval_within_months));
                    if let Some(max) = since.map(|s| add_months(s, rules.approval_max_months)) {
                        if max < as_of {
                            blockers.push(Blocker {
                                kind: BlockerKind::Overdue,
                                step: PipelineStep::Approval,
                                message: format!(
                                    "上级党委审批最迟应于 {max} 前完成（接收后 {} 个月），已超期",
                                    rules.approval_max_months
                                ),
                                date: Some(max),
                            });
                        } else {
                            late(PipelineStep::Approval, latest, &mut blockers);
                        }
                    }
                    (PipelineStep::Approval, since, latest, ends)
                }
                Some(_) => {
                    let latest = ends.map(|e| add_months(e, rules.confirmation_within_months));
                    if let Some(e) = ends.filter(|e| *e > as_of) {
                        blockers.push(Blocker {
                            kind: BlockerKind::TooEarly,
                            step: PipelineStep::Confirmation,
                            message: format!("预备期 {e} 期满，期满后召开支部党员大会讨论转正"),
                            date: Some(e),
                        });
                    }
                    late(PipelineStep::Confirmation, latest, &mut blockers);
                    (PipelineStep::Confirmation, ends, latest, ends)
                }
            }
        }
        Stage::Full => return None,
    };
    Some(NextStep {
        step: next,
        earliest,
        latest,
        blockers,
        probation_ends: ends,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule_sets::RuleSet;
    use BlockerKind::{Missing, Overdue, TooEarly};
    use PipelineStep::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The facts of one person: a stage reached on a day, the steps done (with days, and
    /// months for an extension), the 介绍人 named.
    fn facts(
        stage: Stage,
        since: &str,
        done: &[(PipelineStep, &str, Option<u32>)],
        introducers: u32,
    ) -> PathFacts {
        PathFacts {
            stage: Some(stage),
            reached: HashMap::from([(stage, d(since))]),
            introducers,
            done: done
                .iter()
                .map(|&(step, on, months)| StepDone {
                    step,
                    done_on: d(on),
                    months,
                    note: String::new(),
                })
                .collect(),
        }
    }

    struct Case {
        what: &'static str,
        facts: PathFacts,
        as_of: &'static str,
        step: PipelineStep,
        earliest: Option<&'static str>,
        latest: Option<&'static str>,
        /// Each blocker's kind and step, in order.
        blockers: Vec<(BlockerKind, PipelineStep)>,
        probation_ends: Option<&'static str>,
    }

    #[test]
    fn the_next_step_its_window_and_what_holds_it_back_by_the_2014_rules() {
        use Stage::*;
        let cases = [
            Case {
                what: "an application: the talk within a month",
                facts: facts(Applicant, "2026-03-10", &[], 0),
                as_of: "2026-03-20",
                step: Talk,
                earliest: Some("2026-03-10"),
                latest: Some("2026-04-10"),
                blockers: vec![],
                probation_ends: None,
            },
            Case {
                what: "the talk a month late",
                facts: facts(Applicant, "2026-03-10", &[], 0),
                as_of: "2026-04-11",
                step: Talk,
                earliest: Some("2026-03-10"),
                latest: Some("2026-04-10"),
                blockers: vec![(Overdue, Talk)],
                probation_ends: None,
            },
            Case {
                what: "after the talk: 积极分子 from its day",
                facts: facts(Applicant, "2026-03-10", &[(Talk, "2026-03-25", None)], 0),
                as_of: "2026-04-01",
                step: PipelineStep::Activist,
                earliest: Some("2026-03-25"),
                latest: None,
                blockers: vec![],
                probation_ends: None,
            },
            Case {
                what: "an activist of half a year without contact persons",
                facts: facts(Stage::Activist, "2026-01-15", &[], 0),
                as_of: "2026-07-01",
                step: PipelineStep::Candidate,
                earliest: Some("2027-01-15"),
                latest: None,
                blockers: vec![
                    (Missing, ContactPersons),
                    (TooEarly, PipelineStep::Candidate),
                ],
                probation_ends: None,
            },
            Case {
                what: "an activist of a year with contact persons: nothing holds back",
                facts: facts(
                    Stage::Activist,
                    "2025-01-15",
                    &[(ContactPersons, "2025-01-20", None)],
                    0,
                ),
                as_of: "2026-01-15",
                step: PipelineStep::Candidate,
                earliest: Some("2026-01-15"),
                latest: None,
                blockers: vec![],
                probation_ends: None,
            },
            Case {
                what: "a candidate with one 介绍人, no review, no training",
                facts: facts(Stage::Candidate, "2026-02-01", &[], 1),
                as_of: "2026-05-01",
                step: Admission,
                earliest: Some("2026-02-01"),
                latest: None,
                blockers: vec![
                    (Missing, Admission),
                    (Missing, PoliticalReview),
                    (Missing, Training),
                ],
                probation_ends: None,
            },
            Case {
                what: "a candidate ready: admission from the later of review and training",
                facts: facts(
                    Stage::Candidate,
                    "2026-02-01",
                    &[
                        (PoliticalReview, "2026-04-10", None),
                        (Training, "2026-03-20", None),
                    ],
                    2,
                ),
                as_of: "2026-05-01",
                step: Admission,
                earliest: Some("2026-04-10"),
                latest: None,
                blockers: vec![],
                probation_ends: None,
            },
            Case {
                what: "admitted: the superior's approval within three months",
                facts: facts(Probationary, "2026-06-30", &[], 0),
                as_of: "2026-08-01",
                step: Approval,
                earliest: Some("2026-06-30"),
                latest: Some("2026-09-30"),
                blockers: vec![],
                probation_ends: Some("2027-06-30"),
            },
            Case {
                what: "the approval four months on: late",
                facts: facts(Probationary, "2026-06-30", &[], 0),
                as_of: "2026-11-01",
                step: Approval,
                earliest: Some("2026-06-30"),
                latest: Some("2026-09-30"),
                blockers: vec![(Overdue, Approval)],
                probation_ends: Some("2027-06-30"),
            },
            Case {
                what: "the approval past six months: beyond the limit (one blocker, not two)",
                facts: facts(Probationary, "2026-01-31", &[], 0),
                as_of: "2026-08-01",
                step: Approval,
                earliest: Some("2026-01-31"),
                latest: Some("2026-04-30"),
                blockers: vec![(Overdue, Approval)],
                probation_ends: Some("2027-01-31"),
            },
            Case {
                what: "approved, the 预备期 running: 转正 when it ends",
                facts: facts(
                    Probationary,
                    "2026-06-30",
                    &[(Approval, "2026-08-15", None)],
                    0,
                ),
                as_of: "2026-12-01",
                step: Confirmation,
                earliest: Some("2027-06-30"),
                latest: Some("2027-09-30"),
                blockers: vec![(TooEarly, Confirmation)],
                probation_ends: Some("2027-06-30"),
            },
            Case {
                what: "extended by six months: the 预备期 and 转正 move with it",
                facts: facts(
                    Probationary,
                    "2025-06-30",
                    &[
                        (Approval, "2025-08-15", None),
                        (Extension, "2026-06-20", Some(6)),
                    ],
                    0,
                ),
                as_of: "2026-07-01",
                step: Confirmation,
                earliest: Some("2026-12-30"),
                latest: Some("2027-03-30"),
                blockers: vec![(TooEarly, Confirmation)],
                probation_ends: Some("2026-12-30"),
            },
            Case {
                what: "转正 three months after the 预备期: late",
                facts: facts(
                    Probationary,
                    "2025-06-30",
                    &[(Approval, "2025-08-15", None)],
                    0,
                ),
                as_of: "2026-10-01",
                step: Confirmation,
                earliest: Some("2026-06-30"),
                latest: Some("2026-09-30"),
                blockers: vec![(Overdue, Confirmation)],
                probation_ends: Some("2026-06-30"),
            },
        ];
        let rules = PipelineRuleSet::defaults();
        for c in cases {
            let next = next_step(&rules, &c.facts, d(c.as_of)).expect(c.what);
            assert_eq!(next.step, c.step, "{}", c.what);
            assert_eq!(next.earliest, c.earliest.map(d), "{}: earliest", c.what);
            assert_eq!(next.latest, c.latest.map(d), "{}: latest", c.what);
            let blockers: Vec<_> = next.blockers.iter().map(|b| (b.kind, b.step)).collect();
            assert_eq!(blockers, c.blockers, "{}: {:?}", c.what, next.blockers);
            assert_eq!(
                next.probation_ends,
                c.probation_ends.map(d),
                "{}: 预备期",
                c.what
            );
        }
    }

    #[test]
    fn a_full_member_or_no_stage_has_no_next_step() {
        let rules = PipelineRuleSet::defaults();
        let full = facts(Stage::Full, "2020-07-01", &[], 0);
        assert!(next_step(&rules, &full, d("2026-11-22")).is_none());
        assert!(next_step(&rules, &PathFacts::default(), d("2026-11-22")).is_none());
    }
}
