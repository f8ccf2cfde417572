//! The `.khcds` plan file: one plan per SQLite database.
//!
//! Invariants: a file is ours when its `application_id` is [`APPLICATION_ID`]; anything
//! else is refused before SQLite opens it for writing (see `file_header`). The file is
//! held with an exclusive lock while open, so a second process gets a clear "locked"
//! error instead of a half-shared file. Every change is one transaction in WAL mode with
//! `synchronous = FULL`: an edit that returned `Ok` survives a crash.

mod annual;
mod edit;
mod error;
mod file_header;
mod parts;
mod revisions;
mod salvage;
mod schema;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

pub use annual::AnnualEdit;
pub use edit::{Edit, Item, List};
pub(crate) use error::io_error;
pub use error::{explained, io_message, sqlite_message, Result, StoreError};
pub use file_header::is_database_file;
pub use revisions::{RevisionInfo, RevisionReason};
pub use schema::SCHEMA_VERSION;

use crate::model::{Plan, MAX_SECTION_DEPTH};

/// `PRAGMA application_id` of plan files: "KHCD" in ASCII.
pub const APPLICATION_ID: u32 = 0x4B48_4344;

/// The file extension of plan files.
pub const EXTENSION: &str = "khcds";

/// Whether `path` holds a plan file (of any version, even a damaged one), recognised by
/// its header: writers of other files (exports, signed copies) must never replace one.
pub fn is_plan_file(path: &Path) -> bool {
    matches!(
        file_header::check(path),
        Ok(()) | Err(StoreError::NewerVersion { .. } | StoreError::Corrupt { .. })
    )
}

/// An open plan file.
pub struct PlanFile {
    conn: Connection,
    path: PathBuf,
    /// The file or its folder cannot be written: reading works, changes are refused.
    read_only: bool,
}

impl std::fmt::Debug for PlanFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlanFile")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .finish()
    }
}

impl PlanFile {
    /// Creates a new plan file holding `plan`. The file appears complete or not at all:
    /// a failure (a full disk, say) leaves no temporary or side file behind.
    pub fn create(path: &Path, plan: &Plan) -> Result<PlanFile> {
        check_plan(plan)?;
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_owned()));
        }
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let io = |e| StoreError::from_io(dir, e);
        let staging = tempfile::Builder::new()
            .prefix(".khcds-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(io)?;
        let _side_files = SideFiles(staging.path().to_owned());
        write_new(staging.path(), plan)?;
        staging.as_file().sync_all().map_err(io)?;
        staging.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                StoreError::AlreadyExists(path.to_owned())
            } else {
                StoreError::Io(e.error)
            }
        })?;
        crate::atomic_file::sync_dir(dir).map_err(io)?;
        PlanFile::open(path)
    }

    /// Opens an existing plan file, refusing foreign, newer, corrupt or locked files
    /// without changing them. A file that cannot be written (its own permissions, its
    /// folder's, a read-only disk) opens read-only: it can be read and exported, and
    /// changes are refused with [`StoreError::ReadOnly`]. A file with damaged parts
    /// opens too; [`PlanFile::problems`] names them.
    pub fn open(path: &Path) -> Result<PlanFile> {
        file_header::check(path)?;
        let read_only = !writable(path);
        let classify = |e: rusqlite::Error| classify(path, e);
        let mut conn = if read_only {
            open_read_only(path)
        } else {
            Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
        }
        .map_err(classify)?;
        conn.busy_timeout(Duration::ZERO).map_err(classify)?;
        if !read_only {
            // Exclusive locking also keeps the WAL index in memory: no `-shm` file.
            conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
                .map_err(classify)?;
        }
        set_cache(&conn).map_err(classify)?;
        // Read what the file holds before anything writes to it.
        schema::recognise(&conn)
            .map_err(classify)?
            .then_some(())
            .ok_or_else(|| StoreError::NotAPlanFile(path.to_owned()))?;
        if !read_only {
            let mode: String = conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
                .map_err(classify)?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::Locked(path.to_owned()));
            }
            // Take the write lock now, so a second process is refused at open, not mid-edit.
            conn.execute_batch("BEGIN IMMEDIATE; COMMIT;")
                .map_err(classify)?;
            conn.pragma_update(None, "synchronous", "FULL")
                .map_err(classify)?;
        }
        let check: String = conn
            .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
            .map_err(classify)?;
        if check != "ok" {
            return Err(StoreError::Corrupt {
                path: path.to_owned(),
                detail: "kiểm tra toàn vẹn không đạt".into(),
            });
        }
        if !read_only {
            schema::migrate(&mut conn).map_err(|e| match e {
                StoreError::Sqlite(e) => classify(e),
                other => other,
            })?;
        }
        let file = PlanFile {
            conn,
            path: path.to_owned(),
            read_only,
        };
        file.load().map_err(|e| match e {
            StoreError::Sqlite(e) => classify(e),
            other => other,
        })?;
        Ok(file)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the file opened read-only (see [`PlanFile::open`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Reads the whole plan; damaged parts read as their defaults or are left out (see
    /// [`PlanFile::problems`]).
    pub fn load(&self) -> Result<Plan> {
        Ok(parts::load_plan(&self.conn)?.plan)
    }

    /// One Vietnamese sentence per damaged part or revision of the file; empty when the
    /// file is sound.
    pub fn problems(&self) -> Result<Vec<String>> {
        let mut problems = parts::load_plan(&self.conn)?.problems;
        problems.extend(revisions::list(&self.conn)?.1);
        Ok(problems)
    }

    /// Applies one edit in one durable transaction.
    pub fn apply(&mut self, edit: &Edit) -> Result<()> {
        self.apply_all(std::slice::from_ref(edit))
    }

    /// Applies several edits in order, in one durable transaction: all or none.
    pub fn apply_all(&mut self, edits: &[Edit]) -> Result<()> {
        let tx = self.write()?;
        for e in edits {
            edit::apply(&tx, e)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Replaces the whole plan (import), after a snapshot of what was there.
    pub fn replace(&mut self, plan: &Plan, reason: RevisionReason) -> Result<()> {
        check_plan(plan)?;
        let tx = self.write()?;
        revisions::snapshot(&tx, reason, "")?;
        parts::save_plan(&tx, plan)?;
        tx.commit()?;
        Ok(())
    }

    /// Saves the current plan as a revision; returns its id. On a read-only file an
    /// automatic snapshot is skipped (the file cannot change, so there is nothing to
    /// protect) and returns 0; a manual one is refused.
    pub fn snapshot(&mut self, reason: RevisionReason, label: &str) -> Result<i64> {
        if self.read_only && reason != RevisionReason::Manual {
            return Ok(0);
        }
        let tx = self.write()?;
        let id = revisions::snapshot(&tx, reason, label)?;
        tx.commit()?;
        Ok(id)
    }

    /// The readable revisions, oldest first; damaged ones are skipped (and named by
    /// [`PlanFile::problems`]).
    pub fn revisions(&self) -> Result<Vec<RevisionInfo>> {
        Ok(revisions::list(&self.conn)?.0)
    }

    /// Brings back the plan of revision `id`, after a snapshot of the current one. A
    /// revision with damaged parts is restored with what could be read; returns one
    /// Vietnamese sentence per part read as its default or left out.
    pub fn restore(&mut self, id: i64) -> Result<Vec<String>> {
        let tx = self.write()?;
        let loaded = revisions::read(&tx, id)?;
        revisions::snapshot(&tx, RevisionReason::BeforeRestore, "")?;
        parts::save_plan(&tx, &loaded.plan)?;
        tx.commit()?;
        Ok(loaded.problems)
    }

    /// A write transaction, refused on a read-only file.
    fn write(&mut self) -> Result<rusqlite::Transaction<'_>> {
        if self.read_only {
            return Err(StoreError::ReadOnly(self.path.clone()));
        }
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

/// What a new or imported plan must satisfy to be stored: numbers in range, sections
/// no deeper than [`MAX_SECTION_DEPTH`].
fn check_plan(plan: &Plan) -> Result<()> {
    plan.check_ranges()?;
    if plan.sections.iter().any(|s| s.height() > MAX_SECTION_DEPTH) {
        return Err(StoreError::TooDeep);
    }
    Ok(())
}

/// Writes `plan` into the fresh database at `path` and closes it, so the write-ahead
/// log is checkpointed into the file before it is published.
fn write_new(path: &Path, plan: &Plan) -> Result<()> {
    let mut conn = Connection::open(path)?;
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    set_cache(&conn)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    schema::migrate(&mut conn)?;
    let tx = conn.transaction()?;
    parts::save_plan(&tx, plan)?;
    tx.commit()?;
    conn.close().map_err(|(_, e)| e)?;
    Ok(())
}

/// A page cache that holds a whole large plan (64 MiB at most): a transaction that
/// outgrows the cache spills pages to the WAL and rewrites them, which made importing
/// quadratic in the number of items.
fn set_cache(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "cache_size", -65536)
}

/// Removes SQLite's side files of a staging database when creation ends, however it
/// ends: on success they are already gone, on failure they would keep a full disk full.
struct SideFiles(PathBuf);

impl Drop for SideFiles {
    fn drop(&mut self) {
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut side = self.0.clone().into_os_string();
            side.push(suffix);
            let _ = std::fs::remove_file(side);
        }
    }
}

/// A read-only connection. Without a write-ahead log beside it the file is opened as
/// immutable: no lock (a read-only descriptor cannot take SQLite's exclusive lock) and
/// no side file. With one (a crash left committed changes in it), SQLite must read it.
fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if file_header::has_write_ahead_log(path) {
        return Connection::open_with_flags(path, flags);
    }
    let mut uri = String::from("file:");
    for byte in path.as_os_str().as_encoded_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(char::from(*byte))
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri.push_str("?mode=ro&immutable=1");
    Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
}

/// Whether the file and its folder can be written (SQLite needs the folder for its
/// write-ahead log). Probed without leaving anything behind.
fn writable(path: &Path) -> bool {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::OpenOptions::new().write(true).open(path).is_ok() && tempfile::tempfile_in(dir).is_ok()
}

fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            StoreError::Locked(path.to_owned())
        }
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Corrupt {
            path: path.to_owned(),
            detail: "nội dung tệp không đọc được".into(),
        },
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly(path.to_owned()),
        _ => StoreError::Sqlite(e),
    }
}
