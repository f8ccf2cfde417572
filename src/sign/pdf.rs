//! PAdES baseline (B-B) signature of a PDF, by incremental update.
