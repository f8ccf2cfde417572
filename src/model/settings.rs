use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The layout choices Nghị định 30 leaves to the issuer, within its ranges.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentSettings {
    /// Body text size: 13 or 14 pt.
    #[serde(default = "default_body_size")]
    pub body_size_pt: u8,
    /// Portrait pages: top 20–25, bottom 20–25, left 30–35, right 15–20 mm.
    #[serde(default = "Margins::portrait")]
    pub margins_mm: Margins,
    /// Landscape appendix pages (the decree's own samples: 30/15/20/15 mm).
    #[serde(default = "Margins::landscape")]
    pub landscape_margins_mm: Margins,
}

fn default_body_size() -> u8 {
    14
}

impl Default for DocumentSettings {
    fn default() -> Self {
        DocumentSettings {
            body_size_pt: default_body_size(),
            margins_mm: Margins::portrait(),
            landscape_margins_mm: Margins::landscape(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

impl Margins {
    pub fn portrait() -> Self {
        Margins {
            top: 20.0,
            bottom: 20.0,
            left: 30.0,
            right: 15.0,
        }
    }

    pub fn landscape() -> Self {
        Margins {
            top: 30.0,
            bottom: 15.0,
            left: 20.0,
            right: 15.0,
        }
    }
}

/// A number outside the range it can take, named as the drafter sees it. Checked at
/// import and at every edit, so a value that is stored always reads back and prints.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {value} nằm ngoài khoảng cho phép ({expected}).")]
pub struct OutOfRange {
    /// The field's Vietnamese label and where it is ("Lề phải (trang dọc)").
    pub field: String,
    pub value: String,
    pub expected: String,
}

impl OutOfRange {
    pub(crate) fn number(field: impl Into<String>, value: f64, expected: &str) -> Self {
        OutOfRange {
            field: field.into(),
            value: if value.is_finite() {
                value.to_string()
            } else {
                "một số quá lớn".into()
            },
            expected: expected.into(),
        }
    }
}

/// Checks that `value` lies in `low..=high`; NaN and infinities never do.
pub(crate) fn check_range(
    field: impl Into<String>,
    value: f64,
    low: f64,
    high: f64,
    expected: &str,
) -> Result<(), OutOfRange> {
    if value.is_finite() && (low..=high).contains(&value) {
        Ok(())
    } else {
        Err(OutOfRange::number(field, value, expected))
    }
}

impl DocumentSettings {
    /// Checks the body size and margins against Nghị định 30's ranges.
    pub fn check_ranges(&self) -> Result<(), OutOfRange> {
        let size = f64::from(self.body_size_pt);
        check_range("Cỡ chữ phần nội dung", size, 13.0, 14.0, "13 hoặc 14 pt")?;
        let m = self.margins_mm;
        let portrait = [
            ("Lề trên (trang dọc)", m.top, 20.0, 25.0, "20–25 mm"),
            ("Lề dưới (trang dọc)", m.bottom, 20.0, 25.0, "20–25 mm"),
            ("Lề trái (trang dọc)", m.left, 30.0, 35.0, "30–35 mm"),
            ("Lề phải (trang dọc)", m.right, 15.0, 20.0, "15–20 mm"),
        ];
        let l = self.landscape_margins_mm;
        let landscape = [
            ("Lề trên (trang ngang)", l.top),
            ("Lề dưới (trang ngang)", l.bottom),
            ("Lề trái (trang ngang)", l.left),
            ("Lề phải (trang ngang)", l.right),
        ]
        .map(|(label, v)| (label, v, 10.0, 35.0, "10–35 mm"));
        for (label, value, low, high, expected) in portrait.into_iter().chain(landscape) {
            check_range(label, f64::from(value), low, high, expected)?;
        }
        Ok(())
    }
}
