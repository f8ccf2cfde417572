//! The package references of a signature's `Manifest` (ECMA-376 Part 2 §13.2.4.4): each
//! names a part (`/word/document.xml?ContentType=…`) and the digest of its bytes, or of
//! its selected relationships after the relationship transform.

use roxmltree::Node;

use super::content_types::ContentTypes;
use super::package::Package;
use super::relationships::{self, Selection};
use super::uris::{self, DSIG_NAMESPACE, MDSSI_NAMESPACE};
use super::xmldsig::digest_of;
use super::{c14n, xml};

/// Checks one manifest `Reference`: the part exists, has the content type the reference
/// states, and its digest is unchanged. Returns the part's name, and the problem found
/// (a Vietnamese sentence naming the part).
pub fn check_reference(
    reference: Node,
    package: &Package,
    content_types: &ContentTypes,
) -> (String, Option<String>) {
    let uri = reference.attribute("URI").unwrap_or_default();
    let (name, query) = uri.split_once('?').unwrap_or((uri, ""));
    let name = name.to_owned();
    let problem = check(reference, &name, query, package, content_types).err();
    (name, problem)
}

fn check(
    reference: Node,
    name: &str,
    query: &str,
    package: &Package,
    content_types: &ContentTypes,
) -> Result<(), String> {
    if !name.starts_with('/') {
        return Err(format!(
            "Tham chiếu \"{name}\" của chữ ký không phải tên một phần của văn bản"
        ));
    }
    let part = package
        .part(name)
        .ok_or_else(|| format!("Phần {name} đã bị xóa khỏi văn bản sau khi ký"))?;
    let stated_type = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("ContentType="));
    if let Some(stated) = stated_type {
        // Media types compare case-insensitively (RFC 6838 §4.2).
        if !content_types
            .of(name)
            .is_some_and(|actual| actual.eq_ignore_ascii_case(stated))
        {
            return Err(format!(
                "Kiểu nội dung của phần {name} đã bị thay đổi sau khi ký"
            ));
        }
    }
    let octets = transformed(reference, name, &part.data)?;
    let (algorithm, expected) = digest_of(reference)
        .ok_or_else(|| format!("Tham chiếu tới phần {name} thiếu thuật toán hoặc giá trị băm"))?;
    if algorithm.digest(&octets) != expected {
        return Err(format!("Phần {name} đã bị thay đổi sau khi ký"));
    }
    Ok(())
}

/// The octets a reference digests: the part's bytes through its `Transforms` (XML-DSig
/// §4.3.3.2), of which OPC allows the relationship transform and C14N (Part 2 §13.2.4.4).
fn transformed(reference: Node, name: &str, data: &[u8]) -> Result<Vec<u8>, String> {
    let mut octets = data.to_vec();
    for transform in transforms(reference) {
        let unreadable = |e: String| format!("Phần {name} không đọc được để kiểm tra: {e}");
        let text = std::str::from_utf8(octets.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&octets))
            .map_err(|e| unreadable(e.to_string()))?
            .to_owned();
        octets = match transform.attribute("Algorithm") {
            Some(uris::RELATIONSHIP_TRANSFORM) => {
                relationships::transform(&text, &selection(transform)).map_err(unreadable)?
            }
            Some(uris::C14N) => c14n::document(&xml::parse(&text).map_err(unreadable)?),
            other => {
                return Err(format!(
                    "Chữ ký dùng phép biến đổi không được hỗ trợ ({}) cho phần {name}",
                    other.unwrap_or("?")
                ))
            }
        }
        .into_bytes();
    }
    Ok(octets)
}

/// The `Transform` elements of a reference, in order.
pub fn transforms<'a>(reference: Node<'a, 'a>) -> impl Iterator<Item = Node<'a, 'a>> {
    reference
        .children()
        .filter(|n| n.has_tag_name((DSIG_NAMESPACE, "Transforms")))
        .flat_map(|t| t.children())
        .filter(|n| n.has_tag_name((DSIG_NAMESPACE, "Transform")))
}

/// The relationships a relationship transform selects (Part 2 §13.2.4.24).
fn selection(transform: Node) -> Selection {
    let values = |element: &str, attribute: &str| {
        transform
            .children()
            .filter(|n| n.has_tag_name((MDSSI_NAMESPACE, element)))
            .filter_map(|n| n.attribute(attribute).map(str::to_owned))
            .collect()
    };
    Selection {
        ids: values("RelationshipReference", "SourceId"),
        types: values("RelationshipsGroupReference", "SourceType"),
    }
}
