//! The plan model: plain serde types that every other module reads.
//!
//! Everything a drafter types ends up in one [`Plan`]. Identifiers are strings so that
//! the JSON interchange format, the store and the UI all speak about the same items.

/// Serde and JSON Schema for a type written as one string, through its `Display` and
/// `FromStr` (the `FromStr` error is the Vietnamese message a drafter reads).
macro_rules! string_form {
    ($ty:ty, $name:literal, $pattern:literal, $description:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }

        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": $pattern,
                    "description": $description
                })
            }
        }
    };
}

mod annual;
mod closing;
mod field;
mod header;
mod indicator;
mod nfc;
mod plan;
mod section;
mod settings;
mod task;
mod text;

pub use annual::{
    Annual, AnnualLayout, CarriedItem, CustomAppendix, EvaluatedTarget, Evaluation,
    IndicatorEvaluation, NarrativePart, ParentPlan, TargetStatus, TaskEvaluation, TaskStatus,
};
pub use closing::{Recipient, Responsibility, Signer, SigningAuthority, SigningCapacity};
pub use field::{AppendixRef, Field, TaskScope};
pub use header::{DocumentHeader, LegalBasesForm, LegalBasis, LegalDocumentKind, Opening};
pub use indicator::{Baseline, Comparator, Indicator, IndicatorGroup, Target};
pub use nfc::{is_nfc, normalize_nfc, normalize_value};
pub use plan::{Level, Period, Plan, PlanKind, PlanMeta};
pub use section::{Section, SectionOrigin, MAX_SECTION_DEPTH};
pub use settings::{DocumentSettings, Margins, OutOfRange};
pub use task::{FundingSource, MonthYear, Task};
pub use text::{Block, BulletLevel, RichText, Run};
