//! Export formats. JSON is written now; DOCX and PDF plug in here when the engine has
//! them: add the writer call in [`render`] and mark the format available.

use khcds::interchange;
use khcds::model::Plan;
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
                available: false,
            },
            Format::Pdf => FormatInfo {
                id: "pdf",
                label: "PDF",
                extension: "pdf",
                available: false,
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
        // The DOCX and PDF writers plug in here when they land.
        Format::Docx | Format::Pdf => Err(format.unavailable()),
    }
}
