//! Validation speed: the app validates on every change, so the `--scale 10` sample
//! (about 500 tasks, 100 printed pages) must validate in well under 20 ms.
//! Run with `cargo bench --bench validate`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use khcds::framework;
use khcds::model::{Level, PlanKind};
use khcds::sample::sample_plan;
use khcds::validate::{validate_with, Context};

const TARGET: Duration = Duration::from_millis(20);

fn measure(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn percentile(times: &[Duration], p: f64) -> Duration {
    times[((times.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let ctx = Context::current();
    let mut worst = Duration::ZERO;
    for (label, level, kind, scale) in [
        (
            "tỉnh, 2026–2030, scale 1",
            Level::Tinh,
            PlanKind::FiveYear,
            1,
        ),
        (
            "tỉnh, 2026–2030, scale 10",
            Level::Tinh,
            PlanKind::FiveYear,
            10,
        ),
        ("bộ, 2026–2030, scale 10", Level::Bo, PlanKind::FiveYear, 10),
        (
            "tỉnh, năm 2026, scale 10",
            Level::Tinh,
            PlanKind::Annual { year: 2026 },
            10,
        ),
    ] {
        let plan = sample_plan(level, kind, scale);
        let findings = validate_with(&plan, &ctx);
        // Warm up, then measure.
        for _ in 0..5 {
            black_box(validate_with(black_box(&plan), &ctx));
        }
        let times = measure(200, || {
            black_box(validate_with(black_box(&plan), &ctx));
        });
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let p50 = percentile(&times, 0.5);
        let p99 = percentile(&times, 0.99);
        if scale == 10 {
            worst = worst.max(p99);
        }
        println!(
            "validate {label:<28} {:>4} tasks {:>3} indicators {:>3} findings   p50 {:>7.3} ms   p99 {:>7.3} ms   max {:>7.3} ms",
            plan.tasks.len(),
            plan.indicators.len(),
            findings.len(),
            ms(p50),
            ms(p99),
            ms(*times.last().unwrap())
        );
    }
    let empty = framework::current().empty_plan(Level::Tinh, PlanKind::FiveYear);
    let times = measure(200, || {
        black_box(validate_with(black_box(&empty), &ctx));
    });
    println!(
        "validate empty plan                    {:>3} findings   p50 {:>7.3} ms",
        validate_with(&empty, &ctx).len(),
        percentile(&times, 0.5).as_secs_f64() * 1e3
    );
    println!(
        "target: p99 under {} ms on the scale-10 plans: {}",
        TARGET.as_millis(),
        if worst < TARGET { "met" } else { "NOT MET" }
    );
}
