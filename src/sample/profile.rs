//! What distinguishes the province sample from the ministry sample: one [`Profile`]
//! each, all static data (see `province.rs` and `ministry.rs`).

use crate::model::SigningAuthority;

/// A task as written in the tables:
/// (area 1–9, name, content, expected result, expected effect, lead unit,
/// coordinating units separated by "; ", schedule "MM/YYYY-MM/YYYY" for the five-year
/// plan, approving authority, funding codes (see `tasks::funding`), budget in triệu đồng
/// for the whole schedule, topics served (see `indicators`)).
pub(super) type TaskRow = (
    u8,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    &'static str,
);

/// An indicator of the plan's own, not among the Khung's minimum ones:
/// (group: 'e' = 2.2 kinh tế số, 'c' = the profile's custom group; name; unit;
/// comparator ">=" or "<="; baseline; baseline year; target 2025–2027;
/// target 2028–2030; measurement method; lead agency; topic).
pub(super) type OwnIndicator = (
    char,
    &'static str,
    &'static str,
    &'static str,
    f64,
    i32,
    f64,
    f64,
    &'static str,
    &'static str,
    &'static str,
);

pub(super) struct Profile {
    /// Sentence the CLI prints for this level.
    pub note: &'static str,
    pub issuer: &'static str,
    pub number: &'static str,
    pub annual_number: &'static str,
    pub place: &'static str,
    /// Date of the five-year plan (year, month, day).
    pub five_year_date: (i32, u32, u32),
    /// Trích yếu without the period: "Chuyển đổi số tỉnh Hòa Sơn".
    pub subject: &'static str,
    pub proposed_by: &'static str,
    /// With `{ky}` for the period.
    pub issuing_sentence: &'static str,
    /// The `{key}` wordings of this level.
    pub vocabulary: &'static [(&'static str, &'static str)],
    /// Section text of this level, by section id ("I", "II.1", "III.8"; "I@annual" for
    /// the annual plan); it wins over the shared text of `sections.rs`.
    pub sections: &'static [(&'static str, &'static [&'static str])],
    /// Title of the custom indicator group.
    pub custom_group: &'static str,
    pub indicators: &'static [OwnIndicator],
    /// Tasks of this level only (the shared ones are in `tasks.rs`).
    pub tasks: &'static [TaskRow],
    /// Sectors used to scale the sample: (sector as named after "lĩnh vực", lead unit).
    pub sectors: &'static [(&'static str, &'static str)],
    /// Section V: (unit, duties as markup lines).
    pub organisation: &'static [(&'static str, &'static [&'static str])],
    pub recipients: &'static [&'static str],
    pub signer_capacities: &'static [(SigningAuthority, &'static str)],
    pub signer_position: &'static str,
    pub signer_name: &'static str,
}
