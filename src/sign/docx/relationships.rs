//! Relationship parts (`_rels/*.rels`, ECMA-376 Part 2 §9.3): reading them, resolving
//! their targets to part names, and the relationship transform with which a signature
//! covers some of a part's relationships (Part 2 §13.2.4.24).

use roxmltree::Node;

use super::package::Package;
use super::{c14n, xml};
use crate::sign::SignError;

pub const NAMESPACE: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// One `Relationship` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    pub id: String,
    pub kind: String,
    pub target: String,
    /// `TargetMode` as written ("Internal" when absent, Part 2 §9.3.2.2).
    pub target_mode: Option<String>,
}

impl Relationship {
    /// The target is a URI outside the package, not a part.
    pub fn is_external(&self) -> bool {
        self.target_mode.as_deref() == Some("External")
    }
}

/// The `Relationship` elements of a relationship part, in document order.
pub fn parse(xml: &str) -> Result<Vec<Relationship>, String> {
    let doc = xml::parse(xml)?;
    let root = doc.root_element();
    if !root.has_tag_name((NAMESPACE, "Relationships")) {
        return Ok(Vec::new());
    }
    let attribute = |r: &Node, name| r.attribute(name).unwrap_or_default().to_owned();
    Ok(root
        .children()
        .filter(|n| n.has_tag_name((NAMESPACE, "Relationship")))
        .map(|r| Relationship {
            id: attribute(&r, "Id"),
            kind: attribute(&r, "Type"),
            target: attribute(&r, "Target"),
            target_mode: r.attribute("TargetMode").map(str::to_owned),
        })
        .collect())
}

/// The relationships of `source` ("/" for the package), none when it has no relationship
/// part.
pub fn of(package: &Package, source: &str) -> Result<Vec<Relationship>, SignError> {
    let name = part_of(source);
    match package.text(&name) {
        None => Ok(Vec::new()),
        Some(text) => {
            parse(text?).map_err(|e| SignError::MalformedDocument(format!("phần {name} hỏng: {e}")))
        }
    }
}

/// A relationship part without relationships, to add some to.
pub fn empty_part() -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{NAMESPACE}\"></Relationships>")
}

/// The relationships a signature covers in one relationship part: those with a listed
/// `SourceId` (`mdssi:RelationshipReference`) or `SourceType`
/// (`mdssi:RelationshipsGroupReference`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Selection {
    pub ids: Vec<String>,
    pub types: Vec<String>,
}

impl Selection {
    fn selects(&self, relationship: &Relationship) -> bool {
        self.ids.contains(&relationship.id) || self.types.contains(&relationship.kind)
    }
}

/// The relationship transform followed by C14N, as one signature reference digests a
/// relationship part: the selected `Relationship` elements only, sorted by `Id` (ordinal),
/// with only `Id`, `Type`, `Target` and `TargetMode` (added as "Internal" when absent),
/// in the relationships namespace without prefix, nothing else (Part 2 §13.2.4.24 steps
/// 2–9); then canonicalised (the C14N transform that must follow it).
pub fn transform(xml: &str, selection: &Selection) -> Result<String, String> {
    let mut selected: Vec<Relationship> = parse(xml)?
        .into_iter()
        .filter(|r| selection.selects(r))
        .collect();
    selected.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = format!("<Relationships xmlns=\"{NAMESPACE}\">");
    for relationship in &selected {
        out.push_str("<Relationship");
        let mode = relationship.target_mode.as_deref().unwrap_or("Internal");
        for (name, value) in [
            ("Id", relationship.id.as_str()),
            ("Type", &relationship.kind),
            ("Target", &relationship.target),
            ("TargetMode", mode),
        ] {
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            c14n::escape_attribute(value, &mut out);
            out.push('"');
        }
        out.push_str("/>");
    }
    out.push_str("</Relationships>");
    let transformed = xml::parse(&out)?;
    Ok(c14n::document(&transformed))
}

/// The relationship part of `source` ("/" for the package): `/word/document.xml` →
/// `/word/_rels/document.xml.rels`, `/` → `/_rels/.rels` (Part 2 §9.3.3).
pub fn part_of(source: &str) -> String {
    let (dir, file) = source.rsplit_once('/').unwrap_or(("", source));
    format!("{dir}/_rels/{file}.rels")
}

/// The part a relationship of `source` points to: `Target` resolved against the source's
/// folder (RFC 3986 §5.2, as Part 2 §9.3.4 asks), `.` and `..` removed.
pub fn resolve(source: &str, target: &str) -> String {
    let target = target.split(['#', '?']).next().unwrap_or_default();
    let joined = if target.starts_with('/') {
        target.to_owned()
    } else {
        let dir = source.rsplit_once('/').map_or("", |(dir, _)| dir);
        format!("{dir}/{target}")
    };
    let mut segments: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    format!("/{}", segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships" xmlns:x="urn:x"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
  <!-- note --><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship x:extra="1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml" Id="rId1"/><Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/?a=1&amp;b=2" TargetMode="External"/></Relationships>"#;

    #[test]
    fn transform_keeps_selected_relationships_sorted_with_target_mode() {
        let selection = Selection {
            ids: vec!["rId1".into(), "rId10".into()],
            types: vec![],
        };
        assert_eq!(
            transform(RELS, &selection).unwrap(),
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Target=\"word/document.xml\" TargetMode=\"Internal\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\"></Relationship>\
<Relationship Id=\"rId10\" Target=\"https://example.org/?a=1&amp;b=2\" TargetMode=\"External\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\"></Relationship>\
</Relationships>"
        );
    }

    #[test]
    fn transform_output_is_already_canonical() {
        let selection = Selection {
            ids: vec!["rId1".into(), "rId2".into()],
            types: vec![],
        };
        let out = transform(RELS, &selection).unwrap();
        assert_eq!(c14n::document(&xml::parse(&out).unwrap()), out);
    }

    #[test]
    fn transform_selects_by_type_too_and_ignores_unselected_changes() {
        let by_type = Selection {
            ids: vec![],
            types: vec![
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
                    .into(),
            ],
        };
        let out = transform(RELS, &by_type).unwrap();
        assert!(
            out.contains("Id=\"rId2\"") && !out.contains("rId1"),
            "{out}"
        );

        let rid1 = Selection {
            ids: vec!["rId1".into()],
            types: vec![],
        };
        let changed = RELS.replace("docProps/app.xml", "docProps/other.xml");
        assert_eq!(
            transform(RELS, &rid1).unwrap(),
            transform(&changed, &rid1).unwrap()
        );
        let retargeted = RELS.replace("word/document.xml", "word/evil.xml");
        assert_ne!(
            transform(RELS, &rid1).unwrap(),
            transform(&retargeted, &rid1).unwrap()
        );
    }

    #[test]
    fn parse_reads_every_relationship() {
        let all = parse(RELS).unwrap();
        assert_eq!(all.len(), 4);
        assert_eq!(all[2].id, "rId1");
        assert_eq!(all[2].target, "word/document.xml");
        assert!(all[3].is_external() && !all[2].is_external());
        assert!(parse("<Relationships/>").unwrap().is_empty());
        assert!(parse("not xml").is_err());
    }

    #[test]
    fn part_names_and_targets() {
        assert_eq!(part_of("/"), "/_rels/.rels");
        assert_eq!(
            part_of("/word/document.xml"),
            "/word/_rels/document.xml.rels"
        );
        assert_eq!(resolve("/", "word/document.xml"), "/word/document.xml");
        assert_eq!(
            resolve("/word/document.xml", "theme/theme1.xml"),
            "/word/theme/theme1.xml"
        );
        assert_eq!(
            resolve("/word/document.xml", "../customXml/item1.xml"),
            "/customXml/item1.xml"
        );
        assert_eq!(
            resolve("/_xmlsignatures/origin.sigs", "/_xmlsignatures/sig1.xml"),
            "/_xmlsignatures/sig1.xml"
        );
        assert_eq!(resolve("/", "../../x.xml#frag"), "/x.xml");
    }
}
