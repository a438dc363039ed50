//! `postmortem lint`: what validation and the writing review find in every report under the
//! paths given, each at its line and column, as text, JSON, GitHub workflow commands or SARIF.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use postmortem_core::lint::{lint, Lint, Source};
use serde_json::{json, Value};

use std::collections::HashMap;

use crate::config::Config;
use crate::files::{self, Skip};
use crate::{Failure, Outcome};

pub const LINT_HELP: &str = "\\
postmortem lint: what validation and the writing review find, at its place in each file

Usage: postmortem lint PATH... [--format text|json|github|sarif] [--deny warnings] [--off RULE]
                               [--exclude GLOB] [--verbose]

Each PATH is a report or a folder, read recursively (`.md`, `.markdown`, `.txt`, `.json`;
hidden files, and what `.gitignore` and `.ignore` files name, are skipped); `-` reads standard
input. Prints every finding of validation (errors and warnings: what is missing or
inconsistent) and of the writing rules (warnings and suggestions: blame, hindsight, tone,
tasks that cannot be done or checked), each at the line and column of the text it is about,
or of the section where something is missing. Markdown files with no postmortem in them are
skipped.

Options:
  -f, --format FORMAT   text (default): `FILE:LINE:COL: LEVEL: RULE: message`
                        json: an array of {file, line, column, rule, level, message, path}
                        github: workflow commands that put findings on a pull request's diff
                        sarif: SARIF 2.1.0, for code scanning and reviewdog
      --deny warnings   fail (exit 1) on warnings too, not only on errors
      --off RULE        leave out a writing rule (repeatable), e.g. --off tone/exclamation
      --exclude GLOB    skip files matching GLOB in folders (repeatable), e.g. --exclude 'drafts/**'
  -v, --verbose         say which files were skipped, and why
      --print-config    print the settings that apply to the first PATH, and stop
  -h, --help            show this help

Settings: the nearest `.postmortem.toml` in a file's folder or above:
  template = \"google-sre\"              the template `fmt` lays reports out in
  require = [\"severity\", \"incident\"]   fields every report must have (also owner, tags,
                                       service, authors, responders, detection,
                                       review.reviewers)
  allow = [\"root cause\"]               phrases the writing rules leave alone
  [rules]
  \"tone/exclamation\" = \"off\"           or \"error\", \"warning\", \"suggestion\"
Unknown keys and bad values are errors that name the file, the line and the key.

Example: postmortem lint postmortems/ --format github --deny warnings

Exit status: 0 nothing that fails; 1 errors found (or warnings, with --deny warnings);
2 bad usage, or a file could not be read.";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Json,
    Github,
    Sarif,
}

struct Options {
    paths: Vec<PathBuf>,
    format: Format,
    deny_warnings: bool,
    off: Vec<String>,
    exclude: Vec<String>,
    verbose: bool,
    print_config: bool,
}

fn parse(args: &[String]) -> Result<Option<Options>, Failure> {
    let mut options = Options {
        paths: Vec::new(),
        format: Format::Text,
        deny_warnings: false,
        off: Vec::new(),
        exclude: Vec::new(),
        verbose: false,
        print_config: false,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| Failure(format!("lint: {name} needs a value")))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "-f" | "--format" => {
                options.format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    "github" => Format::Github,
                    "sarif" => Format::Sarif,
                    other => {
                        return Err(Failure(format!(
                            "lint: unknown format `{other}` (use text, json, github or sarif)"
                        )))
                    }
                }
            }
            "--deny" => match value("--deny")?.as_str() {
                "warnings" => options.deny_warnings = true,
                other => {
                    return Err(Failure(format!(
                        "lint: --deny `{other}`: only `warnings` can be denied"
                    )))
                }
            },
            "--off" => {
                let rule = value("--off")?;
                if postmortem_core::writing::rule(&rule).is_none() {
                    return Err(Failure(format!("lint: unknown writing rule `{rule}`")));
                }
                options.off.push(rule);
            }
            "--exclude" => options.exclude.push(value("--exclude")?),
            "-v" | "--verbose" => options.verbose = true,
            "--print-config" => options.print_config = true,
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(Failure(format!(
                    "lint: unknown option `{flag}` (see `postmortem lint --help`)"
                )));
            }
            path => options.paths.push(PathBuf::from(path)),
        }
    }
    if options.paths.is_empty() && !options.print_config {
        return Err(Failure("lint: no input (usage: postmortem lint PATH...)".into()));
    }
    Ok(Some(options))
}

/// What linting one file gave.
enum FileResult {
    Found(String, Vec<Lint>),
    Skipped(String),
    Failed(String),
}

fn lint_file(path: &Path, off: &[String], configs: &mut HashMap<PathBuf, Config>) -> FileResult {
    let name = files::shown(path);
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let config = match configs.get(&dir) {
        Some(config) => config.clone(),
        None => match Config::for_file(path) {
            Ok(config) => configs.entry(dir).or_insert(config).clone(),
            Err(Failure(why)) => return FileResult::Failed(why),
        },
    };
    match files::read(path) {
        Ok(read) => {
            let source = if read.json {
                Source::Json(&read.text)
            } else {
                Source::Markdown(&read.text)
            };
            let off: Vec<String> = off.iter().cloned().chain(config.rules_off()).collect();
            let found = lint(&read.report, source, &off);
            FileResult::Found(name, config.apply(&read.report, source, found))
        }
        Err(Skip::NotAPostmortem(why)) => FileResult::Skipped(why),
        Err(Skip::Unreadable(Failure(why))) => FileResult::Failed(why),
    }
}

pub fn lint_command(args: &[String]) -> Outcome {
    let Some(options) = parse(args)? else {
        println!("{LINT_HELP}");
        return Ok(ExitCode::SUCCESS);
    };
    if options.print_config {
        let from = options.paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
        print!("{}", Config::for_file(&from)?.to_toml());
        return Ok(ExitCode::SUCCESS);
    }
    let (paths, problems) = files::collect(&options.paths, &options.exclude)?;
    // Files are read and checked on every core, in order of their names.
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(paths.len().max(1));
    let chunk = paths.len().div_ceil(threads).max(1);
    let results: Vec<FileResult> = std::thread::scope(|scope| {
        let workers: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                scope.spawn(|| {
                    let mut configs = HashMap::new();
                    part.iter()
                        .map(|p| lint_file(p, &options.off, &mut configs))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
    });
    let mut failed = problems.len();
    for problem in &problems {
        eprintln!("postmortem: lint: {problem}");
    }
    let mut found: Vec<(String, Lint)> = Vec::new();
    let mut read = 0;
    for result in results {
        match result {
            FileResult::Found(file, lints) => {
                read += 1;
                found.extend(lints.into_iter().map(|l| (file.clone(), l)));
            }
            FileResult::Skipped(why) => {
                if options.verbose {
                    eprintln!("postmortem: lint: skipped {why}");
                }
            }
            FileResult::Failed(why) => {
                eprintln!("postmortem: lint: {why}");
                failed += 1;
            }
        }
    }
    let count = |level: &str| found.iter().filter(|(_, l)| l.level == level).count();
    let (errors, warnings, suggestions) = (count("error"), count("warning"), count("suggestion"));
    let text = match options.format {
        Format::Text => {
            let mut out = String::new();
            for (file, l) in &found {
                let _ = writeln!(
                    out,
                    "{file}:{}:{}: {}: {}: {}",
                    l.line, l.column, l.level, l.rule, l.message
                );
            }
            let _ = writeln!(
                out,
                "{errors} error(s), {warnings} warning(s), {suggestions} suggestion(s) in {read} report(s)"
            );
            out
        }
        Format::Json => {
            let list: Vec<Value> = found
                .iter()
                .map(|(file, l)| {
                    json!({ "file": file, "line": l.line, "column": l.column, "rule": l.rule,
                            "level": l.level, "message": l.message, "path": l.path })
                })
                .collect();
            format!("{}\n", serde_json::to_string_pretty(&list).unwrap_or_default())
        }
        Format::Github => found.iter().map(|(file, l)| github(file, l)).collect(),
        Format::Sarif => sarif(&found),
    };
    print!("{text}");
    if failed > 0 {
        eprintln!("postmortem: lint: {failed} file(s) could not be read");
        return Ok(ExitCode::from(2));
    }
    let fails = errors > 0 || (options.deny_warnings && warnings > 0);
    Ok(if fails { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// One GitHub workflow command: `::warning file=F,line=L,col=C,title=RULE::message`, with the
/// characters GitHub reads as syntax escaped as it asks.
fn github(file: &str, l: &Lint) -> String {
    let data = |text: &str| text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    let property = |text: &str| data(text).replace(':', "%3A").replace(',', "%2C");
    let command = match l.level {
        "error" => "error",
        "warning" => "warning",
        _ => "notice",
    };
    format!(
        "::{command} file={},line={},col={},title={}::{}\n",
        property(file),
        l.line,
        l.column,
        property(&l.rule),
        data(&l.message)
    )
}

/// SARIF 2.1.0: one run, every rule that found something described once (`ruleId` is the
/// rule's id), each result at its file, line and column.
fn sarif(found: &[(String, Lint)]) -> String {
    let mut rules: Vec<&str> = found.iter().map(|(_, l)| l.rule.as_str()).collect();
    rules.sort_unstable();
    rules.dedup();
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|id| match postmortem_core::writing::rule(id) {
            Some(rule) => json!({
                "id": id,
                "shortDescription": { "text": rule.why },
                "help": { "text": rule.instead },
                "helpUri": rule.source,
                "defaultConfiguration": { "level": sarif_level(rule.strength.key()) },
            }),
            None => json!({
                "id": id,
                "shortDescription": { "text": format!("Validation: {id}") },
            }),
        })
        .collect();
    let results: Vec<Value> = found
        .iter()
        .map(|(file, l)| {
            json!({
                "ruleId": l.rule,
                "ruleIndex": rules.iter().position(|r| *r == l.rule).unwrap_or(0),
                "level": sarif_level(l.level),
                "message": { "text": l.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": file.replace('\\', "/") },
                        "region": { "startLine": l.line, "startColumn": l.column },
                    }
                }],
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "postmortem",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/postmortem-studio/postmortem-studio",
                "rules": descriptors,
            }},
            "results": results,
        }],
    });
    format!("{}\n", serde_json::to_string_pretty(&log).unwrap_or_default())
}

fn sarif_level(level: &str) -> &'static str {
    match level {
        "error" => "error",
        "warning" => "warning",
        _ => "note",
    }
}
