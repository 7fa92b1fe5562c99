//! Which column of a roster sheet holds which field of the 花名册: the template's columns with
//! the words that recognise each in another layout, the guess from the headers, the user's
//! overrides, and the check that a mapping can be imported with.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::RosterTable;
use crate::error::{Error, Reason, Result};

/// Which column (by index) holds each field of the 花名册.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RosterMapping {
    pub name: Option<u32>,
    pub gender: Option<u32>,
    pub ethnicity: Option<u32>,
    pub birth_date: Option<u32>,
    pub native_place: Option<u32>,
    pub id_number: Option<u32>,
    pub education: Option<u32>,
    pub work_start_date: Option<u32>,
    pub workplace_title: Option<u32>,
    pub phone: Option<u32>,
    pub address: Option<u32>,
    pub stage: Option<u32>,
    pub joined_on: Option<u32>,
    pub confirmed_on: Option<u32>,
    pub party_group: Option<u32>,
    pub notes: Option<u32>,
}

/// The template's columns, in order, with the words that recognise each in other layouts.
pub(super) const COLUMNS: &[(&str, &str, &[&str])] = &[
    ("name", "姓名", &["姓名", "名字"]),
    ("gender", "性别", &["性别"]),
    ("ethnicity", "民族", &["民族"]),
    ("birth_date", "出生日期", &["出生"]),
    ("native_place", "籍贯", &["籍贯"]),
    (
        "id_number",
        "身份证号",
        &["身份证", "公民身份号码", "证件号"],
    ),
    ("education", "学历", &["学历", "文化程度"]),
    ("work_start_date", "参加工作日期", &["参加工作"]),
    ("workplace_title", "工作单位及职务", &["单位", "职务"]),
    ("phone", "联系电话", &["电话", "手机"]),
    ("address", "家庭住址", &["住址", "地址"]),
    (
        "stage",
        "人员类别",
        &["人员类别", "党员类别", "类别", "身份"],
    ),
    ("joined_on", "入党日期", &["入党"]),
    ("confirmed_on", "转正日期", &["转正"]),
    ("party_group", "所在党小组", &["党小组", "小组"]),
    ("notes", "备注", &["备注"]),
];

impl RosterMapping {
    pub(super) fn column(&self, field: &str) -> Option<u32> {
        match field {
            "name" => self.name,
            "gender" => self.gender,
            "ethnicity" => self.ethnicity,
            "birth_date" => self.birth_date,
            "native_place" => self.native_place,
            "id_number" => self.id_number,
            "education" => self.education,
            "work_start_date" => self.work_start_date,
            "workplace_title" => self.workplace_title,
            "phone" => self.phone,
            "address" => self.address,
            "stage" => self.stage,
            "joined_on" => self.joined_on,
            "confirmed_on" => self.confirmed_on,
            "party_group" | "party_group_id" => self.party_group,
            "notes" => self.notes,
            _ => None,
        }
    }

    fn set(&mut self, field: &str, col: Option<u32>) {
        let slot = match field {
            "name" => &mut self.name,
            "gender" => &mut self.gender,
            "ethnicity" => &mut self.ethnicity,
            "birth_date" => &mut self.birth_date,
            "native_place" => &mut self.native_place,
            "id_number" => &mut self.id_number,
            "education" => &mut self.education,
            "work_start_date" => &mut self.work_start_date,
            "workplace_title" => &mut self.workplace_title,
            "phone" => &mut self.phone,
            "address" => &mut self.address,
            "stage" => &mut self.stage,
            "joined_on" => &mut self.joined_on,
            "confirmed_on" => &mut self.confirmed_on,
            "party_group" => &mut self.party_group,
            "notes" => &mut self.notes,
            _ => return,
        };
        *slot = col;
    }

    fn all(&self) -> impl Iterator<Item = Option<u32>> + '_ {
        COLUMNS.iter().map(|(f, _, _)| self.column(f))
    }
}

/// The mapping the headers suggest: each template column found by its usual names; a column
/// is used for one field only.
pub fn guess_mapping(headers: &[String]) -> RosterMapping {
    let mut m = RosterMapping::default();
    let mut used = vec![false; headers.len()];
    // Exact header names first, then the usual words.
    for exact in [true, false] {
        for (field, title, words) in COLUMNS {
            if m.column(field).is_some() {
                continue;
            }
            let found = headers.iter().enumerate().position(|(i, h)| {
                !used[i]
                    && if exact {
                        h == title
                    } else {
                        words.iter().any(|w| h.contains(w))
                    }
            });
            if let Some(i) = found {
                used[i] = true;
                m.set(field, Some(i as u32));
            }
        }
    }
    m
}

/// Overrides from the command line: `field=header` pairs (`name=姓名`, or the template's
/// Chinese column title on the left).
pub fn apply_overrides(table: &mut RosterTable, pairs: &[(String, String)]) -> Result<()> {
    for (field, header) in pairs {
        let field = COLUMNS
            .iter()
            .find(|(f, title, _)| f == field || title == field)
            .map(|(f, _, _)| *f)
            .ok_or_else(|| Error::validation("mapping", Reason::InvalidValue))?;
        let col = table
            .headers
            .iter()
            .position(|h| h == header)
            .ok_or_else(|| Error::validation("mapping", Reason::InvalidValue))?;
        table.mapping.set(field, Some(col as u32));
    }
    Ok(())
}

pub(super) fn validate_mapping(table: &RosterTable, m: &RosterMapping) -> Result<()> {
    let width = table.headers.len() as u32;
    if m.all().flatten().any(|c| c >= width) {
        return Err(Error::validation("mapping", Reason::InvalidValue));
    }
    let cols: Vec<u32> = m.all().flatten().collect();
    if (1..cols.len()).any(|i| cols[..i].contains(&cols[i])) {
        return Err(Error::validation("mapping", Reason::InvalidValue));
    }
    if m.name.is_none() {
        return Err(Error::validation("mapping_name", Reason::Required));
    }
    if m.id_number.is_none() {
        return Err(Error::validation("mapping_id_number", Reason::Required));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_are_recognised_exactly_first_then_by_their_usual_words_each_used_once() {
        let m = guess_mapping(&headers(&[
            "序号",
            "名字",
            "公民身份号码",
            "手机",
            "党员类别",
            "姓名",
        ]));
        assert_eq!(m.name, Some(5), "the exact 姓名 wins over 名字");
        assert_eq!(m.id_number, Some(2));
        assert_eq!(m.phone, Some(3));
        assert_eq!(m.stage, Some(4));
        assert_eq!(m.gender, None);
    }
}
