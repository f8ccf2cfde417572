//! Engine of the Kế hoạch chuyển đổi số drafting tool: plan model, the Khung as data,
//! the `.khcds` store, JSON interchange, validation, the document model and its layout
//! rules. No GUI dependency: the desktop shell in `src-tauri/` and the `khcds` CLI are
//! thin layers over this crate.

pub mod atomic_file;
pub mod catalog;
pub mod document;
pub mod docx;
pub mod framework;
pub mod interchange;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod sample;
pub mod sign;
pub mod store;
pub mod validate;
pub mod vocabulary;
pub mod workflow;
