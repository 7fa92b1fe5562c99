//! People in the order a Chinese office expects: by 拼音 (the default) or by 姓氏笔画 (the
//! branch's choice), the first character read as a surname; and the 拼音 forms a search
//! matches (initials `zjg`, full `zhangjianguo`, or a mix `zhangjg`).
//!
//! Lists sorted in SQL order by `zhibu_name_key(name, (SELECT name_order FROM branch))`, a
//! function registered on every connection; lists built in Rust use [`sort_key`].

use std::collections::HashMap;
use std::sync::Mutex;

use pinyin::ToPinyin;
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OptionalExtension};

use crate::code_enum;
use crate::error::Result;

code_enum!(
    /// How a branch orders lists of people.
    NameOrder {
        Pinyin = "pinyin" / "拼音",
        Strokes = "strokes" / "姓氏笔画" | "笔画",
    }
);

// `code_enum!` takes no attributes on variants, so `#[default]` cannot be derived.
#[allow(clippy::derivable_impls)]
impl Default for NameOrder {
    fn default() -> Self {
        NameOrder::Pinyin
    }
}

/// The SQL a query orders people by: `sql_key("m.name")`.
pub fn sql_key(column: &str) -> String {
    format!("zhibu_name_key({column}, (SELECT name_order FROM branch LIMIT 1))")
}

/// The branch's order (拼音 when there is no branch yet).
pub fn name_order(conn: &Connection) -> Result<NameOrder> {
    Ok(conn
        .prepare_cached("SELECT name_order FROM branch LIMIT 1")?
        .query_row([], |r| r.get::<_, NameOrder>(0))
        .optional()?
        .unwrap_or_default())
}

/// Surnames whose reading as a surname is not the character's common one (曾 zēng, not
/// céng), compound ones first so they win over their first character.
const SURNAMES: &[(&str, &[&str])] = &[
    ("尉迟", &["yu4", "chi2"]),
    ("万俟", &["mo4", "qi2"]),
    ("长孙", &["zhang3", "sun1"]),
    ("单于", &["chan2", "yu2"]),
    ("澹台", &["tan2", "tai2"]),
    ("曾", &["zeng1"]),
    ("单", &["shan4"]),
    ("解", &["xie4"]),
    ("仇", &["qiu2"]),
    ("区", &["ou1"]),
    ("朴", &["piao2"]),
    ("查", &["zha1"]),
    ("盖", &["ge3"]),
    ("乐", &["yue4"]),
    ("缪", &["miao4"]),
    ("覃", &["qin2"]),
    ("翟", &["zhai2"]),
    ("尉", &["wei4"]),
    ("柏", &["bai3"]),
    ("薄", &["bo2"]),
    ("卜", &["bu3"]),
    ("种", &["chong2"]),
    ("重", &["chong2"]),
    ("秘", &["bi4"]),
    ("员", &["yun4"]),
    ("繁", &["po2"]),
    ("召", &["shao4"]),
    ("折", &["she2"]),
    ("洗", &["xian3"]),
    ("藏", &["zang4"]),
    ("沈", &["shen3"]),
    ("牟", &["mou2"]),
    ("便", &["pian2"]),
    ("宿", &["su4"]),
    ("句", &["gou1"]),
    ("阚", &["kan4"]),
    ("隗", &["wei3"]),
    ("黑", &["he4"]),
];

/// One character's reading: the syllable without its tone, and the tone (1–4, 5 unmarked).
/// A character without a reading (a Latin letter, a digit) stands for itself, tone 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Syllable {
    pub plain: String,
    pub tone: u8,
}

fn syllable(with_tone_num_end: &str) -> Syllable {
    let (plain, tone) = match with_tone_num_end.char_indices().last() {
        Some((i, c)) if c.is_ascii_digit() => (&with_tone_num_end[..i], c as u8 - b'0'),
        _ => (with_tone_num_end, 5),
    };
    Syllable {
        plain: plain.replace('ü', "v"),
        tone,
    }
}

/// The name's syllables, its surname read as a surname.
pub fn syllables(name: &str) -> Vec<Syllable> {
    let name = name.trim();
    let (mut out, rest) = match SURNAMES.iter().find(|(s, _)| name.starts_with(s)) {
        Some((surname, readings)) => (
            readings.iter().map(|r| syllable(r)).collect::<Vec<_>>(),
            &name[surname.len()..],
        ),
        None => (Vec::new(), name),
    };
    out.extend(rest.chars().map(|c| match c.to_pinyin() {
        Some(p) => syllable(p.with_tone_num_end()),
        None => Syllable {
            plain: c.to_lowercase().collect(),
            tone: 0,
        },
    }));
    out
}

/// The total strokes of a character (Unihan kTotalStrokes, the simplified form's count),
/// from the table `scripts/gen-strokes.py` writes for U+4E00..U+9FFF. A character outside it
/// counts 0 when it is not a CJK ideograph (a Latin letter sorts first) and 99 when it is.
pub fn strokes(c: char) -> u8 {
    static TABLE: &[u8] = include_bytes!("strokes.bin");
    let cp = c as u32;
    match cp.checked_sub(0x4E00).and_then(|i| TABLE.get(i as usize)) {
        Some(&n) if n > 0 => n,
        Some(_) => 99,
        None if is_ideograph(c) => 99,
        None => 0,
    }
}

fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// A key whose byte order is the order of the names: by 拼音 syllable by syllable, then by
/// tones, then by the name itself; or by the strokes of each character, surname first, then
/// as by 拼音.
pub fn sort_key(name: &str, order: NameOrder) -> String {
    let syllables = syllables(name);
    let mut key = String::with_capacity(name.len() * 4 + 8);
    if order == NameOrder::Strokes {
        // The surname's strokes, the surname (so one surname's people stay together), then
        // the strokes of each following character.
        let mut chars = name.trim().chars();
        if let (Some(c), Some(s)) = (chars.next(), syllables.first()) {
            key.push_str(&format!("{:02}{}{}\u{1}", strokes(c), s.plain, s.tone));
        }
        for c in chars {
            key.push_str(&format!("{:02}", strokes(c)));
        }
        key.push('\u{1}');
    }
    for (i, s) in syllables.iter().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.push_str(&s.plain);
    }
    // Below the space, so a name that is the start of another sorts before it.
    key.push('\u{1}');
    key.extend(syllables.iter().map(|s| char::from(b'0' + s.tone)));
    key.push('\u{1}');
    key.push_str(name);
    key
}

/// Sorts `items` by their names in the branch's order.
pub fn sort_by_name<T>(items: &mut [T], order: NameOrder, name: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|item| sort_key(name(item), order));
}

/// Whether a search typed in Latin letters matches the name's 拼音: each syllable in turn from
/// any one, by its whole spelling or its start (`zjg`, `zhangjg`, `jianguo` → 张建国). A
/// search with anything but letters matches nothing here.
pub fn pinyin_matches(name: &str, search: &str) -> bool {
    let search = search.trim().to_ascii_lowercase().replace('ü', "v");
    if search.is_empty() || !search.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let syllables: Vec<String> = syllables(name).into_iter().map(|s| s.plain).collect();
    (0..syllables.len()).any(|i| matches_from(&syllables[i..], &search))
}

fn matches_from(syllables: &[String], search: &str) -> bool {
    if search.is_empty() {
        return true;
    }
    let Some((first, rest)) = syllables.split_first() else {
        return false;
    };
    let longest = first
        .bytes()
        .zip(search.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    (1..=longest)
        .rev()
        .any(|n| matches_from(rest, &search[n..]))
}

/// Registers `zhibu_name_key(name, order)` and `zhibu_name_matches(name, search)` on a
/// connection. Keys are remembered by name: a roster has a few hundred.
pub fn register(conn: &Connection) -> Result<()> {
    let cache: Mutex<HashMap<(String, NameOrder), String>> = Mutex::new(HashMap::new());
    conn.create_scalar_function(
        "zhibu_name_key",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        move |ctx| {
            let name: String = ctx.get::<Option<String>>(0)?.unwrap_or_default();
            let order = ctx
                .get::<Option<String>>(1)?
                .and_then(|o| o.parse().ok())
                .unwrap_or_default();
            let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
            if cache.len() > 20_000 {
                cache.clear();
            }
            Ok(cache
                .entry((name, order))
                .or_insert_with_key(|(name, order)| sort_key(name, *order))
                .clone())
        },
    )?;
    conn.create_scalar_function(
        "zhibu_name_matches",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let name: String = ctx.get::<Option<String>>(0)?.unwrap_or_default();
            let search: String = ctx.get::<Option<String>>(1)?.unwrap_or_default();
            Ok(pinyin_matches(&name, &search))
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str], order: NameOrder) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        sort_by_name(&mut names, order, |s| s.as_str());
        names
    }

    const NAMES: [&str; 12] = [
        "何勇",
        "刘丽华",
        "吴霞",
        "曾志强",
        "单雄",
        "张建国",
        "安然",
        "欧阳明",
        "王芳",
        "汪洋",
        "李",
        "李华",
    ];

    #[test]
    fn pinyin_order_reads_surnames_as_surnames() {
        assert_eq!(
            sorted(&NAMES, NameOrder::Pinyin),
            [
                "安然",   // an
                "何勇",   // he
                "李",     // li, before li hua
                "李华",   // li hua
                "刘丽华", // liu
                "欧阳明", // ou yang
                "单雄",   // shan, not dan
                "王芳",   // wang fang: syllable by syllable, before wang yang
                "汪洋",   // wang yang
                "吴霞",   // wu
                "曾志强", // zeng, not ceng
                "张建国", // zhang
            ]
        );
    }

    #[test]
    fn tones_and_then_the_name_break_ties() {
        // 王 wang2 and 汪 wang1 read alike but for the tone.
        assert_eq!(
            sorted(&["王明", "汪明"], NameOrder::Pinyin),
            ["汪明", "王明"]
        );
        // Same readings and tones: by the name, so the order is total.
        let a = sort_key("张伟", NameOrder::Pinyin);
        let b = sort_key("章伟", NameOrder::Pinyin);
        assert_ne!(a, b);
    }

    #[test]
    fn stroke_order_counts_the_surname_first() {
        // 王4; 安6 刘6; 何 李 汪 吴 张 7; 欧 单 8; 曾12; within a count by the surname's 拼音.
        assert_eq!(strokes('王'), 4);
        assert_eq!(strokes('曾'), 12);
        assert_eq!(strokes('单'), 8);
        assert_eq!(strokes('A'), 0);
        assert_eq!(
            sorted(&NAMES, NameOrder::Strokes),
            [
                "王芳",
                "安然",
                "刘丽华",
                "何勇",
                "李",
                "李华",
                "汪洋",
                "吴霞",
                "张建国",
                "欧阳明",
                "单雄",
                "曾志强",
            ]
        );
        // One surname: by the strokes of the given name (明 8 before 清 11).
        assert_eq!(
            sorted(&["张清", "张明"], NameOrder::Strokes),
            ["张明", "张清"]
        );
    }

    #[test]
    fn searches_match_initials_and_full_pinyin() {
        let cases = [
            ("张建国", "zjg", true),
            ("张建国", "ZJG", true),
            ("张建国", "zhangj", true),
            ("张建国", "zhangjianguo", true),
            ("张建国", "jianguo", true),
            ("张建国", "zjgx", false),
            ("张建国", "zg", false),
            ("曾志强", "zzq", true),
            ("曾志强", "czq", false),
            ("单雄", "sx", true),
            ("欧阳明", "oym", true),
            ("吕梅", "lvm", true),
            ("张建国", "张", false),
            ("张建国", "", false),
        ];
        for (name, search, expected) in cases {
            assert_eq!(pinyin_matches(name, search), expected, "{name} {search}");
        }
    }
}
