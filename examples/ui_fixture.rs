//! Writes the engine's data for the UI tests (`ui/tests`, mocked IPC) as one JSON object,
//! so the mock serves what the engine produces instead of re-implementing it: the sample
//! plan with its findings and page preview, and the same plan with a few defects (a
//! blank place name, a task of III.3 without name or lead unit) with its findings.
//! Run by the test harness: `cargo run --quiet --example ui_fixture > fixture.json`.

use khcds::model::{Level, Plan, PlanKind};
use khcds::pdf::{preview::preview, FontSet};
use serde_json::{json, Value};

fn with_findings(plan: &Plan) -> Value {
    json!({ "plan": plan, "findings": khcds::validate::validate(plan) })
}

fn main() {
    let plan = khcds::sample::sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    let mut defective = plan.clone();
    defective.header.place.clear();
    if let Some(task) = defective.tasks.iter_mut().find(|t| t.area == 3) {
        task.name.clear();
        task.lead_unit.clear();
    }
    let fixture = json!({
        "sample": with_findings(&plan),
        "preview": preview(&plan, &FontSet::bundled()),
        "defective": with_findings(&defective),
    });
    println!("{fixture}");
}
