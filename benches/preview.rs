//! The app's live preview (`pdf::preview`): the sample plan's pages as the webview draws
//! them. Targets (issue 14): first paint data under 500 ms, update after an edit under
//! 300 ms at the 95th percentile, on the 2-core development machine.
//! Run with `cargo bench --bench preview`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use khcds::model::{Block, Level, PlanKind};
use khcds::pdf::{preview::preview, FontSet};
use khcds::sample::sample_plan;

const FIRST_PAINT: Duration = Duration::from_millis(500);
const UPDATE_P95: Duration = Duration::from_millis(300);

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let mut plan = sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    // First paint: fonts loaded, the plan laid out and serialised, as the app's first call.
    let start = Instant::now();
    let fonts = FontSet::load();
    let first = preview(&plan, &fonts);
    let json = serde_json::to_vec(&first).expect("preview serialises");
    let first_paint = start.elapsed();
    println!(
        "preview, sample plan (tỉnh, scale 1): {} pages, {} KiB of JSON; first paint data {:.1} ms (target < {} ms)",
        first.pages.len(),
        json.len() / 1024,
        ms(first_paint),
        FIRST_PAINT.as_millis()
    );
    // Updates: one edit (a paragraph typed into II.1), then the whole preview again.
    let mut times = Vec::new();
    for i in 0..30 {
        let section = plan
            .sections
            .iter_mut()
            .find(|s| s.id == "II")
            .and_then(|s| s.children.first_mut())
            .expect("section II.1 in the sample");
        section.content.push(Block::paragraph(format!(
            "Đoạn văn thêm số {i} để đo thời gian cập nhật bản xem trước."
        )));
        let start = Instant::now();
        let p = preview(&plan, &fonts);
        black_box(serde_json::to_vec(&p).expect("preview serialises"));
        times.push(start.elapsed());
    }
    times.sort();
    let p95 = times[((times.len() - 1) as f64 * 0.95).round() as usize];
    println!(
        "update after an edit, {} runs: median {:.1} ms, p95 {:.1} ms (target < {} ms)",
        times.len(),
        ms(times[times.len() / 2]),
        ms(p95),
        UPDATE_P95.as_millis()
    );
    assert!(first_paint < FIRST_PAINT, "first paint {first_paint:?}");
    assert!(p95 < UPDATE_P95, "update p95 {p95:?}");
}
