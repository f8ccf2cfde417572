//! Page sections: page size, orientation and margins, the page-number header, the
//! numbering restart; and the blocks of each section.
//!
//! Every section has a title page (`titlePg`) and only a default header holding the
//! PAGE field: Word and LibreOffice then show no number on the first page of each
//! section and the number, centred in the top margin, on the others. (docx-rs drops
//! the first-page header when both are set; none is needed.) Numbering restarts at 1 in
//! each section (`pgNumType start=1`), so each appendix is numbered on its own.

use docx_rs::{
    DocumentChild, Docx, FieldCharType, Header, InstrPAGE, InstrText, PageNumType,
    PageOrientationType, PageSize, Section,
};

use super::paragraphs::{paragraph, rule};
use super::styles::{style_id, SECTION_END_STYLE};
use super::tables::{columns, table};
use super::Ctx;
use crate::document::{Block, Document, PageSection};
use crate::layout::{
    mm_to_twips, Orientation, PageSetup, Role, BODY_RULE_SPACE_AFTER_PT, PAGE_NUMBER_FROM_TOP_MM,
};

/// The header of every page but a section's first: the page number, centred.
fn page_number_header() -> Header {
    let field = docx_rs::Paragraph::new()
        .style(style_id(Role::PageNumber))
        .add_run(docx_rs::Run::new().add_field_char(FieldCharType::Begin, false))
        .add_run(docx_rs::Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
        .add_run(docx_rs::Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(docx_rs::Run::new().add_text("1"))
        .add_run(docx_rs::Run::new().add_field_char(FieldCharType::End, false));
    Header::new().add_paragraph(field)
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
                .header(page_number_header());
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
                .header(page_number_header());
        }
    }
    (docx, count)
}
