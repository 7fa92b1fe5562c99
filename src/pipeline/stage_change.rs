//! A stage change on a member's record checked against the path: what it still lacks (the
//! steps before it, the waits, two eligible 介绍人), judged by the same `next_step` blockers
//! the pipeline page shows. A change that lacks something is refused unless entered as a past
//! record (补录).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{
    count_names, facts_of, next_step, BlockerKind, PathFacts, PipelineRuleSet, PipelineStep,
};
use crate::error::{Entity, Error, Result};
use crate::members::as_of::roster_on;
use crate::members::Stage;
use crate::rule_sets::Dated;

/// The stages in the order of the path.
const PATH: [Stage; 5] = [
    Stage::Applicant,
    Stage::Activist,
    Stage::Candidate,
    Stage::Probationary,
    Stage::Full,
];

/// Where a stage stands on the path, from 0 for an applicant.
pub fn rank(stage: Stage) -> usize {
    PATH.iter()
        .position(|s| *s == stage)
        .expect("every stage is on the path")
}

/// The step that takes a member into `stage` (none into 申请人: the path starts there).
fn step_into(stage: Stage) -> Option<PipelineStep> {
    match stage {
        Stage::Applicant => None,
        Stage::Activist => Some(PipelineStep::Activist),
        Stage::Candidate => Some(PipelineStep::Candidate),
        Stage::Probationary => Some(PipelineStep::Admission),
        Stage::Full => Some(PipelineStep::Confirmation),
    }
}

/// What the path lacks for a member at `facts.stage` to move to `to` on `on`, in sentences;
/// empty when the change keeps to the path. Pure.
pub fn gaps(rules: &PipelineRuleSet, facts: &PathFacts, to: Stage, on: NaiveDate) -> Vec<String> {
    let Some(from) = facts.stage else {
        return Vec::new();
    };
    if rank(to) <= rank(from) {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(next) = next_step(rules, facts, on) {
        let into_next = step_into(PATH[rank(from) + 1]);
        if Some(next.step) != into_next {
            out.push(format!("尚未完成“{}”", next.step.label()));
        }
        out.extend(
            next.blockers
                .into_iter()
                .filter(|b| b.kind != BlockerKind::Overdue)
                .map(|b| b.message),
        );
    }
    for skipped in &PATH[rank(from) + 1..rank(to)] {
        if let Some(step) = step_into(*skipped) {
            out.push(format!("跳过了“{}”", step.label()));
        }
    }
    out
}

/// The 介绍人 named in `introducers` who could introduce on `on` (正式党员 on the roster that
/// day, not under 留党察看), and a sentence for each who could not.
fn eligible_introducers(
    conn: &Connection,
    introducers: &str,
    on: NaiveDate,
) -> Result<(u32, Vec<String>)> {
    let roster = roster_on(conn, on)?;
    let mut eligible = 0;
    let mut refused = Vec::new();
    for name in crate::names::split_list(introducers) {
        if roster.iter().any(|m| m.name == name && m.has_vote) {
            eligible += 1;
        } else {
            refused.push(format!(
                "介绍人{name}在 {on} 不是支部名册中的正式党员或正受留党察看处分，不能作入党介绍人"
            ));
        }
    }
    Ok((eligible, refused))
}

/// What the path lacks for the member to move to `to` on `on` (for 预备党员 the day of joining,
/// for 正式党员 the 转正 date), with `introducers` as now entered. Reads the stored record as
/// it is before the change.
pub fn stage_change_gaps(
    conn: &Connection,
    member_id: &str,
    to: Stage,
    on: NaiveDate,
    introducers: &str,
) -> Result<Vec<String>> {
    let (stage, joined_on): (Stage, Option<NaiveDate>) = conn
        .prepare_cached("SELECT stage, joined_on FROM member WHERE id = ?1")?
        .query_row([member_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::not_found(Entity::Member, member_id))?;
    let admitting = stage == Stage::Candidate && to == Stage::Probationary;
    let (counted, refused) = if admitting {
        eligible_introducers(conn, introducers, on)?
    } else {
        (count_names(introducers), Vec::new())
    };
    let facts = facts_of(conn, member_id, stage, joined_on, counted)?;
    let since = facts.reached.get(&stage).copied();
    let rules = PipelineRuleSet::in_force_on(conn, since.unwrap_or(on))?;
    let mut out = gaps(&rules, &facts, to, on);
    if counted < rules.introducers {
        out.extend(refused);
    }
    if admitting && !admission_resolved(conn, member_id, on)? {
        out.push(format!(
            "尚无 {on} 或之前支部党员大会通过的接收其为预备党员的决议（登记该次党员大会，决议类别选“接收预备党员”并选定其本人）"
        ));
    }
    Ok(out)
}

/// Whether a 支部党员大会 held on or before `on` passed a resolution admitting the member
/// (a passed resolution was quorate and carried when it was saved).
fn admission_resolved(conn: &Connection, member_id: &str, on: NaiveDate) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM session_resolution r
               JOIN session s ON s.id = r.session_id
               JOIN session_obligation o ON o.session_id = s.id AND o.obligation = 'general_meeting'
              WHERE r.subject_id = ?1 AND r.kind = 'admission' AND r.passed = 1
                AND s.held_on <= ?2)",
        )?
        .query_row(params![member_id, on], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::StepDone;
    use crate::rule_sets::RuleSet;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn facts(stage: Stage, since: &str, introducers: u32, done: &[PipelineStep]) -> PathFacts {
        let mut f = PathFacts {
            stage: Some(stage),
            introducers,
            done: done
                .iter()
                .map(|step| StepDone {
                    step: *step,
                    done_on: d(since),
                    months: None,
                    note: String::new(),
                })
                .collect(),
            ..Default::default()
        };
        f.reached.insert(stage, d(since));
        f
    }

    #[test]
    fn each_missing_item_is_named() {
        use PipelineStep::*;
        let rules = PipelineRuleSet::defaults();
        let on = d("2026-06-01");
        // (from, since, 介绍人, steps done, to, what is missing)
        type Case<'a> = (
            Stage,
            &'a str,
            u32,
            &'a [PipelineStep],
            Stage,
            &'a [&'a str],
        );
        let cases: &[Case] = &[
            (
                Stage::Applicant,
                "2026-01-05",
                0,
                &[],
                Stage::Activist,
                &["尚未完成“派人谈话”"],
            ),
            (
                Stage::Applicant,
                "2026-01-05",
                0,
                &[Talk],
                Stage::Activist,
                &[],
            ),
            (
                Stage::Activist,
                "2025-06-02",
                0,
                &[ContactPersons],
                Stage::Candidate,
                &["积极分子培养未满一年，最早 2026-06-02 可列为发展对象"],
            ),
            (
                Stage::Activist,
                "2025-06-01",
                0,
                &[ContactPersons],
                Stage::Candidate,
                &[],
            ),
            (
                Stage::Activist,
                "2025-06-01",
                0,
                &[],
                Stage::Candidate,
                &["尚未指定培养联系人（1 至 2 名正式党员）"],
            ),
            (
                Stage::Candidate,
                "2025-12-01",
                1,
                &[PoliticalReview, Training],
                Stage::Probationary,
                &["入党介绍人不足 2 名（已有 1 名）"],
            ),
            (
                Stage::Candidate,
                "2025-12-01",
                2,
                &[Training],
                Stage::Probationary,
                &["尚未完成政治审查"],
            ),
            (
                Stage::Candidate,
                "2025-12-01",
                2,
                &[PoliticalReview],
                Stage::Probationary,
                &["尚未参加集中培训（不少于 3 天或 24 学时）"],
            ),
            (
                Stage::Candidate,
                "2025-12-01",
                2,
                &[PoliticalReview, Training],
                Stage::Probationary,
                &[],
            ),
            (
                Stage::Probationary,
                "2025-06-01",
                2,
                &[],
                Stage::Full,
                &["尚未完成“上级党委审批”"],
            ),
            (
                Stage::Probationary,
                "2025-06-02",
                2,
                &[Approval],
                Stage::Full,
                &["预备期 2026-06-02 期满，期满后召开支部党员大会讨论转正"],
            ),
            (
                Stage::Probationary,
                "2025-06-01",
                2,
                &[Approval],
                Stage::Full,
                &[],
            ),
            (
                Stage::Applicant,
                "2026-01-05",
                0,
                &[Talk],
                Stage::Candidate,
                &["跳过了“确定为入党积极分子”"],
            ),
        ];
        for (from, since, introducers, done, to, want) in cases {
            let f = facts(*from, since, *introducers, done);
            assert_eq!(
                gaps(&rules, &f, *to, on),
                *want,
                "{from:?} → {to:?} {done:?}"
            );
        }
    }
}
