//! The member roster (党员花名册): members, their stage and status history, and committee roles.

pub mod as_of;
pub mod committee;
pub mod import;
mod list;
mod stage_path;
pub mod standing;
mod store;
pub mod validate;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::code_enum;

pub use list::list;
pub use standing::{
    exclude, move_to_group, sanction, Exclusion, ExclusionInput, ExclusionKind, GroupMove,
    Sanction, SanctionInput, SanctionKind,
};
pub use store::{
    add, archive, get, get_by_name, get_masked, id_by_name, name_of, update, ArchiveInput,
};

code_enum!(
    /// 性别.
    Gender {
        Male = "male" / "男",
        Female = "female" / "女",
    }
);

code_enum!(
    /// 人员类别: the member's stage on the path to full membership.
    Stage {
        Applicant = "applicant" / "入党申请人" | "申请人",
        Activist = "activist" / "入党积极分子" | "积极分子",
        Candidate = "candidate" / "发展对象",
        Probationary = "probationary" / "预备党员",
        Full = "full" / "正式党员",
    }
);

code_enum!(
    /// 状态. The last three end membership in the branch and come only through archiving.
    MemberStatus {
        Normal = "normal" / "正常",
        Mobile = "mobile" / "流动",
        LostContact = "lost_contact" / "失联",
        Suspended = "suspended" / "停止党籍",
        TransferredOut = "transferred_out" / "转出",
        Expelled = "expelled" / "出党",
        Deceased = "deceased" / "去世",
    }
);

code_enum!(
    /// 党内职务 on the branch committee.
    CommitteeRole {
        Secretary = "secretary" / "支部书记" | "书记",
        DeputySecretary = "deputy_secretary" / "副书记",
        OrganizationOfficer = "organization_officer" / "组织委员",
        PublicityOfficer = "publicity_officer" / "宣传委员",
        DisciplineOfficer = "discipline_officer" / "纪检委员",
        CommitteeMember = "committee_member" / "支部委员" | "委员",
    }
);

impl MemberStatus {
    /// Statuses that mean the member has left the branch's active roster.
    pub fn ends_membership(self) -> bool {
        matches!(
            self,
            MemberStatus::TransferredOut | MemberStatus::Expelled | MemberStatus::Deceased
        )
    }
}

impl CommitteeRole {
    /// Every role but plain 委员 is held by one person at a time.
    pub fn is_unique(self) -> bool {
        self != CommitteeRole::CommitteeMember
    }
}

/// What the add and edit forms send. Dates are `YYYY-MM-DD` text, validated field by field.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct MemberInput {
    pub name: String,
    pub gender: Option<Gender>,
    pub ethnicity: String,
    pub birth_date: String,
    pub native_place: String,
    pub id_number: String,
    pub education: String,
    pub work_start_date: Option<String>,
    pub workplace_title: String,
    pub phone: String,
    /// 家庭住址; sealed at rest like the 身份证号 and phone.
    pub address: String,
    pub stage: Option<Stage>,
    /// When the member reached `stage`, for the stages before 预备党员 (default: today).
    pub stage_date: Option<String>,
    pub joined_on: Option<String>,
    pub confirmed_on: Option<String>,
    pub party_group_id: Option<String>,
    pub roles: Vec<CommitteeRole>,
    pub introducers: String,
    pub status: Option<MemberStatus>,
    pub notes: String,
    /// A stage change entered as a past record (补录): why. Without it a change the path
    /// does not allow yet is refused with what it lacks.
    pub backfill: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StageEvent {
    pub stage: Stage,
    pub occurred_on: NaiveDate,
    /// For a past record (补录): "补录：" and its reason.
    pub note: String,
    /// Entered as a past record (补录), not through the path's steps.
    pub backfill: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StatusEvent {
    pub status: MemberStatus,
    pub occurred_on: NaiveDate,
    pub note: String,
}

/// One member's full record, as the detail page and `member show` present it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub gender: Gender,
    pub ethnicity: String,
    pub birth_date: NaiveDate,
    pub native_place: String,
    pub id_number: String,
    pub education: String,
    pub work_start_date: Option<NaiveDate>,
    pub workplace_title: String,
    pub phone: String,
    pub address: String,
    pub stage: Stage,
    pub joined_on: Option<NaiveDate>,
    pub confirmed_on: Option<NaiveDate>,
    pub party_group_id: Option<String>,
    pub party_group: Option<String>,
    pub roles: Vec<CommitteeRole>,
    pub introducers: String,
    pub status: MemberStatus,
    pub notes: String,
    pub archived_on: Option<NaiveDate>,
    pub stage_history: Vec<StageEvent>,
    pub status_history: Vec<StatusEvent>,
    /// Periods left out of 应到, oldest first.
    pub exclusions: Vec<Exclusion>,
    /// 留党察看 and its dates, oldest first.
    pub sanctions: Vec<Sanction>,
    /// The 党小组 moves, oldest first.
    pub group_history: Vec<GroupMove>,
}

impl Member {
    /// The record as the edit form starts from it.
    pub fn to_input(&self) -> MemberInput {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string());
        MemberInput {
            name: self.name.clone(),
            gender: Some(self.gender),
            ethnicity: self.ethnicity.clone(),
            birth_date: self.birth_date.to_string(),
            native_place: self.native_place.clone(),
            id_number: self.id_number.clone(),
            education: self.education.clone(),
            work_start_date: date(self.work_start_date),
            workplace_title: self.workplace_title.clone(),
            phone: self.phone.clone(),
            address: self.address.clone(),
            stage: Some(self.stage),
            stage_date: None,
            joined_on: date(self.joined_on),
            confirmed_on: date(self.confirmed_on),
            party_group_id: self.party_group_id.clone(),
            roles: self.roles.clone(),
            introducers: self.introducers.clone(),
            status: Some(self.status),
            notes: self.notes.clone(),
            backfill: String::new(),
        }
    }
}

/// A roster row: what a list shows, with 身份证号 and phone masked.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MemberSummary {
    pub id: String,
    pub name: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub id_number_masked: String,
    pub phone_masked: String,
    pub stage: Stage,
    pub status: MemberStatus,
    pub party_group_id: Option<String>,
    pub party_group: Option<String>,
    pub roles: Vec<CommitteeRole>,
    pub joined_on: Option<NaiveDate>,
    pub confirmed_on: Option<NaiveDate>,
    pub archived_on: Option<NaiveDate>,
}

code_enum!(
    /// Columns the roster can be sorted by.
    RosterSort {
        Name = "name" / "姓名",
        BirthDate = "birth_date" / "出生日期",
        Stage = "stage" / "人员类别",
        JoinedOn = "joined_on" / "入党日期",
        PartyGroup = "party_group" / "党小组",
    }
);

/// The roster page's search, filters, sort and page.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RosterQuery {
    /// Part of a name, or the last digits of a 身份证号.
    pub search: Option<String>,
    pub stage: Option<Stage>,
    pub party_group_id: Option<String>,
    pub status: Option<MemberStatus>,
    /// Show the archived (left the branch) instead of the active roster.
    pub archived: bool,
    pub sort: Option<RosterSort>,
    pub descending: bool,
    pub offset: u32,
    /// At most this many rows; 0 means all.
    pub limit: u32,
}

/// Members per stage on the active roster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StageCounts {
    pub applicant: u32,
    pub activist: u32,
    pub candidate: u32,
    pub probationary: u32,
    pub full: u32,
    pub total: u32,
    /// 有表决权 today: 正式党员 not under 留党察看 (the roster as of the day).
    pub voters: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RosterPage {
    /// Rows matching the filters, before paging.
    pub total: u32,
    pub rows: Vec<MemberSummary>,
    pub counts: StageCounts,
}
