//! PDF engine: fonts, shaping, line breaking, a display list and a printpdf writer.
//!
//! The goal is a PDF that paginates like LibreOffice renders the DOCX export of the same
//! plan, so every measurement here follows what LibreOffice 7.x does with Times New Roman /
//! Liberation Serif (see [`fonts::Face::line_metrics`] for line heights,
//! [`linebreak`] for breaking, [`shape`] for kerning).
//!
//! How the paginator uses it:
//!
//! 1. [`FontSet::load`] once (real Times New Roman if installed, else bundled Liberation
//!    Serif).
//! 2. For each paragraph: [`layout_paragraph`]`(&fonts, &spans, &style, column_width_pt)`
//!    → [`LaidParagraph`] with lines whose heights are whole twips, plus space before/after.
//!    Decide page breaks from `line.height` (keep-with-next, widows/orphans are just choices
//!    of how many lines go on a page).
//! 3. [`place_lines`]`(&mut page, &lines[a..b], column_x, top_pt)` draws them and returns
//!    the top of the next line. Rules and table borders are [`Item::Line`] / [`Item::Rect`].
//! 4. [`write_pdf`]`(&DisplayDocument { pages, images, metadata }, &fonts)` → PDF bytes.
//!
//! Units: display-list coordinates are points from the page's top-left corner, y down.
//! Line heights, baselines and paragraph spacing are whole twips (1/20 pt) because that is
//! how LibreOffice accumulates them; convert page geometry (margins, column widths) to
//! twips the way the DOCX writer does before converting to points, so both sides use the
//! same numbers (e.g. a 30 mm margin is 1701 twips in the DOCX, so 85.05 pt here).
//!
//! Measured against LibreOffice 7.4 (`tests/pdf_engine.rs`): the same words end the same
//! lines (112 of 112 lines of plan text, 14 pt full width and 13 pt in an 8 cm column with
//! mixed bold/italic), and every line sits on the same page at the same height (±0.1 pt,
//! LibreOffice's own rounding in its PDF).

pub mod archive;
pub mod content;
pub mod display;
pub mod fonts;
pub mod linebreak;
mod outline;
pub mod paginate;
pub mod paragraph;
pub mod preview;
pub mod render;
pub mod shape;
mod signature_field;
mod stream;
pub mod tags;
pub mod write;

pub use display::{
    Bookmark, Color, DisplayDocument, ImageItem, Item, LineItem, Metadata, Page, PageLabelRange,
    PlacedGlyph, RasterImage, RectItem, SignatureSpace, Stroke, TextRun, A4_HEIGHT_PT, A4_WIDTH_PT,
    PT_PER_CM, PT_PER_MM,
};
pub use fonts::{FaceId, FontOrigin, FontSet, LineMetrics, Style};
pub use linebreak::BreakStrategy;
pub use paragraph::{
    layout_paragraph, place_line, place_lines, twips_to_pt, Align, LaidLine, LaidParagraph,
    LineSpacing, ParagraphStyle, Span,
};
pub use render::{render, write, write_with, PdfError};
pub use shape::ShapeFeatures;
pub use write::{write_pdf, write_pdf_with_report, WriteError, WriteReport};
