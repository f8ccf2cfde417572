use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Period;

/// A chỉ tiêu of section II.2 and Phụ lục I.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub group: IndicatorGroup,
    pub name: String,
    /// Đơn vị tính, e.g. "%", "hệ thống", "cấp độ".
    pub unit: String,
    /// One target per period of the plan (see `PlanKind::periods`).
    #[serde(default)]
    pub targets: Vec<Target>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    /// Phương pháp đo lường / nguồn số liệu.
    #[serde(default)]
    pub method: String,
    /// Cơ quan chủ trì theo dõi, đánh giá.
    #[serde(default)]
    pub lead_agency: String,
    /// The Khung's minimum indicator this one answers (its id in the framework data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub national: Option<String>,
    /// Set when a minimum indicator does not apply; the reason is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<String>,
}

impl Indicator {
    /// Checks the baseline year against the range it can take.
    pub fn check_ranges(&self) -> Result<(), super::OutOfRange> {
        match self.baseline.as_ref().and_then(|b| b.year) {
            Some(year) => super::settings::check_range(
                format!("Năm của giá trị cơ sở, chỉ tiêu «{}»", self.name),
                f64::from(year),
                1900.0,
                2100.0,
                "năm 1900–2100",
            ),
            None => Ok(()),
        }
    }
}

/// The groups of section II.2 as the Khung sets them, or a drafter's own.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum IndicatorGroup {
    /// 2.1 a) Cung cấp dịch vụ số bao trùm, thông minh
    DigitalServices,
    /// 2.1 b) Quản lý, chỉ đạo, điều hành thông minh dựa trên dữ liệu
    DataDrivenGovernance,
    /// 2.2 Kinh tế số
    DigitalEconomy,
    /// 2.3 Xã hội số
    DigitalSociety,
    /// A group of the drafter's own, with its title.
    Custom(String),
}

impl IndicatorGroup {
    /// The Khung section the group belongs to (`None` for a custom group).
    pub fn section_id(&self) -> Option<&'static str> {
        match self {
            IndicatorGroup::DigitalServices => Some("II.2.1.a"),
            IndicatorGroup::DataDrivenGovernance => Some("II.2.1.b"),
            IndicatorGroup::DigitalEconomy => Some("II.2.2"),
            IndicatorGroup::DigitalSociety => Some("II.2.3"),
            IndicatorGroup::Custom(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub period: Period,
    pub comparator: Comparator,
    /// The value as the drafter typed it ("100", "95", "4"); validation checks it is a number.
    pub value: String,
}

impl Target {
    /// The numeric value, accepting a decimal comma ("99,5").
    pub fn numeric(&self) -> Option<f64> {
        crate::vocabulary::parse_number(&self.value)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Comparator {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "=")]
    Exactly,
    #[serde(rename = "<=")]
    AtMost,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => "≥",
            Comparator::Exactly => "=",
            Comparator::AtMost => "≤",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub value: String,
    pub year: Option<i32>,
}
