//! The evaluation's sections and narrative parts with their guidance, from
//! `assets/framework/danh-gia-nam.json` (the 2026 guidance of Bộ Khoa học và Công nghệ,
//! "Đánh giá kết quả triển khai năm 2025").

use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::framework::Wording;

const JSON: &str = include_str!("../../assets/framework/danh-gia-nam.json");

/// The evaluation guidance, parsed once.
pub fn evaluation_guidance() -> &'static EvaluationGuidance {
    static DATA: OnceLock<EvaluationGuidance> = OnceLock::new();
    DATA.get_or_init(|| {
        serde_json::from_str(JSON).expect("assets/framework/danh-gia-nam.json is valid")
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluationGuidance {
    /// Where the guidance comes from.
    pub source: String,
    /// Guidance for the evaluation as a whole.
    pub guidance: Vec<String>,
    /// The numbered sections of the evaluation, in order.
    pub sections: Vec<EvaluationSection>,
    /// The narrative parts, in order, each in one section.
    pub parts: Vec<NarrativeGuidance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluationSection {
    pub id: String,
    /// Sentence case; the document upper-cases it where it is a mục.
    pub heading: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NarrativeGuidance {
    /// The id a plan's `NarrativePart` refers to.
    pub id: String,
    /// The section it belongs to.
    pub section: String,
    pub heading: Wording,
    pub guidance: Vec<String>,
}

impl EvaluationGuidance {
    pub fn part(&self, id: &str) -> Option<&NarrativeGuidance> {
        self.parts.iter().find(|p| p.id == id)
    }

    /// The parts of one section, in order.
    pub fn parts_of<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a NarrativeGuidance> {
        self.parts.iter().filter(move |p| p.section == section)
    }
}
