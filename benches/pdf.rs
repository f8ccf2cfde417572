//! The `--scale 10` sample plan to PDF (document build + render + write), median of a
//! few runs, side by side with LibreOffice converting our DOCX of the same plan.
//! Run: `cargo bench --bench pdf`.

use std::process::Command;
use std::time::{Duration, Instant};

use khcds::model::{Level, PlanKind};
use khcds::pdf::FontSet;
use khcds::sample::sample_plan;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let plan = sample_plan(Level::Tinh, PlanKind::FiveYear, 10);
    let fonts = FontSet::load();
    let runs = 5;
    let mut ours = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let doc = khcds::document::build(&plan);
        bytes = khcds::pdf::write_with(&doc, &fonts).expect("PDF written");
        ours.push(t.elapsed());
    }
    let ours = median(ours);
    let display = khcds::pdf::render(&khcds::document::build(&plan), &fonts);
    println!(
        "khcds PDF: {} pages, {} bytes, median {:.1} ms of {runs}",
        display.pages.len(),
        bytes.len(),
        ours.as_secs_f64() * 1e3
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let docx = dir.path().join("scale10.docx");
    std::fs::write(&docx, khcds::docx::write_plan(&plan).expect("DOCX written")).unwrap();
    let profile = tempfile::tempdir().expect("temp dir");
    let mut theirs = Vec::new();
    for i in 0..3 {
        let t = Instant::now();
        let out = Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.path().display()
            ))
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
            ])
            .arg(dir.path())
            .arg(&docx)
            .output();
        let elapsed = t.elapsed();
        match out {
            Ok(o) if o.status.success() => {
                // The first run creates the profile: not counted.
                if i > 0 {
                    theirs.push(elapsed)
                }
            }
            _ => {
                println!("LibreOffice (soffice) not available: no comparison");
                return;
            }
        }
    }
    let theirs = median(theirs);
    let pages = Command::new("pdfinfo")
        .arg(dir.path().join("scale10.pdf"))
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Pages:").map(|p| p.trim().to_owned()))
        })
        .unwrap_or_default();
    println!(
        "LibreOffice DOCX → PDF: {pages} pages, median {:.1} ms",
        theirs.as_secs_f64() * 1e3
    );
    println!(
        "ratio: khcds is {:.1}× faster",
        theirs.as_secs_f64() / ours.as_secs_f64()
    );
}
