//! A new plan file from a request: empty (the Khung's sections) or the sample.

use std::path::{Path, PathBuf};

use super::{RequestError, Result};
use crate::model::{Level, Plan, PlanKind};
use crate::store::{PlanFile, StoreError, EXTENSION};
use crate::vocabulary::is_plan_year;
use crate::{framework, sample};

/// Five-year or annual, as asked for before the year is known to be valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindChoice {
    FiveYear,
    Annual,
}

impl KindChoice {
    /// "five-year" or "annual".
    pub fn parse(id: &str) -> Result<KindChoice, RequestError> {
        match id {
            "five-year" => Ok(KindChoice::FiveYear),
            "annual" => Ok(KindChoice::Annual),
            other => Err(RequestError::UnknownKind(other.to_owned())),
        }
    }
}

/// What to create. Start from [`NewPlan::new`] and set the fields asked for, so that a
/// field added later keeps its default everywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlan {
    pub path: PathBuf,
    pub level: Level,
    pub kind: KindChoice,
    /// The year of an annual plan (2026–2030); none for the five-year plan.
    pub year: Option<i32>,
    /// Fill the realistic sample plan instead of the empty Khung.
    pub sample: bool,
    /// Multiply the sample's content (benchmarks); 1 otherwise.
    pub scale: u32,
}

impl NewPlan {
    /// An empty five-year plan at `path`.
    pub fn new(path: impl Into<PathBuf>, level: Level) -> NewPlan {
        NewPlan {
            path: path.into(),
            level,
            kind: KindChoice::FiveYear,
            year: None,
            sample: false,
            scale: 1,
        }
    }

    /// The plan kind asked for, checked.
    pub fn plan_kind(&self) -> Result<PlanKind, RequestError> {
        match (self.kind, self.year) {
            (KindChoice::FiveYear, None) => Ok(PlanKind::FiveYear),
            (KindChoice::FiveYear, Some(_)) => Err(RequestError::YearOnlyForAnnual),
            (KindChoice::Annual, None) => Err(RequestError::AnnualNeedsYear),
            (KindChoice::Annual, Some(year)) if is_plan_year(year) => Ok(PlanKind::Annual { year }),
            (KindChoice::Annual, Some(year)) => Err(RequestError::YearOutOfRange(year)),
        }
    }
}

/// Checks a plan file path: not empty, with the plan extension.
pub fn plan_path(path: &Path) -> Result<(), RequestError> {
    if path.as_os_str().is_empty() {
        return Err(RequestError::MissingPath("tệp kế hoạch"));
    }
    if path.extension().and_then(|e| e.to_str()) != Some(EXTENSION) {
        return Err(RequestError::PlanExtension);
    }
    Ok(())
}

/// Creates the plan file (and its folder) and returns it open, with the plan created.
pub fn create(request: &NewPlan) -> Result<(PlanFile, Plan)> {
    plan_path(&request.path)?;
    let kind = request.plan_kind()?;
    let path = &request.path;
    if path.exists() {
        return Err(StoreError::AlreadyExists(path.clone()).into());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| super::Error::Write {
            path: dir.to_owned(),
            detail: super::io_detail(&e),
        })?;
    }
    let plan = if request.sample {
        sample::sample_plan(request.level, kind, request.scale)
    } else {
        framework::current().empty_plan(request.level, kind)
    };
    let file = PlanFile::create(path, &plan)?;
    Ok((file, plan))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_belongs_to_annual_plans_of_the_cycle() {
        let mut r = NewPlan::new("a.khcds", Level::Bo);
        assert_eq!(r.plan_kind(), Ok(PlanKind::FiveYear));
        r.year = Some(2027);
        assert_eq!(r.plan_kind(), Err(RequestError::YearOnlyForAnnual));
        r.kind = KindChoice::Annual;
        assert_eq!(r.plan_kind(), Ok(PlanKind::Annual { year: 2027 }));
        r.year = Some(2031);
        assert_eq!(r.plan_kind(), Err(RequestError::YearOutOfRange(2031)));
        r.year = None;
        assert_eq!(r.plan_kind(), Err(RequestError::AnnualNeedsYear));
    }
}
