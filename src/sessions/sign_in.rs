//! 签到表: the sign-in sheet for a planned session, pre-filled with who should attend (应到)
//! from the roster of its day, exempted members marked, with space to sign; as data for the
//! window's printable page and as an .xlsx sheet.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use serde::Serialize;
use ts_rs::TS;

use super::roll::expected;
use super::rules::Obligation;
use super::store::kind_obligation;
use crate::branch;
use crate::error::{Error, Reason, Result};
use crate::members::as_of::roster_on;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SignInRow {
    pub name: String,
    pub party_group: Option<String>,
    /// 书记, 组织委员, ... joined with 、.
    pub roles: String,
    /// Exempted from attending (old, ill): listed, not counted in 应到.
    pub exempt: bool,
    /// 免于参加 for an exempted member, 无表决权 for a 预备党员 or one under sanction.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SignInSheet {
    pub branch_name: String,
    pub kind_label: String,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    pub party_group: Option<String>,
    pub rows: Vec<SignInRow>,
}

/// Who should sign for a session of `kind` (an obligation's code or label) on `on`; a 党小组会
/// needs its group.
pub fn sheet(
    conn: &Connection,
    kind: &str,
    party_group_id: Option<&str>,
    on: NaiveDate,
) -> Result<SignInSheet> {
    let branch_name = branch::require(conn)?.name;
    let kind = super::kinds::resolve(conn, kind)?;
    let obligation = kind_obligation(&kind);
    let kind_label = obligation.map_or_else(|| kind.clone(), |o| o.label().to_string());
    let groups: HashMap<String, String> = branch::list_groups(conn)?
        .into_iter()
        .map(|g| (g.id, g.name))
        .collect();
    if party_group_id.is_some_and(|g| !groups.contains_key(g)) {
        return Err(Error::validation(
            "party_group_id",
            Reason::UnknownPartyGroup,
        ));
    }
    // Only a 党小组会 belongs to a group; any other kind is the whole branch's.
    let party_group_id = match obligation {
        Some(Obligation::GroupMeeting) => Some(
            party_group_id
                .ok_or_else(|| Error::validation("party_group_id", Reason::GroupRequired))?,
        ),
        _ => None,
    };
    let roster = roster_on(conn, on)?;
    let counts_for: Vec<Obligation> = obligation.into_iter().collect();
    let rows = expected(&roster, &counts_for, party_group_id)
        .into_iter()
        .map(|m| SignInRow {
            name: m.name.clone(),
            party_group: m
                .party_group_id
                .as_ref()
                .and_then(|g| groups.get(g).cloned()),
            roles: m
                .roles
                .iter()
                .map(|r| r.label())
                .collect::<Vec<_>>()
                .join("、"),
            exempt: m.exempt_from_attendance || m.excluded,
            note: if m.exempt_from_attendance {
                "免于参加".into()
            } else if m.excluded {
                "不计入应到".into()
            } else if !m.has_vote {
                "无表决权".into()
            } else {
                String::new()
            },
        })
        .collect();
    Ok(SignInSheet {
        branch_name,
        kind_label,
        held_on: on,
        party_group: party_group_id.and_then(|g| groups.get(g).cloned()),
        rows,
    })
}

fn xlsx(e: XlsxError) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

/// The sheet as a one-page .xlsx: title, date and place lines to fill, then a row per person
/// with room to sign.
pub fn sheet_xlsx(s: &SignInSheet) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("签到表").map_err(xlsx)?;
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    let group = s
        .party_group
        .as_deref()
        .map(|g| format!("（{g}）"))
        .unwrap_or_default();
    ws.merge_range(
        0,
        0,
        0,
        5,
        &format!("{}{} {}签到表", s.branch_name, group, s.kind_label),
        &title,
    )
    .map_err(xlsx)?;
    ws.write_string(
        1,
        0,
        format!(
            "日期：{}　　时间：__________　　地点：______________________　　应到 {} 人，实到 ____ 人",
            s.held_on,
            s.rows.iter().filter(|r| !r.exempt).count()
        ),
    )
    .map_err(xlsx)?;
    for (col, (h, w)) in [
        ("序号", 6.0),
        ("姓名", 12.0),
        ("党小组", 14.0),
        ("职务", 14.0),
        ("签到", 22.0),
        ("备注", 14.0),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(3, col as u16, *h, &head)
            .map_err(xlsx)?;
        ws.set_column_width(col as u16, *w).map_err(xlsx)?;
    }
    for (i, r) in s.rows.iter().enumerate() {
        let row = 4 + i as u32;
        ws.set_row_height(row, 26).map_err(xlsx)?;
        let values = [
            (i + 1).to_string(),
            r.name.clone(),
            r.party_group.clone().unwrap_or_default(),
            r.roles.clone(),
            String::new(),
            r.note.clone(),
        ];
        // 序号 is a number cell; the rest is text.
        ws.write_number_with_format(row, 0, (i + 1) as f64, &cell)
            .map_err(xlsx)?;
        for (col, v) in values.iter().enumerate().skip(1) {
            ws.write_string_with_format(row, col as u16, v, &cell)
                .map_err(xlsx)?;
        }
    }
    ws.set_paper_size(9).set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(3, 3).map_err(xlsx)?;
    book.save_to_buffer().map_err(xlsx)
}
