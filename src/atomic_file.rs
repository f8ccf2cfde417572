//! Writes that either complete or leave the destination as it was: the bytes go to a
//! temporary file in the same directory, are flushed to disk, then renamed over the
//! destination. Used by every export.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(path, |file| file.write_all(bytes))
}

/// Lets `fill` write the content; if it fails, nothing is left behind.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut staging = tempfile::Builder::new()
        .prefix(".khcds-export-")
        .tempfile_in(dir)?;
    fill(staging.as_file_mut())?;
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
