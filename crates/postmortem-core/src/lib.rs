//! The domain core of Postmortem Studio: the report model, validation, Markdown and JSON export,
//! and the sanitising preview renderer. Plain Rust with no web dependencies, shared by the web
//! app and the `postmortem` command-line tool, and tested natively.

pub mod chart;
pub mod drafts;
pub mod editing;
pub mod fields;
pub mod form;
pub mod import;
pub mod json;
pub mod lint;
pub mod markdown;
pub mod metrics;
pub mod model;
pub mod preview;
pub mod readiness;
pub mod stats;
pub mod templates;
pub mod time;
pub mod validate;
pub mod writing;

#[cfg(test)]
mod test_support;

pub use import::{import_markdown, Imported};
pub use json::{from_json, to_json, ReadError};
pub use markdown::{to_markdown, write_markdown};
pub use model::*;
pub use validate::{validate, Finding, Level};
