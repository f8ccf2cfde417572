//! A plan imported from the JSON interchange format into a plan file: a new file, or the
//! plan of an existing file replaced after a revision of what was there.

use std::path::Path;

use super::{Error, Result};
use crate::interchange;
use crate::model::Plan;
use crate::store::{PlanFile, RevisionReason};

/// What an import did.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub plan: Plan,
    /// The plan file existed: its former plan is kept as a revision.
    pub replaced: bool,
}

/// Imports the interchange document `json` into the plan file `output`. Nothing is
/// written when the document is refused.
pub fn import_file(json: &Path, output: &Path) -> Result<Imported> {
    let plan = interchange::read_file(json).map_err(|source| Error::Import {
        path: json.to_owned(),
        source,
    })?;
    let replaced = output.exists();
    if replaced {
        PlanFile::open(output)?.replace(&plan, RevisionReason::BeforeImport)?;
    } else {
        drop(PlanFile::create(output, &plan)?);
    }
    Ok(Imported { plan, replaced })
}
