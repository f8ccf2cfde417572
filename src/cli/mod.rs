//! `khcds` subcommands. Messages are Vietnamese; exit codes: 0 success, 1 the plan has
//! validation errors or a signature does not verify, 2 usage or I/O error.

mod commands;
mod signing;
mod usage;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use khcds::workflow::export::DocumentKind;
use khcds::workflow::ExportFormat;

#[derive(Parser)]
#[command(
    name = "khcds",
    version,
    about = "Soạn Kế hoạch chuyển đổi số cấp bộ, tỉnh giai đoạn 2026–2030 theo Khung của Bộ Khoa học và Công nghệ",
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Tạo tệp kế hoạch mới (.khcds), trống hoặc theo mẫu.
    New {
        /// Cấp: bo (bộ, ngành) hoặc tinh (tỉnh, thành phố); lấy theo kế hoạch 5 năm khi có --from.
        #[arg(long, value_name = "CẤP", required_unless_present = "from")]
        level: Option<LevelArg>,
        /// Loại kế hoạch: five-year (2026–2030) hoặc annual (hằng năm).
        #[arg(long, value_name = "LOẠI", value_enum, default_value_t = KindArg::FiveYear)]
        kind: KindArg,
        /// Năm của kế hoạch hằng năm (2026–2030).
        #[arg(long, value_name = "NĂM", value_parser = usage::year)]
        year: Option<i32>,
        /// Điền sẵn một kế hoạch mẫu đầy đủ (tên cơ quan giả định).
        #[arg(long)]
        sample: bool,
        /// Nhân nội dung mẫu lên N lần (N = 10 cho khoảng 100 trang), tối đa 50.
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = usage::scale, requires = "sample")]
        scale: u32,
        /// Lập kế hoạch năm từ kế hoạch 5 năm này (.khcds): chỉ tiêu, nhiệm vụ của năm và
        /// phần đánh giá năm trước.
        #[arg(long, value_name = "TỆP", requires = "year", conflicts_with_all = ["sample", "level"])]
        from: Option<PathBuf>,
        /// Kế hoạch năm trước (.khcds): chỉ tiêu, nhiệm vụ năm trước lấy từ đây để đánh giá.
        #[arg(long, value_name = "TỆP", requires = "from")]
        previous: Option<PathBuf>,
        /// Tệp kế hoạch sẽ tạo.
        #[arg(short = 'o', long = "output", value_name = "TỆP")]
        output: PathBuf,
    },
    /// Thông tin tóm tắt của một tệp kế hoạch.
    Info {
        /// Tệp kế hoạch (.khcds).
        #[arg(value_name = "TỆP")]
        file: PathBuf,
    },
    /// Kiểm tra kế hoạch theo Khung và hướng dẫn năm 2026 (mã thoát 1 khi còn lỗi).
    Validate {
        /// Tệp kế hoạch (.khcds).
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Định dạng: text hoặc json.
        #[arg(long, value_name = "ĐỊNH_DẠNG", value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// In Khung kế hoạch (mục, hướng dẫn, chỉ tiêu tối thiểu).
    Framework {
        /// Định dạng: text hoặc json.
        #[arg(long, value_name = "ĐỊNH_DẠNG", value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Xuất kế hoạch, hoặc báo cáo kết quả thực hiện năm trước, ra tệp khác.
    Export {
        /// Tệp kế hoạch (.khcds).
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Định dạng: docx (văn bản Word theo thể thức Nghị định 30/2020/NĐ-CP), pdf hoặc json.
        #[arg(long, value_name = "ĐỊNH_DẠNG", value_enum)]
        format: FormatArg,
        /// Văn bản: ke-hoach (kế hoạch, mặc định) hoặc bao-cao (báo cáo kết quả thực hiện
        /// năm trước, lập từ phần đánh giá của kế hoạch hằng năm; chỉ ra docx hoặc pdf).
        #[arg(long, value_name = "VĂN_BẢN", value_enum, default_value_t = DocumentArg(DocumentKind::Plan))]
        document: DocumentArg,
        /// Bản dự thảo: in "DỰ THẢO" trên mọi trang (để lấy ý kiến, không để ký ban hành).
        #[arg(long)]
        draft: bool,
        /// Tệp kết quả (mặc định: cùng tên với tệp kế hoạch, đổi phần mở rộng; báo cáo có thêm "-bao-cao" sau tên).
        #[arg(short = 'o', long = "output", value_name = "TỆP")]
        output: Option<PathBuf>,
    },
    /// Nhập kế hoạch từ tệp JSON vào tệp .khcds (tạo mới hoặc thay thế, có lưu phiên bản cũ).
    Import {
        /// Tệp JSON theo định dạng trao đổi khcds-plan.
        #[arg(value_name = "TỆP_JSON")]
        file: PathBuf,
        /// Tệp kế hoạch (.khcds) sẽ tạo, hoặc thay thế nội dung khi đã có.
        #[arg(short = 'o', long = "output", value_name = "TỆP")]
        output: PathBuf,
    },
    /// Liệt kê các phiên bản đã lưu của kế hoạch.
    Revisions {
        /// Tệp kế hoạch (.khcds).
        #[arg(value_name = "TỆP")]
        file: PathBuf,
    },
    /// Lưu phiên bản hiện tại của kế hoạch.
    Snapshot {
        /// Tệp kế hoạch (.khcds).
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Ghi chú cho phiên bản.
        #[arg(
            short = 'm',
            long = "message",
            value_name = "GHI_CHÚ",
            default_value = ""
        )]
        message: String,
    },
    /// Khôi phục kế hoạch về một phiên bản đã lưu (phiên bản hiện tại được lưu lại trước).
    Restore {
        /// Tệp kế hoạch (.khcds).
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Số của phiên bản (xem: khcds revisions).
        #[arg(value_name = "SỐ", value_parser = usage::revision, allow_negative_numbers = true)]
        revision: i64,
    },
    /// In lược đồ JSON (JSON Schema) của định dạng trao đổi.
    Schema,
    /// Ký số văn bản đã xuất (.docx hoặc .pdf) bằng chứng thư số PKCS#12 (.p12, .pfx) hoặc thiết bị ký số.
    Sign(signing::SignArgs),
    /// Kiểm tra chữ ký số của văn bản (mã thoát 1 khi văn bản bị sửa sau khi ký hoặc chữ ký không hợp lệ).
    Verify {
        /// Văn bản đã ký (.docx hoặc .pdf).
        #[arg(value_name = "VĂN_BẢN")]
        file: PathBuf,
        /// Định dạng: text hoặc json.
        #[arg(long, value_name = "ĐỊNH_DẠNG", value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// In từ vựng của chương trình (nhãn, danh mục lựa chọn) dạng JSON, cho giao diện và các bài kiểm thử.
    #[command(hide = true)]
    Vocabulary {
        /// Định dạng: json.
        #[arg(long, value_name = "ĐỊNH_DẠNG", value_enum, default_value_t = JsonOnly::Json)]
        format: JsonOnly,
    },
    /// In kế hoạch cùng các phát hiện khi kiểm tra và tình trạng từng mục, dạng JSON (như ứng dụng nhận).
    #[command(hide = true)]
    PlanState {
        /// Tệp kế hoạch (.khcds).
        #[arg(value_name = "TỆP")]
        file: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum LevelArg {
    Bo,
    Tinh,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum KindArg {
    FiveYear,
    Annual,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TextOrJson {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum JsonOnly {
    Json,
}

/// The engine's export formats as clap values.
#[derive(Clone, Copy)]
struct FormatArg(ExportFormat);

impl ValueEnum for FormatArg {
    fn value_variants<'a>() -> &'a [Self] {
        const ALL: [FormatArg; 3] = [
            FormatArg(ExportFormat::ALL[0]),
            FormatArg(ExportFormat::ALL[1]),
            FormatArg(ExportFormat::ALL[2]),
        ];
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.id()))
    }
}

/// The engine's documents as clap values.
#[derive(Clone, Copy)]
struct DocumentArg(DocumentKind);

impl ValueEnum for DocumentArg {
    fn value_variants<'a>() -> &'a [Self] {
        const ALL: [DocumentArg; 2] = [
            DocumentArg(DocumentKind::ALL[0]),
            DocumentArg(DocumentKind::ALL[1]),
        ];
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.id()))
    }
}

/// A failed command: what to print and how to exit.
#[derive(Debug)]
pub struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    /// The plan has validation errors: exit 1.
    fn invalid(message: impl std::fmt::Display) -> Self {
        Failure {
            message: message.to_string(),
            code: 1,
        }
    }

    /// Usage or I/O error: exit 2.
    fn io(message: impl std::fmt::Display) -> Self {
        Failure {
            message: message.to_string(),
            code: 2,
        }
    }
}

impl From<khcds::store::StoreError> for Failure {
    fn from(e: khcds::store::StoreError) -> Self {
        Failure::io(e)
    }
}

impl From<khcds::workflow::Error> for Failure {
    fn from(e: khcds::workflow::Error) -> Self {
        Failure::io(e)
    }
}

/// clap's own words (headings, the help and version flags) in Vietnamese.
fn localized(command: clap::Command) -> clap::Command {
    const TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";
    command
        .help_template(TEMPLATE)
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .mut_args(|a| {
            let heading = if a.is_positional() {
                "Tham số"
            } else {
                "Tùy chọn"
            };
            let a = a.help_heading(heading);
            if a.get_action().takes_values() {
                a.hide_possible_values(true).hide_default_value(true)
            } else {
                a
            }
        })
        .disable_help_flag(true)
        .arg(own_flag("help", 'h', clap::ArgAction::Help, "In hướng dẫn"))
        .mut_subcommands(localized)
}

/// `-h, --help` or `-V, --version` with Vietnamese help, in place of clap's own.
fn own_flag(
    name: &'static str,
    short: char,
    action: clap::ArgAction,
    help: &'static str,
) -> clap::Arg {
    clap::Arg::new(name)
        .short(short)
        .long(name)
        .action(action)
        .help_heading("Tùy chọn")
        .help(help)
}

pub fn run() -> ExitCode {
    let mut command = localized(Cli::command())
        .disable_version_flag(true)
        .arg(own_flag(
            "version",
            'V',
            clap::ArgAction::Version,
            "In phiên bản",
        ));
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let parsed = command
        .try_get_matches_from_mut(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                // The one word of the usage line clap does not let us choose.
                print!(
                    "{}",
                    e.render().to_string().replace("[OPTIONS]", "[TÙY_CHỌN]")
                );
                return ExitCode::SUCCESS;
            }
            eprintln!("{}", usage::explain(&e, &command, &args));
            return ExitCode::from(2);
        }
    };
    match commands::dispatch(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("Lỗi: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}
