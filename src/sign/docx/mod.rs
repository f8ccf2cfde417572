//! OOXML package signatures of Word files (ECMA-376 Part 2 §13, XML-DSig with the XAdES
//! signed properties), made as Word 2016 makes them and verified as Word does, including
//! files signed by Word 2007–2016.
//!
//! - `sign` adds `/_xmlsignatures/sigN.xml` covering the document's parts (not the
//!   document properties, as Word) and links it through the origin part; earlier
//!   signatures stay valid.
//! - `verify` checks every signature: the signature value against the certificate it
//!   carries, every digest, the content types, the XAdES signing certificate. The
//!   certificate chain is not checked against trusted roots (offline, no CA list): a
//!   valid signature means the covered parts are as the holder of that certificate's key
//!   signed them.
//!
//! Modules: `package` (the ZIP, with size limits), `content_types`, `relationships`
//! (and the relationship transform), `c14n` (Canonical XML 1.0), `xml` (parsing with
//! limits, appending elements), `uris`, `write` (the signature XML), `sign`, and for
//! verification `verify` (finding the signatures), `xmldsig` (one signature) and
//! `manifest` (its package references).

mod c14n;
mod content_types;
mod manifest;
mod package;
mod relationships;
mod sign;
mod uris;
mod verify;
mod write;
mod xml;
mod xmldsig;

use chrono::{DateTime, Utc};

use crate::sign::{SignError, Signer, VerifyReport};

/// How to sign.
#[derive(Debug, Clone)]
pub struct DocxSignOptions {
    pub signing_time: DateTime<Utc>,
    /// "Mục đích ký" shown by Word (SignatureComments), e.g. "Phê duyệt kế hoạch"; optional.
    pub purpose: Option<String>,
}

/// `docx` with one more signature, by `signer`. The result is the whole file; writing it
/// atomically is the caller's.
pub fn sign(
    docx: &[u8],
    signer: &dyn Signer,
    options: &DocxSignOptions,
) -> Result<Vec<u8>, SignError> {
    sign::sign(docx, signer, options)
}

/// The signatures of `docx`, each checked: `NotSigned` when it has none,
/// `UnknownFormat` or `MalformedDocument` when it is not a readable Word file.
pub fn verify(docx: &[u8]) -> Result<VerifyReport, SignError> {
    verify::verify(docx)
}
