//! The use cases, each once: the CLI (`src/cli/`) and the app (`src-tauri/`) only parse
//! what they receive, call one of these and present the result.
//!
//! - [`new_plan`]: a new plan file from a request (level, kind, year, sample).
//! - [`open`]: open a plan file; the plan with its findings and filled sections.
//! - [`edit`]: one edit, checked, applied durably, the plan validated again.
//! - [`history`]: save a revision with a note.
//! - [`export`]: snapshot, build, write atomically — never over the plan.
//! - [`sign`]: sign an export (verified before it is written) and verify.
//!
//! Errors carry an [`ErrorKind`] a shell switches on, and a Vietnamese message.

pub mod edit;
mod error;
pub mod export;
pub mod history;
pub mod new_plan;
pub mod open;
pub mod output;
pub mod sign;

pub use edit::Applied;
pub use error::{Error, ErrorKind, RequestError, Result};
pub use export::ExportFormat;
pub use new_plan::{KindChoice, NewPlan};
pub use open::PlanState;
pub use sign::{KeySource, SignDocument, Signed};

/// An I/O error in words a drafter can act on; the system's own text (often English)
/// only for the rare cases without one.
pub(crate) fn io_detail(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "không tìm thấy tệp hoặc thư mục".to_owned(),
        K::PermissionDenied => "không có quyền truy cập".to_owned(),
        K::IsADirectory => "đó là một thư mục".to_owned(),
        K::StorageFull => "ổ đĩa đã đầy".to_owned(),
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho phép đọc".to_owned(),
        _ => e.to_string(),
    }
}
