//! Writes the engine's data for the UI tests (`ui/tests`, mocked IPC) as one JSON object,
//! so the mock serves what the engine produces instead of re-implementing it: the sample
//! plan, its findings and its page preview. Run by the test harness:
//! `cargo run --quiet --example ui_fixture > fixture.json`.

use khcds::model::{Level, PlanKind};
use khcds::pdf::{preview::preview, FontSet};

fn main() {
    let plan = khcds::sample::sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    let fixture = serde_json::json!({
        "findings": khcds::validate::validate(&plan),
        "preview": preview(&plan, &FontSet::bundled()),
        "plan": plan,
    });
    println!("{fixture}");
}
