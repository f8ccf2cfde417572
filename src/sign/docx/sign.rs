//! Signing a package: choosing the parts to sign as Word does, writing the signature part
//! and linking it through the origin part (ECMA-376 Part 2 §13.2), with every other part
//! carried over unchanged and earlier signatures left valid.

use std::collections::HashSet;

use super::content_types::{self, ContentTypes};
use super::package::{self, equivalence_key, Package};
use super::relationships::{self, Relationship, Selection};
use super::uris::{
    ORIGIN_CONTENT_TYPE, ORIGIN_RELATIONSHIP, SIGNATURE_CONTENT_TYPE, SIGNATURE_RELATIONSHIP,
};
use super::write::{self, Details, SignedPart};
use super::{xml, DocxSignOptions};
use crate::sign::{DigestAlgorithm, SignError, Signer};

/// Where a new origin part goes, as Word names it.
const DEFAULT_ORIGIN: &str = "/_xmlsignatures/origin.sigs";

/// `SignatureComments` is at most 255 characters (MS-OFFCRYPTO §2.5.2.5).
const MAX_PURPOSE_CHARS: usize = 255;

/// Relationship types whose targets Word leaves out of its signature: the document
/// properties, which Office rewrites when it merely saves (so Word 2016 signs neither
/// docProps/core.xml nor app.xml, see `partial.docx`'s manifest), the thumbnail, and the
/// signature parts themselves (a later signature must not break an earlier one). Every
/// other relationship reachable from the package is signed, with its target part.
pub(super) const UNSIGNED_RELATIONSHIPS: &[&str] = &[
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
    ORIGIN_RELATIONSHIP,
    SIGNATURE_RELATIONSHIP,
    "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/certificate",
];

pub fn sign(
    docx: &[u8],
    signer: &dyn Signer,
    options: &DocxSignOptions,
) -> Result<Vec<u8>, SignError> {
    let purpose = options.purpose.as_deref().filter(|p| !p.is_empty());
    if purpose.is_some_and(|p| p.chars().count() > MAX_PURPOSE_CHARS) {
        return Err(SignError::Signing(format!(
            "mục đích ký dài quá {MAX_PURPOSE_CHARS} ký tự"
        )));
    }
    let package = Package::read(docx)?;
    let content_types = ContentTypes::read(&package)?;
    let parts = signed_parts(&package, &content_types)?;
    let details = Details {
        signing_time: options.signing_time,
        purpose,
    };
    let signature = write::signature_xml(&parts, signer, &details)?;
    let changes = linked_signature(&package, &content_types, signature.into_bytes())?;
    package::rewrite(docx, &changes)
}

/// The parts to sign, sorted by name as Word lists them: from the package relationships
/// down, every relationship not in [`UNSIGNED_RELATIONSHIPS`] (in its relationship part,
/// through the relationship transform) and the part it targets (raw bytes).
fn signed_parts(
    package: &Package,
    content_types: &ContentTypes,
) -> Result<Vec<SignedPart>, SignError> {
    let mut parts = Vec::new();
    let mut sources = vec!["/".to_owned()];
    let mut seen = HashSet::from([equivalence_key("/")]);
    while let Some(source) = sources.pop() {
        let signed: Vec<Relationship> = relationships::of(package, &source)?
            .into_iter()
            .filter(|r| !UNSIGNED_RELATIONSHIPS.contains(&r.kind.as_str()))
            .collect();
        if signed.is_empty() {
            continue;
        }
        let rels_name = relationships::part_of(&source);
        let selection = Selection {
            ids: signed.iter().map(|r| r.id.clone()).collect(),
            types: Vec::new(),
        };
        let rels_text = package.text(&rels_name).transpose()?.unwrap_or_default();
        let canonical = relationships::transform(rels_text, &selection)
            .map_err(|e| malformed(&rels_name, e))?;
        parts.push(signed_part(
            &rels_name,
            content_types,
            Some(selection.ids),
            canonical.as_bytes(),
        )?);
        for relationship in signed.iter().filter(|r| !r.is_external()) {
            let target = relationships::resolve(&source, &relationship.target);
            let Some(part) = package.part(&target) else {
                continue;
            };
            if seen.insert(equivalence_key(&part.name)) {
                parts.push(signed_part(&part.name, content_types, None, &part.data)?);
                sources.push(part.name.clone());
            }
        }
    }
    parts.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(parts)
}

fn signed_part(
    name: &str,
    content_types: &ContentTypes,
    relationship_ids: Option<Vec<String>>,
    digested: &[u8],
) -> Result<SignedPart, SignError> {
    let content_type = content_types.of(name).ok_or_else(|| {
        SignError::MalformedDocument(format!("phần {name} không có kiểu nội dung"))
    })?;
    Ok(SignedPart {
        name: name.to_owned(),
        content_type: content_type.to_owned(),
        relationship_ids,
        digest: DigestAlgorithm::Sha256.digest(digested),
    })
}

/// The parts to write so that `signature` is found: the signature part `sigN.xml` (the
/// first free N) beside the origin, the origin part and its relationship from the package
/// when absent, the origin's relationship to the signature, and the content types of the
/// new parts (Part 2 §13.2.2).
fn linked_signature(
    package: &Package,
    content_types: &ContentTypes,
    signature: Vec<u8>,
) -> Result<Vec<(String, Vec<u8>)>, SignError> {
    let mut changes = Vec::new();
    let existing_origin = relationships::of(package, "/")?
        .into_iter()
        .find(|r| r.kind == ORIGIN_RELATIONSHIP && !r.is_external())
        .map(|r| relationships::resolve("/", &r.target));
    let origin = match existing_origin {
        Some(origin) => origin,
        None => {
            let target = DEFAULT_ORIGIN.trim_start_matches('/');
            changes.push(add_relationship(package, "/", ORIGIN_RELATIONSHIP, target)?);
            DEFAULT_ORIGIN.to_owned()
        }
    };
    if package.part(&origin).is_none() {
        changes.push((origin.clone(), Vec::new()));
    }
    let folder = origin.rsplit_once('/').map_or("", |(folder, _)| folder);
    let file = (1..)
        .map(|n| format!("sig{n}.xml"))
        .find(|file| package.part(&format!("{folder}/{file}")).is_none())
        .unwrap_or_default();
    let signature_name = format!("{folder}/{file}");
    changes.push(add_relationship(
        package,
        &origin,
        SIGNATURE_RELATIONSHIP,
        &file,
    )?);
    changes.push(declare_content_types(
        package,
        content_types,
        &origin,
        &signature_name,
    )?);
    changes.push((signature_name, signature));
    Ok(changes)
}

/// The relationship part of `source` with one more relationship (the first free
/// `rIdN`), created when `source` has none.
fn add_relationship(
    package: &Package,
    source: &str,
    kind: &str,
    target: &str,
) -> Result<(String, Vec<u8>), SignError> {
    let name = relationships::part_of(source);
    let id = free_id(&relationships::of(package, source)?);
    let existing = package.text(&name).transpose()?;
    let empty = relationships::empty_part();
    let attributes = vec![("Id", id.as_str()), ("Type", kind), ("Target", target)];
    let edited = xml::append_elements(existing.unwrap_or(&empty), "Relationship", &[attributes])
        .map_err(|e| malformed(&name, e))?;
    Ok((name, edited.into_bytes()))
}

/// `[Content_Types].xml` with the types of the origin (by its extension, as Word does,
/// when no type covers it yet) and of the signature part.
fn declare_content_types(
    package: &Package,
    content_types: &ContentTypes,
    origin: &str,
    signature: &str,
) -> Result<(String, Vec<u8>), SignError> {
    let mut defaults = Vec::new();
    let mut overrides = Vec::new();
    if content_types.of(origin).is_none() {
        match content_types::extension(origin) {
            Some(extension) if content_types.default_for(extension).is_none() => {
                defaults.push(vec![
                    ("Extension", extension),
                    ("ContentType", ORIGIN_CONTENT_TYPE),
                ])
            }
            _ => overrides.push(vec![
                ("PartName", origin),
                ("ContentType", ORIGIN_CONTENT_TYPE),
            ]),
        }
    }
    overrides.push(vec![
        ("PartName", signature),
        ("ContentType", SIGNATURE_CONTENT_TYPE),
    ]);
    let name = content_types::NAME;
    let text = package.text(name).ok_or(SignError::UnknownFormat)??;
    let edited = xml::append_elements(text, "Default", &defaults)
        .and_then(|t| xml::append_elements(&t, "Override", &overrides))
        .map_err(|e| malformed(name, e))?;
    Ok((name.to_owned(), edited.into_bytes()))
}

/// The first `rIdN` no relationship of the part uses.
fn free_id(relationships: &[Relationship]) -> String {
    (1..)
        .map(|n| format!("rId{n}"))
        .find(|id| relationships.iter().all(|r| r.id != *id))
        .unwrap_or_default()
}

fn malformed(name: &str, detail: String) -> SignError {
    SignError::MalformedDocument(format!("phần {name} hỏng: {detail}"))
}
