use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use crate::model::OutOfRange;

/// Why a plan file could not be opened, read or changed. Messages are shown to drafters
/// as they are, so they are Vietnamese and say what to do; SQLite's and the operating
/// system's own (English) texts never reach them.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Không tìm thấy tệp «{0}».")]
    NotFound(PathBuf),
    #[error("Tệp «{0}» đã tồn tại; hãy chọn tên khác.")]
    AlreadyExists(PathBuf),
    #[error(
        "Tệp «{0}» không phải là tệp kế hoạch (.khcds) của chương trình này; tệp được giữ nguyên."
    )]
    NotAPlanFile(PathBuf),
    #[error("Tệp «{path}» được tạo bởi phiên bản mới hơn của chương trình (định dạng {found}, phiên bản này đọc được đến {supported}). Hãy cập nhật chương trình; tệp được giữ nguyên.")]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error(
        "Tệp «{0}» đang được mở bởi một chương trình khác. Hãy đóng chương trình đó rồi thử lại."
    )]
    Locked(PathBuf),
    #[error("Tệp «{0}» chỉ được phép đọc (tệp hoặc thư mục chứa nó không cho ghi), nên không sửa được. Hãy chép tệp sang một thư mục của mình, hoặc cấp quyền ghi, rồi mở lại.")]
    ReadOnly(PathBuf),
    #[error("Tệp «{path}» bị hỏng ({detail}); tệp được giữ nguyên. Hãy mở bản sao lưu gần nhất.")]
    Corrupt { path: PathBuf, detail: String },
    #[error("Không tìm thấy {what} «{id}» trong kế hoạch.")]
    MissingItem { what: &'static str, id: String },
    #[error("Đã có {what} với mã «{id}» trong kế hoạch.")]
    DuplicateItem { what: &'static str, id: String },
    #[error("Không thể xóa mục «{0}» của Khung; chỉ xóa được mục do người soạn thêm vào.")]
    FrameworkSectionLocked(String),
    #[error("Không có phiên bản lưu số {0}.")]
    NoSuchRevision(i64),
    #[error("Dữ liệu trong tệp không đọc được ({0}).")]
    BadData(String),
    #[error("Không lưu được: {0}")]
    OutOfRange(#[from] OutOfRange),
    #[error(
        "Các mục lồng nhau quá {} cấp; hãy đưa bớt mục con lên cấp trên.",
        crate::model::MAX_SECTION_DEPTH
    )]
    TooDeep,
    #[error("Không đọc hoặc ghi được tệp: {}", io_message(.0))]
    Io(#[from] std::io::Error),
    #[error("{}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    /// An I/O error on `path`, with "not found" named as such.
    pub(super) fn from_io(path: &Path, e: std::io::Error) -> StoreError {
        match e.kind() {
            std::io::ErrorKind::NotFound => StoreError::NotFound(path.to_owned()),
            std::io::ErrorKind::IsADirectory => StoreError::NotAPlanFile(path.to_owned()),
            _ => StoreError::Io(e),
        }
    }
}

/// The Vietnamese wording of an operating-system error, with what to do about it.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if let Some(own) = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<Explained>())
    {
        return own.0.clone();
    }
    // Errors the standard library has no stable kind for are told by their errno.
    #[cfg(unix)]
    match e.raw_os_error() {
        Some(libc::ENOSPC) => return DISK_FULL.into(),
        Some(libc::EDQUOT) => {
            return "đã hết hạn mức dung lượng của người dùng; hãy xóa bớt tệp rồi thử lại".into()
        }
        Some(libc::EROFS) => return READ_ONLY.into(),
        Some(libc::EFBIG) => return "tệp vượt quá kích thước hệ thống cho phép".into(),
        Some(libc::EIO) => return DEVICE.into(),
        Some(libc::ENAMETOOLONG) => return "tên tệp quá dài; hãy đặt tên ngắn hơn".into(),
        _ => {}
    }
    match e.kind() {
        K::NotFound => "không tìm thấy tệp hoặc thư mục; hãy kiểm tra lại đường dẫn".into(),
        K::PermissionDenied => {
            "không có quyền truy cập; hãy kiểm tra quyền của tệp và thư mục".into()
        }
        K::AlreadyExists => "tệp đã tồn tại; hãy chọn tên khác".into(),
        K::StorageFull => DISK_FULL.into(),
        K::ReadOnlyFilesystem => READ_ONLY.into(),
        K::IsADirectory => "đây là một thư mục, không phải tệp".into(),
        K::NotADirectory => "một phần của đường dẫn không phải là thư mục".into(),
        K::InvalidData => "nội dung tệp không đọc được (tệp văn bản phải ở mã UTF-8)".into(),
        K::UnexpectedEof => "tệp kết thúc giữa chừng (có thể đã bị cắt cụt)".into(),
        K::FileTooLarge => "tệp vượt quá kích thước hệ thống cho phép".into(),
        K::OutOfMemory => "không đủ bộ nhớ; hãy đóng bớt chương trình rồi thử lại".into(),
        K::Interrupted | K::WouldBlock | K::TimedOut => "thao tác bị gián đoạn; hãy thử lại".into(),
        _ => match e.raw_os_error() {
            Some(code) => format!(
                "lỗi hệ điều hành số {code}; hãy thử lại, nếu vẫn lỗi hãy chép tệp sang ổ đĩa khác"
            ),
            None => "lỗi đọc/ghi không xác định; hãy thử lại".into(),
        },
    }
}

const DISK_FULL: &str = "ổ đĩa đã đầy; hãy giải phóng dung lượng rồi thử lại";
const READ_ONLY: &str = "ổ đĩa hoặc thư mục chỉ cho phép đọc; hãy lưu vào thư mục khác";
const DEVICE: &str =
    "lỗi thiết bị khi đọc/ghi (ổ đĩa bị rút ra, mất kết nối mạng hoặc hỏng); hãy kiểm tra ổ đĩa rồi thử lại";

/// An I/O error whose message is already Vietnamese (see [`explained`]).
#[derive(Debug)]
struct Explained(String);

impl std::fmt::Display for Explained {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Explained {}

/// The same error with its message in Vietnamese, for APIs that return `io::Error`
/// (its `Display` is then the Vietnamese text).
pub fn explained(e: std::io::Error) -> std::io::Error {
    let message = io_message(&e);
    std::io::Error::new(e.kind(), Explained(message))
}

/// An I/O error with a Vietnamese message of our own.
pub(crate) fn io_error(kind: std::io::ErrorKind, message: &str) -> std::io::Error {
    std::io::Error::new(kind, Explained(message.to_owned()))
}

/// The Vietnamese wording of an SQLite error, with what to do about it.
pub fn sqlite_message(e: &rusqlite::Error) -> String {
    let code = match e {
        rusqlite::Error::SqliteFailure(failure, _) => failure.code,
        rusqlite::Error::ToSqlConversionFailure(_)
        | rusqlite::Error::FromSqlConversionFailure(..)
        | rusqlite::Error::InvalidColumnType(..)
        | rusqlite::Error::IntegralValueOutOfRange(..)
        | rusqlite::Error::Utf8Error(..) => {
            return "Dữ liệu trong tệp kế hoạch không đúng kiểu; hãy mở bản sao lưu gần nhất."
                .into()
        }
        _ => return "Lỗi khi đọc/ghi tệp kế hoạch; hãy thử lại.".into(),
    };
    let what = match code {
        ErrorCode::DiskFull => DISK_FULL,
        ErrorCode::ReadOnly => READ_ONLY,
        ErrorCode::PermissionDenied | ErrorCode::AuthorizationForStatementDenied => {
            "không có quyền truy cập tệp; hãy kiểm tra quyền của tệp và thư mục"
        }
        ErrorCode::CannotOpen => {
            "không mở được tệp; hãy kiểm tra thư mục chứa tệp còn tồn tại và cho phép ghi"
        }
        ErrorCode::SystemIoFailure => DEVICE,
        ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => {
            "tệp bị hỏng; hãy mở bản sao lưu gần nhất"
        }
        ErrorCode::DatabaseBusy
        | ErrorCode::DatabaseLocked
        | ErrorCode::FileLockingProtocolFailed => {
            "tệp đang được một chương trình khác dùng; hãy đóng chương trình đó rồi thử lại"
        }
        ErrorCode::OutOfMemory => "không đủ bộ nhớ; hãy đóng bớt chương trình rồi thử lại",
        ErrorCode::TooBig => "dữ liệu quá lớn để lưu",
        ErrorCode::ConstraintViolation => "dữ liệu trùng hoặc trái ràng buộc của tệp",
        ErrorCode::SchemaChanged => "cấu trúc tệp vừa thay đổi; hãy mở lại tệp",
        _ => "lỗi cơ sở dữ liệu không xác định; hãy thử lại, nếu vẫn lỗi hãy mở bản sao lưu",
    };
    format!("Lỗi khi đọc/ghi tệp kế hoạch: {what}.")
}
