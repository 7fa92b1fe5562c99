//! 「生成学时单」: one member's year as a one-page PNG to send them privately — the same
//! figures as 我的学时 and the phone page (hours against the target, the pace, categories, what
//! they attended), drawn in the core with a CJK font of the computer. No 身份证号, phone or
//! address is on it.

use std::path::PathBuf;

use ab_glyph::{point, Font, FontRef, PxScale, ScaleFont};
use chrono::NaiveDate;
use rusqlite::Connection;

use super::{attended_of, Attended};
use crate::error::{Error, Reason, Result};
use crate::study::self_check;

/// Where a CJK font is looked for, with the face to use in a collection (Noto Sans CJK's
/// Simplified Chinese face is the third). `ZHIBU_CJK_FONT` (`path` or `path#face`) comes first.
const FONT_CANDIDATES: &[(&str, u32)] = &[
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    (
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        2,
    ),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("C:\\Windows\\Fonts\\msyh.ttc", 0),
    ("C:\\Windows\\Fonts\\simhei.ttf", 0),
    ("C:\\Windows\\Fonts\\simsun.ttc", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("/System/Library/Fonts/STHeiti Medium.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
];

/// A font file that draws 汉字, and its face.
pub struct CjkFont {
    data: Vec<u8>,
    face: u32,
}

impl CjkFont {
    /// The first font of the computer that draws 汉字; refused (`StatementFontMissing`) when
    /// there is none.
    pub fn find() -> Result<CjkFont> {
        let from_env = std::env::var("ZHIBU_CJK_FONT")
            .ok()
            .map(|v| match v.rsplit_once('#') {
                Some((path, face)) => (PathBuf::from(path), face.parse().unwrap_or(0)),
                None => (PathBuf::from(v), 0),
            });
        let candidates = from_env.into_iter().chain(
            FONT_CANDIDATES
                .iter()
                .map(|(p, face)| (PathBuf::from(p), *face)),
        );
        for (path, face) in candidates {
            let Ok(data) = std::fs::read(&path) else {
                continue;
            };
            for face in [face, 0] {
                if let Some(font) = CjkFont::new(data.clone(), face) {
                    return Ok(font);
                }
            }
        }
        Err(Error::Conflict {
            reason: Reason::StatementFontMissing,
        })
    }

    /// The font when its face draws 学 and 时.
    pub fn new(data: Vec<u8>, face: u32) -> Option<CjkFont> {
        let font = FontRef::try_from_slice_and_index(&data, face).ok()?;
        if font.glyph_id('学').0 == 0 || font.glyph_id('时').0 == 0 {
            return None;
        }
        Some(CjkFont { data, face })
    }

    fn font(&self) -> FontRef<'_> {
        FontRef::try_from_slice_and_index(&self.data, self.face).expect("checked in new")
    }
}

const WIDTH: u32 = 1080;
const MARGIN: f32 = 64.0;
const RED: [u8; 3] = [0xc4, 0x1d, 0x24];
const DARK_RED: [u8; 3] = [0xa8, 0x07, 0x1a];
const INK: [u8; 3] = [0x1f, 0x1f, 0x1f];
const GREY: [u8; 3] = [0x6b, 0x6b, 0x6b];
const GREEN: [u8; 3] = [0x2f, 0x7d, 0x32];
const PAPER: [u8; 3] = [0xff, 0xff, 0xff];
const TRACK: [u8; 3] = [0xee, 0xe6, 0xdc];

/// One thing to draw, placed by the layout.
enum Mark {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        color: [u8; 3],
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: [u8; 3],
    },
}

struct Canvas<'f> {
    font: FontRef<'f>,
    marks: Vec<Mark>,
    y: f32,
}

impl Canvas<'_> {
    fn width_of(&self, text: &str, size: f32) -> f32 {
        let scaled = self.font.as_scaled(PxScale::from(size));
        text.chars()
            .map(|c| scaled.h_advance(scaled.glyph_id(c)))
            .sum()
    }

    /// `text` cut into lines no wider than `max`.
    fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
        let mut lines = vec![String::new()];
        for c in text.chars() {
            let line = lines.last_mut().expect("one line at least");
            line.push(c);
            if self.width_of(line, size) > max && line.chars().count() > 1 {
                line.pop();
                lines.push(c.to_string());
            }
        }
        lines
    }

    fn text(&mut self, x: f32, baseline: f32, size: f32, color: [u8; 3], text: &str) {
        self.marks.push(Mark::Text {
            x,
            baseline,
            size,
            color,
            text: text.to_string(),
        });
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: [u8; 3]) {
        self.marks.push(Mark::Rect { x, y, w, h, color });
    }

    /// A line of text at the left margin, the cursor moved below it.
    fn line(&mut self, size: f32, color: [u8; 3], text: &str) {
        self.y += size * 1.5;
        let y = self.y - size * 0.4;
        self.text(MARGIN, y, size, color, text);
    }

    /// A row: a grey note, then text (wrapped), on the left; a figure on the right.
    fn row(&mut self, size: f32, left: &str, note: &str, right: &str) {
        let right_w = self.width_of(right, size);
        let max = WIDTH as f32 - 2.0 * MARGIN - right_w - 24.0;
        let note_w = if note.is_empty() {
            0.0
        } else {
            self.width_of(note, size) + 12.0
        };
        // The first line shares its width with the note; wrapped lines take the whole width.
        let mut lines = self.wrap(left, size, max - note_w);
        let rest: String = lines.split_off(1).concat();
        if !rest.is_empty() {
            lines.extend(self.wrap(&rest, size, max));
        }
        self.y += 8.0;
        for (i, line) in lines.iter().enumerate() {
            self.y += size * 1.4;
            let y = self.y - size * 0.38;
            if i == 0 {
                if !note.is_empty() {
                    self.text(MARGIN, y, size, GREY, note);
                }
                self.text(MARGIN + note_w, y, size, INK, line);
                self.text(WIDTH as f32 - MARGIN - right_w, y, size, INK, right);
            } else {
                self.text(MARGIN, y, size, INK, line);
            }
        }
        self.y += 8.0;
        self.rect(MARGIN, self.y, WIDTH as f32 - 2.0 * MARGIN, 1.0, TRACK);
    }

    /// Draws every mark onto white paper `height` pixels tall: RGB bytes.
    fn paint(&self, height: u32) -> Vec<u8> {
        let w = WIDTH as usize;
        let h = height as usize;
        let mut pixels = PAPER.repeat(w * h);
        let mut blend = |x: i64, y: i64, color: [u8; 3], alpha: f32| {
            if x < 0 || y < 0 || x >= w as i64 || y >= h as i64 || alpha <= 0.0 {
                return;
            }
            let i = (y as usize * w + x as usize) * 3;
            let a = alpha.min(1.0);
            for k in 0..3 {
                let under = f32::from(pixels[i + k]);
                pixels[i + k] = (under + (f32::from(color[k]) - under) * a).round() as u8;
            }
        };
        for mark in &self.marks {
            match mark {
                Mark::Rect { x, y, w, h, color } => {
                    for py in (*y as i64)..((y + h).ceil() as i64) {
                        for px in (*x as i64)..((x + w).ceil() as i64) {
                            blend(px, py, *color, 1.0);
                        }
                    }
                }
                Mark::Text {
                    x,
                    baseline,
                    size,
                    color,
                    text,
                } => {
                    let scaled = self.font.as_scaled(PxScale::from(*size));
                    let mut pen = *x;
                    for c in text.chars() {
                        let id = scaled.glyph_id(c);
                        let glyph = id.with_scale_and_position(*size, point(pen, *baseline));
                        pen += scaled.h_advance(id);
                        if let Some(outline) = self.font.outline_glyph(glyph) {
                            let bounds = outline.px_bounds();
                            outline.draw(|gx, gy, coverage| {
                                blend(
                                    bounds.min.x as i64 + i64::from(gx),
                                    bounds.min.y as i64 + i64::from(gy),
                                    *color,
                                    coverage,
                                );
                            });
                        }
                    }
                }
            }
        }
        pixels
    }
}

fn hours_text(hours: f64) -> String {
    format!("{hours}")
}

/// The member's year of `year` as of `as_of`, as PNG bytes, 1080 pixels wide.
pub fn statement_png(
    conn: &Connection,
    member_id: &str,
    year: i32,
    as_of: NaiveDate,
    font: &CjkFont,
) -> Result<Vec<u8>> {
    let statement = self_check::statement(conn, member_id, year, as_of)?;
    let attended: Vec<Attended> = attended_of(conn, member_id, &statement)?;
    let p = &statement.progress;
    let mut c = Canvas {
        font: font.font(),
        marks: Vec::new(),
        y: 0.0,
    };
    // The band: branch and title.
    c.rect(0.0, 0.0, WIDTH as f32, 150.0, RED);
    c.text(MARGIN, 62.0, 30.0, PAPER, &statement.branch_name);
    c.text(MARGIN, 118.0, 40.0, PAPER, &format!("{year} 年度学时记录"));
    c.y = 170.0;
    c.line(52.0, INK, &p.name);
    c.line(26.0, GREY, &format!("截至 {}", statement.as_of));
    c.y += 16.0;
    c.line(28.0, GREY, "已计学时");
    c.line(84.0, DARK_RED, &hours_text(p.hours));
    match p.target {
        Some(target) => {
            c.line(30.0, INK, &format!("年度目标 {} 学时", hours_text(target)));
            c.y += 16.0;
            let full = WIDTH as f32 - 2.0 * MARGIN;
            let share = if target > 0.0 {
                (p.hours / target).clamp(0.0, 1.0)
            } else {
                1.0
            };
            c.rect(MARGIN, c.y, full, 20.0, TRACK);
            c.rect(MARGIN, c.y, full * share as f32, 20.0, RED);
            c.y += 20.0;
            let (pace, color) = if p.reached {
                ("已达标".to_string(), GREEN)
            } else if p.on_track {
                ("进度正常".to_string(), GREEN)
            } else {
                (
                    format!("落后全年进度 {} 学时", hours_text(p.behind_by)),
                    RED,
                )
            };
            c.line(32.0, color, &pace);
            if let Some(expected) = p.expected {
                c.line(
                    26.0,
                    GREY,
                    &format!("按进度此时应达 {} 学时", hours_text(expected)),
                );
            }
        }
        None => {
            let reason = if p.exempt_reason.is_empty() {
                String::new()
            } else {
                format!("（{}）", p.exempt_reason)
            };
            c.line(30.0, GREY, &format!("本年度免于学时要求{reason}"));
        }
    }
    if p.uncounted_hours > 0.0 {
        c.line(
            26.0,
            GREY,
            &format!("另有不计入目标的学时 {}", hours_text(p.uncounted_hours)),
        );
    }
    c.y += 24.0;
    c.line(34.0, INK, "按类别");
    for cat in &p.by_category {
        let label = if cat.counted {
            cat.label.clone()
        } else {
            format!("{}（不计入目标）", cat.label)
        };
        c.row(30.0, &label, "", &format!("{} 学时", hours_text(cat.hours)));
    }
    c.y += 24.0;
    c.line(34.0, INK, "参加的会议和活动");
    if attended.is_empty() {
        c.line(28.0, GREY, "本年度尚无记录");
    }
    for a in &attended {
        let title = if a.title.is_empty() {
            a.kind.label()
        } else {
            a.title.as_str()
        };
        c.row(
            26.0,
            title,
            &format!("{} {}", a.date.format("%m-%d"), a.label),
            &format!("{} 学时", hours_text(a.hours)),
        );
    }
    c.y += 40.0;
    c.line(22.0, GREY, "本学时单只给本人，请勿转发。");
    c.y += 40.0;
    let height = c.y.ceil() as u32;
    let pixels = c.paint(height);
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, WIDTH, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder
            .write_header()
            .map_err(|e| Error::Io(std::io::Error::other(e)))?;
        writer
            .write_image_data(&pixels)
            .map_err(|e| Error::Io(std::io::Error::other(e)))?;
        writer
            .finish()
            .map_err(|e| Error::Io(std::io::Error::other(e)))?;
    }
    Ok(out)
}
