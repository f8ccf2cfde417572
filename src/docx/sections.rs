//! Page sections: page size, orientation and margins, the page-number header, the
//! numbering restart; and the blocks of each section.
//!
//! Every section has a title page (`titlePg`) and a default header holding the PAGE
//! field: Word and LibreOffice then show no number on the first page of each section and
//! the number, centred in the top margin, on the others. Numbering restarts at 1 in each
//! section (`pgNumType start=1`), so each appendix is numbered on its own.
//!
//! A draft carries its mark on every page, at the right end of the page-number line as
//! the PDF prints it: in the default header after the number (tab stops at the centre
//! and the right edge), and in a first-page header of its own ([`draft_first_page_header`]),
//! which docx-rs cannot attach to a section (it drops a section's first-page header when
//! the section also has a default one), so [`super::normalise`] refers every section to it.
use docx_rs::{
    AlignmentType, DocumentChild, Docx, FieldCharType, Header, InstrPAGE, InstrText, PageNumType,
    PageOrientationType, PageSize, Section, Tab, TabValueType,
};

use super::paragraphs::{paragraph, rule};
use super::styles::{style_id, SECTION_END_STYLE};
use super::tables::{columns, table};
use super::Ctx;
use crate::document::{Block, Document, PageSection};
use crate::layout::{
    mm_to_twips, Orientation, PageSetup, Role, BODY_RULE_SPACE_AFTER_PT, PAGE_NUMBER_FROM_TOP_MM,
};

/// The header of every page but a section's first: the page number, centred; a draft's
/// mark at the right edge of the text.
fn page_number_header(page: &PageSetup, draft_mark: Option<&str>) -> Header {
    let field_runs = [
        docx_rs::Run::new().add_field_char(FieldCharType::Begin, false),
        docx_rs::Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new())),
        docx_rs::Run::new().add_field_char(FieldCharType::Separate, false),
        docx_rs::Run::new().add_text("1"),
        docx_rs::Run::new().add_field_char(FieldCharType::End, false),
    ];
    let mut p = docx_rs::Paragraph::new().style(style_id(Role::PageNumber));
    if let Some(mark) = draft_mark {
        let width = mm_to_twips(page.text_width_mm()).max(2) as usize;
        p = p
            .align(AlignmentType::Left)
            .add_tab(Tab::new().val(TabValueType::Center).pos(width / 2))
            .add_tab(Tab::new().val(TabValueType::Right).pos(width))
            .add_run(docx_rs::Run::new().add_tab());
        p = field_runs.into_iter().fold(p, |p, r| p.add_run(r));
        p = p
            .add_run(docx_rs::Run::new().add_tab())
            .add_run(mark_run(mark));
    } else {
        p = field_runs.into_iter().fold(p, |p, r| p.add_run(r));
    }
    Header::new().add_paragraph(p)
}

/// The draft mark as printed: bold, in the page number's size.
fn mark_run(mark: &str) -> docx_rs::Run {
    docx_rs::Run::new().add_text(mark).bold()
}

/// The header of a draft's first pages (no number there): the mark at the right edge.
pub(super) fn draft_first_page_header(mark: &str) -> Header {
    Header::new().add_paragraph(
        docx_rs::Paragraph::new()
            .style(style_id(Role::PageNumber))
            .align(AlignmentType::Right)
            .add_run(mark_run(mark)),
    )
}

fn page_size(page: &PageSetup) -> PageSize {
    let size = PageSize::new().size(
        mm_to_twips(page.width_mm) as u32,
        mm_to_twips(page.height_mm) as u32,
    );
    match page.orientation {
        Orientation::Portrait => size.orient(PageOrientationType::Portrait),
        Orientation::Landscape => size.orient(PageOrientationType::Landscape),
    }
}

fn page_margin(page: &PageSetup) -> docx_rs::PageMargin {
    let m = page.margins_mm;
    let header = mm_to_twips(PAGE_NUMBER_FROM_TOP_MM);
    docx_rs::PageMargin::new()
        .top(mm_to_twips(m.top))
        .bottom(mm_to_twips(m.bottom))
        .left(mm_to_twips(m.left))
        .right(mm_to_twips(m.right))
        .header(header)
        .footer(header)
        .gutter(0)
}

/// One docx-rs body element.
#[allow(clippy::large_enum_variant)] // short-lived, one per block
enum Item {
    Paragraph(Box<docx_rs::Paragraph>),
    Table(Box<docx_rs::Table>),
}

fn items(section: &PageSection, page: &PageSetup, ctx: &mut Ctx) -> Vec<Item> {
    let mut out = Vec::with_capacity(section.blocks.len() + 1);
    for block in &section.blocks {
        out.push(match block {
            Block::Paragraph(p) => Item::Paragraph(Box::new(paragraph(p, ctx))),
            Block::Rule(r) => Item::Paragraph(Box::new(rule(
                r,
                page.text_width_mm(),
                BODY_RULE_SPACE_AFTER_PT,
            ))),
            Block::Columns(c) => Item::Table(Box::new(columns(c, page, ctx))),
            Block::Table(t) => Item::Table(Box::new(table(t, page, ctx))),
        });
    }
    out
}

/// The docx-rs document and the number of header parts it will write.
pub(super) fn build(document: &Document, ctx: &mut Ctx) -> (Docx, usize) {
    let empty = [PageSection {
        orientation: Orientation::Portrait,
        blocks: Vec::new(),
    }];
    let sections: &[PageSection] = if document.sections.is_empty() {
        &empty
    } else {
        &document.sections
    };
    let draft_mark = document.properties.draft_mark.as_deref();
    let mut docx = Docx::new();
    let count = sections.len();
    for (i, section) in sections.iter().enumerate() {
        let page = *document.layout.page(section.orientation);
        let items = items(section, &page, ctx);
        if i + 1 < count {
            // docx-rs closes the section with an empty paragraph carrying its sectPr;
            // post-processing gives that paragraph the zero-height style.
            let mut s = Section::new()
                .page_size(page_size(&page))
                .page_margin(page_margin(&page))
                .title_pg()
                .page_num_type(PageNumType::new().start(1))
                .header(page_number_header(&page, draft_mark));
            for item in items {
                s = match item {
                    Item::Paragraph(p) => s.add_paragraph(*p),
                    Item::Table(t) => s.add_table(*t),
                };
            }
            docx = docx.add_section(s);
        } else {
            let ends_with_table = matches!(items.last(), Some(Item::Table(_)));
            // Pushed in place: `Docx::add_paragraph` moves the whole Docx each time.
            let children = &mut docx.document.children;
            children.reserve(items.len() + 1);
            for item in items {
                children.push(match item {
                    Item::Paragraph(p) => DocumentChild::Paragraph(p),
                    Item::Table(t) => DocumentChild::Table(t),
                });
            }
            if ends_with_table {
                // The body must end with a paragraph; make it take no room.
                children.push(DocumentChild::Paragraph(Box::new(
                    docx_rs::Paragraph::new().style(SECTION_END_STYLE),
                )));
            }
            let orient = match page.orientation {
                Orientation::Portrait => PageOrientationType::Portrait,
                Orientation::Landscape => PageOrientationType::Landscape,
            };
            docx = docx
                .page_size(
                    mm_to_twips(page.width_mm) as u32,
                    mm_to_twips(page.height_mm) as u32,
                )
                .page_orient(orient)
                .page_margin(page_margin(&page))
                .title_pg()
                .page_num_type(PageNumType::new().start(1))
                .header(page_number_header(&page, draft_mark));
        }
    }
    (docx, count)
}
