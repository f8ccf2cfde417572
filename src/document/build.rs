//! Plan → document.

use super::opening::Identity;
use super::{appendix, body, glue, opening, text, Block, Document, PageSection, Properties};
use crate::framework::{self, Framework};
use crate::layout::{Layout, Orientation};
use crate::model::Plan;

/// Builds the document of `plan` against the current framework.
pub fn build(plan: &Plan) -> Document {
    build_with(plan, framework::current())
}

pub(super) fn build_with(plan: &Plan, framework: &Framework) -> Document {
    let layout = Layout::from_settings(&plan.settings);
    let identity = Identity::plan(plan);
    let mut blocks = opening::header_and_title(plan, &layout, &identity);
    blocks.extend(opening::opening(plan));
    blocks.extend(body::sections(plan, framework));
    blocks.extend(opening::closing(plan, &layout));
    let labels = appendix::labels(plan);
    let appendices = appendix::appendices(plan, framework, &layout, &labels, &identity);
    finish(layout, blocks, appendices, properties(plan))
}

/// The document of the body `blocks` and the `appendices`: its text made final and
/// glued.
pub(super) fn finish(
    layout: Layout,
    blocks: Vec<Block>,
    appendices: Vec<PageSection>,
    mut properties: Properties,
) -> Document {
    let mut sections = vec![PageSection {
        orientation: Orientation::Portrait,
        blocks,
    }];
    sections.extend(appendices);
    text::apply(&mut sections, &mut properties);
    glue::apply(&mut sections);
    Document {
        properties,
        layout,
        sections,
    }
}

fn properties(plan: &Plan) -> Properties {
    let subject = plan.header.subject.trim().to_owned();
    Properties {
        title: if subject.is_empty() {
            "Kế hoạch chuyển đổi số".to_owned()
        } else {
            format!("Kế hoạch {subject}")
        },
        subject,
        author: plan.header.issuer.trim().to_owned(),
        created: plan.header.date,
        keywords: format!(
            "kế hoạch chuyển đổi số; {}; {}",
            plan.meta.level.label(),
            plan.meta.kind.label()
        ),
        draft_mark: None,
    }
}
