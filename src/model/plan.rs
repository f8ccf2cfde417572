use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    Annual, CustomAppendix, DocumentHeader, DocumentSettings, Indicator, Opening, Recipient,
    Responsibility, Section, Signer, Task, TaskScope,
};

/// A whole plan: one `.khcds` file, one JSON interchange document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub meta: PlanMeta,
    pub header: DocumentHeader,
    pub opening: Opening,
    /// The section tree in document order: the Khung's sections plus custom ones.
    pub sections: Vec<Section>,
    pub indicators: Vec<Indicator>,
    pub tasks: Vec<Task>,
    /// Section V: who does what.
    pub organisation: Vec<Responsibility>,
    /// Nơi nhận, in order; the last one is normally "Lưu: VT, …".
    pub recipients: Vec<Recipient>,
    pub signer: Signer,
    /// Body size and margins of the exported document.
    #[serde(default)]
    pub settings: DocumentSettings,
    /// The annual plan's parent, carried items and evaluation of the previous year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual: Option<Annual>,
    /// Appendices of the drafter's own, after the generated ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appendices: Vec<CustomAppendix>,
}

impl Plan {
    /// The tasks in `scope`.
    pub fn tasks_in<'a>(&'a self, scope: TaskScope<'a>) -> impl Iterator<Item = &'a Task> {
        self.tasks.iter().filter(move |t| scope.contains(t))
    }

    /// The estimated budget of the tasks in `scope`, triệu đồng; amounts that are not
    /// finite numbers are left out.
    pub fn budget_million_vnd(&self, scope: TaskScope) -> f64 {
        self.tasks_in(scope)
            .filter_map(|t| t.budget_million_vnd)
            .filter(|b| b.is_finite())
            .sum()
    }
}

impl Plan {
    /// Checks every number and date against the range it can take (see `OutOfRange`).
    pub fn check_ranges(&self) -> Result<(), super::OutOfRange> {
        self.meta.check_ranges()?;
        self.header.check_ranges()?;
        self.opening.check_ranges()?;
        self.settings.check_ranges()?;
        self.indicators
            .iter()
            .try_for_each(Indicator::check_ranges)?;
        self.tasks.iter().try_for_each(Task::check_ranges)
    }
}

impl PlanMeta {
    /// The year of an annual plan lies in the years plans are written for.
    pub fn check_ranges(&self) -> Result<(), super::OutOfRange> {
        match self.kind {
            PlanKind::Annual { year } => super::settings::check_range(
                "Năm của kế hoạch",
                f64::from(year),
                2000.0,
                2100.0,
                "năm 2000–2100",
            ),
            PlanKind::FiveYear => Ok(()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanMeta {
    pub level: Level,
    pub kind: PlanKind,
    /// Version of the Khung the plan was written against (see `framework::Framework::version`).
    pub framework_version: String,
}

/// Whose plan it is: a ministry (Bộ, ngành) or a province (Tỉnh, thành phố).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Bo,
    Tinh,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Bo => "cấp bộ",
            Level::Tinh => "cấp tỉnh",
        }
    }
}

impl FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "bo" => Ok(Level::Bo),
            "tinh" => Ok(Level::Tinh),
            other => Err(format!("cấp không hợp lệ: «{other}» (dùng bo hoặc tinh)")),
        }
    }
}

/// The five-year plan 2026–2030, or the annual plan of one year under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum PlanKind {
    FiveYear,
    Annual { year: i32 },
}

impl PlanKind {
    /// The first and last year the plan covers.
    pub fn years(self) -> (i32, i32) {
        match self {
            PlanKind::FiveYear => (2026, 2030),
            PlanKind::Annual { year } => (year, year),
        }
    }

    /// The periods for which the plan sets targets.
    pub fn periods(self) -> Vec<Period> {
        match self {
            PlanKind::FiveYear => vec![Period::Phase2025To2027, Period::Phase2028To2030],
            PlanKind::Annual { year } => vec![Period::Year(year)],
        }
    }

    pub fn label(self) -> String {
        match self {
            PlanKind::FiveYear => "giai đoạn 2026–2030".to_owned(),
            PlanKind::Annual { year } => format!("năm {year}"),
        }
    }
}

/// A target period. The Khung sets its national targets for 2025–2027 and 2028–2030;
/// an annual plan sets targets for its own year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Phase2025To2027,
    Phase2028To2030,
    Year(i32),
}

impl Period {
    /// The last year of the period: targets are to be reached by then.
    pub fn end_year(self) -> i32 {
        match self {
            Period::Phase2025To2027 => 2027,
            Period::Phase2028To2030 => 2030,
            Period::Year(y) => y,
        }
    }

    /// The Khung phase a year falls in, used to compare an annual target with the
    /// national one.
    pub fn phase_of_year(year: i32) -> Period {
        if year <= 2027 {
            Period::Phase2025To2027
        } else {
            Period::Phase2028To2030
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Phase2025To2027 => f.write_str("2025-2027"),
            Period::Phase2028To2030 => f.write_str("2028-2030"),
            Period::Year(y) => write!(f, "{y}"),
        }
    }
}

impl FromStr for Period {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "2025-2027" => Ok(Period::Phase2025To2027),
            "2028-2030" => Ok(Period::Phase2028To2030),
            _ => match s.parse::<i32>() {
                Ok(y) if (2000..=2100).contains(&y) => Ok(Period::Year(y)),
                _ => Err(format!(
                    "kỳ không hợp lệ: «{s}» (dùng 2025-2027, 2028-2030 hoặc một năm)"
                )),
            },
        }
    }
}

string_form!(
    Period,
    "Period",
    "^(2025-2027|2028-2030|20[0-9]{2})$",
    "Kỳ chỉ tiêu: 2025-2027, 2028-2030 hoặc một năm"
);
