//! XML helpers: parsing with limits, and adding elements to an existing part (a
//! relationship or content-types part) without rewriting the rest of its bytes.

use roxmltree::{Document, ParsingOptions};

use super::c14n;

/// Deeper than any signature, relationship or content-types part nests, shallow enough
/// for roxmltree's recursive descent on a 2 MiB thread stack.
const MAX_DEPTH: usize = 512;

/// Parses `text`, refusing DTDs (OPC forbids them, ECMA-376 Part 2 §8.1.4), documents of
/// more nodes than any signature or relationship part has, and deeper nesting than
/// [`MAX_DEPTH`], so that a hostile part can exhaust neither memory nor the stack.
pub fn parse(text: &str) -> Result<Document<'_>, String> {
    if nesting_exceeds(text, MAX_DEPTH) {
        return Err(format!("các phần tử lồng nhau quá {MAX_DEPTH} cấp"));
    }
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: 2_000_000,
    };
    Document::parse_with_options(text, options).map_err(|e| e.to_string())
}

/// Whether elements nest deeper than `limit`, by a scan of the tags that skips comments,
/// CDATA sections, processing instructions and quoted attribute values.
fn nesting_exceeds(text: &str, limit: usize) -> bool {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        let rest = &bytes[i + offset..];
        let skip_past = |end: &[u8]| {
            rest.windows(end.len())
                .position(|w| w == end)
                .map_or(rest.len(), |p| p + end.len())
        };
        let consumed = if rest.starts_with(b"<!--") {
            skip_past(b"-->")
        } else if rest.starts_with(b"<![CDATA[") {
            skip_past(b"]]>")
        } else if rest.starts_with(b"<?") {
            skip_past(b"?>")
        } else if rest.starts_with(b"</") || rest.starts_with(b"<!") {
            depth = depth.saturating_sub(usize::from(rest[1] == b'/'));
            skip_past(b">")
        } else {
            let end = tag_end(rest);
            if rest[..end].ends_with(b"/>") {
                end
            } else {
                depth += 1;
                if depth > limit {
                    return true;
                }
                end
            }
        };
        i += offset + consumed.max(1);
    }
    false
}

/// The length of the start tag at the beginning of `tag`, `>` included, quotes honoured.
fn tag_end(tag: &[u8]) -> usize {
    let mut quote = None;
    for (i, &b) in tag.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    tag.len()
}

/// `xml` with empty elements named `local_name` (in the root's namespace, with the
/// root's prefix) appended as the root's last children, one per attribute list.
pub fn append_elements(
    xml: &str,
    local_name: &str,
    elements: &[Vec<(&str, &str)>],
) -> Result<String, String> {
    let doc = parse(xml)?;
    let root = doc.root_element();
    let root_name = c14n::element_qname(root);
    let prefix = root_name
        .rsplit_once(':')
        .map_or(String::new(), |(p, _)| format!("{p}:"));
    let mut children = String::new();
    for attributes in elements {
        children.push('<');
        children.push_str(&prefix);
        children.push_str(local_name);
        for (name, value) in attributes {
            children.push(' ');
            children.push_str(name);
            children.push_str("=\"");
            c14n::escape_attribute(value, &mut children);
            children.push('"');
        }
        children.push_str("/>");
    }
    let range = root.range();
    let element = &xml[range.clone()];
    let edited = if element.ends_with("/>") {
        format!(
            "{}>{children}</{root_name}>{}",
            &xml[..range.end - 2],
            &xml[range.end..]
        )
    } else {
        let close = xml[..range.end]
            .rfind("</")
            .ok_or_else(|| "thẻ đóng của phần tử gốc không tìm thấy".to_owned())?;
        format!("{}{children}{}", &xml[..close], &xml[close..])
    };
    Ok(edited)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_before_the_parser_recurses() {
        let deep = |depth: usize| format!("{}{}", "<a x='>'>".repeat(depth), "</a>".repeat(depth));
        assert!(parse(&deep(MAX_DEPTH)).is_ok());
        assert!(parse(&deep(MAX_DEPTH + 1))
            .unwrap_err()
            .contains("lồng nhau"));
        assert!(parse(&deep(1_000_000)).is_err());
        let flat = format!(
            "<r>{}<!-- <a><a> --><![CDATA[<a><a>]]><?p <a>?></r>",
            "<a/>".repeat(5000)
        );
        assert!(!nesting_exceeds(&flat, 2));
    }

    #[test]
    fn appends_before_the_closing_tag_and_keeps_the_rest() {
        let xml = "<?xml version=\"1.0\"?>\n<Types xmlns=\"urn:t\"><Default Extension=\"xml\"/></Types>\n";
        assert_eq!(
            append_elements(xml, "Override", &[vec![("PartName", "/a&b.xml"), ("ContentType", "t")]])
                .unwrap(),
            "<?xml version=\"1.0\"?>\n<Types xmlns=\"urn:t\"><Default Extension=\"xml\"/><Override PartName=\"/a&amp;b.xml\" ContentType=\"t\"/></Types>\n"
        );
    }

    #[test]
    fn opens_an_empty_root_and_keeps_its_prefix() {
        assert_eq!(
            append_elements(
                "<r:Relationships xmlns:r=\"urn:r\" />",
                "Relationship",
                &[vec![("Id", "rId1")]]
            )
            .unwrap(),
            "<r:Relationships xmlns:r=\"urn:r\" ><r:Relationship Id=\"rId1\"/></r:Relationships>"
        );
    }
}
