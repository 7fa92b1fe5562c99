//! The membership path (发展党员) and its deadlines: for each person on it, the next step, the
//! earliest and latest day for it, and what blocks it ("积极分子培养未满一年，最早 2024-03-12
//! 可列为发展对象"). The stage changes are the member's own (申请 → 积极分子 → 发展对象 → 预备
//! → 正式, dated events); the other dated steps — the talk, the 培养联系人, the political
//! review, the training, the superior approval, an extended 预备期 — are recorded here. The
//! waits are versioned rules (`rules`). "Today" is passed in.

pub mod from_resolution;
pub mod rules;
pub mod stage_change;

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::change_log;
use crate::code_enum;
use crate::error::{Entity, Error, Reason, Result};
use crate::ids::{new_id, parse_required_date, timestamp};
use crate::members::Stage;
use crate::rule_sets;
pub use from_resolution::apply_resolution;
pub use rules::PipelineRuleSet;
pub use stage_change::stage_change_gaps;

/// The rule-set area of the path's waits.
pub const RULES_AREA: &str = "pipeline";

code_enum!(
    /// A step of the path. The stage changes (activist, candidate, admission, confirmation) are
    /// made on the member's record; the others are recorded here.
    PipelineStep {
        Talk = "talk" / "派人谈话",
        Activist = "activist" / "确定为入党积极分子",
        ContactPersons = "contact_persons" / "指定培养联系人",
        Candidate = "candidate" / "确定为发展对象",
        PoliticalReview = "political_review" / "政治审查",
        Training = "training" / "集中培训",
        Admission = "admission" / "接收为预备党员",
        Approval = "approval" / "上级党委审批",
        Extension = "extension" / "延长预备期",
        Confirmation = "confirmation" / "预备党员转正",
    }
);

impl PipelineStep {
    /// Whether it is recorded here (the rest are stage changes on the member's record).
    pub fn recorded_here(self) -> bool {
        matches!(
            self,
            PipelineStep::Talk
                | PipelineStep::ContactPersons
                | PipelineStep::PoliticalReview
                | PipelineStep::Training
                | PipelineStep::Approval
                | PipelineStep::Extension
        )
    }

    /// The stage a member is in when this step is taken.
    fn stage(self) -> Stage {
        match self {
            PipelineStep::Talk | PipelineStep::Activist => Stage::Applicant,
            PipelineStep::ContactPersons | PipelineStep::Candidate => Stage::Activist,
            PipelineStep::PoliticalReview | PipelineStep::Training | PipelineStep::Admission => {
                Stage::Candidate
            }
            PipelineStep::Approval | PipelineStep::Extension | PipelineStep::Confirmation => {
                Stage::Probationary
            }
        }
    }
}

code_enum!(
    /// What holds the next step back.
    BlockerKind {
        TooEarly = "too_early" / "时间未到",
        Missing = "missing" / "前置步骤未完成",
        Overdue = "overdue" / "已逾期",
    }
);

/// Something that holds the next step back or is late, in a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Blocker {
    pub kind: BlockerKind,
    /// The step it is about (the missing one, or the next one itself).
    pub step: PipelineStep,
    pub message: String,
    pub date: Option<NaiveDate>,
}

/// A step done, with its day (and months, for an extension).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StepDone {
    pub step: PipelineStep,
    pub done_on: NaiveDate,
    pub months: Option<u32>,
    pub note: String,
}

/// One person on the path as of a day.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PipelineEntry {
    pub member_id: String,
    pub name: String,
    pub stage: Stage,
    /// When the current stage was reached (for a 预备党员, the admission).
    pub since: Option<NaiveDate>,
    pub next: PipelineStep,
    /// The first day the next step may be taken, and the last it should be.
    pub earliest: Option<NaiveDate>,
    pub latest: Option<NaiveDate>,
    pub blockers: Vec<Blocker>,
    /// For a 预备党员: the day the 预备期 ends (extension included).
    pub probation_ends: Option<NaiveDate>,
    pub done: Vec<StepDone>,
}

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

fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
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

/// Every version of the path's rules stored, oldest first.
pub fn rule_history(conn: &Connection) -> Result<Vec<PipelineRuleSet>> {
    rule_sets::load(conn, RULES_AREA)
}

/// Every rule set that applies to some day, oldest first: the built-in 2014 细则, unless a
/// stored revision replaces it from its first day, then those stored.
pub fn rule_versions(conn: &Connection) -> Result<Vec<PipelineRuleSet>> {
    Ok(rule_sets::with_builtin(
        rule_history(conn)?,
        PipelineRuleSet::defaults(),
        |s| s.effective_from,
    ))
}

/// The rules in force on `day` (the 2014 细则 when none was stored).
pub fn rules_in_force(sets: &[PipelineRuleSet], day: NaiveDate) -> PipelineRuleSet {
    rule_sets::in_force(sets, day, |s| s.effective_from)
        .cloned()
        .unwrap_or_else(PipelineRuleSet::defaults)
}

/// Puts a revision of the rules in force from its date on.
pub fn save_rules(conn: &Connection, set: &PipelineRuleSet, actor: &str) -> Result<()> {
    set.validate()?;
    rule_sets::save(
        conn,
        RULES_AREA,
        &set.version,
        set.effective_from,
        set,
        actor,
    )
}

/// Reads a revision of the path's rules from JSON (the shape `zhibu pipeline rules
/// --json` prints), checked whole: the 2026 revision is entered as data when its text is at hand.
pub fn parse_rules(json: &[u8]) -> Result<PipelineRuleSet> {
    let set: PipelineRuleSet = rule_sets::parse(json, "rules")?;
    set.validate()?;
    Ok(set)
}

/// How many people a free-text 介绍人 field names ("张三、李四").
fn count_names(s: &str) -> u32 {
    crate::names::split_list(s).count() as u32
}

/// Everyone on the path (not yet 正式党员, on the roster) as of `as_of`, by stage, furthest
/// along first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PipelineReport {
    pub as_of: NaiveDate,
    pub rule_version: String,
    pub people: Vec<PipelineEntry>,
}

pub fn report(conn: &Connection, as_of: NaiveDate) -> Result<PipelineReport> {
    let sets = rule_history(conn)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, name, stage, joined_on, introducers FROM member
         WHERE archived_on IS NULL AND stage <> 'full'
         ORDER BY CASE stage WHEN 'probationary' THEN 0 WHEN 'candidate' THEN 1
                  WHEN 'activist' THEN 2 ELSE 3 END, {name}",
        name = crate::collate::sql_key("name")
    ))?;
    let people = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Stage>(2)?,
                r.get::<_, Option<NaiveDate>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(people.len());
    for (id, name, stage, joined_on, introducers) in people {
        let facts = facts_of(conn, &id, stage, joined_on, count_names(&introducers))?;
        let since = facts.reached.get(&stage).copied();
        let rules = rules_in_force(&sets, since.unwrap_or(as_of));
        let Some(next) = next_step(&rules, &facts, as_of) else {
            continue;
        };
        out.push(PipelineEntry {
            member_id: id,
            name,
            stage,
            since,
            next: next.step,
            earliest: next.earliest,
            latest: next.latest,
            blockers: next.blockers,
            probation_ends: next.probation_ends,
            done: facts.done,
        });
    }
    Ok(PipelineReport {
        as_of,
        rule_version: rules_in_force(&sets, as_of).version,
        people: out,
    })
}

/// What one person's path is judged from: the stage, the day each stage was reached, the
/// 介绍人 counted, the steps on record.
fn facts_of(
    conn: &Connection,
    member_id: &str,
    stage: Stage,
    joined_on: Option<NaiveDate>,
    introducers: u32,
) -> Result<PathFacts> {
    let mut facts = PathFacts {
        stage: Some(stage),
        introducers,
        done: steps_of(conn, member_id)?,
        ..Default::default()
    };
    let mut stmt = conn.prepare_cached(
        "SELECT stage, max(occurred_on) FROM member_stage_event WHERE member_id = ?1
         GROUP BY stage",
    )?;
    let mut rows = stmt.query([member_id])?;
    while let Some(r) = rows.next()? {
        facts.reached.insert(r.get(0)?, r.get(1)?);
    }
    if let Some(j) = joined_on {
        facts.reached.insert(Stage::Probationary, j);
    }
    Ok(facts)
}

fn steps_of(conn: &Connection, member_id: &str) -> Result<Vec<StepDone>> {
    let mut stmt = conn.prepare_cached(
        "SELECT step, done_on, months, note FROM member_pipeline_step WHERE member_id = ?1
         ORDER BY done_on, recorded_at",
    )?;
    let steps = stmt
        .query_map([member_id], |r| {
            Ok(StepDone {
                step: r.get(0)?,
                done_on: r.get(1)?,
                months: r.get(2)?,
                note: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(steps)
}

/// A step as entered.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct StepInput {
    pub member_id: String,
    pub step: Option<PipelineStep>,
    pub done_on: String,
    /// For an extension of the 预备期: by how many months.
    pub months: Option<u32>,
    pub note: String,
}

/// Records a step of the path. It must be one recorded here, belong to the member's stage,
/// fall between the stage's start and today, and keep to the rules (an approval within the
/// longest wait; one extension, of six months to a year). Logged.
pub fn record_step(
    conn: &Connection,
    input: &StepInput,
    today: NaiveDate,
    actor: &str,
) -> Result<StepDone> {
    let step = input
        .step
        .ok_or_else(|| Error::validation("step", Reason::Required))?;
    if !step.recorded_here() {
        return Err(Error::validation("step", Reason::StepOnMemberRecord));
    }
    let (stage, joined_on): (Stage, Option<NaiveDate>) = conn
        .query_row(
            "SELECT stage, joined_on FROM member WHERE id = ?1 AND archived_on IS NULL",
            [&input.member_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Member, &input.member_id))?;
    if stage != step.stage() {
        return Err(Error::validation("step", Reason::StepNotForStage));
    }
    let done_on = parse_required_date("done_on", &input.done_on)?;
    if done_on > today {
        return Err(Error::validation("done_on", Reason::DateInFuture));
    }
    let since: Option<NaiveDate> = if stage == Stage::Probationary {
        joined_on
    } else {
        conn.query_row(
            "SELECT max(occurred_on) FROM member_stage_event WHERE member_id = ?1 AND stage = ?2",
            params![input.member_id, stage],
            |r| r.get(0),
        )?
    };
    if since.is_some_and(|s| done_on < s) {
        return Err(Error::validation("done_on", Reason::StepBeforeStage));
    }
    let rules = rules_in_force(&rule_history(conn)?, since.unwrap_or(done_on));
    let done = steps_of(conn, &input.member_id)?;
    let months = match step {
        PipelineStep::Extension => {
            if done.iter().any(|d| d.step == PipelineStep::Extension) {
                return Err(Error::validation("step", Reason::ExtensionOnce));
            }
            match input.months {
                Some(m)
                    if (rules.extension_min_months..=rules.extension_max_months).contains(&m) =>
                {
                    Some(m)
                }
                _ => return Err(Error::validation("months", Reason::ExtensionLength)),
            }
        }
        _ => None,
    };
    if step == PipelineStep::Approval {
        if let Some(j) = joined_on {
            if done_on > add_months(j, rules.approval_max_months) {
                return Err(Error::validation("done_on", Reason::ApprovalTooLate));
            }
        }
    }
    if step != PipelineStep::Extension && done.iter().any(|d| d.step == step) {
        return Err(Error::validation("step", Reason::StepAlreadyDone));
    }
    let note = input.note.trim().to_string();
    if note.chars().count() > 200 {
        return Err(Error::validation("note", Reason::TooLong));
    }
    let d = StepDone {
        step,
        done_on,
        months,
        note,
    };
    insert_step(conn, &input.member_id, &d)?;
    change_log::record(conn, actor, "pipeline_step", &input.member_id, "record", &d)?;
    Ok(d)
}

/// Stores a step done (the caller logs it).
pub(crate) fn insert_step(conn: &Connection, member_id: &str, d: &StepDone) -> Result<()> {
    let id = new_id();
    conn.prepare_cached(
        "INSERT INTO member_pipeline_step (id, member_id, step, done_on, months, note,
                                           recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        member_id,
        d.step,
        d.done_on,
        d.months,
        d.note,
        timestamp()
    ])?;
    Ok(())
}

/// The months of the 预备期's extension on record, if any.
pub fn recorded_extension(conn: &Connection, member_id: &str) -> Result<Option<u32>> {
    Ok(steps_of(conn, member_id)?
        .iter()
        .rev()
        .find(|d| d.step == PipelineStep::Extension)
        .and_then(|d| d.months))
}

#[cfg(test)]
mod tests {
    use super::*;
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
