//! Finding the reports under the paths a command is given, and reading each one: a JSON
//! report, or a Markdown or text postmortem.

use std::path::{Path, PathBuf};

use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;
use postmortem_core::{from_json, import_markdown, Report};

use crate::{read_text, Failure};

/// The names a folder's reports end in; a file named on the command line is read whatever
/// its name.
const REPORT_EXTENSIONS: [&str; 4] = ["md", "markdown", "txt", "json"];

/// The reports under `paths`, in name order, and what could not be walked. Folders are read
/// recursively, skipping hidden files and what `.gitignore` and `.ignore` files name (in a
/// repository or not), and what matches an `exclude` glob.
pub fn collect(paths: &[PathBuf], exclude: &[String]) -> Result<(Vec<PathBuf>, Vec<String>), Failure> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path == Path::new("-") || path.is_file() {
            files.push(path.clone());
            continue;
        }
        if !path.is_dir() {
            problems.push(format!("{}: no such file or folder", path.display()));
            continue;
        }
        let mut overrides = OverrideBuilder::new(path);
        for glob in exclude {
            overrides
                .add(&format!("!{glob}"))
                .map_err(|e| Failure(format!("--exclude `{glob}`: {e}")))?;
        }
        let overrides = overrides.build().map_err(|e| Failure(format!("--exclude: {e}")))?;
        let mut found = Vec::new();
        for entry in WalkBuilder::new(path).require_git(false).overrides(overrides).build() {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    let wanted = entry
                        .path()
                        .extension()
                        .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|x| e == *x));
                    if wanted {
                        found.push(entry.into_path());
                    }
                }
                Ok(_) => {}
                Err(error) => problems.push(error.to_string()),
            }
        }
        found.sort();
        files.extend(found);
    }
    Ok((files, problems))
}

/// A report as read from its file.
pub struct Read {
    pub report: Report,
    /// The file's text, for placing findings and keeping its line endings.
    pub text: String,
    pub json: bool,
    /// What the importer guessed (Markdown only).
    pub notes: Vec<String>,
}

/// Why a file gave no report.
pub enum Skip {
    /// A Markdown file with no part of a postmortem in it (a README).
    NotAPostmortem(String),
    Unreadable(Failure),
}

/// The largest file read as a report: a long postmortem is a few hundred kilobytes.
const MAX_BYTES: u64 = 5 * 1024 * 1024;

pub fn read(path: &Path) -> Result<Read, Skip> {
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.len() > MAX_BYTES {
            return Err(Skip::Unreadable(Failure(format!(
                "{}: {:.1} MB is too large for a postmortem (the limit is 5 MB)",
                path.display(),
                meta.len() as f64 / 1_048_576.0
            ))));
        }
    }
    let text = read_text(path).map_err(Skip::Unreadable)?;
    if text.contains('\0') {
        return Err(Skip::Unreadable(Failure(format!(
            "{}: a binary file, not text",
            path.display()
        ))));
    }
    if text.trim().is_empty() {
        return Err(Skip::Unreadable(Failure(format!(
            "{}: the file is empty",
            path.display()
        ))));
    }
    if path.extension().is_some_and(|e| e == "json") {
        let report = from_json(&text).map_err(|e| Skip::Unreadable(Failure(format!("{}: {e}", path.display()))))?;
        return Ok(Read {
            report,
            text,
            json: true,
            notes: Vec::new(),
        });
    }
    let imported = import_markdown(&text);
    let s = &imported.report.summary;
    if imported.report.timeline.is_empty() && s.started_at.is_none() && s.impact.trim().is_empty() {
        return Err(Skip::NotAPostmortem(format!(
            "{}: no postmortem found in it (no timeline, start time or impact)",
            path.display()
        )));
    }
    Ok(Read {
        report: imported.report,
        text,
        json: false,
        notes: imported.notes,
    })
}

/// A path as GitHub and SARIF readers match it: relative to the working directory, with no
/// leading `./`.
pub fn shown(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let text = relative.display().to_string();
    text.strip_prefix("./").map(str::to_owned).unwrap_or(text)
}
