//! The demo year's 四强 records: the 永川 seed page's service figures (跑动次数 0.14, 全程网办
//! 78.11%, "一次办" 99.73%, 169 个"零材料"事项, one short of its target), its honours (优秀窗口
//! 单位, a member's 优秀共产党员), and two attested items with evidence (the year's 党建工作要点
//! adopted at January's 支委会, the 责任清单 published); the rest are left for the secretary.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};

use super::records::Demo;
use crate::error::Result;
use crate::strengths::attest::{self, AttestationInput};
use crate::strengths::indicators::{self, HonourInput, IndicatorInput, IndicatorValueInput};
use crate::strengths::{EvidenceKind, EvidenceRef};

/// Name, unit, target, higher is better, and the values of the quarters so far.
const INDICATORS: [(&str, &str, f64, bool, [f64; 4]); 4] = [
    (
        "企业群众办事平均跑动次数",
        "次",
        0.2,
        false,
        [0.21, 0.18, 0.16, 0.14],
    ),
    ("全程网办比例", "%", 75.0, true, [72.4, 75.6, 77.2, 78.11]),
    (
        "“一次办”事项覆盖率",
        "%",
        99.0,
        true,
        [98.9, 99.3, 99.6, 99.73],
    ),
    (
        "“零材料”办理事项",
        "个",
        180.0,
        true,
        [121.0, 140.0, 158.0, 169.0],
    ),
];

pub(super) fn create(demo: &Demo) -> Result<()> {
    let &Demo {
        conn, today, actor, ..
    } = demo;
    let year = today.year();
    let past =
        |month: u32, day: u32| NaiveDate::from_ymd_opt(year, month, day).filter(|d| *d < today);
    for (name, unit, target, higher_is_better, values) in INDICATORS {
        let input = IndicatorInput {
            name: name.into(),
            unit: unit.into(),
            target: Some(target),
            higher_is_better,
        };
        let id = indicators::save_indicator(conn, None, &input, actor)?;
        for (quarter, value) in values.iter().enumerate() {
            if let Some(on) = past(quarter as u32 * 3 + 3, 28) {
                let v = IndicatorValueInput {
                    indicator_id: id.clone(),
                    measured_on: on.to_string(),
                    value: *value,
                    note: String::new(),
                };
                indicators::record_value(conn, &v, today, actor)?;
            }
        }
    }
    let honours = [
        (
            3,
            15,
            "政务服务工作优秀窗口单位",
            "重庆市人民政府办公厅",
            None,
        ),
        (
            7,
            1,
            "优秀共产党员",
            "中共重庆市永川区委直属机关工作委员会",
            Some("徐婷"),
        ),
    ];
    for (month, day, title, by, member) in honours {
        if let Some(on) = past(month, day) {
            let input = HonourInput {
                title: title.into(),
                awarded_by: by.into(),
                awarded_on: on.to_string(),
                member_id: member.map(|name| demo.id(name)),
                note: String::new(),
            };
            indicators::add_honour(conn, &input, today, actor)?;
        }
    }
    // January's 支委会 adopted the work plan.
    let january_committee: Option<(String, NaiveDate)> = conn
        .query_row(
            "SELECT s.id, s.held_on FROM session s JOIN session_obligation o ON o.session_id = s.id
             WHERE o.obligation = 'committee_meeting' AND s.held_on >= ?1 AND s.held_on < ?2
             ORDER BY s.held_on LIMIT 1",
            params![format!("{year:04}-01-01"), format!("{year:04}-02-01")],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((session, on)) = january_committee {
        let input = AttestationInput {
            year,
            item_id: "work_plan".into(),
            met: true,
            achieved_on: on.to_string(),
            note: format!("支委会审议通过《{year}年党建工作要点》，报机关工委备案"),
            attested_by: "周建华".into(),
            evidence: vec![EvidenceRef {
                kind: EvidenceKind::Session,
                ref_id: session,
            }],
        };
        attest::attest(conn, &input, today, actor)?;
    }
    if let Some(on) = past(2, 20) {
        let input = AttestationInput {
            year,
            item_id: "duty_list".into(),
            met: true,
            achieved_on: on.to_string(),
            note: "支部班子责任清单在中心党务公开栏公布".into(),
            attested_by: "周建华".into(),
            evidence: Vec::new(),
        };
        attest::attest(conn, &input, today, actor)?;
    }
    Ok(())
}
