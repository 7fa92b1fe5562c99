//! The 操作人: who is at the keyboard (书记, 组织委员, a committee member by name), named in
//! every change-log entry the window writes. Chosen at unlock or at the window's first start,
//! and remembered in the file as the default for the next start.

use rusqlite::{params, Connection, OptionalExtension};

use crate::change_log;
use crate::error::{Error, Reason, Result};
use crate::names::clean_name;

/// The longest 操作人 label.
pub const OPERATOR_MAX_CHARS: usize = crate::limits::OPERATOR_NAME;

/// The committee roles offered first; any other short name may be typed (其他).
pub const SUGGESTED: [&str; 5] = ["书记", "副书记", "组织委员", "宣传委员", "纪检委员"];

/// The `setting` key of the remembered default.
const SETTING_KEY: &str = "operator";

/// Actors the programs write themselves: a person may not take their names, or the log could
/// not tell a person from a program.
const RESERVED: [&str; 3] = [change_log::ACTOR_APP, change_log::ACTOR_CLI, "migration"];

/// `value` as a 操作人 is kept: cleaned as every name is (trimmed, NFC, single spaces, no
/// invisible characters), not empty, at most [`OPERATOR_MAX_CHARS`], and not one of the
/// programs' own actor codes.
pub fn clean(value: &str) -> Result<String> {
    let name = clean_name("operator", value, OPERATOR_MAX_CHARS, true)?;
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(&name)) {
        return Err(Error::validation("operator", Reason::InvalidValue));
    }
    Ok(name)
}

/// The 操作人 remembered for the next start, if one was ever chosen (a stored value that no
/// longer passes [`clean`] is ignored).
pub fn remembered(conn: &Connection) -> Result<Option<String>> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT value FROM setting WHERE key = ?1")?
        .query_row([SETTING_KEY], |r| r.get(0))
        .optional()?;
    Ok(stored.and_then(|s| clean(&s).ok()))
}

/// Makes `value` the 操作人 remembered for the next start; returns it as kept. Choosing the
/// one already remembered writes nothing; a change is logged under the new 操作人's name.
pub fn remember(conn: &Connection, value: &str) -> Result<String> {
    let name = clean(value)?;
    let before = remembered(conn)?;
    if before.as_deref() == Some(name.as_str()) {
        return Ok(name);
    }
    conn.prepare_cached(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![SETTING_KEY, name])?;
    change_log::record(
        conn,
        &name,
        "setting",
        SETTING_KEY,
        "update",
        &serde_json::json!({ "operator": name }),
    )?;
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_are_cleaned_and_bounded() {
        let cases: [(&str, Result<&str, Reason>); 10] = [
            ("书记", Ok("书记")),
            ("  组织委员 ", Ok("组织委员")),
            ("张\u{3000}\u{3000}伟", Ok("张 伟")),
            (
                "一二三四五六七八九十一二三四五六七八九十",
                Ok("一二三四五六七八九十一二三四五六七八九十"),
            ),
            (
                "一二三四五六七八九十一二三四五六七八九十一",
                Err(Reason::TooLong),
            ),
            ("", Err(Reason::Required)),
            (" \t ", Err(Reason::Required)),
            ("书\u{200B}记", Err(Reason::InvisibleCharacter)),
            ("app", Err(Reason::InvalidValue)),
            ("CLI", Err(Reason::InvalidValue)),
        ];
        for (typed, expected) in cases {
            let got = clean(typed);
            match expected {
                Ok(name) => assert_eq!(got.unwrap(), name, "{typed:?}"),
                Err(reason) => {
                    let e = got.unwrap_err();
                    assert_eq!(e.reason(), Some(reason), "{typed:?}");
                }
            }
        }
    }
}
