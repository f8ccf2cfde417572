//! The package parts this module writes itself: settings, font table, core and app
//! properties, content types and relationships. docx-rs's own versions carry Word-2010
//! extension namespaces, a creator "unknown", comment and footnote parts we do not use,
//! and a Japanese-locale compatibility block.

use std::fmt::Write;

use chrono::NaiveDate;

use super::text::escape;
use crate::document::Properties;
use crate::layout::FONT_FAMILY;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// `word/settings.xml`: Word 2013+ layout (compatibility mode 15), Vietnamese number
/// punctuation, no character compression.
pub(super) fn settings_xml() -> String {
    format!(
        r#"{DECL}<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="vi-VN"/><w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/></w:settings>"#
    )
}

/// `word/fontTable.xml`: the one font the document uses.
pub(super) fn font_table_xml() -> String {
    format!(
        r#"{DECL}<w:fonts xmlns:w="{W_NS}"><w:font w:name="{FONT_FAMILY}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>"#
    )
}

/// W3CDTF timestamp of a date: midnight UTC of that day.
fn w3cdtf(date: NaiveDate) -> String {
    format!("{}T00:00:00Z", date.format("%Y-%m-%d"))
}

/// `docProps/core.xml`: title, subject, creator (the issuing body), keywords, language
/// and — when the plan has a date of issue — created and modified on that date. No clock.
pub(super) fn core_xml(p: &Properties) -> String {
    let mut out = String::with_capacity(1024);
    let _ = write!(
        out,
        r#"{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
    );
    let _ = write!(out, "<dc:title>{}</dc:title>", escape(&p.title));
    let _ = write!(out, "<dc:subject>{}</dc:subject>", escape(&p.subject));
    let _ = write!(out, "<dc:creator>{}</dc:creator>", escape(&p.author));
    let _ = write!(out, "<cp:keywords>{}</cp:keywords>", escape(&p.keywords));
    out.push_str("<dc:language>vi-VN</dc:language>");
    let _ = write!(
        out,
        "<cp:lastModifiedBy>{}</cp:lastModifiedBy>",
        escape(&p.author)
    );
    out.push_str("<cp:revision>1</cp:revision>");
    if let Some(date) = p.created {
        let stamp = w3cdtf(date);
        let _ = write!(
            out,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>"#
        );
    }
    out.push_str("</cp:coreProperties>");
    out
}

/// `docProps/app.xml`.
pub(super) fn app_xml(p: &Properties) -> String {
    format!(
        r#"{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><TotalTime>0</TotalTime><ScaleCrop>false</ScaleCrop><Company>{}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><Application>khcds {}</Application><DocSecurity>0</DocSecurity></Properties>"#,
        escape(&p.author),
        env!("CARGO_PKG_VERSION")
    )
}

/// `[Content_Types].xml` for the parts written, with `headers` header parts.
pub(super) fn content_types_xml(headers: usize) -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut out = format!(
        r#"{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="{main}.styles+xml"/><Override PartName="/word/settings.xml" ContentType="{main}.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="{main}.fontTable+xml"/>"#
    );
    for n in 1..=headers {
        let _ = write!(
            out,
            r#"<Override PartName="/word/header{n}.xml" ContentType="{main}.header+xml"/>"#
        );
    }
    out.push_str(r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#);
    out
}

/// `_rels/.rels`.
pub(super) fn package_rels_xml() -> String {
    format!(
        r#"{DECL}<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" Type="{OFFICE_REL}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="{OFFICE_REL}/extended-properties" Target="docProps/app.xml"/></Relationships>"#
    )
}

/// `word/_rels/document.xml.rels`: styles, settings, font table, and the headers as
/// (relationship id, part number).
pub(super) fn document_rels_xml(headers: &[(String, usize)]) -> String {
    let mut out = format!(
        r#"{DECL}<Relationships xmlns="{REL_NS}"><Relationship Id="rIdStyles" Type="{OFFICE_REL}/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="{OFFICE_REL}/settings" Target="settings.xml"/><Relationship Id="rIdFontTable" Type="{OFFICE_REL}/fontTable" Target="fontTable.xml"/>"#
    );
    for (id, n) in headers {
        let _ = write!(
            out,
            r#"<Relationship Id="{id}" Type="{OFFICE_REL}/header" Target="header{n}.xml"/>"#
        );
    }
    out.push_str("</Relationships>");
    out
}
