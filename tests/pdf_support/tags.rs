//! Reading a tagged PDF back with lopdf alone: the marked content of every page (text
//! through each font's `/ToUnicode`, `/ActualText` spans in place of their glyphs) and
//! the structure tree from `/StructTreeRoot`, walked in reading order.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// A structure element read back: its type, depth (the `Document` element is 0), the
/// text of the marked content it owns (in order), and its child elements' types.
#[derive(Debug, Clone)]
pub struct Elem {
    pub kind: String,
    pub depth: usize,
    pub text: String,
    pub children: Vec<String>,
}

/// What the pages' content streams hold, by marked content.
#[derive(Debug, Default)]
pub struct MarkedText {
    /// Text of each (page index, MCID).
    pub by_mcid: HashMap<(usize, i64), String>,
    /// Text inside `/Artifact` sequences.
    pub artifacts: Vec<String>,
    /// Text shown outside any marked content (a tagged PDF has none).
    pub unmarked: Vec<String>,
    /// `BDC`/`BMC` left open or `EMC` without an opening, per page index.
    pub unbalanced: Vec<usize>,
}

fn utf16_hex_pairs(hex: &str) -> String {
    let units: Vec<u16> = hex
        .as_bytes()
        .chunks(4)
        .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
        .collect();
    String::from_utf16_lossy(&units)
}

fn utf16_string(bytes: &[u8]) -> String {
    let body = bytes.strip_prefix(&[0xFE, 0xFF]).unwrap_or(bytes);
    let units: Vec<u16> = body
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// A `/ToUnicode` CMap's `bfchar` and `bfrange` entries: code → text.
fn parse_cmap(text: &str) -> HashMap<u16, String> {
    let mut map = HashMap::new();
    let hexes = |line: &str| -> Vec<String> {
        line.split('<')
            .skip(1)
            .filter_map(|s| s.split('>').next().map(str::to_owned))
            .collect()
    };
    let mut mode = "";
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            mode = "char";
        } else if line.ends_with("beginbfrange") {
            mode = "range";
        } else if line.starts_with("end") {
            mode = "";
        } else if mode == "char" {
            if let [code, dst] = hexes(line).as_slice() {
                if let Ok(code) = u16::from_str_radix(code, 16) {
                    map.insert(code, utf16_hex_pairs(dst));
                }
            }
        } else if mode == "range" {
            if let [lo, hi, dst] = hexes(line).as_slice() {
                let (Ok(lo), Ok(hi), Ok(first)) = (
                    u16::from_str_radix(lo, 16),
                    u16::from_str_radix(hi, 16),
                    u32::from_str_radix(dst, 16),
                ) else {
                    continue;
                };
                for (k, code) in (lo..=hi).enumerate() {
                    if let Some(c) = char::from_u32(first + k as u32) {
                        map.insert(code, c.to_string());
                    }
                }
            }
        }
    }
    map
}

fn resolve<'a>(pdf: &'a Document, obj: &'a Object) -> &'a Object {
    match obj {
        Object::Reference(id) => pdf.get_object(*id).unwrap(),
        o => o,
    }
}

/// Each font resource of `page` → its ToUnicode map.
fn page_fonts(pdf: &Document, page: ObjectId) -> HashMap<Vec<u8>, HashMap<u16, String>> {
    let mut out = HashMap::new();
    let page_dict = pdf.get_dictionary(page).unwrap();
    let resources = resolve(pdf, page_dict.get(b"Resources").unwrap())
        .as_dict()
        .unwrap();
    let Ok(fonts) = resources.get(b"Font") else {
        return out;
    };
    for (name, font) in resolve(pdf, fonts).as_dict().unwrap().iter() {
        let font = resolve(pdf, font).as_dict().unwrap();
        let map = font
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| o.as_reference().ok())
            .and_then(|id| pdf.get_object(id).ok())
            .and_then(|o| o.as_stream().ok())
            .map(|s| {
                let bytes = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                parse_cmap(&String::from_utf8_lossy(&bytes))
            })
            .unwrap_or_default();
        out.insert(name.clone(), map);
    }
    out
}

/// One open marked-content sequence.
struct Open {
    mcid: Option<i64>,
    artifact: bool,
    /// Inside an `/ActualText` span: its glyphs are not read.
    actual_text: bool,
}

/// Reads the marked content of every page.
pub fn marked_text(pdf: &Document) -> MarkedText {
    let mut out = MarkedText::default();
    for (index, (_, page)) in pdf.get_pages().into_iter().enumerate() {
        let fonts = page_fonts(pdf, page);
        let content = Content::decode(&pdf.get_page_content(page)).unwrap();
        let mut stack: Vec<Open> = Vec::new();
        let mut font: Option<&HashMap<u16, String>> = None;
        let mut balanced = true;
        for op in &content.operations {
            let shown: Option<String> = match op.operator.as_str() {
                "BDC" | "BMC" => {
                    let tag = op.operands.first().and_then(|o| o.as_name().ok());
                    let props = op.operands.get(1).and_then(|o| match o {
                        Object::Dictionary(d) => Some(d.clone()),
                        _ => None,
                    });
                    let get = |k: &[u8]| props.as_ref().and_then(|d: &Dictionary| d.get(k).ok());
                    let actual = get(b"ActualText").and_then(|o| o.as_str().ok());
                    stack.push(Open {
                        mcid: get(b"MCID").and_then(|o| o.as_i64().ok()),
                        artifact: tag == Some(b"Artifact".as_slice()),
                        actual_text: actual.is_some(),
                    });
                    actual.map(utf16_string)
                }
                "EMC" => {
                    balanced &= stack.pop().is_some();
                    None
                }
                "Tf" => {
                    let name = op.operands[0].as_name().unwrap();
                    font = fonts.get(name);
                    None
                }
                "TJ" | "Tj" if !stack.iter().any(|o| o.actual_text) => {
                    let strings: Vec<&[u8]> = match op.operator.as_str() {
                        "TJ" => op.operands[0]
                            .as_array()
                            .unwrap()
                            .iter()
                            .filter_map(|o| o.as_str().ok())
                            .collect(),
                        _ => vec![op.operands[0].as_str().unwrap()],
                    };
                    let map = font.expect("a font is set before text");
                    Some(
                        strings
                            .iter()
                            .flat_map(|s| s.chunks(2))
                            .map(|c| {
                                let code = u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]);
                                map.get(&code).cloned().unwrap_or_default()
                            })
                            .collect(),
                    )
                }
                _ => None,
            };
            let Some(text) = shown else { continue };
            if stack.iter().any(|o| o.artifact) {
                out.artifacts.push(text);
            } else if let Some(mcid) = stack.iter().rev().find_map(|o| o.mcid) {
                out.by_mcid
                    .entry((index, mcid))
                    .or_default()
                    .push_str(&text);
            } else {
                out.unmarked.push(text);
            }
        }
        if !balanced || !stack.is_empty() {
            out.unbalanced.push(index);
        }
    }
    out
}

/// The structure tree in reading order (depth first), each element with the text of the
/// marked content it owns directly.
pub fn structure(pdf: &Document) -> Vec<Elem> {
    let pages: HashMap<ObjectId, usize> = pdf
        .get_pages()
        .into_values()
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    let marked = marked_text(pdf);
    let root = pdf
        .catalog()
        .unwrap()
        .get(b"StructTreeRoot")
        .expect("/StructTreeRoot")
        .as_reference()
        .unwrap();
    let root = pdf.get_dictionary(root).unwrap();
    let mut out = Vec::new();
    fn kids(obj: &Object) -> Vec<Object> {
        match obj {
            Object::Array(a) => a.clone(),
            o => vec![o.clone()],
        }
    }
    fn walk(
        pdf: &Document,
        elem: &Dictionary,
        depth: usize,
        pages: &HashMap<ObjectId, usize>,
        marked: &MarkedText,
        out: &mut Vec<Elem>,
    ) {
        let page = elem
            .get(b"Pg")
            .ok()
            .and_then(|o| o.as_reference().ok())
            .and_then(|id| pages.get(&id).copied());
        let at = out.len();
        out.push(Elem {
            kind: String::from_utf8_lossy(elem.get(b"S").unwrap().as_name().unwrap()).into(),
            depth,
            text: String::new(),
            children: Vec::new(),
        });
        for kid in kids(elem.get(b"K").unwrap_or(&Object::Array(Vec::new()))) {
            match kid {
                Object::Integer(mcid) => {
                    let text = marked
                        .by_mcid
                        .get(&(page.expect("/Pg for an MCID"), mcid))
                        .cloned()
                        .unwrap_or_default();
                    out[at].text.push_str(&text);
                }
                Object::Reference(id) => {
                    let child = pdf.get_dictionary(id).unwrap();
                    let s = child.get(b"S").unwrap().as_name().unwrap();
                    out[at].children.push(String::from_utf8_lossy(s).into());
                    walk(pdf, child, depth + 1, pages, marked, out);
                }
                Object::Dictionary(mcr) => {
                    let pg = mcr.get(b"Pg").unwrap().as_reference().unwrap();
                    let mcid = mcr.get(b"MCID").unwrap().as_i64().unwrap();
                    let text = marked
                        .by_mcid
                        .get(&(pages[&pg], mcid))
                        .cloned()
                        .unwrap_or_default();
                    out[at].text.push_str(&text);
                }
                other => panic!("unexpected structure kid {other:?}"),
            }
        }
    }
    for kid in kids(root.get(b"K").unwrap()) {
        let id = kid.as_reference().unwrap();
        walk(
            pdf,
            pdf.get_dictionary(id).unwrap(),
            0,
            &pages,
            &marked,
            &mut out,
        );
    }
    out
}
