//! Which findings only say that something is not filled in yet. The app shows them as
//! progress ("chưa điền") on a plan just opened, not as errors, until the drafter has
//! touched the field or asked for an export; every other finding shows at its severity.

use serde::Serialize;

use crate::validate::Finding;

/// A kind of finding that only says something is not filled in yet: a rule of
/// `crate::validate`'s table, at any field or at one field only (when the rule also
/// reports what was typed wrong, elsewhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Unfilled {
    pub rule: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

impl Unfilled {
    const fn any(rule: &'static str) -> Unfilled {
        Unfilled { rule, field: None }
    }

    const fn at(rule: &'static str, field: &'static str) -> Unfilled {
        Unfilled {
            rule,
            field: Some(field),
        }
    }

    pub fn matches(&self, finding: &Finding) -> bool {
        self.rule == finding.rule
            && self
                .field
                .is_none_or(|f| finding.location.field.as_deref() == Some(f))
    }
}

/// The findings that report a blank field or an empty part the drafter has not come to
/// yet. A rule about the plan's structure (a Khung section missing) or about what was
/// typed is not one of them.
pub const UNFILLED: [Unfilled; 46] = [
    Unfilled::any("header.issuer-missing"),
    Unfilled::any("header.number-missing"),
    Unfilled::any("header.place-missing"),
    Unfilled::any("header.date-missing"),
    Unfilled::any("header.subject-missing"),
    Unfilled::any("legal.none"),
    Unfilled::any("legal.key-document-missing"),
    Unfilled::any("legal.number-missing"),
    Unfilled::any("legal.date-missing"),
    Unfilled::any("legal.issuer-missing"),
    Unfilled::any("legal.law-name-missing"),
    Unfilled::any("legal.title-missing"),
    Unfilled::any("opening.issuing-sentence-missing"),
    Unfilled::any("opening.proposed-by-missing"),
    Unfilled::any("completeness.section-empty"),
    Unfilled::any("section.title-missing"),
    Unfilled::any("section.custom-empty"),
    Unfilled::any("completeness.indicator-missing"),
    Unfilled::any("completeness.not-applicable-reason-missing"),
    Unfilled::any("indicator.name-missing"),
    Unfilled::any("indicator.unit-missing"),
    Unfilled::any("indicator.target-missing"),
    Unfilled::any("indicator.method-missing"),
    Unfilled::any("indicator.lead-agency-missing"),
    Unfilled::any("indicator.baseline-missing"),
    Unfilled::any("indicator.baseline-year-missing"),
    Unfilled::any("task.name-missing"),
    Unfilled::any("task.content-missing"),
    Unfilled::any("task.expected-result-missing"),
    Unfilled::any("task.expected-effect-missing"),
    Unfilled::any("task.lead-unit-missing"),
    Unfilled::any("task.start-missing"),
    Unfilled::any("task.end-missing"),
    Unfilled::any("task.approving-authority-missing"),
    Unfilled::any("task.funding-missing"),
    Unfilled::any("task.budget-missing"),
    Unfilled::any("organisation.unit-missing"),
    Unfilled::any("organisation.duties-missing"),
    Unfilled::any("recipients.missing"),
    Unfilled::any("recipients.luu-missing"),
    Unfilled::any("recipients.luu-unit-missing"),
    // Blank signing lines (wrong ones are reported at `capacities[0]`).
    Unfilled::at("signer.capacity-level", "capacities"),
    Unfilled::any("signer.position-missing"),
    Unfilled::any("signer.name-missing"),
    Unfilled::any("annual.target-not-evaluated"),
    Unfilled::any("annual.achieved-missing"),
];

/// Whether `finding` only says that something is not filled in yet.
pub fn is_unfilled(finding: &Finding) -> bool {
    UNFILLED.iter().any(|u| u.matches(finding))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule ids of the validator's table (its module documentation).
    fn documented_rules() -> Vec<&'static str> {
        include_str!("../validate/mod.rs")
            .lines()
            .filter_map(|l| l.strip_prefix("//! | `"))
            .filter_map(|l| l.split('`').next())
            .collect()
    }

    #[test]
    fn a_wrong_signing_line_is_not_taken_for_a_blank_one() {
        use crate::model::{Level, PlanKind};
        let mut plan = crate::sample::sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
        plan.signer.capacities.swap(0, 1);
        let wrong = crate::validate::validate(&plan);
        let f = wrong
            .iter()
            .find(|f| f.rule == "signer.capacity-level")
            .unwrap();
        assert!(!is_unfilled(f));
        plan.signer.capacities.clear();
        let blank = crate::validate::validate(&plan);
        let f = blank
            .iter()
            .find(|f| f.rule == "signer.capacity-level")
            .unwrap();
        assert!(is_unfilled(f));
    }

    #[test]
    fn every_unfilled_rule_is_a_rule_of_the_validator() {
        let documented = documented_rules();
        assert!(documented.len() > 100);
        for u in UNFILLED {
            assert!(documented.contains(&u.rule), "{}", u.rule);
        }
        let mut unique = UNFILLED.map(|u| u.rule).to_vec();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), UNFILLED.len());
    }

    #[test]
    fn a_new_empty_plan_reports_nothing_but_unfilled_fields_as_errors() {
        use crate::model::{Level, PlanKind};
        let plan = crate::framework::current().empty_plan(Level::Tinh, PlanKind::FiveYear);
        let errors: Vec<_> = crate::validate::validate(&plan)
            .into_iter()
            .filter(|f| f.severity == crate::validate::Severity::Error)
            .collect();
        assert!(!errors.is_empty());
        for f in errors {
            assert!(is_unfilled(&f), "{} at {:?}", f.rule, f.location.field);
        }
    }
}
