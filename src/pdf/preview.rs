//! The app's live preview: the pages exactly as the PDF prints them, as compact plain
//! data the webview draws with SVG (no PDF viewer).
//!
//! The pages come from the PDF engine's display list ([`render`]), so line and page
//! breaks, both orientations and the printed page numbers are the PDF's. Text is sent as
//! words, each at the x where the PDF places its first glyph: the webview sets the word in
//! the same serif family, so words never drift even where its shaping differs slightly.
//!
//! Every text carries an [`Anchor`]: the editor part it comes from, so a click on the page
//! opens that part. The display list has no source reference per run, so anchors are found
//! by reading the document model alongside the plan (a heading is the plan's next section
//! of that title, a task's name in a paragraph or table row is that task, …) and aligning
//! its words with the pages' words in order.

use std::collections::BTreeSet;

use serde::Serialize;

use super::display::{Item, Page, TextRun};
use super::fonts::FontSet;
use super::render::render;
use crate::document::{self, Block, Document};
use crate::framework::{self, Framework};
use crate::layout::Role;
use crate::model::{Plan, Section};

/// What the preview pane draws.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub pages: Vec<PreviewPage>,
    /// The parts texts come from; [`PreviewText::anchor`] indexes this list.
    pub anchors: Vec<Anchor>,
}

/// Where in the editor a text of the page comes from: the tree key the UI selects
/// ("header", "opening", a section id, "closing") and, when known, the field to focus
/// (as the editors name them: "task.<id>.name", "section.<id>.content", …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Anchor {
    pub key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PreviewPage {
    /// Points.
    pub width: f64,
    pub height: f64,
    pub texts: Vec<PreviewText>,
    /// Rules and borders: `[x1, y1, x2, y2, thickness]`, points, y down.
    pub lines: Vec<[f64; 5]>,
    /// Rectangles: `[x, y, width, height, stroke thickness (0 = none), fill grey 0–1 (-1 = none)]`.
    pub rects: Vec<[f64; 6]>,
    /// The anchor keys that have text on this page, for "show the section being edited".
    pub keys: Vec<String>,
}

/// One text run of the PDF: its face, size, baseline and words.
#[derive(Debug, Clone, Serialize)]
pub struct PreviewText {
    /// 0 regular, 1 bold, 2 italic, 3 bold italic (the PDF engine's `FaceId`).
    pub face: u8,
    pub size: f64,
    pub baseline: f64,
    /// Words, each with the x of its first glyph.
    pub words: Vec<(f64, String)>,
    pub anchor: u32,
}

/// Lays `plan` out with `fonts` as the PDF export does and returns its preview.
pub fn preview(plan: &Plan, fonts: &FontSet) -> Preview {
    let document = document::build(plan);
    let display = render(&document, fonts);
    let (anchors, tagged) = tag_document(plan, framework::current(), &document);
    let mut pages = Vec::with_capacity(display.pages.len());
    let mut aligner = Aligner::new(&tagged);
    for page in &display.pages {
        pages.push(preview_page(page, &mut aligner, &anchors));
    }
    Preview { pages, anchors }
}

fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn preview_page(page: &Page, aligner: &mut Aligner, anchors: &[Anchor]) -> PreviewPage {
    let mut out = PreviewPage {
        width: round(page.width_pt),
        height: round(page.height_pt),
        texts: Vec::new(),
        lines: Vec::new(),
        rects: Vec::new(),
        keys: Vec::new(),
    };
    let mut keys = BTreeSet::new();
    for item in &page.items {
        match item {
            Item::Text(run) => {
                let words = words_of(run);
                let anchor = aligner.anchor_of(&words);
                keys.insert(anchors[anchor as usize].key.clone());
                out.texts.push(PreviewText {
                    face: run.face.0,
                    size: round(run.size_pt),
                    baseline: round(run.baseline),
                    words,
                    anchor,
                });
            }
            Item::Line(l) => out.lines.push([
                round(l.x1),
                round(l.y1),
                round(l.x2),
                round(l.y2),
                round(l.thickness),
            ]),
            Item::Rect(r) => out.rects.push([
                round(r.x),
                round(r.y),
                round(r.width),
                round(r.height),
                r.stroke.map_or(0.0, |s| round(s.thickness)),
                r.fill.map_or(-1.0, |c| round((c.r + c.g + c.b) / 3.0)),
            ]),
            // Signature and seal images are added when signing, never at export.
            Item::Image(_) => {}
        }
    }
    out.keys = keys.into_iter().collect();
    out
}

/// The words of a run, each at the x of its first glyph.
fn words_of(run: &TextRun) -> Vec<(f64, String)> {
    let mut words: Vec<(f64, String)> = Vec::new();
    let mut in_word = false;
    for (glyph, text) in run.glyphs.iter().zip(run.glyph_texts()) {
        if text.is_empty() {
            continue;
        }
        if text.chars().all(char::is_whitespace) {
            in_word = false;
            continue;
        }
        match words.last_mut() {
            Some((_, word)) if in_word => word.push_str(text),
            _ => words.push((round(run.x + glyph.x), text.to_owned())),
        }
        in_word = true;
    }
    words
}

// ---------------------------------------------------------------------------------
// Anchors: the document's words, each tagged with the part it comes from.

struct Tagged {
    word: String,
    anchor: u32,
}

struct Tagger<'a> {
    plan: &'a Plan,
    framework: &'a Framework,
    anchors: Vec<Anchor>,
    words: Vec<Tagged>,
    /// The plan's sections in document order, and how far headings have matched them.
    sections: Vec<&'a Section>,
    next_section: usize,
    names: Vec<(String, String, String)>,
    current: u32,
}

fn tag_document(
    plan: &Plan,
    framework: &Framework,
    document: &Document,
) -> (Vec<Anchor>, Vec<Tagged>) {
    fn flatten<'a>(list: &'a [Section], out: &mut Vec<&'a Section>) {
        for s in list {
            out.push(s);
            flatten(&s.children, out);
        }
    }
    let mut sections = Vec::new();
    flatten(&plan.sections, &mut sections);
    let mut tagger = Tagger {
        plan,
        framework,
        anchors: Vec::new(),
        words: Vec::new(),
        sections,
        next_section: 0,
        names: item_names(plan),
        current: 0,
    };
    tagger.current = tagger.anchor("header", None);
    for (i, section) in document.sections.iter().enumerate() {
        let appendix = i > 0;
        for block in &section.blocks {
            tagger.block(block, appendix);
        }
    }
    (tagger.anchors, tagger.words)
}

impl Tagger<'_> {
    fn anchor(&mut self, key: &str, field: Option<String>) -> u32 {
        let anchor = Anchor {
            key: key.to_owned(),
            field,
        };
        match self.anchors.iter().position(|a| *a == anchor) {
            Some(i) => i as u32,
            None => {
                self.anchors.push(anchor);
                (self.anchors.len() - 1) as u32
            }
        }
    }

    fn push_text(&mut self, text: &str, anchor: u32) {
        self.words.extend(text.split_whitespace().map(|w| Tagged {
            word: w.to_owned(),
            anchor,
        }));
    }

    fn in_body(&self) -> bool {
        self.next_section > 0
    }

    fn block(&mut self, block: &Block, appendix: bool) {
        match block {
            Block::Paragraph(p) => {
                let text = p.text();
                let anchor = self.paragraph_anchor(p.role, &text);
                self.push_text(&text, anchor);
            }
            Block::Rule(_) => {}
            Block::Columns(c) => {
                // The header block before the body, the closing block after it.
                let key = if self.in_body() || appendix {
                    "closing"
                } else {
                    "header"
                };
                self.current = self.anchor(key, None);
                for cell in c.rows.iter().flatten() {
                    for b in cell {
                        self.block(b, appendix);
                    }
                }
            }
            Block::Table(t) => {
                for row in t.header.iter().chain(&t.rows) {
                    let texts: Vec<String> = row
                        .cells
                        .iter()
                        .flat_map(|c| &c.paragraphs)
                        .map(|p| p.iter().map(|r| r.text.as_str()).collect())
                        .collect();
                    let anchor = texts
                        .iter()
                        .find_map(|t| self.item_anchor(t))
                        .unwrap_or(self.current);
                    for t in &texts {
                        self.push_text(t, anchor);
                    }
                }
            }
        }
    }

    fn paragraph_anchor(&mut self, role: Role, text: &str) -> u32 {
        match role {
            Role::Heading1 | Role::Heading2 | Role::Heading3 | Role::Heading4 => {
                if let Some(id) = self.match_heading(text) {
                    self.current = self.anchor(&id, Some(format!("section.{id}.content")));
                } else if let Some(anchor) = self.item_anchor(text) {
                    return anchor;
                }
                self.current
            }
            Role::LegalBasis if !self.in_body() => {
                self.current = self.anchor("opening", None);
                self.current
            }
            Role::Body if !self.in_body() => {
                // The issuing sentence and "Thực hiện …" between căn cứ and section I.
                self.anchor("opening", None)
            }
            Role::RecipientsHeading
            | Role::Recipient
            | Role::SignerAuthority
            | Role::SignerName => self.anchor("closing", None),
            _ => self.item_anchor(text).unwrap_or(self.current),
        }
    }

    /// The next plan section whose title this heading prints, if any.
    fn match_heading(&mut self, heading: &str) -> Option<String> {
        let printed = comparable(strip_number(heading));
        let level = self.plan.meta.level;
        let found = self.sections[self.next_section..].iter().position(|s| {
            let title = document::section_title(s, self.framework, level);
            !title.is_empty() && comparable(&title) == printed
        })?;
        let section = self.sections[self.next_section + found];
        self.next_section += found + 1;
        Some(section.id.clone())
    }

    /// A task, indicator or unit of section V whose name this text starts with (after a
    /// bullet mark or a number).
    fn item_anchor(&mut self, text: &str) -> Option<u32> {
        let text = comparable(strip_number(text.trim_start_matches(['-', '+', ' '])));
        let (key, field) = self
            .names
            .iter()
            .find(|(name, _, _)| text.starts_with(name.as_str()))
            .map(|(_, key, field)| (key.clone(), field.clone()))?;
        Some(self.anchor(&key, Some(field)))
    }
}

/// The names of the plan's tasks, indicators and units of section V (comparable form),
/// each with the tree key and field of its editor. Names under four letters are left out:
/// they would match too much.
fn item_names(plan: &Plan) -> Vec<(String, String, String)> {
    let tasks = plan.tasks.iter().map(|t| {
        (
            &t.name,
            format!("III.{}", t.area),
            format!("task.{}.name", t.id),
        )
    });
    let indicators = plan.indicators.iter().map(|i| {
        let key = i.group.section_id().unwrap_or("II.2").to_owned();
        (&i.name, key, format!("indicator.{}.name", i.id))
    });
    let units = plan.organisation.iter().map(|r| {
        (
            &r.unit,
            "V".to_owned(),
            format!("organisation.{}.unit", r.id),
        )
    });
    tasks
        .chain(indicators)
        .chain(units)
        .map(|(name, key, field)| (comparable(name), key, field))
        .filter(|(name, _, _)| name.chars().count() >= 4)
        .collect()
}

/// "2.1. Phát triển …" → "Phát triển …"; "a) Cung cấp …" → "Cung cấp …".
fn strip_number(heading: &str) -> &str {
    let heading = heading.trim_start();
    match heading.split_once(' ') {
        Some((first, rest))
            if first.ends_with(['.', ')'])
                && first[..first.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.') =>
        {
            rest.trim_start()
        }
        _ => heading,
    }
}

/// Case and spacing folded, for comparing a printed heading with a title.
fn comparable(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

// ---------------------------------------------------------------------------------
// Alignment of the pages' words with the document's.

/// How far ahead a run's words are looked for in the document; a run of one word (a page
/// number) is looked for only close by, so it cannot pull the alignment forward.
const LOOKAHEAD: usize = 800;
const LOOKAHEAD_SHORT: usize = 6;

struct Aligner<'a> {
    words: &'a [Tagged],
    cursor: usize,
    last: u32,
}

impl<'a> Aligner<'a> {
    fn new(words: &'a [Tagged]) -> Self {
        Aligner {
            words,
            cursor: 0,
            last: 0,
        }
    }

    fn anchor_of(&mut self, run: &[(f64, String)]) -> u32 {
        if run.is_empty() {
            return self.last;
        }
        let k = run.len().min(3);
        let ahead = if run.len() < 2 {
            LOOKAHEAD_SHORT
        } else {
            LOOKAHEAD
        };
        let end = (self.cursor + ahead).min(self.words.len());
        let found = (self.cursor..end).find(|&p| {
            p + k <= self.words.len()
                && run[..k]
                    .iter()
                    .zip(&self.words[p..p + k])
                    .all(|((_, a), b)| *a == b.word)
        });
        if let Some(p) = found {
            self.last = self.words[p].anchor;
            self.cursor = (p + run.len()).min(self.words.len());
        }
        self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Level, PlanKind};

    fn sample() -> Preview {
        let plan = crate::sample::sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
        preview(&plan, &FontSet::bundled())
    }

    #[test]
    fn pages_and_words_are_the_pdfs() {
        let plan = crate::sample::sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
        let fonts = FontSet::bundled();
        let display = render(&document::build(&plan), &fonts);
        let p = preview(&plan, &fonts);
        assert_eq!(p.pages.len(), display.pages.len());
        for (ours, theirs) in p.pages.iter().zip(&display.pages) {
            let ours: Vec<&str> = ours
                .texts
                .iter()
                .flat_map(|t| t.words.iter().map(|(_, w)| w.as_str()))
                .collect();
            let theirs: Vec<String> = theirs
                .text_runs()
                .flat_map(|r| {
                    r.text
                        .split_whitespace()
                        .map(str::to_owned)
                        .collect::<Vec<_>>()
                })
                .collect();
            assert_eq!(ours, theirs);
        }
        assert!(
            p.pages.iter().any(|pg| pg.width > pg.height),
            "landscape appendix pages"
        );
    }

    #[test]
    fn texts_are_anchored_to_their_parts() {
        let p = sample();
        let key_of = |word: &str| {
            p.pages
                .iter()
                .flat_map(|pg| &pg.texts)
                .find(|t| t.words.iter().any(|(_, w)| w == word))
                .map(|t| p.anchors[t.anchor as usize].clone())
        };
        assert_eq!(key_of("HOẠCH").map(|a| a.key), Some("header".into()));
        assert_eq!(key_of("Nơi").map(|a| a.key), Some("closing".into()));
        let first_page = &p.pages[0];
        assert!(first_page.keys.contains(&"header".to_owned()));
        // Every section of the sample is found on some page, in order.
        let plan = crate::sample::sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
        let mut ids = Vec::new();
        fn walk(list: &[Section], out: &mut Vec<String>) {
            for s in list {
                out.push(s.id.clone());
                walk(&s.children, out);
            }
        }
        walk(&plan.sections, &mut ids);
        for id in &ids {
            assert!(
                p.pages.iter().any(|pg| pg.keys.contains(id)),
                "section {id} has text on a page"
            );
        }
        // A task's row in the appendix jumps to the task.
        let task = &plan.tasks[0];
        assert!(p
            .anchors
            .iter()
            .any(|a| a.field.as_deref() == Some(&format!("task.{}.name", task.id))));
    }

    #[test]
    fn heading_numbers_are_stripped() {
        assert_eq!(strip_number("2.1. Phát triển"), "Phát triển");
        assert_eq!(strip_number("a) Cung cấp"), "Cung cấp");
        assert_eq!(strip_number("IV. TỔ CHỨC"), "TỔ CHỨC");
        assert_eq!(strip_number("Căn cứ Luật"), "Căn cứ Luật");
    }
}
