//! The Khung ("Khung Kế hoạch chuyển đổi số cấp bộ, tỉnh giai đoạn 2026-2030") as data.
//!
//! The data lives once, in `assets/framework/khung-2026-2030.json`, embedded at compile
//! time and parsed on first use. Text is kept verbatim from the Khung (tests compare it
//! with the seed); where the Khung writes "Bộ/Tỉnh" or "Chính phủ số/Chính quyền số",
//! [`Wording`] carries the ministry and the province reading.

use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Comparator, IndicatorGroup, Level, Period};

const KHUNG_JSON: &str = include_str!("../../assets/framework/khung-2026-2030.json");

/// The framework every new plan is written against.
pub fn current() -> &'static Framework {
    static FRAMEWORK: OnceLock<Framework> = OnceLock::new();
    FRAMEWORK.get_or_init(|| {
        serde_json::from_str(KHUNG_JSON).expect("assets/framework/khung-2026-2030.json is valid")
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Recorded in each plan's `meta.framework_version`.
    pub version: String,
    /// "KHUNG KẾ HOẠCH CHUYỂN ĐỔI SỐ CẤP BỘ, TỈNH GIAI ĐOẠN 2026-2030"
    pub title: String,
    /// Where it comes from: "(Kèm theo Văn bản số /BKHCN-CĐSQG … của Bộ Khoa học và Công nghệ)".
    pub source: String,
    /// The section tree, I to VI.
    pub sections: Vec<FrameworkSection>,
    /// The minimum indicators of 2.1 a), 2.1 b) and 2.3, with their national targets.
    pub indicators: Vec<NationalIndicator>,
    /// The legal bases section I asks plans to consider, by catalogue id.
    pub legal_bases: Vec<SuggestedLegalBasis>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkSection {
    /// "I", "II.1", "II.2.1.a", "III.7", "IV.2", "VI".
    pub id: String,
    /// The number as printed: "I.", "1.", "2.1.", "a)".
    pub number: String,
    /// The Khung's own heading, without the number.
    pub heading: Wording,
    /// The guidance paragraphs of the section, verbatim.
    #[serde(default)]
    pub guidance: Vec<String>,
    /// Focus items and reference indicators offered as one-click suggestions.
    #[serde(default)]
    pub suggestions: Vec<Suggestion>,
    #[serde(default)]
    pub children: Vec<FrameworkSection>,
}

/// Text of the Khung, with the ministry and province readings where it differs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Wording {
    Same(String),
    ByLevel {
        /// Verbatim, as the Khung writes it for both ("Bộ/Tỉnh").
        khung: String,
        bo: String,
        tinh: String,
    },
}

impl Wording {
    pub fn for_level(&self, level: Level) -> &str {
        match (self, level) {
            (Wording::Same(text), _) => text,
            (Wording::ByLevel { bo, .. }, Level::Bo) => bo,
            (Wording::ByLevel { tinh, .. }, Level::Tinh) => tinh,
        }
    }

    /// The text exactly as in the Khung.
    pub fn verbatim(&self) -> &str {
        match self {
            Wording::Same(text) | Wording::ByLevel { khung: text, .. } => text,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Suggestion {
    pub text: Wording,
    /// Sub-items ("+" under a "-" item).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Wording>,
    /// Set when the item concerns only ministries or only provinces
    /// (e.g. III.8 "Các bộ, ngành triển khai …" vs "Các địa phương …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only: Option<Level>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NationalIndicator {
    /// Stable id, e.g. "2.1a-dvc-toan-trinh".
    pub id: String,
    pub group: IndicatorGroup,
    /// The indicator as a plan names it ("Tỷ lệ thủ tục hành chính đủ điều kiện được
    /// thực hiện trực tuyến toàn trình").
    pub name: Wording,
    pub unit: String,
    /// National minimum per period: one or both of 2025-2027 and 2028-2030.
    pub targets: Vec<NationalTarget>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NationalTarget {
    pub period: Period,
    pub comparator: Comparator,
    pub value: f64,
    /// The Khung's line this target comes from, verbatim.
    pub khung_text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SuggestedLegalBasis {
    /// Id in the legal-document catalogue.
    pub catalog_id: String,
    /// The Khung's line, verbatim.
    pub khung_text: String,
}

impl Framework {
    /// Every section, depth first, in document order.
    pub fn walk(&self) -> Vec<&FrameworkSection> {
        fn go<'a>(s: &'a FrameworkSection, out: &mut Vec<&'a FrameworkSection>) {
            out.push(s);
            s.children.iter().for_each(|c| go(c, out));
        }
        let mut out = Vec::new();
        self.sections.iter().for_each(|s| go(s, &mut out));
        out
    }

    pub fn section(&self, id: &str) -> Option<&FrameworkSection> {
        self.walk().into_iter().find(|s| s.id == id)
    }

    pub fn indicator(&self, id: &str) -> Option<&NationalIndicator> {
        self.indicators.iter().find(|i| i.id == id)
    }
}

impl NationalIndicator {
    pub fn target(&self, period: Period) -> Option<&NationalTarget> {
        self.targets.iter().find(|t| t.period == period)
    }
}

impl Framework {
    /// A new, empty plan: the Khung's section tree with no content, ready to fill in.
    pub fn empty_plan(&self, level: Level, kind: crate::model::PlanKind) -> crate::model::Plan {
        use crate::model::{
            DocumentHeader, Opening, Plan, PlanMeta, Section, SectionOrigin, Signer,
        };
        fn sections(list: &[FrameworkSection]) -> Vec<Section> {
            list.iter()
                .map(|s| Section {
                    id: s.id.clone(),
                    origin: SectionOrigin::Framework,
                    title: String::new(),
                    content: Vec::new(),
                    children: sections(&s.children),
                })
                .collect()
        }
        Plan {
            meta: PlanMeta {
                level,
                kind,
                framework_version: self.version.clone(),
            },
            header: DocumentHeader::default(),
            opening: Opening::default(),
            sections: sections(&self.sections),
            indicators: Vec::new(),
            tasks: Vec::new(),
            organisation: Vec::new(),
            recipients: Vec::new(),
            signer: Signer::default(),
            settings: Default::default(),
            annual: None,
            appendices: Vec::new(),
        }
    }
}
