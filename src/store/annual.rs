//! Edits of the annual part (evaluation of the previous year, layout) and of the
//! drafter's own appendices. The annual part is one row: an edit of one evaluated
//! target rewrites that row only.

use rusqlite::Transaction;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::parts::{self, Kind};
use super::{Result, StoreError};
use crate::model::{
    Annual, AnnualLayout, CustomAppendix, Evaluation, IndicatorEvaluation, NarrativePart,
    TaskEvaluation,
};

/// An edit of the annual part or of the custom appendices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "what", rename_all = "kebab-case", deny_unknown_fields)]
pub enum AnnualEdit {
    /// Replaces the whole annual part (`null` removes it).
    Set { annual: Option<Annual> },
    /// Phần I / Phần II or plain.
    Layout { layout: AnnualLayout },
    /// Replaces the evaluation of one target of last year (by its id).
    Target { evaluation: IndicatorEvaluation },
    /// Replaces the evaluation of one task of last year (by its id).
    Task { evaluation: TaskEvaluation },
    /// Replaces one narrative part (by its id), added when absent.
    Narrative { part: NarrativePart },
    /// Replaces the list of custom appendices.
    Appendices { appendices: Vec<CustomAppendix> },
}

pub(super) fn apply(tx: &Transaction, edit: &AnnualEdit) -> Result<()> {
    match edit {
        AnnualEdit::Set { annual } => parts::put_optional(tx, Kind::Annual, annual.as_ref()),
        AnnualEdit::Appendices { appendices } => parts::put_optional(
            tx,
            Kind::Appendices,
            Some(appendices).filter(|a| !a.is_empty()),
        ),
        AnnualEdit::Layout { layout } => {
            let mut annual: Annual = parts::read_optional(tx, Kind::Annual)?.unwrap_or_default();
            annual.layout = *layout;
            parts::put_singleton(tx, Kind::Annual, &annual)
        }
        AnnualEdit::Target { evaluation } => with_evaluation(tx, |e| {
            let slot = e.indicators.iter_mut().find(|i| i.id == evaluation.id);
            replace(slot, evaluation, "chỉ tiêu năm trước", &evaluation.id)
        }),
        AnnualEdit::Task { evaluation } => with_evaluation(tx, |e| {
            let slot = e.tasks.iter_mut().find(|t| t.id == evaluation.id);
            replace(slot, evaluation, "nhiệm vụ năm trước", &evaluation.id)
        }),
        AnnualEdit::Narrative { part } => with_evaluation(tx, |e| {
            match e.narrative.iter_mut().find(|p| p.id == part.id) {
                Some(slot) => *slot = part.clone(),
                None => e.narrative.push(part.clone()),
            }
            Ok(())
        }),
    }
}

fn with_evaluation(
    tx: &Transaction,
    change: impl FnOnce(&mut Evaluation) -> Result<()>,
) -> Result<()> {
    let mut annual: Annual = parts::read_optional(tx, Kind::Annual)?
        .ok_or_else(|| StoreError::BadData("kế hoạch chưa có phần đánh giá năm trước".into()))?;
    let evaluation = annual
        .evaluation
        .as_mut()
        .ok_or_else(|| StoreError::BadData("kế hoạch chưa có phần đánh giá năm trước".into()))?;
    change(evaluation)?;
    parts::put_singleton(tx, Kind::Annual, &annual)
}

fn replace<T: Clone>(slot: Option<&mut T>, value: &T, what: &'static str, id: &str) -> Result<()> {
    match slot {
        Some(slot) => {
            *slot = value.clone();
            Ok(())
        }
        None => Err(StoreError::MissingItem {
            what,
            id: id.to_owned(),
        }),
    }
}
