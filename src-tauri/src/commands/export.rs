//! Export formats: the DOCX and PDF writers of the engine (both render the same document
//! model), and the JSON interchange format.

use khcds::model::Plan;
use khcds::{document, docx, interchange, pdf};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Docx,
    Pdf,
}

#[derive(Debug, Clone, Serialize)]
pub struct FormatInfo {
    pub id: &'static str,
    pub label: &'static str,
    pub extension: &'static str,
    pub available: bool,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Docx, Format::Pdf, Format::Json];

    pub fn parse(id: &str) -> Result<Format, String> {
        match id {
            "json" => Ok(Format::Json),
            "docx" => Ok(Format::Docx),
            "pdf" => Ok(Format::Pdf),
            other => Err(format!(
                "Định dạng xuất «{other}» không được hỗ trợ (dùng docx, pdf hoặc json)."
            )),
        }
    }

    /// Refuses a format whose writer is not in this build yet.
    pub fn check_available(self) -> Result<(), String> {
        if self.info().available {
            Ok(())
        } else {
            Err(self.unavailable())
        }
    }

    fn unavailable(self) -> String {
        format!(
            "Xuất {} chưa có trong phiên bản này; hiện chỉ xuất được JSON.",
            self.info().label
        )
    }

    pub fn info(self) -> FormatInfo {
        match self {
            Format::Json => FormatInfo {
                id: "json",
                label: "JSON (trao đổi dữ liệu)",
                extension: "json",
                available: true,
            },
            Format::Docx => FormatInfo {
                id: "docx",
                label: "Word (.docx)",
                extension: "docx",
                available: true,
            },
            Format::Pdf => FormatInfo {
                id: "pdf",
                label: "PDF",
                extension: "pdf",
                available: true,
            },
        }
    }
}

/// The bytes of `plan` in `format`, reporting progress (percent, Vietnamese stage).
pub fn render(format: Format, plan: &Plan, progress: &dyn Fn(u8, &str)) -> Result<Vec<u8>, String> {
    match format {
        Format::Json => {
            progress(30, "Đang chuyển kế hoạch sang JSON…");
            Ok(interchange::to_json(plan).into_bytes())
        }
        Format::Docx | Format::Pdf => {
            progress(20, "Đang dàn trang văn bản…");
            let doc = document::build(plan);
            if format == Format::Docx {
                progress(50, "Đang ghi tệp Word…");
                docx::write(&doc).map_err(|e| e.to_string())
            } else {
                progress(50, "Đang dàn trang và ghi tệp PDF…");
                pdf::write(&doc).map_err(|e| e.to_string())
            }
        }
    }
}
