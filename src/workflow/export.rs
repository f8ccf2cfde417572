//! Export: snapshot the plan, build the document (the plan itself, or the yearly report
//! of the evaluation it opens with), write it atomically beside, never over, the plan.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{output, Error, RequestError, Result};
use crate::model::Plan;
use crate::store::{PlanFile, RevisionReason};
use crate::{document, docx, interchange, pdf};

/// The formats a plan is exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Docx,
    Pdf,
    Json,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Docx, ExportFormat::Pdf, ExportFormat::Json];

    /// "docx", "pdf", "json": the id shells accept.
    pub fn id(self) -> &'static str {
        self.extension()
    }

    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Docx => "Word (.docx)",
            ExportFormat::Pdf => "PDF",
            ExportFormat::Json => "JSON (trao đổi dữ liệu)",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Docx => "docx",
            ExportFormat::Pdf => "pdf",
            ExportFormat::Json => "json",
        }
    }

    pub fn parse(id: &str) -> Result<ExportFormat, RequestError> {
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.id() == id)
            .ok_or_else(|| RequestError::UnknownFormat(id.to_owned()))
    }

    /// An exported file carries its format's extension, so it opens with the right program.
    fn check_name(self, path: &Path) -> Result<(), RequestError> {
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if extension.eq_ignore_ascii_case(self.extension()) {
            Ok(())
        } else {
            Err(RequestError::OutputExtension {
                label: self.label(),
                extension: self.extension(),
            })
        }
    }
}

/// The documents exported from a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// The plan itself (Kế hoạch), in any format.
    Plan,
    /// The yearly report (Báo cáo kết quả thực hiện Kế hoạch chuyển đổi số năm Y − 1) of
    /// an annual plan's evaluation, in Word or PDF.
    Report,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 2] = [DocumentKind::Plan, DocumentKind::Report];

    /// "ke-hoach", "bao-cao": the id shells accept.
    pub fn id(self) -> &'static str {
        match self {
            DocumentKind::Plan => "ke-hoach",
            DocumentKind::Report => "bao-cao",
        }
    }

    /// The report is a Word or PDF document only: JSON interchanges the plan.
    fn check_format(self, format: ExportFormat) -> Result<(), RequestError> {
        if self == DocumentKind::Report && format == ExportFormat::Json {
            Err(RequestError::ReportFormat)
        } else {
            Ok(())
        }
    }
}

/// The default output of exporting the plan `input`: its name with the format's
/// extension, or, when that is `input` itself (a plan named `*.json` exported as JSON),
/// "-xuat" added.
pub fn default_output(input: &Path, format: ExportFormat) -> PathBuf {
    document_output(input, format, DocumentKind::Plan)
}

/// The default output of exporting `kind` of the plan `input`: the report's name ends
/// in "-bao-cao", so it never takes the place of the plan's own export.
pub fn document_output(input: &Path, format: ExportFormat, kind: DocumentKind) -> PathBuf {
    let stem = || {
        input
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    if kind == DocumentKind::Report {
        return input.with_file_name(format!("{}-bao-cao.{}", stem(), format.extension()));
    }
    let candidate = input.with_extension(format.extension());
    if candidate != input && !output::same_file(input, &candidate) {
        return candidate;
    }
    input.with_file_name(format!("{}-xuat.{}", stem(), format.extension()))
}

/// An export ready to run: the plan as it was when asked for, saved as a revision.
#[derive(Debug)]
pub struct Export {
    format: ExportFormat,
    document: DocumentKind,
    plan: Plan,
    source: PathBuf,
    output: PathBuf,
    draft: bool,
}

/// Checks the request, saves a revision and takes the plan; the slow part is [`Export::run`],
/// which needs no access to the file (the app runs it on a worker thread).
pub fn prepare(file: &mut PlanFile, format: ExportFormat, output: &Path) -> Result<Export> {
    if output.as_os_str().is_empty() {
        return Err(RequestError::MissingPath("nơi lưu tệp xuất").into());
    }
    output::check(file.path(), output)?;
    format.check_name(output)?;
    file.snapshot(RevisionReason::BeforeExport, "")?;
    Ok(Export {
        format,
        document: DocumentKind::Plan,
        plan: file.load()?,
        source: file.path().to_owned(),
        output: output.to_owned(),
        draft: false,
    })
}

impl Export {
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// Marks every page of the Word or PDF document "DỰ THẢO" (exported for review, not
    /// for signing); a JSON export carries no mark.
    pub fn draft(self, draft: bool) -> Export {
        Export { draft, ..self }
    }

    /// Which document to export: the plan (the default) or its yearly report. The report
    /// is refused when [`Export::run`] finds no evaluation in the plan or the format is
    /// JSON.
    pub fn document(self, document: DocumentKind) -> Export {
        Export { document, ..self }
    }

    /// Builds the document and writes it; `progress` gets a percentage and the stage in
    /// Vietnamese. Returns where the file was written.
    pub fn run(self, progress: &dyn Fn(u8, &str)) -> Result<PathBuf> {
        let bytes = render(self.format, self.document, &self.plan, self.draft, progress)?;
        progress(80, "Đang ghi tệp…");
        output::write(&self.source, &self.output, &bytes)
    }
}

/// The whole use case for a caller holding nothing open (the CLI): open, prepare, run.
pub fn export_file(
    input: &Path,
    format: ExportFormat,
    kind: DocumentKind,
    draft: bool,
    output: Option<&Path>,
) -> Result<PathBuf> {
    // Refused before the plan is opened, so not even a revision is saved.
    kind.check_format(format)?;
    let mut file = PlanFile::open(input)?;
    let output = output.map_or_else(|| document_output(input, format, kind), Path::to_owned);
    prepare(&mut file, format, &output)?
        .document(kind)
        .draft(draft)
        .run(&|_, _| {})
}

/// The bytes of the document `kind` of `plan` in `format`, with the draft mark when
/// asked.
fn render(
    format: ExportFormat,
    kind: DocumentKind,
    plan: &Plan,
    draft: bool,
    progress: &dyn Fn(u8, &str),
) -> Result<Vec<u8>> {
    let failed = |detail: String| Error::Render {
        format: match format {
            ExportFormat::Docx => "Word",
            ExportFormat::Pdf => "PDF",
            ExportFormat::Json => "JSON",
        },
        detail,
    };
    kind.check_format(format)?;
    match format {
        ExportFormat::Json => {
            progress(30, "Đang chuyển kế hoạch sang JSON…");
            Ok(interchange::to_json(plan).into_bytes())
        }
        ExportFormat::Docx | ExportFormat::Pdf => {
            progress(20, "Đang dàn trang văn bản…");
            let mut doc = match kind {
                DocumentKind::Plan => document::build(plan),
                DocumentKind::Report => {
                    document::build_report(plan).ok_or(RequestError::ReportNeedsEvaluation)?
                }
            };
            if draft {
                doc.properties.draft_mark = Some(document::DRAFT_MARK.to_owned());
            }
            if format == ExportFormat::Docx {
                progress(50, "Đang ghi tệp Word…");
                docx::write(&doc).map_err(|e| failed(e.to_string()))
            } else {
                progress(50, "Đang dàn trang và ghi tệp PDF…");
                pdf::write(&doc).map_err(|e| failed(e.to_string()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_output_is_never_the_plan() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("ke-hoach.json");
        std::fs::write(&plan, "").unwrap();
        assert_eq!(
            default_output(&plan, ExportFormat::Json),
            dir.path().join("ke-hoach-xuat.json")
        );
        assert_eq!(
            default_output(&plan, ExportFormat::Pdf),
            dir.path().join("ke-hoach.pdf")
        );
        let usual = dir.path().join("ke-hoach.khcds");
        assert_eq!(
            default_output(&usual, ExportFormat::Json),
            dir.path().join("ke-hoach.json")
        );
    }

    #[test]
    fn the_report_is_named_apart_from_the_plan() {
        let plan = Path::new("/kh/ke-hoach-2026.khcds");
        for format in [ExportFormat::Docx, ExportFormat::Pdf] {
            let report = document_output(plan, format, DocumentKind::Report);
            assert_eq!(
                report,
                Path::new(&format!("/kh/ke-hoach-2026-bao-cao.{}", format.extension()))
            );
            assert_ne!(report, default_output(plan, format));
        }
    }

    #[test]
    fn the_report_is_word_or_pdf_only() {
        assert_eq!(
            DocumentKind::Report.check_format(ExportFormat::Json),
            Err(RequestError::ReportFormat)
        );
        for format in ExportFormat::ALL {
            assert_eq!(DocumentKind::Plan.check_format(format), Ok(()));
        }
        assert_eq!(DocumentKind::Report.check_format(ExportFormat::Pdf), Ok(()));
    }

    #[test]
    fn formats_parse_from_their_ids_only() {
        for f in ExportFormat::ALL {
            assert_eq!(ExportFormat::parse(f.id()), Ok(f));
        }
        assert!(ExportFormat::parse("odt").is_err());
    }
}
