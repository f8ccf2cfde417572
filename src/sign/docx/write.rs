//! The signature part's XML, element for element as Word 2016 writes it (see the LibreOffice
//! test file `partial.docx`): an enveloping XML-DSig signature whose `SignedInfo` signs
//! three objects — the package object (the manifest of parts and the signing time), the
//! Office object (`SignatureInfoV1`, MS-OFFCRYPTO §2.5.2.5) and the XAdES signed
//! properties (ETSI EN 319 132-1; the signing certificate).

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chrono::{DateTime, Utc};
use der::Encode;
use rsa::BigUint;
use x509_cert::Certificate;

use super::c14n::{escape_attribute, escape_text};
use super::uris::{
    C14N, DSIG_NAMESPACE, MDSSI_NAMESPACE, OFFICE_DIGSIG_NAMESPACE, REFERENCE_TYPE_OBJECT,
    REFERENCE_TYPE_SIGNED_PROPERTIES, RELATIONSHIP_TRANSFORM, RSA_SHA256, SHA256, XADES_NAMESPACE,
};
use super::{c14n, xml};
use crate::sign::{DigestAlgorithm, SignError, Signer};

/// One part the signature covers, already digested.
pub struct SignedPart {
    pub name: String,
    pub content_type: String,
    /// For a relationship part, the `Id`s of the relationships signed (the relationship
    /// transform then C14N are applied before digesting).
    pub relationship_ids: Option<Vec<String>>,
    pub digest: Vec<u8>,
}

/// What the signature says besides the parts.
pub struct Details<'a> {
    pub signing_time: DateTime<Utc>,
    pub purpose: Option<&'a str>,
}

/// The complete signature part for `parts`, signed by `signer`.
pub fn signature_xml(
    parts: &[SignedPart],
    signer: &dyn Signer,
    details: &Details,
) -> Result<String, SignError> {
    let time = details
        .signing_time
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let certificate = signer.certificate();
    let objects = [
        package_object(parts, &time),
        office_object(details.purpose),
        xades_object(certificate, signer.chain(), &time)?,
    ]
    .concat();
    let digests: Vec<String> = canonical_forms(
        &objects,
        &["idPackageObject", "idOfficeObject", "idSignedProperties"],
    )?
    .iter()
    .map(|canonical| BASE64.encode(DigestAlgorithm::Sha256.digest(canonical.as_bytes())))
    .collect();
    let signed_info = signed_info(&digests);
    let canonical_signed_info = canonical_forms(&signed_info, &["SignedInfo"])?.concat();
    let signature_value = BASE64.encode(signer.sign_sha256(canonical_signed_info.as_bytes())?);
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>{}{signed_info}<SignatureValue>{signature_value}</SignatureValue><KeyInfo><X509Data><X509Certificate>{}</X509Certificate></X509Data></KeyInfo>{objects}</Signature>",
        signature_start(),
        base64_der(certificate)?
    ))
}

fn signature_start() -> String {
    format!("<Signature xmlns=\"{DSIG_NAMESPACE}\" Id=\"idPackageSignature\">")
}

/// `SignedInfo`: C14N, RSA-SHA256, and the three objects by `#id` with their SHA-256
/// digests (the XAdES one with an explicit C14N transform, as Word writes it).
fn signed_info(digests: &[String]) -> String {
    let reference = |uri: &str, kind: &str, transforms: &str, digest: &str| {
        format!(
            "<Reference Type=\"{kind}\" URI=\"#{uri}\">{transforms}<DigestMethod Algorithm=\"{SHA256}\"/><DigestValue>{digest}</DigestValue></Reference>"
        )
    };
    let c14n_transform = format!("<Transforms><Transform Algorithm=\"{C14N}\"/></Transforms>");
    format!(
        "<SignedInfo><CanonicalizationMethod Algorithm=\"{C14N}\"/><SignatureMethod Algorithm=\"{RSA_SHA256}\"/>{}{}{}</SignedInfo>",
        reference("idPackageObject", REFERENCE_TYPE_OBJECT, "", &digests[0]),
        reference("idOfficeObject", REFERENCE_TYPE_OBJECT, "", &digests[1]),
        reference(
            "idSignedProperties",
            REFERENCE_TYPE_SIGNED_PROPERTIES,
            &c14n_transform,
            &digests[2]
        ),
    )
}

/// The package object (ECMA-376 Part 2 §13.2.4.4–6): a manifest reference per part, raw
/// or through the relationship transform and C14N, and `mdssi:SignatureTime`.
fn package_object(parts: &[SignedPart], time: &str) -> String {
    let mut out = String::from("<Object Id=\"idPackageObject\"><Manifest>");
    for part in parts {
        out.push_str("<Reference URI=\"");
        escape_attribute(
            &format!("{}?ContentType={}", part.name, part.content_type),
            &mut out,
        );
        out.push_str("\">");
        if let Some(ids) = &part.relationship_ids {
            out.push_str(&format!(
                "<Transforms><Transform Algorithm=\"{RELATIONSHIP_TRANSFORM}\">"
            ));
            for id in ids {
                out.push_str(&format!(
                    "<mdssi:RelationshipReference xmlns:mdssi=\"{MDSSI_NAMESPACE}\" SourceId=\""
                ));
                escape_attribute(id, &mut out);
                out.push_str("\"/>");
            }
            out.push_str(&format!(
                "</Transform><Transform Algorithm=\"{C14N}\"/></Transforms>"
            ));
        }
        out.push_str(&format!(
            "<DigestMethod Algorithm=\"{SHA256}\"/><DigestValue>{}</DigestValue></Reference>",
            BASE64.encode(&part.digest)
        ));
    }
    out.push_str(&format!(
        "</Manifest><SignatureProperties><SignatureProperty Id=\"idSignatureTime\" Target=\"#idPackageSignature\"><mdssi:SignatureTime xmlns:mdssi=\"{MDSSI_NAMESPACE}\"><mdssi:Format>YYYY-MM-DDThh:mm:ssTZD</mdssi:Format><mdssi:Value>{time}</mdssi:Value></mdssi:SignatureTime></SignatureProperty></SignatureProperties></Object>"
    ));
    out
}

/// The Office object: `SignatureInfoV1` in Word's element order. The purpose is the
/// "Mục đích ký" Word shows (`SignatureComments`). Honest values where Word writes its
/// own: not Office and not necessarily Windows, so `WindowsVersion` and `OfficeVersion`
/// are empty (the schema's ST_Version allows any string up to 64 characters) and
/// `ApplicationVersion` names this program. The screen fields describe where a signature
/// line image was drawn; none is, and the schema wants positive integers, so they carry
/// a common screen. Provider: Office's default (the null GUID, details 9); type 1 = no
/// signature line.
fn office_object(purpose: Option<&str>) -> String {
    let mut comments = String::new();
    escape_text(purpose.unwrap_or_default(), &mut comments);
    let application = format!("khcds {}", env!("CARGO_PKG_VERSION"));
    format!(
        "<Object Id=\"idOfficeObject\"><SignatureProperties><SignatureProperty Id=\"idOfficeV1Details\" Target=\"#idPackageSignature\"><SignatureInfoV1 xmlns=\"{OFFICE_DIGSIG_NAMESPACE}\"><SetupID></SetupID><SignatureText></SignatureText><SignatureImage></SignatureImage><SignatureComments>{comments}</SignatureComments><WindowsVersion></WindowsVersion><OfficeVersion></OfficeVersion><ApplicationVersion>{application}</ApplicationVersion><Monitors>1</Monitors><HorizontalResolution>1920</HorizontalResolution><VerticalResolution>1080</VerticalResolution><ColorDepth>32</ColorDepth><SignatureProviderId>{{00000000-0000-0000-0000-000000000000}}</SignatureProviderId><SignatureProviderUrl></SignatureProviderUrl><SignatureProviderDetails>9</SignatureProviderDetails><ManifestHashAlgorithm>{SHA256}</ManifestHashAlgorithm><SignatureType>1</SignatureType></SignatureInfoV1></SignatureProperty></SignatureProperties></Object>"
    )
}

/// The XAdES object: signed properties (signing time, the signing certificate by SHA-256
/// digest, issuer and serial, implied policy) and, unsigned, the rest of the chain.
fn xades_object(
    certificate: &Certificate,
    chain: &[Certificate],
    time: &str,
) -> Result<String, SignError> {
    let der = certificate
        .to_der()
        .map_err(|e| SignError::Signing(e.to_string()))?;
    let digest = BASE64.encode(DigestAlgorithm::Sha256.digest(&der));
    let tbs = &certificate.tbs_certificate;
    let mut issuer = String::new();
    escape_text(&tbs.issuer.to_string(), &mut issuer);
    let serial = BigUint::from_bytes_be(tbs.serial_number.as_bytes());
    let mut out = format!(
        "<Object><xd:QualifyingProperties xmlns:xd=\"{XADES_NAMESPACE}\" Target=\"#idPackageSignature\"><xd:SignedProperties Id=\"idSignedProperties\"><xd:SignedSignatureProperties><xd:SigningTime>{time}</xd:SigningTime><xd:SigningCertificate><xd:Cert><xd:CertDigest><DigestMethod Algorithm=\"{SHA256}\"/><DigestValue>{digest}</DigestValue></xd:CertDigest><xd:IssuerSerial><X509IssuerName>{issuer}</X509IssuerName><X509SerialNumber>{serial}</X509SerialNumber></xd:IssuerSerial></xd:Cert></xd:SigningCertificate><xd:SignaturePolicyIdentifier><xd:SignaturePolicyImplied/></xd:SignaturePolicyIdentifier></xd:SignedSignatureProperties></xd:SignedProperties>"
    );
    if !chain.is_empty() {
        out.push_str(
            "<xd:UnsignedProperties><xd:UnsignedSignatureProperties><xd:CertificateValues>",
        );
        for certificate in chain {
            out.push_str(&format!(
                "<xd:EncapsulatedX509Certificate>{}</xd:EncapsulatedX509Certificate>",
                base64_der(certificate)?
            ));
        }
        out.push_str(
            "</xd:CertificateValues></xd:UnsignedSignatureProperties></xd:UnsignedProperties>",
        );
    }
    out.push_str("</xd:QualifyingProperties></Object>");
    Ok(out)
}

fn base64_der(certificate: &Certificate) -> Result<String, SignError> {
    certificate
        .to_der()
        .map(|der| BASE64.encode(der))
        .map_err(|e| SignError::Signing(e.to_string()))
}

/// The canonical forms of the elements of `fragment` named in `wanted` (by `Id`, or by
/// element name for `SignedInfo`, which has none), placed where they will stand: inside
/// the `Signature` element, whose namespace they inherit.
fn canonical_forms(fragment: &str, wanted: &[&str]) -> Result<Vec<String>, SignError> {
    let wrapped = format!("{}{fragment}</Signature>", signature_start());
    let doc = xml::parse(&wrapped).map_err(SignError::Signing)?;
    wanted
        .iter()
        .map(|key| {
            doc.descendants()
                .find(|n| n.attribute("Id") == Some(key) || n.has_tag_name((DSIG_NAMESPACE, *key)))
                .map(c14n::subtree)
                .ok_or_else(|| SignError::Signing(format!("thiếu phần tử {key}")))
        })
        .collect()
}
