//! The JSON interchange format: a versioned envelope around [`Plan`].
//!
//! Export → import → export gives the same bytes: the model has one serialised form, and
//! import normalises text to NFC before anything else. The JSON Schema shipped in
//! `assets/schema/plan.schema.json` is generated from the same types (see
//! [`json_schema`]); a test keeps the two equal.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{normalize_value, Plan};

/// The `format` field of every interchange document.
pub const FORMAT: &str = "khcds-plan";
/// Bumped whenever the interchange form of a plan changes incompatibly.
pub const SCHEMA_VERSION: u32 = 1;

/// A plan as exchanged in JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Kế hoạch chuyển đổi số (khcds-plan)")]
struct Document {
    /// Always "khcds-plan".
    format: String,
    /// Version of this schema.
    schema_version: u32,
    plan: Plan,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("Tệp JSON không hợp lệ ở dòng {line}, cột {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("Tệp JSON không phải là kế hoạch khcds (thiếu \"format\": \"{FORMAT}\").")]
    NotAPlan,
    #[error("Tệp JSON theo lược đồ phiên bản {found}, mới hơn phiên bản {SCHEMA_VERSION} mà chương trình này đọc được. Hãy cập nhật chương trình.")]
    NewerVersion { found: u64 },
    #[error("Trường «{path}» không hợp lệ: {message}")]
    Field { path: String, message: String },
}

/// The plan as an interchange document, pretty-printed, ending with a newline.
pub fn to_json(plan: &Plan) -> String {
    let doc = Document {
        format: FORMAT.to_owned(),
        schema_version: SCHEMA_VERSION,
        plan: plan.clone(),
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("a plan always serialises");
    text.push('\n');
    text
}

/// Reads an interchange document; errors name the offending field by its JSON path.
pub fn from_json(text: &str) -> Result<Plan, ImportError> {
    let mut value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ImportError::Syntax {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(ImportError::NotAPlan);
    }
    match value.get("schema_version").and_then(|v| v.as_u64()) {
        Some(v) if v > u64::from(SCHEMA_VERSION) => {
            return Err(ImportError::NewerVersion { found: v })
        }
        _ => {}
    }
    normalize_value(&mut value);
    let doc: Document =
        serde_path_to_error::deserialize(value).map_err(|e| ImportError::Field {
            path: e.path().to_string(),
            message: e.inner().to_string(),
        })?;
    check_unique_ids(&doc.plan)?;
    Ok(doc.plan)
}

/// Ids are the keys of the plan file: a duplicate would make the import ambiguous.
fn check_unique_ids(plan: &Plan) -> Result<(), ImportError> {
    fn first_duplicate<'a>(
        ids: impl Iterator<Item = (String, &'a str)>,
    ) -> Result<(), ImportError> {
        let mut seen = std::collections::HashSet::new();
        for (path, id) in ids {
            if id.trim().is_empty() {
                return Err(ImportError::Field {
                    path,
                    message: "mã không được để trống".into(),
                });
            }
            if !seen.insert(id) {
                return Err(ImportError::Field {
                    path,
                    message: format!("mã «{id}» bị trùng"),
                });
            }
        }
        Ok(())
    }
    fn section_ids<'a>(
        sections: &'a [crate::model::Section],
        prefix: &str,
        out: &mut Vec<(String, &'a str)>,
    ) {
        for (i, s) in sections.iter().enumerate() {
            let path = format!("{prefix}[{i}]");
            out.push((format!("{path}.id"), &s.id));
            section_ids(&s.children, &format!("{path}.children"), out);
        }
    }
    let mut sections = Vec::new();
    section_ids(&plan.sections, "plan.sections", &mut sections);
    first_duplicate(sections.into_iter())?;
    first_duplicate(
        plan.indicators
            .iter()
            .enumerate()
            .map(|(i, x)| (format!("plan.indicators[{i}].id"), x.id.as_str())),
    )?;
    first_duplicate(
        plan.tasks
            .iter()
            .enumerate()
            .map(|(i, x)| (format!("plan.tasks[{i}].id"), x.id.as_str())),
    )?;
    first_duplicate(
        plan.organisation
            .iter()
            .enumerate()
            .map(|(i, x)| (format!("plan.organisation[{i}].id"), x.id.as_str())),
    )
}

/// The JSON Schema of interchange documents.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Document);
    let mut text = serde_json::to_string_pretty(&schema).expect("schema serialises");
    text.push('\n');
    text
}
