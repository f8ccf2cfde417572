//! Engine benchmarks on the `--scale 10` sample plan (about 100 printed pages):
//! open, one edit made durable, load, deriving an annual plan, JSON export. Run with `cargo bench --bench engine`.

use std::time::{Duration, Instant};

use khcds::interchange;
use khcds::model::{Block, Level, PlanKind};
use khcds::store::{Edit, Item, PlanFile};

struct Stats(Vec<Duration>);

impl Stats {
    fn measure(runs: usize, mut f: impl FnMut(usize)) -> Stats {
        let mut times: Vec<Duration> = (0..runs)
            .map(|i| {
                let start = Instant::now();
                f(i);
                start.elapsed()
            })
            .collect();
        times.sort();
        Stats(times)
    }

    fn percentile(&self, p: f64) -> Duration {
        let i = ((self.0.len() as f64 - 1.0) * p).round() as usize;
        self.0[i]
    }

    fn report(&self, name: &str) {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "{name:<34} n={:<5} p50 {:>8.3} ms   p99 {:>8.3} ms   max {:>8.3} ms",
            self.0.len(),
            ms(self.percentile(0.5)),
            ms(self.percentile(0.99)),
            ms(*self.0.last().unwrap())
        );
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("scale10.khcds");
    let plan = khcds::sample::sample_plan(Level::Tinh, PlanKind::FiveYear, 10);
    println!(
        "plan: {} sections, {} indicators, {} tasks; JSON {} KiB",
        plan.sections.iter().map(|s| s.walk().len()).sum::<usize>(),
        plan.indicators.len(),
        plan.tasks.len(),
        interchange::to_json(&plan).len() / 1024
    );
    let started = Instant::now();
    drop(PlanFile::create(&path, &plan).expect("create"));
    println!("create: {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
    println!(
        "file size: {} KiB",
        std::fs::metadata(&path).unwrap().len() / 1024
    );

    Stats::measure(20, |_| drop(PlanFile::open(&path).unwrap()))
        .report("open (with integrity check)");

    let mut file = PlanFile::open(&path).unwrap();
    Stats::measure(20, |_| drop(file.load().unwrap())).report("load whole plan");

    let section = plan.sections[0].id.clone();
    Stats::measure(500, |i| {
        let edit = Edit::UpdateSection {
            id: section.clone(),
            title: String::new(),
            content: vec![Block::paragraph(format!("Đoạn văn đã sửa lần thứ {i}."))],
        };
        file.apply(&edit).unwrap();
    })
    .report("edit: section text (durable)");

    let mut task = plan.tasks.first().cloned().expect("sample has tasks");
    Stats::measure(500, |i| {
        task.name = format!("Nhiệm vụ đã sửa lần thứ {i}");
        file.apply(&Edit::PutItem {
            item: Item::Task(task.clone()),
            index: None,
        })
        .unwrap();
    })
    .report("edit: one task (durable)");

    Stats::measure(20, |_| {
        let annual = khcds::annual::derive_annual(&plan, 2027, None).unwrap();
        assert!(!annual.tasks.is_empty());
    })
    .report("derive annual plan 2027");

    let out = dir.path().join("export.json");
    Stats::measure(20, |_| {
        let plan = file.load().unwrap();
        khcds::atomic_file::write(&out, interchange::to_json(&plan).as_bytes()).unwrap();
    })
    .report("JSON export (load + write)");
}
