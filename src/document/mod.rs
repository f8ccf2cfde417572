//! The document model: what the plan becomes on paper, independent of the file format.
//!
//! Built once from a plan ([`build`]; the yearly report of an annual plan's evaluation
//! with [`build_report`]), rendered by both the DOCX writer and the PDF engine. Blocks carry a [`Role`](crate::layout::Role); the [`Layout`] says what each
//! role looks like. Text is final: numbering, upper case, punctuation and dates are
//! resolved here, so the writers never reinterpret the plan.

mod appendix;
mod body;
mod build;
mod evaluation;
mod figures;
pub mod format;
mod glue;
mod opening;
mod report;
mod text;

pub use body::section_title;
pub use build::build;
pub use report::build_report;
pub use text::final_text;

/// The labels of the plan's appendices in document order ("Phụ lục I", "Phụ lục II" …).
pub fn appendix_labels(plan: &crate::model::Plan) -> Vec<String> {
    let l = appendix::labels(plan);
    [
        l.evaluation_targets,
        l.evaluation_tasks,
        l.indicators,
        l.tasks,
    ]
    .into_iter()
    .flatten()
    .chain(l.custom)
    .collect()
}

use chrono::NaiveDate;

use crate::layout::{Align, Layout, Orientation, Role};
use crate::model::Run;

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub properties: Properties,
    pub layout: Layout,
    /// Page sections: the plan itself (portrait), then one per appendix (landscape).
    /// Page numbers restart at 1 in each and are not shown on its first page.
    pub sections: Vec<PageSection>,
}

/// File metadata (DOCX core properties, PDF document information).
#[derive(Debug, Clone, PartialEq)]
pub struct Properties {
    pub title: String,
    pub subject: String,
    /// The issuing body.
    pub author: String,
    pub created: Option<NaiveDate>,
    pub keywords: String,
    /// The mark a draft carries on every page ([`DRAFT_MARK`]); `None` for the document
    /// to be signed and issued.
    pub draft_mark: Option<String>,
}

/// What a draft prints on every page.
pub const DRAFT_MARK: &str = "DỰ THẢO";

#[derive(Debug, Clone, PartialEq)]
pub struct PageSection {
    pub orientation: Orientation,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    /// A solid rule, centred in its container.
    Rule(Rule),
    /// A borderless two-column arrangement: the header block and the closing block.
    Columns(Columns),
    /// A bordered table (appendices).
    Table(Table),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub role: Role,
    pub runs: Vec<Run>,
    /// Keep on the page of the next block even when the role does not ask for it (the
    /// last body paragraph, kept with the closing block).
    pub keep_with_next: bool,
}

impl Paragraph {
    pub fn new(role: Role, text: impl Into<String>) -> Self {
        Paragraph {
            role,
            runs: vec![Run::plain(text)],
            keep_with_next: false,
        }
    }

    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub length_mm: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    pub widths_mm: [f32; 2],
    pub rows: Vec<[Vec<Block>; 2]>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns_mm: Vec<f32>,
    /// Repeated at the top of every page the table runs onto.
    pub header: Vec<Row>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Header,
    Group,
    Data,
    Total,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub kind: RowKind,
    pub cells: Vec<Cell>,
    /// Stay on the page of the next row (group rows: never last on a page). Both
    /// writers honour it: keep-with-next on the row's paragraphs in the DOCX, moving
    /// the row to the next page in the PDF paginator.
    pub keep_with_next: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Number of grid columns the cell covers.
    pub span: usize,
    pub role: Role,
    pub align: Align,
    /// Paragraphs of the cell; each a list of runs.
    pub paragraphs: Vec<Vec<Run>>,
}

impl Document {
    /// Every paragraph's text in document order, table cells and columns included.
    pub fn texts(&self) -> Vec<String> {
        fn walk(blocks: &[Block], out: &mut Vec<String>) {
            for block in blocks {
                match block {
                    Block::Paragraph(p) => out.push(p.text()),
                    Block::Rule(_) => {}
                    Block::Columns(c) => c.rows.iter().flatten().for_each(|cell| walk(cell, out)),
                    Block::Table(t) => t
                        .header
                        .iter()
                        .chain(&t.rows)
                        .flat_map(|r| &r.cells)
                        .flat_map(|c| &c.paragraphs)
                        .for_each(|p| out.push(p.iter().map(|r| r.text.as_str()).collect())),
                }
            }
        }
        let mut out = Vec::new();
        self.sections.iter().for_each(|s| walk(&s.blocks, &mut out));
        out
    }
}

/// Calls `f` on every run of `blocks`, table cells and columns included, with whether
/// the run is in a cell of a bordered table.
pub(crate) fn runs_mut(blocks: &mut [Block], f: &mut dyn FnMut(&mut Run, bool)) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => p.runs.iter_mut().for_each(|r| f(r, false)),
            Block::Rule(_) => {}
            Block::Columns(c) => c
                .rows
                .iter_mut()
                .flatten()
                .for_each(|cell| runs_mut(cell, f)),
            Block::Table(t) => t
                .header
                .iter_mut()
                .chain(t.rows.iter_mut())
                .flat_map(|row| row.cells.iter_mut())
                .flat_map(|cell| cell.paragraphs.iter_mut())
                .flatten()
                .for_each(|r| f(r, true)),
        }
    }
}

/// Cells laid on a table's grid, with their first column: spans clamped to the columns left; a row with too few cells
/// has its last cell widened, one with too many has the extra cells' paragraphs moved
/// into its last cell. Both writers lay tables out through this, so they agree.
pub fn fit_cells(cells: &[Cell], columns: usize) -> Vec<(usize, Cell)> {
    let mut out: Vec<(usize, Cell)> = Vec::with_capacity(cells.len());
    let mut used = 0;
    for cell in cells {
        if used >= columns {
            if let Some((_, last)) = out.last_mut() {
                last.paragraphs.extend(cell.paragraphs.iter().cloned());
            }
            continue;
        }
        let span = cell.span.clamp(1, columns - used);
        out.push((
            used,
            Cell {
                span,
                ..cell.clone()
            },
        ));
        used += span;
    }
    if used < columns {
        match out.last_mut() {
            Some((_, last)) => last.span += columns - used,
            None => out.push((
                0,
                Cell {
                    span: columns,
                    role: Role::TableCell,
                    align: Align::Left,
                    paragraphs: Vec::new(),
                },
            )),
        }
    }
    out
}
