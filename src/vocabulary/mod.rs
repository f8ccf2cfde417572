//! The words of the plan, once: the labels of everything a drafter chooses from, the
//! years and periods of the cycle, how a value is written with its unit, and which
//! sections get generated content. The document, the validator and both shells read
//! them here; the app receives [`Vocabulary`] whole (the `vocabulary` command, or
//! `khcds vocabulary --format json` for the UI tests).

mod generated;
mod unfilled;
mod values;

pub use generated::{
    filled, filled_parts, filled_sections, section_has_content, Generated, INDICATOR_GROUPS,
    TASK_AREAS,
};
pub use unfilled::{is_unfilled, Unfilled, UNFILLED};
pub use values::{
    bare_value, comparator_phrase, is_plan_year, parse_number, period_label, value_with_unit,
    FIRST_YEAR, LAST_YEAR, UNITS_BEFORE_VALUE, UNITS_JOINED,
};

use serde::Serialize;

use crate::model::{
    AnnualLayout, Comparator, FundingSource, IndicatorGroup, LegalDocumentKind, Level, Period,
    PlanKind, SigningAuthority,
};
use crate::store::RevisionReason;
use crate::validate::Severity;
use crate::workflow::ExportFormat;

/// Everything the UI needs to name and choose, as the engine names it.
#[derive(Debug, Clone, Serialize)]
pub struct Vocabulary {
    pub levels: Vec<Choice<Level>>,
    /// The five-year plan, then the annual plan of each year of the cycle.
    pub plan_kinds: Vec<KindEntry>,
    /// Every period a target can be set for, with the Khung period it is compared with.
    pub periods: Vec<PeriodEntry>,
    pub comparators: Vec<ComparatorEntry>,
    pub funding_sources: Vec<Choice<FundingSource>>,
    pub legal_document_kinds: Vec<Choice<LegalDocumentKind>>,
    pub signing_authorities: Vec<Choice<SigningAuthority>>,
    pub severities: Vec<Choice<Severity>>,
    pub revision_reasons: Vec<Choice<RevisionReason>>,
    pub export_formats: Vec<FormatEntry>,
    /// The Khung's indicator groups and the section each is written in.
    pub indicator_groups: Vec<GroupEntry>,
    /// The areas of section III.
    pub task_areas: Vec<AreaEntry>,
    /// The sections whose content the document generates, and from what.
    pub generated_sections: Vec<GeneratedEntry>,
    pub value_with_unit: UnitWording,
    /// How an annual plan's document is laid out: in two parts or plain.
    pub annual_layouts: Vec<Choice<AnnualLayout>>,
    /// The findings that only say that something is not filled in yet.
    pub unfilled: Vec<Unfilled>,
}

/// One choice: the id the plan stores and its Vietnamese label.
#[derive(Debug, Clone, Serialize)]
pub struct Choice<T> {
    pub id: T,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindEntry {
    pub kind: PlanKind,
    pub label: String,
    pub periods: Vec<Period>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodEntry {
    pub id: Period,
    pub label: String,
    /// The Khung period whose national target applies.
    pub national: Period,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComparatorEntry {
    pub id: Comparator,
    pub symbol: &'static str,
    pub phrase: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct FormatEntry {
    pub id: ExportFormat,
    pub label: &'static str,
    pub extension: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupEntry {
    pub id: IndicatorGroup,
    pub section: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaEntry {
    pub area: u8,
    pub section: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GeneratedEntry {
    pub section: String,
    #[serde(flatten)]
    pub generated: Generated,
}

/// The rule of [`value_with_unit`] as data: no unit → the value; a joined unit → value
/// and unit without a space ("95%"); a unit before → "cấp độ 3"; any other → "30 sáng kiến".
#[derive(Debug, Clone, Serialize)]
pub struct UnitWording {
    pub joined: Vec<&'static str>,
    pub before_value: Vec<&'static str>,
}

/// The label of a legal document kind in a list to choose from ("Văn bản khác"), where a
/// citation opens with [`LegalDocumentKind::label`] ("Văn bản").
pub fn legal_kind_choice(kind: LegalDocumentKind) -> &'static str {
    match kind {
        LegalDocumentKind::Khac => "Văn bản khác",
        other => other.label(),
    }
}

/// How the drafter chooses the layout of an annual plan.
pub fn layout_label(layout: AnnualLayout) -> &'static str {
    match layout {
        AnnualLayout::Parts => "Hai phần: Phần I đánh giá năm trước, Phần II kế hoạch năm",
        AnnualLayout::Plain => "Không chia phần: đánh giá là mục I",
    }
}

/// "Thay mặt" for "TM.", and so on.
pub fn authority_label(a: SigningAuthority) -> &'static str {
    match a {
        SigningAuthority::ThayMat => "Thay mặt",
        SigningAuthority::KyThay => "Ký thay",
        SigningAuthority::Quyen => "Quyền",
        SigningAuthority::ThuaLenh => "Thừa lệnh",
        SigningAuthority::ThuaUyQuyen => "Thừa ủy quyền",
    }
}

const AUTHORITIES: [SigningAuthority; 5] = [
    SigningAuthority::ThayMat,
    SigningAuthority::KyThay,
    SigningAuthority::Quyen,
    SigningAuthority::ThuaLenh,
    SigningAuthority::ThuaUyQuyen,
];

fn choices<T: Copy>(items: &[T], label: impl Fn(T) -> String) -> Vec<Choice<T>> {
    items
        .iter()
        .map(|&id| Choice {
            id,
            label: label(id),
        })
        .collect()
}

/// The vocabulary of this version of the engine.
pub fn vocabulary() -> Vocabulary {
    let mut kinds = vec![PlanKind::FiveYear];
    kinds.extend((FIRST_YEAR..=LAST_YEAR).map(|year| PlanKind::Annual { year }));
    let mut periods = vec![Period::Phase2025To2027, Period::Phase2028To2030];
    periods.extend((FIRST_YEAR..=LAST_YEAR).map(Period::Year));
    Vocabulary {
        levels: choices(&[Level::Bo, Level::Tinh], |l| l.label().to_owned()),
        plan_kinds: kinds
            .into_iter()
            .map(|kind| KindEntry {
                kind,
                label: kind.label(),
                periods: kind.periods(),
            })
            .collect(),
        periods: periods
            .into_iter()
            .map(|p| PeriodEntry {
                id: p,
                label: period_label(p),
                national: Period::phase_of_year(p.end_year()),
            })
            .collect(),
        comparators: [Comparator::AtLeast, Comparator::Exactly, Comparator::AtMost]
            .into_iter()
            .map(|c| ComparatorEntry {
                id: c,
                symbol: c.symbol(),
                phrase: comparator_phrase(c),
            })
            .collect(),
        funding_sources: FundingSource::FIXED
            .iter()
            .map(|f| Choice {
                id: f.clone(),
                label: f.label().to_owned(),
            })
            .collect(),
        legal_document_kinds: choices(&LegalDocumentKind::ALL, |k| legal_kind_choice(k).to_owned()),
        signing_authorities: choices(&AUTHORITIES, |a| authority_label(a).to_owned()),
        severities: choices(&[Severity::Error, Severity::Warning, Severity::Hint], |s| {
            s.label().to_owned()
        }),
        revision_reasons: choices(
            &[
                RevisionReason::Manual,
                RevisionReason::BeforeImport,
                RevisionReason::BeforeRestore,
                RevisionReason::BeforeExport,
            ],
            |r| r.label().to_owned(),
        ),
        export_formats: ExportFormat::ALL
            .iter()
            .map(|&f| FormatEntry {
                id: f,
                label: f.label(),
                extension: f.extension(),
            })
            .collect(),
        indicator_groups: INDICATOR_GROUPS
            .iter()
            .filter_map(|g| {
                Some(GroupEntry {
                    id: g.clone(),
                    section: g.section_id()?,
                })
            })
            .collect(),
        task_areas: TASK_AREAS
            .map(|area| AreaEntry {
                area,
                section: format!("III.{area}"),
            })
            .collect(),
        generated_sections: Generated::all()
            .into_iter()
            .map(|(section, generated)| GeneratedEntry { section, generated })
            .collect(),
        value_with_unit: UnitWording {
            joined: UNITS_JOINED.to_vec(),
            before_value: UNITS_BEFORE_VALUE.to_vec(),
        },
        annual_layouts: choices(&[AnnualLayout::Parts, AnnualLayout::Plain], |l| {
            layout_label(l).to_owned()
        }),
        unfilled: UNFILLED.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_has_unique_ids_and_vietnamese_labels() {
        let v = serde_json::to_value(vocabulary()).unwrap();
        for (name, list) in v.as_object().unwrap() {
            let Some(items) = list
                .as_array()
                .filter(|items| items.iter().all(|i| i.is_object()))
            else {
                continue;
            };
            let ids: Vec<String> = items
                .iter()
                .map(|i| {
                    i.get("id")
                        .or(i.get("section"))
                        .or(i.get("kind"))
                        .or(i.get("rule"))
                        .unwrap()
                        .to_string()
                })
                .collect();
            let mut unique = ids.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), ids.len(), "{name}: {ids:?}");
            for item in items {
                if let Some(label) = item.get("label").and_then(|l| l.as_str()) {
                    assert!(
                        !label.trim().is_empty() && crate::model::is_nfc(label),
                        "{name}"
                    );
                }
            }
        }
        assert_eq!(v["legal_document_kinds"][10]["label"], "Văn bản khác");
        assert_eq!(
            v["funding_sources"].as_array().unwrap().len(),
            FundingSource::FIXED.len()
        );
    }
}
