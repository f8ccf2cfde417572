//! Revisions the drafter saves, lists and brings back.

use super::{RequestError, Result};
use crate::model::normalize_nfc;
use crate::store::{PlanFile, RevisionInfo, RevisionReason};

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

/// The saved revisions that can be read, oldest first (damaged ones are named by
/// [`PlanFile::problems`]).
pub fn revisions(file: &PlanFile) -> Result<Vec<RevisionInfo>> {
    Ok(file.revisions()?)
}

/// What a restore brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The revision now in the plan.
    pub id: i64,
    /// One Vietnamese sentence per damaged part of the revision: read as its default
    /// or left out.
    pub dropped: Vec<String>,
}

/// Brings back revision `id`, after saving the current plan as a revision.
pub fn restore(file: &mut PlanFile, id: i64) -> Result<Restored> {
    let dropped = file.restore(id)?;
    Ok(Restored { id, dropped })
}
