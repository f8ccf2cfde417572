//! Reading the DOCX files the writer produces, for the docx_* tests: the ZIP parts, the
//! paragraphs of the main document with their effective formatting (direct formatting,
//! then the style chain, then the document defaults), the tables and the sections; and
//! the external tools (Python, LibreOffice, poppler) with a clear failure when missing.
#![allow(dead_code)] // each test binary uses its own subset

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use roxmltree::{Document, Node};

#[path = "../python_support/mod.rs"]
mod python_support;
pub use python_support::python;

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The parts of a DOCX, by name.
pub struct Package {
    pub parts: HashMap<String, String>,
    pub names: Vec<String>,
}

impl Package {
    pub fn read(bytes: &[u8]) -> Package {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP archive");
        let mut parts = HashMap::new();
        let mut names = Vec::new();
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text)
                .unwrap_or_else(|e| panic!("{} is not UTF-8 text: {e}", file.name()));
            names.push(file.name().to_owned());
            parts.insert(file.name().to_owned(), text);
        }
        Package { parts, names }
    }

    pub fn part(&self, name: &str) -> &str {
        self.parts
            .get(name)
            .unwrap_or_else(|| panic!("part {name} missing; parts: {:?}", self.names))
    }
}

pub fn w<'a>(node: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    node.children().find(|c| {
        c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(W)
    })
}

pub fn ws<'a>(node: Node<'a, 'a>, name: &'a str) -> impl Iterator<Item = Node<'a, 'a>> + 'a {
    node.children().filter(move |c| {
        c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(W)
    })
}

pub fn attr<'a>(node: Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

pub fn attr_i(node: Node, name: &str) -> Option<i64> {
    attr(node, name).map(|v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name}={v} not a number"))
    })
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
fn on_off(node: Node) -> bool {
    !matches!(attr(node, "val"), Some("0" | "false" | "off"))
}

/// Paragraph and run properties as the styles define them, inherited along `basedOn`.
pub struct Styles<'a> {
    styles: HashMap<&'a str, Node<'a, 'a>>,
    defaults_ppr: Option<Node<'a, 'a>>,
    defaults_rpr: Option<Node<'a, 'a>>,
}

impl<'a> Styles<'a> {
    pub fn new(doc: &'a Document<'a>) -> Styles<'a> {
        let root = doc.root_element();
        let mut styles = HashMap::new();
        for s in ws(root, "style") {
            styles.insert(attr(s, "styleId").expect("styleId"), s);
        }
        let defaults = w(root, "docDefaults");
        Styles {
            styles,
            defaults_ppr: defaults
                .and_then(|d| w(d, "pPrDefault"))
                .and_then(|d| w(d, "pPr")),
            defaults_rpr: defaults
                .and_then(|d| w(d, "rPrDefault"))
                .and_then(|d| w(d, "rPr")),
        }
    }

    pub fn style(&self, id: &str) -> Node<'a, 'a> {
        *self
            .styles
            .get(id)
            .unwrap_or_else(|| panic!("style {id} missing"))
    }

    pub fn has(&self, id: &str) -> bool {
        self.styles.contains_key(id)
    }

    /// The chain of property containers (`pPr` or `rPr`) from the style up to the
    /// defaults.
    fn chain(&self, style_id: &str, container: &str) -> Vec<Node<'a, 'a>> {
        let mut out = Vec::new();
        let mut id = Some(style_id.to_owned());
        let mut guard = 0;
        while let Some(current) = id.take() {
            guard += 1;
            assert!(guard < 20, "basedOn loop at {current}");
            let Some(style) = self.styles.get(current.as_str()) else {
                break;
            };
            if let Some(props) = w(*style, container) {
                out.push(props);
            }
            id = w(*style, "basedOn")
                .and_then(|b| attr(b, "val"))
                .map(str::to_owned);
        }
        let defaults = if container == "pPr" {
            self.defaults_ppr
        } else {
            self.defaults_rpr
        };
        out.extend(defaults);
        out
    }
}

/// A paragraph with its effective formatting.
#[derive(Debug, Clone)]
pub struct Para {
    pub text: String,
    pub style: String,
    /// Index of the page section (0 = the portrait body).
    pub section: usize,
    /// Index of the table the paragraph is in (document order), with row and cell.
    pub table: Option<(usize, usize, usize)>,
    pub size_pt: f32,
    pub bold: bool,
    pub italic: bool,
    /// Every run bold / italic (for paragraphs of mixed runs, `bold` is the first run's).
    pub all_bold: bool,
    pub all_italic: bool,
    pub align: String,
    pub first_line: i64,
    pub left: i64,
    pub right: i64,
    pub before: i64,
    pub after: i64,
    pub line: i64,
    pub line_rule: String,
    pub keep_next: bool,
    pub bottom_border: Option<(String, i64)>,
    pub fonts: Vec<String>,
}

/// The effective value of the first property element `name` (with attribute `a`) found
/// in `direct` then along `chain`.
fn lookup<'a>(
    direct: Option<Node<'a, 'a>>,
    chain: &[Node<'a, 'a>],
    name: &str,
    a: &str,
) -> Option<&'a str> {
    direct
        .into_iter()
        .chain(chain.iter().copied())
        .filter_map(|props| w(props, name))
        .find_map(|n| attr(n, a))
}

fn lookup_flag<'a>(direct: Option<Node<'a, 'a>>, chain: &[Node<'a, 'a>], name: &str) -> bool {
    direct
        .into_iter()
        .chain(chain.iter().copied())
        .find_map(|props| w(props, name))
        .is_some_and(on_off)
}

pub struct Body<'a> {
    pub paragraphs: Vec<Para>,
    /// Tables in document order: (section, node).
    pub tables: Vec<(usize, Node<'a, 'a>)>,
    /// Section properties in order.
    pub sections: Vec<Node<'a, 'a>>,
}

pub fn text_of(p: Node) -> String {
    let mut out = String::new();
    for n in p.descendants() {
        if n.is_element() && n.tag_name().namespace() == Some(W) {
            match n.tag_name().name() {
                "t" => out.push_str(n.text().unwrap_or("")),
                "tab" if n.parent().is_some_and(|p| p.tag_name().name() == "r") => out.push('\t'),
                "br" => out.push('\n'),
                _ => {}
            }
        }
    }
    out
}

pub fn read_body<'a>(doc: &'a Document<'a>, styles: &Styles<'a>) -> Body<'a> {
    let body = w(doc.root_element(), "body").expect("w:body");
    let mut out = Body {
        paragraphs: Vec::new(),
        tables: Vec::new(),
        sections: Vec::new(),
    };
    let mut section = 0;
    walk(body, styles, &mut section, None, &mut out);
    if let Some(last) = w(body, "sectPr") {
        out.sections.push(last);
    }
    out
}

fn walk<'a>(
    node: Node<'a, 'a>,
    styles: &Styles<'a>,
    section: &mut usize,
    table: Option<(usize, usize, usize)>,
    out: &mut Body<'a>,
) {
    for child in node.children().filter(|c| c.is_element()) {
        match child.tag_name().name() {
            "p" => {
                out.paragraphs.push(para(child, styles, *section, table));
                if let Some(sect) = w(child, "pPr").and_then(|p| w(p, "sectPr")) {
                    out.sections.push(sect);
                    *section += 1;
                }
            }
            "tbl" => {
                let index = out.tables.len();
                out.tables.push((*section, child));
                for (r, row) in ws(child, "tr").enumerate() {
                    for (c, cell) in ws(row, "tc").enumerate() {
                        walk(cell, styles, section, Some((index, r, c)), out);
                    }
                }
            }
            _ => {}
        }
    }
}

fn para<'a>(
    p: Node<'a, 'a>,
    styles: &Styles<'a>,
    section: usize,
    table: Option<(usize, usize, usize)>,
) -> Para {
    let ppr = w(p, "pPr");
    let style = ppr
        .and_then(|x| w(x, "pStyle"))
        .and_then(|s| attr(s, "val"))
        .unwrap_or("Normal")
        .to_owned();
    let pchain = styles.chain(&style, "pPr");
    let rchain = styles.chain(&style, "rPr");
    let runs: Vec<Node> = ws(p, "r").filter(|r| w(*r, "t").is_some()).collect();
    let first_rpr = runs.first().and_then(|r| w(*r, "rPr"));
    let size = lookup(first_rpr, &rchain, "sz", "val")
        .map(|v| v.parse::<f32>().unwrap() / 2.0)
        .unwrap_or(f32::NAN);
    let run_flag = |r: &Node<'a, 'a>, name: &str| lookup_flag(w(*r, "rPr"), &rchain, name);
    let bold = lookup_flag(first_rpr, &rchain, "b");
    let italic = lookup_flag(first_rpr, &rchain, "i");
    let all_bold = !runs.is_empty() && runs.iter().all(|r| run_flag(r, "b"));
    let all_italic = !runs.is_empty() && runs.iter().all(|r| run_flag(r, "i"));
    let spacing = |a: &str| lookup(ppr, &pchain, "spacing", a);
    let ind = |a: &str| {
        lookup(ppr, &pchain, "ind", a)
            .map(|v| v.parse().unwrap())
            .unwrap_or(0)
    };
    let bottom_border = ppr
        .into_iter()
        .chain(pchain.iter().copied())
        .filter_map(|x| w(x, "pBdr"))
        .find_map(|b| w(b, "bottom"))
        .map(|b| {
            (
                attr(b, "val").unwrap_or("").to_owned(),
                attr_i(b, "sz").unwrap_or(0),
            )
        });
    let fonts_node = first_rpr
        .into_iter()
        .chain(rchain.iter().copied())
        .find_map(|x| w(x, "rFonts"));
    let fonts = ["ascii", "hAnsi", "eastAsia", "cs"]
        .iter()
        .map(|slot| {
            first_rpr
                .into_iter()
                .chain(rchain.iter().copied())
                .filter_map(|x| w(x, "rFonts"))
                .find_map(|f| attr(f, slot))
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    let _ = fonts_node;
    Para {
        text: text_of(p),
        style,
        section,
        table,
        size_pt: size,
        bold,
        italic,
        all_bold,
        all_italic,
        align: lookup(ppr, &pchain, "jc", "val")
            .unwrap_or("left")
            .to_owned(),
        first_line: ind("firstLine"),
        left: ind("left"),
        right: ind("right"),
        before: spacing("before").map(|v| v.parse().unwrap()).unwrap_or(0),
        after: spacing("after").map(|v| v.parse().unwrap()).unwrap_or(0),
        line: spacing("line").map(|v| v.parse().unwrap()).unwrap_or(0),
        line_rule: spacing("lineRule").unwrap_or("auto").to_owned(),
        keep_next: lookup_flag(ppr, &pchain, "keepNext"),
        bottom_border,
        fonts,
    }
}

/// Millimetres to twips, as the writer rounds them.
pub fn twips(mm: f32) -> i64 {
    (mm * 1440.0 / 25.4).round() as i64
}

pub fn twips_to_mm(t: i64) -> f32 {
    t as f32 * 25.4 / 1440.0
}

/// Grid column widths (twips) of a table.
pub fn grid(table: Node) -> Vec<i64> {
    let g = w(table, "tblGrid").expect("tblGrid");
    ws(g, "gridCol").map(|c| attr_i(c, "w").unwrap()).collect()
}

/// The border values of a table's `tblBorders` (top, left, bottom, right, insideH, insideV).
pub fn table_borders(table: Node) -> Vec<String> {
    let pr = w(table, "tblPr").expect("tblPr");
    match w(pr, "tblBorders") {
        None => Vec::new(),
        Some(b) => b
            .children()
            .filter(|c| c.is_element())
            .map(|c| attr(c, "val").unwrap_or("").to_owned())
            .collect(),
    }
}

// ---- external tools ----

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Fails the test with the install hint when `tool` is not on PATH.
pub fn require(tool: &str) {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "`{tool}` is missing: run ./scripts/install-test-deps (it installs LibreOffice, poppler-utils, python3-lxml and python-docx)"
    );
}

/// Fails the test with the install hint when a Python module is missing.
pub fn require_python_module(module: &str) {
    let ok = Command::new(python_support::require_python())
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "Python module `{module}` is missing: run ./scripts/install-test-deps"
    );
}

/// The ECMA-376 schemas shipped beside the repository (../shared/reference/ooxml-xsd),
/// or $KHCDS_OOXML_XSD.
pub fn schema_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("KHCDS_OOXML_XSD") {
        return PathBuf::from(dir);
    }
    root().join("../shared/reference/ooxml-xsd")
}

/// Runs the schema validator on `files`; panics with its report when one is invalid.
pub fn validate(files: &[&Path]) {
    require_python_module("lxml");
    let schemas = schema_dir();
    assert!(
        schemas.join("wml.xsd").is_file(),
        "the ECMA-376 schemas are not at {} (set KHCDS_OOXML_XSD)",
        schemas.display()
    );
    let out = Command::new(python())
        .arg(root().join("tests/tools/ooxml_validate.py"))
        .arg("--schemas")
        .arg(&schemas)
        .args(files)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "schema validation failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Converts DOCX files to PDF with LibreOffice (headless, a private profile so parallel
/// runs do not collide); returns the PDFs, in the order of `files`.
pub fn render_pdf(files: &[&Path], out_dir: &Path) -> Vec<PathBuf> {
    require("soffice");
    let profile = tempfile::tempdir().unwrap();
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
        .arg(out_dir)
        .args(files)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "LibreOffice failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    files
        .iter()
        .map(|f| {
            let pdf = out_dir.join(f.with_extension("pdf").file_name().unwrap());
            assert!(
                pdf.is_file(),
                "LibreOffice wrote no PDF for {}: {}",
                f.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            pdf
        })
        .collect()
}

/// Each page of a PDF: (width pt, height pt, text).
pub fn pdf_pages(pdf: &Path) -> Vec<(f32, f32, String)> {
    require("pdfinfo");
    require("pdftotext");
    let info = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .expect("page count")
        .trim()
        .parse()
        .unwrap();
    let sizes = Command::new("pdfinfo")
        .args(["-f", "1", "-l", &pages.to_string()])
        .arg(pdf)
        .output()
        .expect("pdfinfo runs");
    let sizes = String::from_utf8_lossy(&sizes.stdout).into_owned();
    let size_re = regex::Regex::new(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)").unwrap();
    let mut dims = vec![(0.0f32, 0.0f32); pages];
    for c in size_re.captures_iter(&sizes) {
        let i: usize = c[1].parse().unwrap();
        dims[i - 1] = (c[2].parse().unwrap(), c[3].parse().unwrap());
    }
    let text = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8(text.stdout).expect("UTF-8 text");
    let mut texts: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    texts.truncate(pages);
    texts.resize(pages, String::new());
    dims.into_iter()
        .zip(texts)
        .map(|((w, h), t)| (w, h, t))
        .collect()
}

/// The first non-empty line of a page's text.
pub fn first_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}
