//! The plan model: plain serde types that every other module reads.
//!
//! Everything a drafter types ends up in one [`Plan`]. Identifiers are strings so that
//! the JSON interchange format, the store and the UI all speak about the same items.

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
