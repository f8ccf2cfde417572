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
