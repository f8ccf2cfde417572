//! Argument errors in Vietnamese. clap writes its errors in English and has no way to
//! translate them, so each error kind is written again here from the error's context:
//! the option as the drafter typed it, the value, the values that would do, and what the
//! option expects (its own help line, or the reason one of our value parsers gives).

use std::ffi::OsString;
use std::fmt;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};
use khcds::vocabulary::{FIRST_YEAR, LAST_YEAR};

/// Why a value was refused, in Vietnamese; the only error our value parsers return, so
/// its text can be shown as it is.
#[derive(Debug)]
pub(super) struct Expected(String);

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Expected {}

/// A whole number between `min` and `max`, or why not.
fn whole_number<T>(text: &str, min: T, max: T, what: &str) -> Result<T, Expected>
where
    T: std::str::FromStr + PartialOrd + fmt::Display,
{
    match text.trim().parse::<T>() {
        Ok(n) if min <= n && n <= max => Ok(n),
        Ok(_) => Err(Expected(format!("{what} phải từ {min} đến {max}"))),
        Err(_) => Err(Expected(format!(
            "{what} phải là một số nguyên, ví dụ {min}"
        ))),
    }
}

/// `--year`: a year of the 2026–2030 period.
pub(super) fn year(text: &str) -> Result<i32, Expected> {
    whole_number(text, FIRST_YEAR, LAST_YEAR, "năm của kế hoạch")
}

/// `--scale`: how many times the sample's content is repeated; at most 50 (about 500
/// pages, still exported in seconds).
pub(super) fn scale(text: &str) -> Result<u32, Expected> {
    whole_number(text, 1, 50, "số lần nhân nội dung mẫu")
}

/// `restore`'s revision number, as `khcds revisions` lists it.
pub(super) fn revision(text: &str) -> Result<i64, Expected> {
    match text.trim().parse::<i64>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(Expected(
            "số của phiên bản là một số nguyên dương, như khcds revisions liệt kê".to_owned(),
        )),
    }
}

/// The whole message for a refused command line: what is wrong and where to read more.
/// `root` is the command as parsed, `args` the command line (program name first).
pub(super) fn explain(error: &clap::Error, root: &Command, args: &[OsString]) -> String {
    let sub = args.get(1).and_then(|a| root.find_subcommand(a));
    let command = sub.unwrap_or(root);
    let name = match sub {
        Some(sub) => format!("khcds {}", sub.get_name()),
        None => "khcds".to_owned(),
    };
    let what = describe(error, command, root, &name);
    format!("Lệnh không hợp lệ: {what}\nXem hướng dẫn: {name} --help")
}

fn describe(error: &clap::Error, command: &Command, root: &Command, name: &str) -> String {
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.as_str()),
        _ => None,
    };
    let texts = |kind| match error.get(kind) {
        Some(ContextValue::Strings(list)) => list.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let arg = text(ContextKind::InvalidArg).map(|rendered| Typed::find(command, rendered));
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let mut message = match (error.kind(), &arg) {
        (ErrorKind::InvalidSubcommand, _) => format!(
            "không có lệnh «{}». Các lệnh: {}.",
            text(ContextKind::InvalidSubcommand).unwrap_or_default(),
            subcommands(root)
        ),
        (ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand, _) => {
            format!("chưa chọn lệnh. Các lệnh: {}.", subcommands(root))
        }
        (ErrorKind::UnknownArgument, Some(arg)) if arg.typed.starts_with('-') => {
            format!("lệnh {name} không có tùy chọn «{}».", arg.typed)
        }
        (ErrorKind::UnknownArgument, Some(arg)) => {
            format!("lệnh {name} không nhận thêm tham số «{}».", arg.typed)
        }
        (ErrorKind::InvalidValue, Some(arg)) if value.is_empty() => {
            format!("{} cần một giá trị: {}.", arg.typed, arg.expects())
        }
        (ErrorKind::InvalidValue, Some(arg)) => {
            let valid = texts(ContextKind::ValidValue);
            if valid.is_empty() {
                format!(
                    "giá trị «{value}» không dùng được cho {}: {}.",
                    arg.typed,
                    arg.expects()
                )
            } else {
                format!(
                    "giá trị «{value}» không dùng được cho {}; hãy dùng một trong: {}.",
                    arg.typed,
                    valid.join(", ")
                )
            }
        }
        (ErrorKind::ValueValidation, Some(arg)) => {
            let reason = std::error::Error::source(error)
                .and_then(|e| e.downcast_ref::<Expected>())
                .map_or_else(|| arg.expects(), ToString::to_string);
            format!(
                "giá trị «{value}» không dùng được cho {}: {reason}.",
                arg.typed
            )
        }
        (ErrorKind::MissingRequiredArgument, _) => {
            let missing: Vec<String> = texts(ContextKind::InvalidArg)
                .iter()
                .map(|rendered| {
                    let arg = Typed::find(command, rendered);
                    format!("\n  {} — {}", arg.typed, arg.expects())
                })
                .collect();
            format!("còn thiếu:{}", missing.concat())
        }
        (ErrorKind::ArgumentConflict, Some(arg)) => {
            let prior: Vec<String> = texts(ContextKind::PriorArg)
                .iter()
                .map(|rendered| Typed::find(command, rendered).typed)
                .collect();
            if prior.is_empty() || prior == [arg.typed.clone()] {
                format!("{} chỉ được dùng một lần.", arg.typed)
            } else {
                format!("{} không dùng cùng với {}.", arg.typed, prior.join(", "))
            }
        }
        (ErrorKind::TooManyValues, Some(arg)) => {
            format!("{} không nhận giá trị «{value}».", arg.typed)
        }
        (
            ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues | ErrorKind::NoEquals,
            Some(arg),
        ) => format!("{} cần: {}.", arg.typed, arg.expects()),
        (ErrorKind::InvalidUtf8, _) => "một tham số có ký tự không đọc được (không phải \
            văn bản Unicode UTF-8); hãy gõ lại tham số đó."
            .to_owned(),
        _ => "không hiểu lệnh này.".to_owned(),
    };
    // clap lists its guesses from the least to the most likely.
    let suggestion = [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|kind| texts(kind).pop());
    if let Some(suggestion) = suggestion {
        message.push_str(&format!(" Có phải ý bạn là «{suggestion}»?"));
    }
    message
}

/// The names of the commands a drafter may type.
fn subcommands(root: &Command) -> String {
    root.get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(Command::get_name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// An argument as the drafter types it (`-o, --output`, `<TỆP>`), with its help line.
struct Typed {
    typed: String,
    help: Option<String>,
}

impl Typed {
    /// The argument clap rendered as `rendered` ("--output <TỆP>", "<TỆP>"), or the
    /// group of arguments of which one is needed ("<--p12 <TỆP>|--pkcs11 <THƯ_VIỆN>>").
    fn find(command: &Command, rendered: &str) -> Typed {
        if let Some(group) = rendered.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
            if group.contains('|') {
                let members: Vec<Typed> =
                    group.split('|').map(|r| Typed::find(command, r)).collect();
                return Typed {
                    typed: members
                        .iter()
                        .map(|m| m.typed.as_str())
                        .collect::<Vec<_>>()
                        .join(" hoặc "),
                    help: Some(
                        members
                            .iter()
                            .map(|m| format!("{}: {}", m.typed, m.expects()))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                };
            }
        }
        match command.get_arguments().find(|a| a.to_string() == rendered) {
            Some(arg) => Typed {
                typed: typed(arg),
                help: arg
                    .get_help()
                    .map(|h| h.to_string().trim_end_matches('.').to_owned()),
            },
            None => Typed {
                typed: rendered.split(' ').next().unwrap_or(rendered).to_owned(),
                help: None,
            },
        }
    }

    fn expects(&self) -> String {
        self.help
            .clone()
            .unwrap_or_else(|| "xem hướng dẫn của lệnh".to_owned())
    }
}

fn typed(arg: &Arg) -> String {
    match (arg.get_short(), arg.get_long()) {
        (Some(short), Some(long)) => format!("-{short}, --{long}"),
        (None, Some(long)) => format!("--{long}"),
        (Some(short), None) => format!("-{short}"),
        (None, None) => format!("tham số {arg}"),
    }
}
