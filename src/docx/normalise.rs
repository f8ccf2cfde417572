//! Post-processing of the XML docx-rs writes (the main document and the headers), so it
//! validates against ECMA-376 Transitional and Word opens it without a repair prompt.
//!
//! One streaming pass, copying the input through and:
//! - putting the children of the property elements (`w:pPr`, `w:rPr`, `w:sectPr`,
//!   `w:tblPr`, `w:trPr`, `w:tcPr` and the border/margin lists) into schema order —
//!   docx-rs writes e.g. `w:rPr` before `w:jc` in `w:pPr`, `w:sz` before `w:b`, and
//!   `w:headerReference` after `w:pgMar`;
//! - removing Word-2010+ extensions: `w14:paraId` attributes, `mc:Ignorable` and the
//!   declarations of namespaces outside ECMA-376 (`w14`, `w15`, `wps`, `wpg`, `wp14`, `mc`);
//! - removing `w:type` from `w:gridCol` (not in the schema);
//! - dropping empty `w:rPr`/`w:pPr`;
//! - marking the first rows of each table as header rows (`w:tblHeader`, which docx-rs
//!   cannot write), repeated by Word on every page the table runs onto;
//! - giving each section break a type ("nextPage") and its empty paragraph the
//!   zero-height section-end style.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::styles::SECTION_END_STYLE;
use super::DocxError;

/// Namespace prefixes kept: those of ECMA-376 Transitional docx-rs may use, and `xml:`.
const KEPT_PREFIXES: [&[u8]; 10] = [
    b"w", b"r", b"wp", b"a", b"pic", b"v", b"o", b"w10", b"m", b"xml",
];

const PPR: &[&[u8]] = &[
    b"w:pStyle",
    b"w:keepNext",
    b"w:keepLines",
    b"w:pageBreakBefore",
    b"w:framePr",
    b"w:widowControl",
    b"w:numPr",
    b"w:suppressLineNumbers",
    b"w:pBdr",
    b"w:shd",
    b"w:tabs",
    b"w:suppressAutoHyphens",
    b"w:kinsoku",
    b"w:wordWrap",
    b"w:overflowPunct",
    b"w:topLinePunct",
    b"w:autoSpaceDE",
    b"w:autoSpaceDN",
    b"w:bidi",
    b"w:adjustRightInd",
    b"w:snapToGrid",
    b"w:spacing",
    b"w:ind",
    b"w:contextualSpacing",
    b"w:mirrorIndents",
    b"w:suppressOverlap",
    b"w:jc",
    b"w:textDirection",
    b"w:textAlignment",
    b"w:textboxTightWrap",
    b"w:outlineLvl",
    b"w:divId",
    b"w:cnfStyle",
    b"w:rPr",
    b"w:sectPr",
    b"w:pPrChange",
];

/// Word's order (the schema's CT_RPr sequence; Transitional relaxes it to a choice, the
/// Open XML SDK validator does not). `w:ins`…`w:moveTo` open a paragraph mark's rPr.
const RPR: &[&[u8]] = &[
    b"w:ins",
    b"w:del",
    b"w:moveFrom",
    b"w:moveTo",
    b"w:rStyle",
    b"w:rFonts",
    b"w:b",
    b"w:bCs",
    b"w:i",
    b"w:iCs",
    b"w:caps",
    b"w:smallCaps",
    b"w:strike",
    b"w:dstrike",
    b"w:outline",
    b"w:shadow",
    b"w:emboss",
    b"w:imprint",
    b"w:noProof",
    b"w:snapToGrid",
    b"w:vanish",
    b"w:webHidden",
    b"w:color",
    b"w:spacing",
    b"w:w",
    b"w:kern",
    b"w:position",
    b"w:sz",
    b"w:szCs",
    b"w:highlight",
    b"w:u",
    b"w:effect",
    b"w:bdr",
    b"w:shd",
    b"w:fitText",
    b"w:vertAlign",
    b"w:rtl",
    b"w:cs",
    b"w:em",
    b"w:lang",
    b"w:eastAsianLayout",
    b"w:specVanish",
    b"w:oMath",
    b"w:rPrChange",
];

/// Header and footer references form one group at the start (any order among them).
const SECTPR: &[&[u8]] = &[
    b"w:headerReference|w:footerReference",
    b"w:footnotePr",
    b"w:endnotePr",
    b"w:type",
    b"w:pgSz",
    b"w:pgMar",
    b"w:paperSrc",
    b"w:pgBorders",
    b"w:lnNumType",
    b"w:pgNumType",
    b"w:cols",
    b"w:formProt",
    b"w:vAlign",
    b"w:noEndnote",
    b"w:titlePg",
    b"w:textDirection",
    b"w:bidi",
    b"w:rtlGutter",
    b"w:docGrid",
    b"w:printerSettings",
    b"w:sectPrChange",
];

const TBLPR: &[&[u8]] = &[
    b"w:tblStyle",
    b"w:tblpPr",
    b"w:tblOverlap",
    b"w:bidiVisual",
    b"w:tblStyleRowBandSize",
    b"w:tblStyleColBandSize",
    b"w:tblW",
    b"w:jc",
    b"w:tblCellSpacing",
    b"w:tblInd",
    b"w:tblBorders",
    b"w:shd",
    b"w:tblLayout",
    b"w:tblCellMar",
    b"w:tblLook",
    b"w:tblCaption",
    b"w:tblDescription",
    b"w:tblPrChange",
];

const TRPR: &[&[u8]] = &[
    b"w:cnfStyle",
    b"w:divId",
    b"w:gridBefore",
    b"w:gridAfter",
    b"w:wBefore",
    b"w:wAfter",
    b"w:cantSplit",
    b"w:trHeight",
    b"w:tblHeader",
    b"w:tblCellSpacing",
    b"w:jc",
    b"w:hidden",
    b"w:ins",
    b"w:del",
    b"w:trPrChange",
];

const TCPR: &[&[u8]] = &[
    b"w:cnfStyle",
    b"w:tcW",
    b"w:gridSpan",
    b"w:hMerge",
    b"w:vMerge",
    b"w:tcBorders",
    b"w:shd",
    b"w:noWrap",
    b"w:tcMar",
    b"w:textDirection",
    b"w:tcFitText",
    b"w:vAlign",
    b"w:hideMark",
    b"w:headers",
    b"w:cellIns",
    b"w:cellDel",
    b"w:cellMerge",
    b"w:tcPrChange",
];

const BORDERS: &[&[u8]] = &[
    b"w:top",
    b"w:left|w:start",
    b"w:bottom",
    b"w:right|w:end",
    b"w:insideH",
    b"w:insideV",
    b"w:tl2br",
    b"w:tr2bl",
];

const PBDR: &[&[u8]] = &[
    b"w:top",
    b"w:left",
    b"w:bottom",
    b"w:right",
    b"w:between",
    b"w:bar",
];

const MARGINS: &[&[u8]] = &[b"w:top", b"w:left|w:start", b"w:bottom", b"w:right|w:end"];

/// The schema order of the children of `name`, if it is a container we sort.
fn order_of(name: &[u8]) -> Option<&'static [&'static [u8]]> {
    Some(match name {
        b"w:pPr" => PPR,
        b"w:rPr" => RPR,
        b"w:sectPr" => SECTPR,
        b"w:tblPr" => TBLPR,
        b"w:trPr" => TRPR,
        b"w:tcPr" => TCPR,
        b"w:tblBorders" | b"w:tcBorders" => BORDERS,
        b"w:pBdr" => PBDR,
        b"w:tblCellMar" | b"w:tcMar" => MARGINS,
        _ => return None,
    })
}

fn rank(order: &[&[u8]], name: &[u8]) -> usize {
    order
        .iter()
        .position(|entry| entry.split(|b| *b == b'|').any(|alt| alt == name))
        .unwrap_or(order.len())
}

fn prefix(name: &[u8]) -> Option<&[u8]> {
    name.iter().position(|b| *b == b':').map(|i| &name[..i])
}

fn kept_prefix(p: &[u8]) -> bool {
    KEPT_PREFIXES.contains(&p)
}

struct Child<'i> {
    rank: usize,
    name: &'i [u8],
    xml: Vec<u8>,
}

struct Frame<'i> {
    name: &'i [u8],
    /// Children are collected and sorted in this order.
    order: Option<&'static [&'static [u8]]>,
    children: Vec<Child<'i>>,
    /// Written into a buffer of its own (its parent sorts its children).
    own_buffer: bool,
    /// Where its start tag begins in the current buffer.
    start: usize,
    /// Add `<w:tblHeader/>` (a `w:trPr` of a header row).
    table_header: bool,
}

/// What the pass carries from element to element.
struct State<'h> {
    /// See [`normalise`].
    first_page_header: Option<&'h str>,
    header_rows: &'h [usize],
    next: usize,
    /// (table index, rows seen) of the open tables.
    open: Vec<(usize, usize)>,
    /// The current row is a header row whose `w:trPr` has not been seen yet.
    pending_header: bool,
}

/// Post-processes one XML part; `header_rows[i]` is the number of header rows of the
/// i-th table (`w:tbl`) in document order; every section refers to the header part of
/// relationship id `first_page_header`, when given, for its first page.
pub(super) fn normalise(
    input: &[u8],
    header_rows: &[usize],
    first_page_header: Option<&str>,
) -> Result<Vec<u8>, DocxError> {
    let mut reader = Reader::from_reader(input);
    reader.config_mut().trim_text(false);
    let mut buffers: Vec<Vec<u8>> = vec![Vec::with_capacity(input.len())];
    let mut frames: Vec<Frame> = Vec::new();
    let mut state = State {
        first_page_header,
        header_rows,
        next: 0,
        open: Vec::new(),
        pending_header: false,
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| DocxError::Xml(format!("{e} (byte {})", reader.buffer_position())))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => start(input, &e, false, &mut buffers, &mut frames, &mut state)?,
            Event::Empty(e) => {
                let name = e.name().into_inner();
                let droppable =
                    matches!(name, b"w:rPr" | b"w:pPr") && e.attributes().next().is_none();
                if droppable {
                    continue;
                }
                start(input, &e, true, &mut buffers, &mut frames, &mut state)?;
            }
            Event::End(_) => end(&mut buffers, &mut frames, &mut state)?,
            Event::Text(t) => {
                let sorting = frames.last().is_some_and(|f| f.order.is_some());
                if sorting {
                    // Whitespace between property elements: not kept.
                    continue;
                }
                current(&mut buffers).extend_from_slice(&t);
            }
            Event::GeneralRef(r) => {
                let buf = current(&mut buffers);
                buf.push(b'&');
                buf.extend_from_slice(&r);
                buf.push(b';');
            }
            Event::CData(c) => {
                let buf = current(&mut buffers);
                buf.extend_from_slice(b"<![CDATA[");
                buf.extend_from_slice(&c);
                buf.extend_from_slice(b"]]>");
            }
            Event::Decl(d) => {
                let buf = current(&mut buffers);
                buf.extend_from_slice(b"<?");
                buf.extend_from_slice(&d);
                buf.extend_from_slice(b"?>");
            }
            Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if !frames.is_empty() || buffers.len() != 1 {
        return Err(DocxError::Xml("unbalanced XML from docx-rs".into()));
    }
    Ok(buffers.pop().unwrap_or_default())
}

fn current(buffers: &mut [Vec<u8>]) -> &mut Vec<u8> {
    buffers
        .last_mut()
        .expect("the output buffer is never popped")
}

/// `part` (a slice of an event) as a slice of the input, which the slice reader lends
/// for the input's whole lifetime.
fn in_input<'i>(input: &'i [u8], part: &[u8]) -> Result<&'i [u8], DocxError> {
    let offset = (part.as_ptr() as usize).wrapping_sub(input.as_ptr() as usize);
    input
        .get(offset..offset.wrapping_add(part.len()))
        .filter(|slice| slice.as_ptr() == part.as_ptr())
        .ok_or_else(|| DocxError::Xml("XML event outside its input".into()))
}

fn start<'i>(
    input: &'i [u8],
    e: &BytesStart<'_>,
    empty: bool,
    buffers: &mut Vec<Vec<u8>>,
    frames: &mut Vec<Frame<'i>>,
    state: &mut State,
) -> Result<(), DocxError> {
    let name = in_input(input, e.name().into_inner())?;
    if let Some(p) = prefix(name) {
        if !kept_prefix(p) {
            return Err(DocxError::Xml(format!(
                "unexpected element {}",
                String::from_utf8_lossy(name)
            )));
        }
    }
    let mut table_header = false;
    match name {
        b"w:tbl" => {
            state.open.push((state.next, 0));
            state.next += 1;
        }
        b"w:tr" => {
            if let Some((table, rows)) = state.open.last_mut() {
                state.pending_header = *rows < state.header_rows.get(*table).copied().unwrap_or(0);
                *rows += 1;
            }
        }
        b"w:trPr" => {
            table_header = std::mem::take(&mut state.pending_header);
        }
        _ => {
            if state.pending_header && frames.last().is_some_and(|f| f.name == b"w:tr") {
                // A header row without w:trPr: give it one.
                state.pending_header = false;
                write_child(
                    buffers,
                    frames,
                    b"w:trPr",
                    b"<w:trPr><w:tblHeader/></w:trPr>".to_vec(),
                );
            }
        }
    }
    let own_buffer = frames.last().is_some_and(|f| f.order.is_some());
    if own_buffer {
        buffers.push(Vec::new());
    }
    let buf = current(buffers);
    let start = buf.len();
    write_start_tag(buf, e, name);
    frames.push(Frame {
        name,
        order: order_of(name),
        children: Vec::new(),
        own_buffer,
        start,
        table_header,
    });
    if empty {
        let frame = frames.last().expect("just pushed");
        if frame.order.is_some() && needs_children(frame) {
            // `<w:trPr/>` of a header row, an empty `<w:sectPr/>`: expand.
            return end(buffers, frames, state);
        }
        let buf = current(buffers);
        buf.pop();
        buf.extend_from_slice(b"/>");
        let frame = frames.pop().expect("just pushed");
        finish(buffers, frames, frame, state);
    }
    Ok(())
}

/// Whether an empty container must be expanded for injected children.
fn needs_children(frame: &Frame) -> bool {
    frame.table_header || frame.name == b"w:sectPr"
}

fn write_start_tag(buf: &mut Vec<u8>, e: &BytesStart, name: &[u8]) {
    let drop_attr = |key: &[u8]| -> bool {
        if name == b"w:gridCol" && key == b"w:type" {
            return true;
        }
        if let Some(rest) = key.strip_prefix(b"xmlns:") {
            return !kept_prefix(rest);
        }
        match prefix(key) {
            Some(p) => !kept_prefix(p),
            None => false,
        }
    };
    let any_dropped = e
        .attributes()
        .with_checks(false)
        .flatten()
        .any(|a| drop_attr(a.key.into_inner()));
    buf.push(b'<');
    if !any_dropped {
        let raw: &[u8] = e;
        let end = raw
            .iter()
            .rposition(|b| !b.is_ascii_whitespace())
            .map_or(0, |i| i + 1);
        buf.extend_from_slice(&raw[..end]);
    } else {
        buf.extend_from_slice(name);
        for a in e.attributes().with_checks(false).flatten() {
            let key = a.key.into_inner();
            if drop_attr(key) {
                continue;
            }
            buf.push(b' ');
            buf.extend_from_slice(key);
            buf.extend_from_slice(b"=\"");
            for &b in a.value.iter() {
                if b == b'"' {
                    buf.extend_from_slice(b"&quot;");
                } else {
                    buf.push(b);
                }
            }
            buf.push(b'"');
        }
    }
    buf.push(b'>');
}

/// Adds a complete child element to the current container (sorted later) or writes it.
fn write_child<'i>(
    buffers: &mut [Vec<u8>],
    frames: &mut [Frame<'i>],
    name: &'i [u8],
    xml: Vec<u8>,
) {
    match frames.last_mut() {
        Some(f) if f.order.is_some() => {
            let rank = rank(f.order.unwrap_or_default(), name);
            f.children.push(Child { rank, name, xml });
        }
        _ => current(buffers).extend_from_slice(&xml),
    }
}

fn end<'i>(
    buffers: &mut Vec<Vec<u8>>,
    frames: &mut Vec<Frame<'i>>,
    state: &mut State,
) -> Result<(), DocxError> {
    let mut frame = frames
        .pop()
        .ok_or_else(|| DocxError::Xml("unbalanced XML from docx-rs".into()))?;
    if let Some(order) = frame.order {
        let has = |f: &Frame, n: &[u8]| f.children.iter().any(|c| c.name == n);
        let mut extra: Vec<(&'static [u8], String)> = Vec::new();
        match frame.name {
            b"w:trPr" if frame.table_header && !has(&frame, b"w:tblHeader") => {
                extra.push((b"w:tblHeader", "<w:tblHeader/>".into()));
            }
            b"w:sectPr" => {
                if !has(&frame, b"w:type") {
                    extra.push((b"w:type", r#"<w:type w:val="nextPage"/>"#.into()));
                }
                if let Some(id) = state.first_page_header {
                    extra.push((
                        b"w:headerReference",
                        format!(r#"<w:headerReference w:type="first" r:id="{id}"/>"#),
                    ));
                }
            }
            b"w:pPr" if has(&frame, b"w:sectPr") && !has(&frame, b"w:pStyle") => {
                extra.push((
                    b"w:pStyle",
                    format!(r#"<w:pStyle w:val="{SECTION_END_STYLE}"/>"#),
                ));
            }
            _ => {}
        }
        for (name, xml) in extra {
            frame.children.push(Child {
                rank: rank(order, name),
                name,
                xml: xml.into_bytes(),
            });
        }
        let droppable = matches!(frame.name, b"w:rPr" | b"w:pPr") && frame.children.is_empty();
        if droppable {
            let buf = current(buffers);
            let start_tag_len = buf.len() - frame.start;
            if start_tag_len == frame.name.len() + 2 {
                // `<w:rPr>` with no attributes and nothing inside: drop it.
                buf.truncate(frame.start);
                if frame.own_buffer {
                    buffers.pop();
                }
                return Ok(());
            }
        }
        frame.children.sort_by_key(|c| c.rank);
        let buf = current(buffers);
        for child in &frame.children {
            buf.extend_from_slice(&child.xml);
        }
    }
    let buf = current(buffers);
    buf.extend_from_slice(b"</");
    buf.extend_from_slice(frame.name);
    buf.push(b'>');
    finish(buffers, frames, frame, state);
    Ok(())
}

/// After an element's end tag: hand its buffer to the sorting parent; close tables.
fn finish<'i>(
    buffers: &mut Vec<Vec<u8>>,
    frames: &mut [Frame<'i>],
    frame: Frame<'i>,
    state: &mut State,
) {
    if frame.name == b"w:tbl" {
        state.open.pop();
    }
    if frame.name == b"w:tr" {
        state.pending_header = false;
    }
    if frame.own_buffer {
        let xml = buffers.pop().unwrap_or_default();
        if let Some(parent) = frames.last_mut() {
            let order = parent.order.unwrap_or_default();
            parent.children.push(Child {
                rank: rank(order, frame.name),
                name: frame.name,
                xml,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(xml: &str, header_rows: &[usize]) -> String {
        String::from_utf8(normalise(xml.as_bytes(), header_rows, None).unwrap()).unwrap()
    }

    #[test]
    fn properties_are_put_in_schema_order() {
        let got = run(
            r#"<w:p w14:paraId="00000001"><w:pPr><w:rPr /><w:jc w:val="both" /><w:ind w:firstLine="720" /><w:spacing w:after="120" /><w:keepNext /><w:pStyle w:val="X" /></w:pPr><w:r><w:rPr><w:sz w:val="28" /><w:b /><w:rFonts w:ascii="A" /></w:rPr><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p>"#,
            &[],
        );
        assert_eq!(
            got,
            r#"<w:p><w:pPr><w:pStyle w:val="X"/><w:keepNext/><w:spacing w:after="120"/><w:ind w:firstLine="720"/><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="A"/><w:b/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn extensions_are_removed() {
        let got = run(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="W" xmlns:w14="X" xmlns:mc="M" mc:Ignorable="w14"><w:body><w:tbl><w:tblGrid><w:gridCol w:w="100" w:type="dxa" /></w:tblGrid></w:tbl></w:body></w:document>"#,
            &[0],
        );
        assert_eq!(
            got,
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="W"><w:body><w:tbl><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid></w:tbl></w:body></w:document>"#
        );
    }

    #[test]
    fn header_rows_are_marked() {
        let table = r#"<w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr><w:tc/></w:tr><w:tr><w:trPr /><w:tc/></w:tr><w:tr><w:tc/></w:tr></w:tbl>"#;
        let got = run(&format!("<w:body>{table}{table}</w:body>"), &[0, 3]);
        let first = r#"<w:tbl><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc/></w:tr><w:tr><w:trPr/><w:tc/></w:tr><w:tr><w:tc/></w:tr></w:tbl>"#;
        let second = r#"<w:tbl><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr><w:tc/></w:tr><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc/></w:tr><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc/></w:tr></w:tbl>"#;
        assert_eq!(got, format!("<w:body>{first}{second}</w:body>"));
    }

    #[test]
    fn section_breaks_are_typed_and_styled() {
        let got = run(
            r#"<w:p><w:pPr><w:rPr /><w:sectPr><w:pgSz w:w="1" /><w:headerReference w:type="default" r:id="h" /><w:titlePg /></w:sectPr></w:pPr></w:p>"#,
            &[],
        );
        assert_eq!(
            got,
            r#"<w:p><w:pPr><w:pStyle w:val="KhSectionEnd"/><w:sectPr><w:headerReference w:type="default" r:id="h"/><w:type w:val="nextPage"/><w:pgSz w:w="1"/><w:titlePg/></w:sectPr></w:pPr></w:p>"#
        );
    }

    #[test]
    fn a_first_page_header_is_referred_to_by_every_section() {
        let xml = r#"<w:body><w:p><w:pPr><w:sectPr><w:pgSz w:w="1"/><w:headerReference w:type="default" r:id="h1"/><w:titlePg/></w:sectPr></w:pPr></w:p><w:sectPr><w:headerReference w:type="default" r:id="h2"/></w:sectPr></w:body>"#;
        let got =
            String::from_utf8(normalise(xml.as_bytes(), &[], Some("first")).unwrap()).unwrap();
        for default in ["h1", "h2"] {
            assert!(
                got.contains(&format!(
                    r#"<w:headerReference w:type="default" r:id="{default}"/><w:headerReference w:type="first" r:id="first"/><w:type w:val="nextPage"/>"#
                )),
                "{got}"
            );
        }
    }

    #[test]
    fn foreign_elements_are_refused() {
        assert!(normalise(b"<w:p><w14:x/></w:p>", &[], None).is_err());
    }
}
