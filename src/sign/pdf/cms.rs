//! The CAdES-detached signature of a PDF (ETSI EN 319 142-1 §5.1, PAdES B-B; CMS per
//! RFC 5652): made over the digest of the signed byte ranges, and checked against them.
//!
//! The SignerInfo is assembled from the `cms` crate's types rather than through its
//! `SignerInfoBuilder`, which wants a `signature::Keypair`: our [`Signer`] may be a token
//! that only signs, and building the few fields directly is shorter than an adapter.

use chrono::{DateTime, Utc};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use const_oid::db::{rfc5911, rfc5912};
use const_oid::ObjectIdentifier;
use der::asn1::{AnyRef, OctetString, OctetStringRef, SetOfVec};
use der::{Any, Decode, Encode, Reader, Sequence, SliceReader, Tag, Tagged};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;

use crate::sign::{DigestAlgorithm, PublicKey, SignError, Signer};

/// ESSCertIDv2 (RFC 5035 §4); `hashAlgorithm` absent means SHA-256 (its DEFAULT).
#[derive(Clone, Debug, Sequence)]
struct EssCertIdV2 {
    #[asn1(optional = "true")]
    hash_algorithm: Option<AlgorithmIdentifierOwned>,
    cert_hash: OctetString,
    #[asn1(optional = "true")]
    issuer_serial: Option<IssuerSerial>,
}

/// IssuerSerial (RFC 5035 §4).
#[derive(Clone, Debug, Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

/// SigningCertificateV2 (RFC 5035 §3), without policies.
#[derive(Clone, Debug, Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

fn algorithm(oid: ObjectIdentifier, null_parameters: bool) -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid,
        parameters: null_parameters.then(|| Any::from(der::asn1::Null)),
    }
}

fn attribute(oid: ObjectIdentifier, value: &impl Encode) -> Result<Attribute, der::Error> {
    Ok(Attribute {
        oid,
        values: SetOfVec::try_from(vec![Any::from_der(&value.to_der()?)?])?,
    })
}

fn build_error(e: der::Error) -> SignError {
    SignError::Signing(format!("lỗi mã hóa CMS: {e}"))
}

/// A DER CMS SignedData, detached, signing `document_digest` (SHA-256 of the byte
/// ranges) with signed attributes content-type, message-digest and ESS
/// signing-certificate-v2. No signing-time attribute: PAdES B-B takes the time from the
/// signature dictionary's /M (EN 319 142-1 §5.2.1). Certificates: the signer's and its
/// chain.
pub fn cades_detached(signer: &dyn Signer, document_digest: &[u8]) -> Result<Vec<u8>, SignError> {
    let certificate = signer.certificate();
    let tbs = &certificate.tbs_certificate;
    let certificate_der = certificate.to_der().map_err(build_error)?;
    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            hash_algorithm: None,
            cert_hash: OctetString::new(Sha256::digest(&certificate_der).to_vec())
                .map_err(build_error)?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer.clone())],
                serial_number: tbs.serial_number.clone(),
            }),
        }],
    };
    let signed_attributes = SetOfVec::try_from(vec![
        attribute(rfc5911::ID_CONTENT_TYPE, &rfc5911::ID_DATA).map_err(build_error)?,
        attribute(
            rfc5911::ID_MESSAGE_DIGEST,
            &OctetStringRef::new(document_digest).map_err(build_error)?,
        )
        .map_err(build_error)?,
        attribute(rfc5911::ID_AA_SIGNING_CERTIFICATE_V_2, &ess).map_err(build_error)?,
    ])
    .map_err(build_error)?;
    // RFC 5652 §5.4: the signature covers the DER of the attributes as a SET OF.
    let signature = signer.sign_sha256(&signed_attributes.to_der().map_err(build_error)?)?;

    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer.clone(),
            serial_number: tbs.serial_number.clone(),
        }),
        digest_alg: algorithm(rfc5912::ID_SHA_256, false),
        signed_attrs: Some(signed_attributes),
        signature_algorithm: algorithm(rfc5912::SHA_256_WITH_RSA_ENCRYPTION, true),
        signature: OctetString::new(signature).map_err(build_error)?,
        unsigned_attrs: None,
    };
    let mut certificates: Vec<CertificateChoices> = Vec::new();
    for c in std::iter::once(certificate).chain(signer.chain()) {
        let choice = CertificateChoices::Certificate(c.clone());
        if !certificates.contains(&choice) {
            certificates.push(choice);
        }
    }
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![algorithm(rfc5912::ID_SHA_256, false)])
            .map_err(build_error)?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: rfc5911::ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(
            SetOfVec::try_from(certificates).map_err(build_error)?,
        )),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![signer_info]).map_err(build_error)?),
    };
    ContentInfo {
        content_type: rfc5911::ID_SIGNED_DATA,
        content: Any::encode_from(&signed_data).map_err(build_error)?,
    }
    .to_der()
    .map_err(build_error)
}

/// What checking a CMS signature found.
pub struct CmsCheck {
    /// The certificate the SignerInfo names, when the CMS carries it.
    pub signer: Option<Certificate>,
    /// The CMS signing-time attribute (PAdES puts the time in /M instead).
    pub signing_time: Option<DateTime<Utc>>,
    /// Why the signature does not hold, in Vietnamese; `None` when it does.
    pub problem: Option<String>,
}

/// Checks the CMS `contents` (DER, maybe followed by the zero padding of /Contents) against
/// `signed`, the bytes its signer saw: the message digest, the signature over the signed
/// attributes by the certificate the SignerInfo identifies, and the ESS certificate hash.
/// A CMS that cannot be read gives the reason, in Vietnamese, as the error.
pub fn check(contents: &[u8], signed: &[u8]) -> Result<CmsCheck, String> {
    let malformed = |e: der::Error| format!("Chữ ký hỏng, không đọc được ({e}).");
    // The reserved /Contents is longer than the CMS: read one element, ignore the rest.
    let content_info = ContentInfo::decode(&mut SliceReader::new(contents).map_err(malformed)?)
        .map_err(malformed)?;
    if content_info.content_type != rfc5911::ID_SIGNED_DATA {
        return Err("Chữ ký không phải dạng CMS SignedData.".into());
    }
    let signed_data: SignedData = content_info.content.decode_as().map_err(malformed)?;
    let signer_info = signed_data
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or("Chữ ký không có thông tin người ký (SignerInfo).")?;
    let certificates: Vec<&Certificate> = signed_data
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    let signer = certificates
        .into_iter()
        .find(|c| identifies(&signer_info.sid, c))
        .cloned();
    let signing_time = signer_info
        .signed_attrs
        .as_ref()
        .and_then(|attrs| attribute_value(attrs, rfc5911::ID_SIGNING_TIME))
        .and_then(|v| v.to_der().ok())
        .and_then(|der| x509_cert::time::Time::from_der(&der).ok())
        .and_then(|t| DateTime::from_timestamp(t.to_unix_duration().as_secs() as i64, 0));
    let problem = match &signer {
        None => Some("chữ ký không kèm chứng thư số của người ký".to_string()),
        Some(certificate) => problem_of(contents, signer_info, certificate, signed),
    };
    Ok(CmsCheck {
        signer,
        signing_time,
        problem,
    })
}

/// Why `signer_info` does not verify over `signed` with `certificate`, if it does not.
fn problem_of(
    contents: &[u8],
    signer_info: &SignerInfo,
    certificate: &Certificate,
    signed: &[u8],
) -> Option<String> {
    let Some(digest) = digest_algorithm(&signer_info.digest_alg.oid) else {
        return Some(format!(
            "thuật toán băm không hỗ trợ ({})",
            signer_info.digest_alg.oid
        ));
    };
    if !is_rsa_pkcs1(&signer_info.signature_algorithm.oid) {
        return Some(format!(
            "thuật toán chữ ký không hỗ trợ ({})",
            signer_info.signature_algorithm.oid
        ));
    }
    let Ok(key) = PublicKey::of(certificate) else {
        return Some("chứng thư số của người ký không dùng khóa RSA".into());
    };
    let content_digest = digest.digest(signed);
    let message = match &signer_info.signed_attrs {
        // Without signed attributes the signature is over the content itself.
        None => signed.to_vec(),
        Some(attrs) => {
            let declared = attribute_value(attrs, rfc5911::ID_MESSAGE_DIGEST)
                .and_then(|v| v.decode_as::<OctetString>().ok());
            if declared.as_ref().map(OctetString::as_bytes) != Some(content_digest.as_slice()) {
                return Some("Văn bản đã bị thay đổi sau khi ký (mã băm không khớp).".into());
            }
            if let Some(problem) = ess_problem(attrs, certificate) {
                return Some(problem);
            }
            // The signature covers the attributes as encoded by the signer.
            match raw_signed_attributes(contents) {
                Some(raw) => raw,
                None => return Some("không đọc được các thuộc tính đã ký".into()),
            }
        }
    };
    (!key.verifies(digest, &message, signer_info.signature.as_bytes()))
        .then(|| "Chữ ký không khớp với chứng thư số của người ký.".to_string())
}

/// The ESS signing-certificate-v2 mismatch, when the attribute is present and names
/// another certificate (RFC 5035 §5.4).
fn ess_problem(attrs: &SetOfVec<Attribute>, certificate: &Certificate) -> Option<String> {
    let value = attribute_value(attrs, rfc5911::ID_AA_SIGNING_CERTIFICATE_V_2)?;
    let Ok(ess) = value.decode_as::<SigningCertificateV2>() else {
        return Some("thuộc tính signing-certificate-v2 hỏng".into());
    };
    let first = ess.certs.first()?;
    let algorithm = first
        .hash_algorithm
        .as_ref()
        .map_or(Some(DigestAlgorithm::Sha256), |a| digest_algorithm(&a.oid))?;
    let der = certificate.to_der().ok()?;
    (algorithm.digest(&der) != first.cert_hash.as_bytes())
        .then(|| "Chứng thư số kèm chữ ký không phải chứng thư đã ký (ESS).".to_string())
}

fn attribute_value(attrs: &SetOfVec<Attribute>, oid: ObjectIdentifier) -> Option<&Any> {
    attrs
        .iter()
        .find(|a| a.oid == oid)
        .and_then(|a| a.values.iter().next())
}

fn identifies(sid: &SignerIdentifier, certificate: &Certificate) -> bool {
    let tbs = &certificate.tbs_certificate;
    match sid {
        SignerIdentifier::IssuerAndSerialNumber(id) => {
            id.issuer == tbs.issuer && id.serial_number == tbs.serial_number
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => tbs
            .extensions
            .iter()
            .flatten()
            .filter(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER)
            .any(|e| {
                OctetString::from_der(e.extn_value.as_bytes())
                    .is_ok_and(|v| v.as_bytes() == ski.0.as_bytes())
            }),
    }
}

fn digest_algorithm(oid: &ObjectIdentifier) -> Option<DigestAlgorithm> {
    match *oid {
        rfc5912::ID_SHA_1 => Some(DigestAlgorithm::Sha1),
        rfc5912::ID_SHA_256 => Some(DigestAlgorithm::Sha256),
        rfc5912::ID_SHA_384 => Some(DigestAlgorithm::Sha384),
        rfc5912::ID_SHA_512 => Some(DigestAlgorithm::Sha512),
        _ => None,
    }
}

/// RSASSA-PKCS1-v1_5, named either as the bare key algorithm or with its digest.
fn is_rsa_pkcs1(oid: &ObjectIdentifier) -> bool {
    [
        rfc5912::RSA_ENCRYPTION,
        rfc5912::SHA_1_WITH_RSA_ENCRYPTION,
        rfc5912::SHA_256_WITH_RSA_ENCRYPTION,
        rfc5912::SHA_384_WITH_RSA_ENCRYPTION,
        rfc5912::SHA_512_WITH_RSA_ENCRYPTION,
    ]
    .contains(oid)
}

/// The signed attributes of the first SignerInfo exactly as the signer encoded them, with
/// the SET OF tag the signature was computed with (RFC 5652 §5.4). Decoding them into
/// types would re-sort them, breaking signatures by tools that did not sort.
fn raw_signed_attributes(contents: &[u8]) -> Option<Vec<u8>> {
    fn elements<'a>(value: &'a [u8]) -> Option<Vec<AnyRef<'a>>> {
        let mut reader = SliceReader::new(value).ok()?;
        let mut out = Vec::new();
        while !reader.is_finished() {
            out.push(AnyRef::decode(&mut reader).ok()?);
        }
        Some(out)
    }
    let content_info = AnyRef::decode(&mut SliceReader::new(contents).ok()?).ok()?;
    let explicit = *elements(content_info.value())?.get(1)?;
    let signed_data = *elements(explicit.value())?.first()?;
    let signer_infos = *elements(signed_data.value())?.last()?;
    let signer_info = *elements(signer_infos.value())?.first()?;
    let attrs = *elements(signer_info.value())?.get(3)?;
    let is_attrs = attrs.tag()
        == Tag::ContextSpecific {
            constructed: true,
            number: der::TagNumber::N0,
        };
    is_attrs.then(|| AnyRef::new(Tag::Set, attrs.value()).ok()?.to_der().ok())?
}
