//! One entry point for both kinds of exported document: the format is recognised from
//! the bytes, not the file name, so a renamed file is still handled right.

use chrono::{DateTime, Utc};

use super::{docx, pdf, SignError, Signer, VerifyReport};

/// The kinds of document the tool signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentFormat {
    Docx,
    Pdf,
}

impl DocumentFormat {
    /// Recognises a Word package (a zip) or a PDF (whose header may follow up to 1 KiB of
    /// junk, ISO 32000-1 §7.5.2 readers tolerate it).
    pub fn sniff(bytes: &[u8]) -> Result<Self, SignError> {
        if bytes.starts_with(b"PK\x03\x04") {
            return Ok(DocumentFormat::Docx);
        }
        let head = &bytes[..bytes.len().min(1024)];
        if head.windows(5).any(|w| w == b"%PDF-") {
            return Ok(DocumentFormat::Pdf);
        }
        Err(SignError::UnknownFormat)
    }

    /// "Word (.docx)" or "PDF", for messages.
    pub fn label(self) -> &'static str {
        match self {
            DocumentFormat::Docx => "Word (.docx)",
            DocumentFormat::Pdf => "PDF",
        }
    }
}

/// What the drafter chose when signing; images and location only show on a PDF (a Word
/// signature has no appearance of its own).
#[derive(Debug, Clone)]
pub struct SignRequest {
    pub signing_time: DateTime<Utc>,
    /// The purpose of signing (PDF /Reason, Word's "Mục đích ký").
    pub reason: Option<String>,
    pub location: Option<String>,
    /// PNG bytes of the signer's signature.
    pub signature_image: Option<Vec<u8>>,
    /// PNG bytes of the agency's seal.
    pub seal_image: Option<Vec<u8>>,
}

/// Signs `bytes`, whichever format they are in.
pub fn sign_document(
    bytes: &[u8],
    signer: &dyn Signer,
    request: &SignRequest,
) -> Result<(DocumentFormat, Vec<u8>), SignError> {
    let format = DocumentFormat::sniff(bytes)?;
    let signed = match format {
        DocumentFormat::Docx => docx::sign(
            bytes,
            signer,
            &docx::DocxSignOptions {
                signing_time: request.signing_time,
                purpose: request.reason.clone(),
            },
        )?,
        DocumentFormat::Pdf => pdf::sign(
            bytes,
            signer,
            &pdf::PdfSignOptions {
                signing_time: request.signing_time,
                signature_image: request.signature_image.clone(),
                seal_image: request.seal_image.clone(),
                reason: request.reason.clone(),
                location: request.location.clone(),
            },
        )?,
    };
    Ok((format, signed))
}

/// Verifies every signature of `bytes`, whichever format they are in.
pub fn verify_document(bytes: &[u8]) -> Result<(DocumentFormat, VerifyReport), SignError> {
    let format = DocumentFormat::sniff(bytes)?;
    let report = match format {
        DocumentFormat::Docx => docx::verify(bytes)?,
        DocumentFormat::Pdf => pdf::verify(bytes)?,
    };
    Ok((format, report))
}
