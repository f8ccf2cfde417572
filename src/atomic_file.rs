//! Writes that either complete or leave the destination as it was: the bytes go to a
//! temporary file in the same directory, are flushed to disk, then renamed over the
//! destination. Used by every export.
//!
//! Writing over an existing file keeps what the user set on it: a symbolic link is
//! followed (the file it points to is replaced, the link stays), and the new file gets
//! the old one's permissions. Errors carry Vietnamese messages (see
//! [`crate::store::io_message`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::store::{explained, io_error};

/// Writes `bytes` to `path` atomically.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(path, |file| file.write_all(bytes))
}

/// Lets `fill` write the content; if it fails, nothing is left behind.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_resolved(&resolve_links(path)?, fill).map_err(explained)
}

fn write_resolved(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".khcds-export-");
    // A new file gets the usual mode (0666 less the umask) rather than tempfile's 0600.
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
        mode
    };
    let mut staging = builder.tempfile_in(dir)?;
    fill(staging.as_file_mut())?;
    // The umask applied at creation; an existing file's mode is restored exactly.
    #[cfg(unix)]
    if path.exists() {
        use std::os::unix::fs::PermissionsExt;
        staging
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    staging.as_file().sync_all()?;
    staging.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Makes a rename or a new file in `dir` durable. Unix only: Windows cannot open a folder
/// as a file, and NTFS journals the rename itself.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    if cfg!(unix) {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// The file a chain of symbolic links ends at (the path itself when it is no link).
/// A dangling link resolves to where it points, so the export creates that file.
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_owned();
    // Linux gives up after 40 links (ELOOP); so do we, instead of looping forever.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io_error(
        std::io::ErrorKind::Other,
        "đường dẫn là một vòng liên kết tượng trưng không có điểm cuối",
    ))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn an_existing_file_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ke-hoach.pdf");
        std::fs::write(&path, b"old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(mode(&path), 0o640);
    }

    #[test]
    fn a_new_file_gets_the_usual_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("moi.docx");
        write(&path, b"x").unwrap();
        // 0666 less the umask: readable by others unless the umask says otherwise.
        let umask = current_umask();
        assert_eq!(mode(&path), 0o666 & !umask);
    }

    fn current_umask() -> u32 {
        // SAFETY: umask only swaps the process's mask; it is put back at once.
        unsafe {
            let old = libc::umask(0o022);
            libc::umask(old);
            old as u32
        }
    }

    #[test]
    fn a_symbolic_link_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("that-muc").join("ke-hoach.pdf");
        std::fs::create_dir(real.parent().unwrap()).unwrap();
        std::fs::write(&real, b"old").unwrap();
        let link = dir.path().join("lien-ket.pdf");
        std::os::unix::fs::symlink("that-muc/ke-hoach.pdf", &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn errors_are_told_in_vietnamese() {
        let err = write(Path::new("/khong-co-thu-muc-nay/x.pdf"), b"x").unwrap_err();
        assert!(err.to_string().contains("không tìm thấy"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        assert!(write(&a, b"x")
            .unwrap_err()
            .to_string()
            .contains("vòng liên kết"));
    }
}
