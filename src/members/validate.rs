//! Field rules for the roster: 身份证号 (GB 11643), phones, dates in order, stage consistency.

use chrono::{Datelike, Months, NaiveDate};

use super::{Gender, MemberInput, MemberStatus, Stage};
use crate::error::{Error, Reason, Result};
use crate::ids::{parse_any_date, parse_opt_date};
use crate::pipeline::PipelineRuleSet;

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS: &[u8; 11] = b"10X98765432";

/// The GB 11643 check character for the first 17 digits.
pub fn id_check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17
        .bytes()
        .zip(ID_WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    Some(ID_CHECK_CHARS[(sum % 11) as usize] as char)
}

/// A 身份证号 checked for shape and check digit, upper-cased; returns the birth date and gender it encodes.
pub fn parse_id_number(raw: &str) -> Result<(String, NaiveDate, Gender)> {
    let id = raw.trim().to_ascii_uppercase();
    let field = "id_number";
    if id.is_empty() {
        return Err(Error::validation(field, Reason::Required));
    }
    let well_formed = id.len() == crate::limits::ID_NUMBER
        && id.as_bytes()[..17].iter().all(u8::is_ascii_digit)
        && matches!(id.as_bytes()[17], b'0'..=b'9' | b'X');
    if !well_formed {
        return Err(Error::validation(field, Reason::IdNumberFormat));
    }
    let birth = NaiveDate::parse_from_str(&id[6..14], "%Y%m%d")
        .map_err(|_| Error::validation(field, Reason::IdNumberBirthDate))?;
    if id_check_char(&id[..17]) != Some(id.as_bytes()[17] as char) {
        return Err(Error::validation(field, Reason::IdNumberChecksum));
    }
    let gender = if (id.as_bytes()[16] - b'0') % 2 == 1 {
        Gender::Male
    } else {
        Gender::Female
    };
    Ok((id, birth, gender))
}

/// Mobile (11 digits from 13–19) or landline with area code (010-12345678, 023 6123 4567, 0236123456-801).
pub fn valid_phone(phone: &str) -> bool {
    let compact = |s: &str| -> String { s.chars().filter(|c| !matches!(c, ' ' | '-')).collect() };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let whole = compact(phone);
    if whole.len() == 11 && whole.starts_with('1') && digits(&whole) {
        return matches!(whole.as_bytes()[1], b'3'..=b'9');
    }
    // Landline: area code 0xx or 0xxx, then 7–8 digits (written together or apart), and an
    // optional extension of 1–6 digits after a dash that follows a whole number.
    let landline = |s: &str| {
        let all = compact(s);
        all.starts_with('0') && (10..=12).contains(&all.len()) && digits(&all)
    };
    let phone = phone.trim();
    let main = match phone.rsplit_once('-') {
        Some((number, ext)) if (1..=6).contains(&ext.len()) && digits(ext) && landline(number) => {
            number
        }
        _ => phone,
    };
    match main.split_once(['-', ' ']) {
        Some((area, number)) => {
            let number = number.replace(' ', "");
            area.starts_with('0')
                && (3..=4).contains(&area.len())
                && digits(area)
                && (7..=8).contains(&number.len())
                && digits(&number)
        }
        None => landline(main),
    }
}

/// 身份证号 masked for lists, exports and the change log: no character shown. With the birth
/// date, gender and 籍贯 in clear beside it, any digit shown (region, sequence, check digit)
/// would narrow the number down to a handful.
pub fn mask_id_number(id: &str) -> String {
    "*".repeat(id.chars().count())
}

/// Phone masked for lists: at least four digits always hidden. An 11-digit number keeps its
/// first three and last four (138****5678); a shorter one only its last two; one too short
/// to hide four digits that way shows none. Other characters (a dash) stay. A `*` counts as
/// a digit, so an old masked form masks again to what the number itself would give.
pub fn mask_phone(phone: &str) -> String {
    let is_digit = |c: char| c.is_ascii_digit() || c == '*';
    let digits = phone.chars().filter(|c| is_digit(*c)).count();
    let (head, tail) = match digits {
        11.. => (3, 4),
        6..=10 => (0, 2),
        _ => (0, 0),
    };
    let mut seen = 0;
    phone
        .chars()
        .map(|c| {
            if !is_digit(c) {
                return c;
            }
            seen += 1;
            if seen <= head || seen > digits - tail {
                c
            } else {
                '*'
            }
        })
        .collect()
}

/// A member's input after validation, with every value in its proper type.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidMember {
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
    pub stage_date: NaiveDate,
    pub joined_on: Option<NaiveDate>,
    pub confirmed_on: Option<NaiveDate>,
    pub party_group_id: Option<String>,
    pub introducers: String,
    pub status: MemberStatus,
    pub notes: String,
}

fn text(field: &'static str, value: &str, max_chars: usize, required: bool) -> Result<String> {
    let v = value.trim();
    if required && v.is_empty() {
        return Err(Error::validation(field, Reason::Required));
    }
    if v.chars().count() > max_chars {
        return Err(Error::validation(field, Reason::TooLong));
    }
    Ok(v.to_string())
}

fn not_future(field: &'static str, date: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    if date > today {
        return Err(Error::validation(field, Reason::DateInFuture));
    }
    Ok(date)
}

fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    date.checked_add_months(Months::new(12 * years))
        .unwrap_or(NaiveDate::MAX)
}

/// Checks every field of a member, in form order, against the rules of the roster as of `today`.
/// Cross-record rules (duplicate 身份证号, group exists, roles free) are the store's.
pub fn validate(input: &MemberInput, today: NaiveDate) -> Result<ValidMember> {
    let name = crate::names::clean_name("name", &input.name, crate::limits::MEMBER_NAME, true)?;
    let gender = input
        .gender
        .ok_or(Error::validation("gender", Reason::Required))?;
    let ethnicity = text(
        "ethnicity",
        &input.ethnicity,
        crate::limits::ETHNICITY,
        false,
    )?;
    if input.birth_date.trim().is_empty() {
        return Err(Error::validation("birth_date", Reason::Required));
    }
    let birth_date = not_future(
        "birth_date",
        parse_any_date("birth_date", &input.birth_date)?,
        today,
    )?;
    let native_place = text(
        "native_place",
        &input.native_place,
        crate::limits::NATIVE_PLACE,
        false,
    )?;
    let (id_number, id_birth, id_gender) = parse_id_number(&input.id_number)?;
    if id_birth != birth_date {
        return Err(Error::validation(
            "id_number",
            Reason::IdNumberBirthMismatch,
        ));
    }
    if id_gender != gender {
        return Err(Error::validation(
            "id_number",
            Reason::IdNumberGenderMismatch,
        ));
    }
    let education = text(
        "education",
        &input.education,
        crate::limits::EDUCATION,
        false,
    )?;
    let work_start_date = parse_opt_date("work_start_date", input.work_start_date.as_deref())?;
    if let Some(d) = work_start_date {
        not_future("work_start_date", d, today)?;
        if d <= birth_date {
            return Err(Error::validation(
                "work_start_date",
                Reason::WorkBeforeBirth,
            ));
        }
    }
    let workplace_title = text(
        "workplace_title",
        &input.workplace_title,
        crate::limits::WORKPLACE_TITLE,
        false,
    )?;
    let phone = text("phone", &input.phone, crate::limits::PHONE, false)?;
    if !phone.is_empty() && !valid_phone(&phone) {
        return Err(Error::validation("phone", Reason::PhoneFormat));
    }
    let stage = input
        .stage
        .ok_or(Error::validation("stage", Reason::Required))?;
    let stage_date = match parse_opt_date("stage_date", input.stage_date.as_deref())? {
        Some(d) => not_future("stage_date", d, today)?,
        None => today,
    };
    let joined_on = parse_opt_date("joined_on", input.joined_on.as_deref())?;
    let confirmed_on = parse_opt_date("confirmed_on", input.confirmed_on.as_deref())?;
    let admitted = matches!(stage, Stage::Probationary | Stage::Full);
    match (admitted, joined_on) {
        (true, None) => return Err(Error::validation("joined_on", Reason::Required)),
        (false, Some(_)) => return Err(Error::validation("joined_on", Reason::JoinedNotAllowed)),
        (true, Some(j)) => {
            not_future("joined_on", j, today)?;
            if j < add_years(birth_date, 18) {
                return Err(Error::validation("joined_on", Reason::TooYoungToJoin));
            }
        }
        (false, None) => {
            if stage_date < birth_date {
                return Err(Error::validation("stage_date", Reason::InvalidDate));
            }
            // Whoever reached a stage before 预备党员 applied on or before that day, and one
            // applies at 18 or older.
            if stage_date < add_years(birth_date, 18) {
                return Err(Error::validation("stage_date", Reason::TooYoungToApply));
            }
        }
    }
    match (stage == Stage::Full, confirmed_on) {
        (true, None) => return Err(Error::validation("confirmed_on", Reason::Required)),
        (false, Some(_)) => {
            return Err(Error::validation(
                "confirmed_on",
                Reason::ConfirmedNotAllowed,
            ))
        }
        (true, Some(c)) => {
            not_future("confirmed_on", c, today)?;
            let j = joined_on.expect("a full member has a joined date, checked above");
            if c <= j {
                return Err(Error::validation(
                    "confirmed_on",
                    Reason::ConfirmedBeforeJoined,
                ));
            }
            // Whether it is the day the 预备期 ends is judged by the store, against the path's
            // rules in force on the day of joining and any extension recorded.
        }
        (false, None) => {}
    }
    let party_group_id = input
        .party_group_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let introducers = text(
        "introducers",
        &input.introducers,
        crate::limits::INTRODUCERS,
        false,
    )?;
    let status = input.status.unwrap_or(MemberStatus::Normal);
    if status.ends_membership() {
        return Err(Error::validation("status", Reason::StatusNeedsArchive));
    }
    let address = text("address", &input.address, crate::limits::ADDRESS, false)?;
    let notes = text("notes", &input.notes, crate::limits::MEMBER_NOTES, false)?;
    Ok(ValidMember {
        name,
        gender,
        ethnicity,
        birth_date,
        native_place,
        id_number,
        education,
        work_start_date,
        workplace_title,
        phone,
        address,
        stage,
        stage_date,
        joined_on,
        confirmed_on,
        party_group_id,
        introducers,
        status,
        notes,
    })
}

/// The days a 预备期 begun on `joined` can end, under `rules`: after its length, or after an
/// extension within the allowed months, each with the extension's months (0 for none). When
/// an extension is on record, only its end.
pub fn probation_ends(
    rules: &PipelineRuleSet,
    joined: NaiveDate,
    recorded_extension: Option<u32>,
) -> Vec<(NaiveDate, u32)> {
    let end = |extra: u32| {
        let months = rules.probation_months + extra;
        (
            joined
                .checked_add_months(Months::new(months))
                .unwrap_or(NaiveDate::MAX),
            extra,
        )
    };
    match recorded_extension {
        Some(m) => vec![end(m)],
        None => std::iter::once(end(0))
            .chain((rules.extension_min_months..=rules.extension_max_months).map(end))
            .collect(),
    }
}

/// Checks that a 转正 date is the day the 预备期 ends; returns the extension it implies (0
/// for none). A wrong date is refused with the days it could be.
pub fn check_confirmed_on(
    rules: &PipelineRuleSet,
    joined: NaiveDate,
    confirmed: NaiveDate,
    recorded_extension: Option<u32>,
) -> Result<u32> {
    let ends = probation_ends(rules, joined, recorded_extension);
    if let Some((_, months)) = ends.iter().find(|(d, _)| *d == confirmed) {
        return Ok(*months);
    }
    let days = |ends: &[(NaiveDate, u32)]| {
        ends.iter()
            .map(|(d, m)| format!("{d}（延长 {m} 个月）"))
            .collect::<Vec<_>>()
            .join("、")
    };
    let detail = match (ends.as_slice(), recorded_extension) {
        ([(only, m)], Some(_)) => {
            format!("入党日期 {joined}，已登记延长预备期 {m} 个月，转正日期应为 {only}")
        }
        ([(plain, _), extended @ ..], _) => format!(
            "入党日期 {joined}，转正日期可为 {plain}（预备期满一年），或延长预备期后的 {}",
            days(extended)
        ),
        _ => format!("入党日期 {joined}，转正日期可为 {}", days(&ends)),
    };
    Err(Error::Detailed {
        field: "confirmed_on",
        reason: Reason::ProbationLength,
        details: vec![detail],
    })
}

/// Whole years between `birth` and `on`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule_sets::RuleSet;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Builds a valid 身份证号 for a birth date and gender (region 500118 = 永川区).
    pub(crate) fn id_for(birth: &str, seq: u32, gender: Gender) -> String {
        let b = d(birth).format("%Y%m%d").to_string();
        let last = if gender == Gender::Male { 1 } else { 2 };
        let first17 = format!("500118{b}{:02}{last}", seq % 100);
        format!("{first17}{}", id_check_char(&first17).unwrap())
    }

    fn full_member() -> MemberInput {
        MemberInput {
            name: "张伟".into(),
            gender: Some(Gender::Male),
            birth_date: "1985-06-15".into(),
            id_number: id_for("1985-06-15", 3, Gender::Male),
            stage: Some(Stage::Full),
            joined_on: Some("2010-07-01".into()),
            confirmed_on: Some("2011-07-01".into()),
            phone: "13812345678".into(),
            ..Default::default()
        }
    }

    const TODAY: &str = "2026-11-22";

    #[test]
    fn check_digit_matches_published_examples() {
        // The example from GB 11643-1999 itself, and one whose check character is X.
        assert_eq!(id_check_char("11010519491231002"), Some('X'));
        assert_eq!(id_check_char("44052418800101001"), Some('4'));
        assert!(parse_id_number("11010519491231002x").is_ok());
        assert!(parse_id_number("440524188001010014").is_ok());
    }

    #[test]
    fn id_number_errors_name_the_problem() {
        let cases = [
            ("", Reason::Required),
            ("12345", Reason::IdNumberFormat),
            ("11010519491231002A", Reason::IdNumberFormat),
            ("110105194913310027", Reason::IdNumberBirthDate), // month 13
            ("500107198502300018", Reason::IdNumberBirthDate), // 30 February
            ("110105194912310021", Reason::IdNumberChecksum),
        ];
        for (raw, want) in cases {
            match parse_id_number(raw) {
                Err(Error::Validation { field, reason }) => {
                    assert_eq!((field, reason), ("id_number", want), "{raw}")
                }
                other => panic!("{raw}: {other:?}"),
            }
        }
        let (id, birth, gender) = parse_id_number(" 11010519491231002x ").unwrap();
        assert_eq!(id, "11010519491231002X");
        assert_eq!(birth, d("1949-12-31"));
        assert_eq!(gender, Gender::Female);
    }

    #[test]
    fn phones() {
        for ok in [
            "13812345678",
            "138 1234 5678",
            "023-49871234",
            "010-1234567",
            "0236123456",
            "023-49871234-801",
        ] {
            assert!(valid_phone(ok), "{ok}");
        }
        for bad in [
            "12812345678",
            "1381234567",
            "23-49871234",
            "phone",
            "023-12",
        ] {
            assert!(!valid_phone(bad), "{bad}");
        }
    }

    #[test]
    fn masks_show_no_id_digit_and_hide_at_least_four_phone_digits() {
        let cases = [
            ("11010519491231002X", "******************"),
            ("", ""),
            ("12345", "*****"),
        ];
        for (id, masked) in cases {
            assert_eq!(mask_id_number(id), masked, "{id}");
        }
        let cases = [
            ("13812345678", "138****5678"),
            ("023-49871234", "023-****1234"),
            ("49871234", "******34"),
            ("023-4987123", "***-*****23"),
            ("123456", "****56"),
            ("12345", "*****"),
            ("", ""),
            // an old masked form masks again to what the number gives
            ("498*1234", "******34"),
        ];
        for (phone, masked) in cases {
            assert_eq!(mask_phone(phone), masked, "{phone}");
            let hidden = masked.chars().filter(|c| *c == '*').count();
            let digits = phone
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '*')
                .count();
            assert!(hidden >= 4.min(digits), "{phone} → {masked}");
        }
    }

    #[test]
    fn a_valid_full_member_passes() {
        let v = validate(&full_member(), d(TODAY)).unwrap();
        assert_eq!(v.stage, Stage::Full);
        assert_eq!(v.status, MemberStatus::Normal);
    }

    #[test]
    fn each_rule_names_its_field() {
        type Edit = fn(&mut MemberInput);
        let cases: &[(&str, Edit, &str, Reason)] = &[
            (
                "no name",
                |m| m.name = "  ".into(),
                "name",
                Reason::Required,
            ),
            ("no gender", |m| m.gender = None, "gender", Reason::Required),
            (
                "bad date",
                |m| m.birth_date = "1985/6/15".into(),
                "birth_date",
                Reason::InvalidDate,
            ),
            (
                "born later",
                |m| m.birth_date = "2030-01-01".into(),
                "birth_date",
                Reason::DateInFuture,
            ),
            (
                "id birth",
                |m| m.birth_date = "1985-06-16".into(),
                "id_number",
                Reason::IdNumberBirthMismatch,
            ),
            (
                "id gender",
                |m| m.gender = Some(Gender::Female),
                "id_number",
                Reason::IdNumberGenderMismatch,
            ),
            (
                "phone",
                |m| m.phone = "12345".into(),
                "phone",
                Reason::PhoneFormat,
            ),
            (
                "no joined",
                |m| m.joined_on = None,
                "joined_on",
                Reason::Required,
            ),
            (
                "too young",
                |m| m.joined_on = Some("2003-06-14".into()),
                "joined_on",
                Reason::TooYoungToJoin,
            ),
            (
                "confirm before",
                |m| m.confirmed_on = Some("2010-06-01".into()),
                "confirmed_on",
                Reason::ConfirmedBeforeJoined,
            ),
            (
                "applied at 17",
                |m| {
                    m.stage = Some(Stage::Applicant);
                    m.joined_on = None;
                    m.confirmed_on = None;
                    m.stage_date = Some("2003-06-14".into());
                },
                "stage_date",
                Reason::TooYoungToApply,
            ),
            (
                "full, no confirm",
                |m| m.confirmed_on = None,
                "confirmed_on",
                Reason::Required,
            ),
            (
                "activist joined",
                |m| {
                    m.stage = Some(Stage::Activist);
                    m.confirmed_on = None;
                },
                "joined_on",
                Reason::JoinedNotAllowed,
            ),
            (
                "probationary confirmed",
                |m| m.stage = Some(Stage::Probationary),
                "confirmed_on",
                Reason::ConfirmedNotAllowed,
            ),
            (
                "work before birth",
                |m| m.work_start_date = Some("1980-01-01".into()),
                "work_start_date",
                Reason::WorkBeforeBirth,
            ),
            (
                "archive status",
                |m| m.status = Some(MemberStatus::Deceased),
                "status",
                Reason::StatusNeedsArchive,
            ),
            (
                "long name",
                |m| m.name = "长".repeat(41),
                "name",
                Reason::TooLong,
            ),
        ];
        for (label, edit, field, reason) in cases {
            let mut m = full_member();
            edit(&mut m);
            match validate(&m, d(TODAY)) {
                Err(Error::Validation {
                    field: f,
                    reason: r,
                }) => {
                    assert_eq!((f, r), (*field, *reason), "{label}")
                }
                other => panic!("{label}: expected an error, got {other:?}"),
            }
        }
    }

    #[test]
    fn the_confirmation_is_the_day_the_probation_ends() {
        let rules = PipelineRuleSet::defaults();
        let joined = d("2010-07-01");
        // (转正 date, extension on record, the extension it means or None when refused)
        let cases: &[(&str, Option<u32>, Option<u32>)] = &[
            ("2011-06-30", None, None),     // a day early
            ("2011-07-01", None, Some(0)),  // exactly a year
            ("2011-07-02", None, None),     // a day late
            ("2011-12-01", None, None),     // an extension of 5 months
            ("2012-01-01", None, Some(6)),  // 6 months
            ("2012-07-01", None, Some(12)), // 12 months
            ("2012-08-01", None, None),     // 13 months
            ("2012-03-01", Some(8), Some(8)),
            ("2011-07-01", Some(8), None), // the extension on record must be kept to
            ("2012-02-29", Some(8), None),
        ];
        for (confirmed, recorded, want) in cases {
            let got = check_confirmed_on(&rules, joined, d(confirmed), *recorded);
            match (want, got) {
                (Some(m), Ok(got)) => assert_eq!(got, *m, "{confirmed}"),
                (None, Err(e)) => {
                    assert_eq!(e.reason(), Some(Reason::ProbationLength), "{confirmed}");
                    assert_eq!(e.field(), Some("confirmed_on"));
                }
                (want, got) => panic!("{confirmed} {recorded:?}: want {want:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn a_wrong_confirmation_date_is_refused_with_the_days_it_could_be() {
        let rules = PipelineRuleSet::defaults();
        let e = check_confirmed_on(&rules, d("2010-07-01"), d("2011-06-01"), None).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("2011-07-01（预备期满一年）"), "{text}");
        assert!(text.contains("2012-01-01（延长 6 个月）"), "{text}");
        assert!(text.contains("2012-07-01（延长 12 个月）"), "{text}");
        assert!(!text.contains("2011-12-01"), "{text}");
        let e = check_confirmed_on(&rules, d("2010-07-01"), d("2011-07-01"), Some(8)).unwrap_err();
        assert!(e.to_string().contains("转正日期应为 2012-03-01"), "{e}");
        // The end of a month: 31 August plus eighteen months is the last day of February.
        let ends = probation_ends(&rules, d("2010-08-31"), None);
        assert_eq!(ends[0], (d("2011-08-31"), 0));
        assert_eq!(ends[1], (d("2012-02-29"), 6));
        assert_eq!(ends.len(), 8);
    }

    #[test]
    fn an_applicant_is_at_least_eighteen() {
        let mut m = full_member();
        m.stage = Some(Stage::Applicant);
        m.joined_on = None;
        m.confirmed_on = None;
        // Born 1985-06-15: 17 years and 364 days on 2003-06-14, 18 the next day.
        m.stage_date = Some("2003-06-14".into());
        assert_eq!(
            validate(&m, d(TODAY)).unwrap_err().reason(),
            Some(Reason::TooYoungToApply)
        );
        m.stage_date = Some("2003-06-15".into());
        assert!(validate(&m, d(TODAY)).is_ok());
    }

    #[test]
    fn earlier_stages_take_the_stage_date() {
        let mut m = full_member();
        m.stage = Some(Stage::Applicant);
        m.joined_on = None;
        m.confirmed_on = None;
        m.stage_date = Some("2026-03-01".into());
        assert_eq!(validate(&m, d(TODAY)).unwrap().stage_date, d("2026-03-01"));
        m.stage_date = None;
        assert_eq!(validate(&m, d(TODAY)).unwrap().stage_date, d(TODAY));
    }

    #[test]
    fn ages() {
        assert_eq!(age_on(d("1985-06-15"), d("2026-06-14")), 40);
        assert_eq!(age_on(d("1985-06-15"), d("2026-06-15")), 41);
    }
}
