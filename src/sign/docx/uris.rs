//! The names XML-DSig, XAdES and OPC give to algorithms, namespaces, relationship and
//! content types, in one place.

use crate::sign::DigestAlgorithm;

pub const DSIG_NAMESPACE: &str = "http://www.w3.org/2000/09/xmldsig#";
pub const XADES_NAMESPACE: &str = "http://uri.etsi.org/01903/v1.3.2#";
pub const MDSSI_NAMESPACE: &str =
    "http://schemas.openxmlformats.org/package/2006/digital-signature";
pub const OFFICE_DIGSIG_NAMESPACE: &str = "http://schemas.microsoft.com/office/2006/digsig";

pub const C14N: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
pub const RELATIONSHIP_TRANSFORM: &str =
    "http://schemas.openxmlformats.org/package/2006/RelationshipTransform";
pub const REFERENCE_TYPE_OBJECT: &str = "http://www.w3.org/2000/09/xmldsig#Object";
pub const REFERENCE_TYPE_SIGNED_PROPERTIES: &str = "http://uri.etsi.org/01903#SignedProperties";

pub const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
pub const RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

/// The origin and signature relationships (ECMA-376 Part 2 §13.2.2).
pub const ORIGIN_RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin";
pub const SIGNATURE_RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/signature";

pub const ORIGIN_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-package.digital-signature-origin";
pub const SIGNATURE_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-package.digital-signature-xmlsignature+xml";

/// The digest of a `DigestMethod` Algorithm (XML-DSig §6.2, RFC 6931 §2.1).
pub fn digest_algorithm(uri: &str) -> Option<DigestAlgorithm> {
    match uri {
        "http://www.w3.org/2000/09/xmldsig#sha1" => Some(DigestAlgorithm::Sha1),
        SHA256 => Some(DigestAlgorithm::Sha256),
        "http://www.w3.org/2001/04/xmldsig-more#sha384" => Some(DigestAlgorithm::Sha384),
        "http://www.w3.org/2001/04/xmlenc#sha512" => Some(DigestAlgorithm::Sha512),
        _ => None,
    }
}

/// The digest of an RSA `SignatureMethod` Algorithm (XML-DSig §6.4.2, RFC 6931 §2.3).
pub fn rsa_signature_algorithm(uri: &str) -> Option<DigestAlgorithm> {
    match uri {
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1" => Some(DigestAlgorithm::Sha1),
        RSA_SHA256 => Some(DigestAlgorithm::Sha256),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384" => Some(DigestAlgorithm::Sha384),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" => Some(DigestAlgorithm::Sha512),
        _ => None,
    }
}
