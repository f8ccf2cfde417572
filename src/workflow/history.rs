//! Revisions the drafter saves and brings back.

use super::{RequestError, Result};
use crate::model::normalize_nfc;
use crate::store::{PlanFile, RevisionReason};

/// The longest note a saved revision carries.
pub const LABEL_MAX_CHARS: usize = 200;

/// Saves the plan as a revision with the drafter's note; returns its number.
pub fn snapshot(file: &mut PlanFile, label: &str) -> Result<i64> {
    let label = normalize_nfc(label.trim());
    if label.chars().count() > LABEL_MAX_CHARS {
        return Err(RequestError::LabelTooLong(LABEL_MAX_CHARS).into());
    }
    Ok(file.snapshot(RevisionReason::Manual, &label)?)
}
