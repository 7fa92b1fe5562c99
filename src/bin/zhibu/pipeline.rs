//! `zhibu pipeline`: the membership path — each person's next step with its earliest and
//! latest day and what blocks it; `zhibu pipeline record` enters a dated step.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use crate::actor;
use zhibu::pipeline::{self, PipelineRuleSet, PipelineStep, StepInput};
use zhibu::{Db, Error, Reason};

use super::{find_member, outln, print_json, rule_set_command};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct PipelineArgs {
    #[command(subcommand)]
    command: Option<PipelineCommand>,
    /// As of this day (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum PipelineCommand {
    /// The path's rule sets, oldest first (the built-in 2014 细则 until a stored revision
    /// replaces it); with --add, puts a revision in force from its effective_from (a JSON file
    /// in the shape `--json` prints)
    Rules {
        #[arg(long, value_name = "FILE")]
        add: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Record a step: talk | contact_persons | political_review | training | approval |
    /// extension (with --months), or their Chinese names
    Record {
        /// The member's name or id
        #[arg(long)]
        member: String,
        #[arg(long)]
        step: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// An extension of the 预备期: by how many months (1–12)
        #[arg(long)]
        months: Option<u32>,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// Make the stage change a passed 支部党员大会 resolution decided: 接收预备党员 from the
    /// meeting's day, 转正 from the day the 预备期 ends
    Decide {
        /// The session's id (`zhibu session list --json`)
        #[arg(long)]
        session: String,
        /// The resolution's number among the session's resolutions, from 1
        #[arg(long, value_name = "N")]
        resolution: u32,
        #[arg(long)]
        json: bool,
    },
}

pub fn run_pipeline(db: &Db, args: PipelineArgs, today: NaiveDate) -> Result<(), Error> {
    match args.command {
        Some(PipelineCommand::Rules { add, json }) => {
            rule_set_command(
                db,
                add,
                json,
                "发展党员规则",
                |s: &PipelineRuleSet| {
                    outln!(
                        "  入党申请后 {} 个月内谈话；积极分子培养满 {} 个月；入党介绍人 {} 名；",
                        s.talk_within_months,
                        s.activist_min_months,
                        s.introducers
                    );
                    outln!(
                    "  上级审批 {} 个月内（最长 {} 个月）；预备期 {} 个月，可延长一次至多 {} 个月；期满后 {} 个月内讨论转正",
                    s.approval_within_months,
                    s.approval_max_months,
                    s.probation_months,
                    s.extension_max_months,
                    s.confirmation_within_months
                );
                },
            )?;
        }
        Some(PipelineCommand::Record {
            member,
            step,
            date,
            months,
            note,
            json,
        }) => {
            let step: PipelineStep = step
                .parse()
                .map_err(|()| Error::validation("step", Reason::InvalidValue))?;
            let (name, done) = db.write(|tx| {
                let m = find_member(tx, &member, today)?;
                let input = StepInput {
                    member_id: m.id,
                    step: Some(step),
                    done_on: date.clone(),
                    months,
                    note: note.clone(),
                };
                Ok((m.name, pipeline::record_step(tx, &input, today, actor())?))
            })?;
            if json {
                print_json(&done);
            } else {
                outln!("已登记 {name}：{}（{}）", done.step.label(), done.done_on);
            }
        }
        Some(PipelineCommand::Decide {
            session,
            resolution,
            json,
        }) => {
            let index = resolution
                .checked_sub(1)
                .ok_or(Error::validation("resolution", Reason::InvalidValue))?;
            let m =
                db.write(|tx| pipeline::apply_resolution(tx, &session, index, today, actor()))?;
            if json {
                print_json(&m);
            } else {
                let on = match m.stage {
                    zhibu::members::Stage::Full => m.confirmed_on,
                    _ => m.joined_on,
                };
                let on = on.map(|d| d.to_string()).unwrap_or_default();
                outln!("已办理：{} 现为{}（{on}）", m.name, m.stage.label());
            }
        }
        None => {
            let as_of = zhibu::ids::as_of_or(args.as_of.as_deref(), today)?;
            let report = db.read(|c| pipeline::report(c, as_of))?;
            if args.json {
                print_json(&report);
            } else if report.people.is_empty() {
                outln!("截至 {as_of} 没有处在发展阶段的人员。");
            } else {
                outln!("发展党员（截至 {as_of}，{}）：", report.rule_version);
                for p in &report.people {
                    let window = match (p.earliest, p.latest) {
                        (Some(e), Some(l)) => format!("{e} 至 {l}"),
                        (Some(e), None) => format!("{e} 起"),
                        (None, Some(l)) => format!("{l} 前"),
                        (None, None) => String::new(),
                    };
                    outln!(
                        "  {}（{}）  下一步：{}  {window}",
                        p.name,
                        p.stage.label(),
                        p.next.label()
                    );
                    for b in &p.blockers {
                        outln!("      · {}", b.message);
                    }
                }
            }
        }
    }
    Ok(())
}
