//! The JSON interchange format: a versioned envelope around [`Plan`].
//!
//! Export → import → export gives the same bytes: the model has one serialised form, and
//! import normalises text to NFC before anything else. The JSON Schema shipped in
//! `assets/schema/plan.schema.json` is generated from the same types (see
//! [`json_schema`]); a test keeps the two equal.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{normalize_value, Plan};

mod labels;

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

/// Why a JSON document could not be imported. Messages name fields by their Vietnamese
/// labels ("Lề phải (trang dọc)", "Ngày ban hành") and say what form is expected; the
/// JSON path is kept in `path` for programs, never shown.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("Tệp JSON không hợp lệ ở dòng {line}, cột {column}: {message}.")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("Tệp JSON không phải là kế hoạch khcds (thiếu \"format\": \"{FORMAT}\").")]
    NotAPlan,
    #[error("Tệp JSON theo lược đồ phiên bản {found}, mới hơn phiên bản {SCHEMA_VERSION} mà chương trình này đọc được. Hãy cập nhật chương trình.")]
    NewerVersion { found: u64 },
    #[error("{label}: {message}.")]
    Field {
        /// Where the field is, as a JSON path ("plan.tasks[1].budget_million_vnd").
        path: String,
        /// The field as the drafter knows it ("Kinh phí dự kiến (triệu đồng), nhiệm vụ «…»").
        label: String,
        message: String,
    },
    #[error("{0}")]
    OutOfRange(#[from] crate::model::OutOfRange),
    #[error(
        "Các mục lồng nhau quá {} cấp; hãy đưa bớt mục con lên cấp trên.",
        crate::model::MAX_SECTION_DEPTH
    )]
    TooDeep,
    #[error("Không đọc được tệp: {message}.")]
    Read { path: String, message: String },
}

/// Reads and imports the interchange document at `path`.
pub fn read_file(path: &std::path::Path) -> Result<Plan, ImportError> {
    let unreadable = |message: String| ImportError::Read {
        path: path.display().to_string(),
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| unreadable(crate::store::io_message(&e)))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        unreadable("tệp không phải văn bản UTF-8 (hãy lưu lại tệp JSON ở mã UTF-8)".into())
    })?;
    from_json(&text)
}

/// The drafter's words for the field at `path` ("targets[1].value") inside `item`, the
/// JSON of the part of the plan it lies in: its Vietnamese label, then the items it lies
/// in ("Giá trị, chỉ tiêu theo kỳ «2026»"). `None` when `path` names no known field.
pub fn field_label(path: &str, item: &serde_json::Value) -> Option<String> {
    let label = labels::label(path, item);
    (label != labels::WHOLE_FILE).then_some(label)
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

/// Reads an interchange document; errors name the offending field by its label.
pub fn from_json(text: &str) -> Result<Plan, ImportError> {
    let mut value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ImportError::Syntax {
            line: e.line(),
            column: e.column(),
            message: labels::syntax_message(&e),
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
    let doc: Document = serde_path_to_error::deserialize(&value).map_err(|e| {
        let path = e.path().to_string();
        ImportError::Field {
            label: labels::label(&path, &value),
            message: labels::data_message(&e.inner().to_string()),
            path,
        }
    })?;
    if doc
        .plan
        .sections
        .iter()
        .any(|s| s.height() > crate::model::MAX_SECTION_DEPTH)
    {
        return Err(ImportError::TooDeep);
    }
    check_unique_ids(&doc.plan, &value)?;
    doc.plan.check_ranges()?;
    Ok(doc.plan)
}

/// Ids are the keys of the plan file: a duplicate would make the import ambiguous.
fn check_unique_ids(plan: &Plan, value: &serde_json::Value) -> Result<(), ImportError> {
    let first_duplicate = |ids: &mut dyn Iterator<Item = (String, &str)>| {
        let mut seen = std::collections::HashSet::new();
        for (path, id) in ids {
            let message = if id.trim().is_empty() {
                "mã không được để trống".to_owned()
            } else if !seen.insert(id) {
                format!("mã «{id}» bị trùng với một mục khác")
            } else {
                continue;
            };
            return Err(ImportError::Field {
                label: labels::label(&path, value),
                path,
                message,
            });
        }
        Ok(())
    };
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
    first_duplicate(&mut sections.into_iter())?;
    first_duplicate(
        &mut plan
            .indicators
            .iter()
            .enumerate()
            .map(|(i, x)| (format!("plan.indicators[{i}].id"), x.id.as_str())),
    )?;
    first_duplicate(
        &mut plan
            .tasks
            .iter()
            .enumerate()
            .map(|(i, x)| (format!("plan.tasks[{i}].id"), x.id.as_str())),
    )?;
    first_duplicate(
        &mut plan
            .organisation
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
