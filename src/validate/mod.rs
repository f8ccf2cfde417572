//! Offline validation of a plan against the Khung and the 2026 guidance: pure functions
//! from a plan to findings, fast enough to run on every keystroke (the `--scale 10`
//! sample, about 500 tasks, validates in a few milliseconds; see `benches/validate.rs`).
//!
//! Each [`Finding`] has a stable rule id, a severity (lỗi / cảnh báo / gợi ý), a
//! [`Location`] precise enough to jump to the field, a Vietnamese message and a hint.
//! Findings come in document order: header, căn cứ, the opening's other lines, sections
//! in tree order, indicators, tasks, organisation, recipients, signer; within an item by
//! the order of its fields (see `order.rs`).
//!
//! Locations: `part` + `id` + `field`, where `id` is the section, indicator, task or
//! responsibility id, the 0-based index of a legal basis or recipient, or — for a
//! missing minimum indicator — the Khung's indicator id; `field` is the serde path of
//! the field in that item, e.g. `end`, `targets[1].value`, `baseline.year`,
//! `content[3].text`, `capacities[0].on_behalf_of`.
//!
//! # Rules
//!
//! | id | severity | what it checks |
//! |---|---|---|
//! | `header.issuer-missing` | lỗi | Tên cơ quan ban hành is given. |
//! | `header.issuer-not-uppercase` | gợi ý | The issuer (and cơ quan chủ quản) is stored in capitals, as printed. |
//! | `header.issuer-level` | cảnh báo | A province's plan is issued by an Ủy ban nhân dân, a ministry's by a Bộ or a ministry-level body. |
//! | `header.number-missing` | lỗi | Số, ký hiệu is given (at least "/KH-UBND" before numbering). |
//! | `header.number-format` | lỗi | Số, ký hiệu reads "số/KH-…": digits, "/", "KH-", the issuer's code; no spaces. |
//! | `header.number-level` | lỗi | The code fits the level: KH-UBND for a province; KH-B… (or KH-NHNN, KH-TTCP, KH-VPCP) for a ministry. |
//! | `header.number-padding` | lỗi | A number below 10 is written with a leading 0 ("05/KH-UBND"). |
//! | `header.place-missing` | lỗi | Địa danh is given. |
//! | `header.date-missing` | cảnh báo | Ngày ban hành is given (a draft may leave it until signing). |
//! | `header.date-out-of-range` | lỗi | The date falls between 2025 and the plan's last year. |
//! | `header.date-future` | cảnh báo | The date is not more than 30 days after today. |
//! | `header.subject-missing` | lỗi | Trích yếu is given. |
//! | `header.subject-period` | cảnh báo | Trích yếu names the plan's period ("giai đoạn 2026 - 2030" or "năm 2026"). |
//! | `legal.none` | lỗi | The plan has căn cứ lines or a "Thực hiện …" paragraph. |
//! | `legal.key-document-missing` | cảnh báo | Each key document the Khung's section I lists (issued by the plan's date) is cited, in a căn cứ or the "Thực hiện …" paragraph. |
//! | `legal.number-missing` | lỗi | A cited document (other than a law, programme or "khác") has its số, ký hiệu. |
//! | `legal.number-format` | cảnh báo | Số, ký hiệu has the form of its kind ("57-NQ/TW", "71/NQ-CP", "73/2019/NĐ-CP", "148/2025/QH15"), numbers below 10 padded. |
//! | `legal.date-missing` | lỗi | A cited document (other than a law) has its date. |
//! | `legal.date-after-plan` | lỗi | A cited document is not dated after the plan (or after today when the plan is undated). |
//! | `legal.date-number-mismatch` | cảnh báo | The year in the number ("…/2019/NĐ-CP") is the year of the date. |
//! | `legal.issuer-missing` | lỗi | A cited document (other than a law) names its issuer. |
//! | `legal.law-name-missing` | lỗi | A cited law has its name. |
//! | `legal.title-missing` | cảnh báo | A cited document has its trích yếu. |
//! | `legal.catalog-mismatch` | cảnh báo | Number and date agree with the catalogue entry the basis was picked from. |
//! | `legal.superseded` | cảnh báo | The cited document has not been replaced (catalogue `superseded_by`); the hint cites the replacement. |
//! | `legal.duplicate` | cảnh báo | A document is cited once. |
//! | `opening.issuing-sentence-missing` | cảnh báo | The issuing sentence ("… ban hành Kế hoạch … như sau:") is given. |
//! | `opening.proposed-by-missing` | gợi ý | "Theo đề nghị của …" is given. |
//! | `completeness.section-missing` | lỗi | Every Khung section is in the plan. |
//! | `completeness.section-empty` | lỗi | Every Khung section has content: its text, a sub-section's, or what the document generates there (indicators of its group, tasks of its area, section V's responsibilities, VI's task list); reported on the innermost empty sections. |
//! | `section.unknown` | lỗi | A section marked as the Khung's has a Khung id. |
//! | `section.title-missing` | lỗi | A section the drafter added has a title. |
//! | `section.figure-mismatch` | cảnh báo | A count of tasks ("Danh mục 51 nhiệm vụ") or a total budget ("tổng kinh phí … 267.950 triệu đồng", of one funding source when the words name one: "tổng kinh phí từ ngân sách địa phương …") typed in a section agrees with the plan; inserted as fields they are generated and always agree. |
//! | `section.appendix-unknown` | cảnh báo | An appendix typed in a section ("Phụ lục III") is one the document has. |
//! | `section.custom-empty` | cảnh báo | A section the drafter added has content. |
//! | `completeness.indicator-missing` | lỗi | Every minimum indicator of 2.1 a), 2.1 b) and 2.3 is answered by an indicator (`national`). |
//! | `completeness.not-applicable-reason-missing` | lỗi | An indicator marked not applicable gives the reason. |
//! | `indicator.name-missing` | lỗi | The indicator has a name. |
//! | `indicator.unit-missing` | lỗi | The indicator has a unit (quantified: number + unit). |
//! | `indicator.target-missing` | lỗi | There is a target value for every period of the plan (2025–2027 and 2028–2030, or the plan's year). |
//! | `indicator.target-not-numeric` | lỗi | A target value is a number ("95", "99,5"). |
//! | `indicator.target-period-foreign` | cảnh báo | A target's period is one of the plan's periods. |
//! | `indicator.percentage-out-of-range` | lỗi | Values of a percentage unit (catalogue `percentage`) lie within 0–100. |
//! | `indicator.method-missing` | lỗi | The measurement method (phương pháp đo lường) is given. |
//! | `indicator.lead-agency-missing` | lỗi | The agency that monitors the indicator is given. |
//! | `indicator.national-unknown` | lỗi | `national` names a minimum indicator of the Khung. |
//! | `indicator.national-duplicate` | cảnh báo | A minimum indicator is answered by one indicator only. |
//! | `indicator.duplicate` | cảnh báo | An indicator not linked to the Khung has nearly the same name as another (the near-duplicate rule of tasks). |
//! | `indicator.group-mismatch` | cảnh báo | An indicator answering a minimum indicator sits in that indicator's group. |
//! | `indicator.unit-differs` | cảnh báo | An indicator answering a minimum indicator uses its unit (otherwise targets cannot be compared). |
//! | `indicator.comparator-differs` | cảnh báo | A target goes the same way (≥ / ≤) as the national minimum. |
//! | `indicator.below-national-minimum` | lỗi | A target is not weaker than the national minimum of the same period; for an annual plan, than a national target already due by its year (2027, 2030). |
//! | `indicator.annual-below-national` | gợi ý | An annual target in a year before the end of its Khung phase (2026; 2028, 2029) is below that phase's national minimum: the plan must still reach it by 2027 or 2030. |
//! | `indicator.target-regression` | lỗi | For a percentage, the 2028–2030 target is not weaker than the 2025–2027 one (≥: not lower; ≤: not higher). |
//! | `indicator.target-regression-count` | cảnh báo | The same for other units (a count per phase may legitimately be lower). |
//! | `indicator.comparator-inconsistent` | cảnh báo | The two periods' targets use the same comparator. |
//! | `indicator.baseline-missing` | gợi ý | A baseline (giá trị hiện trạng) is given. |
//! | `indicator.baseline-not-numeric` | cảnh báo | The baseline value is a number. |
//! | `indicator.baseline-year-missing` | gợi ý | The baseline says which year it is from. |
//! | `indicator.baseline-in-future` | lỗi | The baseline year is not after the plan's first year nor after the year of the plan's date. |
//! | `indicator.no-task` | cảnh báo | At least one task serves the indicator (its id in a task's `indicators`). |
//! | `task.name-missing` | lỗi | Rõ việc: the task has a name. |
//! | `task.content-missing` | lỗi | Rõ việc: the task's content is given. |
//! | `task.expected-result-missing` | lỗi | Rõ sản phẩm: the expected result or product is given. |
//! | `task.expected-effect-missing` | cảnh báo | The effect (hiệu quả đem lại) the Khung's section VI asks for is given. |
//! | `task.lead-unit-missing` | lỗi | Rõ người, rõ trách nhiệm: the lead unit is given. |
//! | `task.lead-unit-coordinating` | cảnh báo | The lead unit is not also listed among the coordinating units. |
//! | `task.start-missing` | lỗi | Rõ thời gian: the start month is given. |
//! | `task.end-missing` | lỗi | Rõ thời gian: the end month is given. |
//! | `task.end-before-start` | lỗi | The end is not before the start. |
//! | `task.outside-period` | lỗi | Start and end lie within the plan's period (2026–2030, or the plan's year). |
//! | `task.approving-authority-missing` | lỗi | Rõ thẩm quyền: the approving authority is given. |
//! | `task.funding-missing` | lỗi | A funding source is given (and an "other" source is named). |
//! | `task.budget-missing` | gợi ý | The estimated budget is given. |
//! | `task.budget-invalid` | lỗi | The budget is a finite, non-negative amount. |
//! | `task.area-invalid` | lỗi | The task sits in an area 1–9 of section III (this is its link to the plan's structure). |
//! | `task.indicator-unknown` | lỗi | Each indicator id a task lists exists. |
//! | `task.no-indicator` | gợi ý | The task names the indicator(s) it serves (it is linked to its area in any case). |
//! | `task.near-duplicate` | cảnh báo | Two task names are nearly the same: token Jaccard ≥ 0.8, and the same words in another order, or one name is the other with at most two words added. |
//! | `organisation.unit-missing` | lỗi | Each responsibility of section V names its unit. |
//! | `organisation.duties-missing` | cảnh báo | Each responsibility lists duties. |
//! | `recipients.missing` | lỗi | Nơi nhận is given. |
//! | `recipients.blank` | lỗi | No recipient line is blank. |
//! | `recipients.luu-missing` | lỗi | The last line is "Lưu: VT, …". |
//! | `recipients.luu-not-last` | lỗi | "Lưu: …" is the last line only. |
//! | `recipients.luu-unit-missing` | cảnh báo | "Lưu: VT, …" names the drafting unit after VT. |
//! | `recipients.punctuation` | gợi ý | Lines carry no leading "- " nor final ";" (the document adds them). |
//! | `signer.position-missing` | lỗi | The signer's position is given. |
//! | `signer.name-missing` | lỗi | The signer's name is given. |
//! | `signer.name-title` | cảnh báo | The name carries no academic title (TS., ThS., PGS., GS.). |
//! | `signer.capacity-level` | lỗi | Signing capacities fit the level: province "TM. ỦY BAN NHÂN DÂN" [+ "KT. CHỦ TỊCH"]; ministry none or "KT. BỘ TRƯỞNG" (or the head of a ministry-level body). |
//! | `signer.collective-line-missing` | cảnh báo | A province plan signed "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" without "TM. ỦY BAN NHÂN DÂN" (issued practice; the decree's form has it). |
//! | `signer.position-level` | lỗi | The position fits the capacities: CHỦ TỊCH / PHÓ CHỦ TỊCH after KT.; BỘ TRƯỞNG / THỨ TRƯỞNG after KT. |
//! | `signer.capacity-unusual` | cảnh báo | TL. or TUQ. are not used to sign a Kế hoạch of a ministry or province. |
//! | `signer.not-uppercase` | gợi ý | Capacity and position lines are stored in capitals, as printed. |
//! | `annual.year-outside-parent` | lỗi | An annual plan's year lies in the five-year period (2026–2030); once, and the findings that follow from the year alone are left out. |
//! | `annual.target-not-evaluated` | lỗi | Every target of last year has a status (Hoàn thành / Chưa hoàn thành / Không thực hiện / Chưa có thông tin). |
//! | `annual.achieved-missing` | cảnh báo | A target evaluated Hoàn thành or Chưa hoàn thành gives the achieved value. |
//! | `annual.status-contradicts-target` | lỗi | The status agrees with the numbers: Hoàn thành only when the achieved value meets the target (≥, ≤, =), Chưa hoàn thành only when it does not. |
//! | `annual.late-task-dropped` | cảnh báo | A task late or not started last year is in this year's plan. |
//! | `annual.indicator-dropped` | cảnh báo | Every indicator carried from the five-year plan is still in the annual plan. |
//! | `annual.target-weaker-than-phase` | cảnh báo | In the last year of a phase (2027, 2030), the year's target is not weaker than the five-year plan's target for that phase (earlier years may climb towards it). |
//! | `text.not-nfc` | cảnh báo | The text is Unicode NFC (precomposed Vietnamese). |
//! | `text.double-space` | gợi ý | No double spaces. |
//! | `text.untrimmed` | gợi ý | No leading or trailing spaces. |
//! | `text.unbalanced` | cảnh báo | Brackets and quotes are balanced: ( ) [ ] “ ” « » and straight "; list markers like "a)" are allowed. |
//! | `text.legacy-encoding` | lỗi | The text is not TCVN3 (ABC) or VNI mojibake; the hint gives the text converted to Unicode. |
//! | `text.renamed-body` | cảnh báo | No body renamed or merged in 2025 under its old name ("Bộ Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư", "Tỉnh Hà Giang", …) unless followed by "(nay là …)"; the hint gives the new name. |
//!
//! Decisions where the guidance leaves room:
//! - An annual plan's target is compared with the national target of the Khung phase
//!   containing its year. In the phase's last year (2027, 2030) the national minimum is
//!   due, so falling short is an error; in an earlier year (2026; 2028, 2029) the annual
//!   target is a step on the way, so it is only a hint. National targets of an earlier
//!   phase (due before the plan's year) must be met: error.
//! - "Linked to an indicator or area": every task has an area of section III (the model
//!   requires one), which places it in the plan; a task without any indicator gets a
//!   hint, an indicator no task serves a warning (it may be reached through recurrent
//!   work not listed as a task).
//! - Near-duplicate names: token Jaccard ≥ 0.8 alone would flag parallel tasks that differ
//!   in their object ("… – lĩnh vực y tế" and "… – lĩnh vực tư pháp") and a task next to
//!   its narrower, sector-scoped version ("…" and "… – lĩnh vực y tế"), so a pair must
//!   also differ only by word order (the same words) or by at most two added words
//!   (one name's words are a subsequence of the other's): the rewordings of one task
//!   typed twice. Candidates come from a prefix-filtered join on rare tokens, so 500
//!   tasks cost far less than the 125 000 pairs.
//! - A draft may be undated (the date is written at signing): warning, not error; a
//!   number without its digits ("/KH-UBND") is normal before numbering.
//! - The document writer upper-cases the issuer and the signing lines and adds the
//!   recipients' punctuation, so those rules are hints.

mod annual;
mod closing;
mod completeness;
mod figures;
mod finding;
mod header;
mod indicators;
pub mod legacy;
mod legal;
mod order;
mod similar;
mod tasks;
mod text;

pub use finding::{Finding, Location, Part, Severity};

use chrono::NaiveDate;

use crate::catalog::{self, Catalog};
use crate::framework::{self, Framework};
use crate::model::{Plan, PlanKind};

/// What validation reads besides the plan.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub framework: &'a Framework,
    pub catalog: &'a Catalog,
    /// Today's date, for the "not in the future" rules; tests fix it so that findings
    /// do not depend on the clock.
    pub today: NaiveDate,
}

impl Context<'static> {
    /// The shipped framework and catalogue, and today's local date.
    pub fn current() -> Self {
        Context {
            framework: framework::current(),
            catalog: catalog::current(),
            today: chrono::Local::now().date_naive(),
        }
    }
}

/// All findings for `plan`, in document order.
pub fn validate(plan: &Plan) -> Vec<Finding> {
    validate_with(plan, &Context::current())
}

/// All findings for `plan` against another framework (the shipped catalogue, today).
pub fn validate_against(plan: &Plan, framework: &Framework) -> Vec<Finding> {
    validate_with(
        plan,
        &Context {
            framework,
            ..Context::current()
        },
    )
}

/// All findings for `plan` in the given context, in document order.
pub fn validate_with(plan: &Plan, ctx: &Context) -> Vec<Finding> {
    let mut out = Sink::default();
    header::header(plan, ctx, &mut out);
    legal::legal_bases(plan, ctx, &mut out);
    header::opening(plan, &mut out);
    completeness::sections(plan, ctx.framework, &mut out);
    completeness::national_indicators(plan, ctx.framework, &mut out);
    indicators::indicators(plan, ctx, &mut out);
    tasks::tasks(plan, &mut out);
    closing::organisation(plan, &mut out);
    closing::recipients(plan, &mut out);
    closing::signer(plan, &mut out);
    text::hygiene(plan, ctx.catalog, &mut out);
    annual::annual(plan, &mut out);
    figures::typed_figures(plan, &mut out);
    let mut findings = out.0;
    if annual::year_outside_period(plan) {
        findings.retain(|f| !annual::FOLLOW_FROM_YEAR.contains(&f.rule.as_str()));
    }
    order::sort(plan, ctx.framework, &mut findings);
    findings
}

/// Where rules put their findings.
#[derive(Default)]
pub(crate) struct Sink(Vec<Finding>);

impl Sink {
    pub(crate) fn push(
        &mut self,
        rule: &'static str,
        severity: Severity,
        location: Location,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.0.push(Finding {
            rule: rule.to_owned(),
            severity,
            location,
            message: message.into(),
            hint: hint.into(),
        });
    }
}

/// A location from its parts.
pub(crate) fn at(part: Part, id: Option<&str>, field: Option<&str>) -> Location {
    Location::new(part, id, field)
}

/// The plan's first and last year.
pub(crate) fn plan_years(plan: &Plan) -> (i32, i32) {
    plan.meta.kind.years()
}

/// "giai đoạn 2026–2030" or "năm 2026".
pub(crate) fn kind_label(kind: PlanKind) -> String {
    kind.label()
}

/// Whether a text is empty or only spaces.
pub(crate) fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// "«text»", shortened to about 80 characters for messages.
pub(crate) fn quote(text: &str) -> String {
    let text = text.trim();
    let mut out = String::from("«");
    if text.chars().count() > 80 {
        out.extend(text.chars().take(77));
        out.push('…');
    } else {
        out.push_str(text);
    }
    out.push('»');
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// Rule ids in the table of the module docs.
    fn documented() -> BTreeSet<String> {
        include_str!("mod.rs")
            .lines()
            .filter_map(|l| l.strip_prefix("//! | `"))
            .filter_map(|l| l.split('`').next())
            .map(str::to_owned)
            .collect()
    }

    /// Rule ids used in the rule modules: string literals that look like "part.rule-name".
    fn used() -> BTreeSet<String> {
        let sources = [
            include_str!("annual.rs"),
            include_str!("closing.rs"),
            include_str!("completeness.rs"),
            include_str!("figures.rs"),
            include_str!("header.rs"),
            include_str!("indicators.rs"),
            include_str!("legal.rs"),
            include_str!("tasks.rs"),
            include_str!("text.rs"),
        ];
        let prefixes = [
            "annual.",
            "header.",
            "legal.",
            "opening.",
            "completeness.",
            "section.",
            "indicator.",
            "task.",
            "organisation.",
            "recipients.",
            "signer.",
            "text.",
        ];
        let mut out = BTreeSet::new();
        for src in sources {
            for piece in src.split('"').skip(1).step_by(2) {
                if prefixes.iter().any(|p| piece.starts_with(p))
                    && piece
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '.' || c == '-')
                {
                    out.insert(piece.to_owned());
                }
            }
        }
        out
    }

    #[test]
    fn every_rule_is_documented_and_every_documented_rule_exists() {
        let documented = documented();
        let used = used();
        assert!(documented.len() > 60, "{documented:?}");
        let undocumented: Vec<_> = used.difference(&documented).collect();
        let unused: Vec<_> = documented.difference(&used).collect();
        assert!(
            undocumented.is_empty(),
            "not in the table: {undocumented:?}"
        );
        assert!(
            unused.is_empty(),
            "documented but never emitted: {unused:?}"
        );
    }
}
