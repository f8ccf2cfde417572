//! The `.khcds` plan file: one plan per SQLite database.
//!
//! Invariants: a file is ours when its `application_id` is [`APPLICATION_ID`]; anything
//! else is refused before SQLite opens it for writing (see `file_header`). The file is
//! held with an exclusive lock while open, so a second process gets a clear "locked"
//! error instead of a half-shared file. Every change is one transaction in WAL mode with
//! `synchronous = FULL`: an edit that returned `Ok` survives a crash.

mod edit;
mod error;
mod file_header;
mod parts;
mod revisions;
mod schema;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

pub use edit::{Edit, Item, List};
pub use error::{Result, StoreError};
pub use revisions::{RevisionInfo, RevisionReason};
pub use schema::SCHEMA_VERSION;

use crate::model::Plan;

/// `PRAGMA application_id` of plan files: "KHCD" in ASCII.
pub const APPLICATION_ID: u32 = 0x4B48_4344;

/// The file extension of plan files.
pub const EXTENSION: &str = "khcds";

/// An open plan file.
pub struct PlanFile {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for PlanFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlanFile")
            .field("path", &self.path)
            .finish()
    }
}

impl PlanFile {
    /// Creates a new plan file holding `plan`. The file appears complete or not at all.
    pub fn create(path: &Path, plan: &Plan) -> Result<PlanFile> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_owned()));
        }
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let staging = tempfile::Builder::new()
            .prefix(".khcds-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        {
            let mut conn = Connection::open(staging.path())?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            schema::migrate(&mut conn)?;
            let tx = conn.transaction()?;
            parts::save_plan(&tx, plan)?;
            tx.commit()?;
            // Closing checkpoints the WAL into the file before it is published.
            conn.close().map_err(|(_, e)| e)?;
        }
        staging.as_file().sync_all()?;
        staging.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                StoreError::AlreadyExists(path.to_owned())
            } else {
                StoreError::Io(e.error)
            }
        })?;
        crate::atomic_file::sync_dir(dir)?;
        PlanFile::open(path)
    }

    /// Opens an existing plan file for editing, refusing foreign, newer, corrupt or
    /// locked files without changing them.
    pub fn open(path: &Path) -> Result<PlanFile> {
        file_header::check(path)?;
        let classify = |e: rusqlite::Error| classify(path, e);
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(classify)?;
        conn.busy_timeout(Duration::ZERO).map_err(classify)?;
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
            .map_err(classify)?;
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
        let check: String = conn
            .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
            .map_err(classify)?;
        if check != "ok" {
            return Err(StoreError::Corrupt {
                path: path.to_owned(),
                detail: check,
            });
        }
        schema::migrate(&mut conn).map_err(|e| match e {
            StoreError::Sqlite(e) => classify(e),
            other => other,
        })?;
        let file = PlanFile {
            conn,
            path: path.to_owned(),
        };
        // A file whose parts cannot be read is as good as corrupt.
        file.load().map_err(|e| match e {
            StoreError::BadData(detail) => StoreError::Corrupt {
                path: path.to_owned(),
                detail,
            },
            other => other,
        })?;
        Ok(file)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the whole plan.
    pub fn load(&self) -> Result<Plan> {
        parts::load_plan(&self.conn)
    }

    /// Applies one edit in one durable transaction.
    pub fn apply(&mut self, edit: &Edit) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        edit::apply(&tx, edit)?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces the whole plan (import), after a snapshot of what was there.
    pub fn replace(&mut self, plan: &Plan, reason: RevisionReason) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        revisions::snapshot(&tx, reason, "")?;
        parts::save_plan(&tx, plan)?;
        tx.commit()?;
        Ok(())
    }

    /// Saves the current plan as a revision; returns its id.
    pub fn snapshot(&mut self, reason: RevisionReason, label: &str) -> Result<i64> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = revisions::snapshot(&tx, reason, label)?;
        tx.commit()?;
        Ok(id)
    }

    pub fn revisions(&self) -> Result<Vec<RevisionInfo>> {
        revisions::list(&self.conn)
    }

    /// Brings back the plan of revision `id`, after a snapshot of the current one.
    pub fn restore(&mut self, id: i64) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let plan = revisions::read(&tx, id)?;
        revisions::snapshot(&tx, RevisionReason::BeforeRestore, "")?;
        parts::save_plan(&tx, &plan)?;
        tx.commit()?;
        Ok(())
    }
}

fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            StoreError::Locked(path.to_owned())
        }
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Corrupt {
            path: path.to_owned(),
            detail: e.to_string(),
        },
        _ => StoreError::Sqlite(e),
    }
}
