//! One signature part checked: XML-DSig core validation (XML-DSig §3.2: the
//! `SignatureValue` over the canonical `SignedInfo` with the certificate's key, then each
//! `Reference`'s digest), then the OPC package object's manifest, the XAdES signing
//! certificate and the claimed signing time.

use base64::Engine;
use chrono::{DateTime, NaiveDateTime, Utc};
use der::{Decode, Encode};
use roxmltree::{Document, Node};
use rsa::{BigUint, RsaPublicKey};
use std::collections::HashMap;
use x509_cert::Certificate;

use super::content_types::ContentTypes;
use super::manifest::{self, transforms};
use super::package::Package;
use super::uris::{self, DSIG_NAMESPACE, MDSSI_NAMESPACE, XADES_NAMESPACE};
use super::{c14n, xml};
use crate::sign::{DigestAlgorithm, PublicKey};

/// What checking one signature part found.
#[derive(Default)]
pub struct Checked {
    /// The certificate whose key made the signature (or, when none did, the first one
    /// the signature carries).
    pub signer: Option<Certificate>,
    pub signing_time: Option<DateTime<Utc>>,
    /// The parts the signature's manifest names.
    pub covered: Vec<String>,
    /// Why the signature is broken, one Vietnamese sentence each; empty when valid.
    pub problems: Vec<String>,
}

/// Checks the signature in `text`, the content of the part `name`.
pub fn check(text: &str, name: &str, package: &Package, content_types: &ContentTypes) -> Checked {
    let mut checked = Checked::default();
    match xml::parse(text) {
        Ok(doc) => check_signature(&doc, name, package, content_types, &mut checked),
        Err(e) => checked
            .problems
            .push(format!("Phần chữ ký {name} không phải XML hợp lệ: {e}")),
    }
    checked
}

fn check_signature(
    doc: &Document,
    name: &str,
    package: &Package,
    content_types: &ContentTypes,
    checked: &mut Checked,
) {
    let problems = &mut checked.problems;
    let signature = doc.root_element();
    if !signature.has_tag_name((DSIG_NAMESPACE, "Signature")) {
        problems.push(format!("Phần {name} không chứa chữ ký XML (Signature)"));
        return;
    }
    let ids = match elements_by_id(doc) {
        Ok(ids) => ids,
        Err(problem) => {
            problems.push(problem);
            return;
        }
    };
    let Some(signed_info) = child(signature, "SignedInfo") else {
        problems.push(format!("Chữ ký {name} thiếu phần SignedInfo"));
        return;
    };
    let (signer, signature_problem) = check_signature_value(signature, signed_info);
    checked.signer = signer;
    problems.extend(signature_problem);

    let mut package_objects = Vec::new();
    let mut signed_properties = None;
    for reference in children(signed_info, "Reference") {
        match check_same_document_reference(reference, &ids) {
            Ok(target) => {
                if target.has_tag_name((DSIG_NAMESPACE, "Object"))
                    && child(target, "Manifest").is_some()
                {
                    package_objects.push(target);
                }
                if target.has_tag_name((XADES_NAMESPACE, "SignedProperties")) {
                    signed_properties = Some(target);
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    if package_objects.is_empty() {
        problems.push(
            "Chữ ký không bao gồm danh sách các phần của văn bản (Manifest) nên không bảo vệ nội dung"
                .into(),
        );
    }
    for reference in package_objects
        .iter()
        .flat_map(|object| children(*object, "Manifest"))
        .flat_map(|manifest| children(manifest, "Reference"))
    {
        let (part, problem) = manifest::check_reference(reference, package, content_types);
        checked.covered.push(part);
        problems.extend(problem);
    }
    if let (Some(properties), Some(signer)) = (signed_properties, &checked.signer) {
        problems.extend(check_signing_certificate(properties, signer));
    }
    checked.signing_time = signing_time(&package_objects, signed_properties);
}

/// The signing time the signature claims: `mdssi:SignatureTime` in the package object
/// (Part 2 §13.2.4.7), which every Word version writes, else XAdES `SigningTime`.
fn signing_time(
    package_objects: &[Node],
    signed_properties: Option<Node>,
) -> Option<DateTime<Utc>> {
    package_objects
        .iter()
        .flat_map(|object| object.descendants())
        .find(|n| n.has_tag_name((MDSSI_NAMESPACE, "SignatureTime")))
        .and_then(|time| {
            time.children()
                .find(|n| n.has_tag_name((MDSSI_NAMESPACE, "Value")))
        })
        .or_else(|| {
            signed_properties?
                .descendants()
                .find(|n| n.has_tag_name((XADES_NAMESPACE, "SigningTime")))
        })
        .and_then(|n| parse_time(n.text()?))
}

/// Every element by its `Id`; two elements with one `Id` make references ambiguous, the
/// door to signature-wrapping attacks, so they are refused.
fn elements_by_id<'a>(doc: &'a Document<'a>) -> Result<HashMap<&'a str, Node<'a, 'a>>, String> {
    let mut ids = HashMap::new();
    for element in doc.descendants().filter(Node::is_element) {
        if let Some(id) = element.attribute("Id") {
            if ids.insert(id, element).is_some() {
                return Err(format!(
                    "Chữ ký có hai phần tử cùng Id \"{id}\" (dấu hiệu chữ ký bị giả mạo)"
                ));
            }
        }
    }
    Ok(ids)
}

/// The `SignatureValue` checked against the canonical `SignedInfo` with the key of a
/// certificate in `KeyInfo` (Word 2007 also writes a bare `KeyValue`, used only when no
/// certificate is there). Returns the signing certificate and the problem, if any.
fn check_signature_value(
    signature: Node,
    signed_info: Node,
) -> (Option<Certificate>, Option<String>) {
    let method =
        child(signed_info, "CanonicalizationMethod").and_then(|m| m.attribute("Algorithm"));
    if method != Some(uris::C14N) {
        return (
            None,
            Some(format!(
                "Chữ ký dùng phương pháp chuẩn hóa XML không được hỗ trợ ({})",
                method.unwrap_or("?")
            )),
        );
    }
    let Some(digest) = child(signed_info, "SignatureMethod")
        .and_then(|m| m.attribute("Algorithm"))
        .and_then(uris::rsa_signature_algorithm)
    else {
        return (
            None,
            Some("Chữ ký dùng thuật toán không được hỗ trợ (chỉ RSA với SHA-1 hoặc SHA-2)".into()),
        );
    };
    let Some(value) = child(signature, "SignatureValue").and_then(|v| decode_base64(v.text()?))
    else {
        return (
            None,
            Some("Chữ ký thiếu giá trị chữ ký (SignatureValue)".into()),
        );
    };
    let message = c14n::subtree(signed_info);
    let verifies = |key: &PublicKey| key.verifies(digest, message.as_bytes(), &value);
    let certificates = certificates(signature);
    if let Some(signer) = certificates
        .iter()
        .find(|c| PublicKey::of(c).is_ok_and(|key| verifies(&key)))
    {
        return (Some(signer.clone()), None);
    }
    let mismatch = "Giá trị chữ ký không khớp với khóa của người ký: chữ ký đã bị sửa hoặc giả mạo";
    match (certificates.into_iter().next(), key_value(signature)) {
        (Some(first), _) => (Some(first), Some(mismatch.into())),
        (None, Some(key)) if verifies(&key) => (None, None),
        (None, Some(_)) => (None, Some(mismatch.into())),
        (None, None) => (
            None,
            Some("Chữ ký không kèm chứng thư số (KeyInfo) nên không kiểm tra được".into()),
        ),
    }
}

/// The certificates of `KeyInfo/X509Data`.
fn certificates(signature: Node) -> Vec<Certificate> {
    children(signature, "KeyInfo")
        .flat_map(|info| children(info, "X509Data"))
        .flat_map(|data| children(data, "X509Certificate"))
        .filter_map(|c| Certificate::from_der(&decode_base64(c.text()?)?).ok())
        .collect()
}

/// The RSA key of `KeyInfo/KeyValue/RSAKeyValue` (XML-DSig §4.4.2.2).
fn key_value(signature: Node) -> Option<PublicKey> {
    let rsa = children(signature, "KeyInfo")
        .flat_map(|info| children(info, "KeyValue"))
        .flat_map(|value| children(value, "RSAKeyValue"))
        .next()?;
    let number = |name| {
        Some(BigUint::from_bytes_be(&decode_base64(
            child(rsa, name)?.text()?,
        )?))
    };
    RsaPublicKey::new(number("Modulus")?, number("Exponent")?)
        .ok()
        .map(PublicKey::Rsa)
}

/// A `#id` reference of `SignedInfo`: the element it names, canonicalised (the only
/// transform allowed on it) and digested, must match. Returns that element.
fn check_same_document_reference<'a>(
    reference: Node,
    ids: &HashMap<&str, Node<'a, 'a>>,
) -> Result<Node<'a, 'a>, String> {
    let uri = reference.attribute("URI").unwrap_or_default();
    let id = uri.strip_prefix('#').ok_or_else(|| {
        format!("Chữ ký tham chiếu tới \"{uri}\" ngoài phần chữ ký: không được hỗ trợ")
    })?;
    let target = *ids
        .get(id)
        .ok_or_else(|| format!("Chữ ký tham chiếu tới phần tử #{id} không tồn tại"))?;
    if let Some(other) =
        transforms(reference).find(|t| t.attribute("Algorithm") != Some(uris::C14N))
    {
        return Err(format!(
            "Chữ ký dùng phép biến đổi không được hỗ trợ ({}) cho #{id}",
            other.attribute("Algorithm").unwrap_or("?")
        ));
    }
    let (algorithm, expected) = digest_of(reference)
        .ok_or_else(|| format!("Tham chiếu #{id} thiếu thuật toán hoặc giá trị băm"))?;
    if algorithm.digest(c14n::subtree(target).as_bytes()) != expected {
        return Err(format!(
            "Phần tử #{id} của chữ ký đã bị thay đổi sau khi ký"
        ));
    }
    Ok(target)
}

/// XAdES `SigningCertificate` (ETSI EN 319 132-1 §5.2.2): the certificate that verified
/// the signature must be the one the signed properties name.
fn check_signing_certificate(properties: Node, signer: &Certificate) -> Option<String> {
    let der = signer.to_der().ok()?;
    let mut digests = properties
        .descendants()
        .filter(|n| n.has_tag_name((XADES_NAMESPACE, "CertDigest")))
        .peekable();
    digests.peek()?;
    let matches =
        |d: Node| digest_of(d).is_some_and(|(algorithm, value)| algorithm.digest(&der) == value);
    if digests.any(matches) {
        None
    } else {
        Some(
            "Chứng thư số trong chữ ký không phải chứng thư được ghi trong thuộc tính ký (XAdES SigningCertificate)"
                .into(),
        )
    }
}

/// A `DigestMethod` and decoded `DigestValue` under `parent` (a `Reference` or XAdES
/// `CertDigest`).
pub fn digest_of(parent: Node) -> Option<(DigestAlgorithm, Vec<u8>)> {
    let algorithm = uris::digest_algorithm(child(parent, "DigestMethod")?.attribute("Algorithm")?)?;
    let value = decode_base64(child(parent, "DigestValue")?.text().unwrap_or_default())?;
    Some((algorithm, value))
}

/// Base64 as XML-DSig writes it (line breaks and spaces allowed).
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact)
        .ok()
}

/// `YYYY-MM-DDThh:mm:ssTZD` (W3C date-time, as `mdssi:SignatureTime` declares), or
/// `xsd:dateTime`; a time without zone is taken as UTC.
fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
                .ok()
                .map(|t| t.and_utc())
        })
}

fn child<'a>(parent: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    children(parent, name).next()
}

/// The XML-DSig elements named `name` under `parent`.
fn children<'a, 'n>(parent: Node<'a, 'a>, name: &'n str) -> impl Iterator<Item = Node<'a, 'a>> + 'n
where
    'a: 'n,
{
    parent
        .children()
        .filter(move |n| n.has_tag_name((DSIG_NAMESPACE, name)))
}
