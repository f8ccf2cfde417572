//! Whether the desktop has an application to open a file or folder. The opener starts
//! `xdg-open` detached and reports success as soon as it is started, so a file with no
//! application for its type would "open" without anything happening; asking the MIME
//! database first (`xdg-mime`, the same database `xdg-open` reads) lets the app say so.

use std::path::Path;
use std::process::Command;

/// `Some(false)` when the desktop knows the file's type and has no application for it;
/// `None` when that cannot be told (no `xdg-mime`, another system): then try anyway.
pub fn has_application(path: &Path, folder: bool) -> Option<bool> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let mime = if folder {
        "inode/directory".to_owned()
    } else {
        xdg_mime(&["query", "filetype"], path.as_os_str())?
    };
    let application = xdg_mime(&["query", "default"], mime.as_ref())?;
    Some(!application.is_empty())
}

/// The trimmed output of `xdg-mime ARGS LAST`, if it ran and succeeded.
fn xdg_mime(args: &[&str], last: &std::ffi::OsStr) -> Option<String> {
    let out = Command::new("xdg-mime")
        .args(args)
        .arg(last)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_answer_never_blocks_opening() {
        // Whatever this machine has installed, a missing file's type cannot be told.
        let missing = Path::new("/khong-co/tep.khong-co-loai-nay");
        assert_ne!(has_application(missing, false), Some(true));
    }
}
