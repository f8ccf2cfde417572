//! Paragraphs and rules.

use docx_rs::{
    AlignmentType, Break, BreakType, LineSpacing, LineSpacingType, ParagraphChild, RunChild, Text,
};

use super::styles::{style_id, RULE_STYLE};
use super::text::{final_text, pieces, Piece};
use super::Ctx;
use crate::document::{Paragraph, Rule};
use crate::layout::{mm_to_twips, pt_to_twips, Align, ParagraphStyle, Role, RULE_GAP_PT};
use crate::model::Run;

pub(super) fn alignment(align: Align) -> AlignmentType {
    match align {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

/// A paragraph of the model: its role's style, plus direct formatting where it departs
/// from the style (keep with next, alignment, bold or italic runs).
pub(super) fn paragraph(p: &Paragraph, ctx: &Ctx) -> docx_rs::Paragraph {
    styled(p.role, &p.runs, p.keep_with_next, None, ctx)
}

/// A paragraph of `role` with `runs`; `align` overrides the style's alignment.
pub(super) fn styled(
    role: Role,
    runs: &[Run],
    keep_with_next: bool,
    align: Option<Align>,
    ctx: &Ctx,
) -> docx_rs::Paragraph {
    let style = ctx.layout.style(role);
    let mut out = docx_rs::Paragraph::new().style(style_id(role));
    if keep_with_next && !style.keep_with_next {
        out = out.keep_next(true);
    }
    if let Some(align) = align.filter(|a| *a != style.align) {
        out = out.align(alignment(align));
    }
    // Pushed in place: the builder methods move the (large) paragraph on every call.
    out.children.extend(
        runs.iter()
            .filter_map(|run| run_of(run, &style))
            .map(|run| ParagraphChild::Run(Box::new(run))),
    );
    out
}

/// A run: its text final (see [`final_text`]), bold/italic only when the style is not.
fn run_of(run: &Run, style: &ParagraphStyle) -> Option<docx_rs::Run> {
    let text = final_text(&run.text);
    if text.is_empty() {
        return None;
    }
    let mut out = docx_rs::Run::new();
    if run.bold && !style.bold {
        out = out.bold();
    }
    if run.italic && !style.italic {
        out = out.italic();
    }
    for piece in pieces(&text) {
        out.children.push(match piece {
            Piece::Text(t) => RunChild::Text(Text::new(t)),
            Piece::Break => RunChild::Break(Break::new(BreakType::TextWrapping)),
        });
    }
    Some(out)
}

/// A rule: an empty paragraph of the rule style, indented on both sides so that its
/// bottom border — the line — is `length_mm` long and centred in `container_mm`.
///
/// Why a paragraph border rather than a drawn shape: it is part of the text flow, so it
/// stays under its text however many lines the issuer name or the trích yếu takes; Word
/// and LibreOffice draw it the same way (between the indents, at the bottom of the
/// paragraph); it needs no DrawingML/VML anchoring and no Word-2010 `wps` shapes (which
/// are outside ECMA-376 Transitional); and it validates.
pub(super) fn rule(rule: &Rule, container_mm: f32, space_after_pt: f32) -> docx_rs::Paragraph {
    let side = ((container_mm - rule.length_mm) / 2.0).max(0.0);
    let side = mm_to_twips(side);
    let mut out =
        docx_rs::Paragraph::new()
            .style(RULE_STYLE)
            .indent(Some(side), None, Some(side), None);
    if space_after_pt > 0.0 {
        out = out.line_spacing(
            LineSpacing::new()
                .before(0)
                .after(pt_to_twips(space_after_pt).max(0) as u32)
                .line(pt_to_twips(RULE_GAP_PT))
                .line_rule(LineSpacingType::Exact),
        );
    }
    out
}
