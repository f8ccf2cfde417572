//! Why signing or verifying failed, in words a drafter can act on.

/// Errors of the `sign` module. Messages are Vietnamese: they reach the user as they are.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    #[error("Mật khẩu của tệp chứng thư số không đúng.")]
    WrongPassword,
    #[error("Tệp chứng thư số không chứa khóa bí mật (chỉ có chứng thư): cần tệp .p12/.pfx xuất kèm khóa bí mật.")]
    NoPrivateKey,
    #[error("Tệp chứng thư số không đọc được (không phải PKCS#12 hợp lệ): {0}")]
    BadPkcs12(String),
    #[error("Chứng thư số không dùng được để ký: {0}")]
    UnsupportedKey(String),
    #[error("Khóa bí mật không khớp với chứng thư số trong tệp.")]
    KeyCertificateMismatch,
    #[error("Không dùng được thiết bị ký số (PKCS#11): {0}")]
    Token(String),
    #[error("Mã PIN của thiết bị ký số không đúng.")]
    WrongPin,
    #[error("Thiết bị ký số đã bị khóa vì nhập sai mã PIN quá số lần cho phép; liên hệ nơi cấp để mở khóa.")]
    PinLocked,
    #[error("Không tạo được chữ ký: {0}")]
    Signing(String),
    #[error("Ảnh {what} không đọc được (cần tệp PNG): {detail}")]
    BadImage { what: &'static str, detail: String },
    #[error("Tệp không phải văn bản Word (.docx) hay PDF: không ký hoặc kiểm tra được.")]
    UnknownFormat,
    #[error("Tệp văn bản bị hỏng hoặc không đọc được: {0}")]
    MalformedDocument(String),
    #[error("Văn bản không có chữ ký số nào.")]
    NotSigned,
    #[error("Không đọc hoặc ghi được tệp {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("Chưa ký được tệp PDF này: {0}.")]
    UnsupportedPdf(String),
}

impl SignError {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        SignError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}
