//! Every refusal reaches the drafter in Vietnamese: bad JSON fields, bad files and bad
//! arguments, each through the `khcds` command as a drafter meets it. No message may name
//! a JSON path or carry an English library text (issues 12 and 16).

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

/// What `khcds args…` says on standard error; it must fail with exit code 2.
fn refusal(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_khcds"))
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    err
}

/// Words of serde, SQLite, the OS and the zip/JSON libraries that must never show.
const ENGLISH: &[&str] = &[
    "error",
    "invalid",
    "expected",
    "missing",
    "unknown",
    "failed",
    "such file",
    "denied",
    "database",
    "stream",
    "variant",
    "field `",
    "type:",
    "os error",
    "column",
    "EOF",
    "line ",
    "trailing",
    "disk",
    "malformed",
    "input",
    "range",
    "permission",
];

fn assert_vietnamese(case: &str, message: &str) {
    let message = message.trim();
    if std::env::var_os("KHCDS_SHOW_MESSAGES").is_some() {
        eprintln!("{case}: {message}");
    }
    assert!(!message.is_empty(), "{case}: no message");
    assert!(
        message.chars().any(|c| {
            "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĐ".contains(c)
        }),
        "{case}: not Vietnamese: {message}"
    );
    let lower = message.to_lowercase();
    for word in ENGLISH {
        assert!(
            !lower.contains(&word.to_lowercase()),
            "{case}: English «{word}» in: {message}"
        );
    }
    let json_path = regex::Regex::new(r"plan\.|\[\d+\]|\.[a-z]+_[a-z_]+").unwrap();
    assert!(
        !json_path.is_match(message),
        "{case}: JSON path in: {message}"
    );
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// (case, change to the interchange document of the rich plan).
type JsonCase = (&'static str, fn(&mut Value));

const JSON_CASES: &[JsonCase] = &[
    ("budget as text", |v| {
        v["plan"]["tasks"][1]["budget_million_vnd"] = json!("nhiều")
    }),
    ("area too large", |v| {
        v["plan"]["tasks"][0]["area"] = json!(12)
    }),
    ("area negative", |v| {
        v["plan"]["tasks"][0]["area"] = json!(-1)
    }),
    ("area as text", |v| {
        v["plan"]["tasks"][0]["area"] = json!("ba")
    }),
    ("margin overflows f32", |v| {
        v["plan"]["settings"]["margins_mm"]["right"] = json!(1e39)
    }),
    ("margin as text", |v| {
        v["plan"]["settings"]["margins_mm"]["right"] = json!("rộng")
    }),
    ("body size", |v| {
        v["plan"]["settings"]["body_size_pt"] = json!(30)
    }),
    ("date in Vietnamese order", |v| {
        v["plan"]["header"]["date"] = json!("29/12/2025")
    }),
    ("date that does not exist", |v| {
        v["plan"]["header"]["date"] = json!("2025-02-30")
    }),
    ("month 13", |v| {
        v["plan"]["tasks"][0]["start"] = json!("2026-13")
    }),
    ("period", |v| {
        v["plan"]["indicators"][0]["targets"][0]["period"] = json!("2031-2035")
    }),
    ("comparator", |v| {
        v["plan"]["indicators"][0]["targets"][0]["comparator"] = json!(">>")
    }),
    ("level", |v| v["plan"]["meta"]["level"] = json!("xa")),
    ("plan kind", |v| {
        v["plan"]["meta"]["kind"] = json!({"type": "monthly"})
    }),
    ("unknown field", |v| {
        v["plan"]["header"]["so_hieu"] = json!("1")
    }),
    ("missing issuer", |v| {
        v["plan"]["header"]
            .as_object_mut()
            .unwrap()
            .remove("issuer");
    }),
    ("duplicate task id", |v| {
        v["plan"]["tasks"][1]["id"] = v["plan"]["tasks"][0]["id"].clone()
    }),
    ("empty indicator id", |v| {
        v["plan"]["indicators"][0]["id"] = json!(" ")
    }),
    ("tasks not a list", |v| v["plan"]["tasks"] = json!({})),
    ("recipients a number", |v| {
        v["plan"]["recipients"] = json!(5)
    }),
    ("signing authority", |v| {
        v["plan"]["signer"]["capacities"] = json!([{"authority": "XX.", "on_behalf_of": "A"}])
    }),
    ("funding source", |v| {
        v["plan"]["tasks"][0]["funding"] = json!(["vay"])
    }),
    ("baseline year", |v| {
        v["plan"]["indicators"][0]["baseline"] = json!({"value": "1", "year": 1800})
    }),
    ("annual year", |v| {
        v["plan"]["meta"]["kind"] = json!({"type": "annual", "year": 3000})
    }),
    ("bold not a flag", |v| {
        v["plan"]["opening"]["implementing"] = json!([{"text": "a", "bold": "có"}])
    }),
    ("legal basis date", |v| {
        v["plan"]["opening"]["legal_bases"][0]["date"] = json!(20241222)
    }),
];

#[test]
fn every_refusal_is_vietnamese_without_paths_or_library_text() {
    let dir = tempfile::tempdir().unwrap();
    let good: Value =
        serde_json::from_str(&khcds::interchange::to_json(&common::rich_plan())).unwrap();
    let target = dir.path().join("moi.khcds");
    let mut cases = 0;
    let mut import = |case: &str, text: &[u8]| {
        let file = dir.path().join("nhap.json");
        std::fs::write(&file, text).unwrap();
        assert_vietnamese(case, &refusal(&["import", s(&file), "-o", s(&target)]));
        assert!(
            !target.exists(),
            "{case}: a refused import created the plan"
        );
        cases += 1;
    };
    for (case, change) in JSON_CASES {
        let mut value = good.clone();
        change(&mut value);
        import(case, value.to_string().as_bytes());
    }
    let text = good.to_string();
    import("trailing comma", text.replacen('}', ",}", 1).as_bytes());
    import("truncated", &text.as_bytes()[..text.len() / 2]);
    import("not a plan", b"{\"a\": 1}");
    import(
        "newer schema",
        text.replace("\"schema_version\":1", "\"schema_version\":99")
            .as_bytes(),
    );
    import(
        "not UTF-8",
        b"{\"format\": \"khcds-plan\", \"x\": \"\xff\xfe\"}",
    );
    import("empty file", b"");
    import("nested 100,000 deep", "[".repeat(100_000).as_bytes());

    // Files and arguments.
    let missing = dir.path().join("khong-co.khcds");
    let text_file = dir.path().join("ghi-chu.khcds");
    std::fs::write(&text_file, "Không phải kế hoạch.\n".repeat(20)).unwrap();
    let plan = dir.path().join("ke-hoach.khcds");
    drop(khcds::store::PlanFile::create(&plan, &common::rich_plan()).unwrap());
    let bytes = std::fs::read(&plan).unwrap();
    let truncated = dir.path().join("cut.khcds");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let zero_page = dir.path().join("zero.khcds");
    let mut patched = bytes.clone();
    patched[16..18].copy_from_slice(&[0, 0]);
    std::fs::write(&zero_page, patched).unwrap();
    let nowhere = dir.path().join("khong-co-thu-muc").join("ra.pdf");
    let text_json = dir.path().join("ghi-chu.json");
    let file_cases: Vec<(&str, Vec<&str>)> = vec![
        (
            "import of a missing file",
            vec!["import", s(&missing), "-o", s(&target)],
        ),
        (
            "import of a folder",
            vec!["import", s(dir.path()), "-o", s(&target)],
        ),
        ("info on a text file", vec!["info", s(&text_file)]),
        ("info on a missing file", vec!["info", s(&missing)]),
        ("info on a truncated plan", vec!["info", s(&truncated)]),
        ("info on page size 0", vec!["info", s(&zero_page)]),
        ("info on a folder", vec!["info", s(dir.path())]),
        (
            "restore of no such revision",
            vec!["restore", s(&plan), "999"],
        ),
        (
            "export into a missing folder",
            vec!["export", s(&plan), "--format", "json", "-o", s(&nowhere)],
        ),
        (
            "new over an existing file",
            vec!["new", "--level", "tinh", "-o", s(&plan)],
        ),
        ("verify a plan file", vec!["verify", s(&text_file)]),
        ("snapshot of a folder", vec!["snapshot", s(dir.path())]),
        (
            "annual plan from a folder",
            vec![
                "new",
                "--kind",
                "annual",
                "--year",
                "2027",
                "--from",
                s(dir.path()),
                "-o",
                s(&target),
            ],
        ),
        (
            "annual plan with a missing previous plan",
            vec![
                "new",
                "--kind",
                "annual",
                "--year",
                "2027",
                "--from",
                s(&plan),
                "--previous",
                s(&missing),
                "-o",
                s(&target),
            ],
        ),
        (
            "new plan without .khcds",
            vec!["new", "--level", "bo", "-o", s(&text_json)],
        ),
        (
            "export with the wrong extension",
            vec!["export", s(&plan), "--format", "pdf", "-o", s(&text_json)],
        ),
        (
            "export over the plan itself",
            vec!["export", s(&plan), "--format", "docx", "-o", s(&plan)],
        ),
        (
            "report of a plan without an evaluation",
            vec![
                "export",
                s(&plan),
                "--format",
                "pdf",
                "--document",
                "bao-cao",
            ],
        ),
        (
            "report as JSON",
            vec![
                "export",
                s(&plan),
                "--format",
                "json",
                "--document",
                "bao-cao",
            ],
        ),
        (
            "sign a plan file",
            vec!["sign", s(&plan), "--p12", s(&missing), "-o", s(&nowhere)],
        ),
    ];
    for (case, args) in &file_cases {
        assert_vietnamese(case, &refusal(args));
        cases += 1;
    }
    assert!(cases >= 30, "only {cases} cases");
}

/// (case, arguments, what the message must name: the option as typed, or the value).
type ArgCase = (&'static str, &'static [&'static str], &'static str);

const ARG_CASES: &[ArgCase] = &[
    (
        "year after the period",
        &[
            "new", "--level", "tinh", "--kind", "annual", "--year", "2031", "-o", "x.khcds",
        ],
        "--year",
    ),
    ("year not a number", &["new", "--year", "năm-sau"], "--year"),
    (
        "level not in the list",
        &["new", "--level", "xa", "-o", "x.khcds"],
        "bo, tinh",
    ),
    (
        "kind not in the list",
        &["new", "--level", "bo", "--kind", "monthly", "-o", "x.khcds"],
        "five-year, annual",
    ),
    ("output not given", &["new", "--level", "tinh"], "--output"),
    ("level not given", &["new", "-o", "x.khcds"], "--level"),
    (
        "misspelt option",
        &["new", "--level", "tinh", "--yaer", "2027", "-o", "x.khcds"],
        "ý bạn là «--year»",
    ),
    (
        "option without its value",
        &["new", "--level", "tinh", "-o"],
        "--output",
    ),
    (
        "empty path",
        &["new", "--level", "tinh", "-o", ""],
        "--output",
    ),
    (
        "scale zero",
        &[
            "new", "--level", "tinh", "--sample", "--scale", "0", "-o", "x.khcds",
        ],
        "--scale",
    ),
    (
        "scale without the sample",
        &["new", "--level", "tinh", "--scale", "5", "-o", "x.khcds"],
        "--sample",
    ),
    (
        "derive from a plan and sample together",
        &[
            "new", "--from", "a.khcds", "--sample", "--year", "2027", "-o", "x.khcds",
        ],
        "--sample",
    ),
    (
        "option given twice",
        &["new", "--level", "tinh", "--level", "bo", "-o", "x.khcds"],
        "--level",
    ),
    (
        "flag with a value",
        &["new", "--sample=có", "--level", "bo", "-o", "x.khcds"],
        "--sample",
    ),
    ("no such command", &["xoa", "a.khcds"], "xoa"),
    (
        "misspelt command",
        &["expor", "a.khcds"],
        "ý bạn là «export»",
    ),
    ("no command", &[], "new"),
    (
        "revision not a number",
        &["restore", "a.khcds", "ba"],
        "«ba»",
    ),
    ("revision negative", &["restore", "a.khcds", "-5"], "-5"),
    ("revision not given", &["restore", "a.khcds"], "SỐ"),
    ("extra argument", &["info", "a.khcds", "b.khcds"], "b.khcds"),
    (
        "export format",
        &["export", "a.khcds", "--format", "odt"],
        "docx, pdf, json",
    ),
    (
        "export document",
        &[
            "export",
            "a.khcds",
            "--format",
            "pdf",
            "--document",
            "bien-ban",
        ],
        "ke-hoach, bao-cao",
    ),
    (
        "validate format",
        &["validate", "a.khcds", "--format", "xml"],
        "text, json",
    ),
    (
        "sign without a key",
        &["sign", "a.pdf", "-o", "b.pdf"],
        "--pkcs11",
    ),
    (
        "sign with two keys",
        &[
            "sign", "a.pdf", "--p12", "k.p12", "--pkcs11", "t.so", "-o", "b.pdf",
        ],
        "--p12",
    ),
    (
        "token label with a key file",
        &[
            "sign", "a.pdf", "--p12", "k.p12", "--token", "A", "-o", "b.pdf",
        ],
        "--token",
    ),
    (
        "note without text",
        &["snapshot", "a.khcds", "-m"],
        "--message",
    ),
];

#[test]
fn every_argument_error_is_vietnamese_and_names_the_option() {
    for (case, args, named) in ARG_CASES {
        let message = refusal(args);
        assert_vietnamese(case, &message);
        assert!(
            message.contains(named),
            "{case}: «{named}» not named in: {message}"
        );
    }
    assert!(ARG_CASES.len() >= 15);
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_refused_in_vietnamese() {
    use std::os::unix::ffi::OsStrExt;
    let out = Command::new(env!("CARGO_BIN_EXE_khcds"))
        .args(["snapshot", "a.khcds", "-m"])
        .arg(std::ffi::OsStr::from_bytes(b"ghi \xff"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_vietnamese("not UTF-8", &String::from_utf8_lossy(&out.stderr));
}

/// Help is Vietnamese, down to clap's own headings and placeholders.
#[test]
fn help_is_vietnamese() {
    let commands = [
        "new",
        "info",
        "validate",
        "framework",
        "export",
        "import",
        "revisions",
        "snapshot",
        "restore",
        "schema",
        "sign",
        "verify",
    ];
    let root = std::iter::once(vec!["--help"]);
    for args in root.chain(commands.iter().map(|c| vec![*c, "--help"])) {
        let out = Command::new(env!("CARGO_BIN_EXE_khcds"))
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(help.contains("Cách dùng: khcds"), "{args:?}: {help}");
        for english in [
            "Usage",
            "Options",
            "Arguments",
            "Commands",
            "[OPTIONS]",
            "<COMMAND>",
            "<FILE>",
            "<OUTPUT>",
            "Print",
            "default:",
            "possible values",
        ] {
            assert!(!help.contains(english), "{args:?}: «{english}» in: {help}");
        }
    }
}
