//! The use cases, each once: the CLI (`src/cli/`) and the app (`src-tauri/`) only parse
//! what they receive, call one of these and present the result.
//!
//! - [`new_plan`]: a new plan file from a request (level, kind, year, sample).
//! - [`derive`]: an annual plan from the five-year plan (and last year's annual plan).
//! - [`open`]: open a plan file; the plan with its findings and filled sections.
//! - [`edit`]: one edit, checked, applied durably, the plan validated again.
//! - [`history`]: save a revision with a note, list the revisions, restore one (naming
//!   the damaged parts it could not bring back).
//! - [`import`]: a plan from the JSON interchange format, into a new or existing file.
//! - [`export`]: snapshot, build, write atomically — never over the plan.
//! - [`sign`]: sign an export (verified before it is written) and verify.
//!
//! Errors carry an [`ErrorKind`] a shell switches on, and a Vietnamese message.

pub mod derive;
pub mod edit;
mod error;
pub mod export;
pub mod history;
pub mod import;
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
