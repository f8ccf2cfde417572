//! The official layout of a Kế hoạch (Nghị định 30/2020/NĐ-CP, Phụ lục I), in one place.
//!
//! Both writers read these rules: the DOCX writer turns them into Word properties, the
//! PDF engine lays text out with them. Values follow `shared/reference/nd30-layout.md`;
//! where the decree gives a range, the chosen value is the one noted there.
//!
//! Line spacing is *exact* (a fixed line pitch) rather than "multiple": Word, LibreOffice
//! and our PDF engine then agree on every line's height whatever the font's own metrics,
//! which is what page-for-page fidelity between the DOCX and the PDF needs.

mod style;

pub use style::{Align, ParagraphStyle, Role};

use crate::model::{DocumentSettings, Margins};

/// The font the decree prescribes, named in the DOCX; the PDF embeds it or its
/// metric-compatible substitute.
pub const FONT_FAMILY: &str = "Times New Roman";

pub const A4_WIDTH_MM: f32 = 210.0;
pub const A4_HEIGHT_MM: f32 = 297.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// Page size and margins of one orientation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    pub orientation: Orientation,
    pub width_mm: f32,
    pub height_mm: f32,
    pub margins_mm: Margins,
}

impl PageSetup {
    pub fn text_width_mm(&self) -> f32 {
        self.width_mm - self.margins_mm.left - self.margins_mm.right
    }

    pub fn text_height_mm(&self) -> f32 {
        self.height_mm - self.margins_mm.top - self.margins_mm.bottom
    }
}

/// Where the page number sits: centred in the top margin, this far below the page edge.
pub const PAGE_NUMBER_FROM_TOP_MM: f32 = 10.0;

/// A thin solid rule drawn under the issuer name, the tiêu ngữ and the trích yếu.
pub const RULE_THICKNESS_PT: f32 = 0.5;

/// A rule occupies a block of this height; the line is drawn at its bottom edge, so it
/// sits this far below the line box of the text above it.
pub const RULE_GAP_PT: f32 = 4.0;

/// Space after the rule under the trích yếu, before the opening lines. Rules inside the
/// header block have no space after: the next row brings its own.
pub const BODY_RULE_SPACE_AFTER_PT: f32 = 12.0;

/// Horizontal padding inside the cells of the borderless header and closing tables
/// (Mẫu 1.4: 0.15 cm). A rule in such a cell is centred in the width left inside it.
pub const COLUMNS_CELL_PADDING_MM: f32 = 1.5;

/// The header and closing tables start this far left of the margin (negative: into
/// it), so that the text of their left cells ("Nơi nhận:", the issuer) lines up with the
/// margin as in Mẫu 1.4, not a cell padding inside it.
pub const COLUMNS_INDENT_MM: f32 = -COLUMNS_CELL_PADDING_MM;

/// Space above the closing block, over the paragraph spacing of the last body
/// paragraph: Mẫu 1.4 leaves about 30 pt between "./." and "Nơi nhận:".
pub const CLOSING_SPACE_BEFORE_PT: f32 = 24.0;

/// Padding inside the cells of bordered appendix tables.
pub const TABLE_CELL_PADDING_MM: CellPadding = CellPadding {
    horizontal: 1.5,
    vertical: 0.8,
};

/// Borders of appendix tables: single solid black lines.
pub const TABLE_BORDER_PT: f32 = 0.5;

/// Text in appendix table cells is centred vertically in its row.
pub const TABLE_CELLS_CENTRED_VERTICALLY: bool = true;

/// Widow and orphan control: a paragraph never leaves a single line alone at the top or
/// the bottom of a page.
pub const WIDOW_CONTROL: bool = true;

/// Lines a paragraph keeps together at the bottom and the top of a page under widow and
/// orphan control: Word's and LibreOffice's value, which a DOCX cannot change.
pub const WIDOW_LINES: usize = 2;

/// Size and exact height of the empty paragraph that closes each page section (it
/// carries the section's properties, or ends a body that ends with a table): as small
/// as Word and LibreOffice draw a paragraph.
pub const SECTION_END_PT: f32 = 1.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellPadding {
    /// Left and right, each.
    pub horizontal: f32,
    /// Top and bottom, each.
    pub vertical: f32,
}

/// The layout rules for one document, resolved from the plan's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Body text size: 13 or 14 pt.
    pub body_size_pt: f32,
    pub portrait: PageSetup,
    pub landscape: PageSetup,
}

impl Layout {
    /// Clamps the plan's settings into the decree's ranges.
    pub fn from_settings(settings: &DocumentSettings) -> Layout {
        let body = if settings.body_size_pt <= 13 {
            13.0
        } else {
            14.0
        };
        let m = settings.margins_mm;
        let portrait = Margins {
            top: m.top.clamp(20.0, 25.0),
            bottom: m.bottom.clamp(20.0, 25.0),
            left: m.left.clamp(30.0, 35.0),
            right: m.right.clamp(15.0, 20.0),
        };
        let l = settings.landscape_margins_mm;
        let clamp = |v: f32| {
            if v.is_finite() {
                v.clamp(10.0, 35.0)
            } else {
                20.0
            }
        };
        let landscape = Margins {
            top: clamp(l.top),
            bottom: clamp(l.bottom),
            left: clamp(l.left),
            right: clamp(l.right),
        };
        Layout {
            body_size_pt: body,
            portrait: PageSetup {
                orientation: Orientation::Portrait,
                width_mm: A4_WIDTH_MM,
                height_mm: A4_HEIGHT_MM,
                margins_mm: portrait,
            },
            landscape: PageSetup {
                orientation: Orientation::Landscape,
                width_mm: A4_HEIGHT_MM,
                height_mm: A4_WIDTH_MM,
                margins_mm: landscape,
            },
        }
    }

    pub fn page(&self, orientation: Orientation) -> &PageSetup {
        match orientation {
            Orientation::Portrait => &self.portrait,
            Orientation::Landscape => &self.landscape,
        }
    }

    /// Exact line pitch for text of `size_pt`: about 1.3 × the size, the upper end of the
    /// decree's "single to 1.5 lines", rounded to half points.
    pub fn line_pitch_pt(size_pt: f32) -> f32 {
        (size_pt * 1.3 * 2.0).round() / 2.0
    }

    /// Page numbers: same size as the body.
    pub fn page_number_size_pt(&self) -> f32 {
        self.body_size_pt
    }

    /// Widths of the header table columns (left: issuer, right: quốc hiệu), as in
    /// Mẫu 1.4; they add up to the portrait text width.
    pub fn header_columns_mm(&self) -> [f32; 2] {
        let total = self.portrait.text_width_mm();
        let left = 68.0;
        [left, total - left]
    }

    /// Widths of the closing table (left: Nơi nhận, right: signer).
    pub fn closing_columns_mm(&self) -> [f32; 2] {
        let total = self.portrait.text_width_mm();
        let left = 60.0;
        [left, total - left]
    }

    /// Length of the rule under the issuer name: a third of its column.
    pub fn issuer_rule_mm(&self) -> f32 {
        (self.header_columns_mm()[0] / 3.0).round()
    }

    /// Length of the rule under the tiêu ngữ: as long as the text, "Độc lập - Tự do -
    /// Hạnh phúc" in bold Times New Roman (56.1 mm at 13 pt; measured on the font).
    pub fn motto_rule_mm(&self) -> f32 {
        56.1 * self.style(Role::Motto).size_pt / 13.0
    }

    /// Length of the rule under the trích yếu: a third of the text width.
    pub fn subject_rule_mm(&self) -> f32 {
        (self.portrait.text_width_mm() / 3.0).round()
    }

    /// Length of the short rule under an appendix's "(Kèm theo Kế hoạch số …)" line, as
    /// under the trích yếu (Mẫu 2.1 draws both alike).
    pub fn appendix_note_rule_mm(&self) -> f32 {
        self.subject_rule_mm()
    }

    /// Blank space left for the handwritten or digital signature and the seal.
    pub fn signature_space_pt(&self) -> f32 {
        5.0 * Layout::line_pitch_pt(self.body_size_pt)
    }

    /// Phụ lục I columns: TT, chỉ tiêu, đơn vị, one column per target period, hiện
    /// trạng, phương pháp đo lường, cơ quan chủ trì. Fills the landscape text width.
    pub fn indicator_columns_mm(&self, periods: usize) -> Vec<f32> {
        let fixed = [10.0, 0.0, 20.0];
        let tail = [24.0, 55.0, 38.0];
        let per_period = 24.0;
        let used: f32 =
            fixed.iter().sum::<f32>() + tail.iter().sum::<f32>() + per_period * periods as f32;
        let name = self.landscape.text_width_mm() - used;
        let mut cols = vec![fixed[0], name, fixed[2]];
        cols.extend(std::iter::repeat_n(per_period, periods));
        cols.extend(tail);
        cols
    }

    /// Phụ lục II columns: TT, nhiệm vụ (tên, nội dung), kết quả/sản phẩm, chủ trì, phối
    /// hợp, thời gian, nguồn kinh phí, kinh phí dự kiến.
    pub fn task_columns_mm(&self) -> Vec<f32> {
        let others = [10.0, 0.0, 52.0, 28.0, 30.0, 20.0, 24.0, 20.0];
        let name = self.landscape.text_width_mm() - others.iter().sum::<f32>();
        let mut cols = others.to_vec();
        cols[1] = name;
        cols
    }

    /// The evaluation appendix: TT, chỉ tiêu, đơn vị, chỉ tiêu năm trước, kết quả thực
    /// hiện, đánh giá, ghi chú.
    pub fn evaluation_columns_mm(&self) -> Vec<f32> {
        self.landscape_columns_mm(&[10.0, 0.0, 24.0, 30.0, 34.0, 30.0, 50.0])
    }

    /// The status of last year's tasks: TT, nhiệm vụ, đơn vị chủ trì, tình hình, kết quả,
    /// chuyển tiếp.
    pub fn task_status_columns_mm(&self) -> Vec<f32> {
        self.landscape_columns_mm(&[10.0, 0.0, 44.0, 30.0, 80.0, 24.0])
    }

    /// A drafter's own appendix: TT, then `columns` equal columns.
    pub fn custom_columns_mm(&self, columns: usize) -> Vec<f32> {
        let mut widths = vec![10.0];
        widths.extend(std::iter::repeat_n(0.0, columns.max(1)));
        self.landscape_columns_mm(&widths)
    }

    /// Fixed widths, with the zero ones sharing what is left of the landscape text width.
    fn landscape_columns_mm(&self, widths: &[f32]) -> Vec<f32> {
        let flexible = widths.iter().filter(|w| **w == 0.0).count().max(1) as f32;
        let rest = (self.landscape.text_width_mm() - widths.iter().sum::<f32>()) / flexible;
        widths
            .iter()
            .map(|w| if *w == 0.0 { rest.max(10.0) } else { *w })
            .collect()
    }
}

/// The grid of a table of columns `widths_mm` wide, in twips: each edge rounded on its
/// own, so the columns add up to the rounded total; a column is at least 1 mm and
/// 1 twip wide, and a table without columns has one of 100 mm. Both writers lay tables
/// on this grid.
pub fn grid_twips(widths_mm: &[f32]) -> Vec<i32> {
    let widths: Vec<f32> = if widths_mm.is_empty() {
        vec![100.0]
    } else {
        widths_mm
            .iter()
            .map(|w| if w.is_finite() { w.max(1.0) } else { 1.0 })
            .collect()
    };
    let mut out = Vec::with_capacity(widths.len());
    let (mut edge_mm, mut edge) = (0.0f32, 0i32);
    for w in widths {
        edge_mm += w;
        let next = mm_to_twips(edge_mm);
        out.push((next - edge).max(1));
        edge = next;
    }
    out
}

/// Millimetres to points.
pub fn mm_to_pt(mm: f32) -> f32 {
    mm * 72.0 / 25.4
}

/// Millimetres to twentieths of a point (Word's "twips").
pub fn mm_to_twips(mm: f32) -> i32 {
    (mm * 1440.0 / 25.4).round() as i32
}

/// Points to twips.
pub fn pt_to_twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_clamped_into_the_decree_ranges() {
        let s = DocumentSettings {
            body_size_pt: 20,
            margins_mm: Margins {
                left: 10.0,
                top: 40.0,
                ..Margins::portrait()
            },
            landscape_margins_mm: Margins {
                left: f32::NAN,
                ..Margins::landscape()
            },
        };
        let l = Layout::from_settings(&s);
        assert_eq!(l.body_size_pt, 14.0);
        assert_eq!(l.portrait.margins_mm.left, 30.0);
        assert_eq!(l.portrait.margins_mm.top, 25.0);
        assert_eq!(l.landscape.margins_mm.left, 20.0);
    }

    #[test]
    fn a_grid_adds_up_to_its_rounded_total() {
        let grid = grid_twips(&[10.3, 10.3, 10.3, f32::NAN, -4.0]);
        assert_eq!(grid.iter().sum::<i32>(), mm_to_twips(10.3 * 3.0 + 2.0));
        assert_eq!(grid[3], mm_to_twips(1.0));
        assert_eq!(grid_twips(&[]), vec![mm_to_twips(100.0)]);
    }

    #[test]
    fn table_columns_fill_the_text_width() {
        let l = Layout::from_settings(&DocumentSettings::default());
        let width = l.landscape.text_width_mm();
        for periods in 1..=2 {
            let sum: f32 = l.indicator_columns_mm(periods).iter().sum();
            assert!((sum - width).abs() < 0.01);
        }
        let sum: f32 = l.task_columns_mm().iter().sum();
        assert!((sum - width).abs() < 0.01);
        let [a, b] = l.header_columns_mm();
        assert!((a + b - l.portrait.text_width_mm()).abs() < 0.01);
    }
}
