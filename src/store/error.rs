use std::path::PathBuf;

/// Why a plan file could not be opened, read or changed. Messages are shown to drafters
/// as they are, so they are Vietnamese and say what to do.
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
    #[error("Lỗi đọc/ghi tệp: {0}")]
    Io(#[from] std::io::Error),
    #[error("Lỗi cơ sở dữ liệu: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
