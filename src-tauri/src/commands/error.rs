//! The error every command returns: `{ kind, message }`. The UI switches on `kind` (the
//! engine's [`ErrorKind`], snake_case) and shows `message`, a Vietnamese sentence.

use khcds::workflow::{self, ErrorKind, RequestError};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandError {
    pub kind: ErrorKind,
    pub message: String,
}

pub type CmdResult<T> = Result<T, CommandError>;

impl CommandError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> CommandError {
        CommandError {
            kind,
            message: sentence(message.into()),
        }
    }

    /// No plan is open.
    pub fn no_plan() -> CommandError {
        CommandError::new(ErrorKind::NoPlan, "Chưa mở kế hoạch nào.")
    }

    /// Reading or writing the app's own files (prefs, folders) failed.
    pub fn io(message: impl Into<String>) -> CommandError {
        CommandError::new(ErrorKind::Io, message)
    }
}

impl From<workflow::Error> for CommandError {
    fn from(e: workflow::Error) -> Self {
        CommandError::new(e.kind(), e.to_string())
    }
}

impl From<RequestError> for CommandError {
    fn from(e: RequestError) -> Self {
        workflow::Error::from(e).into()
    }
}

impl From<khcds::store::StoreError> for CommandError {
    fn from(e: khcds::store::StoreError) -> Self {
        workflow::Error::from(e).into()
    }
}

/// Engine messages are written to follow "Lỗi: " in the CLI; the app shows them as
/// sentences, so the first letter is upper case.
fn sentence(mut message: String) -> String {
    if let Some(first) = message.chars().next().filter(|c| c.is_lowercase()) {
        let upper: String = first.to_uppercase().collect();
        message.replace_range(..first.len_utf8(), &upper);
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_as_sentences_and_kinds_come_from_the_engine() {
        let e: CommandError = RequestError::AnnualNeedsYear.into();
        assert_eq!(e.kind, ErrorKind::Invalid);
        let e = CommandError::new(ErrorKind::Io, "không ghi được «đ.json»");
        assert_eq!(e.message, "Không ghi được «đ.json»");
        let json = serde_json::to_value(CommandError::no_plan()).unwrap();
        assert_eq!(json["kind"], "no_plan");
    }
}
