//! `khcds sign` and `khcds verify`.

use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};

use khcds::sign::{DocumentFormat, SignError, SignatureStatus, VerifyReport};
use khcds::workflow::{self, ErrorKind, KeySource, SignDocument};

use super::{Failure, TextOrJson};

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("key").args(["p12", "pkcs11"]).required(true)))]
pub(super) struct SignArgs {
    /// Văn bản cần ký (.docx hoặc .pdf).
    #[arg(value_name = "VĂN_BẢN")]
    pub file: PathBuf,
    /// Tệp chứng thư số kèm khóa bí mật (.p12, .pfx).
    #[arg(long, value_name = "TỆP")]
    pub p12: Option<PathBuf>,
    /// Ký bằng thiết bị ký số (token USB): thư viện PKCS#11 của nhà cung cấp (.so, .dll).
    #[arg(long, value_name = "THƯ_VIỆN")]
    pub pkcs11: Option<PathBuf>,
    /// Nhãn của thiết bị ký số, khi cắm nhiều thiết bị.
    #[arg(long, value_name = "NHÃN", conflicts_with = "p12")]
    pub token: Option<String>,
    /// Tệp chứa mật khẩu của tệp chứng thư số hoặc mã PIN của thiết bị (dòng đầu); không có thì hỏi khi chạy.
    #[arg(long, value_name = "TỆP")]
    pub password_file: Option<PathBuf>,
    /// Ảnh chữ ký của người ký (PNG nền trong suốt), đặt giữa chức vụ và họ tên (PDF).
    #[arg(long, value_name = "ẢNH")]
    pub signature_image: Option<PathBuf>,
    /// Ảnh con dấu của cơ quan (PNG nền trong suốt, đúng kích thước thật) (PDF).
    #[arg(long, value_name = "ẢNH")]
    pub seal_image: Option<PathBuf>,
    /// Lý do ký, ví dụ: Phê duyệt.
    #[arg(long, value_name = "LÝ_DO")]
    pub reason: Option<String>,
    /// Nơi ký (PDF), ví dụ: Hòa Sơn.
    #[arg(long, value_name = "NƠI_KÝ")]
    pub location: Option<String>,
    /// Tệp văn bản đã ký sẽ ghi ra.
    #[arg(short = 'o', long = "output", value_name = "TỆP")]
    pub output: PathBuf,
}

pub(super) fn sign(args: SignArgs) -> Result<(), Failure> {
    let key =
        match (args.p12, args.pkcs11) {
            (Some(path), None) => KeySource::Pkcs12(path),
            (None, Some(module)) => KeySource::Pkcs11 {
                module,
                token: args.token,
            },
            _ => return Err(Failure::io(
                "hãy chọn một nguồn khóa: --p12 (tệp chứng thư số) hoặc --pkcs11 (thiết bị ký số).",
            )),
        };
    let prompt = key.secret_name();
    let request = SignDocument {
        document: args.file,
        output: args.output,
        key,
        reason: args.reason,
        location: args.location,
        signature_image: args.signature_image,
        seal_image: args.seal_image,
        // A document on its own names no signer to compare the certificate with.
        expected_holder: None,
    };
    let password_file = args.password_file;
    let signed = workflow::sign::sign(&request, || secret(password_file.as_deref(), prompt))?;
    if signed.images_ignored {
        eprintln!(
            "Lưu ý: ảnh chữ ký và con dấu chỉ hiện trên bản PDF; chữ ký số trong tệp Word không có hình."
        );
    }
    println!(
        "Đã ký {} bằng chứng thư số của {}: {}.",
        signed.format.label(),
        signed.signer.common_name,
        signed.path.display()
    );
    Ok(())
}

pub(super) fn verify(file: &Path, format: TextOrJson) -> Result<(), Failure> {
    let (kind, report) = match workflow::sign::verify(file) {
        Err(e) if e.kind() == ErrorKind::NotSigned => return Err(Failure::invalid(e)),
        other => other?,
    };
    match format {
        TextOrJson::Json => {
            let body = serde_json::json!({
                "format": kind,
                "valid": report.is_valid(),
                "report": report,
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&body).map_err(Failure::io)?
            );
        }
        TextOrJson::Text => print_report(file, kind, &report),
    }
    if report.is_valid() {
        Ok(())
    } else {
        Err(Failure::invalid(
            "chữ ký số không hợp lệ hoặc văn bản đã bị thay đổi sau khi ký.",
        ))
    }
}

fn print_report(file: &Path, kind: DocumentFormat, report: &VerifyReport) {
    println!("Văn bản: {} ({})", file.display(), kind.label());
    for (i, signature) in report.signatures.iter().enumerate() {
        let verdict = match &signature.status {
            SignatureStatus::Valid => "HỢP LỆ".to_owned(),
            SignatureStatus::Broken(reason) => format!("KHÔNG HỢP LỆ — {reason}"),
        };
        println!("Chữ ký {}: {verdict}", i + 1);
        match &signature.signer {
            Some(who) => {
                println!("  Người ký: {}", who.common_name);
                println!("  Chứng thư số: {}", who.subject);
                println!("  Cơ quan cấp: {}", who.issuer);
                println!(
                    "  Số hiệu: {}; hiệu lực từ {} đến {}",
                    who.serial,
                    who.not_before.format("%d/%m/%Y"),
                    who.not_after.format("%d/%m/%Y")
                );
            }
            None => println!("  Người ký: không rõ (chữ ký không kèm chứng thư số)"),
        }
        if let Some(time) = signature.signing_time {
            println!(
                "  Thời gian ký (theo máy ký): {}",
                time.format("%d/%m/%Y %H:%M:%S (UTC%:z)")
            );
        }
        for note in &signature.notes {
            println!("  Ghi chú: {note}");
        }
    }
    if let Some(problem) = &report.document_problem {
        println!("Văn bản: {problem}");
    }
    if report.is_valid() {
        println!(
            "Kết luận: văn bản còn nguyên vẹn như khi ký. Chuỗi chứng thư số chưa được đối chiếu với danh sách tổ chức cung cấp dịch vụ chứng thực tin cậy (kiểm tra ngoại tuyến)."
        );
    }
}

/// A password or PIN: from `--password-file` (its first line), else asked on the terminal
/// (as `prompt`) without echo, else the first line of standard input (for scripts:
/// `khcds sign … < mat-khau.txt`).
fn secret(file: Option<&Path>, prompt: &str) -> workflow::Result<String> {
    let unreadable = |e: std::io::Error| workflow::Error::Read {
        what: "mật khẩu",
        path: file.unwrap_or(Path::new("-")).to_owned(),
        detail: khcds::store::io_message(&e),
    };
    let line = match file {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| SignError::io(path, e))?;
            text.lines().next().unwrap_or_default().to_owned()
        }
        None if std::io::stdin().is_terminal() => {
            rpassword::prompt_password(format!("{prompt}: ")).map_err(unreadable)?
        }
        None => {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(unreadable)?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    Ok(line)
}
