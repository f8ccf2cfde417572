//! Any plan content gives a valid DOCX and no panic: a property-style loop over
//! generated hostile plans (control characters, non-characters, emoji, right-to-left and
//! decomposed text, XML markup, 100 000-character paragraphs, empty and deeply nested
//! sections, empty header fields, thousands of tasks, absurd numbers and settings), and
//! hand-built documents with malformed tables. Every file is read back (ZIP, well-formed
//! XML, NFC text without forbidden characters) and validated against the schemas.

mod docx_support;

use std::path::{Path, PathBuf};

use docx_support::*;
use khcds::document::{
    self, Block, Cell, Columns, Document, PageSection, Paragraph, Row, RowKind, Rule, Table,
};
use khcds::layout::{Align, Orientation, Role};
use khcds::model::*;
use khcds::sample::sample_plan;
use unicode_normalization::is_nfc;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn long_text() -> String {
    let mut s = String::with_capacity(100_010);
    while s.chars().count() < 100_000 {
        s.push_str("Chuyển đổi số toàn diện, ");
    }
    s
}

fn hostile_strings() -> Vec<String> {
    vec![
        String::new(),
        "   ".into(),
        (0u32..32).filter_map(char::from_u32).collect(),
        (0x7Fu32..0xA0).filter_map(char::from_u32).collect(),
        "a\u{FFFE}b\u{FFFF}c\u{FDD0}d\u{1FFFE}e\u{10FFFF}".into(),
        "🇻🇳 👨‍👩‍👧‍👦 🎉 😀 𝕏 𠜎".into(),
        "<w:p>&amp; ]]> \"quoted\" 'single' <!-- x --> &#0; &unknown;".into(),
        "مرحبا עברית \u{202E}reversed\u{202C}".into(),
        "Vie\u{302}\u{323}t Nam a\u{301}\u{302}\u{303}\u{304}".into(),
        "dòng 1\ndòng 2\r\ndòng 3\rdòng 4\u{b}\u{c}\u{2028}\u{2029}\tcột".into(),
        "\u{200B}\u{FEFF}\u{200D}\u{00AD}".into(),
        "x".repeat(5000),
        long_text(),
        "Kế hoạch bình thường.".into(),
        "./.".into(),
        ";;;...:::".into(),
    ]
}

fn pick(rng: &mut Rng, pool: &[String]) -> String {
    // Mostly short hostile strings; the 100 000-character one now and then.
    let mut i = rng.below(pool.len());
    if pool[i].len() > 20_000 && !rng.chance(15) {
        i = 0;
    }
    pool[i].clone()
}

fn rich(rng: &mut Rng, pool: &[String]) -> RichText {
    RichText(
        (0..rng.below(4))
            .map(|_| Run {
                text: pick(rng, pool),
                bold: rng.chance(30),
                italic: rng.chance(30),
                field: None,
            })
            .collect(),
    )
}

fn content(rng: &mut Rng, pool: &[String]) -> Vec<khcds::model::Block> {
    (0..rng.below(4))
        .map(|_| match rng.below(3) {
            0 => khcds::model::Block::Paragraph {
                text: rich(rng, pool),
            },
            1 => khcds::model::Block::Bullet {
                level: BulletLevel::Dash,
                text: rich(rng, pool),
            },
            _ => khcds::model::Block::Bullet {
                level: BulletLevel::Plus,
                text: rich(rng, pool),
            },
        })
        .collect()
}

fn nested(rng: &mut Rng, pool: &[String], depth: usize) -> Section {
    Section {
        id: format!("custom-{}", rng.next()),
        origin: SectionOrigin::Custom,
        title: pick(rng, pool),
        content: content(rng, pool),
        children: if depth > 0 {
            vec![nested(rng, pool, depth - 1)]
        } else {
            vec![]
        },
    }
}

fn mutate_sections(sections: &mut [Section], rng: &mut Rng, pool: &[String]) {
    for s in sections {
        if rng.chance(30) {
            s.title = pick(rng, pool);
        }
        if rng.chance(30) {
            s.content = content(rng, pool);
        }
        if rng.chance(10) {
            s.content.clear();
        }
        mutate_sections(&mut s.children, rng, pool);
    }
}

fn hostile_plan(seed: u64) -> Plan {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let pool = hostile_strings();
    let level = if rng.chance(50) {
        Level::Tinh
    } else {
        Level::Bo
    };
    let kind = match rng.below(3) {
        0 => PlanKind::FiveYear,
        1 => PlanKind::Annual { year: 2026 },
        _ => PlanKind::Annual { year: 2030 },
    };
    let mut plan = if rng.chance(70) {
        sample_plan(level, kind, 1)
    } else {
        khcds::framework::current().empty_plan(level, kind)
    };
    let h = &mut plan.header;
    for field in [
        &mut h.parent_body,
        &mut h.issuer,
        &mut h.number,
        &mut h.place,
        &mut h.subject,
    ] {
        if rng.chance(40) {
            *field = pick(&mut rng, &pool);
        }
    }
    if rng.chance(30) {
        h.date = None;
    }
    let o = &mut plan.opening;
    for b in &mut o.legal_bases {
        if rng.chance(30) {
            b.title = pick(&mut rng, &pool);
            b.number = pick(&mut rng, &pool);
            b.issuer = pick(&mut rng, &pool);
        }
    }
    if rng.chance(20) {
        o.legal_bases.clear();
    }
    if rng.chance(40) {
        o.implementing = Some(rich(&mut rng, &pool));
    }
    if rng.chance(40) {
        o.proposed_by = pick(&mut rng, &pool);
        o.issuing_sentence = pick(&mut rng, &pool);
    }
    mutate_sections(&mut plan.sections, &mut rng, &pool);
    if rng.chance(20) {
        let depth = rng.below(12);
        let deep = nested(&mut rng, &pool, depth);
        plan.sections.push(deep);
    }
    if rng.chance(10) {
        plan.sections.clear();
    }
    for i in &mut plan.indicators {
        if rng.chance(30) {
            i.name = pick(&mut rng, &pool);
            i.unit = pick(&mut rng, &pool);
            i.method = pick(&mut rng, &pool);
            for t in &mut i.targets {
                t.value = pick(&mut rng, &pool);
            }
        }
        if rng.chance(10) {
            i.group = IndicatorGroup::Custom(pick(&mut rng, &pool));
        }
        if rng.chance(10) {
            i.not_applicable = Some(pick(&mut rng, &pool));
        }
    }
    for t in &mut plan.tasks {
        if rng.chance(30) {
            t.name = pick(&mut rng, &pool);
            t.content = pick(&mut rng, &pool);
            t.lead_unit = pick(&mut rng, &pool);
            t.coordinating_units = vec![pick(&mut rng, &pool), pick(&mut rng, &pool)];
        }
        if rng.chance(20) {
            t.budget_million_vnd = [
                None,
                Some(f64::NAN),
                Some(f64::INFINITY),
                Some(-1e308),
                Some(1e300),
                Some(0.05),
            ][rng.below(6)];
        }
        if rng.chance(10) {
            t.area = [0u8, 99, 255][rng.below(3)];
            t.start = None;
        }
    }
    if rng.chance(10) {
        plan.tasks.clear();
        plan.indicators.clear();
    }
    if rng.chance(40) {
        plan.recipients = (0..rng.below(6))
            .map(|_| Recipient(pick(&mut rng, &pool)))
            .collect();
    }
    if rng.chance(5) {
        plan.recipients = (0..400).map(|i| Recipient(format!("Đơn vị {i}"))).collect();
    }
    if rng.chance(40) {
        plan.signer.name = pick(&mut rng, &pool);
        plan.signer.position = pick(&mut rng, &pool);
        if let Some(c) = plan.signer.capacities.first_mut() {
            c.on_behalf_of = pick(&mut rng, &pool);
        }
    }
    if rng.chance(20) {
        plan.signer = Signer::default();
    }
    if rng.chance(20) {
        plan.settings.body_size_pt = [0u8, 12, 13, 255][rng.below(4)];
        plan.settings.margins_mm.left = [f32::NAN, -5.0, 0.0, 500.0][rng.below(4)];
        plan.settings.landscape_margins_mm.top = [f32::NAN, f32::INFINITY, -1.0, 1e9][rng.below(4)];
    }
    plan
}

/// Reads a written file back: a ZIP of well-formed XML parts whose text is NFC and holds
/// no character Word or XML refuses.
fn check_readable(bytes: &[u8], what: &str) {
    let package = Package::read(bytes);
    for (name, text) in &package.parts {
        let doc = roxmltree::Document::parse(text)
            .unwrap_or_else(|e| panic!("{what}: {name} is not well-formed XML: {e}"));
        for node in doc.descendants().filter(|n| n.tag_name().name() == "t") {
            let t = node.text().unwrap_or("");
            assert!(is_nfc(t), "{what}: {name}: text not NFC: {t:?}");
            assert!(
                !t.chars().any(|c| {
                    let u = c as u32;
                    u < 0x20
                        || (0x7F..=0x9F).contains(&u)
                        || u & 0xFFFE == 0xFFFE
                        || (0xFDD0..=0xFDEF).contains(&u)
                }),
                "{what}: {name}: forbidden character in {t:?}"
            );
        }
    }
}

#[test]
fn hostile_plans_give_valid_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = Vec::new();
    for seed in 0..48u64 {
        let plan = hostile_plan(seed);
        let bytes = khcds::docx::write_plan(&plan).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        check_readable(&bytes, &format!("seed {seed}"));
        if seed % 8 == 0 {
            let again = khcds::docx::write_plan(&plan).unwrap();
            assert!(bytes == again, "seed {seed}: deterministic");
        }
        let path = dir.path().join(format!("hostile-{seed:02}.docx"));
        std::fs::write(&path, &bytes).unwrap();
        files.push(path);
    }
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    validate(&refs);
}

#[test]
fn a_100000_character_paragraph_and_thousands_of_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    plan.sections[0]
        .content
        .push(khcds::model::Block::paragraph(long_text()));
    let template = plan.tasks[0].clone();
    plan.tasks = (0..3000)
        .map(|i| Task {
            id: format!("nv-{i:05}"),
            area: (i % 9 + 1) as u8,
            name: format!("Nhiệm vụ số {i} 🎯 <&>"),
            ..template.clone()
        })
        .collect();
    plan.tasks[7].content = long_text();
    let bytes = khcds::docx::write_plan(&plan).expect("written");
    check_readable(&bytes, "large plan");
    let package = Package::read(&bytes);
    let text = package.part("word/document.xml");
    assert!(text.contains("Nhiệm vụ số 2999 🎯 &lt;&amp;&gt;"));
    // The row holding the 100 000 characters is taller than a page: it may split.
    let doc = roxmltree::Document::parse(text).unwrap();
    let long_row = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "tr")
        .find(|tr| {
            tr.descendants()
                .any(|n| n.text().is_some_and(|t| t.len() > 50_000))
        })
        .expect("the long row");
    let pr = w(long_row, "trPr");
    assert!(
        pr.and_then(|p| w(p, "cantSplit")).is_none(),
        "a row taller than a page is not cantSplit"
    );
    let path = dir.path().join("large.docx");
    std::fs::write(&path, &bytes).unwrap();
    validate(&[&path]);
}

fn para(role: Role, text: &str) -> Block {
    Block::Paragraph(Paragraph::new(role, text))
}

/// Documents the model would never build, written all the same.
fn malformed_documents() -> Vec<Document> {
    let plan = sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    let base = document::build(&plan);
    let cell = |span, text: &str| Cell {
        span,
        role: Role::TableCell,
        align: Align::Right,
        paragraphs: vec![vec![Run::plain(text)]],
    };
    let odd_table = Table {
        columns_mm: vec![f32::NAN, -4.0, 0.0, 1e6],
        header: vec![Row {
            kind: RowKind::Header,
            cells: vec![cell(0, "span 0"), cell(99, "span 99"), cell(1, "extra")],
            keep_with_next: false,
        }],
        rows: vec![
            Row {
                kind: RowKind::Data,
                cells: vec![],
                keep_with_next: false,
            },
            Row {
                kind: RowKind::Total,
                cells: vec![Cell {
                    paragraphs: vec![],
                    ..cell(1, "")
                }],
                keep_with_next: false,
            },
        ],
    };
    let no_columns = Table {
        columns_mm: vec![],
        header: vec![],
        rows: vec![Row {
            kind: RowKind::Group,
            cells: vec![cell(3, "x")],
            keep_with_next: false,
        }],
    };
    let nested = Columns {
        widths_mm: [f32::INFINITY, -1.0],
        rows: vec![
            [
                vec![
                    Block::Table(odd_table.clone()),
                    Block::Rule(Rule {
                        length_mm: f32::NAN,
                    }),
                ],
                vec![],
            ],
            [
                vec![Block::Columns(Columns {
                    widths_mm: [10.0, 10.0],
                    rows: vec![[
                        vec![para(Role::Body, "a")],
                        vec![Block::Rule(Rule { length_mm: 1e9 })],
                    ]],
                })],
                vec![para(Role::SignerName, "\u{0}")],
            ],
        ],
    };
    let mut many_sections = base.clone();
    many_sections.sections = (0..12)
        .map(|i| PageSection {
            orientation: if i % 2 == 0 {
                Orientation::Portrait
            } else {
                Orientation::Landscape
            },
            blocks: vec![para(Role::Body, &format!("Phần {i}"))],
        })
        .collect();
    let mut no_sections = base.clone();
    no_sections.sections.clear();
    let mut odd = base.clone();
    odd.sections = vec![
        PageSection {
            orientation: Orientation::Landscape,
            blocks: vec![
                Block::Table(odd_table),
                Block::Table(no_columns),
                Block::Columns(nested),
            ],
        },
        PageSection {
            orientation: Orientation::Portrait,
            blocks: vec![],
        },
        PageSection {
            orientation: Orientation::Portrait,
            blocks: vec![Block::Rule(Rule { length_mm: -3.0 })],
        },
    ];
    odd.properties.title = "\u{1}<>&".into();
    odd.properties.created = chrono::NaiveDate::from_ymd_opt(1900, 1, 1);
    let mut far = base;
    far.properties.created = chrono::NaiveDate::from_ymd_opt(9999, 12, 31);
    vec![many_sections, no_sections, odd, far]
}

#[test]
fn malformed_documents_give_valid_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (i, doc) in malformed_documents().iter().enumerate() {
        let bytes = khcds::docx::write(doc).unwrap_or_else(|e| panic!("document {i}: {e}"));
        check_readable(&bytes, &format!("document {i}"));
        let path = dir.path().join(format!("malformed-{i}.docx"));
        std::fs::write(&path, &bytes).unwrap();
        files.push(path);
    }
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    validate(&refs);
}
