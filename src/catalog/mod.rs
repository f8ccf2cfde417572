//! Reusable reference data: legal documents, administrative bodies, units of measure.
//!
//! Each list lives once in `assets/catalog/`, embedded at compile time. Every entry that
//! states a fact about the outside world names the source it was verified from.

use std::sync::OnceLock;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{LegalBasis, LegalDocumentKind};

const LEGAL_DOCUMENTS_JSON: &str = include_str!("../../assets/catalog/legal-documents.json");
const BODIES_JSON: &str = include_str!("../../assets/catalog/bodies.json");
const UNITS_JSON: &str = include_str!("../../assets/catalog/units.json");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Catalog {
    pub legal_documents: Vec<LegalDocument>,
    pub bodies: Bodies,
    pub units: Vec<UnitOfMeasure>,
}

/// The catalogue shipped with this build.
pub fn current() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let legal: LegalDocuments =
            serde_json::from_str(LEGAL_DOCUMENTS_JSON).expect("legal-documents.json is valid");
        Catalog {
            legal_documents: legal.documents,
            bodies: serde_json::from_str(BODIES_JSON).expect("bodies.json is valid"),
            units: serde_json::from_str::<Units>(UNITS_JSON)
                .expect("units.json is valid")
                .units,
        }
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct LegalDocuments {
    documents: Vec<LegalDocument>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Units {
    units: Vec<UnitOfMeasure>,
}

/// A legal or policy document the seeds cite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalDocument {
    /// The ký hiệu where the document has one ("57-NQ/TW", "2629/QĐ-TTg"), else a slug
    /// ("luat-chuyen-doi-so").
    pub id: String,
    pub kind: LegalDocumentKind,
    /// Số, ký hiệu as cited; empty when the citation uses the name (a law).
    #[serde(default)]
    pub number: String,
    pub date: Option<NaiveDate>,
    /// When it takes effect, where that is later than `date` (a law); otherwise it
    /// applies from the day it is issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<Effective>,
    pub issuer: String,
    /// Trích yếu, as it follows the issuer in a citation ("về đột phá phát triển …").
    pub title: String,
    /// Id of the document that replaced this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
    /// The seed files (by name) that cite or describe the document.
    pub sources: Vec<String>,
}

/// The day a document takes effect, and where that was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Effective {
    pub date: NaiveDate,
    pub source: String,
}

impl LegalDocument {
    /// The day it applies from: its effective date, else the day it was issued.
    pub fn in_force_from(&self) -> Option<NaiveDate> {
        self.effective.as_ref().map(|e| e.date).or(self.date)
    }

    /// The document as a "Căn cứ" entry of a plan.
    pub fn to_legal_basis(&self) -> LegalBasis {
        LegalBasis {
            kind: self.kind,
            number: self.number.clone(),
            date: self.date,
            issuer: self.issuer.clone(),
            title: self.title.clone(),
            catalog_id: Some(self.id.clone()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bodies {
    /// Bộ, cơ quan ngang bộ after the 2025 reorganisation.
    pub ministries: SourcedList,
    /// Tỉnh, thành phố trực thuộc trung ương after the 2025 reorganisation.
    pub provinces: SourcedList,
    /// Bodies renamed or merged in 2025, for flagging outdated citations.
    pub renamed: Vec<RenamedBody>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourcedList {
    /// The legal act and where it was read, e.g. "Nghị quyết số 202/2025/QH15 …".
    pub source: String,
    pub names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RenamedBody {
    pub old_name: String,
    pub new_name: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitOfMeasure {
    /// As written in the "Đơn vị" column: "%", "hệ thống", "cấp độ".
    pub symbol: String,
    pub description: String,
    /// Whether values are percentages, bounded 0–100.
    #[serde(default)]
    pub percentage: bool,
}

impl Catalog {
    pub fn legal_document(&self, id: &str) -> Option<&LegalDocument> {
        self.legal_documents.iter().find(|d| d.id == id)
    }
}
