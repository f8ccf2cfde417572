//! Recognises a plan file from its first 100 bytes, before SQLite touches it, so that a
//! foreign, truncated or newer file is refused without being opened for writing.
//!
//! The check never refuses what SQLite itself can open and verify: the file's length is
//! not compared with the page count of its header (a crash during a checkpoint leaves a
//! file shorter than its header says, completed by the write-ahead log beside it), and
//! truncated or scribbled files are left to SQLite's `integrity_check` at open.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{Result, StoreError, APPLICATION_ID, SCHEMA_VERSION};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// True when `path` holds an SQLite database (a plan file or any other): such a file is
/// never a place to write an export over.
pub fn is_database_file(path: &Path) -> bool {
    let mut magic = [0u8; 16];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && &magic == SQLITE_MAGIC
}

/// Checks the SQLite database header of `path` (see sqlite.org/fileformat.html §1.3).
pub(super) fn check(path: &Path) -> Result<()> {
    let not_ours = || StoreError::NotAPlanFile(path.to_owned());
    let corrupt = |detail: String| StoreError::Corrupt {
        path: path.to_owned(),
        detail,
    };
    let mut file = File::open(path).map_err(|e| StoreError::from_io(path, e))?;
    let len = file
        .metadata()
        .map_err(|e| StoreError::from_io(path, e))?
        .len();
    let mut header = [0u8; 100];
    if len < 100 {
        return Err(not_ours());
    }
    file.read_exact(&mut header)
        .map_err(|e| StoreError::from_io(path, e))?;
    if &header[..16] != SQLITE_MAGIC {
        return Err(not_ours());
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    if be32(68) != APPLICATION_ID {
        return Err(not_ours());
    }
    let version = be32(60);
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerVersion {
            path: path.to_owned(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    // Whether the pages are all there is SQLite's to judge (`integrity_check` at open):
    // a file shorter than its header says may be completed by its WAL.
    match u16::from_be_bytes([header[16], header[17]]) {
        1 => {}
        n if n >= 512 && n.is_power_of_two() => {}
        n => return Err(corrupt(format!("kích thước trang {n} không hợp lệ"))),
    }
    Ok(())
}

/// A non-empty `-wal` file beside the plan: SQLite replays it when opening.
pub(super) fn has_write_ahead_log(path: &Path) -> bool {
    let mut wal = PathBuf::from(path).into_os_string();
    wal.push("-wal");
    std::fs::metadata(wal).is_ok_and(|m| m.len() > 0)
}
