//! Names and titles people type (a member, a 党小组, the branch, a session kind, an activity,
//! a series): trimmed, NFC-normalised, inner runs of spaces made one, and refused when they
//! hold a control or invisible character, which would make two equal-looking names differ.

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Reason, Result};

/// Characters that show nothing (or move the cursor, or turn the text around) but are not
/// spaces: the format characters (Unicode category Cf) and the fillers that render blank.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'                      // soft hyphen
        | '\u{034F}'                    // combining grapheme joiner
        | '\u{0600}'..='\u{0605}'
        | '\u{061C}'                    // Arabic letter mark
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08E2}'
        | '\u{115F}'..='\u{1160}'       // Hangul fillers
        | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}'       // Mongolian free variation selectors and vowel separator
        | '\u{200B}'..='\u{200F}'       // zero-width space, ZWNJ, ZWJ, LRM, RLM
        | '\u{2028}'..='\u{202E}'       // line/paragraph separators, bidi embeddings
        | '\u{2060}'..='\u{206F}'       // word joiner, invisible operators, bidi isolates
        | '\u{2800}'                    // braille blank
        | '\u{3164}'                    // Hangul filler
        | '\u{FEFF}'                    // byte order mark
        | '\u{FFA0}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}'     // tag characters
    )
}

/// Whether `c` may not stand in a name: a control character other than the spaces a
/// spreadsheet cell may hold, or an invisible one.
fn refused(c: char) -> bool {
    (c.is_control() && !c.is_whitespace()) || invisible(c)
}

/// The names in a list as people type it ("张三、李四", "张三,李四", "张三 李四"): split at
/// 、 , ， ; ； and any whitespace, empty pieces dropped. The one splitter of the core, the
/// CLI's NAMES and free-text fields such as the 介绍人.
pub fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| matches!(c, '、' | ',' | '，' | ';' | '；') || c.is_whitespace())
        .filter(|n| !n.is_empty())
}

/// `value` as a name is stored: trimmed, NFC, each run of spaces (tabs, line breaks, the
/// ideographic space) made one ASCII space. Refuses a control or invisible character with
/// its position and code (`Detailed`, reason `InvisibleCharacter`), an empty value when
/// `required`, and one longer than `max_chars`.
pub fn clean_name(
    field: &'static str,
    value: &str,
    max_chars: usize,
    required: bool,
) -> Result<String> {
    if let Some((i, c)) = value.trim().chars().enumerate().find(|(_, c)| refused(*c)) {
        return Err(Error::Detailed {
            field,
            reason: Reason::InvisibleCharacter,
            details: vec![format!("第 {} 个字符（U+{:04X}）", i + 1, u32::from(c))],
        });
    }
    let normal: String = value.nfc().collect();
    let name = normal.split_whitespace().collect::<Vec<_>>().join(" ");
    if required && name.is_empty() {
        return Err(Error::validation(field, Reason::Required));
    }
    if name.chars().count() > max_chars {
        return Err(Error::validation(field, Reason::TooLong));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_of_names_split_at_every_separator_people_type() {
        for (text, names) in [
            ("张三、李四", vec!["张三", "李四"]),
            (
                "张三, 李四，王五;赵六；钱七",
                vec!["张三", "李四", "王五", "赵六", "钱七"],
            ),
            ("  张三\u{3000}李四\t", vec!["张三", "李四"]),
            ("、,，", vec![]),
            ("", vec![]),
        ] {
            assert_eq!(split_list(text).collect::<Vec<_>>(), names, "{text:?}");
        }
    }

    #[test]
    fn names_are_trimmed_normalised_and_spaced_once() {
        let cases = [
            ("  张伟 ", "张伟"),
            ("Ai\u{3000}\u{3000}Li", "Ai Li"),
            ("买买提\t·\n 艾力", "买买提 · 艾力"),
            // "é" as e + combining acute becomes the one precomposed character
            ("Jose\u{0301}", "Jos\u{00E9}"),
            ("第一党小组", "第一党小组"),
        ];
        for (typed, stored) in cases {
            assert_eq!(
                clean_name("name", typed, 40, true).unwrap(),
                stored,
                "{typed:?}"
            );
        }
    }

    #[test]
    fn control_and_invisible_characters_are_refused_with_their_code() {
        let cases = [
            ("张\u{200B}伟", "第 2 个字符（U+200B）"),
            ("\u{FEFF}张伟", "第 1 个字符（U+FEFF）"),
            ("张伟\u{1B}[31m", "第 3 个字符（U+001B）"),
            ("张\u{200D}伟", "第 2 个字符（U+200D）"),
            ("\u{202E}伟张", "第 1 个字符（U+202E）"),
            ("张\u{00AD}伟", "第 2 个字符（U+00AD）"),
            (" 王\u{7F}", "第 2 个字符（U+007F）"),
        ];
        for (typed, detail) in cases {
            match clean_name("name", typed, 40, true) {
                Err(Error::Detailed {
                    field,
                    reason,
                    details,
                }) => {
                    assert_eq!((field, reason), ("name", Reason::InvisibleCharacter));
                    assert_eq!(details, vec![detail.to_string()], "{typed:?}");
                }
                other => panic!("{typed:?}: {other:?}"),
            }
        }
        let e = clean_name("name", "张\u{200B}伟", 40, true).unwrap_err();
        assert_eq!(
            e.to_string(),
            "姓名：含有不可见字符或控制字符，请删去后重新输入：第 2 个字符（U+200B）"
        );
    }

    #[test]
    fn empty_and_long_names() {
        assert_eq!(
            clean_name("name", " \u{3000} ", 40, true)
                .unwrap_err()
                .reason(),
            Some(Reason::Required)
        );
        assert_eq!(clean_name("name", "  ", 40, false).unwrap(), "");
        assert_eq!(
            clean_name("name", &"长".repeat(41), 40, true)
                .unwrap_err()
                .reason(),
            Some(Reason::TooLong)
        );
        // Spaces collapse before the length is counted.
        assert!(clean_name(
            "name",
            &format!("{}     {}", "长".repeat(19), "长".repeat(20)),
            40,
            true
        )
        .is_ok());
    }
}
