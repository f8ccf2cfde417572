//! The ZIP container: the parts, in a fixed order, with fixed timestamps.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{parts, styles, DocxError};
use crate::document::Document;

/// Deflate level: fast; XML compresses well at any level.
const LEVEL: i64 = 3;

/// The relationship id of a draft's first-page header, which this module adds after
/// docx-rs's headers.
pub(super) const FIRST_PAGE_HEADER_ID: &str = "rIdFirstPageHeader";

/// The relationship ids docx-rs gives the headers ("rIdHeader1" …) and the part each is
/// written to: docx-rs numbers the parts in the string order of the ids.
fn header_parts(count: usize) -> Vec<(String, usize)> {
    let mut ids: Vec<String> = (1..=count).map(|n| format!("rIdHeader{n}")).collect();
    ids.sort();
    ids.into_iter()
        .enumerate()
        .map(|(i, id)| (id, i + 1))
        .collect()
}

/// The modification time of the entries: the plan's date of issue, or the ZIP epoch.
fn timestamp(document: &Document) -> DateTime {
    use chrono::Datelike;
    document
        .properties
        .created
        .and_then(|d| {
            DateTime::from_date_and_time(
                u16::try_from(d.year()).ok()?,
                d.month() as u8,
                d.day() as u8,
                0,
                0,
                0,
            )
            .ok()
        })
        .unwrap_or_default()
}

/// Packs the parts: docx-rs's `headers` and, for a draft, its first-page header.
pub(super) fn pack(
    document: &Document,
    body: &[u8],
    headers: &[Vec<u8>],
    first_page_header: Option<&[u8]>,
) -> Result<Vec<u8>, DocxError> {
    let estimate = body.len() / 4 + 16 * 1024;
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(estimate)));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(LEVEL))
        .last_modified_time(timestamp(document))
        .unix_permissions(0o644);
    let mut header_parts = header_parts(headers.len());
    let mut header_xml: Vec<&[u8]> = headers.iter().map(Vec::as_slice).collect();
    if let Some(xml) = first_page_header {
        header_xml.push(xml);
        header_parts.push((FIRST_PAGE_HEADER_ID.to_owned(), header_xml.len()));
    }
    let mut put = |name: &str, bytes: &[u8]| -> Result<(), DocxError> {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
        Ok(())
    };
    put(
        "[Content_Types].xml",
        parts::content_types_xml(header_xml.len()).as_bytes(),
    )?;
    put("_rels/.rels", parts::package_rels_xml().as_bytes())?;
    put("word/document.xml", body)?;
    put(
        "word/_rels/document.xml.rels",
        parts::document_rels_xml(&header_parts).as_bytes(),
    )?;
    put(
        "word/styles.xml",
        styles::styles_xml(&document.layout).as_bytes(),
    )?;
    put("word/settings.xml", parts::settings_xml().as_bytes())?;
    put("word/fontTable.xml", parts::font_table_xml().as_bytes())?;
    for (i, header) in header_xml.iter().enumerate() {
        put(&format!("word/header{}.xml", i + 1), header)?;
    }
    put(
        "docProps/core.xml",
        parts::core_xml(&document.properties).as_bytes(),
    )?;
    put(
        "docProps/app.xml",
        parts::app_xml(&document.properties).as_bytes(),
    )?;
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_parts_follow_docx_rs_numbering() {
        assert_eq!(
            header_parts(3),
            vec![
                ("rIdHeader1".to_owned(), 1),
                ("rIdHeader2".to_owned(), 2),
                ("rIdHeader3".to_owned(), 3)
            ]
        );
        let many = header_parts(11);
        assert_eq!(many[1], ("rIdHeader10".to_owned(), 2));
    }
}
