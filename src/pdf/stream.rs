//! Page content streams written straight from the display list.
//!
//! printpdf turns its `Op` list into lopdf operations, then encodes those: for a 360-page
//! plan that was three fifths of the export's time (a heap string per glyph, an object per
//! operand) and a second copy of every page in memory. The operators are few and fixed —
//! text runs placed glyph by glyph with `TJ`, rules, rectangles, images and marked
//! content — so they are written here as bytes, one page at a time; printpdf still
//! writes the document around them.

use std::io::Write;

use super::display::{Color, Item, Page, TextRun};
use super::tags::{Artifact, Mark, NodeId};

/// What the content writer needs of an embedded face.
pub(super) trait FaceCodes {
    /// The resource name the page's `/Font` dictionary gives the face.
    fn resource(&self) -> &str;
    /// The code (subset glyph id) of an original glyph.
    fn code(&self, gid: u16) -> u16;
    /// Advance of a code as the font's `/W` says, 1/1000 em.
    fn width(&self, code: u16) -> i64;
    /// The text the `/ToUnicode` map gives an original glyph.
    fn unicode(&self, gid: u16) -> &str;
}

/// A page's content stream and what it marked.
pub(super) struct PageContent {
    pub bytes: Vec<u8>,
    /// The structure node of each MCID, in order.
    pub mcids: Vec<NodeId>,
    /// Clusters that needed `/ActualText`.
    pub actual_text_spans: usize,
}

/// Writes `page`. `face` finds the embedded face of a run (`None`: the run is skipped);
/// `image` the resource name of an image key. The page's marks become marked content.
pub(super) fn page_content<'a, F: FaceCodes + 'a>(
    page: &Page,
    face: impl Fn(&TextRun) -> Option<&'a F>,
    image: impl Fn(&str) -> Option<&'a str>,
) -> Result<PageContent, String> {
    let mut w = ContentWriter {
        buf: Vec::with_capacity(16 * 1024),
    };
    let mut out = PageContent {
        bytes: Vec::new(),
        mcids: Vec::new(),
        actual_text_spans: 0,
    };
    let mut marks = page.marks.iter().peekable();
    let mut open = false;
    let h = page.height_pt;
    for (index, item) in page.items.iter().enumerate() {
        let mut mark = None;
        while let Some((_, m)) = marks.next_if(|(at, _)| *at <= index) {
            mark = Some(*m);
        }
        if let Some(mark) = mark {
            if open {
                w.op("EMC");
            }
            w.begin_marked(mark, &mut out.mcids);
            open = true;
        }
        match item {
            Item::Text(run) => {
                if let Some(f) = face(run) {
                    out.actual_text_spans += w.text(run, f, h);
                }
            }
            Item::Line(l) => {
                w.op("q");
                w.color(l.color, "RG");
                w.num(l.thickness);
                w.op("w");
                w.num(l.x1);
                w.num(h - l.y1);
                w.op("m");
                w.num(l.x2);
                w.num(h - l.y2);
                w.op("l");
                w.op("S");
                w.op("Q");
            }
            Item::Rect(r) => {
                let paint = match (r.fill, r.stroke) {
                    (Some(_), Some(_)) => "B",
                    (Some(_), None) => "f",
                    (None, Some(_)) => "S",
                    (None, None) => continue,
                };
                w.op("q");
                if let Some(fill) = r.fill {
                    w.color(fill, "rg");
                }
                if let Some(stroke) = r.stroke {
                    w.color(stroke.color, "RG");
                    w.num(stroke.thickness);
                    w.op("w");
                }
                w.num(r.x);
                w.num(h - r.y - r.height);
                w.num(r.width);
                w.num(r.height);
                w.op("re");
                w.op(paint);
                w.op("Q");
            }
            Item::Image(im) => {
                let name = image(&im.key)
                    .ok_or_else(|| format!("image {:?} is not in the document", im.key))?;
                w.op("q");
                w.num(im.width);
                w.num(0.0);
                w.num(0.0);
                w.num(im.height);
                w.num(im.x);
                w.num(h - im.y - im.height);
                w.op("cm");
                w.name(name);
                w.op("Do");
                w.op("Q");
            }
        }
    }
    if open {
        w.op("EMC");
    }
    out.bytes = w.buf;
    Ok(out)
}

struct ContentWriter {
    buf: Vec<u8>,
}

impl ContentWriter {
    fn op(&mut self, op: &str) {
        self.buf.extend_from_slice(op.as_bytes());
        self.buf.push(b'\n');
    }

    /// A number to 1/1000 (a thousandth of a point is far below what any device shows),
    /// without trailing zeros, then a space.
    fn num(&mut self, v: f64) {
        self.raw_num(v);
        self.buf.push(b' ');
    }

    fn raw_num(&mut self, v: f64) {
        let scaled = if v.is_finite() {
            (v * 1000.0).round() as i64
        } else {
            0
        };
        if scaled < 0 {
            self.buf.push(b'-');
        }
        let a = scaled.unsigned_abs();
        // itoa, not `write!`: formatting machinery was a tenth of an export.
        self.buf
            .extend_from_slice(itoa::Buffer::new().format(a / 1000).as_bytes());
        let mut frac = a % 1000;
        if frac != 0 {
            let mut digits = 3;
            while frac % 10 == 0 {
                frac /= 10;
                digits -= 1;
            }
            self.buf.push(b'.');
            for _ in (frac.ilog10() + 1)..digits {
                self.buf.push(b'0');
            }
            self.buf
                .extend_from_slice(itoa::Buffer::new().format(frac).as_bytes());
        }
    }

    fn name(&mut self, name: &str) {
        self.buf.push(b'/');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b' ');
    }

    fn color(&mut self, c: Color, op: &str) {
        for v in [c.r, c.g, c.b] {
            self.num(v.clamp(0.0, 1.0));
        }
        self.op(op);
    }

    fn hex_string(&mut self, bytes: &[u8]) {
        self.buf.push(b'<');
        for b in bytes {
            push_hex(&mut self.buf, u16::from(*b), 2);
        }
        self.buf.push(b'>');
    }

    /// Opens the marked content of `mark`: a structure node's next MCID on this page
    /// (recorded in `mcids`), or an artifact of its kind.
    fn begin_marked(&mut self, mark: Mark, mcids: &mut Vec<NodeId>) {
        match mark {
            Mark::Content(node, kind) => {
                self.name(kind.name());
                let _ = writeln!(self.buf, "<</MCID {}>> BDC", mcids.len());
                mcids.push(node);
            }
            Mark::Artifact(kind) => {
                let properties = match kind {
                    Artifact::PageHeader => "<</Type /Pagination /Subtype /Header>>",
                    Artifact::Repeated => "<</Type /Pagination>>",
                    Artifact::Layout => "<</Type /Layout>>",
                };
                self.name("Artifact");
                self.buf.extend_from_slice(properties.as_bytes());
                self.op(" BDC");
            }
        }
    }

    /// One text run: a text object whose `TJ` numbers move every glyph to the x the layout
    /// computed. A cluster whose text the `/ToUnicode` entries of its glyphs do not give
    /// back goes in an `/ActualText` span. Returns how many spans it needed.
    fn text(&mut self, run: &TextRun, face: &impl FaceCodes, page_height: f64) -> usize {
        if run.glyphs.is_empty() || !run.size_pt.is_finite() || run.size_pt <= 0.0 {
            return 0;
        }
        let size = run.size_pt;
        self.color(run.color, "rg");
        self.op("BT");
        self.name(face.resource());
        self.num(size);
        self.op("Tf");
        let mut tj = Tj::default();
        let mut actual = 0;
        // Pen position (points from run.x) the viewer has after the glyphs written so
        // far; None when the next glyph needs a new text matrix.
        let mut pen: Option<f64> = None;
        for (a, b) in super::write::clusters_of(run) {
            // The cluster's text (as TextRun::glyph_texts gives it), without the joiners
            // extraction drops (write::extractable_texts).
            let start = run.glyphs[a].cluster as usize;
            let end = run.glyphs[b..]
                .iter()
                .map(|g| g.cluster as usize)
                .find(|c| *c > start)
                .unwrap_or(run.text.len());
            let text = run.text.get(start..end).unwrap_or("");
            let mapped = pieces_spell(run.glyphs[a..b].iter().map(|g| face.unicode(g.gid)), text);
            if !mapped {
                tj.flush(self);
                self.name("Span");
                self.buf.extend_from_slice(b"<</ActualText ");
                let shown: String = text.chars().filter(|c| !is_joiner(*c)).collect();
                self.hex_string(&super::write::pdf_text_string(&shown));
                self.op(">> BDC");
                actual += 1;
            }
            for g in &run.glyphs[a..b] {
                let code = face.code(g.gid);
                let raised = g.y_offset != 0.0;
                if raised || pen.is_none() {
                    tj.flush(self);
                    self.op_matrix(run.x + g.x, page_height - run.baseline + g.y_offset);
                    pen = Some(g.x);
                }
                // Move from the viewer's pen to this glyph's x: a TJ number (negative =
                // right), in 1/1000 em, rounded to 1/100.
                if let Some(p) = pen {
                    let delta = ((p - g.x) * 1000.0 / size * 100.0).round() / 100.0;
                    if delta != 0.0 {
                        tj.offset(delta);
                        pen = Some(p - delta * size / 1000.0);
                    }
                }
                tj.glyph(code);
                pen = pen.map(|p| p + face.width(code) as f64 * size / 1000.0);
                if raised {
                    // The next glyph goes back to the baseline.
                    tj.flush(self);
                    pen = None;
                }
            }
            if !mapped {
                tj.flush(self);
                self.op("EMC");
            }
        }
        tj.flush(self);
        self.op("ET");
        actual
    }

    fn op_matrix(&mut self, x: f64, y: f64) {
        self.buf.extend_from_slice(b"1 0 0 1 ");
        self.num(x);
        self.num(y);
        self.op("Tm");
    }
}

/// The invisible word joiners the document model puts in dates and numbers (see
/// `write::extractable_texts`).
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{2060}' | '\u{FEFF}')
}

/// Whether `pieces`, concatenated, spell `text` without its joiners (no string built:
/// this runs for every cluster drawn).
fn pieces_spell<'a>(pieces: impl Iterator<Item = &'a str>, text: &str) -> bool {
    let mut want = text.chars().filter(|c| !is_joiner(*c));
    for piece in pieces {
        for c in piece.chars() {
            if want.next() != Some(c) {
                return false;
            }
        }
    }
    want.next().is_none()
}

/// A `TJ` array being built: glyph codes and the moves between them.
#[derive(Default)]
struct Tj {
    /// Elements: `Ok(code)` or `Err(move)`.
    items: Vec<Result<u16, f64>>,
}

impl Tj {
    fn glyph(&mut self, code: u16) {
        self.items.push(Ok(code));
    }

    fn offset(&mut self, delta: f64) {
        self.items.push(Err(delta));
    }

    /// Writes the array (consecutive codes in one string) when it shows a glyph.
    fn flush(&mut self, w: &mut ContentWriter) {
        if !self.items.iter().any(Result::is_ok) {
            // Moves alone stay for the next glyph.
            return;
        }
        w.buf.push(b'[');
        let mut in_string = false;
        for item in self.items.drain(..) {
            match item {
                Ok(code) => {
                    if !in_string {
                        w.buf.push(b'<');
                        in_string = true;
                    }
                    push_hex(&mut w.buf, code, 4);
                }
                Err(delta) => {
                    if in_string {
                        w.buf.push(b'>');
                        in_string = false;
                    }
                    w.raw_num(delta);
                }
            }
        }
        if in_string {
            w.buf.push(b'>');
        }
        w.op("]TJ");
    }
}

/// The last `digits` hex digits of `value`, upper case (a lookup, not `write!`: one
/// glyph code per glyph drawn).
fn push_hex(buf: &mut Vec<u8>, value: u16, digits: u32) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for shift in (0..digits).rev() {
        buf.push(HEX[usize::from((value >> (4 * shift)) & 0xF)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        let mut w = ContentWriter { buf: Vec::new() };
        for v in [
            0.0,
            1.5,
            -2.25,
            841.889_763,
            0.0004,
            -0.0004,
            f64::NAN,
            10.0,
            1.005,
            -0.05,
            12.034,
        ] {
            w.num(v);
        }
        push_hex(&mut w.buf, 0x0A3F, 4);
        push_hex(&mut w.buf, 0x07, 2);
        assert_eq!(
            String::from_utf8(w.buf).unwrap(),
            "0 1.5 -2.25 841.89 0 0 0 10 1.005 -0.05 12.034 0A3F07"
        );
    }

    #[test]
    fn pieces_spell_text_without_joiners() {
        assert!(pieces_spell(["ấ", "y"].into_iter(), "ấy"));
        assert!(pieces_spell(["5", "-", "N"].into_iter(), "5-\u{2060}N"));
        assert!(!pieces_spell(["ấ"].into_iter(), "ấy"));
        assert!(!pieces_spell(["ấ", "y", "!"].into_iter(), "ấy"));
    }
}
