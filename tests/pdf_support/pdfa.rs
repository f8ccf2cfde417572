//! The PDF/A-2b rules (ISO 19005-2) that apply to our files, checked one by one: no
//! PDF/A validator installs from our package registries (veraPDF is a Java download),
//! so each rule our writer or signer could break is named and tested here.

use lopdf::{Dictionary, Document, Object};

/// Every violated rule, as "clause: what is wrong"; empty when the file conforms.
pub fn pdfa2b_violations(bytes: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut fail = |rule: &str, what: String| out.push(format!("{rule}: {what}"));
    // 6.1.2 File header: %PDF-1.n, then a comment of at least four bytes ≥ 128.
    let second = bytes.split(|b| *b == b'\n').nth(1).unwrap_or_default();
    if !bytes.starts_with(b"%PDF-1.")
        || !second.starts_with(b"%")
        || second.iter().skip(1).take(4).filter(|b| **b >= 128).count() < 4
    {
        fail(
            "6.1.2 file header",
            "no binary comment after %PDF-1.n".into(),
        );
    }
    let doc = match Document::load_mem(bytes) {
        Ok(d) => d,
        Err(e) => {
            fail("parse", e.to_string());
            return out;
        }
    };
    // 6.1.3 File trailer: an /ID, no encryption.
    match doc.trailer.get(b"ID").and_then(Object::as_array) {
        Ok(id) if id.len() == 2 => {}
        _ => fail("6.1.3 trailer", "no /ID of two strings".into()),
    }
    if doc.trailer.has(b"Encrypt") {
        fail("6.1.3 trailer", "/Encrypt".into());
    }
    let catalog = doc.catalog().expect("catalog").clone();
    for (id, object) in &doc.objects {
        // 6.1.7.1 Streams: no external files, no LZW.
        if let Object::Stream(s) = object {
            for key in ["F", "FFilter", "FDecodeParms"] {
                if s.dict.has(key.as_bytes()) {
                    fail("6.1.7.1 stream", format!("{id:?} has /{key}"));
                }
            }
            if s.filters()
                .is_ok_and(|f| f.iter().any(|f| f == b"LZWDecode"))
            {
                fail("6.1.7.2 filters", format!("{id:?} uses LZWDecode"));
            }
        }
        let Some(dict) = object
            .as_dict()
            .ok()
            .or_else(|| object.as_stream().ok().map(|s| &s.dict))
        else {
            continue;
        };
        // 6.1.10 Actions: no JavaScript, no additional actions on the catalog or pages.
        if dict
            .get(b"S")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"JavaScript")
            || dict.has(b"JS")
        {
            fail("6.1.10 actions", format!("{id:?} is JavaScript"));
        }
        let is = |t: &[u8]| {
            dict.get(b"Type")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == t)
        };
        if (is(b"Catalog") || is(b"Page")) && dict.has(b"AA") {
            fail("6.1.10 actions", format!("{id:?} has /AA"));
        }
        // 6.2.11.4 Fonts are embedded; 6.2.11.3.2 CIDFontType2 has /CIDToGIDMap;
        // ToUnicode for text extraction (6.2.11.7.2, level U).
        if is(b"FontDescriptor")
            && !["FontFile", "FontFile2", "FontFile3"]
                .iter()
                .any(|k| dict.has(k.as_bytes()))
        {
            fail(
                "6.2.11.4.1 embedded fonts",
                format!("{id:?} has no font program"),
            );
        }
        if is(b"Font") {
            let subtype = dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .unwrap_or_default();
            if subtype == b"CIDFontType2" && !dict.has(b"CIDToGIDMap") {
                fail("6.2.11.3.2 CIDToGIDMap", format!("{id:?}"));
            }
            if subtype == b"Type0" && !dict.has(b"ToUnicode") {
                fail("6.2.11.7.2 ToUnicode", format!("{id:?}"));
            }
        }
        // 6.2.8 Images: no interpolation, alternates or OPI; 6.2.9 no PostScript.
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or_default();
        if subtype == b"Image"
            && (dict
                .get(b"Interpolate")
                .and_then(Object::as_bool)
                .unwrap_or(false)
                || dict.has(b"Alternates")
                || dict.has(b"OPI"))
        {
            fail("6.2.8 images", format!("{id:?}"));
        }
        if subtype == b"PS" || dict.has(b"PS") {
            fail("6.2.9 PostScript XObjects", format!("{id:?}"));
        }
        // 6.3.2 Annotations: printed, not hidden; 6.3.3 an appearance with /N only.
        if is(b"Annot") {
            let flags = dict.get(b"F").and_then(Object::as_i64).unwrap_or(0);
            if flags & 4 == 0 || flags & (1 | 2 | 32) != 0 {
                fail("6.3.2 annotation flags", format!("{id:?} /F {flags}"));
            }
            let ap = dict.get(b"AP").ok().and_then(|o| deref_dict(&doc, o));
            match ap {
                Some(ap) if ap.len() == 1 && ap.has(b"N") => {}
                _ => fail("6.3.3 annotation appearance", format!("{id:?}")),
            }
        }
    }
    // 6.2.3 Output intent: one GTS_PDFA1 with an RGB ICC profile (our colours are RGB).
    let intents: Vec<Dictionary> = catalog
        .get(b"OutputIntents")
        .and_then(|o| deref_array(&doc, o))
        .unwrap_or_default()
        .iter()
        .filter_map(|o| deref_dict(&doc, o))
        .collect();
    let pdfa: Vec<&Dictionary> = intents
        .iter()
        .filter(|i| {
            i.get(b"S")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"GTS_PDFA1")
        })
        .collect();
    match pdfa.as_slice() {
        [intent] => {
            let profile = intent
                .get(b"DestOutputProfile")
                .and_then(Object::as_reference)
                .ok()
                .and_then(|r| doc.get_object(r).ok())
                .and_then(|o| o.as_stream().ok());
            match profile {
                Some(s) => {
                    let icc = s
                        .decompressed_content()
                        .unwrap_or_else(|_| s.content.clone());
                    let n = s.dict.get(b"N").and_then(Object::as_i64).unwrap_or(0);
                    if n != 3
                        || icc.get(16..20) != Some(b"RGB ")
                        || icc.get(8).is_none_or(|v| *v > 4)
                    {
                        fail(
                            "6.2.3 output intent",
                            "profile is not an ICC v2–v4 RGB profile".into(),
                        );
                    }
                }
                None => fail("6.2.3 output intent", "no DestOutputProfile stream".into()),
            }
        }
        _ => fail(
            "6.2.3 output intent",
            format!("{} GTS_PDFA1 intents", pdfa.len()),
        ),
    }
    // 6.6.2.1 Metadata: an unfiltered XMP stream with the PDF/A identification.
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| deref_dict(&doc, o))
        .unwrap_or_default();
    if info.has(b"GTS_PDFXVersion") || intents.len() != pdfa.len() {
        fail("PDF/X", "PDF/X keys or intents in a PDF/A file".into());
    }
    let xmp = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .ok()
        .and_then(|r| doc.get_object(r).ok())
        .and_then(|o| o.as_stream().ok());
    let Some(xmp) = xmp else {
        fail("6.6.2.1 metadata", "no XMP metadata stream".into());
        return out;
    };
    if xmp.dict.has(b"Filter") {
        fail("6.6.2.1 metadata", "the XMP stream is filtered".into());
    }
    let xmp = String::from_utf8_lossy(&xmp.content).into_owned();
    for tag in ["<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>"] {
        if !xmp.contains(tag) {
            fail("6.6.4 PDF/A identification", format!("no {tag}"));
        }
    }
    // 6.6.2.3.1 The information dictionary and the XMP say the same.
    for (key, tag) in [
        ("Title", "dc:title"),
        ("Author", "dc:creator"),
        ("Subject", "dc:description"),
        ("Keywords", "pdf:Keywords"),
        ("Creator", "xmp:CreatorTool"),
        ("Producer", "pdf:Producer"),
    ] {
        if let Some(value) = info.get(key.as_bytes()).ok().and_then(text) {
            let escaped = quick_xml_escape(&value);
            if !xmp.contains(&format!(">{escaped}</")) || !xmp.contains(tag) {
                fail(
                    "6.6.2.3.1 info and XMP",
                    format!("/{key} {value:?} not in {tag}"),
                );
            }
        }
    }
    for (key, tag) in [
        ("CreationDate", "xmp:CreateDate"),
        ("ModDate", "xmp:ModifyDate"),
    ] {
        if let Some(d) = info.get(key.as_bytes()).ok().and_then(text) {
            // D:YYYYMMDDHHmmSS+HH'mm' ↔ YYYY-MM-DDTHH:mm:SS+HH:mm
            let iso = format!(
                "{}-{}-{}T{}:{}:{}{}:{}",
                &d[2..6],
                &d[6..8],
                &d[8..10],
                &d[10..12],
                &d[12..14],
                &d[14..16],
                &d[16..19],
                &d[20..22]
            );
            if !xmp.contains(&format!("<{tag}>{iso}</{tag}>")) {
                fail("6.6.2.3.1 info and XMP", format!("/{key} {d} ≠ {tag}"));
            }
        }
    }
    out
}

fn quick_xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn deref_dict(doc: &Document, o: &Object) -> Option<Dictionary> {
    match o {
        Object::Reference(r) => doc.get_dictionary(*r).ok().cloned(),
        Object::Dictionary(d) => Some(d.clone()),
        _ => None,
    }
}

fn deref_array(doc: &Document, o: &Object) -> Result<Vec<Object>, lopdf::Error> {
    match o {
        Object::Reference(r) => doc.get_object(*r)?.as_array().cloned(),
        other => other.as_array().cloned(),
    }
}

/// A text string's value (UTF-16BE with BOM, or PDFDocEncoding taken as Latin-1).
fn text(o: &Object) -> Option<String> {
    let bytes = o.as_str().ok()?;
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16(&units).ok()
    } else {
        Some(bytes.iter().map(|b| char::from(*b)).collect())
    }
}
