//! Where a use case may write: never over its own input, never over a plan file, never
//! a half-written file (see `atomic_file`).

use std::path::{Path, PathBuf};

use super::{Error, Result};
use crate::store::{self, EXTENSION};

/// Checks that writing `output` replaces neither `input` (the same file under another
/// name, through a symbolic or hard link, included) nor any plan file, and that its
/// folder exists.
pub fn check(input: &Path, output: &Path) -> Result<()> {
    if same_file(input, output) {
        return Err(Error::OverwritesInput(output.to_owned()));
    }
    let named_as_plan = output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(EXTENSION));
    if named_as_plan || store::is_plan_file(output) {
        return Err(Error::OverwritesPlan(output.to_owned()));
    }
    match output.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => Err(Error::Write {
            path: output.to_owned(),
            detail: format!("thư mục «{}» không tồn tại", dir.display()),
        }),
        _ => Ok(()),
    }
}

/// Writes `bytes` to `output` atomically, after checking it against `input` again
/// (the file system may have changed since the request was checked).
pub fn write(input: &Path, output: &Path, bytes: &[u8]) -> Result<PathBuf> {
    check(input, output)?;
    crate::atomic_file::write(output, bytes).map_err(|e| Error::Write {
        path: output.to_owned(),
        detail: super::io_detail(&e),
    })?;
    Ok(output.to_owned())
}

/// Whether two paths name the same file. The std library has no portable file identity,
/// so on Unix the device and inode are compared (hard links), elsewhere the canonical
/// paths (symbolic links); a path that does not exist is no other file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return a == b;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_input_is_recognised_under_every_name() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("ke-hoach.json");
        std::fs::write(&input, "{}").unwrap();
        assert!(matches!(
            check(&input, &input),
            Err(Error::OverwritesInput(_))
        ));
        let dotted = dir.path().join(".").join("ke-hoach.json");
        assert!(check(&input, &dotted).is_err());
        #[cfg(unix)]
        {
            let soft = dir.path().join("soft.json");
            std::os::unix::fs::symlink(&input, &soft).unwrap();
            assert!(check(&input, &soft).is_err());
            let hard = dir.path().join("hard.json");
            std::fs::hard_link(&input, &hard).unwrap();
            assert!(check(&input, &hard).is_err());
        }
        assert!(check(&input, &dir.path().join("khac.json")).is_ok());
    }

    #[test]
    fn a_plan_file_is_never_an_output() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("a.khcds");
        let plan = crate::framework::current()
            .empty_plan(crate::model::Level::Tinh, crate::model::PlanKind::FiveYear);
        drop(crate::store::PlanFile::create(&source, &plan).unwrap());
        // A plan file under any name, recognised by its header.
        let renamed = dir.path().join("ke-hoach.pdf");
        std::fs::copy(&source, &renamed).unwrap();
        let other = dir.path().join("b.json");
        assert!(matches!(
            check(&other, &renamed),
            Err(Error::OverwritesPlan(_))
        ));
        // And nothing is written with the plan extension.
        let fresh = dir.path().join("moi.khcds");
        assert!(matches!(
            check(&other, &fresh),
            Err(Error::OverwritesPlan(_))
        ));
        assert!(matches!(
            write(&other, &fresh, b"x"),
            Err(Error::OverwritesPlan(_))
        ));
        assert!(!fresh.exists());
    }
}
