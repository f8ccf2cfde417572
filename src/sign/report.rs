//! What verification found, for the CLI, the app and tests.

use chrono::{DateTime, FixedOffset};

use super::CertificateSummary;

/// The verdict on one signature.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", content = "reason", rename_all = "snake_case")]
pub enum SignatureStatus {
    /// The signature is intact and covers what it says it covers.
    Valid,
    /// The document changed after signing, or the signature itself is wrong: the reason
    /// names what (e.g. the changed part of a Word file).
    Broken(String),
}

/// One signature found in a document.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SignatureReport {
    /// The signing certificate, when the signature carries it.
    pub signer: Option<CertificateSummary>,
    /// The signing time the signature claims (not a trusted timestamp), in Vietnam time.
    pub signing_time: Option<DateTime<FixedOffset>>,
    pub status: SignatureStatus,
    /// Remarks that do not break the signature (e.g. parts a Word signature leaves out).
    pub notes: Vec<String>,
}

/// All signatures of a document. The certificate chain is not checked against trusted
/// roots (offline, no CA list): integrity and the binding to the certificate are.
#[derive(Debug, Clone, serde::Serialize)]
pub struct VerifyReport {
    pub signatures: Vec<SignatureReport>,
    /// A problem with the document as a whole (e.g. bytes added after the last PDF
    /// signature that are not an incremental update), which fails verification.
    pub document_problem: Option<String>,
}

impl VerifyReport {
    /// True when there is at least one signature, all are valid, and the document has
    /// no problem of its own.
    pub fn is_valid(&self) -> bool {
        !self.signatures.is_empty()
            && self.document_problem.is_none()
            && self
                .signatures
                .iter()
                .all(|s| s.status == SignatureStatus::Valid)
    }
}
