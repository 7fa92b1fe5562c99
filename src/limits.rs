//! The length and range limits of what a person types, in one place: the core checks against
//! them and the UI's fields take them from the generated copy (`ui_text`, `limits.<name>`),
//! so a field's `maxlength` is the limit the core enforces. Lengths count characters.

use crate::error::{Error, Reason, Result};

/// A 身份证号's characters.
pub const ID_NUMBER: usize = 18;
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
/// A 组织生活's or activity's place.
pub const PLACE: usize = 100;
/// A 组织生活's title and topic, an agenda item, a resolution, a 党小组会's topic.
pub const SESSION_TITLE: usize = 200;
/// A name typed for someone not on the roster: an outside lecturer, a book's author.
pub const OUTSIDER_NAME: usize = 60;
/// The reason given for a leave (请假).
pub const LEAVE_REASON: usize = 60;
/// A 组织生活's minutes (会议记录).
pub const MINUTES: usize = 20_000;
/// A 读书班's book and a 参观学习's destination.
pub const BOOK: usize = 100;
pub const DESTINATION: usize = 100;
/// An activity's description.
pub const DESCRIPTION: usize = 2000;
/// An activity series' highest issue number (期数), and the longest activity in days.
pub const ISSUE_NO_MAX: u32 = 9999;
pub const DURATION_DAYS_MAX: u32 = 365;
/// The most votes one resolution may count for, against or abstaining.
pub const VOTES_MAX: u32 = 999;
/// A rule set's version name, and a 四强 template's name.
pub const RULE_SET_VERSION: usize = 60;
pub const TEMPLATE_NAME: usize = 100;
/// Who entered a 学时 entry or confirmed a 四强 item, as typed.
pub const ENTERED_BY: usize = 20;
/// Why a member is excused from the year's 学时.
pub const EXEMPT_REASON: usize = 100;
/// The self-check PIN's digits.
pub const PIN_MIN: usize = 4;
pub const PIN_MAX: usize = 8;
/// The most minutes the phone page may be shared for.
pub const PHONE_SHARE_MINUTES_MAX: u32 = 480;
/// How often one obligation may be required in its period.
pub const OBLIGATION_TIMES_MAX: u32 = 12;
/// The most 学时 one accrual rule may credit, and a 学时 target's largest value.
pub const ACCRUAL_HOURS_MAX: u32 = 48;
pub const TARGET_HOURS_MAX: u32 = 2000;
/// The branch's yearly target of 微讲堂/大讲堂 issues.
pub const LECTURE_SERIES_TARGET_MAX: u32 = 1000;

/// Refuses `value` longer than `max` characters as [`Reason::TooLong`] on `field`.
pub fn check(field: &'static str, value: &str, max: usize) -> Result<()> {
    if value.chars().count() > max {
        return Err(Error::validation(field, Reason::TooLong));
    }
    Ok(())
}

/// Every limit by the name the UI reads it under (`limits.<name>`).
pub const LIMITS: &[(&str, usize)] = &[
    ("id_number", ID_NUMBER),
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
    ("place", PLACE),
    ("session_title", SESSION_TITLE),
    ("outsider_name", OUTSIDER_NAME),
    ("leave_reason", LEAVE_REASON),
    ("minutes", MINUTES),
    ("book", BOOK),
    ("destination", DESTINATION),
    ("description", DESCRIPTION),
    ("issue_no_max", ISSUE_NO_MAX as usize),
    ("duration_days_max", DURATION_DAYS_MAX as usize),
    ("votes_max", VOTES_MAX as usize),
    ("rule_set_version", RULE_SET_VERSION),
    ("template_name", TEMPLATE_NAME),
    ("entered_by", ENTERED_BY),
    ("exempt_reason", EXEMPT_REASON),
    ("pin_min", PIN_MIN),
    ("pin_max", PIN_MAX),
    ("phone_share_minutes_max", PHONE_SHARE_MINUTES_MAX as usize),
    ("obligation_times_max", OBLIGATION_TIMES_MAX as usize),
    ("accrual_hours_max", ACCRUAL_HOURS_MAX as usize),
    ("target_hours_max", TARGET_HOURS_MAX as usize),
    (
        "lecture_series_target_max",
        LECTURE_SERIES_TARGET_MAX as usize,
    ),
    ("first_year", *crate::ids::YEARS.start() as usize),
    ("last_year", *crate::ids::YEARS.end() as usize),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_counts_characters_not_bytes() {
        assert!(check("note", &"长".repeat(NOTE), NOTE).is_ok());
        let e = check("note", &"长".repeat(NOTE + 1), NOTE).unwrap_err();
        assert!(matches!(
            e,
            Error::Validation {
                field: "note",
                reason: Reason::TooLong
            }
        ));
    }

    #[test]
    fn each_limit_has_one_name() {
        let mut names: Vec<&str> = LIMITS.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before);
    }
}
