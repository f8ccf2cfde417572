//! PDF export of the sample plan (document build + render + write) against LibreOffice
//! converting our DOCX of the same plan: the `--scale 10` plan, runs alternated (ours,
//! LibreOffice, ours, …) so both see the same machine load; the paired ratio is the
//! median of the per-pair ratios. Peak RSS of an export at scale 10 and 20 is measured
//! in a child process of its own (this program re-run with `KHCDS_BENCH_EXPORT=N`).
//! Run: `cargo bench --bench pdf`.

use std::process::Command;
use std::time::{Duration, Instant};

use khcds::model::{Level, PlanKind};
use khcds::pdf::FontSet;
use khcds::sample::sample_plan;

const CHILD_VAR: &str = "KHCDS_BENCH_EXPORT";

fn export(scale: u32, fonts: &FontSet) -> (Vec<u8>, Duration) {
    let plan = sample_plan(Level::Tinh, PlanKind::FiveYear, scale);
    let t = Instant::now();
    let doc = khcds::document::build(&plan);
    let bytes = khcds::pdf::write_with(&doc, fonts).expect("PDF written");
    (bytes, t.elapsed())
}

/// Peak resident memory of one export of the `scale` plan, in MiB, in a fresh process.
fn peak_rss_mib(scale: u32) -> Option<f64> {
    let exe = std::env::current_exe().ok()?;
    let mut child = Command::new(exe)
        .env(CHILD_VAR, scale.to_string())
        .spawn()
        .ok()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our child, status and usage point to live locals.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let _ = child.try_wait();
    (r == pid && status == 0).then(|| usage.ru_maxrss as f64 / 1024.0)
}

fn soffice(
    dir: &std::path::Path,
    profile: &std::path::Path,
    docx: &std::path::Path,
) -> Option<Duration> {
    let t = Instant::now();
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .arg(docx)
        .output()
        .ok()?;
    out.status.success().then(|| t.elapsed())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let fonts = FontSet::load();
    if let Some(scale) = std::env::var(CHILD_VAR).ok().and_then(|s| s.parse().ok()) {
        export(scale, &fonts);
        return;
    }
    for scale in [10, 20] {
        match peak_rss_mib(scale) {
            Some(mib) => println!("peak RSS, --scale {scale} export: {mib:.0} MiB"),
            None => println!("peak RSS, --scale {scale}: not measured"),
        }
    }

    let plan = sample_plan(Level::Tinh, PlanKind::FiveYear, 10);
    let dir = tempfile::tempdir().expect("temp dir");
    let docx = dir.path().join("scale10.docx");
    std::fs::write(&docx, khcds::docx::write_plan(&plan).expect("DOCX written")).unwrap();
    let profile = tempfile::tempdir().expect("temp dir");
    // The first LibreOffice run creates its profile: not counted.
    let have_soffice = soffice(dir.path(), profile.path(), &docx).is_some();
    let pairs = 4;
    let (mut ours, mut theirs, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    let mut pages = 0;
    for _ in 0..pairs {
        let (bytes, t) = export(10, &fonts);
        pages = lopdf::Document::load_mem(&bytes).map_or(0, |d| d.get_pages().len());
        ours.push(t.as_secs_f64());
        if have_soffice {
            if let Some(lo) = soffice(dir.path(), profile.path(), &docx) {
                theirs.push(lo.as_secs_f64());
                ratios.push(lo.as_secs_f64() / t.as_secs_f64());
            }
        }
    }
    println!(
        "khcds PDF, --scale 10: {pages} pages, median {:.0} ms of {pairs}",
        median(ours) * 1e3
    );
    if ratios.is_empty() {
        println!("LibreOffice (soffice) not available: no comparison");
        return;
    }
    println!(
        "LibreOffice DOCX → PDF, same plan: median {:.0} ms",
        median(theirs) * 1e3
    );
    println!(
        "paired ratio: khcds is {:.1}× faster (median of {} alternated pairs)",
        median(ratios.clone()),
        ratios.len()
    );
}
