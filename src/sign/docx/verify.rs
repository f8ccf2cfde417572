//! Verifying the signatures of a package: finding the signature parts through the
//! origin part (ECMA-376 Part 2 §13.2.2), checking each, and naming what it leaves out.

use super::content_types::{self, ContentTypes};
use super::package::{equivalence_key, Package};
use super::relationships;
use super::sign::UNSIGNED_RELATIONSHIPS;
use super::uris::{ORIGIN_RELATIONSHIP, SIGNATURE_RELATIONSHIP};
use super::xmldsig;
use crate::sign::{
    vietnam_time, CertificateSummary, SignError, SignatureReport, SignatureStatus, VerifyReport,
};

pub fn verify(docx: &[u8]) -> Result<VerifyReport, SignError> {
    let package = Package::read(docx)?;
    let content_types = ContentTypes::read(&package)?;
    let layout = SignatureLayout::of(&package)?;
    if layout.signatures.is_empty() {
        return Err(SignError::NotSigned);
    }
    let checked: Vec<xmldsig::Checked> = layout
        .signatures
        .iter()
        .map(|name| check(&package, &content_types, name))
        .collect();
    let signatures = checked
        .iter()
        .map(|c| report(&package, &layout, c))
        .collect();
    Ok(VerifyReport {
        signatures,
        document_problem: added_after_signing(&package, &layout, &checked)?,
    })
}

/// Parts no signature covers that Word would have signed: they were added afterwards,
/// so the package is not as it was signed even when every signature holds.
fn added_after_signing(
    package: &Package,
    layout: &SignatureLayout,
    checked: &[xmldsig::Checked],
) -> Result<Option<String>, SignError> {
    let covered: std::collections::HashSet<String> = checked
        .iter()
        .flat_map(|c| c.covered.iter().map(|n| equivalence_key(n)))
        .collect();
    // What Word leaves out: the targets of the package's unsigned relationships.
    let unsigned: Vec<String> = relationships::of(package, "/")?
        .into_iter()
        .filter(|r| UNSIGNED_RELATIONSHIPS.contains(&r.kind.as_str()) && !r.is_external())
        .map(|r| equivalence_key(&relationships::resolve("/", &r.target)))
        .collect();
    let added: Vec<&str> = package
        .parts()
        .iter()
        .map(|p| p.name.as_str())
        .filter(|n| {
            let key = equivalence_key(n);
            !covered.contains(&key) && !unsigned.contains(&key) && !layout.is_signature_part(n)
        })
        .collect();
    Ok((!added.is_empty()).then(|| {
        format!(
            "có phần được thêm vào sau khi ký, không chữ ký nào bảo vệ: {}",
            added.join(", ")
        )
    }))
}

fn check(package: &Package, content_types: &ContentTypes, name: &str) -> xmldsig::Checked {
    match package.text(name) {
        Some(Ok(text)) => xmldsig::check(text, name, package, content_types),
        Some(Err(e)) => failed(e.to_string()),
        None => failed(format!("Phần chữ ký {name} bị thiếu")),
    }
}

fn report(
    package: &Package,
    layout: &SignatureLayout,
    checked: &xmldsig::Checked,
) -> SignatureReport {
    let status = if checked.problems.is_empty() {
        SignatureStatus::Valid
    } else {
        SignatureStatus::Broken(checked.problems.join("; "))
    };
    let covered: Vec<String> = checked.covered.iter().map(|n| equivalence_key(n)).collect();
    let uncovered: Vec<&str> = package
        .parts()
        .iter()
        .map(|p| p.name.as_str())
        .filter(|n| !covered.contains(&equivalence_key(n)) && !layout.is_signature_part(n))
        .collect();
    let mut notes = Vec::new();
    if !uncovered.is_empty() && status == SignatureStatus::Valid {
        notes.push(format!(
            "Chữ ký không bảo vệ các phần: {} (Word cũng không ký thuộc tính tài liệu docProps); chúng có thể đổi mà chữ ký vẫn hợp lệ",
            uncovered.join(", ")
        ));
    }
    SignatureReport {
        signer: checked.signer.as_ref().map(CertificateSummary::of),
        signing_time: checked.signing_time.map(vietnam_time),
        status,
        notes,
    }
}

fn failed(problem: String) -> xmldsig::Checked {
    xmldsig::Checked {
        problems: vec![problem],
        ..Default::default()
    }
}

/// Where the signatures are: the origin part the package relationship names, the
/// signature parts the origin's relationships name (Part 2 §13.2.2). A package whose
/// origin names none but that holds `_xmlsignatures/*.xml` parts is checked on those.
struct SignatureLayout {
    origin: Option<String>,
    signatures: Vec<String>,
}

impl SignatureLayout {
    fn of(package: &Package) -> Result<Self, SignError> {
        let origin = relationships::of(package, "/")?
            .into_iter()
            .find(|r| r.kind == ORIGIN_RELATIONSHIP && !r.is_external())
            .map(|r| relationships::resolve("/", &r.target));
        let mut signatures = match &origin {
            Some(origin) => relationships::of(package, origin)?
                .into_iter()
                .filter(|r| r.kind == SIGNATURE_RELATIONSHIP && !r.is_external())
                .map(|r| relationships::resolve(origin, &r.target))
                .collect(),
            None => Vec::new(),
        };
        if signatures.is_empty() {
            signatures = package
                .parts()
                .iter()
                .map(|p| p.name.clone())
                .filter(|n| {
                    let key = equivalence_key(n);
                    key.starts_with("/_xmlsignatures/")
                        && key.ends_with(".xml")
                        && !key.contains("/_rels/")
                })
                .collect();
        }
        signatures.sort_by_key(|n| (n.len(), n.clone()));
        signatures.dedup_by_key(|n| equivalence_key(n));
        Ok(SignatureLayout { origin, signatures })
    }

    /// The origin, its relationships and the signatures: parts no signature covers.
    fn is_signature_part(&self, name: &str) -> bool {
        let key = equivalence_key(name);
        let origin = self
            .origin
            .iter()
            .flat_map(|o| [o.clone(), relationships::part_of(o)]);
        key == equivalence_key(content_types::NAME)
            || origin
                .chain(self.signatures.iter().cloned())
                .any(|n| equivalence_key(&n) == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed_by_word() -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/reference/ooxml-signed/partial.docx");
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn a_part_added_after_signing_is_named_and_fails_verification() {
        let word = signed_by_word();
        let report = verify(&word).unwrap();
        assert!(report.is_valid(), "{report:?}");
        let added = super::super::package::rewrite(
            &word,
            &[("/word/them-sau.xml".into(), b"<x/>".to_vec())],
        )
        .unwrap();
        let report = verify(&added).unwrap();
        assert!(!report.is_valid());
        let problem = report.document_problem.unwrap();
        assert!(problem.contains("/word/them-sau.xml"), "{problem}");
    }
}
