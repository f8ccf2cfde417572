use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A nhiệm vụ or dự án of section III and Phụ lục II.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub id: String,
    /// The area of section III: 1..=9 (III.1 – III.9).
    pub area: u8,
    pub name: String,
    #[serde(default)]
    pub content: String,
    /// Kết quả, sản phẩm dự kiến.
    #[serde(default)]
    pub expected_result: String,
    /// Hiệu quả đem lại.
    #[serde(default)]
    pub expected_effect: String,
    /// Đơn vị chủ trì.
    #[serde(default)]
    pub lead_unit: String,
    /// Đơn vị phối hợp.
    #[serde(default)]
    pub coordinating_units: Vec<String>,
    pub start: Option<MonthYear>,
    pub end: Option<MonthYear>,
    /// Cấp có thẩm quyền phê duyệt, e.g. "UBND tỉnh".
    #[serde(default)]
    pub approving_authority: String,
    #[serde(default)]
    pub funding: Vec<FundingSource>,
    /// Kinh phí dự kiến, triệu đồng.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_million_vnd: Option<f64>,
    /// Ids of the indicators the task serves.
    #[serde(default)]
    pub indicators: Vec<String>,
}

impl Task {
    /// Checks the area, the budget and the schedule against the ranges they can take.
    pub fn check_ranges(&self) -> Result<(), super::OutOfRange> {
        use super::settings::check_range;
        let of = |label: &str| format!("{label} của nhiệm vụ «{}»", self.name);
        check_range(
            of("Lĩnh vực"),
            f64::from(self.area),
            1.0,
            9.0,
            "1 đến 9, mục III.1–III.9",
        )?;
        if let Some(budget) = self.budget_million_vnd {
            let label = of("Kinh phí dự kiến (triệu đồng)");
            check_range(label, budget, 0.0, 1e9, "0 đến 1 tỷ triệu đồng")?;
        }
        for (label, month) in [
            ("Thời gian bắt đầu", self.start),
            ("Thời gian kết thúc", self.end),
        ] {
            if let Some(m) = month {
                check_range(
                    of(label),
                    f64::from(m.year),
                    2000.0,
                    2100.0,
                    "năm 2000–2100",
                )?;
            }
        }
        Ok(())
    }
}

/// Nguồn kinh phí: the fixed list the drafters choose from, plus "khác".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FundingSource {
    /// Ngân sách trung ương
    CentralBudget,
    /// Ngân sách địa phương
    LocalBudget,
    /// Kinh phí chi thường xuyên (sự nghiệp) của cơ quan, đơn vị
    RecurrentBudget,
    /// Vốn đầu tư công
    PublicInvestment,
    /// Quỹ phát triển khoa học và công nghệ, quỹ đổi mới công nghệ
    ScienceFund,
    /// Hợp tác công tư (PPP), thuê dịch vụ
    PublicPrivatePartnership,
    /// Xã hội hóa, tài trợ của doanh nghiệp, tổ chức
    Socialised,
    /// Vốn ODA, viện trợ nước ngoài
    ForeignAid,
    /// Nguồn khác, named
    Other(String),
}

impl FundingSource {
    pub const FIXED: [FundingSource; 8] = [
        FundingSource::CentralBudget,
        FundingSource::LocalBudget,
        FundingSource::RecurrentBudget,
        FundingSource::PublicInvestment,
        FundingSource::ScienceFund,
        FundingSource::PublicPrivatePartnership,
        FundingSource::Socialised,
        FundingSource::ForeignAid,
    ];

    pub fn label(&self) -> &str {
        match self {
            FundingSource::CentralBudget => "Ngân sách trung ương",
            FundingSource::LocalBudget => "Ngân sách địa phương",
            FundingSource::RecurrentBudget => "Kinh phí chi thường xuyên",
            FundingSource::PublicInvestment => "Vốn đầu tư công",
            FundingSource::ScienceFund => "Quỹ phát triển khoa học và công nghệ",
            FundingSource::PublicPrivatePartnership => "Hợp tác công tư (PPP), thuê dịch vụ",
            FundingSource::Socialised => "Xã hội hóa",
            FundingSource::ForeignAid => "Vốn ODA, viện trợ",
            FundingSource::Other(name) => name,
        }
    }
}

/// A month of a year, as tasks are scheduled ("Tháng 3/2026").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthYear {
    pub year: i32,
    pub month: u8,
}

impl MonthYear {
    pub fn new(year: i32, month: u8) -> Option<Self> {
        (1..=12)
            .contains(&month)
            .then_some(MonthYear { year, month })
    }
}

impl fmt::Display for MonthYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for MonthYear {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || format!("tháng không hợp lệ: «{s}» (dạng YYYY-MM)");
        let (y, m) = s.split_once('-').ok_or_else(err)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(err());
        }
        let year = y.parse().map_err(|_| err())?;
        let month = m.parse().map_err(|_| err())?;
        MonthYear::new(year, month).ok_or_else(err)
    }
}

string_form!(
    MonthYear,
    "MonthYear",
    "^[0-9]{4}-(0[1-9]|1[0-2])$",
    "Tháng/năm, dạng YYYY-MM"
);
