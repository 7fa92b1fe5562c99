//! The yearly 台账 workbook read back cell by cell against the records it came from, and the
//! book the window prints checked against the workbook.

mod common;

use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};
use common::*;
use zhibu::activities::{self, ActivityQuery};
use zhibu::ledger::{self, CellKind, LedgerBook, LedgerOptions, LedgerPart, LedgerTable, SHEETS};
use zhibu::members::{self, RosterQuery};
use zhibu::sessions::{self, Obligation, SessionQuery};
use zhibu::{study, Db};

fn demo() -> (tempfile::TempDir, Db) {
    let (dir, _path, db) = file_db();
    db.write(|tx| zhibu::demo::create(tx, today(), ACTOR))
        .unwrap();
    (dir, db)
}

fn book(db: &Db, reveal: bool) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    let bytes = db
        .read(|c| {
            ledger::workbook(
                c,
                LedgerOptions {
                    year: 2026,
                    as_of: today(),
                    reveal,
                },
            )
        })
        .unwrap();
    open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap()
}

/// A cell as text: a number as Rust shows it (25.5, 44), a date cell as yyyy-mm-dd.
fn text(sheet: &Range<Data>, r: u32, c: u32) -> String {
    match sheet.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::DateTime(d)) => serial_date(d.as_f64()).to_string(),
        other => format!("{other:?}"),
    }
}

/// The day of a date cell's serial number (the 1900 system: day 1 is 1900-01-01, and serials
/// past February 1900 count the leap day that year never had).
fn serial_date(serial: f64) -> chrono::NaiveDate {
    d("1899-12-30") + chrono::Days::new(serial as u64)
}

/// Whether the workbook's cell holds what the printed page shows, as the column's kind: a
/// number cell for figures, a date cell for dates, text otherwise (and for 免除 among numbers).
fn same_cell(cell: Option<&Data>, printed: &str, kind: CellKind) -> bool {
    let number = |t: &str| t.parse::<f64>().ok();
    match (cell, kind) {
        (Some(Data::Float(f)), CellKind::Number | CellKind::Money) => number(printed) == Some(*f),
        (Some(Data::Float(f)), CellKind::Percent) => printed
            .strip_suffix('%')
            .and_then(number)
            .is_some_and(|p| (p / 100.0 - f).abs() < 1e-12),
        (Some(Data::DateTime(dt)), CellKind::Date) => {
            serial_date(dt.as_f64()).to_string() == printed
        }
        (Some(Data::String(s)), _) => {
            s == printed && (kind == CellKind::Text || number(printed).is_none())
        }
        (Some(Data::Empty) | None, _) => printed.is_empty(),
        _ => false,
    }
}

/// Every row of `table` as the sheet holds it from `first` down, cell by cell.
fn assert_same_table(sheet: &Range<Data>, first: u32, table: &LedgerTable, name: &str) {
    for (i, row) in table.rows.iter().enumerate() {
        for (c, (printed, column)) in row.iter().zip(&table.columns).enumerate() {
            let cell = sheet.get_value((first + i as u32, c as u32));
            assert!(
                same_cell(cell, printed, column.kind),
                "{name} row {i} column {c}: {cell:?} printed {printed:?} as {:?}",
                column.kind
            );
        }
    }
}

/// The data rows (below the title and header) as text.
fn rows(sheet: &Range<Data>) -> Vec<Vec<String>> {
    let width = sheet.width() as u32;
    (3..sheet.height() as u32)
        .map(|r| (0..width).map(|c| text(sheet, r, c)).collect())
        .collect()
}

#[test]
fn every_sheet_matches_the_records() {
    let (_dir, db) = demo();
    let mut book = book(&db, false);
    assert_eq!(book.sheet_names(), SHEETS.map(String::from).to_vec());

    // 花名册: the active roster, masked.
    let roster = book.worksheet_range("花名册").unwrap();
    assert!(text(&roster, 0, 0).contains("永川区行政服务中心党支部 2026年 党员花名册"));
    assert_eq!(text(&roster, 2, 5), "身份证号");
    let active = db
        .read(|c| members::list(c, &RosterQuery::default(), today()))
        .unwrap()
        .rows;
    let left_this_year = db
        .read(|c| {
            members::list(
                c,
                &RosterQuery {
                    archived: true,
                    ..Default::default()
                },
                today(),
            )
        })
        .unwrap()
        .rows
        .into_iter()
        .filter(|m| m.archived_on.is_some_and(|on| on >= d("2026-01-01")))
        .collect::<Vec<_>>();
    let data = rows(&roster);
    // The active roster, then those who left during the year with the day they left.
    assert_eq!(data.len(), active.len() + left_this_year.len());
    for m in &left_this_year {
        let row = data.iter().find(|r| r[1] == m.name).unwrap();
        assert!(
            row[13].contains(&m.archived_on.unwrap().to_string()),
            "{row:?}"
        );
    }
    let xu = data.iter().find(|r| r[1] == "徐婷").unwrap();
    let member = db
        .read(|c| members::get_by_name(c, "徐婷", today()))
        .unwrap();
    assert_ne!(xu[5], member.id_number, "masked unless asked");
    assert!(xu[5].contains('*'));
    assert_eq!(xu[8], member.joined_on.unwrap().to_string());
    let full = book_sheet(&db, true, "花名册");
    let xu_full = full.iter().find(|r| r[1] == "徐婷").unwrap();
    assert_eq!(xu_full[5], member.id_number);
    assert_eq!(xu_full[12], member.phone);

    // 三会一课记录: every session of the year, oldest first, with who was on leave and why.
    let sheet = book.worksheet_range("三会一课记录").unwrap();
    let data = rows(&sheet);
    let q = SessionQuery {
        from: Some("2026-01-01".into()),
        to: Some("2026-12-31".into()),
        ..Default::default()
    };
    let summaries = db.read(|c| sessions::list(c, &q)).unwrap();
    assert_eq!(data.len(), summaries.len());
    assert!(data.windows(2).all(|w| w[0][0] <= w[1][0]));
    for (row, s) in data.iter().zip(summaries.iter().rev()) {
        let full = db.read(|c| sessions::get(c, &s.id)).unwrap();
        assert_eq!(row[0], full.held_on.to_string());
        assert_eq!(row[1], full.kind_label);
        assert_eq!(row[6], full.head_count.expected.to_string());
        assert_eq!(row[7], full.head_count.present.to_string());
        for a in full
            .attendance
            .iter()
            .filter(|a| a.status == sessions::AttendanceStatus::Leave)
        {
            assert!(
                row[8].contains(&a.name),
                "{} on leave missing in {}",
                a.name,
                row[8]
            );
        }
    }
    assert!(data.iter().any(|r| r[4].contains("【第一议题】")));

    // 主题党日: the sessions that count for it.
    let theme = rows(&book.worksheet_range("主题党日").unwrap());
    let theme_days = summaries
        .iter()
        .filter(|s| s.counts_for.contains(&Obligation::ThemeDay))
        .count();
    assert_eq!(theme.len(), theme_days);

    // 活动: the year's activities with the series and issue.
    let acts = rows(&book.worksheet_range("活动").unwrap());
    let year_acts = db
        .read(|c| {
            activities::list(
                c,
                &ActivityQuery {
                    year: Some(2026),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert_eq!(acts.len(), year_acts.len());
    assert!(acts.iter().any(|r| r[2].starts_with("学思行微讲堂 第")));

    // 学时登记: each member's counted and uncounted hours and state as the 学时 page's report
    // has them (one computation), the categories not counted marked so.
    let sheet = book.worksheet_range("学时登记").unwrap();
    let study_rows = rows(&sheet);
    let report = db.read(|c| study::report(c, 2026, today(), None)).unwrap();
    assert_eq!(study_rows.len(), report.members.len());
    assert_eq!(
        (text(&sheet, 2, 1), text(&sheet, 2, 3), text(&sheet, 2, 4)),
        (
            "目标".to_string(),
            "计入学时".to_string(),
            "未计入学时".to_string()
        )
    );
    for (i, (row, m)) in study_rows.iter().zip(&report.members).enumerate() {
        let r = 3 + i as u32;
        assert_eq!(row[0], m.name);
        // Number cells: the figures can be summed in the sheet.
        assert_eq!(number(&sheet, r, 3), m.counted_hours);
        assert_eq!(number(&sheet, r, 3), m.hours);
        assert_eq!(number(&sheet, r, 4), m.uncounted_hours);
        match m.target {
            Some(t) => assert_eq!(number(&sheet, r, 1), t),
            None => assert_eq!(row[1], "免除"),
        }
    }
    // The demo's 学习强国 hours are recorded beside the target, not counted.
    assert!(report.members.iter().any(|m| m.uncounted_hours > 0.0));
    let headers: Vec<String> = (0..sheet.width() as u32)
        .map(|c| text(&sheet, 2, c))
        .collect();
    assert!(
        headers.contains(&"学习强国（不计入）".to_string()),
        "{headers:?}"
    );
    assert!(headers.contains(&"党课".to_string()), "{headers:?}");

    // 四强自评: the same sheet as the 自评报告.
    let strengths = book.worksheet_range("四强自评").unwrap();
    assert!(text(&strengths, 0, 0).contains("“四强”党支部自评报告"));
}

fn book_sheet(db: &Db, reveal: bool, name: &str) -> Vec<Vec<String>> {
    rows(&book(db, reveal).worksheet_range(name).unwrap())
}

fn ledger_book(db: &Db, reveal: bool) -> LedgerBook {
    db.read(|c| {
        ledger::book(
            c,
            LedgerOptions {
                year: 2026,
                as_of: today(),
                reveal,
            },
        )
    })
    .unwrap()
}

fn number(sheet: &Range<Data>, r: u32, c: u32) -> f64 {
    match sheet.get_value((r, c)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("no number at ({r}, {c}): {other:?}"),
    }
}

#[test]
fn the_printable_book_holds_what_the_workbook_holds() {
    let (_dir, db) = demo();
    let data = ledger_book(&db, false);
    let mut xlsx = book(&db, false);
    assert_eq!(data.branch_name, "永川区行政服务中心党支部");
    assert_eq!(data.year, 2026);
    assert_eq!(data.as_of, today());
    assert!(!data.revealed);
    assert_eq!(
        data.sections
            .iter()
            .map(|s| s.sheet.as_str())
            .collect::<Vec<_>>(),
        SHEETS.to_vec()
    );
    assert_eq!(
        data.sections.iter().map(|s| s.part).collect::<Vec<_>>(),
        LedgerPart::ALL.to_vec()
    );

    // The five record sheets: title, header row and every cell, as the workbook has them.
    for section in &data.sections[..5] {
        let sheet = xlsx.worksheet_range(&section.sheet).unwrap();
        assert_eq!(text(&sheet, 0, 0), section.title);
        assert!(section
            .title
            .starts_with("永川区行政服务中心党支部 2026年 "));
        assert!(section.notes.is_empty());
        let [table] = section.tables.as_slice() else {
            panic!("{} has one table", section.sheet);
        };
        let headers: Vec<String> = table.columns.iter().map(|c| c.header.clone()).collect();
        let width = headers.len() as u32;
        assert_eq!(
            (0..width).map(|c| text(&sheet, 2, c)).collect::<Vec<_>>(),
            headers,
            "{}",
            section.sheet
        );
        assert!(table.rows.iter().all(|r| r.len() == headers.len()));
        assert_eq!(rows(&sheet).len(), table.rows.len(), "{}", section.sheet);
        assert_same_table(&sheet, 3, table, &section.sheet);
    }

    // The records behind them: the roster (masked), the year's sessions and activities, the
    // 学时 report.
    let roster = &data.sections[0].tables[0];
    let active = db
        .read(|c| members::list(c, &RosterQuery::default(), today()))
        .unwrap()
        .rows;
    assert!(roster.rows.len() >= active.len());
    let member = db
        .read(|c| members::get_by_name(c, "徐婷", today()))
        .unwrap();
    let xu = roster.rows.iter().find(|r| r[1] == "徐婷").unwrap();
    assert_ne!(xu[5], member.id_number);
    assert!(xu[5].contains('*') && xu[12].contains('*'));
    let revealed = ledger_book(&db, true);
    assert!(revealed.revealed);
    let xu_full = revealed.sections[0].tables[0]
        .rows
        .iter()
        .find(|r| r[1] == "徐婷")
        .unwrap();
    assert_eq!(xu_full[5], member.id_number);
    assert_eq!(xu_full[12], member.phone);

    let q = SessionQuery {
        from: Some("2026-01-01".into()),
        to: Some("2026-12-31".into()),
        ..Default::default()
    };
    let summaries = db.read(|c| sessions::list(c, &q)).unwrap();
    let held: Vec<String> = summaries
        .iter()
        .rev()
        .map(|s| s.held_on.to_string())
        .collect();
    let logged: Vec<String> = data.sections[1].tables[0]
        .rows
        .iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(logged, held);
    let report = db.read(|c| study::report(c, 2026, today(), None)).unwrap();
    let study_rows = &data.sections[4].tables[0].rows;
    assert_eq!(
        study_rows.iter().map(|r| r[0].clone()).collect::<Vec<_>>(),
        report
            .members
            .iter()
            .map(|m| m.name.clone())
            .collect::<Vec<_>>()
    );

    // 党费收缴公布: the month-by-month collection with the year's total, then each member,
    // as the dues report has them; the sheet holds the same cells under the title and note.
    let dues = &data.sections[5];
    let report = db.read(|c| zhibu::dues::report(c, 2026, today())).unwrap();
    let [months, members] = dues.tables.as_slice() else {
        panic!("党费 has the months and the members");
    };
    let total = months.rows.last().unwrap();
    assert_eq!(total[0], "全年合计");
    assert_eq!(total[4], zhibu::dues::yuan(report.paid_cents));
    assert_eq!(members.rows.len(), report.members.len());
    let huang = members.rows.iter().find(|r| r[0] == "黄静").unwrap();
    assert_eq!(huang[6], "连续5个月未交纳党费");
    let sheet = xlsx.worksheet_range("党费收缴公布").unwrap();
    assert_eq!(text(&sheet, 0, 0), dues.title);
    assert_eq!(text(&sheet, 1, 0), dues.notes[0]);
    assert_eq!(text(&sheet, 3, 0), "月份");
    assert_eq!(text(&sheet, 4, 0), months.rows[0][0]);
    let members_header = 3 + months.rows.len() as u32 + 2;
    assert_eq!(text(&sheet, members_header, 0), "姓名");
    assert_eq!(text(&sheet, members_header + 1, 0), members.rows[0][0]);
    // Amounts are number cells shown 0.00, counts numbers, the rate a share shown 0.0%.
    assert_same_table(&sheet, 4, months, "党费 months");
    assert_same_table(&sheet, members_header + 1, members, "党费 members");
    assert_eq!(
        number(&sheet, 3 + months.rows.len() as u32, 4),
        report.paid_cents as f64 / 100.0
    );

    // 四强自评: the 自评报告's title and summary, its scores and items as the sheet shows them.
    let strengths = &data.sections[6];
    let sheet = xlsx.worksheet_range("四强自评").unwrap();
    assert_eq!(text(&sheet, 0, 0), strengths.title);
    assert_eq!(strengths.notes, vec![text(&sheet, 1, 0)]);
    let [scores, items] = strengths.tables.as_slice() else {
        panic!("四强 has the scores and the items");
    };
    let assessment = db
        .read(|c| zhibu::strengths::assess(c, 2026, today()))
        .unwrap();
    assert_eq!(scores.rows.len(), assessment.strengths.len());
    for (i, (row, s)) in scores.rows.iter().zip(&assessment.strengths).enumerate() {
        let r = 4 + i as u32;
        assert_eq!(row[0], text(&sheet, r, 0));
        assert_eq!(row[1], format!("{:.1}%", number(&sheet, r, 1) * 100.0));
        assert_eq!(row[2], s.met.to_string());
        assert_eq!(row[3], number(&sheet, r, 3).to_string());
    }
    let first_item = 4 + scores.rows.len() as u32 + 2;
    assert_eq!(text(&sheet, first_item - 1, 1), items.columns[1].header);
    for (i, row) in items.rows.iter().enumerate() {
        let r = first_item + i as u32;
        for c in [0, 1, 2, 3, 4, 6] {
            assert_eq!(row[c as usize], text(&sheet, r, c), "item {i}, column {c}");
        }
        assert_eq!(row[5].parse::<f64>().unwrap(), number(&sheet, r, 5));
    }
    let item_count: usize = assessment.strengths.iter().map(|s| s.items.len()).sum();
    assert_eq!(items.rows.len(), item_count);
}

#[test]
fn the_book_is_serialized_for_the_window() {
    let (_dir, db) = demo();
    let json = serde_json::to_value(ledger_book(&db, false)).unwrap();
    assert_eq!(json["sections"][0]["part"], "roster");
    assert_eq!(json["sections"][4]["part"], "study_hours");
    assert_eq!(
        json["sections"][0]["tables"][0]["columns"][5]["header"],
        "身份证号"
    );
    assert_eq!(json["as_of"], today().to_string());
}

/// The 台账's 学时 figures are the 学时 page's: the report rounds the pace once, to the half
/// hour every figure is kept in, and the book, the printout and the workbook show those
/// values; nothing is rounded again to a tenth (25.4 against the page's 25.5).
#[test]
fn the_ledger_s_hours_are_the_study_page_s() {
    let (_dir, db) = demo();
    // Mid-year the pace is a fraction of the target: rounding matters.
    let as_of = d("2026-05-17");
    let report = db.read(|c| study::report(c, 2026, as_of, None)).unwrap();
    let book = db
        .read(|c| {
            ledger::book(
                c,
                LedgerOptions {
                    year: 2026,
                    as_of,
                    reveal: false,
                },
            )
        })
        .unwrap();
    let half = |h: f64| (h * 2.0).fract() == 0.0;
    assert!(report.members.iter().any(|m| !m.on_track));
    let table = &book.sections[4].tables[0];
    assert_eq!(table.rows.len(), report.members.len());
    for (row, m) in table.rows.iter().zip(&report.members) {
        assert!(half(m.behind_by) && m.expected.is_none_or(half), "{m:?}");
        assert_eq!(m.on_track, m.behind_by == 0.0, "{m:?}");
        let page = |h: f64| study::hours_text(study::HalfHours::rounded(h));
        assert_eq!(row[0], m.name);
        assert_eq!(row[3], page(m.counted_hours));
        assert_eq!(row[4], page(m.uncounted_hours));
        let state = row.last().unwrap();
        if !m.on_track && !m.exempt {
            assert_eq!(*state, format!("落后 {} 学时", page(m.behind_by)));
        }
    }
    // The workbook holds the same figures, as numbers.
    let bytes = db
        .read(|c| {
            ledger::workbook(
                c,
                LedgerOptions {
                    year: 2026,
                    as_of,
                    reveal: false,
                },
            )
        })
        .unwrap();
    let mut xlsx: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = xlsx.worksheet_range("学时登记").unwrap();
    for (i, m) in report.members.iter().enumerate() {
        let r = 3 + i as u32;
        assert_eq!(number(&sheet, r, 3), m.counted_hours);
        assert_eq!(number(&sheet, r, 4), m.uncounted_hours);
        if let Some(t) = m.target {
            assert_eq!(number(&sheet, r, 1), t);
        }
        let state = text(&sheet, r, sheet.width() as u32 - 1);
        if !m.on_track && !m.exempt {
            assert_eq!(state, format!("落后 {} 学时", m.behind_by));
        }
    }
    // Dates are date cells.
    let sessions = xlsx.worksheet_range("三会一课记录").unwrap();
    assert!(matches!(
        sessions.get_value((3, 0)),
        Some(Data::DateTime(_))
    ));
}

/// The 学时单 holds every member's figures as the 学时 page shows them: 计入 and 未计入 hours,
/// each category, the target, the share reached as the page's whole percent, the pace's hours
/// and where the member stands; every figure a number cell.
#[test]
fn the_hours_statement_holds_the_study_page_s_figures() {
    let (_dir, db) = demo();
    let as_of = d("2026-05-17");
    let report = db.read(|c| study::report(c, 2026, as_of, None)).unwrap();
    let bytes = db.read(|c| ledger::hours_workbook(c, 2026, as_of)).unwrap();
    let mut xlsx: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(xlsx.sheet_names(), [ledger::HOURS_SHEET]);
    let sheet = xlsx.worksheet_range(ledger::HOURS_SHEET).unwrap();
    assert!(text(&sheet, 0, 0).ends_with("2026年 党员学时单"));
    assert_eq!(text(&sheet, 1, 0), "统计截至 2026-05-17");
    let header = 3;
    let col = |name: &str| {
        (0..sheet.width() as u32)
            .find(|c| text(&sheet, header, *c) == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let (target, counted, uncounted) = (col("目标"), col("计入学时"), col("未计入学时"));
    let (share, expected, state) = (col("完成比例"), col("按进度应完成"), col("达标情况"));
    assert_eq!(
        sheet.height() as u32,
        header + 1 + report.members.len() as u32
    );
    assert!(report.members.iter().any(|m| m.exempt || !m.on_track));
    for (i, m) in report.members.iter().enumerate() {
        let r = header + 1 + i as u32;
        assert_eq!(text(&sheet, r, 0), m.name);
        assert_eq!(number(&sheet, r, counted), m.counted_hours, "{}", m.name);
        assert_eq!(
            number(&sheet, r, uncounted),
            m.uncounted_hours,
            "{}",
            m.name
        );
        match m.target {
            Some(t) => assert_eq!(number(&sheet, r, target), t),
            None => assert_eq!(text(&sheet, r, target), "免除"),
        }
        match m.share {
            // The page's whole percent, as a fraction in a percent cell.
            Some(s) => assert_eq!(number(&sheet, r, share), (s * 100.0).round() / 100.0),
            None => assert_eq!(text(&sheet, r, share), ""),
        }
        match m.expected {
            Some(e) => assert_eq!(number(&sheet, r, expected), e),
            None => assert_eq!(text(&sheet, r, expected), ""),
        }
        for c in &m.by_category {
            let label = if c.counted {
                c.label.clone()
            } else {
                format!("{}（不计入）", c.label)
            };
            assert_eq!(
                number(&sheet, r, col(&label)),
                c.hours,
                "{} {label}",
                m.name
            );
        }
        let expect = if m.exempt {
            format!("免除（{}）", m.exempt_reason)
        } else if m.reached {
            "已达标".into()
        } else if m.on_track {
            "进度正常".into()
        } else {
            format!("落后 {} 学时", m.behind_by)
        };
        assert_eq!(text(&sheet, r, state), expect);
    }
}
