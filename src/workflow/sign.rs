//! Sign an exported document (checking the result before anything is written) and
//! verify a signed one. The same steps whichever shell asks.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::{output, Error, RequestError, Result};
use crate::model::normalize_nfc;
use crate::sign::{
    sign_document, verify_document, CertificateSummary, DocumentFormat, Pkcs11Signer, Pkcs12Signer,
    SignRequest, Signer, VerifyReport,
};

/// Where the signing key is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// A PKCS#12 file (.p12, .pfx), opened with its password.
    Pkcs12(PathBuf),
    /// A USB token through its vendor's PKCS#11 module, opened with its PIN.
    Pkcs11 {
        module: PathBuf,
        token: Option<String>,
    },
}

impl KeySource {
    /// What the secret is called when asking for it.
    pub fn secret_name(&self) -> &'static str {
        match self {
            KeySource::Pkcs12(_) => "Mật khẩu của chứng thư số",
            KeySource::Pkcs11 { .. } => "Mã PIN của thiết bị ký số",
        }
    }

    fn open(&self, secret: &str) -> Result<Box<dyn Signer>> {
        Ok(match self {
            KeySource::Pkcs12(path) => Box::new(Pkcs12Signer::open_file(path, secret)?),
            KeySource::Pkcs11 { module, token } => {
                Box::new(Pkcs11Signer::open(module, token.as_deref(), secret)?)
            }
        })
    }
}

/// One signing: the document, where the signed copy goes and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignDocument {
    pub document: PathBuf,
    pub output: PathBuf,
    pub key: KeySource,
    /// The purpose of signing, e.g. "Phê duyệt".
    pub reason: Option<String>,
    /// Where it was signed (PDF), e.g. "Hòa Sơn".
    pub location: Option<String>,
    /// PNG of the signer's signature and of the agency's seal (shown on a PDF only).
    pub signature_image: Option<PathBuf>,
    pub seal_image: Option<PathBuf>,
    /// The signer named in the plan: a certificate of someone else is refused with
    /// [`Error::HolderMismatch`] before anything is signed. `None` signs with any.
    pub expected_holder: Option<String>,
}

/// A signed copy, written and verified.
#[derive(Debug, Clone)]
pub struct Signed {
    pub path: PathBuf,
    pub format: DocumentFormat,
    pub signer: CertificateSummary,
    pub signing_time: DateTime<Utc>,
    /// Images were given for a Word document, which shows none.
    pub images_ignored: bool,
}

/// Whether a certificate's holder and the plan's signer name the same person: compared
/// in NFC, ignoring case and runs of spaces.
fn same_person(holder: &str, signer: &str) -> bool {
    let key = |s: &str| {
        normalize_nfc(s)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    key(holder) == key(signer)
}

/// The default name of the signed copy: `ke-hoach.pdf` → `ke-hoach-da-ky.pdf`.
pub fn signed_name(document: &Path) -> PathBuf {
    let stem = document
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "van-ban".into());
    let extension = document
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    document.with_file_name(format!("{stem}-da-ky.{extension}"))
}

/// Signs `request.document` into `request.output`. The secret (password or PIN) is asked
/// for only once the document has been read and recognised; it is used to open the key
/// and dropped. The signed bytes are verified before they are written, atomically.
pub fn sign(request: &SignDocument, secret: impl FnOnce() -> Result<String>) -> Result<Signed> {
    let document = read(&request.document, "văn bản")?;
    let format = DocumentFormat::sniff(&document)?;
    let extension = match format {
        DocumentFormat::Docx => "docx",
        DocumentFormat::Pdf => "pdf",
    };
    let output_extension = request.output.extension().and_then(|e| e.to_str());
    if !output_extension.is_some_and(|e| e.eq_ignore_ascii_case(extension)) {
        return Err(RequestError::SignedExtension(extension).into());
    }
    output::check(&request.document, &request.output)?;
    let image = |path: &Option<PathBuf>, what| path.as_deref().map(|p| read(p, what)).transpose();
    let text = |t: &Option<String>| {
        t.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(normalize_nfc)
    };
    let sign_request = SignRequest {
        signing_time: Utc::now(),
        reason: text(&request.reason),
        location: text(&request.location),
        signature_image: image(&request.signature_image, "ảnh chữ ký")?,
        seal_image: image(&request.seal_image, "ảnh con dấu")?,
    };
    let signer = request.key.open(&secret()?)?;
    let holder = CertificateSummary::of(signer.certificate()).common_name;
    if let Some(expected) = &request.expected_holder {
        if !same_person(&holder, expected) {
            return Err(Error::HolderMismatch {
                holder,
                signer: expected.trim().to_owned(),
            });
        }
    }
    let (format, signed) = sign_document(&document, signer.as_ref(), &sign_request)?;
    let (_, report) = verify_document(&signed)?;
    if !report.is_valid() {
        return Err(Error::SignatureNotVerified);
    }
    let path = output::write(&request.document, &request.output, &signed)?;
    Ok(Signed {
        path,
        format,
        signer: CertificateSummary::of(signer.certificate()),
        signing_time: sign_request.signing_time,
        images_ignored: format == DocumentFormat::Docx
            && (sign_request.signature_image.is_some() || sign_request.seal_image.is_some()),
    })
}

/// Checks every signature of a document.
pub fn verify(path: &Path) -> Result<(DocumentFormat, VerifyReport)> {
    Ok(verify_document(&read(path, "văn bản")?)?)
}

fn read(path: &Path, what: &'static str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::Read {
        what,
        path: path.to_owned(),
        detail: crate::store::io_message(&e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holder_matches_the_signer_whatever_the_case_spaces_and_normal_form() {
        assert!(same_person("NGUYỄN VĂN  AN", "Nguyễn Văn An"));
        assert!(same_person(
            "Nguye\u{0302}\u{0303}n Văn An",
            "Nguyễn Văn An"
        ));
        assert!(!same_person("Trần Thị Bình", "Nguyễn Văn An"));
    }
}
