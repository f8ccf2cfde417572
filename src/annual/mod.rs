//! The yearly cycle: annual plans derived from the five-year plan, each opening with the
//! evaluation of the previous year.
//!
//! `derive` builds the annual plan of a year (carried indicators with the year's targets,
//! tasks running in the year, the evaluation to fill in); `summary` counts an evaluation
//! by status and writes the sentences the document prints; `guidance` is the evaluation's
//! structure and guidance, from `assets/framework/danh-gia-nam.json`.

mod derive;
mod guidance;
pub mod summary;

pub use derive::{derive_annual, reference, DeriveError};
pub use guidance::{evaluation_guidance, EvaluationGuidance, EvaluationSection, NarrativeGuidance};
