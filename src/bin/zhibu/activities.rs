//! `zhibu activity …`: lecture series, reading salons, study trips and other activities.

use chrono::NaiveDate;
use clap::Subcommand;

use crate::actor;
use zhibu::activities::{
    self, ActivityInput, ActivityKind, ActivityQuery, ParticipantInput, ParticipantRole,
};
use zhibu::{Db, Error};

use super::sessions::names;
use super::{find_member, outln, parse_code, print_json};

// Parsed once per run: the size of the add options does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum ActivityCommand {
    /// Record an activity; a series activity gets the next 期 number unless --issue is given
    Add {
        /// lecture_series | reading_salon | classics_recital | study_trip | volunteer_service |
        /// other (or 微讲堂, 读书分享会, 诵经典, 外出学习, 志愿服务)
        #[arg(long, value_parser = parse_code::<ActivityKind>)]
        kind: ActivityKind,
        /// The series (微讲堂, 政务服务大讲堂, ...)
        #[arg(long)]
        series: Option<String>,
        /// 期数, when recording an older issue
        #[arg(long)]
        issue: Option<u32>,
        #[arg(long, default_value = "")]
        title: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        #[arg(long, default_value = "")]
        place: String,
        /// 读书分享会: the book and its author
        #[arg(long, default_value = "")]
        book: String,
        #[arg(long, default_value = "")]
        author: String,
        /// 外出学习: where, and for how many days
        #[arg(long, default_value = "")]
        destination: String,
        #[arg(long)]
        days: Option<u32>,
        /// Members who took part (comma-separated names or ids)
        #[arg(long, value_name = "NAMES")]
        participants: Option<String>,
        /// Members who spoke (主讲)
        #[arg(long, value_name = "NAMES")]
        speakers: Option<String>,
        /// Members who shared (读书分享)
        #[arg(long, value_name = "NAMES")]
        sharers: Option<String>,
        /// Members sent (外出学习)
        #[arg(long, value_name = "NAMES")]
        sent: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Change a saved activity, by id; options not given keep their value (a role's list
    /// given replaces that role's members)
    Edit {
        id: String,
        #[arg(long, value_parser = parse_code::<ActivityKind>)]
        kind: Option<ActivityKind>,
        /// The series; "" makes it a one-off
        #[arg(long)]
        series: Option<String>,
        #[arg(long)]
        issue: Option<u32>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long)]
        place: Option<String>,
        #[arg(long)]
        book: Option<String>,
        #[arg(long)]
        author: Option<String>,
        #[arg(long)]
        destination: Option<String>,
        #[arg(long)]
        days: Option<u32>,
        #[arg(long, value_name = "NAMES")]
        participants: Option<String>,
        #[arg(long, value_name = "NAMES")]
        speakers: Option<String>,
        #[arg(long, value_name = "NAMES")]
        sharers: Option<String>,
        #[arg(long, value_name = "NAMES")]
        sent: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List activities, newest first
    List {
        #[arg(long, value_parser = super::year_arg)]
        year: Option<i32>,
        #[arg(long, value_parser = parse_code::<ActivityKind>)]
        kind: Option<ActivityKind>,
        #[arg(long)]
        series: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run_activity(db: &Db, cmd: ActivityCommand, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        ActivityCommand::Add {
            kind,
            series,
            issue,
            title,
            date,
            place,
            book,
            author,
            destination,
            days,
            participants,
            speakers,
            sharers,
            sent,
            json,
        } => {
            let a = db.write(|tx| {
                let mut input = ActivityInput {
                    kind: Some(kind),
                    series: series.unwrap_or_default(),
                    issue_no: issue,
                    title,
                    held_on: date,
                    place,
                    book,
                    author,
                    destination,
                    duration_days: days,
                    ..Default::default()
                };
                for (role, list) in [
                    (ParticipantRole::Speaker, &speakers),
                    (ParticipantRole::Sharer, &sharers),
                    (ParticipantRole::Sent, &sent),
                    (ParticipantRole::Participant, &participants),
                ] {
                    for name in names(list.as_deref()) {
                        input.participants.push(ParticipantInput {
                            member_id: find_member(tx, &name, today)?.id,
                            role,
                        });
                    }
                }
                activities::add(tx, &input, today, actor())
            })?;
            if json {
                print_json(&a);
            } else {
                outln!("已记录{}（{}）：{}", a.display_name(), a.held_on, a.id);
            }
        }
        ActivityCommand::Edit {
            id,
            kind,
            series,
            issue,
            title,
            date,
            place,
            book,
            author,
            destination,
            days,
            participants,
            speakers,
            sharers,
            sent,
            json,
        } => {
            let a = db.write(|tx| {
                let now = activities::get(tx, &id)?;
                let mut input = input_of(&now);
                let series_changed = series.as_ref().is_some_and(|s| s.trim() != now.series);
                if let Some(kind) = kind {
                    input.kind = Some(kind);
                }
                if let Some(series) = series {
                    input.series = series;
                }
                if issue.is_some() || series_changed {
                    input.issue_no = issue;
                }
                for (field, value) in [
                    (&mut input.title, title),
                    (&mut input.held_on, date),
                    (&mut input.place, place),
                    (&mut input.book, book),
                    (&mut input.author, author),
                    (&mut input.destination, destination),
                ] {
                    if let Some(value) = value {
                        *field = value;
                    }
                }
                if days.is_some() {
                    input.duration_days = days;
                }
                for (role, list) in [
                    (ParticipantRole::Speaker, &speakers),
                    (ParticipantRole::Sharer, &sharers),
                    (ParticipantRole::Sent, &sent),
                    (ParticipantRole::Participant, &participants),
                ] {
                    let Some(list) = list else { continue };
                    input.participants.retain(|p| p.role != role);
                    for name in names(Some(list.as_str())) {
                        let member_id = find_member(tx, &name, today)?.id;
                        // Named in this role, a member leaves any other one.
                        input.participants.retain(|p| p.member_id != member_id);
                        input
                            .participants
                            .push(ParticipantInput { member_id, role });
                    }
                }
                activities::update(tx, &id, &input, today, actor())
            })?;
            if json {
                print_json(&a);
            } else {
                outln!("已修改{}（{}）：{}", a.display_name(), a.held_on, a.id);
            }
        }
        ActivityCommand::List {
            year,
            kind,
            series,
            json,
        } => {
            let q = ActivityQuery {
                kind,
                series,
                year,
                member_id: None,
            };
            let list = db.read(|c| activities::list(c, &q))?;
            if json {
                print_json(&list);
            } else if list.is_empty() {
                outln!("没有活动记录。用 `zhibu activity add` 记录。");
            } else {
                for a in list {
                    outln!(
                        "{}  {:<6}  {}  参加 {} 人",
                        a.held_on,
                        a.kind.label(),
                        a.display_name(),
                        a.participants.len()
                    );
                }
            }
        }
    }
    Ok(())
}

/// A saved activity as the input that would save it again unchanged.
fn input_of(a: &activities::Activity) -> ActivityInput {
    ActivityInput {
        kind: Some(a.kind),
        series: a.series.clone(),
        issue_no: a.issue_no,
        title: a.title.clone(),
        held_on: a.held_on.to_string(),
        start_time: a.start_time.clone(),
        end_time: a.end_time.clone(),
        place: a.place.clone(),
        description: a.description.clone(),
        book: a.book.clone(),
        author: a.author.clone(),
        destination: a.destination.clone(),
        duration_days: a.duration_days,
        participants: a
            .participants
            .iter()
            .map(|p| ParticipantInput {
                member_id: p.member_id.clone(),
                role: p.role,
            })
            .collect(),
    }
}
