//! One edit of the open plan: parsed from what the shell received, normalised to NFC,
//! checked, applied durably, and the plan validated again.

use std::collections::BTreeMap;
use std::time::Instant;

use serde::Serialize;

use super::{RequestError, Result};
use crate::model::normalize_value;
use crate::store::{Edit, Item, PlanFile};
use crate::validate::{self, Finding};
use crate::vocabulary::{filled_sections, TASK_AREAS};

/// The plan after an edit, as the drafter's screen needs it.
#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    pub findings: Vec<Finding>,
    /// See [`super::PlanState::filled`].
    pub filled: BTreeMap<String, bool>,
    /// Time to apply the edit durably, milliseconds.
    pub apply_ms: f64,
    /// Time to reload and validate the plan, milliseconds.
    pub validate_ms: f64,
}

/// An edit from its JSON form (the store's `Edit`), text normalised to NFC.
pub fn parse(mut value: serde_json::Value) -> Result<Edit, RequestError> {
    normalize_value(&mut value);
    let edit: Edit =
        serde_json::from_value(value).map_err(|e| RequestError::Edit(e.to_string()))?;
    check(&edit)?;
    Ok(edit)
}

/// What the store takes on trust: ids are not blank, tasks belong to an area of III.
pub fn check(edit: &Edit) -> Result<(), RequestError> {
    let id = match edit {
        Edit::PutItem { item, .. } => match item {
            Item::Indicator(i) => &i.id,
            Item::Task(t) => &t.id,
            Item::Responsibility(r) => &r.id,
        },
        Edit::InsertSection { section, .. } => &section.id,
        _ => return Ok(()),
    };
    if id.trim().is_empty() {
        return Err(RequestError::EmptyId);
    }
    if let Edit::PutItem {
        item: Item::Task(task),
        ..
    } = edit
    {
        if !TASK_AREAS.contains(&task.area) {
            return Err(RequestError::TaskArea(task.name.clone()));
        }
    }
    Ok(())
}

/// Applies `edit` in one durable transaction and validates the plan after it.
pub fn apply(file: &mut PlanFile, edit: &Edit) -> Result<Applied> {
    check(edit)?;
    let started = Instant::now();
    file.apply(edit)?;
    let applied = started.elapsed();
    let plan = file.load()?;
    let findings = validate::validate(&plan);
    Ok(Applied {
        findings,
        filled: filled_sections(&plan),
        apply_ms: applied.as_secs_f64() * 1000.0,
        validate_ms: (started.elapsed() - applied).as_secs_f64() * 1000.0,
    })
}
