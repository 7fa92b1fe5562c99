//! A roster sheet read: the file into a table of text cells, and each row into the member it
//! describes (the usual Chinese spellings, a birth date and gender from the 身份证号).

use chrono::NaiveDate;

use super::mapping::guess_mapping;
use super::{RosterMapping, RosterTable};
use crate::error::{Error, Reason, Result};
use crate::members::{Gender, MemberInput, Stage};
use crate::tabular::{self, normalise_date};

/// Reads the file and guesses the mapping from its headers.
pub fn read_table(file_name: &str, bytes: &[u8]) -> Result<RosterTable> {
    let grid = tabular::read(file_name, bytes)?;
    let mapping = guess_mapping(&grid.headers);
    Ok(RosterTable {
        file_name: file_name.to_string(),
        header_line: grid.header_line,
        headers: grid.headers,
        rows: grid.rows,
        mapping,
    })
}

pub(super) fn cell(row: &[String], col: Option<u32>) -> &str {
    col.and_then(|c| row.get(c as usize))
        .map_or("", |s| s.trim())
}

/// A date cell as the core wants it; a year and month only (出生年月 1985.03) is left as it
/// is for the caller to fill from the 身份证号.
fn date_cell(row: &[String], col: Option<u32>) -> Option<String> {
    match cell(row, col) {
        "" => None,
        d => Some(normalise_date(d)),
    }
}

/// Birth date and gender as a valid 18-digit 身份证号 states them.
fn from_id_number(id: &str) -> Option<(String, Gender)> {
    let b = id.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let birth = NaiveDate::parse_from_str(&id[6..14], "%Y%m%d").ok()?;
    let gender = if (b[16] - b'0') % 2 == 1 {
        Gender::Male
    } else {
        Gender::Female
    };
    Some((birth.to_string(), gender))
}

fn parse_code<T: std::str::FromStr>(field: &'static str, text: &str) -> Result<Option<T>> {
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|_| Error::validation(field, Reason::InvalidValue))
}

/// The member a row describes, with the group it names.
pub(super) fn row_input(row: &[String], m: &RosterMapping) -> Result<(MemberInput, String)> {
    let id_number: String = cell(row, m.id_number)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let derived = from_id_number(&id_number);
    let mut birth_date = date_cell(row, m.birth_date).unwrap_or_default();
    if NaiveDate::parse_from_str(&birth_date, "%Y-%m-%d").is_err() {
        // Blank, or a year and month only: the 身份证号 says the day.
        if let Some((birth, _)) = &derived {
            if birth_date.is_empty() || birth.starts_with(&normalise_month(&birth_date)) {
                birth_date = birth.clone();
            }
        }
    }
    let gender = parse_code::<Gender>("gender", cell(row, m.gender))?
        .or_else(|| derived.as_ref().map(|(_, g)| *g));
    if gender.is_none() && !id_number.is_empty() && derived.is_none() {
        // The gender would have come from the 身份证号: that is what to fix.
        return Err(Error::validation("id_number", Reason::IdNumberFormat));
    }
    let joined_on = date_cell(row, m.joined_on);
    let confirmed_on = date_cell(row, m.confirmed_on);
    let stage =
        parse_code::<Stage>("stage", cell(row, m.stage))?.or(match (&joined_on, &confirmed_on) {
            (_, Some(_)) => Some(Stage::Full),
            (Some(_), None) => Some(Stage::Probationary),
            _ => None,
        });
    let input = MemberInput {
        name: cell(row, m.name).to_string(),
        gender,
        ethnicity: cell(row, m.ethnicity).to_string(),
        birth_date,
        native_place: cell(row, m.native_place).to_string(),
        id_number,
        education: cell(row, m.education).to_string(),
        work_start_date: date_cell(row, m.work_start_date),
        workplace_title: cell(row, m.workplace_title).to_string(),
        phone: cell(row, m.phone).to_string(),
        address: cell(row, m.address).to_string(),
        stage,
        joined_on,
        confirmed_on,
        notes: cell(row, m.notes).to_string(),
        ..Default::default()
    };
    Ok((input, cell(row, m.party_group).to_string()))
}

/// "1985.03", "1985年3月", "198503" as "1985-03".
fn normalise_month(text: &str) -> String {
    let digits: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    match digits.as_slice() {
        [y, m, ..] if y.len() == 4 => format!("{y}-{:0>2}", m),
        [ym] if ym.len() == 6 => format!("{}-{}", &ym[..4], &ym[4..]),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_and_month_is_read_in_the_forms_offices_write() {
        assert_eq!(normalise_month("1985.03"), "1985-03");
        assert_eq!(normalise_month("1985年3月"), "1985-03");
        assert_eq!(normalise_month("198503"), "1985-03");
        assert_eq!(normalise_month("三月"), "三月");
    }

    #[test]
    fn the_birth_date_and_gender_come_from_an_18_digit_id_number() {
        assert_eq!(
            from_id_number("50011819850312002X"),
            Some(("1985-03-12".to_string(), Gender::Female))
        );
        assert_eq!(
            from_id_number("500118198503120011"),
            Some(("1985-03-12".to_string(), Gender::Male))
        );
        assert_eq!(from_id_number("5001181985031200"), None);
        assert_eq!(from_id_number("50011819851332001X"), None);
    }
}
