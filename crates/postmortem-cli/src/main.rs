//! `postmortem`: lint and convert postmortem reports kept in a repository.
//!
//! Exit codes: 0 success, 1 the report has validation errors (`validate`), 2 bad usage or input.

mod config;
mod files;
mod fmt;
mod lint;
mod stats;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use fmt::{fmt_command, FMT_HELP};
use lint::{lint_command, LINT_HELP};
use stats::{stats_command, STATS_HELP};

use postmortem_core::markdown::{to_markdown_with, ExportOptions};
use postmortem_core::templates::Starter;
use postmortem_core::{from_json, import_markdown, to_json, validate, Level, Template};

const USAGE: &str = "\
postmortem: lint and convert postmortem reports

Usage:
  postmortem new [--template NAME] [--format json|md] [-o OUT]
  postmortem export FILE.json [--format md|json] [--template NAME] [--mermaid] [-o OUT]
  postmortem import FILE.md [--format json|md] [--template NAME] [-o OUT]
  postmortem validate FILE.json
  postmortem lint PATH... [--format text|json|github|sarif] [--deny warnings]
  postmortem fmt PATH... [--check] [--force]
  postmortem stats PATH... [--format table|csv|json] [--since DATE]
  postmortem help [COMMAND]

Run `postmortem COMMAND --help` for a command's options.";

const NEW_HELP: &str = "\
postmortem new: print an empty report, laid out in a template, to fill in

Usage: postmortem new [--template NAME] [--format json|md] [-o OUT]

Options:
  -t, --template NAME    classic (default), google-sre, pagerduty, atlassian, or blank
  -f, --format json|md   output format (default: json, which the app opens)
  -o, --output OUT       write to OUT instead of standard output
  -h, --help             show this help

Exit status: 0 written; 2 bad usage or the output could not be written.";

const EXPORT_HELP: &str = "\
postmortem export: write a report as Markdown (default) or as canonical JSON

Usage: postmortem export FILE.json [--format md|json] [--template NAME] [--mermaid] [-o OUT]

Options:
  -f, --format md|json   output format (default: md)
  -t, --template NAME    lay the report out in classic, google-sre, pagerduty or atlassian
                         (default: the template the report names)
      --mermaid          draw the timeline as a Mermaid diagram at the top of its section,
                         which GitHub and GitLab render (Markdown only)
  -o, --output OUT       write to OUT instead of standard output
  -h, --help             show this help

Exit status: 0 written; 2 the file could not be read or written.";

const IMPORT_HELP: &str = "\
postmortem import: read an existing Markdown postmortem into the report format

Usage: postmortem import FILE [--format json|md] [--template NAME] [-o OUT]

FILE may have any name; `-` reads standard input. Sections, summary fields, timeline
entries and measures are recognised however they are marked up; text that fits no field is
kept in an \"Unplaced\" section. What was guessed is printed to standard error as notes.

Options:
  -f, --format json|md   output format (default: json, which the app opens)
  -t, --template NAME    lay the report out in classic, google-sre, pagerduty or atlassian
  -o, --output OUT       write to OUT instead of standard output
  -h, --help             show this help

Exit status: 0 imported; 2 the file could not be read or written.";

const VALIDATE_HELP: &str = "\
postmortem validate: list what a reader would find missing or wrong in a report

Usage: postmortem validate FILE.json

Prints one finding per line (`error: PATH: message` or `warning: ...`) and a count.

Exit status: 0 no errors (warnings allowed); 1 errors found; 2 the file could not be read.";

/// A failure that ends the command with exit status 2 and a one-line message.
pub(crate) struct Failure(pub(crate) String);

pub(crate) type Outcome = Result<ExitCode, Failure>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("postmortem: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Outcome {
    let Some((command, rest)) = args.split_first() else {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    };
    match command.as_str() {
        "new" => new_command(rest),
        "export" => export(rest),
        "import" => import_command(rest),
        "validate" => validate_command(rest),
        "stats" => stats_command(rest),
        "lint" => lint_command(rest),
        "fmt" => fmt_command(rest),
        "help" | "--help" | "-h" => {
            let help = match rest.first().map(String::as_str) {
                Some("new") => NEW_HELP,
                Some("export") => EXPORT_HELP,
                Some("import") => IMPORT_HELP,
                Some("validate") => VALIDATE_HELP,
                Some("stats") => STATS_HELP,
                Some("lint") => LINT_HELP,
                Some("fmt") => FMT_HELP,
                _ => USAGE,
            };
            println!("{help}");
            Ok(ExitCode::SUCCESS)
        }
        "--version" | "-V" => {
            println!("postmortem {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        other => Err(Failure(format!(
            "unknown command `{other}` (commands: new, export, import, validate, lint, fmt, stats; see `postmortem --help`)"
        ))),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Markdown,
    Json,
}

struct ConvertArgs {
    /// `None` for `new`, which reads nothing.
    input: Option<PathBuf>,
    format: Format,
    /// What `--template` asked for: a template, or `None` for the blank report (`new` only).
    template: Option<Option<Template>>,
    /// The Markdown draws the timeline in Mermaid (`export` only).
    mermaid: bool,
    output: Option<PathBuf>,
}

/// The arguments of `export` and `import`: one input, a format, perhaps an output file.
fn parse_convert_args(command: &str, args: &[String], default: Format) -> Result<Option<ConvertArgs>, Failure> {
    let usage = match command {
        "import" => "postmortem import FILE [--format json|md] [--template NAME] [-o OUT]",
        "new" => "postmortem new [--template NAME] [--format json|md] [-o OUT]",
        _ => "postmortem export FILE.json [--format md|json] [--template NAME] [--mermaid] [-o OUT]",
    };
    let mut input = None;
    let mut format = default;
    let mut template = None;
    let mut mermaid = false;
    let mut output = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| Failure(format!("{command}: {name} needs a value")))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "-f" | "--format" => {
                format = match value("--format")?.as_str() {
                    "md" | "markdown" => Format::Markdown,
                    "json" => Format::Json,
                    other => return Err(Failure(format!("{command}: unknown format `{other}` (use md or json)"))),
                }
            }
            "-o" | "--output" => output = Some(PathBuf::from(value("--output")?)),
            "--mermaid" if command == "export" => mermaid = true,
            "-t" | "--template" => {
                let name = value("--template")?;
                template = Some(match Template::from_name(&name) {
                    Some(found) => Some(found),
                    None if command == "new" && name == "blank" => None,
                    None => {
                        let names: Vec<&str> = Template::ALL.iter().map(|t| t.key()).collect();
                        return Err(Failure(format!(
                            "{command}: unknown template `{name}` (use {})",
                            names.join(", ")
                        )));
                    }
                });
            }
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(Failure(format!(
                    "{command}: unknown option `{flag}` (see `postmortem {command} --help`)"
                )));
            }
            path if input.is_none() && command != "new" => input = Some(PathBuf::from(path)),
            extra => {
                return Err(Failure(format!(
                    "{command}: unexpected argument `{extra}`: give one input file"
                )))
            }
        }
    }
    if input.is_none() && command != "new" {
        return Err(Failure(format!("{command}: no input file (usage: {usage})")));
    }
    if mermaid && format == Format::Json {
        return Err(Failure(format!(
            "{command}: --mermaid draws into Markdown; it has no meaning with --format json"
        )));
    }
    Ok(Some(ConvertArgs {
        input,
        format,
        template,
        mermaid,
        output,
    }))
}

fn new_command(args: &[String]) -> Outcome {
    let Some(args) = parse_convert_args("new", args, Format::Json)? else {
        println!("{NEW_HELP}");
        return Ok(ExitCode::SUCCESS);
    };
    let starter = match args.template {
        None => Starter::Template(Template::Classic),
        Some(None) => Starter::Blank,
        Some(Some(template)) => Starter::Template(template),
    };
    write_report(starter.report(), &args)
}

fn export(args: &[String]) -> Outcome {
    let Some(args) = parse_convert_args("export", args, Format::Markdown)? else {
        println!("{EXPORT_HELP}");
        return Ok(ExitCode::SUCCESS);
    };
    let report = read_report(input_of(&args))?;
    write_report(report, &args)
}

/// The input file of `export` and `import`, which parsing made sure of.
fn input_of(args: &ConvertArgs) -> &Path {
    args.input.as_deref().unwrap_or(Path::new("-"))
}

fn import_command(args: &[String]) -> Outcome {
    let Some(args) = parse_convert_args("import", args, Format::Json)? else {
        println!("{IMPORT_HELP}");
        return Ok(ExitCode::SUCCESS);
    };
    let imported = import_markdown(&read_text(input_of(&args))?);
    for note in imported.notes.iter().chain(&imported.regenerated) {
        eprintln!("postmortem: note: {note}");
    }
    write_report(imported.report, &args)
}

/// Writes the report in the format asked for, laid out in the template asked for, if any.
fn write_report(mut report: postmortem_core::Report, args: &ConvertArgs) -> Outcome {
    if let Some(Some(template)) = args.template {
        report.template = template;
    }
    let text = match args.format {
        Format::Markdown => to_markdown_with(&report, ExportOptions { mermaid: args.mermaid }),
        Format::Json => to_json(&report),
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| Failure(format!("{}: cannot write: {e}", path.display())))?
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

fn validate_command(args: &[String]) -> Outcome {
    let input = match args {
        [flag] if flag == "-h" || flag == "--help" => {
            println!("{VALIDATE_HELP}");
            return Ok(ExitCode::SUCCESS);
        }
        [path] if !path.starts_with('-') || path == "-" => PathBuf::from(path),
        [] => {
            return Err(Failure(
                "validate: no input file (usage: postmortem validate FILE.json)".into(),
            ))
        }
        _ => {
            return Err(Failure(
                "validate: give exactly one input file (usage: postmortem validate FILE.json)".into(),
            ))
        }
    };
    let report = read_report(&input)?;
    let findings = validate(&report);
    let mut out = String::new();
    for finding in &findings {
        let _ = writeln!(out, "{}: {finding}", input.display());
    }
    let (errors, warnings) = postmortem_core::validate::count(&findings);
    let _ = writeln!(out, "{}: {errors} error(s), {warnings} warning(s)", input.display());
    print!("{out}");
    Ok(if findings.iter().any(|f| f.level == Level::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads and parses a report; `-` reads standard input.
fn read_report(path: &Path) -> Result<postmortem_core::Report, Failure> {
    let text = read_text(path)?;
    from_json(&text).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

/// Reads a text file; `-` reads standard input.
pub(crate) fn read_text(path: &Path) -> Result<String, Failure> {
    let bytes = if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    }
    .map_err(|e| Failure(format!("{}: cannot read: {e}", path.display())))?;
    String::from_utf8(bytes).map_err(|e| {
        Failure(format!(
            "{}: not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}
