//! Document-model pieces laid out into measured content: paragraphs of a role into the
//! engine's [`LaidParagraph`], and the blocks of a table cell into a stack of lines and
//! rules with their offsets. Sizes are whole twips, as LibreOffice computes them.

use super::display::{Item, LineItem, Page, SignatureSpace, PT_PER_MM};
use super::fonts::{FontSet, Style};
use super::paragraph::{
    layout_paragraph, place_line, twips_to_pt, Align as EngineAlign, LaidLine, LaidParagraph,
    LineSpacing, ParagraphStyle as EngineStyle, Span,
};
use super::tags::{Artifact, Mark, NodeId, StructKind, StructTree};
use crate::document::Block;
use crate::layout::{
    mm_to_twips, pt_to_twips, Align, Layout, Role, RULE_GAP_PT, RULE_THICKNESS_PT,
};
use crate::model::Run;

/// The engine's paragraph style for `role`, with `align` overriding the role's.
pub fn engine_style(layout: &Layout, role: Role, align: Option<Align>) -> EngineStyle {
    let s = layout.style(role);
    EngineStyle {
        align: match align.unwrap_or(s.align) {
            Align::Left => EngineAlign::Left,
            Align::Center => EngineAlign::Center,
            Align::Right => EngineAlign::Right,
            Align::Justify => EngineAlign::Justify,
        },
        left_indent: 0.0,
        right_indent: 0.0,
        // As the DOCX writes it: whole twips.
        first_line_indent: twips_to_pt(mm_to_twips(s.first_line_indent_mm).max(0)),
        line_spacing: LineSpacing::Exact(twips_to_pt(pt_to_twips(s.line_pitch_pt).max(1))),
        space_before: twips_to_pt(pt_to_twips(s.space_before_pt).max(0)),
        space_after: twips_to_pt(pt_to_twips(s.space_after_pt).max(0)),
        mark_style: Style {
            bold: s.bold,
            italic: s.italic,
        },
        mark_size_pt: f64::from(s.size_pt),
        ..EngineStyle::default()
    }
}

/// The runs of a paragraph of `role` as engine spans: the role's size, its bold/italic
/// or the run's own.
pub fn spans(layout: &Layout, role: Role, runs: &[Run]) -> Vec<Span> {
    let s = layout.style(role);
    runs.iter()
        .filter(|r| !r.text.is_empty())
        .map(|r| {
            Span::new(
                r.text.as_str(),
                Style {
                    bold: s.bold || r.bold,
                    italic: s.italic || r.italic,
                },
                f64::from(s.size_pt),
            )
        })
        .collect()
}

/// Lays out `runs` as a paragraph of `role` in a column `width_pt` wide.
pub fn lay(
    fonts: &FontSet,
    layout: &Layout,
    role: Role,
    runs: &[Run],
    align: Option<Align>,
    width_pt: f64,
) -> LaidParagraph {
    layout_paragraph(
        fonts,
        &spans(layout, role, runs),
        &engine_style(layout, role, align),
        width_pt,
    )
}

/// Height of a rule's block, twips: the DOCX draws the rule as the bottom border of an
/// empty paragraph `RULE_GAP_PT` tall, and the border's width adds to the paragraph's
/// height (measured in LibreOffice: +0.5 pt per rule).
pub fn rule_block_twips() -> i32 {
    pt_to_twips(RULE_GAP_PT) + pt_to_twips(RULE_THICKNESS_PT)
}

/// One thing in a stack of content: a line of text or a rule.
#[derive(Debug, Clone)]
pub enum PieceKind {
    /// A line, drawn with its column's left edge at `x` (points, from the stack's left).
    Line(Box<LaidLine>),
    /// A rule from `x1` to `x2` (points, from the stack's left), at the piece's bottom.
    Rule { x1: f64, x2: f64 },
}

/// A line or rule at `top` twips below the top of its stack, `height` twips tall.
#[derive(Debug, Clone)]
pub struct Piece {
    pub top: i32,
    pub height: i32,
    pub kind: PieceKind,
    /// What it is in the document's structure.
    pub mark: Mark,
}

/// The blank left for the signature above the signer's name, in a stack: `top` and
/// `height` twips, `width` points (the stack's width).
#[derive(Debug, Clone, Copy)]
pub struct SignatureGap {
    pub top: i32,
    pub height: i32,
    pub width: f64,
}

/// Content stacked from the top of a cell: pieces and the total height (paragraph
/// spacing included), twips.
#[derive(Debug, Clone, Default)]
pub struct Stack {
    pub pieces: Vec<Piece>,
    pub height: i32,
    /// Where the signature goes, when the stack holds the signer's name.
    pub signature_gap: Option<SignatureGap>,
}

impl Stack {
    /// Stacks the lines of `p`, their text marked with `mark`.
    pub fn push_paragraph(&mut self, p: LaidParagraph, mark: Mark) {
        let mut y = self.height + p.space_before;
        for line in p.lines {
            let h = line.height;
            self.pieces.push(Piece {
                top: y,
                height: h,
                kind: PieceKind::Line(Box::new(line)),
                mark,
            });
            y += h;
        }
        self.height = y + p.space_after;
    }

    /// Stacks `other` under this stack's content.
    fn append(&mut self, other: Stack) {
        let base = self.height;
        if let Some(gap) = other.signature_gap {
            self.signature_gap = Some(SignatureGap {
                top: base + gap.top,
                ..gap
            });
        }
        self.pieces.extend(other.pieces.into_iter().map(|p| Piece {
            top: base + p.top,
            ..p
        }));
        self.height = base + other.height;
    }

    /// A rule `length_mm` long centred in `width_pt`, followed by `space_after` twips.
    pub fn push_rule(&mut self, length_mm: f32, width_pt: f64, space_after: i32) {
        let length = if length_mm.is_finite() {
            f64::from(length_mm.max(0.0)) * PT_PER_MM
        } else {
            0.0
        };
        // The DOCX centres it with whole-twip indents on both sides.
        let side = twips_to_pt(pt_to_twips(((width_pt - length) / 2.0).max(0.0) as f32));
        let h = rule_block_twips();
        self.pieces.push(Piece {
            top: self.height,
            height: h,
            kind: PieceKind::Rule {
                x1: side,
                x2: (width_pt - side).max(side),
            },
            mark: Mark::Artifact(Artifact::Layout),
        });
        self.height += h + space_after.max(0);
    }

    /// Draws the pieces with the stack's top-left at (`x`, `top`) points; `range` selects
    /// pieces and `shift` twips are subtracted from their offsets. A `repeated` stack (a
    /// header row on a continuation page) is drawn as an artifact.
    pub fn draw(
        &self,
        page: &mut Page,
        range: std::ops::Range<usize>,
        x: f64,
        top: f64,
        shift: i32,
        repeated: bool,
    ) {
        if let Some(gap) = self.signature_gap {
            page.signature_space = Some(SignatureSpace {
                x,
                y: top + twips_to_pt(gap.top - shift),
                width: gap.width,
                height: twips_to_pt(gap.height),
            });
        }
        for piece in &self.pieces[range] {
            page.mark(if repeated {
                Mark::Artifact(Artifact::Repeated)
            } else {
                piece.mark
            });
            let y = top + twips_to_pt(piece.top - shift);
            match &piece.kind {
                PieceKind::Line(line) => {
                    place_line(page, line, x, y);
                }
                PieceKind::Rule { x1, x2 } => {
                    let thickness = f64::from(RULE_THICKNESS_PT);
                    let y = y + twips_to_pt(piece.height) - thickness / 2.0;
                    page.push(Item::Line(LineItem {
                        x1: x + x1,
                        y1: y,
                        x2: x + x2,
                        y2: y,
                        thickness,
                        color: Default::default(),
                    }));
                }
            }
        }
    }
}

/// Lays out the blocks of a borderless cell (header and closing blocks) `width_pt` wide,
/// adding their paragraphs to `tree` under `parent`. Nested columns or tables (the model
/// has none) are flattened to their paragraphs.
pub fn stack_blocks(
    fonts: &FontSet,
    layout: &Layout,
    blocks: &[Block],
    width_pt: f64,
    tree: &mut StructTree,
    parent: NodeId,
) -> Stack {
    let mut stack = Stack::default();
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                let laid = lay(fonts, layout, p.role, &p.runs, None, width_pt);
                // The signer name's space before is the signature space (layout::style).
                if p.role == Role::SignerName {
                    stack.signature_gap = Some(SignatureGap {
                        top: stack.height,
                        height: laid.space_before,
                        width: width_pt,
                    });
                }
                let node = tree.paragraph(parent, p);
                stack.push_paragraph(laid, tree.mark(node))
            }
            Block::Rule(r) => stack.push_rule(r.length_mm, width_pt, 0),
            Block::Columns(c) => {
                for cell in c.rows.iter().flatten() {
                    let inner = stack_blocks(fonts, layout, cell, width_pt, tree, parent);
                    stack.append(inner);
                }
            }
            Block::Table(t) => {
                for row in t.header.iter().chain(&t.rows) {
                    for cell in &row.cells {
                        for p in &cell.paragraphs {
                            let node = tree.add(parent, StructKind::P);
                            let laid = lay(fonts, layout, cell.role, p, Some(cell.align), width_pt);
                            stack.push_paragraph(laid, tree.mark(node));
                        }
                    }
                }
            }
        }
    }
    stack
}
