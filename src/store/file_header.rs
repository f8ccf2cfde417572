//! Recognises a plan file from its first 100 bytes, before SQLite touches it, so that a
//! foreign, truncated or newer file is refused without being opened for writing.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::{Result, StoreError, APPLICATION_ID, SCHEMA_VERSION};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Checks the SQLite database header of `path` (see sqlite.org/fileformat.html §1.3).
pub(super) fn check(path: &Path) -> Result<()> {
    let not_ours = || StoreError::NotAPlanFile(path.to_owned());
    let mut file = File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::NotFound(path.to_owned()),
        _ => StoreError::Io(e),
    })?;
    let len = file.metadata()?.len();
    let mut header = [0u8; 100];
    if len < 100 {
        return Err(not_ours());
    }
    file.read_exact(&mut header)?;
    if &header[..16] != SQLITE_MAGIC {
        return Err(not_ours());
    }
    let be32 = |at: usize| u32::from_be_bytes(header[at..at + 4].try_into().unwrap());
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
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        n => u64::from(n),
    };
    let page_count = u64::from(be32(28));
    if len < page_size * page_count || len % page_size != 0 {
        return Err(StoreError::Corrupt {
            path: path.to_owned(),
            detail: format!(
                "tệp dài {len} byte, nhỏ hơn {} byte theo phần đầu tệp",
                page_size * page_count
            ),
        });
    }
    Ok(())
}
