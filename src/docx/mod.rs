//! The DOCX writer: the [document model](crate::document) as a Word file in the layout of
//! Nghị định 30/2020/NĐ-CP, valid ECMA-376 Transitional, opened by Word without a repair
//! prompt.
//!
//! docx-rs builds the body (paragraphs, tables, page sections) and the page-number
//! headers ([`sections`], [`paragraphs`], [`tables`]); its output is then
//! post-processed ([`normalise`]) to fix what docx-rs gets wrong or cannot say. The
//! other parts — styles, settings, font table, core and app properties, content types,
//! relationships — are written here ([`styles`], [`parts`]) and everything is packed by
//! [`package`]. The output depends only on the document: the same plan gives the same
//! bytes (no clock, no random ids).
//!
//! Layout values all come from [`crate::layout`]; this module only translates them.

mod normalise;
mod package;
mod paragraphs;
mod parts;
mod sections;
mod styles;
mod tables;
mod text;

use docx_rs::BuildXML;

use crate::document::{self, Document};
use crate::layout::Layout;
use crate::model::Plan;

/// Why a DOCX could not be produced. Messages are Vietnamese, for the drafter.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// The XML produced by docx-rs could not be post-processed (a bug, not the plan's
    /// fault).
    #[error("lỗi nội bộ khi tạo tệp Word (XML): {0}")]
    Xml(String),
    /// Packing the parts into the ZIP container failed.
    #[error("lỗi khi đóng gói tệp Word: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("lỗi khi ghi tệp Word: {0}")]
    Io(#[from] std::io::Error),
}

/// What the builders share while walking the document.
pub(crate) struct Ctx<'a> {
    layout: &'a Layout,
    /// The number of header rows of each table, in document order (nested tables
    /// included): post-processing marks them `w:tblHeader`.
    header_rows: Vec<usize>,
}

/// Writes `document` as a DOCX file.
pub fn write(document: &Document) -> Result<Vec<u8>, DocxError> {
    let mut ctx = Ctx {
        layout: &document.layout,
        header_rows: Vec::new(),
    };
    let (docx, header_count) = sections::build(document, &mut ctx);
    let parts = docx.build();
    let draft_header = document
        .properties
        .draft_mark
        .as_deref()
        .map(|mark| {
            normalise::normalise(&sections::draft_first_page_header(mark).build(), &[], None)
        })
        .transpose()?;
    let body = normalise::normalise(
        &parts.document,
        &ctx.header_rows,
        draft_header.as_ref().map(|_| package::FIRST_PAGE_HEADER_ID),
    )?;
    let headers = parts
        .headers
        .iter()
        .map(|h| normalise::normalise(h, &[], None))
        .collect::<Result<Vec<_>, _>>()?;
    debug_assert_eq!(headers.len(), header_count);
    package::pack(document, &body, &headers, draft_header.as_deref())
}

/// Builds the document of `plan` and writes it as a DOCX file.
pub fn write_plan(plan: &Plan) -> Result<Vec<u8>, DocxError> {
    write(&document::build(plan))
}
