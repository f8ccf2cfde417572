//! Reading certificates: who signed (for reports and the signature appearance), and the
//! public key that checks a signature, with the digest algorithms documents use.

use chrono::{DateTime, FixedOffset, Utc};
use const_oid::db::rfc4519;
use der::asn1::{BmpString, PrintableStringRef, Utf8StringRef};
use der::{Decode, Encode, Tag, Tagged};
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::pkcs8::DecodePublicKey;
use rsa::signature::Verifier;
use rsa::RsaPublicKey;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};
use x509_cert::name::Name;
use x509_cert::Certificate;

use super::SignError;

/// The digest algorithms met in signed documents: SHA-256 is what we write; SHA-1 is in
/// documents signed by Word 2007–2013; SHA-384/512 in some other signing tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestAlgorithm {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl DigestAlgorithm {
    /// The digest of `data`.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            DigestAlgorithm::Sha1 => Sha1::digest(data).to_vec(),
            DigestAlgorithm::Sha256 => Sha256::digest(data).to_vec(),
            DigestAlgorithm::Sha384 => Sha384::digest(data).to_vec(),
            DigestAlgorithm::Sha512 => Sha512::digest(data).to_vec(),
        }
    }
}

/// A public key able to check signatures.
pub enum PublicKey {
    Rsa(RsaPublicKey),
}

impl PublicKey {
    /// The subject public key of `certificate`.
    pub fn of(certificate: &Certificate) -> Result<Self, SignError> {
        let spki = certificate
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|e| SignError::UnsupportedKey(e.to_string()))?;
        RsaPublicKey::from_public_key_der(&spki)
            .map(PublicKey::Rsa)
            .map_err(|_| SignError::UnsupportedKey("chỉ hỗ trợ khóa RSA".into()))
    }

    /// Whether `signature` is an RSASSA-PKCS1-v1_5 signature of `message` under `digest`.
    pub fn verifies(&self, digest: DigestAlgorithm, message: &[u8], signature: &[u8]) -> bool {
        let PublicKey::Rsa(key) = self;
        let Ok(signature) = Signature::try_from(signature) else {
            return false;
        };
        let key = key.clone();
        match digest {
            DigestAlgorithm::Sha1 => VerifyingKey::<Sha1>::new(key).verify(message, &signature),
            DigestAlgorithm::Sha256 => VerifyingKey::<Sha256>::new(key).verify(message, &signature),
            DigestAlgorithm::Sha384 => VerifyingKey::<Sha384>::new(key).verify(message, &signature),
            DigestAlgorithm::Sha512 => VerifyingKey::<Sha512>::new(key).verify(message, &signature),
        }
        .is_ok()
    }
}

/// Who a certificate names, for reports and the signature appearance.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CertificateSummary {
    /// The subject's common name (CN), or the whole subject when it has none.
    pub common_name: String,
    /// The subject as an RFC 4514 string.
    pub subject: String,
    /// The issuer as an RFC 4514 string.
    pub issuer: String,
    /// The serial number in hexadecimal.
    pub serial: String,
    pub not_before: DateTime<FixedOffset>,
    pub not_after: DateTime<FixedOffset>,
}

impl CertificateSummary {
    pub fn of(certificate: &Certificate) -> Self {
        let tbs = &certificate.tbs_certificate;
        let subject = tbs.subject.to_string();
        let time = |t: &x509_cert::time::Time| {
            let seconds = t.to_unix_duration().as_secs() as i64;
            super::vietnam_time(DateTime::<Utc>::from_timestamp(seconds, 0).unwrap_or_default())
        };
        CertificateSummary {
            common_name: common_name(&tbs.subject).unwrap_or_else(|| subject.clone()),
            subject,
            issuer: tbs.issuer.to_string(),
            serial: tbs
                .serial_number
                .as_bytes()
                .iter()
                .map(|b| format!("{b:02X}"))
                .collect(),
            not_before: time(&tbs.validity.not_before),
            not_after: time(&tbs.validity.not_after),
        }
    }

    /// Parses a DER certificate and summarises it.
    pub fn of_der(der: &[u8]) -> Result<Self, SignError> {
        Certificate::from_der(der)
            .map(|c| Self::of(&c))
            .map_err(|e| SignError::MalformedDocument(format!("chứng thư số hỏng: {e}")))
    }
}

/// The first CN of `name`, decoded whatever string type the CA chose.
fn common_name(name: &Name) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == rfc4519::CN)
        .and_then(|atv| {
            let value = &atv.value;
            match value.tag() {
                Tag::Utf8String => value
                    .decode_as::<Utf8StringRef>()
                    .ok()
                    .map(|s| s.to_string()),
                Tag::PrintableString => value
                    .decode_as::<PrintableStringRef>()
                    .ok()
                    .map(|s| s.to_string()),
                Tag::BmpString => value.decode_as::<BmpString>().ok().map(|s| s.to_string()),
                _ => std::str::from_utf8(value.value()).ok().map(str::to_string),
            }
        })
}
