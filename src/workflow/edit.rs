//! One step of editing the open plan: one edit, or several that belong together (e.g.
//! "Thêm tất cả chỉ tiêu tối thiểu", or their undo), parsed from what the shell
//! received, normalised to NFC, checked, applied durably in one transaction — all or
//! none — and the plan validated again.

use std::collections::BTreeMap;
use std::time::Instant;

use serde::Serialize;

use super::{RequestError, Result};
use crate::model::normalize_value;
use crate::store::{Edit, Item, PlanFile};
use crate::validate::{self, Finding};
use crate::vocabulary::{filled, TASK_AREAS};

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

/// A step from its JSON form: one of the store's `Edit`s, or a list of them applied
/// together. Text is normalised to NFC.
pub fn parse(mut value: serde_json::Value) -> Result<Vec<Edit>, RequestError> {
    normalize_value(&mut value);
    let edits = match value {
        serde_json::Value::Array(list) => list.into_iter().map(edit_from).collect(),
        one => edit_from(one).map(|e| vec![e]),
    }?;
    if edits.is_empty() {
        return Err(RequestError::Edit("danh sách thao tác trống.".into()));
    }
    edits.iter().try_for_each(check)?;
    Ok(edits)
}

fn edit_from(value: serde_json::Value) -> Result<Edit, RequestError> {
    serde_json::from_value(value).map_err(|e| RequestError::Edit(e.to_string()))
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

/// Applies `edits` in one durable transaction and validates the plan after them.
pub fn apply(file: &mut PlanFile, edits: &[Edit]) -> Result<Applied> {
    edits.iter().try_for_each(check)?;
    let started = Instant::now();
    file.apply_all(edits)?;
    let applied = started.elapsed();
    let plan = file.load()?;
    let findings = validate::validate(&plan);
    Ok(Applied {
        findings,
        filled: filled(&plan),
        apply_ms: applied.as_secs_f64() * 1000.0,
        validate_ms: (started.elapsed() - applied).as_secs_f64() * 1000.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Level;
    use crate::workflow::new_plan::{create, NewPlan};
    use serde_json::json;

    fn indicator(id: &str) -> serde_json::Value {
        json!({"op": "put-item", "item": {"list": "indicator", "value": {
            "id": id, "group": "digital-society", "name": "Chỉ tiêu", "unit": "%"}}})
    }

    #[test]
    fn a_step_of_several_edits_is_applied_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let (mut file, _) = create(&NewPlan::new(dir.path().join("k.khcds"), Level::Tinh)).unwrap();
        let step = parse(json!([indicator("a"), indicator("b")])).unwrap();
        assert_eq!(step.len(), 2);
        apply(&mut file, &step).unwrap();
        assert_eq!(file.load().unwrap().indicators.len(), 2);
        // The second edit fails (no such item): the first is not applied either.
        let failing = parse(json!([
            indicator("c"),
            {"op": "delete-item", "list": "indicator", "id": "khong-co"}
        ]))
        .unwrap();
        assert!(apply(&mut file, &failing).is_err());
        assert_eq!(file.load().unwrap().indicators.len(), 2);
        assert!(parse(json!([])).is_err());
        assert_eq!(parse(indicator("d")).unwrap().len(), 1);
    }
}
