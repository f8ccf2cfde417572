//! Checks `assets/framework/khung-2026-2030.json` against the Khung's own text
//! (`shared/seeds/002_0c39cb68f6880a1a.txt`, beside the repository root).
//!
//! The data keeps the Khung verbatim, except for the obvious typing errors listed in
//! [`CORRECTIONS`]; the seed is corrected the same way before comparing.

use std::collections::{HashMap, HashSet};

use khcds::framework::{self, Framework, FrameworkSection, Wording};
use khcds::model::{is_nfc, Comparator, IndicatorGroup, Level, Period};

const SEED_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seeds/002_0c39cb68f6880a1a.txt"
);
const DATA_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/framework/khung-2026-2030.json"
);

/// Obvious typing errors of the Khung, corrected in the data: (as printed, corrected).
const CORRECTIONS: &[(&str, &str)] = &[
    ("Phân đầu", "Phấn đấu"),
    ("Công dịch vụ công quốc gia", "Cổng dịch vụ công quốc gia"),
    ("chuyên đổi số", "chuyển đổi số"),
    ("BCD", "BCĐ"),
    ("(IV)", "(iv)"),
    ("công thông tin điện tử", "cổng thông tin điện tử"),
    ("57/NQ-TW", "57-NQ/TW"),
    ("5473/BTTTTKTS&XHS", "5473/BTTTT-KTS&XHS"),
    ("Bộ Khoa học và công nghệ", "Bộ Khoa học và Công nghệ"),
];

/// Section ids in document order, with the number as printed and the parent.
const SECTIONS: &[(&str, &str, Option<&str>)] = &[
    ("I", "I.", None),
    ("II", "II.", None),
    ("II.1", "1.", Some("II")),
    ("II.2", "2.", Some("II")),
    ("II.2.1", "2.1.", Some("II.2")),
    ("II.2.1.a", "a)", Some("II.2.1")),
    ("II.2.1.b", "b)", Some("II.2.1")),
    ("II.2.2", "2.2.", Some("II.2")),
    ("II.2.3", "2.3.", Some("II.2")),
    ("III", "III.", None),
    ("III.1", "1.", Some("III")),
    ("III.2", "2.", Some("III")),
    ("III.3", "3.", Some("III")),
    ("III.4", "4.", Some("III")),
    ("III.5", "5.", Some("III")),
    ("III.6", "6.", Some("III")),
    ("III.7", "7.", Some("III")),
    ("III.8", "8.", Some("III")),
    ("III.9", "9.", Some("III")),
    ("IV", "IV.", None),
    ("IV.1", "1.", Some("IV")),
    ("IV.2", "2.", Some("IV")),
    ("IV.3", "3.", Some("IV")),
    ("IV.4", "4.", Some("IV")),
    ("IV.5", "5.", Some("IV")),
    ("IV.6", "6.", Some("IV")),
    ("V", "V.", None),
    ("VI", "VI.", None),
];

/// Sections whose "- " bullets are minimum indicators, not suggestions.
const INDICATOR_SECTIONS: &[&str] = &["II.2.1.a", "II.2.1.b", "II.2.3"];

const LEGAL_BASES: &[&str] = &[
    "luat-chuyen-doi-so",
    "57-NQ/TW",
    "71/NQ-CP",
    "214/NQ-CP",
    "36/QĐ-TTg",
    "1132/QĐ-TTg",
    "2629/QĐ-TTg",
    "ct-kinh-te-so-xa-hoi-so",
];

// ---------------------------------------------------------------- helpers

fn fw() -> &'static Framework {
    framework::current()
}

/// Collapses every whitespace run to one space and trims.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The seed with the corrections applied, line by line, markdown (`**`, `*`, `\*`,
/// `#`) dropped and whitespace collapsed.
fn seed_lines() -> Vec<String> {
    let raw = std::fs::read_to_string(SEED_PATH)
        .unwrap_or_else(|e| panic!("cannot read the Khung seed {SEED_PATH}: {e}"));
    let mut text = raw;
    for (wrong, right) in CORRECTIONS {
        text = text.replace(wrong, right);
    }
    text.lines()
        .map(|l| collapse(&l.replace("\\*", "").replace(['*', '#'], "")))
        .collect()
}

/// The whole normalised seed as one string.
fn seed_text() -> String {
    collapse(&seed_lines().join(" "))
}

fn trim_end_punct(s: &str) -> &str {
    s.trim_end_matches(['.', ';', ','])
}

/// The heading line of a section: "<number> <heading>" with an optional trailing ":".
fn is_heading_line(line: &str, number: &str, heading: &str) -> bool {
    let prefix = number.trim_end_matches('.');
    let Some(rest) = line.strip_prefix(prefix) else {
        return false;
    };
    let rest = rest.trim_start_matches('.').trim_start();
    rest == heading || rest.strip_suffix(':') == Some(heading)
}

/// For every section in walk order, the seed lines that belong to it alone: from
/// after its heading line up to the next section's heading line.
fn section_ranges(lines: &[String]) -> HashMap<String, Vec<String>> {
    let sections = fw().walk();
    let mut starts = Vec::new();
    let mut from = 0;
    for s in &sections {
        let heading = collapse(s.heading.verbatim());
        let at = (from..lines.len())
            .find(|&i| is_heading_line(&lines[i], &s.number, &heading))
            .unwrap_or_else(|| {
                panic!(
                    "heading of {} («{} {}») not found in the seed after line {}",
                    s.id,
                    s.number,
                    heading,
                    from + 1
                )
            });
        starts.push(at);
        from = at + 1;
    }
    let mut out = HashMap::new();
    for (i, s) in sections.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(lines.len());
        let body = lines[starts[i] + 1..end]
            .iter()
            .filter(|l| !l.is_empty())
            .cloned()
            .collect();
        out.insert(s.id.clone(), body);
    }
    out
}

fn all_wordings(f: &Framework) -> Vec<(String, &Wording)> {
    let mut out = Vec::new();
    for s in f.walk() {
        out.push((format!("{} heading", s.id), &s.heading));
        for (i, sg) in s.suggestions.iter().enumerate() {
            out.push((format!("{} suggestion {}", s.id, i + 1), &sg.text));
            for (j, it) in sg.items.iter().enumerate() {
                out.push((format!("{} suggestion {} item {}", s.id, i + 1, j + 1), it));
            }
        }
    }
    for ind in &f.indicators {
        out.push((format!("indicator {} name", ind.id), &ind.name));
    }
    out
}

/// Every text of the data that claims to be the Khung's own wording.
fn verbatim_texts(f: &Framework) -> Vec<(String, String)> {
    let mut out = vec![
        ("title".to_owned(), f.title.clone()),
        ("source".to_owned(), f.source.clone()),
    ];
    for s in f.walk() {
        out.push((format!("{} heading", s.id), s.heading.verbatim().to_owned()));
        for (i, g) in s.guidance.iter().enumerate() {
            out.push((format!("{} guidance {}", s.id, i + 1), g.clone()));
        }
        for (i, sg) in s.suggestions.iter().enumerate() {
            out.push((
                format!("{} suggestion {}", s.id, i + 1),
                sg.text.verbatim().to_owned(),
            ));
            for (j, it) in sg.items.iter().enumerate() {
                out.push((
                    format!("{} suggestion {} item {}", s.id, i + 1, j + 1),
                    it.verbatim().to_owned(),
                ));
            }
        }
    }
    for ind in &f.indicators {
        for t in &ind.targets {
            out.push((
                format!("indicator {} target {}", ind.id, t.period),
                t.khung_text.clone(),
            ));
        }
    }
    for lb in &f.legal_bases {
        out.push((
            format!("legal basis {}", lb.catalog_id),
            lb.khung_text.clone(),
        ));
    }
    out
}

struct Bullet {
    group: IndicatorGroup,
    period: Period,
    text: String,
}

/// The "- " bullets of 2.1 a), 2.1 b) (with their period) and 2.3 (2030 targets).
/// A bullet continues on the next lines (PDF line breaks) until its text ends with
/// ".", ";" or ":" or a new marker starts.
fn seed_bullets(lines: &[String]) -> Vec<Bullet> {
    let mut out: Vec<Bullet> = Vec::new();
    let mut group: Option<IndicatorGroup> = None;
    let mut period: Option<Period> = None;
    let mut open = false;
    for line in lines.iter().filter(|l| !l.is_empty()) {
        let marker = if line.starts_with("a) Cung cấp dịch vụ số") {
            group = Some(IndicatorGroup::DigitalServices);
            period = None;
            true
        } else if line.starts_with("b) Cơ quan nhà nước") {
            group = Some(IndicatorGroup::DataDrivenGovernance);
            period = None;
            true
        } else if line.starts_with("2.2 ") || line.starts_with("III.") {
            group = None;
            true
        } else if line.starts_with("2.3 ") {
            group = Some(IndicatorGroup::DigitalSociety);
            period = Some(Period::Phase2028To2030);
            true
        } else if line.starts_with("Giai đoạn") {
            period = if line.contains("2025") {
                Some(Period::Phase2025To2027)
            } else if line.contains("2028") {
                Some(Period::Phase2028To2030)
            } else {
                panic!("unknown period marker «{line}»")
            };
            true
        } else {
            false
        };
        if marker {
            open = false;
            continue;
        }
        let Some(g) = group.clone() else {
            open = false;
            continue;
        };
        if let Some(text) = line.strip_prefix("- ") {
            let period = period.unwrap_or_else(|| panic!("bullet without period: «{line}»"));
            out.push(Bullet {
                group: g,
                period,
                text: text.to_owned(),
            });
            open = true;
        } else if open {
            let last = out.last_mut().expect("open bullet");
            if last.text.ends_with(['.', ';', ':']) {
                open = false;
            } else {
                last.text = format!("{} {}", last.text, line);
            }
        }
    }
    for b in &mut out {
        b.text = trim_end_punct(&collapse(&b.text)).to_owned();
    }
    out
}

/// Whether `text` states `value` in `unit`: "95%", "cấp độ 3", "01 dự án", "30 sáng kiến".
fn states_value(text: &str, value: f64, unit: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_digit()
                || ((bytes[i] == b',' || bytes[i] == b'.')
                    && i + 1 < bytes.len()
                    && bytes[i + 1].is_ascii_digit()
                    && bytes[i - 1].is_ascii_digit()))
        {
            i += 1;
        }
        let number: f64 = text[start..i]
            .replace(',', ".")
            .parse()
            .expect("digit run parses");
        if number == value {
            let before = text[..start].trim_end();
            let after = &text[i..];
            let ok = match unit {
                "%" => after.starts_with('%'),
                "cấp độ" => before.ends_with("cấp độ"),
                other => after.trim_start().starts_with(other),
            };
            if ok {
                return true;
            }
        }
    }
    false
}

// ---------------------------------------------------------------- tests

#[test]
fn version_title_and_source() {
    let f = fw();
    assert_eq!(f.version, "khung-2026-2030/1");
    assert_eq!(
        f.title,
        "KHUNG KẾ HOẠCH CHUYỂN ĐỔI SỐ CẤP BỘ, TỈNH GIAI ĐOẠN 2026-2030"
    );
    assert_eq!(
        f.source,
        "(Kèm theo Văn bản số /BKHCN-CĐSQG ngày / /2025 của Bộ Khoa học và Công nghệ)"
    );
}

#[test]
fn section_tree_ids_numbers_and_nesting() {
    let f = fw();
    let walked: Vec<&str> = f.walk().iter().map(|s| s.id.as_str()).collect();
    let expected: Vec<&str> = SECTIONS.iter().map(|(id, _, _)| *id).collect();
    assert_eq!(walked, expected, "section ids in walk order");

    let top: Vec<&str> = f.sections.iter().map(|s| s.id.as_str()).collect();
    let expected_top: Vec<&str> = SECTIONS
        .iter()
        .filter(|(_, _, parent)| parent.is_none())
        .map(|(id, _, _)| *id)
        .collect();
    assert_eq!(top, expected_top, "top-level sections");

    for s in f.walk() {
        let children: Vec<&str> = s.children.iter().map(|c| c.id.as_str()).collect();
        let expected_children: Vec<&str> = SECTIONS
            .iter()
            .filter(|(_, _, parent)| *parent == Some(s.id.as_str()))
            .map(|(id, _, _)| *id)
            .collect();
        assert_eq!(children, expected_children, "children of {}", s.id);
        let (_, number, _) = SECTIONS.iter().find(|(id, _, _)| *id == s.id).unwrap();
        assert_eq!(s.number, *number, "number of {}", s.id);
        assert!(
            !s.heading.verbatim().ends_with(':'),
            "heading of {} keeps its trailing colon",
            s.id
        );
    }
    for group in [
        IndicatorGroup::DigitalServices,
        IndicatorGroup::DataDrivenGovernance,
        IndicatorGroup::DigitalEconomy,
        IndicatorGroup::DigitalSociety,
    ] {
        let id = group.section_id().unwrap();
        assert!(f.section(id).is_some(), "section {id} of {group:?}");
    }
}

#[test]
fn corrections_are_real_and_applied() {
    let raw = std::fs::read_to_string(SEED_PATH).expect("seed");
    let texts = verbatim_texts(fw());
    let readings: Vec<(String, String)> = all_wordings(fw())
        .into_iter()
        .flat_map(|(w, wording)| match wording {
            Wording::Same(t) => vec![(w, t.clone())],
            Wording::ByLevel { khung, bo, tinh } => vec![
                (w.clone(), khung.clone()),
                (w.clone(), bo.clone()),
                (w, tinh.clone()),
            ],
        })
        .collect();
    for (wrong, right) in CORRECTIONS {
        assert!(raw.contains(wrong), "correction «{wrong}» not in the seed");
        for (what, text) in texts.iter().chain(readings.iter()) {
            assert!(
                !text.contains(wrong),
                "{what} keeps the typo «{wrong}» (should be «{right}»)"
            );
        }
    }
}

#[test]
fn verbatim_texts_are_in_the_seed() {
    let seed = seed_text();
    for (what, text) in verbatim_texts(fw()) {
        let text = collapse(&text);
        assert!(!text.is_empty(), "{what} is empty");
        assert!(
            seed.contains(&text),
            "{what} is not verbatim from the Khung: «{text}»"
        );
    }
}

#[test]
fn headings_are_the_khung_heading_lines() {
    // section_ranges panics when a heading line is missing or out of order.
    let ranges = section_ranges(&seed_lines());
    assert_eq!(ranges.len(), SECTIONS.len());
}

/// Every line of the Khung's body belongs to some text of its section: guidance,
/// suggestion, indicator target or legal basis. Nothing is dropped.
#[test]
fn every_line_of_the_khung_is_in_the_data() {
    let f = fw();
    let lines = seed_lines();
    let ranges = section_ranges(&lines);
    let targets: Vec<String> = f
        .indicators
        .iter()
        .flat_map(|i| i.targets.iter().map(|t| collapse(&t.khung_text)))
        .collect();
    let legal: Vec<String> = f
        .legal_bases
        .iter()
        .map(|l| collapse(&l.khung_text))
        .collect();
    for s in f.walk() {
        let mut texts: Vec<String> = s.guidance.iter().map(|g| collapse(g)).collect();
        for sg in &s.suggestions {
            texts.push(collapse(sg.text.verbatim()));
            texts.extend(sg.items.iter().map(|i| collapse(i.verbatim())));
        }
        if INDICATOR_SECTIONS.contains(&s.id.as_str()) {
            texts.extend(targets.iter().cloned());
        }
        if s.id == "I" {
            texts.extend(legal.iter().cloned());
        }
        for line in &ranges[&s.id] {
            if line.starts_with("Giai đoạn") || line == "Ví dụ:" {
                continue;
            }
            let body = line
                .strip_prefix("- ")
                .unwrap_or(line)
                .trim_start_matches("+ ");
            let body = trim_end_punct(body);
            assert!(
                texts.iter().any(|t| t.contains(body)),
                "line of {} not in the data: «{line}»",
                s.id
            );
        }
    }
}

#[test]
fn suggestions_match_the_khung_bullets() {
    let f = fw();
    let ranges = section_ranges(&seed_lines());
    for s in f.walk() {
        let id = s.id.as_str();
        let lines = &ranges[id];
        let items = lines
            .iter()
            .filter(|l| l.starts_with("- + ") || l.starts_with("+ "))
            .count();
        let bullets = lines
            .iter()
            .filter(|l| l.starts_with("- ") && !l.starts_with("- + "))
            .count();
        let data_items: usize = s.suggestions.iter().map(|sg| sg.items.len()).sum();
        match id {
            "I" => {
                // Seven "- " lines plus two the PDF extraction lost the dash of.
                assert_eq!(bullets, 7);
                assert_eq!(f.legal_bases.len() + s.suggestions.len(), bullets + 2);
                assert_eq!(s.suggestions.len(), 1);
            }
            "II.1" => {
                assert_eq!(s.suggestions.len(), 1);
                assert_eq!(s.suggestions[0].text.verbatim(), s.guidance[0]);
            }
            _ if INDICATOR_SECTIONS.contains(&id) => {
                assert!(s.suggestions.is_empty(), "{id} has suggestions");
            }
            _ => {
                assert_eq!(s.suggestions.len(), bullets, "suggestions of {id}");
                assert_eq!(data_items, items, "suggestion items of {id}");
            }
        }
    }
    for id in [
        "II.2.2", "III.2", "III.3", "III.4", "III.5", "III.6", "III.7", "III.8", "IV.3",
    ] {
        assert!(
            !f.section(id).unwrap().suggestions.is_empty(),
            "{id} has no suggestions"
        );
    }
    let kt = &f.section("III.8").unwrap().suggestions;
    assert!(kt[0]
        .text
        .verbatim()
        .starts_with("Các bộ, ngành triển khai"));
    assert_eq!(kt[0].only, Some(Level::Bo));
    assert!(kt[1]
        .text
        .verbatim()
        .starts_with("Các địa phương triển khai"));
    assert_eq!(kt[1].only, Some(Level::Tinh));
}

#[test]
fn every_minimum_indicator_is_covered() {
    let f = fw();
    let bullets = seed_bullets(&seed_lines());
    let count = |g: IndicatorGroup| bullets.iter().filter(|b| b.group == g).count();
    assert_eq!(
        count(IndicatorGroup::DigitalServices),
        13,
        "bullets of 2.1 a)"
    );
    assert_eq!(
        count(IndicatorGroup::DataDrivenGovernance),
        17,
        "bullets of 2.1 b)"
    );
    assert_eq!(count(IndicatorGroup::DigitalSociety), 7, "bullets of 2.3");

    let covered = |b: &Bullet| {
        f.indicators.iter().any(|i| {
            i.group == b.group
                && i.targets.iter().any(|t| {
                    t.period == b.period && trim_end_punct(&collapse(&t.khung_text)) == b.text
                })
        })
    };
    for b in &bullets {
        assert!(
            covered(b),
            "{:?} {} bullet has no indicator: «{}»",
            b.group,
            b.period,
            b.text
        );
    }
    // And the other way round: every target is one of those bullets, in its group
    // and period.
    for i in &f.indicators {
        for t in &i.targets {
            let text = collapse(&t.khung_text);
            assert_eq!(
                text,
                trim_end_punct(&text),
                "{}: khung_text keeps its final punctuation",
                i.id
            );
            assert!(
                bullets
                    .iter()
                    .any(|b| b.group == i.group && b.period == t.period && b.text == text),
                "{} target {} is not a bullet of its group and period: «{text}»",
                i.id,
                t.period
            );
        }
    }
}

#[test]
fn indicators_are_well_formed() {
    let f = fw();
    let mut ids = HashSet::new();
    for i in &f.indicators {
        assert!(ids.insert(i.id.as_str()), "duplicate indicator id {}", i.id);
        let prefix = match &i.group {
            IndicatorGroup::DigitalServices => "2.1a-",
            IndicatorGroup::DataDrivenGovernance => "2.1b-",
            IndicatorGroup::DigitalSociety => "2.3-",
            other => panic!("{}: the Khung sets no minimum indicator in {other:?}", i.id),
        };
        let rest =
            i.id.strip_prefix(prefix)
                .unwrap_or_else(|| panic!("{}: id does not start with {prefix}", i.id));
        assert!(
            !rest.is_empty()
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !rest.starts_with('-')
                && !rest.ends_with('-')
                && !rest.contains("--"),
            "{}: id is not kebab-case ASCII",
            i.id
        );
        assert!(!i.unit.is_empty(), "{}: no unit", i.id);
        assert!(!i.name.verbatim().is_empty(), "{}: no name", i.id);
        if i.unit != "%" {
            assert!(
                !i.name.verbatim().starts_with("Tỷ lệ"),
                "{}: a «Tỷ lệ» measured in {}",
                i.id,
                i.unit
            );
        }
        assert!(!i.targets.is_empty(), "{}: no target", i.id);
        let mut periods = HashSet::new();
        for t in &i.targets {
            assert!(
                matches!(t.period, Period::Phase2025To2027 | Period::Phase2028To2030),
                "{}: period {} is not a Khung phase",
                i.id,
                t.period
            );
            assert!(
                periods.insert(t.period),
                "{}: two targets for {}",
                i.id,
                t.period
            );
            assert_eq!(
                t.comparator,
                Comparator::AtLeast,
                "{}: the Khung's targets are minimums",
                i.id
            );
            assert!(t.value.is_finite() && t.value > 0.0, "{}: value", i.id);
            if i.unit == "%" {
                assert!(t.value <= 100.0, "{}: more than 100%", i.id);
            }
            assert!(
                states_value(&t.khung_text, t.value, &i.unit),
                "{}: value {} {} is not what the Khung says: «{}»",
                i.id,
                t.value,
                i.unit,
                t.khung_text
            );
        }
        let mut sorted = i.targets.clone();
        sorted.sort_by_key(|t| t.period);
        assert_eq!(sorted, i.targets, "{}: targets out of period order", i.id);
    }
}

#[test]
fn by_level_wordings_resolve_the_alternative() {
    for (what, w) in all_wordings(fw()) {
        if let Wording::ByLevel { khung, bo, tinh } = w {
            assert_ne!(bo, tinh, "{what}: same reading for bộ and tỉnh");
            // Either the Khung writes both readings ("Bộ/Tỉnh"), or it writes only the
            // ministry one ("Chính phủ số", III.7) and the province reading is derived.
            let slashes = |s: &str| s.matches('/').count();
            if khung.contains('/') {
                assert!(
                    slashes(bo) < slashes(khung) && slashes(tinh) < slashes(khung),
                    "{what}: a reading keeps the alternative"
                );
            } else {
                assert_eq!(
                    khung, bo,
                    "{what}: without «/» the Khung's text is the ministry reading"
                );
            }
            assert!(!bo.trim().is_empty() && !tinh.trim().is_empty(), "{what}");
        }
    }
}

#[test]
fn legal_bases_are_section_i_documents_in_order() {
    let f = fw();
    let ids: Vec<&str> = f
        .legal_bases
        .iter()
        .map(|l| l.catalog_id.as_str())
        .collect();
    assert_eq!(ids, LEGAL_BASES);
    for l in &f.legal_bases {
        assert_eq!(
            l.khung_text,
            trim_end_punct(l.khung_text.trim_start_matches("- ")),
            "{}: khung_text keeps its dash or final punctuation",
            l.catalog_id
        );
    }
    let ranges = section_ranges(&seed_lines());
    let lines: Vec<String> = ranges["I"]
        .iter()
        .map(|l| trim_end_punct(l.trim_start_matches("- ")).to_owned())
        .collect();
    for l in &f.legal_bases {
        assert!(
            lines.contains(&l.khung_text),
            "{}: not a whole line of section I",
            l.catalog_id
        );
    }
}

#[test]
fn every_string_is_nfc_and_clean() {
    fn walk(v: &serde_json::Value, path: &str) {
        match v {
            serde_json::Value::String(s) => {
                assert!(is_nfc(s), "{path} is not NFC: «{s}»");
                assert_eq!(*s, collapse(s), "{path}: stray whitespace in «{s}»");
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}[{i}]"));
                }
            }
            serde_json::Value::Object(map) => {
                for (k, item) in map {
                    assert!(is_nfc(k), "key {k} is not NFC");
                    walk(item, &format!("{path}.{k}"));
                }
            }
            _ => {}
        }
    }
    let raw = std::fs::read_to_string(DATA_PATH).expect("framework data");
    let value: serde_json::Value = serde_json::from_str(&raw).expect("framework JSON");
    walk(&value, "$");
    let seed = std::fs::read_to_string(SEED_PATH).expect("seed");
    assert!(is_nfc(&seed), "the seed itself is not NFC");
    // The embedded copy parses into the same thing.
    let parsed: Framework = serde_json::from_value(value).expect("deserialises");
    assert_eq!(&parsed, fw());
}

#[test]
fn sections_lookups_work() {
    let f = fw();
    let s: &FrameworkSection = f.section("III.8").unwrap();
    assert_eq!(s.heading.for_level(Level::Bo), "Kinh tế số và xã hội số");
    let h = &f.section("II.2.1").unwrap().heading;
    assert_eq!(
        h.for_level(Level::Bo),
        "Phát triển Chính phủ số, nâng cao hiệu quả, hiệu lực hoạt động"
    );
    assert_eq!(
        h.for_level(Level::Tinh),
        "Phát triển Chính quyền số, nâng cao hiệu quả, hiệu lực hoạt động"
    );
    let sat = f.indicator("2.1a-hai-long-dvc-truc-tuyen").unwrap();
    assert_eq!(sat.target(Period::Phase2025To2027).unwrap().value, 95.0);
    assert_eq!(sat.target(Period::Phase2028To2030).unwrap().value, 99.0);
}
