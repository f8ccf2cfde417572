//! The paginator: the blocks of each page section flowed onto pages the way LibreOffice
//! flows the DOCX export of the same document (whole twips; widow/orphan control as the
//! DOCX declares it; keep-with-next chains; table rows moved whole unless taller than a
//! page; header rows repeated; page numbers in the top margin from a section's second
//! page).

use super::content::{lay, stack_blocks, Stack};
use super::display::{Bookmark, Item, Page, RectItem, Stroke};
use super::fonts::FontSet;
use super::paragraph::{place_lines, twips_to_pt, LaidParagraph};
use super::tags::{Artifact, Mark, NodeId, StructKind, StructTree};
use crate::document::{Block, Columns, Document, PageSection, Row, RowKind, Table};
use crate::layout::{
    grid_twips, mm_to_twips, pt_to_twips, Layout, PageSetup, Role, BODY_RULE_SPACE_AFTER_PT,
    COLUMNS_CELL_PADDING_MM, COLUMNS_INDENT_MM, PAGE_NUMBER_FROM_TOP_MM, SECTION_END_PT,
    TABLE_BORDER_PT, TABLE_CELLS_CENTRED_VERTICALLY, TABLE_CELL_PADDING_MM, WIDOW_CONTROL,
    WIDOW_LINES,
};

/// A table row (or a row of the borderless header/closing blocks), laid out.
#[derive(Debug, Clone)]
struct RowBox {
    /// Cells: left edge from the table's left (points), width (points), content.
    cells: Vec<(f64, f64, Stack)>,
    /// Padding above and below the content, twips.
    pad: i32,
    /// Width of the border above the row, twips: LibreOffice adds it to the row's
    /// height and puts the content under it (measured: +0.5 pt per bordered row, and
    /// once more for the table's top edge on each page).
    border: i32,
    bordered: bool,
    centred: bool,
    /// Never last on a page: moved to the next page with the row that follows.
    keep_with_next: bool,
}

impl RowBox {
    fn content_height(&self) -> i32 {
        self.cells.iter().map(|c| c.2.height).max().unwrap_or(0)
    }

    fn height(&self) -> i32 {
        self.content_height() + 2 * self.pad + self.border
    }

    /// Where a split for `room` twips cuts the cells' content (twips from the content's
    /// top): before the first piece of any cell that would overflow, keeping at least
    /// one piece of some cell.
    fn cut(&self, room: i32) -> i32 {
        let limit = (room - 2 * self.pad - self.border).max(0);
        let cut = self
            .cells
            .iter()
            .filter_map(|c| {
                c.2.pieces
                    .iter()
                    .find(|p| p.top + p.height > limit)
                    .map(|p| p.top)
            })
            .min()
            .unwrap_or(limit);
        let min_cut = self
            .cells
            .iter()
            .filter_map(|c| c.2.pieces.first().map(|p| p.top + p.height))
            .min()
            .unwrap_or(0);
        cut.max(min_cut)
    }

    /// Splits the row so the first part is at most `room` twips tall (between lines); the
    /// first part has at least one piece of some cell. The pieces are moved, not cloned,
    /// and only the first part is searched, so a cell running over many pages is split
    /// in time linear in its length (cloning the rest on every page was quadratic: a
    /// 400 000-character cell took 17 s).
    fn split(mut self, room: i32) -> (RowBox, RowBox) {
        let cut = self.cut(room);
        let mut rest_cells = Vec::with_capacity(self.cells.len());
        for (x, w, stack) in &mut self.cells {
            // Pieces are stacked top to bottom: the first part is a prefix.
            let k = stack.pieces.partition_point(|p| p.top + p.height <= cut);
            let mut b = stack.pieces.split_off(k);
            let first_height = stack.pieces.last().map(|p| p.top + p.height).unwrap_or(0);
            let shift = b.first().map(|p| p.top).unwrap_or(0);
            // The signature space goes with the part it ends in.
            let (gap_first, gap_rest) = match stack.signature_gap {
                Some(g) if g.top + g.height <= cut => (Some(g), None),
                Some(g) if g.top >= shift => (
                    None,
                    Some(super::content::SignatureGap {
                        top: g.top - shift,
                        ..g
                    }),
                ),
                _ => (None, None),
            };
            for p in &mut b {
                p.top -= shift;
            }
            let rest_height = if b.is_empty() {
                0
            } else {
                stack.height - shift
            };
            rest_cells.push((
                *x,
                *w,
                Stack {
                    pieces: b,
                    height: rest_height,
                    signature_gap: gap_rest,
                },
            ));
            stack.height = first_height;
            stack.signature_gap = gap_first;
        }
        let rest = RowBox {
            cells: rest_cells,
            ..self.clone_empty()
        };
        (self, rest)
    }

    /// The row's settings without cells.
    fn clone_empty(&self) -> RowBox {
        RowBox {
            cells: Vec::new(),
            pad: self.pad,
            border: self.border,
            bordered: self.bordered,
            centred: self.centred,
            keep_with_next: self.keep_with_next,
        }
    }

    /// Whether a split for `room` would leave nothing in the first part.
    fn nothing_fits(&self, room: i32) -> bool {
        let cut = self.cut(room);
        self.cells
            .iter()
            .all(|c| c.2.pieces.first().is_none_or(|p| p.top + p.height > cut))
    }

    /// Draws the row; a `repeated` header row (on a continuation page) as an artifact.
    fn draw(&self, page: &mut Page, x: f64, top: f64, height: i32, repeated: bool) {
        let content = self.content_height();
        for (cx, w, stack) in &self.cells {
            if self.bordered {
                page.mark(Mark::Artifact(Artifact::Layout));
                page.push(Item::Rect(RectItem {
                    x: x + cx,
                    y: top,
                    width: *w,
                    height: twips_to_pt(height),
                    fill: None,
                    stroke: Some(Stroke {
                        thickness: f64::from(TABLE_BORDER_PT),
                        color: Default::default(),
                    }),
                }));
            }
            let offset = if self.centred {
                (height - 2 * self.pad - self.border - stack.height).max(0) / 2
            } else {
                0
            };
            let _ = content;
            stack.draw(
                page,
                0..stack.pieces.len(),
                x + cx,
                top + twips_to_pt(self.border + self.pad + offset),
                0,
                repeated,
            );
        }
    }
}

/// One element of a section's flow.
enum Flow {
    Para {
        laid: LaidParagraph,
        keep: bool,
        /// Drawn from the column's left edge at this x (points from the margin).
        x: f64,
        /// Outline level and title when the paragraph is a heading.
        bookmark: Option<(u8, String)>,
        /// What its text is in the structure.
        mark: Mark,
    },
    /// A rule across the text width, then space.
    Rule(Stack),
    /// Unbreakable unless taller than a page.
    Row(RowBox),
    Table {
        header: Vec<RowBox>,
        rows: Vec<RowBox>,
    },
}

impl Flow {
    fn keep(&self) -> bool {
        matches!(self, Flow::Para { keep: true, .. })
    }

    /// Height of the whole element, twips.
    fn full_height(&self) -> i32 {
        match self {
            Flow::Para { laid, .. } => laid.total_height(),
            Flow::Rule(s) => s.height,
            Flow::Row(r) => r.height(),
            Flow::Table { header, rows } => {
                header.iter().chain(rows).map(RowBox::height).sum::<i32>()
            }
        }
    }

    /// The least of the element that must go on the page it starts on, twips.
    fn head_height(&self) -> i32 {
        match self {
            Flow::Para { laid, .. } => {
                let n = laid.lines.len();
                let k = if WIDOW_CONTROL && n < 2 * WIDOW_LINES {
                    n
                } else {
                    n.min(if WIDOW_CONTROL { WIDOW_LINES } else { 1 })
                };
                laid.space_before + laid.lines[..k].iter().map(|l| l.height).sum::<i32>()
            }
            Flow::Rule(s) => s.height,
            Flow::Row(r) => r.height(),
            Flow::Table { header, rows } => {
                pt_to_twips(TABLE_BORDER_PT)
                    + header.iter().map(RowBox::height).sum::<i32>()
                    + rows.first().map(RowBox::height).unwrap_or(0)
            }
        }
    }
}

struct Builder<'a> {
    fonts: &'a FontSet,
    layout: &'a Layout,
    /// Text width, points (from whole twips).
    width: f64,
    /// The structure the blocks are added to, in document order, and the section's node.
    tree: &'a mut StructTree,
    section: NodeId,
}

impl Builder<'_> {
    fn columns_rows(&mut self, c: &Columns) -> Vec<RowBox> {
        let div = self.tree.add(self.section, StructKind::Div);
        let grid = grid_twips(&c.widths_mm);
        let pad = mm_to_twips(COLUMNS_CELL_PADDING_MM);
        let mut rows = Vec::with_capacity(c.rows.len());
        for row in &c.rows {
            let mut x = mm_to_twips(COLUMNS_INDENT_MM);
            let mut cells = Vec::with_capacity(row.len());
            for (i, blocks) in row.iter().enumerate() {
                let w = grid.get(i).copied().unwrap_or(1);
                let inner = twips_to_pt((w - 2 * pad).max(0));
                let stack = stack_blocks(self.fonts, self.layout, blocks, inner, self.tree, div);
                cells.push((twips_to_pt(x + pad), inner, stack));
                x += w;
            }
            rows.push(RowBox {
                cells,
                pad: 0,
                border: 0,
                bordered: false,
                centred: false,
                keep_with_next: false,
            });
        }
        rows
    }

    fn table_row(&mut self, row: &Row, grid: &[i32], table: NodeId) -> RowBox {
        let h = mm_to_twips(TABLE_CELL_PADDING_MM.horizontal);
        let v = mm_to_twips(TABLE_CELL_PADDING_MM.vertical);
        let mut edges = vec![0];
        for w in grid {
            edges.push(edges.last().copied().unwrap_or(0) + w);
        }
        let tr = self.tree.add(table, StructKind::TR);
        let cell_kind = if row.kind == RowKind::Header {
            StructKind::TH
        } else {
            StructKind::TD
        };
        let fitted = crate::document::fit_cells(&row.cells, grid.len());
        let mut cells = Vec::with_capacity(fitted.len());
        for (at, cell) in fitted {
            let w = edges[at + cell.span] - edges[at];
            let inner = twips_to_pt((w - 2 * h).max(0));
            let cell_node = self.tree.add(tr, cell_kind);
            let mut stack = Stack::default();
            if cell.paragraphs.is_empty() {
                let laid = lay(
                    self.fonts,
                    self.layout,
                    cell.role,
                    &[],
                    Some(cell.align),
                    inner,
                );
                stack.push_paragraph(laid, self.tree.mark(cell_node));
            }
            for runs in &cell.paragraphs {
                let laid = lay(
                    self.fonts,
                    self.layout,
                    cell.role,
                    runs,
                    Some(cell.align),
                    inner,
                );
                let p = self.tree.add(cell_node, StructKind::P);
                stack.push_paragraph(laid, self.tree.mark(p));
            }
            // Stack x is the cell's content edge; the border is drawn `h` to the left.
            for p in &mut stack.pieces {
                if let super::content::PieceKind::Line(line) = &mut p.kind {
                    shift_line(line, twips_to_pt(h));
                }
            }
            cells.push((twips_to_pt(edges[at]), twips_to_pt(w), stack));
        }
        RowBox {
            cells,
            pad: v,
            border: pt_to_twips(TABLE_BORDER_PT),
            bordered: true,
            centred: TABLE_CELLS_CENTRED_VERTICALLY || row.kind == RowKind::Header,
            keep_with_next: row.keep_with_next,
        }
    }

    fn table(&mut self, t: &Table) -> Flow {
        let grid = grid_twips(&t.columns_mm);
        let table = self.tree.add(self.section, StructKind::Table);
        Flow::Table {
            header: t
                .header
                .iter()
                .map(|r| self.table_row(r, &grid, table))
                .collect(),
            rows: t
                .rows
                .iter()
                .map(|r| self.table_row(r, &grid, table))
                .collect(),
        }
    }

    /// The flow of block `i` of `blocks`: one element, or a row per row of columns.
    fn block_flows(&mut self, blocks: &[Block], i: usize) -> Vec<Flow> {
        match &blocks[i] {
            Block::Paragraph(p) => {
                let laid = lay(self.fonts, self.layout, p.role, &p.runs, None, self.width);
                let node = self.tree.paragraph(self.section, p);
                vec![Flow::Para {
                    laid,
                    keep: p.keep_with_next || self.layout.style(p.role).keep_with_next,
                    x: 0.0,
                    bookmark: bookmark(p, &blocks[i + 1..]),
                    mark: self.tree.mark(node),
                }]
            }
            Block::Rule(r) => {
                let mut s = Stack::default();
                s.push_rule(
                    r.length_mm,
                    self.width,
                    crate::layout::pt_to_twips(BODY_RULE_SPACE_AFTER_PT),
                );
                vec![Flow::Rule(s)]
            }
            Block::Columns(c) => self.columns_rows(c).into_iter().map(Flow::Row).collect(),
            Block::Table(t) => vec![self.table(t)],
        }
    }
}

/// A section's flow, laid out block by block as the paginator reaches it (and looks
/// ahead along keep-with-next chains), so a long section is never all laid out at once.
struct FlowSource<'a, 'b> {
    builder: Builder<'b>,
    blocks: &'a [Block],
    /// The next block to lay out.
    next: usize,
    queue: std::collections::VecDeque<Flow>,
}

impl FlowSource<'_, '_> {
    /// The `k`-th element after the current one (0: the next to place).
    fn peek(&mut self, k: usize) -> Option<&Flow> {
        while self.queue.len() <= k && self.next < self.blocks.len() {
            let flows = self.builder.block_flows(self.blocks, self.next);
            self.queue.extend(flows);
            self.next += 1;
        }
        self.queue.get(k)
    }

    fn pop(&mut self) -> Option<Flow> {
        self.peek(0)?;
        self.queue.pop_front()
    }
}

/// The outline entry of a paragraph: headings down to level 2, and each appendix and
/// part as its label and the title that follows it ("Phụ lục I. DANH MỤC …").
fn bookmark(p: &crate::document::Paragraph, rest: &[Block]) -> Option<(u8, String)> {
    let text = || crate::pdf::shape::prepare_text(&p.text()).replace('\n', " ");
    match p.role {
        Role::Heading1 => Some((1, text())),
        Role::Heading2 => Some((2, text())),
        Role::AppendixLabel | Role::PartLabel => {
            let title = rest.iter().find_map(|b| match b {
                Block::Paragraph(t) if matches!(t.role, Role::AppendixTitle | Role::Subject) => {
                    Some(t.text())
                }
                _ => None,
            });
            Some((
                1,
                match title {
                    Some(t) => format!("{}. {}", text(), t.replace('\n', " ")),
                    None => text(),
                },
            ))
        }
        _ => None,
    }
}

/// Moves a laid line right by `dx` points (cell padding).
fn shift_line(line: &mut super::paragraph::LaidLine, dx: f64) {
    line.left += dx;
    line.right += dx;
    for run in &mut line.runs {
        run.x += dx;
        run.x_end += dx;
        for g in &mut run.glyphs {
            g.x += dx;
        }
    }
}

/// Page geometry of a section, in twips and points.
struct Geometry {
    setup: PageSetup,
    top: i32,
    bottom: i32,
    left: f64,
    width: f64,
}

impl Geometry {
    fn new(setup: PageSetup) -> Geometry {
        let m = setup.margins_mm;
        let left_tw = mm_to_twips(m.left);
        let width_tw = mm_to_twips(setup.width_mm) - left_tw - mm_to_twips(m.right);
        Geometry {
            setup,
            top: mm_to_twips(m.top),
            bottom: mm_to_twips(setup.height_mm) - mm_to_twips(m.bottom),
            left: twips_to_pt(left_tw),
            width: twips_to_pt(width_tw.max(20)),
        }
    }

    fn body_height(&self) -> i32 {
        self.bottom - self.top
    }

    fn blank_page(&self) -> Page {
        Page::new(
            twips_to_pt(mm_to_twips(self.setup.width_mm)),
            twips_to_pt(mm_to_twips(self.setup.height_mm)),
        )
    }
}

/// Lays the pages of one section, handing each finished page to `sink`.
struct Flowing<'a, S: FnMut(Page)> {
    geo: &'a Geometry,
    /// The page being filled.
    current: Option<Page>,
    /// Pages of the section finished before it.
    done: usize,
    /// Top of the next thing on the current page, twips from the page's top.
    y: i32,
    fonts: &'a FontSet,
    document: &'a Document,
    /// The draft mark's line, drawn on every page of a draft.
    draft: Option<LaidParagraph>,
    sink: S,
}

impl<S: FnMut(Page)> Flowing<'_, S> {
    fn page(&mut self) -> &mut Page {
        self.current.get_or_insert_with(|| self.geo.blank_page())
    }

    fn at_top(&self) -> bool {
        self.y <= self.geo.top
    }

    fn room(&self) -> i32 {
        self.geo.bottom - self.y
    }

    fn new_page(&mut self) {
        self.finish_page();
        self.current = Some(self.geo.blank_page());
        self.y = self.geo.top;
    }

    /// Draws the top margin of the current page (its number from the section's second
    /// page, centred; a draft's mark at the right end of that line) and hands it on.
    fn finish_page(&mut self) {
        let Some(mut page) = self.current.take() else {
            return;
        };
        let number_top = twips_to_pt(mm_to_twips(PAGE_NUMBER_FROM_TOP_MM));
        if self.done > 0 {
            page.mark(Mark::Artifact(Artifact::PageHeader));
            let laid = lay(
                self.fonts,
                &self.document.layout,
                Role::PageNumber,
                &[crate::model::Run::plain((self.done + 1).to_string())],
                None,
                self.geo.width,
            );
            place_lines(&mut page, &laid.lines, self.geo.left, number_top);
        }
        if let Some(draft) = &self.draft {
            page.mark(Mark::Artifact(Artifact::PageHeader));
            place_lines(&mut page, &draft.lines, self.geo.left, number_top);
        }
        self.done += 1;
        (self.sink)(page);
    }

    fn y_pt(&self) -> f64 {
        twips_to_pt(self.y)
    }

    fn paragraph(
        &mut self,
        laid: &LaidParagraph,
        x: f64,
        bookmark: Option<&(u8, String)>,
        mark: Mark,
    ) {
        let lines = &laid.lines;
        let n = lines.len();
        let mut start = 0;
        let mut before = laid.space_before;
        while start < n {
            // Lines that fit from `start` (space after may run into the bottom margin).
            let room = self.room() - before;
            let mut k = 0;
            let mut used = 0;
            while start + k < n && used + lines[start + k].height <= room {
                used += lines[start + k].height;
                k += 1;
            }
            if start + k < n && WIDOW_CONTROL {
                // Widow: leave at least two lines for the next page.
                if n - (start + k) < WIDOW_LINES {
                    k = (n - start).saturating_sub(WIDOW_LINES);
                }
                // Orphan: at least two lines here (a paragraph's first part).
                if k < WIDOW_LINES && (start == 0 || k == 0) {
                    k = 0;
                }
            }
            if k == 0 && self.at_top() {
                k = 1; // a line taller than the page: place it anyway
            }
            if k == 0 {
                self.new_page();
                before = laid.space_before;
                continue;
            }
            let top = self.y + before;
            if let (0, Some((level, title))) = (start, bookmark) {
                self.page().bookmarks.push(Bookmark {
                    level: *level,
                    title: title.clone(),
                    y: twips_to_pt(top),
                });
            }
            let x0 = self.geo.left + x;
            self.page().mark(mark);
            place_lines(self.page(), &lines[start..start + k], x0, twips_to_pt(top));
            self.y = top
                + lines[start..start + k]
                    .iter()
                    .map(|l| l.height)
                    .sum::<i32>();
            start += k;
            before = 0;
            if start < n {
                self.new_page();
            }
        }
        self.y += laid.space_after;
    }

    fn row(&mut self, row: &RowBox, header: &[RowBox]) {
        let mut row = row.clone();
        loop {
            let h = row.height();
            if h <= self.room() {
                let (x, y) = (self.geo.left, self.y_pt());
                row.draw(self.page(), x, y, h, false);
                self.y += h;
                return;
            }
            let header_h: i32 =
                header.iter().map(RowBox::height).sum::<i32>() + pt_to_twips(TABLE_BORDER_PT);
            if h <= self.geo.body_height() - header_h && !self.at_top_of_table(header_h) {
                self.new_page();
                self.headers(header, true);
                continue;
            }
            // Taller than a page: fill this page, go on with the rest on the next.
            if row.nothing_fits(self.room()) && !self.at_top_of_table(header_h) {
                self.new_page();
                self.headers(header, true);
                continue;
            }
            let (first, rest) = row.split(self.room());
            let fh = first.height().min(self.room().max(first.height()));
            let (x, y) = (self.geo.left, self.y_pt());
            first.draw(self.page(), x, y, fh, false);
            self.y += fh;
            if rest.cells.iter().all(|c| c.2.pieces.is_empty()) {
                return;
            }
            row = rest;
            self.new_page();
            self.headers(header, true);
        }
    }

    /// Whether nothing but the repeated header is on the page yet.
    fn at_top_of_table(&self, header_h: i32) -> bool {
        self.y <= self.geo.top + header_h
    }

    /// The table's top edge on this page (its border), then the header rows: the
    /// table's own, or `repeated` on a continuation page.
    fn headers(&mut self, header: &[RowBox], repeated: bool) {
        self.y += pt_to_twips(TABLE_BORDER_PT);
        for r in header {
            let h = r.height();
            let (x, y) = (self.geo.left, self.y_pt());
            r.draw(self.page(), x, y, h, repeated);
            self.y += h;
        }
    }

    fn flow(&mut self, source: &mut FlowSource) {
        while let Some(f) = source.pop() {
            // Keep-with-next chain starting here: move it whole to the next page when it
            // does not fit here but fits on a page.
            if f.keep() && !self.at_top() {
                let mut need = f.full_height();
                let mut j = 0;
                while let Some(next) = source.peek(j) {
                    if !next.keep() {
                        need += next.head_height();
                        break;
                    }
                    need += next.full_height();
                    j += 1;
                }
                if need > self.room() && need <= self.geo.body_height() {
                    self.new_page();
                }
            }
            match &f {
                Flow::Para {
                    laid,
                    x,
                    bookmark,
                    mark,
                    ..
                } => self.paragraph(laid, *x, bookmark.as_ref(), *mark),
                Flow::Rule(s) => {
                    if s.height - crate::layout::pt_to_twips(BODY_RULE_SPACE_AFTER_PT) > self.room()
                        && !self.at_top()
                    {
                        self.new_page();
                    }
                    let (x, y) = (self.geo.left, self.y_pt());
                    s.draw(self.page(), 0..s.pieces.len(), x, y, 0, false);
                    self.y += s.height;
                }
                Flow::Row(r) => self.row(r, &[]),
                Flow::Table { header, rows } => {
                    let header_h: i32 = header.iter().map(RowBox::height).sum::<i32>()
                        + pt_to_twips(TABLE_BORDER_PT);
                    let first = rows.first().map(RowBox::height).unwrap_or(0);
                    if header_h + first > self.room()
                        && !self.at_top()
                        && header_h + first <= self.geo.body_height()
                    {
                        self.new_page();
                    }
                    self.headers(header, false);
                    for (k, r) in rows.iter().enumerate() {
                        // A group row goes to the next page with its first row when the
                        // two do not fit here (and do fit on a page).
                        if let Some(next) = rows.get(k + 1).filter(|_| r.keep_with_next) {
                            let need = r.height() + next.height();
                            if need > self.room()
                                && !self.at_top_of_table(header_h)
                                && need <= self.geo.body_height() - header_h
                            {
                                self.new_page();
                                self.headers(header, true);
                            }
                        }
                        self.row(r, header);
                    }
                }
            }
        }
    }
}

/// Lays out every section of `document` into pages, returning the pages of each section
/// and the document's structure their marks refer to.
pub fn paginate(document: &Document, fonts: &FontSet) -> (Vec<Vec<Page>>, StructTree) {
    let mut sections: Vec<Vec<Page>> = vec![Vec::new(); document.sections.len()];
    let tree = paginate_into(document, fonts, |section, page| {
        sections[section].push(page)
    });
    (sections, tree)
}

/// Lays out every section of `document`, handing each page to `sink` (with its section's
/// index) as soon as it is full; returns the structure the pages' marks refer to.
pub fn paginate_into(
    document: &Document,
    fonts: &FontSet,
    mut sink: impl FnMut(usize, Page),
) -> StructTree {
    let mut tree = StructTree::new();
    for (i, section) in document.sections.iter().enumerate() {
        paginate_section(document, section, fonts, &mut tree, |page| sink(i, page));
    }
    tree
}

fn paginate_section(
    document: &Document,
    section: &PageSection,
    fonts: &FontSet,
    tree: &mut StructTree,
    sink: impl FnMut(Page),
) {
    let geo = Geometry::new(*document.layout.page(section.orientation));
    let section_node = tree.add(StructTree::ROOT, StructKind::Sect);
    let mut source = FlowSource {
        builder: Builder {
            fonts,
            layout: &document.layout,
            width: geo.width,
            tree,
            section: section_node,
        },
        blocks: &section.blocks,
        next: 0,
        queue: Default::default(),
    };
    // A draft: its mark at the right end of the page-number line, on every page.
    let draft = document.properties.draft_mark.as_ref().map(|mark| {
        let run = crate::model::Run {
            bold: true,
            ..crate::model::Run::plain(mark.clone())
        };
        lay(
            fonts,
            &document.layout,
            Role::PageNumber,
            &[run],
            Some(crate::layout::Align::Right),
            geo.width,
        )
    });
    let mut flowing = Flowing {
        geo: &geo,
        current: None,
        done: 0,
        y: geo.top,
        fonts,
        document,
        draft,
        sink,
    };
    flowing.new_page();
    flowing.flow(&mut source);
    // The DOCX ends each section with an empty 1 pt paragraph (it carries the section
    // properties, or closes a body that ends with a table); it takes a page of its own
    // when nothing is left on the last one.
    if flowing.room() < crate::layout::pt_to_twips(SECTION_END_PT) {
        flowing.new_page();
    }
    flowing.finish_page();
}
