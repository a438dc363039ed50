//! `postmortem fmt`: every Markdown report in the canonical shape of its template.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use postmortem_core::to_markdown;

use crate::files::{self, Skip};
use crate::{Failure, Outcome};

pub const FMT_HELP: &str = "\\
postmortem fmt: rewrite Markdown postmortems in the canonical shape of their template

Usage: postmortem fmt PATH... [--check] [--force] [--exclude GLOB]

Each Markdown report (a file, or the `.md`, `.markdown` and `.txt` files of a folder, read
recursively) is read and written again as the app exports it, in the template it names. A
file whose reading needed guesses (the import notes: sections read under other names, text
that fit no field) is left as it is unless --force, so that formatting never moves a team's
words around silently. Files are replaced atomically and keep their line endings (LF or
CRLF). The template is the one `.postmortem.toml` names (see `postmortem lint --help`), else
the report's own. JSON reports are left to `postmortem export --format json`.

Options:
      --check           write nothing; list the files that would change and exit 1 if any
      --force           rewrite files whose reading needed guesses, too
      --exclude GLOB    skip files matching GLOB in folders (repeatable)
  -h, --help            show this help

Example: postmortem fmt --check postmortems/

Exit status: 0 every file formatted (or, with --check, already formatted); 1 with --check,
some file would change; 2 bad usage, or a file could not be read or written.";

pub fn fmt_command(args: &[String]) -> Outcome {
    let mut paths = Vec::new();
    let (mut check, mut force) = (false, false);
    let mut exclude = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{FMT_HELP}");
                return Ok(ExitCode::SUCCESS);
            }
            "--check" => check = true,
            "--force" => force = true,
            "--exclude" => exclude.push(
                args.next()
                    .cloned()
                    .ok_or_else(|| Failure("fmt: --exclude needs a value".into()))?,
            ),
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(Failure(format!(
                    "fmt: unknown option `{flag}` (see `postmortem fmt --help`)"
                )))
            }
            path => paths.push(PathBuf::from(path)),
        }
    }
    if paths.is_empty() {
        return Err(Failure("fmt: no input (usage: postmortem fmt PATH...)".into()));
    }
    let (files, problems) = files::collect(&paths, &exclude)?;
    let mut failed = problems.len();
    for problem in problems {
        eprintln!("postmortem: fmt: {problem}");
    }
    let mut would_change = 0;
    for file in files.iter().filter(|f| f.extension().is_none_or(|e| e != "json")) {
        match format_file(file, check, force) {
            Ok(Formatted::Same) => {}
            Ok(Formatted::Changed(summary)) => {
                would_change += 1;
                println!("{summary}");
            }
            Ok(Formatted::Guessed(notes)) => {
                eprintln!(
                    "postmortem: fmt: {}: left as it is: reading it needed guesses ({}); --force rewrites it",
                    files::shown(file),
                    notes
                );
            }
            Err(Failure(why)) => {
                eprintln!("postmortem: fmt: {why}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        return Ok(ExitCode::from(2));
    }
    Ok(if check && would_change > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

enum Formatted {
    Same,
    /// What changed (or would), in a line or two.
    Changed(String),
    /// Left alone: the import's notes.
    Guessed(String),
}

fn format_file(path: &Path, check: bool, force: bool) -> Result<Formatted, Failure> {
    let read = match files::read(path) {
        Ok(read) => read,
        Err(Skip::NotAPostmortem(why)) | Err(Skip::Unreadable(Failure(why))) => return Err(Failure(why)),
    };
    if !read.notes.is_empty() && !force {
        return Ok(Formatted::Guessed(read.notes.join(" ")));
    }
    // The repository's template, if it names one, else the report's own.
    let mut report = read.report;
    if let Some(template) = crate::config::Config::for_file(path)?.template {
        report.template = template;
    }
    let crlf = read.text.contains("\r\n");
    let mut formatted = to_markdown(&report);
    if crlf {
        formatted = formatted.replace('\n', "\r\n");
    }
    if formatted == read.text {
        return Ok(Formatted::Same);
    }
    let name = files::shown(path);
    let summary = match first_difference(&read.text, &formatted) {
        Some(line) => format!(
            "{name}: {} from line {line}",
            if check { "would change" } else { "formatted" }
        ),
        None => format!("{name}: {}", if check { "would change" } else { "formatted" }),
    };
    if !check {
        write_atomically(path, &formatted)?;
    }
    Ok(Formatted::Changed(summary))
}

/// The first line (1-based) where two texts differ.
fn first_difference(old: &str, new: &str) -> Option<usize> {
    let mut old_lines = old.lines();
    let mut new_lines = new.lines();
    let mut line = 1;
    loop {
        match (old_lines.next(), new_lines.next()) {
            (None, None) => return None,
            (a, b) if a != b => return Some(line),
            _ => line += 1,
        }
    }
}

/// Writes beside the file and renames over it, so that a reader never sees half a file.
fn write_atomically(path: &Path, text: &str) -> Result<(), Failure> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.postmortem-fmt-{}", std::process::id()));
    let cannot = |e: std::io::Error| Failure(format!("{}: cannot write: {e}", path.display()));
    std::fs::write(&temporary, text).map_err(cannot)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&temporary, meta.permissions());
    }
    std::fs::rename(&temporary, path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        cannot(e)
    })
}
