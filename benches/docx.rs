//! DOCX export of the `--scale 10` sample plan: the document model built from the plan,
//! then the DOCX written — median and p95 over 20 runs, wall-clock time and the thread's
//! CPU time (the two agree on an idle machine; on a loaded one the CPU time is the
//! figure to compare). Target: under 50 ms in release. Run with `cargo bench --bench docx`.

use std::time::{Duration, Instant};

use khcds::model::{Level, PlanKind};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// CPU time used by this thread so far.
#[cfg(unix)]
fn cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

#[cfg(not(unix))]
fn cpu_time() -> Duration {
    Duration::ZERO
}

/// (wall, cpu) times, each sorted.
fn measure(runs: usize, mut f: impl FnMut()) -> (Vec<Duration>, Vec<Duration>) {
    f(); // warm-up
    let (mut wall, mut cpu): (Vec<Duration>, Vec<Duration>) = (0..runs)
        .map(|_| {
            let (start, start_cpu) = (Instant::now(), cpu_time());
            f();
            (start.elapsed(), cpu_time() - start_cpu)
        })
        .unzip();
    wall.sort();
    cpu.sort();
    (wall, cpu)
}

fn report(name: &str, (wall, cpu): &(Vec<Duration>, Vec<Duration>)) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{name:<28} n={:<3} wall median {:>7.2} ms  p95 {:>7.2} ms | cpu median {:>7.2} ms  p95 {:>7.2} ms",
        wall.len(),
        ms(percentile(wall, 0.5)),
        ms(percentile(wall, 0.95)),
        ms(percentile(cpu, 0.5)),
        ms(percentile(cpu, 0.95)),
    );
}

fn main() {
    for (level, label) in [(Level::Tinh, "tỉnh"), (Level::Bo, "bộ")] {
        let plan = khcds::sample::sample_plan(level, PlanKind::FiveYear, 10);
        let document = khcds::document::build(&plan);
        let bytes = khcds::docx::write(&document).expect("written");
        println!(
            "scale-10 plan ({label}): {} tasks, {} indicators, {} paragraphs; DOCX {} KiB",
            plan.tasks.len(),
            plan.indicators.len(),
            document.texts().len(),
            bytes.len() / 1024
        );
        report(
            "document::build",
            &measure(20, || drop(khcds::document::build(&plan))),
        );
        report(
            "docx::write",
            &measure(20, || drop(khcds::docx::write(&document).unwrap())),
        );
        let total = measure(20, || drop(khcds::docx::write_plan(&plan).unwrap()));
        report("build + write (the export)", &total);
        let median = percentile(&total.1, 0.5).as_secs_f64() * 1e3;
        println!(
            "  target < 50 ms (cpu median): {}\n",
            if median < 50.0 { "met" } else { "MISSED" }
        );
    }
}
