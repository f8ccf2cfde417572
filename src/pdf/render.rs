//! The document model to a PDF: [`render`] (document → display list) and [`write`]
//! (document → PDF bytes).

use chrono::{FixedOffset, NaiveTime, TimeZone};

use super::display::{DisplayDocument, Metadata, PageLabelRange};
use super::fonts::FontSet;
use super::paginate::paginate;
use super::write::{write_pdf, WriteError};
use crate::document::{Block, Document, PageSection};
use crate::layout::Role;

/// Why a PDF could not be produced. Messages are Vietnamese, for the drafter.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("lỗi nội bộ khi tạo tệp PDF: {0}")]
    Write(#[from] WriteError),
}

/// Lays out `document` into pages: every section paginated, page numbers drawn, the
/// document properties as metadata.
pub fn render(document: &Document, fonts: &FontSet) -> DisplayDocument {
    let (sections, structure) = paginate(document, fonts);
    let mut page_labels = Vec::with_capacity(sections.len());
    let mut first_page = 0;
    for (section, pages) in document.sections.iter().zip(&sections) {
        page_labels.push(PageLabelRange {
            first_page,
            prefix: label_prefix(section),
        });
        first_page += pages.len();
    }
    let pages = sections.into_iter().flatten().collect();
    let p = &document.properties;
    // Vietnam time (UTC+7), midnight of the plan's date: reproducible output.
    let vietnam = FixedOffset::east_opt(7 * 3600).expect("valid offset");
    let creation_date = p.created.and_then(|d| {
        vietnam
            .from_local_datetime(&d.and_time(NaiveTime::MIN))
            .single()
    });
    DisplayDocument {
        pages,
        images: Default::default(),
        metadata: Metadata {
            title: p.title.clone(),
            author: p.author.clone(),
            subject: p.subject.clone(),
            keywords: p
                .keywords
                .split(';')
                .map(|k| k.trim().to_owned())
                .filter(|k| !k.is_empty())
                .collect(),
            creation_date,
        },
        page_labels,
        structure,
    }
}

/// What a viewer shows before the page number: nothing in the plan itself, the
/// appendix's label in an appendix ("Phụ lục I - 3"), whose numbers restart at 1.
fn label_prefix(section: &PageSection) -> String {
    section
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(p) if p.role == Role::AppendixLabel => {
                Some(format!("{} - ", p.text().trim()))
            }
            _ => None,
        })
        .unwrap_or_default()
}

/// Renders `document` with the fonts of this system ([`FontSet::load`]) into PDF bytes.
pub fn write(document: &Document) -> Result<Vec<u8>, PdfError> {
    write_with(document, &FontSet::load())
}

/// [`write`] with the given fonts.
pub fn write_with(document: &Document, fonts: &FontSet) -> Result<Vec<u8>, PdfError> {
    Ok(write_pdf(&render(document, fonts), fonts)?)
}
