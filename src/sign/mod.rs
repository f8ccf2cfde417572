//! Digital signatures on exported documents: an OOXML package signature (XML-DSig) on
//! the Word file and a PAdES baseline signature (CMS, incremental update) on the PDF,
//! both made by a [`Signer`] (a PKCS#12 file, or a USB token through its PKCS#11
//! module), and the verification of both, including documents signed by Word.
//!
//! Nothing here stores or logs a password: it is handed to [`Pkcs12Signer::open`] and
//! dropped once the key is decrypted.

mod certificate;
mod document;
pub mod docx;
mod error;
pub mod pdf;
mod pkcs11;
mod pkcs12;
mod report;
mod signer;

pub use certificate::{CertificateSummary, DigestAlgorithm, PublicKey};
pub use document::{sign_document, verify_document, DocumentFormat, SignRequest};
pub use error::SignError;
pub use pkcs11::{token_labels, Pkcs11Signer};
pub use pkcs12::Pkcs12Signer;
pub use report::{SignatureReport, SignatureStatus, VerifyReport};
pub use signer::Signer;

use chrono::{DateTime, FixedOffset, Utc};

/// Vietnam's offset from UTC (no daylight saving): signing times are shown in it.
pub fn vietnam_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("+07:00 is a valid offset")
}

/// `instant` in Vietnam time.
pub fn vietnam_time(instant: DateTime<Utc>) -> DateTime<FixedOffset> {
    instant.with_timezone(&vietnam_offset())
}
