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

/// CPU time of this thread so far, on Linux (`/proc/thread-self/schedstat`; updated at
/// scheduler ticks, so only meaningful over many runs). On a shared machine the
/// wall-clock time also counts the waits for a free core; the mean CPU time does not.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Sorted wall-clock times of `runs` calls, and their mean CPU time.
fn measure(runs: usize, mut f: impl FnMut()) -> (Vec<Duration>, Option<Duration>) {
    let mut wall = Vec::with_capacity(runs);
    let cpu_start = cpu_time();
    for _ in 0..runs {
        let start = Instant::now();
        f();
        wall.push(start.elapsed());
    }
    let cpu = match (cpu_start, cpu_time()) {
        (Some(a), Some(b)) => Some(b.saturating_sub(a) / runs as u32),
        _ => None,
    };
    wall.sort();
    (wall, cpu)
}

fn percentile(times: &[Duration], p: f64) -> Duration {
    times[((times.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let ctx = Context::current();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mut worst_wall = Duration::ZERO;
    let mut worst_cpu = Duration::ZERO;
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
        let (wall, cpu) = measure(300, || {
            black_box(validate_with(black_box(&plan), &ctx));
        });
        if scale == 10 {
            worst_wall = worst_wall.max(percentile(&wall, 0.99));
            worst_cpu = worst_cpu.max(cpu.unwrap_or_default());
        }
        let cpu_text = cpu.map_or(String::new(), |c| format!("   cpu mean {:>6.3} ms", ms(c)));
        println!(
            "validate {label:<26} {:>4} tasks {:>3} indicators {:>3} findings   wall p50 {:>6.3} ms p99 {:>6.3} ms max {:>6.3} ms{cpu_text}",
            plan.tasks.len(),
            plan.indicators.len(),
            findings.len(),
            ms(percentile(&wall, 0.5)),
            ms(percentile(&wall, 0.99)),
            ms(*wall.last().unwrap())
        );
    }
    let empty = framework::current().empty_plan(Level::Tinh, PlanKind::FiveYear);
    let (wall, _) = measure(300, || {
        black_box(validate_with(black_box(&empty), &ctx));
    });
    println!(
        "validate empty plan                    {:>3} findings   wall p50 {:>6.3} ms",
        validate_with(&empty, &ctx).len(),
        ms(percentile(&wall, 0.5))
    );
    let verdict = |d: Duration| if d < TARGET { "met" } else { "NOT MET" };
    println!(
        "target < {} ms on the scale-10 plans: wall p99 {:.3} ms ({}){}",
        TARGET.as_millis(),
        ms(worst_wall),
        verdict(worst_wall),
        if worst_cpu > Duration::ZERO {
            format!(
                ", mean cpu {:.3} ms ({})",
                ms(worst_cpu),
                verdict(worst_cpu)
            )
        } else {
            String::new()
        }
    );
}
