//! Counts of an evaluation by status and the sentences the document states them in.
//! The document never prints a typed count: these sentences are built from the statuses.

use crate::model::{Evaluation, TargetStatus, TaskStatus};

/// How many of last year's targets have each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TargetCounts {
    pub total: usize,
    pub achieved: usize,
    pub not_achieved: usize,
    pub not_implemented: usize,
    pub no_data: usize,
    /// Targets without a status yet.
    pub unevaluated: usize,
}

impl TargetCounts {
    pub fn of(evaluation: &Evaluation) -> Self {
        let mut c = TargetCounts::default();
        for i in &evaluation.indicators {
            c.total += 1;
            match i.status {
                Some(TargetStatus::Achieved) => c.achieved += 1,
                Some(TargetStatus::NotAchieved) => c.not_achieved += 1,
                Some(TargetStatus::NotImplemented) => c.not_implemented += 1,
                Some(TargetStatus::NoData) => c.no_data += 1,
                None => c.unevaluated += 1,
            }
        }
        c
    }
}

/// How many of last year's tasks have each status, in [`TaskStatus::ALL`] order, and
/// how many have none yet.
pub fn task_counts(evaluation: &Evaluation) -> ([usize; 5], usize) {
    let mut counts = [0; 5];
    let mut unevaluated = 0;
    for t in &evaluation.tasks {
        match t
            .status
            .and_then(|s| TaskStatus::ALL.iter().position(|a| *a == s))
        {
            Some(i) => counts[i] += 1,
            None => unevaluated += 1,
        }
    }
    (counts, unevaluated)
}

/// A count as issued plans write it: two digits below 10 ("03").
pub fn count(n: usize) -> String {
    format!("{n:02}")
}

/// "Năm 2025 có 30 chỉ tiêu; đã hoàn thành 21/30 chỉ tiêu; 03 chỉ tiêu chưa hoàn thành;
/// … (chi tiết tại Phụ lục I)."
pub fn targets_sentence(evaluation: &Evaluation, appendix: Option<&str>) -> String {
    let c = TargetCounts::of(evaluation);
    let mut parts = vec![format!(
        "Năm {} có {} chỉ tiêu chuyển đổi số; đã hoàn thành {}/{} chỉ tiêu",
        evaluation.year,
        count(c.total),
        c.achieved,
        c.total
    )];
    for (n, what) in [
        (c.not_achieved, TargetStatus::NotAchieved),
        (c.not_implemented, TargetStatus::NotImplemented),
        (c.no_data, TargetStatus::NoData),
    ] {
        if n > 0 {
            parts.push(format!(
                "{} chỉ tiêu {}",
                count(n),
                what.label().to_lowercase()
            ));
        }
    }
    if c.unevaluated > 0 {
        parts.push(format!(
            "{} chỉ tiêu chưa được đánh giá",
            count(c.unevaluated)
        ));
    }
    finish(parts, appendix)
}

/// "Năm 2025 triển khai 12 nhiệm vụ, dự án: 05 nhiệm vụ hoàn thành; … (chi tiết tại Phụ lục II)."
pub fn tasks_sentence(evaluation: &Evaluation, appendix: Option<&str>) -> String {
    let (counts, unevaluated) = task_counts(evaluation);
    let mut detail: Vec<String> = TaskStatus::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{} nhiệm vụ {}", count(n), s.label().to_lowercase()))
        .collect();
    if unevaluated > 0 {
        detail.push(format!(
            "{} nhiệm vụ chưa được đánh giá",
            count(unevaluated)
        ));
    }
    let head = format!(
        "Năm {} triển khai {} nhiệm vụ, dự án",
        evaluation.year,
        count(evaluation.tasks.len())
    );
    let text = if detail.is_empty() {
        head
    } else {
        format!("{head}: {}", detail.join("; "))
    };
    finish(vec![text], appendix)
}

fn finish(parts: Vec<String>, appendix: Option<&str>) -> String {
    let mut text = parts.join("; ");
    if let Some(label) = appendix {
        text.push_str(&format!(" (chi tiết tại {label})"));
    }
    text.push('.');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IndicatorEvaluation, IndicatorGroup};

    fn target(status: Option<TargetStatus>) -> IndicatorEvaluation {
        IndicatorEvaluation {
            id: "x".into(),
            group: IndicatorGroup::DigitalServices,
            name: "x".into(),
            unit: "%".into(),
            target: None,
            achieved: String::new(),
            status,
            source: String::new(),
            note: String::new(),
        }
    }

    #[test]
    fn the_sentence_counts_every_status() {
        let mut indicators = vec![target(Some(TargetStatus::Achieved)); 21];
        indicators.extend(vec![target(Some(TargetStatus::NotAchieved)); 3]);
        indicators.push(target(Some(TargetStatus::NotImplemented)));
        indicators.extend(vec![target(Some(TargetStatus::NoData)); 5]);
        let e = Evaluation {
            year: 2025,
            indicators,
            ..Evaluation::default()
        };
        assert_eq!(
            targets_sentence(&e, Some("Phụ lục I")),
            "Năm 2025 có 30 chỉ tiêu chuyển đổi số; đã hoàn thành 21/30 chỉ tiêu; \
             03 chỉ tiêu chưa hoàn thành; 01 chỉ tiêu không thực hiện; \
             05 chỉ tiêu chưa có thông tin (chi tiết tại Phụ lục I)."
        );
    }

    #[test]
    fn unevaluated_targets_are_said_so() {
        let e = Evaluation {
            year: 2025,
            indicators: vec![target(None), target(Some(TargetStatus::Achieved))],
            ..Evaluation::default()
        };
        assert_eq!(
            targets_sentence(&e, None),
            "Năm 2025 có 02 chỉ tiêu chuyển đổi số; đã hoàn thành 1/2 chỉ tiêu; \
             01 chỉ tiêu chưa được đánh giá."
        );
    }
}
