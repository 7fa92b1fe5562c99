//! The demo branch's year: 三会一课 and the other obligations from January up to the day
//! before "today", with a few periods missed the way real branches miss them (a 支委会 in
//! April, the 主题党日 over Spring Festival, the second-quarter 党员大会), the current month's
//! 支委会 still open, and the activities of the 永川 seed page (学思行微讲堂 up to 第19期,
//! 诵经典, 政务服务大讲堂, 读书分享会, 外出学习, 志愿服务), and 学时 from 学习强国, 干部网络学院
//! and a training course. Everything goes through `sessions::add`, `activities::add` and
//! `study::add_entries`, so the demo obeys the same rules as user input.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::Connection;

use super::{GROUPS, PEOPLE};
use crate::activities::{self, ActivityInput, ActivityKind, ParticipantInput, ParticipantRole};
use crate::branch;
use crate::error::Result;
use crate::members::{self, CommitteeRole, Stage};
use crate::rule_sets::{Dated, RuleSet};
use crate::sessions::{
    self, AgendaItemInput, AttendanceInput, AttendanceStatus, Obligation, Opinion, ResolutionInput,
    ResolutionKind, SessionInput, WrittenOpinionInput,
};
use crate::study::{self, EntryInput, EntrySource, StudyCategory, TargetRuleSet};

const PLACE: &str = "区行政服务中心三楼党员活动室";

/// 第一议题 and the month's theme, one per month.
pub(super) const THEMES: [&str; 12] = [
    "学习贯彻党的二十大精神，谋划全年政务服务工作",
    "新春走基层，倾听企业群众办事心声",
    "学雷锋志愿服务月：“阳光政务服务”进社区",
    "缅怀革命先烈，传承红色基因",
    "深化“放管服”改革，优化营商环境",
    "“一件事一次办”改革成效交流",
    "庆祝建党节，重温入党誓词",
    "作风效能提升：从“能办”到“好办”",
    "学习《中国共产党纪律处分条例》",
    "喜迎国庆，讲好政务服务故事",
    "跨域通办经验分享",
    "年终回顾：对标“四强”查找差距",
];

pub(super) const BOOKS: [(&str, &str); 4] = [
    ("习近平谈治国理政（第四卷）", "习近平"),
    ("之江新语", "习近平"),
    ("平凡的世界", "路遥"),
    ("红岩", "罗广斌、杨益言"),
];

/// The demo branch being filled in: what each part of its records (here, and the dues,
/// pipeline and 四强 beside it) writes with.
pub(super) struct Demo<'a> {
    pub(super) conn: &'a Connection,
    pub(super) today: NaiveDate,
    pub(super) actor: &'a str,
    ids: HashMap<&'static str, String>,
    groups: Vec<String>,
}

pub(super) fn create(conn: &Connection, today: NaiveDate, actor: &str) -> Result<()> {
    let mut ids = HashMap::new();
    for p in PEOPLE {
        ids.insert(p.name, members::get_by_name(conn, p.name, today)?.id);
    }
    let all_groups = branch::list_groups(conn)?;
    let groups = GROUPS
        .iter()
        .filter_map(|name| all_groups.iter().find(|g| g.name == *name))
        .map(|g| g.id.clone())
        .collect();
    let demo = Demo {
        conn,
        today,
        actor,
        ids,
        groups,
    };
    demo.sessions_of_the_year()?;
    demo.activities()?;
    demo.study_hours()?;
    super::dues::create(&demo)?;
    super::pipeline::create(&demo)?;
    super::strengths::create(&demo)
}

impl Demo<'_> {
    /// Hours from outside the branch's own meetings: 学习强国 and 干部网络学院 totals entered
    /// each quarter (some members far less than others), and the committee's training course.
    fn study_hours(&self) -> Result<()> {
        let mut entries = Vec::new();
        let entry = |name: &str, on: NaiveDate, hours: f64, category: StudyCategory, note: &str| {
            EntryInput {
                member_id: self.id(name),
                occurred_on: on.to_string(),
                hours,
                category: category.code().into(),
                note: note.into(),
                entered_by: "王志强".into(),
                ..Default::default()
            }
        };
        let members: Vec<&'static str> = PEOPLE
            .iter()
            .filter(|p| matches!(p.stage, Stage::Full | Stage::Probationary))
            .map(|p| p.name)
            .collect();
        for (quarter_end, label) in [(3, "第一季度"), (6, "第二季度"), (9, "第三季度")]
        {
            let Some(on) = self.past(quarter_end, 28) else {
                continue;
            };
            for (i, name) in members.iter().enumerate() {
                // Some members hardly use the platforms and fall behind the branch's 50.
                let hours = match i % 6 {
                    0 => 3.0,
                    1 | 4 => 2.0,
                    2 => 1.0,
                    _ => continue,
                };
                let note = format!("{label}学习强国学习时长");
                entries.push(entry(name, on, hours, StudyCategory::XuexiQiangguo, &note));
                if i % 4 == 0 {
                    let note = format!("{label}干部网络学院专题课");
                    entries.push(entry(name, on, 2.0, StudyCategory::CadreOnline, &note));
                }
            }
        }
        if let Some(on) = self.past(6, 12) {
            for name in self.committee() {
                entries.push(entry(
                    name,
                    on,
                    8.0,
                    StudyCategory::TrainingCourse,
                    "全区党支部书记和支委委员培训班（全天）",
                ));
            }
        }
        study::add_entries(
            self.conn,
            &entries,
            EntrySource::Manual,
            self.today,
            self.actor,
        )?;
        self.left_early("罗娟")?;
        // The seed page's practice: 50 学时 per person, from the start of the year.
        let mut targets = TargetRuleSet::defaults();
        targets.version = "支部要求每人每年50学时".into();
        targets.effective_from = NaiveDate::from_ymd_opt(self.today.year(), 1, 1).expect("valid");
        targets.branch_wide = Some(50.0);
        targets.save(self.conn, self.actor)
    }

    /// A member who left her last three meetings early: each credit corrected to the half
    /// hour she stayed, which puts her behind the pace of the year.
    fn left_early(&self, name: &str) -> Result<()> {
        let query = study::CreditQuery {
            member_id: Some(self.id(name)),
            year: self.today.year(),
            as_of: Some(self.today),
        };
        let credits: Vec<EntryInput> = study::credits(self.conn, &query)?
            .into_iter()
            .rev()
            .filter(|l| l.source == EntrySource::Attendance && l.occurred_on < self.today)
            .take(3)
            .map(|l| EntryInput {
                member_id: l.member_id,
                occurred_on: l.occurred_on.to_string(),
                hours: 0.5,
                category: l.category,
                session_id: l.session_id,
                replaces_credit: true,
                note: "中途离会，按实际在场时间更正".into(),
                entered_by: "王志强".into(),
                ..Default::default()
            })
            .collect();
        study::add_entries(
            self.conn,
            &credits,
            EntrySource::Manual,
            self.today,
            self.actor,
        )?;
        Ok(())
    }

    pub(super) fn id(&self, name: &str) -> String {
        self.ids[name].clone()
    }

    /// A day of this year, if it is already past.
    fn past(&self, month: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.today.year(), month, day).filter(|d| *d < self.today)
    }

    /// Full members of long standing (always on the roster, never 流动), optionally of a group.
    fn regulars(&self, group: Option<usize>) -> Vec<&'static str> {
        PEOPLE
            .iter()
            .enumerate()
            .filter(|(seq, p)| p.stage == Stage::Full && *seq != 17)
            .filter(|(_, p)| group.is_none_or(|g| p.group == g))
            .map(|(_, p)| p.name)
            .collect()
    }

    fn committee(&self) -> Vec<&'static str> {
        PEOPLE
            .iter()
            .filter(|p| !p.roles.is_empty())
            .map(|p| p.name)
            .collect()
    }

    fn secretary(&self) -> &'static str {
        PEOPLE
            .iter()
            .find(|p| p.roles.contains(&CommitteeRole::Secretary))
            .map(|p| p.name)
            .expect("the demo has a secretary")
    }

    /// Everyone present but one or two on leave, chosen by `seed` from `pool`.
    fn mostly_present(&self, pool: &[&str], seed: usize, leaves: usize) -> Vec<AttendanceInput> {
        const REASONS: [&str; 4] = ["窗口值班", "外出办事", "病假", "参加区里培训"];
        (0..leaves.min(pool.len().saturating_sub(1)))
            .map(|k| AttendanceInput {
                member_id: self.id(pool[(seed * 3 + k * 5) % pool.len()]),
                status: AttendanceStatus::Leave,
                reason: REASONS[(seed + k) % REASONS.len()].into(),
            })
            .collect()
    }

    fn session(&self, on: NaiveDate, kind: Obligation, input: SessionInput) -> Result<()> {
        let input = SessionInput {
            kind: kind.code().into(),
            held_on: on.to_string(),
            place: if input.place.is_empty() {
                PLACE.into()
            } else {
                input.place
            },
            others: input.others.or(Some(AttendanceStatus::Present)),
            ..input
        };
        let input = self.excluded_on_leave(input)?;
        sessions::add(self.conn, &input, self.today, self.actor)?;
        Ok(())
    }

    /// Those left out of 应到 that day did not come: they are listed on leave, with why.
    fn excluded_on_leave(&self, mut input: SessionInput) -> Result<SessionInput> {
        let preview = sessions::preview(self.conn, &input, self.today)?;
        for row in preview
            .session
            .attendance
            .iter()
            .filter(|r| r.excluded && r.status == AttendanceStatus::Present)
        {
            input.attendance.retain(|a| a.member_id != row.member_id);
            input.attendance.push(AttendanceInput {
                member_id: row.member_id.clone(),
                status: AttendanceStatus::Leave,
                reason: "因私出国（境），不计入应到".into(),
            });
        }
        Ok(input)
    }

    fn first_topic(&self, month: u32) -> Vec<AgendaItemInput> {
        vec![
            AgendaItemInput {
                title: "第一议题：学习习近平总书记最新重要讲话和重要指示批示精神".into(),
                first_topic: true,
            },
            AgendaItemInput {
                title: THEMES[(month - 1) as usize].into(),
                first_topic: false,
            },
        ]
    }

    fn sessions_of_the_year(&self) -> Result<()> {
        let secretary = self.id(self.secretary());
        let recorder = self.id("王志强");
        let committee = self.committee();
        let this_month = self.today.month();
        for month in 1..=12u32 {
            let seed = month as usize;
            let theme = THEMES[(month - 1) as usize];
            // 支委会 every month on the 8th; April's was never held, and this month's is
            // still to come.
            if let Some(on) = self
                .past(month, 8)
                .filter(|_| month != 4 && month != this_month)
            {
                self.session(
                    on,
                    Obligation::CommitteeMeeting,
                    SessionInput {
                        start_time: Some("09:00".into()),
                        end_time: Some("10:30".into()),
                        title: format!("{month}月支委会"),
                        host_id: Some(secretary.clone()),
                        recorder_id: Some(recorder.clone()),
                        agenda: self.first_topic(month),
                        minutes:
                            "传达学习上级精神，研究本月党建和业务重点工作，明确责任人和完成时限。"
                                .into(),
                        attendance: self.mostly_present(
                            &committee,
                            seed,
                            usize::from(month % 5 == 1),
                        ),
                        ..Default::default()
                    },
                )?;
            }
            // 主题党日 on the 15th, skipped over Spring Festival; once a quarter it is held
            // with a 党课 and counts for both.
            if let Some(on) = self.past(month, 15).filter(|_| month != 2) {
                let with_lecture = [3, 5, 8, 11].contains(&month);
                let lecturer = committee[seed % committee.len()];
                self.session(
                    on,
                    Obligation::ThemeDay,
                    SessionInput {
                        also: if with_lecture {
                            vec![Obligation::PartyLecture]
                        } else {
                            Vec::new()
                        },
                        start_time: Some("14:30".into()),
                        end_time: Some("17:00".into()),
                        title: format!("{month}月主题党日"),
                        topic: theme.into(),
                        lecturer_id: with_lecture.then(|| self.id(lecturer)),
                        host_id: Some(secretary.clone()),
                        recorder_id: Some(recorder.clone()),
                        agenda: self.first_topic(month),
                        attendance: self.mostly_present(&self.regulars(None), seed, 2),
                        ..Default::default()
                    },
                )?;
            }
            // 党小组会 on the 20th in each group; the fourth group missed May and September,
            // the second missed July.
            for (g, group_id) in self.groups.iter().enumerate() {
                let missed = (g == 3 && (month == 5 || month == 9)) || (g == 1 && month == 7);
                if let Some(on) = self.past(month, 20).filter(|_| !missed) {
                    self.session(
                        on,
                        Obligation::GroupMeeting,
                        SessionInput {
                            party_group_id: Some(group_id.clone()),
                            title: format!("{month}月党小组会"),
                            topic: format!("学习讨论：{theme}"),
                            agenda: self.first_topic(month),
                            attendance: self.mostly_present(&self.regulars(Some(g)), seed + g, 1),
                            ..Default::default()
                        },
                    )?;
                }
            }
        }
        self.general_meetings(&secretary, &recorder)?;
        // 书记讲党课 before 七一: a 党课 given by the secretary counts for both.
        if let Some(on) = self.past(6, 28) {
            self.session(
                on,
                Obligation::PartyLecture,
                SessionInput {
                    title: "七一专题党课".into(),
                    topic: "践行初心使命，争创“四强”党支部".into(),
                    lecturer_id: Some(secretary.clone()),
                    recorder_id: Some(recorder.clone()),
                    attendance: self.mostly_present(&self.regulars(None), 6, 1),
                    ..Default::default()
                },
            )?;
        }
        // 谈心谈话: the secretary with each committee member in March, and with a few members.
        let talks = committee.iter().skip(1).map(|name| (3, *name)).chain([
            (5, "杨丽"),
            (6, "孙伟"),
            (9, "林峰"),
            (10, "宋涛"),
        ]);
        for (k, (month, name)) in talks.enumerate() {
            if let Some(on) = self.past(month, 10 + k as u32) {
                self.session(
                    on,
                    Obligation::HeartToHeartTalk,
                    SessionInput {
                        place: "支部书记办公室".into(),
                        topic: "思想、工作和生活情况交流".into(),
                        attendance: [secretary.clone(), self.id(name)]
                            .into_iter()
                            .map(|member_id| AttendanceInput {
                                member_id,
                                status: AttendanceStatus::Present,
                                reason: String::new(),
                            })
                            .collect(),
                        others: Some(AttendanceStatus::Absent),
                        ..Default::default()
                    },
                )?;
            }
        }
        Ok(())
    }

    /// 党员大会 in March and September; the second quarter's was missed, the fourth is open.
    fn general_meetings(&self, host: &str, recorder: &str) -> Result<()> {
        let meetings = [
            (3, 26, "审议支部年度党建工作要点和责任清单"),
            (9, 24, "通报上半年党建工作，审议下半年工作安排"),
        ];
        for (k, (month, day, resolution)) in meetings.into_iter().enumerate() {
            let Some(on) = self.past(month, day) else {
                continue;
            };
            let input = SessionInput {
                kind: Obligation::GeneralMeeting.code().into(),
                held_on: on.to_string(),
                start_time: Some("15:00".into()),
                end_time: Some("17:00".into()),
                place: PLACE.into(),
                title: format!("{month}月支部党员大会"),
                host_id: Some(host.into()),
                recorder_id: Some(recorder.into()),
                agenda: self.first_topic(month),
                attendance: self.mostly_present(&self.regulars(None), k + 1, 2),
                others: Some(AttendanceStatus::Present),
                ..Default::default()
            };
            // Everyone present with a vote votes for; the preview says how many that is.
            let mut input = self.excluded_on_leave(input)?;
            let preview = sessions::preview(self.conn, &input, self.today)?;
            let voters = preview
                .session
                .attendance
                .iter()
                .filter(|r| r.has_vote && r.status == AttendanceStatus::Present)
                .count() as u32;
            input.resolutions = vec![ResolutionInput {
                title: resolution.into(),
                kind: ResolutionKind::Resolution,
                votes_for: voters,
                votes_against: 0,
                votes_abstain: 0,
                passed: true,
                written: vec![],
                subject_id: None,
            }];
            // The first meeting also admits a 预备党员: a voter on leave sent a written 赞成.
            if k == 0 {
                let written = preview
                    .session
                    .attendance
                    .iter()
                    .filter(|r| r.counted() && r.has_vote && r.status == AttendanceStatus::Leave)
                    .map(|r| WrittenOpinionInput {
                        member_id: r.member_id.clone(),
                        opinion: Opinion::For,
                    })
                    .take(1)
                    .collect();
                input.resolutions.push(ResolutionInput {
                    title: "接收唐浩然同志为中共预备党员".into(),
                    kind: ResolutionKind::Admission,
                    votes_for: voters,
                    votes_against: 0,
                    votes_abstain: 0,
                    passed: true,
                    written,
                    subject_id: Some(self.id("唐浩然")),
                });
            }
            self.session(on, Obligation::GeneralMeeting, input)?;
        }
        Ok(())
    }

    fn activities(&self) -> Result<()> {
        let regulars = self.regulars(None);
        let some = |seed: usize, n: usize, role: ParticipantRole| -> Vec<ParticipantInput> {
            unique(
                (0..n)
                    .map(|k| ParticipantInput {
                        member_id: self.id(regulars[(seed * 7 + k * 3) % regulars.len()]),
                        role,
                    })
                    .collect(),
            )
        };
        let add = |input: ActivityInput| -> Result<()> {
            activities::add(self.conn, &input, self.today, self.actor)?;
            Ok(())
        };
        let ago = |months: u32, day: u32| -> NaiveDate {
            let d = self
                .today
                .checked_sub_months(Months::new(months))
                .unwrap_or(self.today);
            d.with_day(day).unwrap_or(d).min(self.today)
        };
        // 学思行微讲堂: one a month, numbered 第1期 to 第19期; the next will be 第20期.
        for k in 0..19u32 {
            let on = ago(19 - k, 25);
            let mut participants = some(k as usize, 1, ParticipantRole::Speaker);
            participants.extend(some(k as usize + 3, 8, ParticipantRole::Participant));
            let participants = unique(participants);
            add(ActivityInput {
                kind: Some(ActivityKind::LectureSeries),
                series: "学思行微讲堂".into(),
                title: THEMES[k as usize % THEMES.len()].into(),
                held_on: on.to_string(),
                place: "书香中心".into(),
                participants,
                ..Default::default()
            })?;
        }
        // 诵经典、涵品行: twice a month over the last year.
        for k in 0..24u32 {
            let on = ago(12 - k / 2, if k % 2 == 0 { 3 } else { 17 });
            add(ActivityInput {
                kind: Some(ActivityKind::ClassicsRecital),
                series: "诵经典、涵品行".into(),
                title: "晨读经典篇目".into(),
                held_on: on.to_string(),
                place: "书香中心".into(),
                participants: some(k as usize, 6, ParticipantRole::Participant),
                ..Default::default()
            })?;
        }
        // 政务服务大讲堂 twice, with a speaker from the committee.
        for (k, title) in ["政务服务礼仪与沟通技巧", "优化营商环境政策解读"]
            .into_iter()
            .enumerate()
        {
            let mut participants = vec![ParticipantInput {
                member_id: self.id(self.committee()[k + 1]),
                role: ParticipantRole::Speaker,
            }];
            participants.extend(some(k + 5, 12, ParticipantRole::Participant));
            add(ActivityInput {
                kind: Some(ActivityKind::LectureSeries),
                series: "政务服务大讲堂".into(),
                title: title.into(),
                held_on: ago(8 - 4 * k as u32, 12).to_string(),
                place: "区行政服务中心会议室".into(),
                participants: unique(participants),
                ..Default::default()
            })?;
        }
        // 读书分享会 each quarter, with who shared.
        for (k, (book, author)) in BOOKS.into_iter().enumerate() {
            let mut participants = some(k + 11, 2, ParticipantRole::Sharer);
            participants.extend(some(k + 2, 8, ParticipantRole::Participant));
            add(ActivityInput {
                kind: Some(ActivityKind::ReadingSalon),
                series: "书香中心读书分享会".into(),
                title: format!("共读《{book}》"),
                held_on: ago(12 - 3 * k as u32, 22).to_string(),
                place: "书香中心".into(),
                book: book.into(),
                author: author.into(),
                participants: unique(participants),
                ..Default::default()
            })?;
        }
        // Two committee members sent to a sister district to learn.
        add(ActivityInput {
            kind: Some(ActivityKind::StudyTrip),
            title: "赴九龙坡区行政服务中心交流锻炼".into(),
            held_on: ago(7, 6).to_string(),
            destination: "九龙坡区行政服务中心".into(),
            duration_days: Some(5),
            description: "学习“一窗综办”和“跨域通办”经验。".into(),
            participants: ["王志强", "陈敏"]
                .iter()
                .map(|n| ParticipantInput {
                    member_id: self.id(n),
                    role: ParticipantRole::Sent,
                })
                .collect(),
            ..Default::default()
        })?;
        // “阳光政务服务”志愿服务队: 上门办 for those who cannot come.
        for k in 0..3u32 {
            add(ActivityInput {
                kind: Some(ActivityKind::VolunteerService),
                series: String::new(),
                title: "“阳光政务服务”志愿服务：上门帮办代办".into(),
                held_on: ago(2 + 3 * k, 9).to_string(),
                place: ["胜利路街道", "中山路街道", "卫星湖街道"][k as usize].into(),
                participants: some(k as usize + 20, 5, ParticipantRole::Participant),
                ..Default::default()
            })?;
        }
        Ok(())
    }
}

/// Keeps the first appearance of each member.
fn unique(list: Vec<ParticipantInput>) -> Vec<ParticipantInput> {
    list.into_iter().fold(Vec::new(), |mut v, p| {
        if !v
            .iter()
            .any(|q: &ParticipantInput| q.member_id == p.member_id)
        {
            v.push(p);
        }
        v
    })
}
