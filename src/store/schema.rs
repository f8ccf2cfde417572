//! The storage schema and its migrations, tracked by `PRAGMA user_version`.

use rusqlite::Connection;

use super::Result;

/// `MIGRATIONS[i]` takes a file from schema version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 0 → 1: plan parts and revisions.
    "CREATE TABLE part (
        kind     TEXT    NOT NULL,
        id       TEXT    NOT NULL,
        parent   TEXT,
        position INTEGER NOT NULL,
        body     TEXT    NOT NULL,
        PRIMARY KEY (kind, id)
    ) WITHOUT ROWID;
    CREATE INDEX part_order ON part (kind, parent, position);
    CREATE TABLE revision (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT    NOT NULL,
        reason     TEXT    NOT NULL,
        label      TEXT    NOT NULL,
        plan       TEXT    NOT NULL
    );",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Brings the schema up to [`SCHEMA_VERSION`], all in one transaction.
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction()?;
    let from: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for sql in &MIGRATIONS[from as usize..] {
        tx.execute_batch(sql)?;
    }
    if from != SCHEMA_VERSION {
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    }
    tx.commit()?;
    Ok(())
}
