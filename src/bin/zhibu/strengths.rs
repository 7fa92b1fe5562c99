//! `zhibu four-strengths`: the year's 四强 checklist as of a day, and its 自评报告 workbook.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use zhibu::strengths::{self, export, ItemKind};
use zhibu::{branch, Db, Error};

use super::{outln, print_json};

pub fn run_four_strengths(
    db: &Db,
    year: Option<i32>,
    as_of: Option<String>,
    xlsx: Option<PathBuf>,
    json: bool,
    today: NaiveDate,
) -> Result<(), Error> {
    let as_of = zhibu::ids::as_of_or(as_of.as_deref(), today)?;
    let year = year.unwrap_or(as_of.year());
    let (a, branch_name) = db.read(|c| {
        let a = strengths::assess(c, year, as_of)?;
        let name = branch::get(c)?.map(|b| b.name).unwrap_or_default();
        Ok((a, name))
    })?;
    if let Some(path) = &xlsx {
        let bytes = export::self_assessment_xlsx(&a, &branch_name)?;
        super::write_file(path, bytes)?;
    }
    if json {
        print_json(&a);
        return Ok(());
    }
    if let Some(path) = &xlsx {
        outln!("自评报告已写入 {}", path.display());
    }
    outln!(
        "{year} 年“四强”自评（截至 {}，{} {}）：总体 {}，达标 {}/{} 项",
        a.counted_until(),
        a.template_name,
        a.template_version,
        export::percent(a.overall),
        a.met,
        a.total
    );
    for s in &a.strengths {
        outln!(
            "\n{} {}（{}/{}）",
            s.title,
            export::percent(s.score),
            s.met,
            s.total
        );
        for item in &s.items {
            let mark = match (item.met, item.kind, &item.attestation) {
                _ if !item.applicable => "–",
                (true, _, _) => "✓",
                (false, ItemKind::Attested, None) => "?",
                (false, _, _) => "✗",
            };
            let detail = match item.kind {
                _ if !item.applicable => item.status_label().to_string(),
                ItemKind::Measured => item.value_text(),
                ItemKind::Attested => item.status_label().to_string(),
            };
            outln!("  {mark} {}  {detail}", item.title);
        }
    }
    Ok(())
}
