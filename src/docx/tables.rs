//! Tables: the borderless two-column header and closing blocks, and the bordered
//! appendix tables.

use docx_rs::{
    BorderType, TableBorder, TableBorderPosition, TableBorders, TableCellContent, TableCellMargins,
    TableLayoutType, VAlignType, WidthType,
};

use super::paragraphs::{paragraph, rule, styled};
use super::Ctx;
use crate::document::{Block, Columns, Row, RowKind, Table};
use crate::layout::{
    grid_twips, mm_to_twips, Layout, PageSetup, COLUMNS_CELL_PADDING_MM, COLUMNS_INDENT_MM,
    TABLE_BORDER_PT, TABLE_CELLS_CENTRED_VERTICALLY, TABLE_CELL_PADDING_MM,
};

/// The table's grid ([`grid_twips`]) as docx-rs takes it.
fn grid(widths_mm: &[f32]) -> Vec<usize> {
    grid_twips(widths_mm)
        .into_iter()
        .map(|w| w.max(1) as usize)
        .collect()
}

fn twips_to_mm(twips: usize) -> f32 {
    twips as f32 * 25.4 / 1440.0
}

/// Whether a row this high (estimated) fits on one page with room to spare; only then
/// is it marked "do not split" — Word does not break a `cantSplit` row that is taller
/// than a page, it cuts it off.
fn fits_on_page(estimated_pt: f32, page: &PageSetup) -> bool {
    estimated_pt < 0.75 * crate::layout::mm_to_pt(page.text_height_mm())
}

/// A rough height of text: characters at half an em each, wrapped at `width_mm`.
fn text_height_pt(chars: usize, size_pt: f32, width_mm: f32) -> f32 {
    let per_line = (crate::layout::mm_to_pt(width_mm.max(5.0)) / (0.5 * size_pt)).max(1.0);
    let lines = (chars as f32 / per_line).ceil().max(1.0);
    lines * Layout::line_pitch_pt(size_pt)
}

fn blocks_height_pt(blocks: &[Block], width_mm: f32, layout: &Layout) -> f32 {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => {
                let s = layout.style(p.role);
                let chars = p.runs.iter().map(|r| r.text.chars().count()).sum();
                s.space_before_pt + text_height_pt(chars, s.size_pt, width_mm) + s.space_after_pt
            }
            Block::Rule(_) => crate::layout::RULE_GAP_PT,
            Block::Columns(c) => c
                .rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|cell| blocks_height_pt(cell, width_mm / 2.0, layout))
                        .fold(0.0, f32::max)
                })
                .sum(),
            Block::Table(_) => f32::INFINITY,
        })
        .sum()
}

/// The borderless two-column arrangement (header block, closing block).
pub(super) fn columns(c: &Columns, page: &PageSetup, ctx: &mut Ctx) -> docx_rs::Table {
    ctx.header_rows.push(0);
    let grid = grid(&c.widths_mm);
    let pad = mm_to_twips(COLUMNS_CELL_PADDING_MM);
    let mut rows = Vec::with_capacity(c.rows.len());
    for row in &c.rows {
        let mut cells = Vec::with_capacity(2);
        let mut height: f32 = 0.0;
        for (i, blocks) in row.iter().enumerate() {
            let width = grid.get(i).copied().unwrap_or(1);
            let inner_mm = (twips_to_mm(width) - 2.0 * COLUMNS_CELL_PADDING_MM).max(0.0);
            height = height.max(blocks_height_pt(blocks, inner_mm, ctx.layout));
            let mut cell = docx_rs::TableCell::new()
                .width(width, WidthType::Dxa)
                .vertical_align(VAlignType::Top);
            let mut empty = true;
            for block in blocks {
                cell.children.push(match block {
                    Block::Paragraph(p) => TableCellContent::Paragraph(Box::new(paragraph(p, ctx))),
                    Block::Rule(r) => TableCellContent::Paragraph(Box::new(rule(r, inner_mm, 0.0))),
                    Block::Columns(inner) => {
                        TableCellContent::Table(Box::new(columns(inner, page, ctx)))
                    }
                    Block::Table(inner) => {
                        TableCellContent::Table(Box::new(table(inner, page, ctx)))
                    }
                });
                empty = false;
            }
            if empty || matches!(blocks.last(), Some(Block::Columns(_) | Block::Table(_))) {
                // A cell holds at least one paragraph and ends with one.
                cell = cell.add_paragraph(docx_rs::Paragraph::new());
            }
            cells.push(cell);
        }
        let mut row = docx_rs::TableRow::new(cells);
        if fits_on_page(height, page) {
            row = row.cant_split();
        }
        rows.push(row);
    }
    let total: usize = grid.iter().sum();
    docx_rs::Table::new(rows)
        .set_grid(grid)
        .width(total, WidthType::Dxa)
        .indent(mm_to_twips(COLUMNS_INDENT_MM))
        .layout(TableLayoutType::Fixed)
        .set_borders(TableBorders::with_empty())
        .clear_all_border()
        .margins(TableCellMargins::new().margin(0, pad as usize, 0, pad as usize))
}

/// A bordered appendix table: header rows repeated on every page, rows kept whole.
pub(super) fn table(t: &Table, page: &PageSetup, ctx: &mut Ctx) -> docx_rs::Table {
    ctx.header_rows.push(t.header.len());
    let grid = grid(&t.columns_mm);
    let h_pad = TABLE_CELL_PADDING_MM.horizontal;
    let v_pad = TABLE_CELL_PADDING_MM.vertical;
    let rows: Vec<docx_rs::TableRow> = t
        .header
        .iter()
        .chain(&t.rows)
        .map(|row| table_row(row, &grid, page, ctx, h_pad, v_pad))
        .collect();
    let size = (TABLE_BORDER_PT * 8.0).round() as usize;
    let mut borders = TableBorders::with_empty();
    for position in [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ] {
        borders = borders.set(
            TableBorder::new(position)
                .border_type(BorderType::Single)
                .size(size)
                .color("000000"),
        );
    }
    let total: usize = grid.iter().sum();
    let (h, v) = (mm_to_twips(h_pad) as usize, mm_to_twips(v_pad) as usize);
    docx_rs::Table::new(rows)
        .set_grid(grid)
        .width(total, WidthType::Dxa)
        .indent(0)
        .layout(TableLayoutType::Fixed)
        .set_borders(borders)
        .margins(TableCellMargins::new().margin(v, h, v, h))
}

fn table_row(
    row: &Row,
    grid: &[usize],
    page: &PageSetup,
    ctx: &Ctx,
    h_pad: f32,
    v_pad: f32,
) -> docx_rs::TableRow {
    let mut height: f32 = 0.0;
    let cells: Vec<docx_rs::TableCell> = crate::document::fit_cells(&row.cells, grid.len())
        .into_iter()
        .map(|(at, cell)| {
            let width: usize = grid[at..at + cell.span].iter().sum();
            let inner_mm = (twips_to_mm(width) - 2.0 * h_pad).max(0.0);
            let size = ctx.layout.style(cell.role).size_pt;
            let cell_height: f32 = cell
                .paragraphs
                .iter()
                .map(|p| {
                    let chars = p.iter().map(|r| r.text.chars().count()).sum();
                    text_height_pt(chars, size, inner_mm)
                })
                .sum();
            height = height.max(cell_height + 2.0 * crate::layout::mm_to_pt(v_pad));
            let mut out = docx_rs::TableCell::new().width(width, WidthType::Dxa);
            if cell.span > 1 {
                out = out.grid_span(cell.span);
            }
            out = out.vertical_align(
                if TABLE_CELLS_CENTRED_VERTICALLY || row.kind == RowKind::Header {
                    VAlignType::Center
                } else {
                    VAlignType::Top
                },
            );
            if cell.paragraphs.is_empty() {
                out = out.add_paragraph(styled(
                    cell.role,
                    &[],
                    row.keep_with_next,
                    Some(cell.align),
                    ctx,
                ));
            }
            out.children.extend(cell.paragraphs.iter().map(|runs| {
                TableCellContent::Paragraph(Box::new(styled(
                    cell.role,
                    runs,
                    row.keep_with_next,
                    Some(cell.align),
                    ctx,
                )))
            }));
            out
        })
        .collect();
    let mut out = docx_rs::TableRow::new(cells);
    if fits_on_page(height, page) {
        out = out.cant_split();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Cell;
    use crate::layout::Role;

    #[test]
    fn grid_adds_up() {
        let g = grid(&[10.0, 33.3, 33.3, 33.4]);
        assert_eq!(g.iter().sum::<usize>() as i32, mm_to_twips(110.0));
        assert_eq!(grid(&[]).len(), 1);
        assert!(grid(&[f32::NAN, -3.0]).iter().all(|w| *w > 0));
    }

    #[test]
    fn cells_fit_the_grid() {
        let cell = |span| Cell {
            span,
            role: Role::TableCell,
            align: crate::layout::Align::Left,
            paragraphs: vec![vec![crate::model::Run::plain("x")]],
        };
        let fitted = crate::document::fit_cells(&[cell(2), cell(5), cell(1)], 4);
        assert_eq!(
            fitted
                .iter()
                .map(|(at, c)| (*at, c.span))
                .collect::<Vec<_>>(),
            vec![(0, 2), (2, 2)]
        );
        assert_eq!(fitted[1].1.paragraphs.len(), 2);
        let fitted = crate::document::fit_cells(&[cell(1)], 3);
        assert_eq!(fitted[0].1.span, 3);
        assert_eq!(crate::document::fit_cells(&[], 2)[0].1.span, 2);
    }
}
