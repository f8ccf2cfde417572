//! Document order of findings: the part (header, căn cứ, the opening's other lines,
//! sections, indicators, tasks, organisation, recipients, signer), then the item's place
//! in the document (sections in tree order, a missing Khung section where the Khung puts
//! it, a missing minimum indicator after the plan's indicators of its group), then the
//! field's place in its struct (declaration order, list indices numerically), then the
//! rule id so that the order never depends on the order rules run in.

use std::collections::HashMap;

use super::{Finding, Location, Part};
use crate::framework::Framework;
use crate::model::{IndicatorGroup, Plan};

/// Field names in declaration order, per part; a nested struct's fields follow the
/// field holding it, which keeps every struct's own order (Target: period, comparator,
/// value; Baseline: value, year; Block: text; SigningCapacity: authority, on_behalf_of).
const HEADER: &[&str] = &[
    "parent_body",
    "issuer",
    "number",
    "place",
    "date",
    "subject",
];
const OPENING: &[&str] = &[
    "legal_bases",
    "implementing",
    "proposed_by",
    "issuing_sentence",
];
const LEGAL_BASIS: &[&str] = &["kind", "number", "date", "issuer", "title", "catalog_id"];
const SECTION: &[&str] = &["id", "origin", "title", "content", "text", "children"];
const INDICATOR: &[&str] = &[
    "id",
    "group",
    "name",
    "unit",
    "targets",
    "period",
    "comparator",
    "value",
    "baseline",
    "year",
    "method",
    "lead_agency",
    "national",
    "not_applicable",
];
const TASK: &[&str] = &[
    "id",
    "area",
    "name",
    "content",
    "expected_result",
    "expected_effect",
    "lead_unit",
    "coordinating_units",
    "start",
    "end",
    "approving_authority",
    "funding",
    "budget_million_vnd",
    "indicators",
];
const ORGANISATION: &[&str] = &["id", "unit", "duties", "text"];
const SIGNER: &[&str] = &[
    "capacities",
    "authority",
    "on_behalf_of",
    "position",
    "name",
];

type Key = (u8, (u32, u32, u32), Vec<u32>);

struct Places<'p> {
    sections: HashMap<&'p str, (u32, u32, u32)>,
    indicators: HashMap<&'p str, (u32, u32, u32)>,
    tasks: HashMap<&'p str, u32>,
    organisation: HashMap<&'p str, u32>,
    evaluation_targets: HashMap<&'p str, u32>,
    evaluation_tasks: HashMap<&'p str, u32>,
}

/// The evaluation (Phần I of an annual plan) comes after the opening, before the sections.
const EVALUATION: &[&str] = &["year", "achieved", "status", "carries_over"];

fn group_rank(g: &IndicatorGroup) -> u32 {
    match g {
        IndicatorGroup::DigitalServices => 0,
        IndicatorGroup::DataDrivenGovernance => 1,
        IndicatorGroup::DigitalEconomy => 2,
        IndicatorGroup::DigitalSociety => 3,
        IndicatorGroup::Custom(_) => 4,
    }
}

impl<'p> Places<'p> {
    fn new(plan: &'p Plan, framework: &'p Framework) -> Self {
        let mut sections = HashMap::new();
        let mut position = 0u32;
        for top in &plan.sections {
            for s in top.walk() {
                position += 1;
                sections.entry(s.id.as_str()).or_insert((position, 0, 0));
            }
        }
        // A missing Khung section goes right after the last Khung section before it
        // that the plan has.
        let mut anchor = 0u32;
        for (i, fs) in framework.walk().into_iter().enumerate() {
            match sections.get(fs.id.as_str()) {
                Some(&(p, 0, 0)) => anchor = p,
                Some(_) => {}
                None => {
                    sections.insert(fs.id.as_str(), (anchor, 1, i as u32));
                }
            }
        }
        let mut indicators = HashMap::new();
        for (i, ind) in plan.indicators.iter().enumerate() {
            indicators
                .entry(ind.id.as_str())
                .or_insert((i as u32 + 1, 0, 0));
        }
        // A missing minimum indicator goes after the plan's last indicator of its group
        // or of an earlier group.
        for (j, n) in framework.indicators.iter().enumerate() {
            if indicators.contains_key(n.id.as_str()) {
                continue;
            }
            let rank = group_rank(&n.group);
            let after = plan
                .indicators
                .iter()
                .rposition(|i| group_rank(&i.group) <= rank)
                .map_or(0, |p| p as u32 + 1);
            indicators.insert(n.id.as_str(), (after, 1, j as u32));
        }
        let evaluation = plan.annual.as_ref().and_then(|a| a.evaluation.as_ref());
        let index = |ids: Vec<&'p str>| -> HashMap<&'p str, u32> {
            let mut map = HashMap::new();
            for (i, id) in ids.into_iter().enumerate() {
                map.entry(id).or_insert(i as u32 + 1);
            }
            map
        };
        Places {
            sections,
            indicators,
            tasks: index(plan.tasks.iter().map(|t| t.id.as_str()).collect()),
            organisation: index(plan.organisation.iter().map(|r| r.id.as_str()).collect()),
            evaluation_targets: index(evaluation.map_or(Vec::new(), |e| {
                e.indicators.iter().map(|i| i.id.as_str()).collect()
            })),
            evaluation_tasks: index(evaluation.map_or(Vec::new(), |e| {
                e.tasks.iter().map(|t| t.id.as_str()).collect()
            })),
        }
    }

    fn key(&self, loc: &Location) -> Key {
        const UNKNOWN: (u32, u32, u32) = (u32::MAX, 0, 0);
        let id = loc.id.as_deref();
        let single = |n: Option<u32>| (n.unwrap_or(u32::MAX), 0, 0);
        let index = || id.and_then(|i| i.parse::<u32>().ok()).map(|i| i + 1);
        let (part, item, fields) = match loc.part {
            Part::Header => (0, (0, 0, 0), HEADER),
            Part::LegalBasis => (1, single(index()), LEGAL_BASIS),
            // The list of căn cứ as a whole comes with the căn cứ, before them.
            Part::Opening if loc.field.as_deref() == Some("legal_bases") => (1, (0, 0, 0), OPENING),
            Part::Opening => (2, (0, 0, 0), OPENING),
            Part::Section => (
                3,
                id.and_then(|i| self.sections.get(i).copied())
                    .unwrap_or(UNKNOWN),
                SECTION,
            ),
            Part::Indicator => (
                4,
                id.and_then(|i| self.indicators.get(i).copied())
                    .unwrap_or(UNKNOWN),
                INDICATOR,
            ),
            Part::Task => (5, single(id.and_then(|i| self.tasks.get(i).copied())), TASK),
            Part::Organisation => (
                6,
                single(id.and_then(|i| self.organisation.get(i).copied())),
                ORGANISATION,
            ),
            Part::Recipients => (7, (index().unwrap_or(0), 0, 0), &[][..]),
            Part::Signer => (8, (0, 0, 0), SIGNER),
            Part::Annual => (2, (1, 0, 0), EVALUATION),
            Part::EvaluationTarget => {
                let n = id.and_then(|i| self.evaluation_targets.get(i).copied());
                (2, (2, n.unwrap_or(u32::MAX), 0), EVALUATION)
            }
            Part::EvaluationTask => {
                let n = id.and_then(|i| self.evaluation_tasks.get(i).copied());
                (2, (3, n.unwrap_or(u32::MAX), 0), EVALUATION)
            }
        };
        let item = if id.is_none() && matches!(loc.part, Part::LegalBasis) {
            (0, 0, 0)
        } else {
            item
        };
        (part, item, field_key(loc.field.as_deref(), fields))
    }
}

/// "targets[1].value" → [rank(targets), 1, rank(value)]; no field sorts first.
fn field_key(field: Option<&str>, names: &[&str]) -> Vec<u32> {
    let mut key = Vec::new();
    let Some(field) = field else {
        return key;
    };
    for segment in field.split('.') {
        let (name, rest) = segment.split_once('[').unwrap_or((segment, ""));
        let rank = names
            .iter()
            .position(|n| *n == name)
            .map_or(u32::MAX - 1, |p| p as u32);
        // Shift by one so that "no field" (an empty key) sorts before every field.
        key.push(rank.saturating_add(1));
        for index in rest.split('[') {
            if let Ok(i) = index.trim_end_matches(']').parse::<u32>() {
                key.push(i);
            }
        }
    }
    key
}

/// Sorts findings in document order (stable for equal keys).
pub(super) fn sort(plan: &Plan, framework: &Framework, findings: &mut [Finding]) {
    let places = Places::new(plan, framework);
    findings.sort_by_cached_key(|f| (places.key(&f.location), f.rule.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_sort_by_declaration_then_index() {
        let k = |f| field_key(Some(f), INDICATOR);
        assert!(field_key(None, INDICATOR) < k("id"));
        assert!(k("name") < k("unit"));
        assert!(k("targets[0].value") < k("targets[1].period"));
        assert!(k("targets[1].period") < k("targets[1].value"));
        assert!(k("targets[2].value") < k("targets[10].value"));
        assert!(k("targets[9].value") < k("baseline.value"));
        assert!(k("baseline.value") < k("baseline.year"));
        assert!(k("baseline.year") < k("method"));
    }
}
