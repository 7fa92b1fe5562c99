//! The length and range limits of what a person types, in one place: the core checks against
//! them and the UI's fields take them from the generated copy (`ui_text`, `limits.<name>`),
//! so a field's `maxlength` is the limit the core enforces. Lengths count characters.

/// A member's 姓名 (also a 发展对象's or 介绍人's name as typed).
pub const MEMBER_NAME: usize = 40;
/// 民族, 学历: short words.
pub const ETHNICITY: usize = 20;
pub const EDUCATION: usize = 20;
/// 籍贯, 介绍人.
pub const NATIVE_PLACE: usize = 40;
pub const INTRODUCERS: usize = 40;
/// 工作单位及职务.
pub const WORKPLACE_TITLE: usize = 80;
/// 联系电话 as typed (with spaces or dashes).
pub const PHONE: usize = 24;
/// 家庭住址.
pub const ADDRESS: usize = 200;
/// A member's 备注.
pub const MEMBER_NOTES: usize = 500;
/// The branch's name and its 上级党组织.
pub const BRANCH_NAME: usize = 60;
pub const SUPERIOR_ORG: usize = 60;
/// A 党小组's name.
pub const GROUP_NAME: usize = 30;
/// An activity's title and its series (微讲堂, 大讲堂).
pub const ACTIVITY_TITLE: usize = 200;
pub const ACTIVITY_SERIES: usize = 50;
/// A branch's own session kind's name.
pub const SESSION_KIND_NAME: usize = 30;
/// The 操作人 as named at unlock or first run.
pub const OPERATOR_NAME: usize = 20;
/// The secretary password.
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;
/// Minutes of no use before the window locks itself.
pub const IDLE_MINUTES_MAX: u32 = 240;
/// A 学时 category's name.
pub const STUDY_CATEGORY_NAME: usize = 20;
/// The most 学时 one entry may credit.
pub const ENTRY_HOURS_MAX: u32 = 200;
/// A short note on a record (a 党费 payment, a 发展 step, a 补录 reason, an indicator).
pub const NOTE: usize = 200;
/// A 四强 item's confirmation note.
pub const ATTESTATION_NOTE: usize = 2000;
/// 党费: how it was paid, and the approval document of a 免交/少交.
pub const DUES_WAY: usize = 20;
pub const APPROVAL_DOCUMENT: usize = 60;
/// An attachment's file name, and its size in bytes.
pub const ATTACHMENT_NAME: usize = 200;
pub const ATTACHMENT_BYTES: usize = 50 * 1024 * 1024;
/// The 支部委员会's most members.
pub const COMMITTEE_MAX: usize = 7;

/// Every limit by the name the UI reads it under (`limits.<name>`).
pub const LIMITS: &[(&str, usize)] = &[
    ("member_name", MEMBER_NAME),
    ("ethnicity", ETHNICITY),
    ("education", EDUCATION),
    ("native_place", NATIVE_PLACE),
    ("introducers", INTRODUCERS),
    ("workplace_title", WORKPLACE_TITLE),
    ("phone", PHONE),
    ("address", ADDRESS),
    ("member_notes", MEMBER_NOTES),
    ("branch_name", BRANCH_NAME),
    ("superior_org", SUPERIOR_ORG),
    ("group_name", GROUP_NAME),
    ("activity_title", ACTIVITY_TITLE),
    ("activity_series", ACTIVITY_SERIES),
    ("session_kind_name", SESSION_KIND_NAME),
    ("operator_name", OPERATOR_NAME),
    ("password_min", PASSWORD_MIN),
    ("password_max", PASSWORD_MAX),
    ("idle_minutes_max", IDLE_MINUTES_MAX as usize),
    ("study_category_name", STUDY_CATEGORY_NAME),
    ("entry_hours_max", ENTRY_HOURS_MAX as usize),
    ("note", NOTE),
    ("attestation_note", ATTESTATION_NOTE),
    ("dues_way", DUES_WAY),
    ("approval_document", APPROVAL_DOCUMENT),
    ("attachment_name", ATTACHMENT_NAME),
    ("attachment_bytes", ATTACHMENT_BYTES),
    ("committee_max", COMMITTEE_MAX),
    ("first_year", *crate::ids::YEARS.start() as usize),
    ("last_year", *crate::ids::YEARS.end() as usize),
];
