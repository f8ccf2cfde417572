//! Paragraph layout: styled runs + a paragraph style + a width → lines with glyph positions
//! and heights; and placing those lines on a page. Independent of the document model: the
//! paginator maps its paragraphs to [`Span`]s and [`ParagraphStyle`]s.
//!
//! Vertical quantities are whole **twips** (1/20 pt), rounded as LibreOffice rounds them, so
//! that summing line heights down a page lands exactly where LibreOffice lands; horizontal
//! ones are points (`f64`).

use serde::{Deserialize, Serialize};

use super::display::{Color, Item, Page, PlacedGlyph, TextRun};
use super::fonts::{FaceId, FontSet, LineMetrics, Style};
use super::linebreak::{break_lines, BreakStrategy, Cluster, LineRange};
use super::shape::{prepare_text, shape, ShapeFeatures, ShapedGlyph};

/// Twips per point.
pub const TWIPS_PER_PT: f64 = 20.0;

/// Converts points to whole twips (nearest).
pub fn pt_to_twips(pt: f64) -> i32 {
    (pt * TWIPS_PER_PT).round() as i32
}

/// Converts twips to points.
pub fn twips_to_pt(twips: i32) -> f64 {
    f64::from(twips) / TWIPS_PER_PT
}

/// A run of text in one style and size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub text: String,
    pub style: Style,
    pub size_pt: f64,
    pub color: Color,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Style, size_pt: f64) -> Span {
        Span {
            text: text.into(),
            style,
            size_pt,
            color: Color::BLACK,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    /// Both edges; the paragraph's last line is left-aligned. Lines ended by a manual
    /// break are justified, as Word and LibreOffice (for DOCX) do.
    Justify,
}

/// Line spacing, as DOCX `w:spacing/@w:line` + `@w:lineRule` express it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum LineSpacing {
    /// Multiple of the single line height (`lineRule="auto"`, `w:line` / 240). LibreOffice
    /// keeps the text where a single line puts it and adds the extra below it; the line
    /// height is `floor(single × percent / 100)` twips, percent = round(multiple × 100).
    Multiple(f64),
    /// Exactly this many points (`lineRule="exact"`); the baseline sits at 4/5 of the line.
    Exact(f64),
    /// At least this many points (`lineRule="atLeast"`); extra space goes above the text.
    AtLeast(f64),
}

impl Default for LineSpacing {
    fn default() -> Self {
        LineSpacing::Multiple(1.0)
    }
}

/// Paragraph formatting. Indents are points from the column's edges; `first_line_indent`
/// is relative to `left_indent` (negative = hanging).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParagraphStyle {
    pub align: Align,
    pub left_indent: f64,
    pub right_indent: f64,
    pub first_line_indent: f64,
    pub line_spacing: LineSpacing,
    pub space_before: f64,
    pub space_after: f64,
    /// Font of the paragraph mark: gives an empty paragraph (or empty line) its height.
    pub mark_style: Style,
    pub mark_size_pt: f64,
    pub break_strategy: BreakStrategy,
    pub features: ShapeFeatures,
}

impl Default for ParagraphStyle {
    fn default() -> Self {
        ParagraphStyle {
            align: Align::Left,
            left_indent: 0.0,
            right_indent: 0.0,
            first_line_indent: 0.0,
            line_spacing: LineSpacing::default(),
            space_before: 0.0,
            space_after: 0.0,
            mark_style: Style::REGULAR,
            mark_size_pt: 14.0,
            break_strategy: BreakStrategy::Greedy,
            features: ShapeFeatures::default(),
        }
    }
}

/// Glyphs of one span on one line. Glyph `x` values are from the column's left edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineRun {
    pub face: FaceId,
    pub size_pt: f64,
    pub color: Color,
    /// Pen position where the run starts, from the column's left edge.
    pub x: f64,
    /// Pen position after the run's last glyph.
    pub x_end: f64,
    pub glyphs: Vec<PlacedGlyph>,
    pub text: String,
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LaidLine {
    pub runs: Vec<LineRun>,
    /// Width the line could use.
    pub available_width: f64,
    /// Width of the content before justification (trailing blanks excluded).
    pub natural_width: f64,
    /// Left end of the content, from the column's left edge (indents + alignment).
    pub left: f64,
    /// Right end of the content after justification.
    pub right: f64,
    /// Blanks that were stretched, and by how much each (points; 0 unless justified).
    pub gaps: usize,
    pub gap_stretch: f64,
    /// Distance from the top of the line box to the baseline, twips.
    pub baseline: i32,
    /// Height of the line box: how far the next line starts below this one, twips.
    pub height: i32,
    /// Height the text itself needs (leading + ascent + descent of the tallest run), twips.
    pub text_height: i32,
    pub first_in_paragraph: bool,
    pub last_in_paragraph: bool,
    /// Ended by a manual line break inside the paragraph.
    pub manual_break: bool,
    /// A word too long for the line was cut between characters here.
    pub forced_break: bool,
}

impl LaidLine {
    pub fn height_pt(&self) -> f64 {
        twips_to_pt(self.height)
    }

    /// The visible text of the line.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A laid-out paragraph. Space before/after are kept apart from the lines so the paginator
/// can drop space before at the top of a page and collapse spacing as its rules say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LaidParagraph {
    pub lines: Vec<LaidLine>,
    pub space_before: i32,
    pub space_after: i32,
}

impl LaidParagraph {
    /// Sum of the line heights, twips (spacing excluded).
    pub fn lines_height(&self) -> i32 {
        self.lines.iter().map(|l| l.height).sum()
    }

    /// Height with space before and after, twips.
    pub fn total_height(&self) -> i32 {
        self.space_before + self.lines_height() + self.space_after
    }
}

/// One shaped glyph with the span it came from; `cluster` is a byte offset into the
/// paragraph's prepared text.
#[derive(Debug, Clone, Copy)]
struct Glyph {
    g: ShapedGlyph,
    span: usize,
}

/// Lays out a paragraph in a column `width` points wide.
pub fn layout_paragraph(
    fonts: &FontSet,
    spans: &[Span],
    style: &ParagraphStyle,
    width: f64,
) -> LaidParagraph {
    // Prepared text of the whole paragraph, and each span's byte range in it.
    let mut text = String::new();
    let mut span_ranges = Vec::with_capacity(spans.len());
    for span in spans {
        let start = text.len();
        text.push_str(&prepare_text(&span.text));
        span_ranges.push(start..text.len());
    }
    let size_of = |i: usize| sanitize_size(spans[i].size_pt);

    // Hard lines: the text between manual breaks.
    let mut hard: Vec<(usize, usize)> = Vec::new();
    let mut s = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            hard.push((s, i));
            s = i + 1;
        }
    }
    hard.push((s, text.len()));

    let sanitize_width = |w: f64| if w.is_finite() { w.max(0.0) } else { 0.0 };
    let base = sanitize_width(width - style.left_indent - style.right_indent);
    let first_avail = sanitize_width(base - style.first_line_indent);

    // Room kept at the line's end for the span that ends the paragraph, when italic
    // (see `Cluster::reserve`): 1/12 of the portion's height, in whole twips.
    let reserve: Vec<f64> = spans
        .iter()
        .enumerate()
        .map(|(i, span)| {
            let last = span_ranges[i].end == text.len() && !span_ranges[i].is_empty();
            let ends_paragraph = last && span_ranges[i + 1..].iter().all(|r| r.is_empty());
            if span.style.italic && ends_paragraph {
                let height = fonts.face(span.style).line_metrics(size_of(i)).height();
                twips_to_pt(height / 12)
            } else {
                0.0
            }
        })
        .collect();

    let mut lines: Vec<LaidLine> = Vec::new();
    let n_hard = hard.len();
    for (h, &(hs, he)) in hard.iter().enumerate() {
        // Shape each span's part of this hard line.
        let mut glyphs: Vec<Glyph> = Vec::new();
        for (si, r) in span_ranges.iter().enumerate() {
            let a = r.start.max(hs);
            let b = r.end.min(he);
            if a >= b {
                continue;
            }
            let face = fonts.face(spans[si].style);
            for mut g in shape(face, &text[a..b], size_of(si), style.features) {
                g.cluster += a;
                glyphs.push(Glyph { g, span: si });
            }
        }
        // Clusters: runs of glyphs with the same cluster value, within one span.
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut cluster_glyphs: Vec<(usize, usize)> = Vec::new(); // glyph index range
        let mut cluster_start: Vec<usize> = Vec::new(); // byte offset
        for (gi, g) in glyphs.iter().enumerate() {
            let same =
                gi > 0 && glyphs[gi - 1].g.cluster == g.g.cluster && glyphs[gi - 1].span == g.span;
            if same {
                let c = clusters.last_mut().expect("cluster exists");
                c.width += g.g.advance;
                cluster_glyphs.last_mut().expect("cluster exists").1 = gi + 1;
            } else {
                clusters.push(Cluster {
                    width: g.g.advance,
                    is_space: false,
                    break_after: false,
                    reserve: reserve[g.span],
                });
                cluster_glyphs.push((gi, gi + 1));
                cluster_start.push(g.g.cluster);
            }
        }
        for (ci, c) in clusters.iter_mut().enumerate() {
            let start = cluster_start[ci];
            let end = cluster_start.get(ci + 1).copied().unwrap_or(he);
            c.is_space = text.get(start..end) == Some(" ");
        }
        // Break opportunities (UAX #14) → "may break after cluster k".
        for (pos, _) in unicode_linebreak::linebreaks(&text[hs..he]) {
            let pos = hs + pos;
            if pos >= he {
                continue;
            }
            if let Ok(k) = cluster_start.binary_search(&pos) {
                if k > 0 {
                    clusters[k - 1].break_after = true;
                }
            }
        }

        let line_base = lines.len();
        let available = |i: usize| {
            if line_base + i == 0 {
                first_avail
            } else {
                base
            }
        };
        let ranges = break_lines(&clusters, &available, style.break_strategy);
        let last_hard = h + 1 == n_hard;
        if ranges.is_empty() {
            // Empty hard line: the paragraph mark's font (or the span it sits in) sets the
            // height.
            // The span holding the '\n' that ends this line (or, for the last line, the
            // one before it).
            let at = if he < text.len() {
                Some(he)
            } else {
                hs.checked_sub(1)
            };
            let (st, size) = at
                .and_then(|p| span_ranges.iter().position(|r| r.start <= p && p < r.end))
                .map(|i| (spans[i].style, size_of(i)))
                .unwrap_or((style.mark_style, sanitize_size(style.mark_size_pt)));
            let m = fonts.face(st).line_metrics(size);
            let indent = if lines.is_empty() {
                style.left_indent + style.first_line_indent
            } else {
                style.left_indent
            };
            let avail = available(0);
            let mut line = empty_line(m, indent, avail);
            line.manual_break = !last_hard;
            lines.push(line);
            continue;
        }
        let n_ranges = ranges.len();
        for (li, range) in ranges.iter().enumerate() {
            let first = line_base + li == 0;
            let last_of_hard = li + 1 == n_ranges;
            let avail = available(li);
            let indent = style.left_indent + if first { style.first_line_indent } else { 0.0 };
            let line = build_line(
                fonts,
                spans,
                &text,
                &glyphs,
                &clusters,
                &cluster_glyphs,
                &cluster_start,
                *range,
                he,
                LineContext {
                    indent,
                    avail,
                    align: style.align,
                    // Justified lines stretch unless they end the paragraph. Lines ended by a
                    // manual break stretch too: Word does, and LibreOffice does for DOCX
                    // (measured; no `doNotExpandShiftReturn` in our files).
                    stretch: style.align == Align::Justify && !(last_of_hard && last_hard),
                    manual_break: last_of_hard && !last_hard,
                },
            );
            lines.push(line);
        }
    }

    // Vertical metrics, as LibreOffice computes them.
    let n = lines.len();
    for (i, line) in lines.iter_mut().enumerate() {
        line.first_in_paragraph = i == 0;
        line.last_in_paragraph = i + 1 == n;
        apply_line_spacing(line, style.line_spacing);
    }
    let to_twips = |pt: f64| {
        if pt.is_finite() {
            pt_to_twips(pt.max(0.0))
        } else {
            0
        }
    };
    LaidParagraph {
        lines,
        space_before: to_twips(style.space_before),
        space_after: to_twips(style.space_after),
    }
}

fn sanitize_size(size: f64) -> f64 {
    if size.is_finite() {
        size.clamp(1.0, 1638.0)
    } else {
        12.0
    }
}

struct LineContext {
    indent: f64,
    avail: f64,
    align: Align,
    stretch: bool,
    manual_break: bool,
}

fn empty_line(m: LineMetrics, indent: f64, avail: f64) -> LaidLine {
    LaidLine {
        runs: Vec::new(),
        available_width: avail,
        natural_width: 0.0,
        left: indent,
        right: indent,
        gaps: 0,
        gap_stretch: 0.0,
        baseline: m.baseline(),
        height: m.height(),
        text_height: m.height(),
        first_in_paragraph: false,
        last_in_paragraph: false,
        manual_break: false,
        forced_break: false,
    }
}

#[allow(clippy::too_many_arguments)]
fn build_line(
    fonts: &FontSet,
    spans: &[Span],
    text: &str,
    glyphs: &[Glyph],
    clusters: &[Cluster],
    cluster_glyphs: &[(usize, usize)],
    cluster_start: &[usize],
    range: LineRange,
    hard_end: usize,
    ctx: LineContext,
) -> LaidLine {
    let content = range.start..range.content_end;
    let natural: f64 = clusters[content.clone()].iter().map(|c| c.width).sum();
    // Blanks between words; leading blanks (after a manual break) are kept but not
    // stretched, as in LibreOffice.
    let first_word = content
        .clone()
        .find(|&c| !clusters[c].is_space)
        .unwrap_or(content.end);
    let gaps = (first_word..content.end)
        .filter(|&c| clusters[c].is_space)
        .count();
    let free = ctx.avail - natural;
    let (offset, stretch) = match ctx.align {
        Align::Left => (0.0, 0.0),
        Align::Center => (free / 2.0, 0.0),
        Align::Right => (free, 0.0),
        Align::Justify => {
            if ctx.stretch && gaps > 0 && free > 0.0 {
                (0.0, free / gaps as f64)
            } else {
                (0.0, 0.0)
            }
        }
    };
    // A line wider than the column (a single glyph wider than it) starts at the indent.
    let offset = if free < 0.0 { 0.0 } else { offset };

    let mut runs: Vec<LineRun> = Vec::new();
    let mut pen = ctx.indent + offset;
    let mut metrics: Vec<LineMetrics> = Vec::new();
    let mut current_span = usize::MAX;
    for ci in content.clone() {
        let (g0, g1) = cluster_glyphs[ci];
        let span = glyphs[g0].span;
        let byte_start = cluster_start[ci];
        let byte_end = cluster_start.get(ci + 1).copied().unwrap_or(hard_end);
        if span != current_span {
            current_span = span;
            let sp = &spans[span];
            let size = sanitize_size(sp.size_pt);
            metrics.push(fonts.face(sp.style).line_metrics(size));
            runs.push(LineRun {
                face: FaceId::from(sp.style),
                size_pt: size,
                color: sp.color,
                x: pen,
                x_end: pen,
                glyphs: Vec::new(),
                text: String::new(),
            });
        }
        let run = runs.last_mut().expect("run exists");
        let rel = run.text.len() as u32;
        run.text
            .push_str(text.get(byte_start..byte_end).unwrap_or(""));
        for g in &glyphs[g0..g1] {
            run.glyphs.push(PlacedGlyph {
                gid: g.g.gid,
                x: pen + g.g.x_offset,
                y_offset: g.g.y_offset,
                cluster: rel,
            });
            pen += g.g.advance;
        }
        if clusters[ci].is_space && ci >= first_word {
            pen += stretch;
        }
        run.x_end = pen;
    }
    if metrics.is_empty() {
        // Only blanks (or nothing visible): height from the first span on the line, else the
        // first span of the paragraph.
        let span = cluster_glyphs
            .get(range.start)
            .map(|(g, _)| glyphs[*g].span)
            .unwrap_or(0);
        if let Some(sp) = spans.get(span) {
            metrics.push(fonts.face(sp.style).line_metrics(sanitize_size(sp.size_pt)));
        }
    }
    // Mixed sizes: the line is as tall as its tallest ascent plus its deepest descent.
    let above = metrics.iter().map(|m| m.baseline()).max().unwrap_or(0);
    let below = metrics.iter().map(|m| m.descent).max().unwrap_or(0);
    let left = ctx.indent + offset;
    LaidLine {
        runs,
        available_width: ctx.avail,
        natural_width: natural,
        left,
        right: pen,
        gaps: if stretch > 0.0 { gaps } else { 0 },
        gap_stretch: stretch,
        baseline: above,
        height: above + below,
        text_height: above + below,
        first_in_paragraph: false,
        last_in_paragraph: false,
        manual_break: ctx.manual_break,
        forced_break: range.forced,
    }
}

/// Applies the paragraph's line spacing to a line whose `baseline`/`height` hold the
/// single-spaced values (see [`LineSpacing`] for the rules, measured in LibreOffice).
fn apply_line_spacing(line: &mut LaidLine, spacing: LineSpacing) {
    let single = line.text_height;
    match spacing {
        LineSpacing::Multiple(m) => {
            let pct = if m.is_finite() {
                (m * 100.0).round().clamp(1.0, 10_000.0) as i64
            } else {
                100
            };
            let h = (i64::from(single) * pct / 100) as i32;
            if h < single {
                // Tighter than single: LibreOffice takes the difference off the ascent.
                line.baseline = (line.baseline - (single - h)).max(0);
            }
            line.height = h.max(1);
        }
        LineSpacing::Exact(pt) => {
            let h = if pt.is_finite() {
                pt_to_twips(pt).max(1)
            } else {
                single
            };
            line.height = h;
            line.baseline = h * 4 / 5;
        }
        LineSpacing::AtLeast(pt) => {
            let min = if pt.is_finite() { pt_to_twips(pt) } else { 0 };
            if min > single {
                line.baseline += min - single;
                line.height = min;
            }
        }
    }
}

/// Draws `line` with the top of its line box at `top` (points from the page top) and the
/// column's left edge at `x`. Returns the top of the next line.
pub fn place_line(page: &mut Page, line: &LaidLine, x: f64, top: f64) -> f64 {
    let baseline = top + twips_to_pt(line.baseline);
    for run in &line.runs {
        if run.glyphs.is_empty() {
            continue;
        }
        page.push(Item::Text(TextRun {
            face: run.face,
            size_pt: run.size_pt,
            x: x + run.x,
            baseline,
            color: run.color,
            glyphs: run
                .glyphs
                .iter()
                .map(|g| PlacedGlyph {
                    x: g.x - run.x,
                    ..*g
                })
                .collect(),
            text: run.text.clone(),
            width: run.x_end - run.x,
        }));
    }
    top + line.height_pt()
}

/// Draws `lines` one under the other from `top`; returns the top of the next line. The
/// paginator calls this with the slice of a paragraph's lines that goes on this page.
pub fn place_lines(page: &mut Page, lines: &[LaidLine], x: f64, top: f64) -> f64 {
    lines
        .iter()
        .fold(top, |y, line| place_line(page, line, x, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body_style() -> ParagraphStyle {
        ParagraphStyle {
            align: Align::Justify,
            first_line_indent: 1.27 * super::super::display::PT_PER_CM,
            line_spacing: LineSpacing::Multiple(1.15),
            space_after: 6.0,
            ..ParagraphStyle::default()
        }
    }

    #[test]
    fn justified_lines_fill_the_width() {
        let fonts = FontSet::bundled();
        let text =
            "Chuyển đổi số là quá trình thay đổi tổng thể và toàn diện của cá nhân, tổ chức \
                    về cách sống, cách làm việc và phương thức sản xuất dựa trên các công nghệ số.";
        let width = 165.0 * super::super::display::PT_PER_MM;
        let p = layout_paragraph(
            &fonts,
            &[Span::new(text, Style::REGULAR, 14.0)],
            &body_style(),
            width,
        );
        assert!(p.lines.len() >= 2);
        for l in &p.lines[..p.lines.len() - 1] {
            assert!((l.right - width).abs() < 1e-6, "{} vs {width}", l.right);
        }
        let last = p.lines.last().unwrap();
        assert!(last.right < width);
        assert_eq!(last.gap_stretch, 0.0);
        assert!((p.lines[0].left - 36.0).abs() < 0.01);
        // 14 pt single = 322 twips; × 1.15 = 370.
        assert!(p.lines.iter().all(|l| l.height == 370 && l.baseline == 262));
        assert_eq!(p.space_after, 120);
        let joined: Vec<String> = p.lines.iter().map(|l| l.text()).collect();
        assert_eq!(
            joined.join(" "),
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }

    #[test]
    fn manual_breaks_in_justified_paragraphs_stretch_like_word() {
        let fonts = FontSet::bundled();
        let style = ParagraphStyle {
            align: Align::Justify,
            ..ParagraphStyle::default()
        };
        let spans = [Span::new("Một hai ba bốn\nnăm sáu", Style::REGULAR, 14.0)];
        let p = layout_paragraph(&fonts, &spans, &style, 400.0);
        assert_eq!(p.lines.len(), 2);
        assert!((p.lines[0].right - 400.0).abs() < 1e-6);
        assert!(p.lines[1].right < 100.0);
    }

    #[test]
    fn alignment_offsets() {
        let fonts = FontSet::bundled();
        for (align, expect) in [
            (Align::Left, 0.0),
            (Align::Center, 0.5),
            (Align::Right, 1.0),
        ] {
            let style = ParagraphStyle {
                align,
                ..ParagraphStyle::default()
            };
            let p = layout_paragraph(
                &fonts,
                &[Span::new("KẾ HOẠCH", Style::BOLD, 14.0)],
                &style,
                400.0,
            );
            let l = &p.lines[0];
            assert!((l.left - (400.0 - l.natural_width) * expect).abs() < 1e-9);
        }
    }

    #[test]
    fn empty_and_manual_breaks() {
        let fonts = FontSet::bundled();
        let style = ParagraphStyle::default();
        let p = layout_paragraph(&fonts, &[], &style, 300.0);
        assert_eq!(p.lines.len(), 1);
        assert_eq!(p.lines[0].height, 322);
        let p = layout_paragraph(
            &fonts,
            &[Span::new("a\n\nb", Style::REGULAR, 14.0)],
            &style,
            300.0,
        );
        assert_eq!(p.lines.len(), 3);
        assert!(p.lines[0].manual_break && p.lines[1].manual_break && !p.lines[2].manual_break);
        assert_eq!(p.lines[1].height, 322);
    }

    #[test]
    fn mixed_styles_and_sizes_share_a_line() {
        let fonts = FontSet::bundled();
        let spans = [
            Span::new("Thường ", Style::REGULAR, 14.0),
            Span::new("đậm nghiêng ", Style::BOLD_ITALIC, 14.0),
            Span::new("lớn", Style::BOLD, 20.0),
        ];
        let p = layout_paragraph(&fonts, &spans, &ParagraphStyle::default(), 400.0);
        assert_eq!(p.lines.len(), 1);
        let l = &p.lines[0];
        assert_eq!(l.runs.len(), 3);
        assert_eq!(l.runs[1].face, FaceId::from(Style::BOLD_ITALIC));
        // Line as tall as the 20 pt run.
        assert_eq!(
            l.height,
            fonts.face(Style::BOLD).line_metrics(20.0).height()
        );
        assert!(l.runs[0].x_end <= l.runs[1].x + 1e-9);
    }

    #[test]
    fn exact_and_at_least_spacing() {
        let fonts = FontSet::bundled();
        let mut style = ParagraphStyle {
            line_spacing: LineSpacing::Exact(18.0),
            ..ParagraphStyle::default()
        };
        let spans = [Span::new("x", Style::REGULAR, 14.0)];
        let p = layout_paragraph(&fonts, &spans, &style, 300.0);
        assert_eq!((p.lines[0].height, p.lines[0].baseline), (360, 288));
        style.line_spacing = LineSpacing::AtLeast(18.0);
        let p = layout_paragraph(&fonts, &spans, &style, 300.0);
        assert_eq!((p.lines[0].height, p.lines[0].baseline), (360, 300));
        style.line_spacing = LineSpacing::Multiple(1.3);
        let p = layout_paragraph(&fonts, &spans, &style, 300.0);
        assert_eq!((p.lines[0].height, p.lines[0].baseline), (418, 262));
    }

    #[test]
    fn placing_lines_moves_down_by_line_heights() {
        let fonts = FontSet::bundled();
        let text = "một hai ba bốn năm sáu bảy tám chín mười ".repeat(8);
        let p = layout_paragraph(
            &fonts,
            &[Span::new(text, Style::REGULAR, 14.0)],
            &ParagraphStyle::default(),
            200.0,
        );
        let mut page = Page::a4_portrait();
        let y = place_lines(&mut page, &p.lines, 85.0, 56.7);
        assert!((y - (56.7 + twips_to_pt(p.lines_height()))).abs() < 1e-9);
        let runs: Vec<&TextRun> = page.text_runs().collect();
        assert_eq!(runs.len(), p.lines.len());
        assert!((runs[0].baseline - (56.7 + 13.1)).abs() < 1e-9);
        assert!((runs[1].baseline - runs[0].baseline - 16.1).abs() < 1e-9);
    }
}
