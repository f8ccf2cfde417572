//! Why a use case failed, and the kind of failure a shell switches on (the app's dialogs,
//! the CLI's exit code) without reading the message.

use std::path::PathBuf;

use serde::Serialize;

use crate::sign::SignError;
use crate::store::StoreError;

/// Errors of the use cases. Messages are Vietnamese and shown as they are (the CLI after
/// "Lỗi: ", the app as a sentence).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Sign(#[from] SignError),
    #[error(transparent)]
    Request(#[from] RequestError),
    /// The annual plan cannot be derived from the files given.
    #[error(transparent)]
    Derive(#[from] crate::annual::DeriveError),
    /// The JSON document to import is refused.
    #[error("«{}»: {source}", .path.display())]
    Import {
        path: PathBuf,
        source: crate::interchange::ImportError,
    },
    /// The output would replace the file being exported or signed.
    #[error("không ghi được «{}»: đó là chính tệp nguồn; hãy chọn tên khác cho tệp kết quả.", .0.display())]
    OverwritesInput(PathBuf),
    /// The output would replace a plan file.
    #[error("không ghi được «{}»: đó là một tệp kế hoạch (.khcds); hãy chọn tên khác để không mất kế hoạch.", .0.display())]
    OverwritesPlan(PathBuf),
    #[error("không ghi được «{}»: {detail}", .path.display())]
    Write { path: PathBuf, detail: String },
    #[error("không đọc được {what} «{}»: {detail}", .path.display())]
    Read {
        what: &'static str,
        path: PathBuf,
        detail: String,
    },
    /// A writer failed on the plan (never expected; reported rather than panicking).
    #[error("không xuất được tệp {format}: {detail}")]
    Render {
        format: &'static str,
        detail: String,
    },
    /// The certificate belongs to someone other than the plan's signer: nothing was
    /// signed (the drafter may confirm and sign anyway).
    #[error("Chứng thư số này là của «{holder}», còn người ký trong kế hoạch là «{signer}».")]
    HolderMismatch { holder: String, signer: String },
    /// The signature just made does not verify: nothing was written.
    #[error("Chữ ký vừa tạo không kiểm tra lại được; tệp đã ký không được ghi.")]
    SignatureNotVerified,
}

/// A request refused before anything was done: the caller asked for something invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    #[error("Năm chỉ dùng cho kế hoạch hằng năm.")]
    YearOnlyForAnnual,
    #[error("Kế hoạch hằng năm cần chọn năm.")]
    AnnualNeedsYear,
    #[error("Năm {0} nằm ngoài giai đoạn 2026–2030; hãy chọn một năm từ 2026 đến 2030.")]
    YearOutOfRange(i32),
    #[error("Loại kế hoạch «{0}» không hợp lệ (five-year hoặc annual).")]
    UnknownKind(String),
    #[error("Cấp không hợp lệ: «{0}» (dùng bo hoặc tinh).")]
    UnknownLevel(String),
    #[error("Định dạng xuất «{0}» không được hỗ trợ (dùng docx, pdf hoặc json).")]
    UnknownFormat(String),
    #[error("Hãy chọn {0}.")]
    MissingPath(&'static str),
    #[error("Tệp kế hoạch phải có đuôi .khcds.")]
    PlanExtension,
    #[error("Tệp xuất {label} phải có đuôi .{extension}.")]
    OutputExtension {
        label: &'static str,
        extension: &'static str,
    },
    #[error("Tệp đã ký phải cùng loại với văn bản (đuôi .{0}).")]
    SignedExtension(&'static str),
    #[error("Thao tác sửa không hợp lệ: {0}")]
    Edit(String),
    #[error("Mã của mục không được để trống.")]
    EmptyId,
    #[error("Nhiệm vụ «{0}» phải thuộc một lĩnh vực từ III.1 đến III.9.")]
    TaskArea(String),
    #[error("Ghi chú phiên bản dài quá {0} ký tự.")]
    LabelTooLong(usize),
    /// The report is built from the evaluation of last year an annual plan opens with.
    #[error(
        "Kế hoạch này chưa có phần đánh giá kết quả thực hiện năm trước nên chưa lập được báo cáo; \
         báo cáo được lập từ phần đánh giá của kế hoạch hằng năm."
    )]
    ReportNeedsEvaluation,
    #[error("Báo cáo chỉ xuất được ra Word (.docx) hoặc PDF.")]
    ReportFormat,
}

/// What went wrong, for a shell to switch on. Serialised in snake_case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// No plan is open (the app).
    NoPlan,
    /// A file that should exist does not.
    NotFound,
    /// A plan file to create exists already.
    AlreadyExists,
    /// The file is not a plan file of this program.
    NotAPlan,
    /// The plan file comes from a newer version.
    NewerVersion,
    /// The plan file is open in another program.
    Locked,
    /// The plan file (or its folder) cannot be written: it opens read-only.
    ReadOnly,
    /// The plan file is damaged.
    Corrupt,
    /// The request itself is invalid (a field, a year, a path, an edit).
    Invalid,
    /// The plan refuses the change (an item that is missing or already there, a Khung
    /// section, a revision that does not exist).
    Conflict,
    /// The output would replace its own input or a plan file.
    Overwrite,
    /// The password of the certificate file or the PIN of the token is wrong.
    WrongPassword,
    /// The certificate, key or token cannot sign.
    Certificate,
    /// The document to sign or verify (or an image) cannot be used.
    Document,
    /// The document carries no signature.
    NotSigned,
    /// The certificate's holder is not the plan's signer; asking again with the holder
    /// accepted signs.
    HolderMismatch,
    /// The app only opens or signs files it exported in this session.
    NotExported,
    /// Reading or writing failed.
    Io,
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Store(e) => store_kind(e),
            Error::Sign(e) => sign_kind(e),
            Error::Request(_) | Error::Derive(_) => ErrorKind::Invalid,
            Error::Import {
                source: crate::interchange::ImportError::Read { .. },
                ..
            } => ErrorKind::Io,
            Error::Import { .. } => ErrorKind::Invalid,
            Error::OverwritesInput(_) | Error::OverwritesPlan(_) => ErrorKind::Overwrite,
            Error::Write { .. } | Error::Read { .. } | Error::Render { .. } => ErrorKind::Io,
            Error::SignatureNotVerified => ErrorKind::Certificate,
            Error::HolderMismatch { .. } => ErrorKind::HolderMismatch,
        }
    }
}

fn store_kind(e: &StoreError) -> ErrorKind {
    match e {
        StoreError::NotFound(_) => ErrorKind::NotFound,
        StoreError::AlreadyExists(_) => ErrorKind::AlreadyExists,
        StoreError::NotAPlanFile(_) => ErrorKind::NotAPlan,
        StoreError::NewerVersion { .. } => ErrorKind::NewerVersion,
        StoreError::Locked(_) => ErrorKind::Locked,
        StoreError::ReadOnly(_) => ErrorKind::ReadOnly,
        StoreError::OutOfRange(_) | StoreError::TooDeep => ErrorKind::Invalid,
        StoreError::Corrupt { .. } | StoreError::BadData(_) => ErrorKind::Corrupt,
        StoreError::MissingItem { .. }
        | StoreError::DuplicateItem { .. }
        | StoreError::FrameworkSectionLocked(_)
        | StoreError::NoSuchRevision(_) => ErrorKind::Conflict,
        // I/O and SQLite failures, and kinds the store may add later.
        #[allow(unreachable_patterns)]
        _ => ErrorKind::Io,
    }
}

fn sign_kind(e: &SignError) -> ErrorKind {
    match e {
        SignError::WrongPassword | SignError::WrongPin => ErrorKind::WrongPassword,
        SignError::NoPrivateKey
        | SignError::BadPkcs12(_)
        | SignError::UnsupportedKey(_)
        | SignError::KeyCertificateMismatch
        | SignError::Token(_)
        | SignError::PinLocked
        | SignError::Signing(_) => ErrorKind::Certificate,
        SignError::BadImage { .. }
        | SignError::UnknownFormat
        | SignError::MalformedDocument(_)
        | SignError::UnsupportedPdf(_) => ErrorKind::Document,
        SignError::NotSigned => ErrorKind::NotSigned,
        #[allow(unreachable_patterns)]
        _ => ErrorKind::Io,
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
