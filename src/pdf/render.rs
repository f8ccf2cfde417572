//! The document model to a PDF: [`render`] (document → display list) and [`write`]
//! (document → PDF bytes).

use chrono::{FixedOffset, NaiveTime, TimeZone};

use super::display::{DisplayDocument, Metadata, PageLabelRange};
use super::fonts::FontSet;
use super::paginate::{paginate, paginate_into};
use super::write::{PdfWriter, WriteError};
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
    let counts: Vec<usize> = sections.iter().map(Vec::len).collect();
    DisplayDocument {
        pages: sections.into_iter().flatten().collect(),
        images: Default::default(),
        metadata: metadata(document),
        page_labels: page_labels(document, &counts),
        structure,
    }
}

/// The document properties as the PDF's metadata.
fn metadata(document: &Document) -> Metadata {
    let p = &document.properties;
    // Vietnam time (UTC+7), midnight of the plan's date: reproducible output.
    let vietnam = FixedOffset::east_opt(7 * 3600).expect("valid offset");
    let creation_date = p.created.and_then(|d| {
        vietnam
            .from_local_datetime(&d.and_time(NaiveTime::MIN))
            .single()
    });
    Metadata {
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
    }
}

/// One page-label range per section of `counts[i]` pages.
fn page_labels(document: &Document, counts: &[usize]) -> Vec<PageLabelRange> {
    let mut first_page = 0;
    document
        .sections
        .iter()
        .zip(counts)
        .map(|(section, count)| {
            let range = PageLabelRange {
                first_page,
                prefix: label_prefix(section),
            };
            first_page += count;
            range
        })
        .collect()
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

/// [`write`] with the given fonts. Each page is written as soon as it is laid out, so
/// memory stays flat however long the plan.
pub fn write_with(document: &Document, fonts: &FontSet) -> Result<Vec<u8>, PdfError> {
    let mut writer = PdfWriter::new(fonts, &metadata(document), &Default::default())?;
    let mut counts = vec![0; document.sections.len()];
    let mut failed = None;
    let structure = paginate_into(document, fonts, |section, page| {
        counts[section] += 1;
        if failed.is_none() {
            failed = writer.add_page(&page).err();
        }
    });
    if let Some(e) = failed {
        return Err(e.into());
    }
    let (bytes, _) = writer.finish(page_labels(document, &counts), &structure)?;
    Ok(bytes)
}
