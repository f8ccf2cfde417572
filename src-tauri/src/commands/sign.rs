//! The sign step after an export: the drafter signs the Word or PDF file just exported
//! with the agency's PKCS#12 file. The password is used to open the key and dropped; it
//! is never stored, logged or sent back. The signed file is verified before it is written.

use std::path::{Path, PathBuf};

use khcds::sign::{
    sign_document, verify_document, CertificateSummary, Pkcs12Signer, SignRequest, Signer,
};
use serde::Serialize;

use super::CmdResult;

/// What the UI shows once a document is signed.
#[derive(Debug, Clone, Serialize)]
pub struct SignedView {
    pub path: PathBuf,
    pub format: String,
    /// The signer's name (CN of the certificate).
    pub signer: String,
    pub issuer: String,
    /// "23/11/2026 10:15:02 (UTC+07:00)".
    pub signing_time: String,
    /// "23/11/2031": when the certificate expires.
    pub valid_until: String,
}

/// The files and choices of one signing.
#[derive(Debug, Clone)]
pub struct SignInput {
    pub document: PathBuf,
    pub output: PathBuf,
    pub p12: PathBuf,
    pub signature_image: Option<PathBuf>,
    pub seal_image: Option<PathBuf>,
    pub reason: Option<String>,
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

/// Signs `input.document` into `input.output`, atomically, after checking the result.
pub fn sign(input: &SignInput, password: &str) -> CmdResult<SignedView> {
    let extension = |p: &Path| {
        p.extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default()
    };
    if extension(&input.document) != extension(&input.output) {
        return Err(format!(
            "Tệp đã ký phải cùng loại với văn bản (đuôi .{}).",
            extension(&input.document)
        ));
    }
    let read = |path: &Path, what: &str| {
        std::fs::read(path).map_err(|e| format!("Không đọc được {what} «{}»: {e}", path.display()))
    };
    let document = read(&input.document, "văn bản")?;
    let p12 = read(&input.p12, "tệp chứng thư số")?;
    let signer = Pkcs12Signer::open(&p12, password).map_err(|e| e.to_string())?;
    let image =
        |path: &Option<PathBuf>, what: &str| path.as_deref().map(|p| read(p, what)).transpose();
    let request = SignRequest {
        signing_time: chrono::Utc::now(),
        reason: input
            .reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(khcds::model::normalize_nfc),
        location: None,
        signature_image: image(&input.signature_image, "ảnh chữ ký")?,
        seal_image: image(&input.seal_image, "ảnh con dấu")?,
    };
    let (format, signed) =
        sign_document(&document, &signer, &request).map_err(|e| e.to_string())?;
    let (_, report) = verify_document(&signed).map_err(|e| e.to_string())?;
    if !report.is_valid() {
        return Err("Chữ ký vừa tạo không kiểm tra lại được; tệp đã ký không được ghi.".into());
    }
    khcds::atomic_file::write(&input.output, &signed)
        .map_err(|e| format!("Không ghi được tệp «{}»: {e}", input.output.display()))?;
    let who = CertificateSummary::of(signer.certificate());
    let time = khcds::sign::vietnam_time(request.signing_time);
    Ok(SignedView {
        path: input.output.clone(),
        format: format.label().to_owned(),
        signer: who.common_name,
        issuer: who.issuer,
        signing_time: time.format("%d/%m/%Y %H:%M:%S (UTC%:z)").to_string(),
        valid_until: who.not_after.format("%d/%m/%Y").to_string(),
    })
}
