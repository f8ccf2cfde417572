//! Display list: what a page shows, as plain data. The PDF writer turns it into PDF; the app
//! will draw the same data as SVG for its preview.
//!
//! Coordinates are PDF points (1/72 in) with the origin at the **top-left** corner of the
//! page and y growing **downwards**, like SVG and like the paginator thinks (top margin,
//! then lines going down). The PDF writer flips y (PDF's origin is bottom-left).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::fonts::FaceId;
use super::tags::{Mark, StructTree};

/// A4 portrait, in points.
pub const A4_WIDTH_PT: f64 = 595.275_590_551_181_1;
pub const A4_HEIGHT_PT: f64 = 841.889_763_779_527_6;

/// Points per millimetre and per centimetre.
pub const PT_PER_MM: f64 = 72.0 / 25.4;
pub const PT_PER_CM: f64 = 720.0 / 25.4;

/// An RGB colour, each channel 0–1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Color {
    pub r: f64,
    pub g: f64,
    pub b: f64,
}

impl Color {
    pub const BLACK: Color = Color {
        r: 0.0,
        g: 0.0,
        b: 0.0,
    };
}

impl Default for Color {
    fn default() -> Self {
        Color::BLACK
    }
}

/// One glyph of a [`TextRun`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PlacedGlyph {
    pub gid: u16,
    /// Where the glyph is drawn, from the run's `x` (justification and kerning included).
    pub x: f64,
    /// Vertical offset from the baseline, upwards positive (mark positioning); usually 0.
    pub y_offset: f64,
    /// Byte offset in the run's `text` where this glyph's cluster starts. Glyphs sharing a
    /// value form one cluster; a cluster's text runs to the next larger value (or the end).
    pub cluster: u32,
}

/// Glyphs of one face and size on one baseline, with the text they show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextRun {
    pub face: FaceId,
    pub size_pt: f64,
    /// Left end of the run (pen position of the first glyph), from the page's left edge.
    pub x: f64,
    /// Baseline, from the page's top edge.
    pub baseline: f64,
    pub color: Color,
    pub glyphs: Vec<PlacedGlyph>,
    /// The text these glyphs show, NFC; what copy-paste and `pdftotext` give back.
    pub text: String,
    /// Right end of the run: `x` + pen position after the last glyph.
    pub width: f64,
}

impl TextRun {
    /// The text of each glyph's cluster, for the first glyph of a cluster; `""` for the
    /// following glyphs of the same cluster.
    pub fn glyph_texts(&self) -> Vec<&str> {
        let n = self.glyphs.len();
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let start = self.glyphs[i].cluster as usize;
            if i > 0 && self.glyphs[i - 1].cluster as usize == start {
                out.push("");
                continue;
            }
            let end = self.glyphs[i + 1..]
                .iter()
                .map(|g| g.cluster as usize)
                .find(|c| *c > start)
                .unwrap_or(self.text.len());
            out.push(self.text.get(start..end).unwrap_or(""));
        }
        out
    }
}

/// A straight rule, e.g. the line under the issuing body's name or under a title.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LineItem {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
    pub thickness: f64,
    pub color: Color,
}

/// How a rectangle's outline is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Stroke {
    pub thickness: f64,
    pub color: Color,
}

/// A rectangle (table cell borders and shading). `y` is its top edge.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RectItem {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub fill: Option<Color>,
    pub stroke: Option<Stroke>,
}

/// An image placed in a box; the pixels live in [`DisplayDocument::images`] under `key`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageItem {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub key: String,
}

/// 8-bit RGBA pixels, row by row from the top (transparent signature and seal images).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RasterImage {
    pub width_px: u32,
    pub height_px: u32,
    pub rgba: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    Text(TextRun),
    Line(LineItem),
    Rect(RectItem),
    Image(ImageItem),
}

/// Where a leader signs on paper: the blank between the chức vụ lines and the signer's
/// name in the closing block, the signer column's full width. The writer puts the empty
/// signature field of the PDF there. `y` is the top edge.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SignatureSpace {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// A heading that starts on a page: an entry of the PDF's outline (bookmarks).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    /// 1 for the top level (sections "I. …", appendices), 2 under it.
    pub level: u8,
    pub title: String,
    /// Top of the heading's first line, from the page's top edge.
    pub y: f64,
}

/// Pages from `first_page` on are numbered from 1, after `prefix` (the printed page
/// numbers restart in each appendix).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageLabelRange {
    pub first_page: usize,
    pub prefix: String,
}

/// One page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub width_pt: f64,
    pub height_pt: f64,
    pub items: Vec<Item>,
    /// The signature space, on the page of the closing block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature_space: Option<SignatureSpace>,
    /// Headings starting on this page, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bookmarks: Vec<Bookmark>,
    /// What the items are in the document's structure: `(i, mark)` marks the items from
    /// index `i` up to the next entry's. Empty on an untagged page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<(usize, Mark)>,
}

impl Page {
    pub fn new(width_pt: f64, height_pt: f64) -> Page {
        Page {
            width_pt,
            height_pt,
            items: Vec::new(),
            signature_space: None,
            bookmarks: Vec::new(),
            marks: Vec::new(),
        }
    }

    pub fn a4_portrait() -> Page {
        Page::new(A4_WIDTH_PT, A4_HEIGHT_PT)
    }

    pub fn a4_landscape() -> Page {
        Page::new(A4_HEIGHT_PT, A4_WIDTH_PT)
    }

    pub fn push(&mut self, item: Item) {
        self.items.push(item);
    }

    /// Marks the items pushed from now on (until the next mark) with `mark`.
    pub fn mark(&mut self, mark: Mark) {
        let at = self.items.len();
        match self.marks.last_mut() {
            Some((_, last)) if *last == mark => {}
            // Nothing was drawn under the previous mark: it goes.
            Some((i, _)) if *i == at => {
                self.marks.pop();
                self.mark(mark);
            }
            _ => self.marks.push((at, mark)),
        }
    }

    /// The text runs of the page, in drawing order.
    pub fn text_runs(&self) -> impl Iterator<Item = &TextRun> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
    }
}

/// Document information written into the PDF.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// Creation date; `None` means now. Fixed dates make output reproducible in tests.
    pub creation_date: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// Everything the writer needs: pages, images they refer to, metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct DisplayDocument {
    pub pages: Vec<Page>,
    pub images: BTreeMap<String, RasterImage>,
    pub metadata: Metadata,
    /// Page numbering ranges; empty means 1, 2, 3… throughout.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_labels: Vec<PageLabelRange>,
    /// The logical structure the pages' marks refer to; empty: an untagged PDF.
    #[serde(default, skip_serializing_if = "StructTree::is_empty")]
    pub structure: StructTree,
}
