//! Shared helpers of the PDF export tests: external tools, reading PDFs back.
#![allow(dead_code)]

pub mod pdfa;
pub mod tags;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether `tool` can be run; a missing tool fails the test under
/// `KHCDS_REQUIRE_PDF_TOOLS=1` (set by `scripts/test`), else the caller skips.
pub fn have(tool: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .is_ok_and(|o| o.status.success());
    if !found && std::env::var("KHCDS_REQUIRE_PDF_TOOLS").is_ok_and(|v| v == "1") {
        panic!("`{tool}` is required (KHCDS_REQUIRE_PDF_TOOLS=1): run ./scripts/install-test-deps");
    }
    if !found {
        eprintln!("skipped: `{tool}` is not installed");
    }
    found
}

pub fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("tool runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn page_count(pdf: &Path) -> usize {
    run(Command::new("pdfinfo").arg(pdf))
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .expect("page count")
        .trim()
        .parse()
        .unwrap()
}

/// A word read back with `pdftotext -bbox`: box in points from the top-left.
#[derive(Debug, Clone)]
pub struct Word {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub text: String,
}

impl Word {
    pub fn centre_y(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let at = tag.find(&key).expect("attribute") + key.len();
    tag[at..].split('"').next().unwrap().parse().unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Page sizes and the words of every page.
pub fn words(pdf: &Path) -> Vec<((f64, f64), Vec<Word>)> {
    let out = run(Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-"));
    let mut pages = Vec::new();
    for chunk in out.split("<page ").skip(1) {
        let head = &chunk[..chunk.find('>').unwrap()];
        let size = (attr(head, "width"), attr(head, "height"));
        let mut words = Vec::new();
        for w in chunk.split("<word ").skip(1) {
            let end = w.find('>').unwrap();
            let tag = &w[..end];
            let text = &w[end + 1..w.find("</word>").unwrap()];
            words.push(Word {
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
                text: unescape(text),
            });
        }
        pages.push((size, words));
    }
    pages
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where test outputs go (kept for inspection): target/pdf-export-tests.
pub fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("pdf-export-tests");
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(|t| PathBuf::from(t).join("pdf-export-tests"))
        .unwrap_or(dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
