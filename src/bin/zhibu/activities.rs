//! `zhibu activity …`: lecture series, reading salons, study trips and other activities.

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use crate::actor;
use zhibu::activities::{
    self, ActivityInput, ActivityKind, ActivityQuery, ParticipantInput, ParticipantRole,
};
use zhibu::{Db, Error};

use super::sessions::names;
use super::{find_member, outln, parse_code, print_json};

/// What `activity add` and `activity edit` share: given to `add`, an option sets the field
/// (left out: empty); given to `edit`, it changes it (left out: kept; a role's list given
/// replaces that role's members).
#[derive(Args)]
pub struct ActivityFields {
    /// The series (微讲堂, 政务服务大讲堂, ...); "" makes it a one-off
    #[arg(long)]
    series: Option<String>,
    /// 期数, when recording an older issue
    #[arg(long)]
    issue: Option<u32>,
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    place: Option<String>,
    /// 读书分享会: the book and its author
    #[arg(long)]
    book: Option<String>,
    #[arg(long)]
    author: Option<String>,
    /// 外出学习: where, and for how many days
    #[arg(long)]
    destination: Option<String>,
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
}

impl ActivityFields {
    /// Each role with the names given for it.
    fn roles(&self) -> [(ParticipantRole, Option<&str>); 4] {
        [
            (ParticipantRole::Speaker, self.speakers.as_deref()),
            (ParticipantRole::Sharer, self.sharers.as_deref()),
            (ParticipantRole::Sent, self.sent.as_deref()),
            (ParticipantRole::Participant, self.participants.as_deref()),
        ]
    }

    /// Sets on `input` each field given, and the members of each role given (`find` turns
    /// names into member ids). On an edit (`moves`), a member named in a role leaves any other
    /// one; on an add, a member named twice is refused by the core.
    fn apply(
        &self,
        input: &mut ActivityInput,
        moves: bool,
        mut find: impl FnMut(&str) -> Result<String, Error>,
    ) -> Result<(), Error> {
        let series_changed = self
            .series
            .as_ref()
            .is_some_and(|s| s.trim() != input.series);
        if let Some(series) = &self.series {
            input.series = series.clone();
        }
        if self.issue.is_some() || series_changed {
            input.issue_no = self.issue;
        }
        for (field, value) in [
            (&mut input.title, &self.title),
            (&mut input.place, &self.place),
            (&mut input.book, &self.book),
            (&mut input.author, &self.author),
            (&mut input.destination, &self.destination),
        ] {
            if let Some(value) = value {
                *field = value.clone();
            }
        }
        if self.days.is_some() {
            input.duration_days = self.days;
        }
        for (role, list) in self.roles() {
            let Some(list) = list else { continue };
            input.participants.retain(|p| p.role != role);
            for name in names(Some(list)) {
                let member_id = find(&name)?;
                if moves {
                    input.participants.retain(|p| p.member_id != member_id);
                }
                input
                    .participants
                    .push(ParticipantInput { member_id, role });
            }
        }
        Ok(())
    }
}

#[derive(Subcommand)]
pub enum ActivityCommand {
    /// Record an activity; a series activity gets the next 期 number unless --issue is given
    Add {
        /// lecture_series | reading_salon | classics_recital | study_trip | volunteer_service |
        /// other (or 微讲堂, 读书分享会, 诵经典, 外出学习, 志愿服务)
        #[arg(long, value_parser = parse_code::<ActivityKind>)]
        kind: ActivityKind,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        #[command(flatten)]
        fields: ActivityFields,
    },
    /// Change a saved activity, by id; options not given keep their value (a role's list
    /// given replaces that role's members)
    Edit {
        id: String,
        #[arg(long, value_parser = parse_code::<ActivityKind>)]
        kind: Option<ActivityKind>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[command(flatten)]
        fields: ActivityFields,
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
        ActivityCommand::Add { kind, date, fields } => {
            let a = db.write(|tx| {
                let mut input = ActivityInput {
                    kind: Some(kind),
                    held_on: date,
                    ..Default::default()
                };
                fields.apply(&mut input, false, |name| {
                    Ok(find_member(tx, name, today)?.id)
                })?;
                activities::add(tx, &input, today, actor())
            })?;
            if fields.json {
                print_json(&a);
            } else {
                outln!("已记录{}（{}）：{}", a.display_name(), a.held_on, a.id);
            }
        }
        ActivityCommand::Edit {
            id,
            kind,
            date,
            fields,
        } => {
            let a = db.write(|tx| {
                let now = activities::get(tx, &id)?;
                let mut input = input_of(&now);
                if let Some(kind) = kind {
                    input.kind = Some(kind);
                }
                if let Some(date) = date {
                    input.held_on = date;
                }
                fields.apply(
                    &mut input,
                    true,
                    |name| Ok(find_member(tx, name, today)?.id),
                )?;
                activities::update(tx, &id, &input, today, actor())
            })?;
            if fields.json {
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
