//! An annual plan derived from the five-year plan (and last year's annual plan): both
//! files read, the plan derived by the engine, the new file written. Nothing is written
//! when a file cannot be read or the engine refuses.

use std::path::PathBuf;

use super::new_plan::plan_path;
use super::Result;
use crate::model::Plan;
use crate::store::{PlanFile, StoreError};

/// What to derive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeriveAnnual {
    /// The new plan file.
    pub path: PathBuf,
    pub year: i32,
    /// The five-year plan.
    pub from: PathBuf,
    /// Last year's annual plan, when there is one.
    pub previous: Option<PathBuf>,
}

/// Derives and writes the annual plan; returns it.
pub fn derive_annual_file(request: &DeriveAnnual) -> Result<Plan> {
    check_output(request)?;
    let parent = PlanFile::open(&request.from)?.load()?;
    derive_and_write(&parent, request)
}

/// The same from a five-year plan already loaded (the app holds its file open and
/// locked, so it cannot be opened a second time); `request.from` is not read.
pub fn derive_annual_from(parent: &Plan, request: &DeriveAnnual) -> Result<Plan> {
    check_output(request)?;
    derive_and_write(parent, request)
}

fn check_output(request: &DeriveAnnual) -> Result<()> {
    plan_path(&request.path)?;
    if request.path.exists() {
        return Err(StoreError::AlreadyExists(request.path.clone()).into());
    }
    Ok(())
}

fn derive_and_write(parent: &Plan, request: &DeriveAnnual) -> Result<Plan> {
    let previous = match &request.previous {
        Some(path) => Some(PlanFile::open(path)?.load()?),
        None => None,
    };
    let plan = crate::annual::derive_annual(parent, request.year, previous.as_ref())?;
    drop(PlanFile::create(&request.path, &plan)?);
    Ok(plan)
}
