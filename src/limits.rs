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
/// A 四强 indicator's name and unit.
pub const INDICATOR_NAME: usize = 60;
pub const INDICATOR_UNIT: usize = 20;
/// An honour's title, who awarded it, and its note.
pub const HONOUR_TITLE: usize = 100;
pub const HONOUR_AWARDED_BY: usize = 100;
pub const HONOUR_NOTE: usize = 500;

/// The first and last year a record may fall in (`ids::YEARS`).
pub const FIRST_YEAR: i32 = *crate::ids::YEARS.start();
pub const LAST_YEAR: i32 = *crate::ids::YEARS.end();

/// `[("ID_NUMBER", 18), ...]`: each limit under its constant's name, as a count.
macro_rules! by_name {
    ($($limit:ident),* $(,)?) => {
        &[$((stringify!($limit), $limit as usize)),*]
    };
}

/// Refuses `value` longer than `max` characters as [`Reason::TooLong`] on `field`.
pub fn check(field: &'static str, value: &str, max: usize) -> Result<()> {
    if value.chars().count() > max {
        return Err(Error::validation(field, Reason::TooLong));
    }
    Ok(())
}

/// Every limit by its constant's name; the UI reads it lower-cased (`limits.id_number`).
pub const LIMITS: &[(&str, usize)] = by_name![
    ID_NUMBER,
    MEMBER_NAME,
    ETHNICITY,
    EDUCATION,
    NATIVE_PLACE,
    INTRODUCERS,
    WORKPLACE_TITLE,
    PHONE,
    ADDRESS,
    MEMBER_NOTES,
    BRANCH_NAME,
    SUPERIOR_ORG,
    GROUP_NAME,
    ACTIVITY_TITLE,
    ACTIVITY_SERIES,
    SESSION_KIND_NAME,
    OPERATOR_NAME,
    PASSWORD_MIN,
    PASSWORD_MAX,
    IDLE_MINUTES_MAX,
    STUDY_CATEGORY_NAME,
    ENTRY_HOURS_MAX,
    NOTE,
    ATTESTATION_NOTE,
    DUES_WAY,
    APPROVAL_DOCUMENT,
    ATTACHMENT_NAME,
    ATTACHMENT_BYTES,
    COMMITTEE_MAX,
    PLACE,
    SESSION_TITLE,
    OUTSIDER_NAME,
    LEAVE_REASON,
    MINUTES,
    BOOK,
    DESTINATION,
    DESCRIPTION,
    ISSUE_NO_MAX,
    DURATION_DAYS_MAX,
    VOTES_MAX,
    RULE_SET_VERSION,
    TEMPLATE_NAME,
    ENTERED_BY,
    EXEMPT_REASON,
    PIN_MIN,
    PIN_MAX,
    PHONE_SHARE_MINUTES_MAX,
    OBLIGATION_TIMES_MAX,
    ACCRUAL_HOURS_MAX,
    TARGET_HOURS_MAX,
    LECTURE_SERIES_TARGET_MAX,
    INDICATOR_NAME,
    INDICATOR_UNIT,
    HONOUR_TITLE,
    HONOUR_AWARDED_BY,
    HONOUR_NOTE,
    FIRST_YEAR,
    LAST_YEAR,
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
