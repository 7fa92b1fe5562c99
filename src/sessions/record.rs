//! What a session is: its codes (attendance, resolution kinds, opinions), what the form and
//! the CLI send (`SessionInput` and its parts), and what is stored and read back (`Session`,
//! its rows, resolutions and head count).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::quorum::Quorum;
use super::rules::Obligation;
use crate::code_enum;

code_enum!(
    /// 出席 / 请假 / 缺席.
    AttendanceStatus {
        Present = "present" / "出席" | "到会",
        Leave = "leave" / "请假",
        Absent = "absent" / "缺席",
    }
);

code_enum!(
    /// A resolution, or an election (换届, 补选) with its stricter quorum.
    ResolutionKind {
        Resolution = "resolution" / "决议",
        Election = "election" / "选举",
        Admission = "admission" / "接收预备党员",
        Confirmation = "confirmation" / "预备党员转正",
    }
);

impl ResolutionKind {
    /// Votes on admitting a 预备党员 or on 转正, where absent voters' written opinions count.
    pub fn takes_written_opinions(self) -> bool {
        matches!(
            self,
            ResolutionKind::Admission | ResolutionKind::Confirmation
        )
    }
}

code_enum!(
    /// A written opinion (书面意见) handed in by a voter who could not attend.
    Opinion {
        For = "for" / "赞成",
        Against = "against" / "反对",
        Abstain = "abstain" / "弃权",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WrittenOpinionInput {
    pub member_id: String,
    pub opinion: Opinion,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct WrittenOpinion {
    pub member_id: String,
    /// The member's name.
    pub member: String,
    pub opinion: Opinion,
}

/// Whether the session met the test of one obligation it counts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ObligationMet {
    pub obligation: Obligation,
    pub met: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AgendaItemInput {
    pub title: String,
    /// 第一议题: studying the latest central speeches and instructions.
    pub first_topic: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ResolutionInput {
    pub title: String,
    pub kind: ResolutionKind,
    pub votes_for: u32,
    pub votes_against: u32,
    pub votes_abstain: u32,
    /// What the secretary claims; refused when the votes do not carry it.
    pub passed: bool,
    /// Absent voters' 书面意见, for an admission or a 转正 only.
    #[serde(default)]
    pub written: Vec<WrittenOpinionInput>,
    /// The person an admission or a 转正 decides on.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub subject_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttendanceInput {
    pub member_id: String,
    pub status: AttendanceStatus,
    #[serde(default)]
    pub reason: String,
}

/// What the session form and `zhibu session add` send. Members who should attend but are not
/// listed in `attendance` are recorded with the status `others` (absent when not given).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SessionInput {
    /// An obligation code (`general_meeting`, ...) or Chinese name, or the name of one of the
    /// branch's own kinds (created first in 支部设置; an unknown name is refused).
    pub kind: String,
    /// The other obligations this session counts for.
    pub also: Vec<Obligation>,
    pub held_on: String,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub place: String,
    pub title: String,
    pub party_group_id: Option<String>,
    pub host_id: Option<String>,
    pub recorder_id: Option<String>,
    pub lecturer_id: Option<String>,
    /// A lecturer from outside the branch.
    pub lecturer_name: String,
    pub topic: String,
    pub minutes: String,
    pub agenda: Vec<AgendaItemInput>,
    pub resolutions: Vec<ResolutionInput>,
    pub attendance: Vec<AttendanceInput>,
    /// The status of those who should attend and are not in `attendance` ("all present" and
    /// the exceptions).
    pub others: Option<AttendanceStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AttendanceRow {
    pub member_id: String,
    pub name: String,
    pub status: AttendanceStatus,
    pub reason: String,
    /// Among those who should attend (应到).
    pub expected: bool,
    /// Excused from attending: shown, not counted.
    pub exempt: bool,
    /// Left out of 应到 (中组部's five cases): shown, not counted for quorum and votes.
    pub excluded: bool,
    pub has_vote: bool,
}

impl AttendanceRow {
    /// Counted in 应到: expected, neither excused nor left out.
    pub fn counted(&self) -> bool {
        self.expected && !self.exempt && !self.excluded
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Resolution {
    pub title: String,
    pub kind: ResolutionKind,
    pub votes_for: u32,
    pub votes_against: u32,
    pub votes_abstain: u32,
    /// Absent voters' 书面意见, counted in the tally with the votes of those present.
    pub written: Vec<WrittenOpinion>,
    pub passed: bool,
    /// The person an admission or a 转正 decides on, and their name.
    pub subject_id: Option<String>,
    pub subject: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HeadCount {
    /// 应到: who should attend, less the exempted and those left out.
    pub expected: u32,
    pub present: u32,
    pub leave: u32,
    pub absent: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Session {
    pub id: String,
    pub kind: String,
    pub kind_label: String,
    /// Every obligation it counts for, its own kind first.
    pub counts_for: Vec<Obligation>,
    pub held_on: NaiveDate,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub place: String,
    pub title: String,
    pub party_group_id: Option<String>,
    pub party_group: Option<String>,
    pub host_id: Option<String>,
    pub recorder_id: Option<String>,
    pub lecturer_id: Option<String>,
    pub lecturer_name: String,
    pub topic: String,
    pub minutes: String,
    pub agenda: Vec<AgendaItemInput>,
    pub resolutions: Vec<Resolution>,
    pub attendance: Vec<AttendanceRow>,
    pub head_count: HeadCount,
    /// For a 党员大会 (more than half of the branch's voters) or a 支委会 (more than half of
    /// the committee): whether enough were present.
    pub quorum: Option<Quorum>,
    /// With an election: more than four fifths of the branch's voters, for the election only.
    pub election_quorum: Option<Quorum>,
    /// Each obligation it counts for, its own kind first, and whether its test was met.
    pub obligations: Vec<ObligationMet>,
}
