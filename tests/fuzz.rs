//! A seeded mutation fuzzer over what comes from outside: JSON import, opening `.khcds`
//! files, DOCX and PDF verification, and export of whatever imports. Stable Rust, no
//! extra crate: a xorshift generator mutates valid inputs (bytes, and JSON values).
//!
//! Invariants: nothing panics; a plan that imports is stored, reopens identical and
//! exports. CI runs `KHCDS_FUZZ_CASES` (default 3,000) cases from a fixed seed;
//! `scripts/soak` runs 100,000 from a fresh one (`KHCDS_FUZZ_SEED`).

mod common;
#[path = "sign_support/mod.rs"]
mod sign_support;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use khcds::interchange;
use khcds::store::{PlanFile, RevisionReason};
use serde_json::{json, Value};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Values that break parsers and ranges.
fn nasty(rng: &mut Rng) -> Value {
    let nested = (0..rng.below(40)).fold(json!([]), |v, _| json!([v]));
    let choices = [
        json!(1e39),
        json!(-1),
        json!(0),
        json!(1e308),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(0.5),
        json!(""),
        json!(" "),
        json!("x".repeat(rng.below(5000))),
        json!("\u{0}\u{1f}\u{202e}\u{fffe}e\u{301}"),
        json!("2026-13"),
        json!("0000-01"),
        json!("9999-12-31"),
        json!("2025-02-30"),
        json!(null),
        json!(true),
        json!({}),
        json!([]),
        json!({"type": "annual", "year": -5}),
        nested,
    ];
    choices[rng.below(choices.len())].clone()
}

/// Changes one random node of `value`: replaced, removed or duplicated.
fn mutate_value(rng: &mut Rng, value: &mut Value) {
    let descend = rng.chance(92);
    match value {
        Value::Object(map) if !map.is_empty() && descend => {
            let key = map.keys().nth(rng.below(map.len())).unwrap().clone();
            if rng.chance(10) {
                map.remove(&key);
            } else {
                mutate_value(rng, map.get_mut(&key).unwrap());
            }
        }
        Value::Array(items) if !items.is_empty() && descend => {
            let i = rng.below(items.len());
            if rng.chance(10) {
                let copy = items[i].clone();
                items.insert(i, copy);
            } else {
                mutate_value(rng, &mut items[i]);
            }
        }
        // Half the time keep the type, so that many mutants still import and go on to
        // the store and the writers.
        Value::String(_) if rng.chance(50) => *value = json!(nasty_text(rng)),
        Value::Number(_) if rng.chance(50) => {
            *value =
                json!([0.0, 1.0, 9.0, 13.0, 14.0, 15.5, 20.0, 99.9, 2026.0, 1e9][rng.below(10)])
        }
        _ => *value = nasty(rng),
    }
}

/// Text that is valid JSON but hard to store, lay out or print.
fn nasty_text(rng: &mut Rng) -> String {
    let alphabet = [
        "Việt Nam ",
        "e\u{301}",
        "\u{202e}",
        "\u{0}",
        "\t",
        "\n",
        "\u{fffe}",
        "🇻🇳",
        "W",
        "%",
        "- ",
        "./.",
        "\u{ad}",
        "\u{200b}",
        "ﷺ",
    ];
    (0..rng.below(60))
        .map(|_| alphabet[rng.below(alphabet.len())].repeat(1 + rng.below(30)))
        .collect()
}

/// Flips, overwrites, inserts, deletes or truncates bytes.
fn mutate_bytes(rng: &mut Rng, bytes: &mut Vec<u8>, focus: Option<std::ops::Range<usize>>) {
    for _ in 0..1 + rng.below(4) {
        if bytes.is_empty() {
            bytes.push(0);
        }
        let at = match &focus {
            Some(range) if rng.chance(50) => range.start + rng.below(range.len()),
            _ => rng.below(bytes.len()),
        }
        .min(bytes.len() - 1);
        match rng.below(6) {
            0 => bytes[at] ^= 1 << rng.below(8),
            1 => bytes[at] = [0, 0xff, b'"', b'{', b'[', b'9', b'-', 0x80][rng.below(8)],
            2 => {
                let extra: Vec<u8> = (0..1 + rng.below(16)).map(|_| rng.next() as u8).collect();
                bytes.splice(at..at, extra);
            }
            3 => {
                let end = (at + 1 + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            4 => {
                let end = (at + 1 + rng.below(256)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            _ => bytes.truncate(at),
        }
    }
}

/// Runs `case` and turns a panic into a failure record.
fn guarded(failures: &mut Vec<String>, name: String, case: impl FnOnce()) {
    if catch_unwind(AssertUnwindSafe(case)).is_err() {
        failures.push(name);
    }
}

/// A plan that imported must be stored, reopen identical and export.
fn store_and_export(dir: &Path, plan: &khcds::model::Plan, export: bool) {
    let path = dir.join("fuzz.khcds");
    let _ = std::fs::remove_file(&path);
    let file = PlanFile::create(&path, plan).expect("an imported plan is stored");
    assert_eq!(
        &file.load().unwrap(),
        plan,
        "an imported plan reopens identical"
    );
    if export {
        khcds::docx::write_plan(plan).expect("DOCX export");
        khcds::pdf::write(&khcds::document::build(plan)).expect("PDF export");
    }
}

fn open_hostile(dir: &Path, bytes: &[u8]) {
    let path = dir.join("hostile.khcds");
    std::fs::write(&path, bytes).unwrap();
    if let Ok(mut file) = PlanFile::open(&path) {
        let _ = file.load();
        let _ = file.problems();
        let _ = file.revisions();
        let _ = file.snapshot(RevisionReason::BeforeExport, "");
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.join(format!("hostile.khcds{suffix}")));
    }
}

/// Signed DOCX and PDF files to mutate: Word's own and ours.
fn signed_documents() -> Vec<Vec<u8>> {
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/ooxml-signed");
    let mut out: Vec<Vec<u8>> = ["partial.docx", "hello-world-signed-twice.docx"]
        .iter()
        .map(|name| std::fs::read(reference.join(name)).unwrap())
        .collect();
    let id = sign_support::identity();
    let p12 = std::fs::read(&id.p12).unwrap();
    let signer = khcds::sign::Pkcs12Signer::open(&p12, sign_support::PASSWORD).unwrap();
    let request = khcds::sign::SignRequest {
        signing_time: chrono::Utc::now(),
        reason: Some("Phê duyệt".into()),
        location: None,
        signature_image: None,
        seal_image: None,
    };
    let plan = common::rich_plan();
    let docx = khcds::docx::write_plan(&plan).unwrap();
    let pdf = khcds::pdf::write(&khcds::document::build(&plan)).unwrap();
    for unsigned in [docx, pdf] {
        out.push(
            khcds::sign::sign_document(&unsigned, &signer, &request)
                .unwrap()
                .1,
        );
    }
    out
}

#[test]
fn hostile_inputs_never_panic_and_imports_reopen() {
    let cases: usize = std::env::var("KHCDS_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3_000);
    let seed: u64 = std::env::var("KHCDS_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x4B48_4344_2026)
        | 1;
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let plan_json: Value =
        serde_json::from_str(&interchange::to_json(&common::rich_plan())).unwrap();
    let plan_file = {
        let path = dir.path().join("template.khcds");
        let mut file = PlanFile::create(&path, &common::rich_plan()).unwrap();
        file.snapshot(RevisionReason::Manual, "một").unwrap();
        drop(file);
        std::fs::read(&path).unwrap()
    };
    let documents = signed_documents();
    // Panics are counted, not printed one by one.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut failures = Vec::new();
    let (mut imported, mut exported) = (0, 0);
    for case in 0..cases {
        let name = |target: &str| format!("{target} case {case} (seed {seed})");
        match case % 4 {
            0 | 1 => {
                let text = if rng.chance(75) {
                    let mut value = plan_json.clone();
                    for _ in 0..1 + rng.below(2) {
                        mutate_value(&mut rng, &mut value);
                    }
                    value.to_string()
                } else {
                    let mut bytes = plan_json.to_string().into_bytes();
                    mutate_bytes(&mut rng, &mut bytes, None);
                    String::from_utf8_lossy(&bytes).into_owned()
                };
                let export = imported % 10 == 0;
                guarded(&mut failures, name("import"), || {
                    if let Ok(plan) = interchange::from_json(&text) {
                        imported += 1;
                        exported += usize::from(export);
                        store_and_export(dir.path(), &plan, export);
                    }
                });
            }
            2 => {
                let mut bytes = plan_file.clone();
                mutate_bytes(&mut rng, &mut bytes, Some(0..100));
                guarded(&mut failures, name("open"), || {
                    open_hostile(dir.path(), &bytes)
                });
            }
            _ => {
                let mut bytes = documents[rng.below(documents.len())].clone();
                let len = bytes.len();
                // Zip directories and PDF trailers sit at the end: aim there half the time.
                mutate_bytes(&mut rng, &mut bytes, Some(len.saturating_sub(2048)..len));
                guarded(&mut failures, name("verify"), || {
                    let _ = khcds::sign::verify_document(&bytes);
                });
            }
        }
    }
    std::panic::set_hook(hook);
    println!(
        "fuzz: {cases} cases (seed {seed}), {imported} imported, {exported} exported, {} failures",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures: {:?}",
        failures.len(),
        &failures[..failures.len().min(20)]
    );
}
