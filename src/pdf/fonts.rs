//! Font faces: the four styles of the body font, their metrics and the rule LibreOffice uses
//! to turn those metrics into line heights.
//!
//! The plan names "Times New Roman" in its DOCX. When the machine has the real Times New Roman
//! (all four styles), the PDF uses it, like LibreOffice and Word would. Otherwise we use the
//! bundled Liberation Serif 2.x, which is metric-compatible (same advance widths, same
//! ascender/descender/line gap) and which LibreOffice itself substitutes for Times New Roman.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use read_fonts::{FontRef, TableProvider};
use serde::{Deserialize, Serialize};

const LIBERATION_REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf");
const LIBERATION_BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf");
const LIBERATION_ITALIC: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf");
const LIBERATION_BOLD_ITALIC: &[u8] =
    include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf");

/// Bold/italic selection of a run. The four combinations are the four faces of a [`FontSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
}

impl Style {
    pub const REGULAR: Style = Style {
        bold: false,
        italic: false,
    };
    pub const BOLD: Style = Style {
        bold: true,
        italic: false,
    };
    pub const ITALIC: Style = Style {
        bold: false,
        italic: true,
    };
    pub const BOLD_ITALIC: Style = Style {
        bold: true,
        italic: true,
    };

    fn index(self) -> usize {
        usize::from(self.bold) | (usize::from(self.italic) << 1)
    }
}

/// Identifies one face of a [`FontSet`] in plain data (display list, serialised previews).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FaceId(pub u8);

impl From<Style> for FaceId {
    fn from(style: Style) -> Self {
        FaceId(style.index() as u8)
    }
}

impl FaceId {
    pub fn style(self) -> Style {
        Style {
            bold: self.0 & 1 != 0,
            italic: self.0 & 2 != 0,
        }
    }
}

/// Where the faces of a [`FontSet`] came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum FontOrigin {
    /// The bundled Liberation Serif 2.1.5 (SIL OFL 1.1, see `assets/fonts/LICENSE-OFL.txt`).
    BundledLiberationSerif,
    /// Times New Roman found on this machine: the four files, regular/bold/italic/bold italic.
    SystemTimesNewRoman(Vec<PathBuf>),
}

/// Vertical metrics of a face, in font units, as read from its tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FaceMetrics {
    pub units_per_em: u16,
    /// `hhea` ascender (positive, above the baseline).
    pub hhea_ascender: i16,
    /// `hhea` descender, as a positive distance below the baseline.
    pub hhea_descender: i16,
    pub hhea_line_gap: i16,
    pub win_ascent: u16,
    pub win_descent: u16,
    pub typo_ascender: i16,
    pub typo_descender: i16,
    pub typo_line_gap: i16,
    /// OS/2 fsSelection bit 7 (USE_TYPO_METRICS).
    pub use_typo_metrics: bool,
}

/// One line's worth of a font at a given size, in twips (1/20 pt), rounded exactly as
/// LibreOffice Writer rounds them. See [`Face::line_metrics`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct LineMetrics {
    /// Ascent above the baseline.
    pub ascent: i32,
    /// Descent below the baseline (positive).
    pub descent: i32,
    /// External leading, which Writer puts above the ascent.
    pub leading: i32,
}

impl LineMetrics {
    /// Height of a line set "single" in this font: leading + ascent + descent.
    pub fn height(&self) -> i32 {
        self.leading + self.ascent + self.descent
    }

    /// Distance from the top of a single-spaced line to its baseline: leading + ascent.
    pub fn baseline(&self) -> i32 {
        self.leading + self.ascent
    }
}

/// One font file, parsed.
pub struct Face {
    data: Arc<Vec<u8>>,
    /// The harfrust/read-fonts view used for shaping.
    pub(crate) shaping: harfrust::Font,
    postscript_name: String,
    metrics: FaceMetrics,
    num_glyphs: u16,
    /// Glyph id → the character the font's cmap maps to it (lowest code point wins), used to
    /// give glyphs a ToUnicode entry when they show up outside of the text that produced them.
    reverse_cmap: HashMap<u16, char>,
    /// Shape plans already compiled for this face, by script and features: building a
    /// plan costs more than shaping a short run, and a document needs only a few.
    pub(crate) plans: super::shape::PlanCache,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("postscript_name", &self.postscript_name)
            .field("metrics", &self.metrics)
            .finish()
    }
}

/// Why a font file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("cannot read font file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("not a usable TrueType/OpenType font: {0}")]
    Parse(String),
}

impl Face {
    /// Parses a single-face TrueType/OpenType file.
    pub fn from_bytes(data: Vec<u8>) -> Result<Face, FontError> {
        let data = Arc::new(data);
        let font_ref = FontRef::new(&data).map_err(|e| FontError::Parse(e.to_string()))?;
        let head = font_ref
            .head()
            .map_err(|e| FontError::Parse(format!("head: {e}")))?;
        let hhea = font_ref
            .hhea()
            .map_err(|e| FontError::Parse(format!("hhea: {e}")))?;
        let num_glyphs = font_ref
            .maxp()
            .map_err(|e| FontError::Parse(format!("maxp: {e}")))?
            .num_glyphs();
        let os2 = font_ref.os2().ok();
        let units_per_em = head.units_per_em();
        if units_per_em == 0 {
            return Err(FontError::Parse("unitsPerEm is 0".into()));
        }
        let metrics = FaceMetrics {
            units_per_em,
            hhea_ascender: hhea.ascender().to_i16(),
            hhea_descender: hhea.descender().to_i16().saturating_neg(),
            hhea_line_gap: hhea.line_gap().to_i16(),
            win_ascent: os2.as_ref().map_or(0, |t| t.us_win_ascent()),
            win_descent: os2.as_ref().map_or(0, |t| t.us_win_descent()),
            typo_ascender: os2.as_ref().map_or(0, |t| t.s_typo_ascender()),
            typo_descender: os2
                .as_ref()
                .map_or(0, |t| t.s_typo_descender().saturating_neg()),
            typo_line_gap: os2.as_ref().map_or(0, |t| t.s_typo_line_gap()),
            use_typo_metrics: os2
                .as_ref()
                .is_some_and(|t| t.fs_selection().bits() & (1 << 7) != 0),
        };
        let blob: Arc<dyn AsRef<[u8]> + Send + Sync> = data.clone();
        let shaping = harfrust::Font::new(blob, 0)
            .ok_or_else(|| FontError::Parse("harfrust cannot open the font".into()))?;
        let postscript_name = shaping
            .names()
            .get(read_fonts::types::NameId::POSTSCRIPT_NAME)
            .and_then(|n| n.english_or_first())
            .map(|l| l.name().chars().collect::<String>())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "UnnamedFont".to_string());
        // PDF names may not hold spaces or delimiters.
        let postscript_name: String = postscript_name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        let mut reverse_cmap = HashMap::new();
        for (cp, gid) in shaping.charmap().unicodes() {
            if let (Some(ch), Ok(gid)) = (char::from_u32(cp), u16::try_from(gid.to_u32())) {
                reverse_cmap.entry(gid).or_insert(ch);
            }
        }
        Ok(Face {
            data,
            shaping,
            postscript_name,
            metrics,
            num_glyphs,
            reverse_cmap,
            plans: Default::default(),
        })
    }

    pub fn postscript_name(&self) -> &str {
        &self.postscript_name
    }

    pub fn metrics(&self) -> &FaceMetrics {
        &self.metrics
    }

    pub fn units_per_em(&self) -> u16 {
        self.metrics.units_per_em
    }

    pub fn num_glyphs(&self) -> u16 {
        self.num_glyphs
    }

    /// The font file.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The character the cmap maps to `gid`, if any.
    pub fn char_for_glyph(&self, gid: u16) -> Option<char> {
        self.reverse_cmap.get(&gid).copied()
    }

    /// Whether the font has a glyph for `c`.
    pub fn has_char(&self, c: char) -> bool {
        self.shaping.charmap().map_unicode(c as u32).is_some()
    }

    /// Line metrics at `size_pt`, in twips, matching LibreOffice Writer 7.x for DOCX files.
    ///
    /// Measured against `soffice --convert-to pdf` (17 sizes from 9 to 26 pt, single, multiple,
    /// exact and at-least spacing; all matched to the twip). Writer lays DOCX files out on a
    /// "high resolution" reference device of 8640 dpi (VCL `RefDevMode::MSO1`, 120 device
    /// pixels per point). VCL computes the font's metrics there from the **hhea** table
    /// (the OS/2 win values are only a fallback when hhea's ascender and descender are both 0;
    /// typo values when USE_TYPO_METRICS is set), each rounded to whole device pixels:
    ///
    /// ```text
    /// px      = size_pt * 120
    /// asc_px  = round(hhea.ascender  * px / upem)
    /// desc_px = round(-hhea.descender * px / upem)
    /// lead_px = round(hhea.lineGap   * px / upem)
    /// ```
    ///
    /// and converts them to twips (6 px per twip) as Writer reads them: the text height
    /// (ascent + descent) in one conversion, the ascent and the external leading each in their
    /// own. Writer adds the external leading (DOCX files have "add external leading" on), above
    /// the text. For Liberation Serif / Times New Roman (1825, -443, 87 per 2048) at 14 pt this
    /// gives ascent 250, descent 60, leading 12: a single line is 322 twips = 16.1 pt and the
    /// first baseline sits 262 twips = 13.1 pt below the top of the line, as LibreOffice's PDF
    /// shows. (The OS/2 win ascent + descent alone would give 15.5 pt: wrong by 0.6 pt a line.)
    pub fn line_metrics(&self, size_pt: f64) -> LineMetrics {
        let m = &self.metrics;
        let (asc, desc, gap) =
            if m.use_typo_metrics && (m.typo_ascender != 0 || m.typo_descender != 0) {
                (m.typo_ascender, m.typo_descender, m.typo_line_gap)
            } else if m.hhea_ascender != 0 || m.hhea_descender != 0 {
                (m.hhea_ascender, m.hhea_descender, m.hhea_line_gap)
            } else {
                (m.win_ascent as i16, m.win_descent as i16, 0)
            };
        let px = (size_pt.max(0.0) * 120.0).round();
        let scale = px / f64::from(m.units_per_em);
        let asc_px = (f64::from(asc) * scale).round();
        let desc_px = (f64::from(desc) * scale).round();
        let lead_px = (f64::from(gap.max(0)) * scale).round();
        let to_twips = |v: f64| (v / 6.0).round() as i32;
        let ascent = to_twips(asc_px);
        let height = to_twips(asc_px + desc_px);
        LineMetrics {
            ascent,
            descent: height - ascent,
            leading: to_twips(lead_px),
        }
    }
}

/// The four faces of the body font.
pub struct FontSet {
    faces: [Arc<Face>; 4],
    origin: FontOrigin,
}

impl std::fmt::Debug for FontSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontSet")
            .field("origin", &self.origin)
            .finish()
    }
}

/// File names of Times New Roman, regular/bold/italic/bold italic, as Windows, macOS and
/// Debian's ttf-mscorefonts-installer ship them (compared case-insensitively).
const TIMES_FILES: [[&str; 3]; 4] = [
    ["times.ttf", "Times New Roman.ttf", "Times_New_Roman.ttf"],
    [
        "timesbd.ttf",
        "Times New Roman Bold.ttf",
        "Times_New_Roman_Bold.ttf",
    ],
    [
        "timesi.ttf",
        "Times New Roman Italic.ttf",
        "Times_New_Roman_Italic.ttf",
    ],
    [
        "timesbi.ttf",
        "Times New Roman Bold Italic.ttf",
        "Times_New_Roman_Bold_Italic.ttf",
    ],
];

impl FontSet {
    /// The real Times New Roman when this machine has all four styles, else the bundled
    /// Liberation Serif.
    pub fn load() -> FontSet {
        FontSet::system_times_new_roman().unwrap_or_else(FontSet::bundled)
    }

    /// The bundled Liberation Serif 2.1.5. Always available.
    pub fn bundled() -> FontSet {
        let parse = |bytes: &[u8]| {
            Arc::new(Face::from_bytes(bytes.to_vec()).expect("bundled Liberation Serif parses"))
        };
        FontSet {
            faces: [
                parse(LIBERATION_REGULAR),
                parse(LIBERATION_BOLD),
                parse(LIBERATION_ITALIC),
                parse(LIBERATION_BOLD_ITALIC),
            ],
            origin: FontOrigin::BundledLiberationSerif,
        }
    }

    /// Times New Roman from the usual font folders, if all four styles are there.
    pub fn system_times_new_roman() -> Option<FontSet> {
        let mut dirs = vec![
            PathBuf::from("/usr/share/fonts"),
            PathBuf::from("/usr/local/share/fonts"),
        ];
        if let Some(home) = std::env::var_os("HOME") {
            let home = PathBuf::from(home);
            dirs.push(home.join(".fonts"));
            dirs.push(home.join(".local/share/fonts"));
        }
        if let Some(windir) = std::env::var_os("WINDIR") {
            dirs.push(PathBuf::from(windir).join("Fonts"));
        }
        FontSet::times_new_roman_in(&dirs)
    }

    /// Times New Roman from the given folders (searched recursively), if all four styles are
    /// there. Mixing a system face with bundled ones would change metrics between styles, so
    /// it is all four or none.
    pub fn times_new_roman_in(dirs: &[PathBuf]) -> Option<FontSet> {
        let mut found: [Option<PathBuf>; 4] = Default::default();
        for dir in dirs {
            find_files(dir, 0, &mut |path| {
                let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                    return;
                };
                for (i, names) in TIMES_FILES.iter().enumerate() {
                    if found[i].is_none() && names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                        found[i] = Some(path.to_path_buf());
                    }
                }
            });
        }
        let paths: Vec<PathBuf> = found.into_iter().collect::<Option<Vec<_>>>()?;
        let mut faces = Vec::with_capacity(4);
        for path in &paths {
            let bytes = std::fs::read(path).ok()?;
            faces.push(Arc::new(Face::from_bytes(bytes).ok()?));
        }
        let faces: [Arc<Face>; 4] = faces.try_into().ok()?;
        Some(FontSet {
            faces,
            origin: FontOrigin::SystemTimesNewRoman(paths),
        })
    }

    /// Builds a set from four faces: regular, bold, italic, bold italic (tests, other fonts).
    pub fn from_faces(faces: [Face; 4], origin: FontOrigin) -> FontSet {
        FontSet {
            faces: faces.map(Arc::new),
            origin,
        }
    }

    pub fn origin(&self) -> &FontOrigin {
        &self.origin
    }

    pub fn face(&self, style: Style) -> &Face {
        &self.faces[style.index()]
    }

    pub fn face_by_id(&self, id: FaceId) -> &Face {
        &self.faces[usize::from(id.0) & 3]
    }
}

/// Calls `f` for every file under `dir`, at most 6 folders deep, ignoring unreadable folders.
fn find_files(dir: &Path, depth: usize, f: &mut dyn FnMut(&Path)) {
    if depth > 6 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => find_files(&path, depth + 1, f),
            Ok(_) => f(&path),
            Err(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_have_vietnamese_and_distinct_styles() {
        let set = FontSet::bundled();
        let names: Vec<&str> = [
            Style::REGULAR,
            Style::BOLD,
            Style::ITALIC,
            Style::BOLD_ITALIC,
        ]
        .iter()
        .map(|s| set.face(*s).postscript_name())
        .collect();
        assert_eq!(
            names,
            [
                "LiberationSerif",
                "LiberationSerif-Bold",
                "LiberationSerif-Italic",
                "LiberationSerif-BoldItalic"
            ]
        );
        for s in [
            Style::REGULAR,
            Style::BOLD,
            Style::ITALIC,
            Style::BOLD_ITALIC,
        ] {
            for c in "ẮằẳẵặệỆơƯừữựĐđ".chars() {
                assert!(set.face(s).has_char(c), "{c} missing in {s:?}");
            }
        }
    }

    #[test]
    fn line_metrics_match_libreoffice_measurements() {
        // (size pt, single line height in twips, baseline below line top in twips ±1)
        // measured in LibreOffice 7.4's PDF export of a DOCX in Times New Roman.
        let measured = [
            (9.0, 207, 168),
            (10.0, 231, 188),
            (10.5, 242, 196),
            (11.0, 253, 206),
            (11.5, 265, 216),
            (12.0, 276, 224),
            (12.5, 288, 234),
            (13.0, 299, 244),
            (13.5, 311, 254),
            (14.0, 322, 262),
            (14.5, 333, 272),
            (15.0, 345, 280),
            (16.0, 368, 300),
            (18.0, 414, 336),
            (20.0, 460, 374),
            (24.0, 552, 448),
            (26.0, 598, 486),
        ];
        let face = FontSet::bundled();
        let face = face.face(Style::REGULAR);
        for (size, height, baseline) in measured {
            let m = face.line_metrics(size);
            assert_eq!(m.height(), height, "height at {size} pt");
            assert!(
                (m.baseline() - baseline).abs() <= 1,
                "baseline at {size} pt: {} vs {baseline}",
                m.baseline()
            );
        }
    }

    #[test]
    fn missing_folders_give_no_times_new_roman() {
        assert!(FontSet::times_new_roman_in(&[PathBuf::from("/nonexistent/khcds")]).is_none());
    }
}
