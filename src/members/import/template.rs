//! The roster template the app ships: the 花名册's columns and one example row, dates as date
//! cells.

use rust_xlsxwriter::{Format, Workbook};

use super::mapping::COLUMNS;
use crate::error::{Error, Result};

/// The template the app ships: the 花名册 columns and one example row.
pub fn template_xlsx() -> Result<Vec<u8>> {
    let xlsx = |e: rust_xlsxwriter::XlsxError| Error::Io(std::io::Error::other(e.to_string()));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("党员花名册").map_err(xlsx)?;
    let head = Format::new().set_bold().set_background_color("#F2DCDB");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let first17 = "50011819850312001";
    let example_id = format!(
        "{first17}{}",
        crate::members::validate::id_check_char(first17).expect("17 digits")
    );
    let example = [
        "张三",
        "男",
        "汉族",
        "1985-03-12",
        "重庆永川",
        example_id.as_str(),
        "大学",
        "2007-07-01",
        "区行政服务中心 科员",
        "13800001234",
        "重庆市永川区人民大道 1 号",
        "正式党员",
        "2010-07-01",
        "2011-07-01",
        "第一党小组",
        "",
    ];
    for (col, (_, title, _)) in COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *title, &head)
            .map_err(xlsx)?;
        // The example's dates are date cells, as an office's own sheet would have them.
        match chrono::NaiveDate::parse_from_str(example[col], "%Y-%m-%d") {
            Ok(d) => {
                use chrono::Datelike;
                let day = rust_xlsxwriter::ExcelDateTime::from_ymd(
                    d.year() as u16,
                    d.month() as u8,
                    d.day() as u8,
                )
                .map_err(xlsx)?;
                sheet
                    .write_datetime_with_format(1, col as u16, &day, &date)
                    .map_err(xlsx)?
            }
            Err(_) => sheet
                .write_string(1, col as u16, example[col])
                .map_err(xlsx)?,
        };
        sheet
            .set_column_width(col as u16, if col == 5 { 22.0 } else { 13.0 })
            .map_err(xlsx)?;
    }
    book.save_to_buffer().map_err(xlsx)
}
