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

/// Whether the database holds a plan, read before anything is written: a file of
/// another program that happens to carry our application id must not get our tables.
/// Every published plan has a schema version and the `part` and `revision` tables.
pub(super) fn recognise(conn: &Connection) -> rusqlite::Result<bool> {
    let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version == 0 {
        return Ok(false);
    }
    let columns = |table: &str| -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
        let names = stmt.query_map([table], |r| r.get(0))?;
        names.collect()
    };
    let has = |columns: Vec<String>, wanted: &[&str]| {
        wanted.iter().all(|w| columns.iter().any(|c| c == w))
    };
    Ok(has(
        columns("part")?,
        &["kind", "id", "parent", "position", "body"],
    ) && has(
        columns("revision")?,
        &["id", "created_at", "reason", "label", "plan"],
    ))
}
