use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Block;

/// A section of the plan: one of the Khung's, or one the drafter inserted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Stable id: the Khung's section id (e.g. "II.2.1.a") or "custom-…" for custom sections.
    pub id: String,
    pub origin: SectionOrigin,
    /// Heading text without its number; empty for Khung sections means the Khung's own
    /// heading for the plan's level.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Section>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SectionOrigin {
    /// A section of the Khung; `id` is its Khung id.
    Framework,
    /// A section the drafter added (e.g. "MỤC ĐÍCH, YÊU CẦU").
    Custom,
}

/// How deep sections may nest (a Khung section such as II.2.1.a is at level 4). The
/// writers, the validator and serde walk the tree recursively, so a deeper tree is
/// refused wherever one enters: import, opening a file, edits.
pub const MAX_SECTION_DEPTH: usize = 12;

impl Section {
    /// Depth-first walk over this section and its descendants, in document order.
    pub fn walk(&self) -> Vec<&Section> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(section) = stack.pop() {
            out.push(section);
            stack.extend(section.children.iter().rev());
        }
        out
    }

    /// The number of levels of this section and its descendants (1 without children).
    pub fn height(&self) -> usize {
        let mut deepest = 0;
        let mut stack = vec![(self, 1)];
        while let Some((section, level)) = stack.pop() {
            deepest = deepest.max(level);
            stack.extend(section.children.iter().map(|c| (c, level + 1)));
        }
        deepest
    }

    pub fn is_empty(&self) -> bool {
        self.content.iter().all(|b| b.text().is_blank())
    }
}
