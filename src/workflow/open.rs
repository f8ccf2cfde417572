//! Open a plan file and read the plan as the drafter works on it: the plan, its findings
//! and which sections have content.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::Result;
use crate::model::Plan;
use crate::store::PlanFile;
use crate::validate::{self, Finding};
use crate::vocabulary::filled;

/// The plan with what the engine says about it.
#[derive(Debug, Clone, Serialize)]
pub struct PlanState {
    pub plan: Plan,
    pub findings: Vec<Finding>,
    /// Every section id: whether it has content (own, generated or a sub-section's), as
    /// the validator counts it; and the parts outside the sections ("header", "opening",
    /// "closing", "evaluation"): whether they are filled in (`vocabulary::filled`).
    pub filled: BTreeMap<String, bool>,
}

impl PlanState {
    pub fn of(plan: Plan) -> PlanState {
        PlanState {
            findings: validate::validate(&plan),
            filled: filled(&plan),
            plan,
        }
    }
}

/// Opens a plan file (refusing what is not one, is newer, damaged or open elsewhere).
pub fn open(path: &Path) -> Result<PlanFile> {
    Ok(PlanFile::open(path)?)
}

/// The plan in `file` now, validated.
pub fn read(file: &PlanFile) -> Result<PlanState> {
    Ok(PlanState::of(file.load()?))
}
