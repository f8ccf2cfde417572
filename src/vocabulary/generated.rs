//! Which Khung sections get content the document writes itself (indicators, tasks,
//! responsibilities, the reference to the task appendix), and so when a section counts
//! as filled. The document builder, the validator and the app's navigation tree all ask
//! here.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{IndicatorGroup, Plan, Section};

/// The Khung's indicator groups, each written out in its own section of II.2.
pub const INDICATOR_GROUPS: [IndicatorGroup; 4] = [
    IndicatorGroup::DigitalServices,
    IndicatorGroup::DataDrivenGovernance,
    IndicatorGroup::DigitalEconomy,
    IndicatorGroup::DigitalSociety,
];

/// The areas of section III (III.1 – III.9) a task belongs to.
pub const TASK_AREAS: std::ops::RangeInclusive<u8> = 1..=9;

/// What the document writes inside a section besides the drafter's own text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "source", rename_all = "kebab-case")]
pub enum Generated {
    /// The applicable indicators of one Khung group (II.2.1.a, II.2.1.b, II.2.2, II.2.3).
    Indicators { group: IndicatorGroup },
    /// The drafter's own indicator groups, at the end of II.2.
    CustomIndicators,
    /// The tasks of one area, in III.n.
    Tasks { area: u8 },
    /// Who does what, in V.
    Organisation,
    /// The reference to the task appendix, in VI.
    TaskAppendix,
}

impl Generated {
    /// What the document generates in section `id`, if anything.
    pub fn in_section(id: &str) -> Option<Generated> {
        if let Some(group) = INDICATOR_GROUPS
            .into_iter()
            .find(|g| g.section_id() == Some(id))
        {
            return Some(Generated::Indicators { group });
        }
        if let Some(area) = id.strip_prefix("III.").and_then(|a| a.parse::<u8>().ok()) {
            return TASK_AREAS
                .contains(&area)
                .then_some(Generated::Tasks { area });
        }
        match id {
            "II.2" => Some(Generated::CustomIndicators),
            "V" => Some(Generated::Organisation),
            "VI" => Some(Generated::TaskAppendix),
            _ => None,
        }
    }

    /// Every section with generated content, in document order.
    pub fn all() -> Vec<(String, Generated)> {
        let mut ids = vec!["II.2".to_owned()];
        ids.extend(
            INDICATOR_GROUPS
                .iter()
                .filter_map(|g| g.section_id().map(str::to_owned)),
        );
        ids.extend(TASK_AREAS.map(|a| format!("III.{a}")));
        ids.extend(["V".to_owned(), "VI".to_owned()]);
        ids.into_iter()
            .filter_map(|id| Generated::in_section(&id).map(|g| (id, g)))
            .collect()
    }

    /// Whether the plan gives the document something to write here. Indicators marked
    /// not applicable are not written, so they do not count.
    pub fn is_present(&self, plan: &Plan) -> bool {
        match self {
            Generated::Indicators { group } => plan
                .indicators
                .iter()
                .any(|i| &i.group == group && i.not_applicable.is_none()),
            Generated::CustomIndicators => plan.indicators.iter().any(|i| {
                matches!(i.group, IndicatorGroup::Custom(_)) && i.not_applicable.is_none()
            }),
            Generated::Tasks { area } => plan.tasks.iter().any(|t| t.area == *area),
            Generated::Organisation => !plan.organisation.is_empty(),
            Generated::TaskAppendix => !plan.tasks.is_empty(),
        }
    }
}

/// Whether a section has content: its own text, generated content, or a sub-section's.
pub fn section_has_content(plan: &Plan, section: &Section) -> bool {
    !section.is_empty()
        || Generated::in_section(&section.id).is_some_and(|g| g.is_present(plan))
        || section
            .children
            .iter()
            .any(|c| section_has_content(plan, c))
}

/// Every section of the plan by id: whether it has content (as the validator sees it).
pub fn filled_sections(plan: &Plan) -> BTreeMap<String, bool> {
    plan.sections
        .iter()
        .flat_map(|s| s.walk())
        .map(|s| (s.id.clone(), section_has_content(plan, s)))
        .collect()
}

/// The parts of a plan outside its sections, by the key the app's navigation gives them,
/// and whether each is filled in: the header (issuer, subject, place), the opening (căn
/// cứ or a "Thực hiện …" paragraph), the closing (recipients and the signer's name) and,
/// in an annual plan, the evaluation (every target of last year has a status).
pub fn filled_parts(plan: &Plan) -> BTreeMap<String, bool> {
    let given = |s: &str| !s.trim().is_empty();
    let h = &plan.header;
    let o = &plan.opening;
    let mut parts = BTreeMap::from([
        (
            "header".to_owned(),
            given(&h.issuer) && given(&h.subject) && given(&h.place),
        ),
        (
            "opening".to_owned(),
            !o.legal_bases.is_empty() || o.implementing.as_ref().is_some_and(|t| !t.is_blank()),
        ),
        (
            "closing".to_owned(),
            !plan.recipients.is_empty() && given(&plan.signer.name),
        ),
    ]);
    if let Some(evaluation) = plan.annual.as_ref().and_then(|a| a.evaluation.as_ref()) {
        parts.insert(
            "evaluation".to_owned(),
            evaluation.indicators.iter().all(|i| i.status.is_some()),
        );
    }
    parts
}

/// What the app marks as filled in: every section ([`filled_sections`]) and every other
/// part ([`filled_parts`]), by key.
pub fn filled(plan: &Plan) -> BTreeMap<String, bool> {
    let mut all = filled_sections(plan);
    all.extend(filled_parts(plan));
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Level, PlanKind};

    #[test]
    fn indicators_not_applicable_do_not_fill_a_section() {
        let mut plan = crate::sample::sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
        let group = Generated::Indicators {
            group: IndicatorGroup::DigitalSociety,
        };
        assert!(group.is_present(&plan));
        for i in &mut plan.indicators {
            i.not_applicable = Some("Không thuộc phạm vi.".into());
        }
        assert!(!group.is_present(&plan));
    }

    #[test]
    fn parts_are_filled_as_the_drafter_fills_them() {
        let sample = crate::sample::sample_plan(Level::Tinh, PlanKind::Annual { year: 2026 }, 1);
        let parts = filled_parts(&sample);
        assert_eq!(parts.len(), 4);
        assert!(parts.values().all(|&f| f), "{parts:?}");
        let mut plan = sample.clone();
        plan.header.place.clear();
        plan.signer.name = " ".into();
        plan.opening.legal_bases.clear();
        plan.opening.implementing = Some(crate::model::RichText::plain(" "));
        if let Some(e) = plan.annual.as_mut().and_then(|a| a.evaluation.as_mut()) {
            e.indicators[0].status = None;
        }
        assert!(filled_parts(&plan).values().all(|&f| !f));
        let all = filled(&sample);
        assert_eq!(all.len(), filled_sections(&sample).len() + 4);
    }

    #[test]
    fn every_generated_section_is_named_once() {
        let all = Generated::all();
        assert_eq!(all.len(), 1 + 4 + 9 + 2);
        assert_eq!(Generated::in_section("III.10"), None);
        assert_eq!(Generated::in_section("II.1"), None);
    }
}
