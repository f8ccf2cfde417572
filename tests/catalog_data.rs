//! Checks on the reference data shipped in `assets/catalog/`: internal consistency,
//! Unicode NFC, the ids other code relies on, and — when the seed texts in
//! `shared/seeds/` are present — that every document number cited by a seed is in
//! the catalogue.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use khcds::catalog::{current, Catalog, LegalDocument};
use khcds::model::{is_nfc, normalize_nfc, LegalDocumentKind};
use regex::Regex;

/// The seed files the catalogue was compiled from; `sources` may only name these.
const SEED_FILES: [&str; 5] = [
    "000_ea10afa7a9f11325.txt", // slides: results and guidance for the 2026 plan (OCR)
    "001_49cbf5d51e16db08.txt", // Quyết định 2629/QĐ-TTg (OCR)
    "002_0c39cb68f6880a1a.txt", // Khung kế hoạch chuyển đổi số cấp bộ, tỉnh 2026–2030
    "003_5b976f2f4bd67dc2.txt", // 2024 report of the national committee (OCR)
    "004_a0bf494d32b90957.txt", // Kế hoạch 02-KH/BCĐTW (OCR)
];

/// Ids that other parts of the application reference directly.
const FIXED_IDS: [&str; 8] = [
    "luat-chuyen-doi-so",
    "57-NQ/TW",
    "71/NQ-CP",
    "214/NQ-CP",
    "36/QĐ-TTg",
    "1132/QĐ-TTg",
    "2629/QĐ-TTg",
    "ct-kinh-te-so-xa-hoi-so",
];

/// Numbers the seed scan finds that are deliberately not catalogue numbers.
const NOT_DOCUMENTS: [(&str, &str); 3] = [
    // Slide 000 shows a picture of the header of 2629/QĐ-TTg; OCR read "2629" as "2689".
    ("2689/QĐ-TTg", "OCR misreading of 2629/QĐ-TTg"),
    // The appendix header of 001 ("Kèm theo Quyết định số 2629/QĐ-TTg …"), read as "2609 /OD-TTg".
    ("2609/QĐ-TTg", "OCR misreading of 2629/QĐ-TTg"),
    // The Khung (002) once writes "Nghị quyết số 57/NQ-TW"; the document is 57-NQ/TW.
    ("57/NQ-TW", "typo in the Khung for 57-NQ/TW"),
];

/// Issuer codes that end a government-style number ("…/QĐ-TTg"). A suffix the OCR
/// garbled into something else is matched on number and type alone.
const ISSUER_CODES: [&str; 6] = ["TTg", "CP", "BKHCN", "BTTTT", "TW", "BCĐTW"];

fn catalog() -> &'static Catalog {
    current()
}

fn seeds_dir() -> PathBuf {
    match std::env::var_os("KHCDS_SEEDS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds")),
    }
}

fn doc(id: &str) -> &'static LegalDocument {
    catalog()
        .legal_document(id)
        .unwrap_or_else(|| panic!("catalogue has no document {id:?}"))
}

#[test]
fn ids_are_unique_and_numbers_are_ids() {
    let mut seen = HashSet::new();
    for d in &catalog().legal_documents {
        assert!(!d.id.is_empty(), "empty id: {d:?}");
        assert!(seen.insert(d.id.as_str()), "duplicate id {:?}", d.id);
        // The ký hiệu is the id, except for laws, which are cited by name.
        if !d.number.is_empty() && d.kind != LegalDocumentKind::Luat {
            assert_eq!(d.id, d.number, "id of a numbered document is its number");
        }
        assert!(!d.issuer.is_empty() || d.kind == LegalDocumentKind::ChuongTrinh);
    }
    let numbers: Vec<&str> = catalog()
        .legal_documents
        .iter()
        .map(|d| d.number.as_str())
        .filter(|n| !n.is_empty())
        .collect();
    let unique: HashSet<&str> = numbers.iter().copied().collect();
    assert_eq!(numbers.len(), unique.len(), "duplicate numbers");
}

#[test]
fn fixed_ids_exist() {
    for id in FIXED_IDS {
        doc(id);
    }
    let law = doc("luat-chuyen-doi-so");
    assert_eq!(law.kind, LegalDocumentKind::Luat);
    // Not yet numbered in the Khung: no number, no date.
    let program = doc("ct-kinh-te-so-xa-hoi-so");
    assert_eq!(program.number, "");
    assert_eq!(program.date, None);
    assert_eq!(program.issuer, "Thủ tướng Chính phủ");
}

#[test]
fn supersession_points_to_other_existing_documents() {
    let ids: HashSet<&str> = catalog()
        .legal_documents
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    for d in &catalog().legal_documents {
        if let Some(next) = &d.superseded_by {
            assert_ne!(next, &d.id, "{} supersedes itself", d.id);
            assert!(
                ids.contains(next.as_str()),
                "{} superseded by unknown {next}",
                d.id
            );
        }
    }
    assert_eq!(
        doc("942/QĐ-TTg").superseded_by.as_deref(),
        Some("2629/QĐ-TTg")
    );
    assert_eq!(
        doc("luat-cong-nghe-thong-tin").superseded_by.as_deref(),
        Some("luat-chuyen-doi-so")
    );
}

#[test]
fn effective_dates_follow_issue_and_name_their_source() {
    for d in &catalog().legal_documents {
        let Some(e) = &d.effective else { continue };
        assert!(
            d.date.is_some_and(|issued| issued <= e.date),
            "{}: in force before it was issued",
            d.id
        );
        assert!(e.source.contains("https://"), "{}: {}", d.id, e.source);
    }
    // The Luật Chuyển đổi số, which replaces the Luật Công nghệ thông tin, applies from
    // 01/7/2026.
    assert_eq!(
        doc("luat-chuyen-doi-so").in_force_from(),
        chrono::NaiveDate::from_ymd_opt(2026, 7, 1)
    );
    assert_eq!(doc("2629/QĐ-TTg").in_force_from(), doc("2629/QĐ-TTg").date);
}

#[test]
fn sources_name_seed_files() {
    let dir = seeds_dir();
    for d in &catalog().legal_documents {
        assert!(!d.sources.is_empty(), "{} has no source", d.id);
        for s in &d.sources {
            assert!(
                SEED_FILES.contains(&s.as_str()),
                "{}: unknown source {s}",
                d.id
            );
            if dir.is_dir() {
                assert!(dir.join(s).is_file(), "{}: {s} not in {dir:?}", d.id);
            }
        }
    }
}

#[test]
fn dates_are_plausible() {
    let earliest = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let latest = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    for d in &catalog().legal_documents {
        if let Some(date) = d.date {
            assert!(
                (earliest..=latest).contains(&date),
                "{}: date {date} outside 2000–2026",
                d.id
            );
        }
        // A document whose number carries a year ("33/2025/QĐ-TTg") was issued that year.
        if let (Some(date), Some(year)) = (d.date, number_year(&d.number)) {
            assert_eq!(date.year(), year, "{}: date and number disagree", d.id);
        }
    }
}

fn number_year(number: &str) -> Option<i32> {
    let re = Regex::new(r"^\d+/(\d{4})/").unwrap();
    re.captures(number).map(|c| c[1].parse().unwrap())
}

#[test]
fn kinds_match_government_style_numbers() {
    // "…/NQ-CP" is a Nghị quyết, "…/QĐ-TTg" a Quyết định, and so on. Party numbers
    // ("230-QĐ/TW") are not checked: there "QĐ" is a Quyết định or a Quy định.
    let re = Regex::new(r"/(NQ|QĐ|NĐ|KH|CT|KL|TT)-").unwrap();
    for d in &catalog().legal_documents {
        let Some(c) = re.captures(&d.number) else {
            continue;
        };
        let expected = match &c[1] {
            "NQ" => LegalDocumentKind::NghiQuyet,
            "QĐ" => LegalDocumentKind::QuyetDinh,
            "NĐ" => LegalDocumentKind::NghiDinh,
            "KH" => LegalDocumentKind::KeHoach,
            "CT" => LegalDocumentKind::ChiThi,
            "KL" => LegalDocumentKind::KetLuan,
            "TT" => LegalDocumentKind::ThongTu,
            _ => unreachable!(),
        };
        assert_eq!(d.kind, expected, "{}", d.id);
    }
}

#[test]
fn every_string_is_nfc() {
    let c = catalog();
    let mut strings: Vec<&str> = Vec::new();
    for d in &c.legal_documents {
        strings.extend([
            d.id.as_str(),
            d.number.as_str(),
            d.issuer.as_str(),
            d.title.as_str(),
        ]);
        strings.extend(d.superseded_by.as_deref());
        strings.extend(d.sources.iter().map(String::as_str));
    }
    for list in [&c.bodies.ministries, &c.bodies.provinces] {
        strings.push(&list.source);
        strings.extend(list.names.iter().map(String::as_str));
    }
    for r in &c.bodies.renamed {
        strings.extend([r.old_name.as_str(), r.new_name.as_str(), r.source.as_str()]);
    }
    for u in &c.units {
        strings.extend([u.symbol.as_str(), u.description.as_str()]);
    }
    for s in strings {
        assert!(is_nfc(s), "not NFC: {s:?}");
        assert_eq!(s.trim(), s, "surrounding whitespace: {s:?}");
    }
}

#[test]
fn citation_of_resolution_57() {
    assert_eq!(
        doc("57-NQ/TW").to_legal_basis().citation(),
        "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển \
         khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
    );
    assert_eq!(
        doc("2629/QĐ-TTg").to_legal_basis().citation(),
        "Quyết định số 2629/QĐ-TTg ngày 01/12/2025 của Thủ tướng Chính phủ phê duyệt \
         Chương trình phát triển Chính phủ số"
    );
    assert_eq!(
        doc("luat-chuyen-doi-so").to_legal_basis().citation(),
        "Luật Chuyển đổi số"
    );
    let basis = doc("71/NQ-CP").to_legal_basis();
    assert_eq!(basis.catalog_id.as_deref(), Some("71/NQ-CP"));
}

#[test]
fn bodies_lists() {
    let bodies = &catalog().bodies;
    for (list, expected) in [(&bodies.provinces, 34), (&bodies.ministries, 17)] {
        assert!(!list.source.is_empty(), "a list must name its source");
        if list.names.is_empty() {
            continue;
        }
        let unique: HashSet<&String> = list.names.iter().collect();
        assert_eq!(list.names.len(), expected, "{}", list.source);
        assert_eq!(unique.len(), expected, "duplicate names");
    }
    for p in &bodies.provinces.names {
        assert!(
            p.starts_with("Tỉnh ") || p.starts_with("Thành phố "),
            "official provincial name: {p}"
        );
    }
    let cities = bodies
        .provinces
        .names
        .iter()
        .filter(|p| p.starts_with("Thành phố "))
        .count();
    if !bodies.provinces.names.is_empty() {
        assert_eq!(cities, 6, "six centrally-run cities");
    }
}

#[test]
fn renamed_bodies_lead_to_current_ones() {
    let bodies = &catalog().bodies;
    let now: HashSet<&str> = bodies
        .ministries
        .names
        .iter()
        .chain(&bodies.provinces.names)
        .map(String::as_str)
        .collect();
    let mut old_names = HashSet::new();
    for r in &bodies.renamed {
        assert!(!r.source.is_empty(), "{} has no source", r.old_name);
        assert_ne!(r.old_name, r.new_name);
        assert!(
            old_names.insert(r.old_name.as_str()),
            "{} twice",
            r.old_name
        );
        assert!(
            !now.contains(r.old_name.as_str()),
            "{} still exists",
            r.old_name
        );
        let national = r.new_name.starts_with("Bộ ")
            || r.new_name.starts_with("Tỉnh ")
            || r.new_name.starts_with("Thành phố ");
        if national {
            assert!(
                now.contains(r.new_name.as_str()),
                "{} → {} is not a current body",
                r.old_name,
                r.new_name
            );
        }
    }
    let ttt = bodies
        .renamed
        .iter()
        .find(|r| r.old_name == "Bộ Thông tin và Truyền thông")
        .expect("Bộ Thông tin và Truyền thông is listed");
    assert_eq!(ttt.new_name, "Bộ Khoa học và Công nghệ");
}

#[test]
fn units() {
    let units = &catalog().units;
    let symbols: HashSet<&str> = units.iter().map(|u| u.symbol.as_str()).collect();
    assert_eq!(symbols.len(), units.len(), "duplicate unit symbols");
    for u in units {
        assert!(!u.description.is_empty(), "{} has no description", u.symbol);
        assert_eq!(u.percentage, u.symbol == "%", "{}", u.symbol);
    }
    for s in [
        "%",
        "cấp độ",
        "hệ thống",
        "nền tảng",
        "cơ sở dữ liệu",
        "dịch vụ",
        "người",
        "lượt",
        "doanh nghiệp",
        "hộ gia đình",
        "tỷ đồng",
        "sáng kiến",
        "bộ dữ liệu",
        "trạm",
        "xã, phường",
    ] {
        assert!(symbols.contains(s), "missing unit {s}");
    }
}

/// One document number found in a seed, normalised from the OCR.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Found {
    /// The whole ký hiệu could be read.
    Exact(String),
    /// The issuer code was illegible: number and type, e.g. "2481/QĐ-".
    Prefix(String),
}

fn normalise_type(t: &str) -> &str {
    match t {
        // OCR renderings of "QĐ" (Đ read as D, Db, DP, P, b …).
        "QD" | "Qb" | "QDb" | "QDP" | "QP" | "QB" | "OD" => "QĐ",
        "ND" => "NĐ",
        other => other,
    }
}

fn normalise_suffix(s: &str) -> &str {
    match s {
        "BCDTW" | "BCBTW" => "BCĐTW",
        other => other,
    }
}

/// Every document number in `text` (OCR or clean), normalised.
fn scan_numbers(text: &str) -> Vec<Found> {
    const TYPES: &str = r"NQ|QĐ|QDP|QDb|QD|Qb|QP|OD|NĐ|ND|KH|CT|TB|KL|TT";
    // Government style: 2629/QĐ-TTg, 33/2025/QĐ-TTg, 118/2025/NĐ-CP (line breaks allowed).
    let government = Regex::new(&format!(
        r"\b(\d+)\s*(?:/\s*(\d{{4}}))?\s*/\s*({TYPES})\s*-\s*([A-Za-zĐđ&]+)"
    ))
    .unwrap();
    // Party style: 57-NQ/TW, 02-KH/BCĐTW, 229-QĐ/TW, 01-QC/BCĐTW.
    let party =
        Regex::new(r"\b(\d+)\s*-\s*(NQ|KH|CT|KL|QĐ|QD|Qb|QB|QC)\s*/\s*([A-Za-zĐđ]+)").unwrap();
    // Official letters of a ministry: 5473/BTTTT-KTS&XHS (the OCR may drop the hyphen).
    let letter = Regex::new(r"\b(\d+)\s*/\s*(BTTTT|BKHCN)\s*-?\s*([A-Z&]+)").unwrap();
    // Laws and resolutions of the National Assembly: 67/2006/QH11.
    let assembly = Regex::new(r"\b(\d+)/(\d{4})/QH(\d+)").unwrap();

    let mut found = Vec::new();
    for c in government.captures_iter(text) {
        let year = c
            .get(2)
            .map(|y| format!("{}/", y.as_str()))
            .unwrap_or_default();
        let prefix = format!("{}/{}{}-", &c[1], year, normalise_type(&c[3]));
        let suffix = normalise_suffix(&c[4]);
        if ISSUER_CODES.contains(&suffix) {
            found.push(Found::Exact(format!("{prefix}{suffix}")));
        } else {
            found.push(Found::Prefix(prefix));
        }
    }
    for c in party.captures_iter(text) {
        let number = format!(
            "{}-{}/{}",
            &c[1],
            normalise_type(&c[2]),
            normalise_suffix(&c[3])
        );
        found.push(Found::Exact(number));
    }
    for c in letter.captures_iter(text) {
        found.push(Found::Exact(format!("{}/{}-{}", &c[1], &c[2], &c[3])));
    }
    for c in assembly.captures_iter(text) {
        found.push(Found::Exact(format!("{}/{}/QH{}", &c[1], &c[2], &c[3])));
    }
    found
}

#[test]
fn scanner_normalises_ocr() {
    let found = scan_numbers(
        "Quyet dinh s6 1132/QDP-TTg; Nghi quyet 214/NQ-\nCP; 2481/QD- Chinh phu; \
         Ké hoach s6 02-KH/BCBTW; 229- Qb/TW; 09/2025/QP-TTg; 118/2025/ND-CP; \
         cong van so 5473/BTTTTKTS&XHS; Luật số 67/2006/QH11; Quyết định số 36/QĐ-TTg",
    );
    let expected = [
        Found::Exact("1132/QĐ-TTg".into()),
        Found::Exact("214/NQ-CP".into()),
        Found::Prefix("2481/QĐ-".into()),
        Found::Exact("09/2025/QĐ-TTg".into()),
        Found::Exact("118/2025/NĐ-CP".into()),
        Found::Exact("36/QĐ-TTg".into()),
        Found::Exact("02-KH/BCĐTW".into()),
        Found::Exact("229-QĐ/TW".into()),
        Found::Exact("5473/BTTTT-KTS&XHS".into()),
        Found::Exact("67/2006/QH11".into()),
    ];
    assert_eq!(found, expected);
}

#[test]
fn every_number_cited_by_a_seed_is_catalogued() {
    let dir = seeds_dir();
    assert!(
        dir.is_dir(),
        "seed texts not found at {dir:?}: the repository expects ../shared beside it (or set KHCDS_SEEDS_DIR)"
    );
    let numbers: BTreeSet<&str> = catalog()
        .legal_documents
        .iter()
        .map(|d| d.number.as_str())
        .filter(|n| !n.is_empty())
        .collect();
    let not_documents: BTreeMap<&str, &str> = NOT_DOCUMENTS.into_iter().collect();
    let mut missing = BTreeSet::new();
    let mut total = 0;
    for file in SEED_FILES {
        let path = dir.join(file);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path:?}: {e}"));
        for found in scan_numbers(&normalize_nfc(&text)) {
            total += 1;
            let known = match &found {
                Found::Exact(n) => {
                    numbers.contains(n.as_str()) || not_documents.contains_key(n.as_str())
                }
                Found::Prefix(p) => numbers.iter().any(|n| n.starts_with(p.as_str())),
            };
            if !known {
                missing.insert(format!("{found:?} in {file}"));
            }
        }
    }
    assert!(
        total > 50,
        "the scan found only {total} numbers: regexes broken?"
    );
    assert!(missing.is_empty(), "not in the catalogue: {missing:#?}");
    // The allow-list must not go stale: each entry is still found somewhere.
    let all_text: String = SEED_FILES
        .iter()
        .map(|f| normalize_nfc(&std::fs::read_to_string(dir.join(f)).unwrap()))
        .collect::<Vec<_>>()
        .join("\n");
    let found_all = scan_numbers(&all_text);
    for (n, reason) in NOT_DOCUMENTS {
        assert!(
            found_all.contains(&Found::Exact(n.to_owned())),
            "allow-listed {n} ({reason}) no longer occurs in the seeds"
        );
        assert!(
            !numbers.contains(n),
            "allow-listed {n} is a catalogue number"
        );
    }
}
