//! `postmortem`: lint and convert postmortem reports kept in a repository.
//!
//! Exit codes: 0 success, 1 the report has validation errors (`validate`), 2 bad usage or input.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
  postmortem lint FILE... [--format text|json]
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

const LINT_HELP: &str = "\
postmortem lint: what validation and the writing review find, at its place in each file

Usage: postmortem lint FILE... [--format text|json]

FILE is a report (`.json`) or a Markdown postmortem (any other name; `-` reads standard input).
Prints every finding of validation (errors and warnings: what is missing or inconsistent) and
of the writing rules (warnings and suggestions: blame, hindsight, tone, tasks that cannot be
done or checked), each at the line and column of the text it is about, or of the section
where something is missing.

Options:
  -f, --format text|json   text (default): `FILE:LINE:COL: LEVEL: RULE: message`, one per line;
                           json: an array of objects with file, line, column, rule, level and
                           message
      --off RULE           leave out a writing rule (repeatable), e.g. --off tone/exclamation
  -h, --help               show this help

Exit status: 0 no errors (warnings and suggestions allowed); 1 errors found; 2 a file could
not be read.";

const STATS_HELP: &str = "\
postmortem stats: key times across many postmortems (time to detect, acknowledge, mitigate, resolve)

Usage: postmortem stats PATH... [--format table|csv|json] [--since DATE]

Reads every report under the PATHs (`.json` reports, and `.md`, `.markdown` or `.txt`
postmortems; folders are read recursively) and prints one row per report, then the count,
median, mean and 90th percentile of each key time, overall and per severity, over the
reports that have it. Key times run from
the impact start (or the declaration, where a report says so) to the timeline entries marked
detected, acknowledged, mitigated and resolved; where no entry is marked, the first entry of
the usual kind stands in (for Markdown without kinds, the kind its words suggest), and the
JSON output lists those moments as inferred.

Options:
  -f, --format table|csv|json   output format (default: table)
      --since DATE              only reports whose impact started on or after DATE (YYYY-MM-DD)
  -h, --help                    show this help

Files that cannot be read are listed on standard error with the reason, and counted; the
others are still read.

Exit status: 0 every file read; 1 some could not be read; 2 bad usage or no report found.";

/// A failure that ends the command with exit status 2 and a one-line message.
struct Failure(String);

type Outcome = Result<ExitCode, Failure>;

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
        "help" | "--help" | "-h" => {
            let help = match rest.first().map(String::as_str) {
                Some("new") => NEW_HELP,
                Some("export") => EXPORT_HELP,
                Some("import") => IMPORT_HELP,
                Some("validate") => VALIDATE_HELP,
                Some("stats") => STATS_HELP,
                Some("lint") => LINT_HELP,
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
            "unknown command `{other}` (commands: new, export, import, validate, lint, stats; see `postmortem --help`)"
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
    for note in &imported.notes {
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

fn lint_command(args: &[String]) -> Outcome {
    let mut files = Vec::new();
    let mut json = false;
    let mut off = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| Failure(format!("lint: {name} needs a value")))
        };
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{LINT_HELP}");
                return Ok(ExitCode::SUCCESS);
            }
            "-f" | "--format" => {
                json = match value("--format")?.as_str() {
                    "text" => false,
                    "json" => true,
                    other => return Err(Failure(format!("lint: unknown format `{other}` (use text or json)"))),
                }
            }
            "--off" => {
                let rule = value("--off")?;
                if postmortem_core::writing::rule(&rule).is_none() {
                    return Err(Failure(format!("lint: unknown writing rule `{rule}`")));
                }
                off.push(rule);
            }
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(Failure(format!(
                    "lint: unknown option `{flag}` (see `postmortem lint --help`)"
                )));
            }
            path => files.push(PathBuf::from(path)),
        }
    }
    if files.is_empty() {
        return Err(Failure("lint: no input file (usage: postmortem lint FILE...)".into()));
    }
    let mut all = Vec::new();
    for file in &files {
        let text = read_text(file)?;
        let is_json = file.extension().is_some_and(|e| e == "json");
        let (report, source) = if is_json {
            let report = from_json(&text).map_err(|e| Failure(format!("{}: {e}", file.display())))?;
            (report, text)
        } else {
            (import_markdown(&text).report, text)
        };
        let source_ref = if is_json {
            postmortem_core::lint::Source::Json(&source)
        } else {
            postmortem_core::lint::Source::Markdown(&source)
        };
        for finding in postmortem_core::lint::lint(&report, source_ref, &off) {
            all.push((file.display().to_string(), finding));
        }
    }
    let errors = all.iter().filter(|(_, l)| l.level == "error").count();
    let mut out = String::new();
    if json {
        let list: Vec<String> = all
            .iter()
            .map(|(file, l)| {
                format!(
                    "  {{\"file\": {}, \"line\": {}, \"column\": {}, \"rule\": {}, \"level\": {}, \"message\": {}, \"path\": {}}}",
                    json_string(file),
                    l.line,
                    l.column,
                    json_string(&l.rule),
                    json_string(l.level),
                    json_string(&l.message),
                    json_string(&l.path)
                )
            })
            .collect();
        out.push_str(&format!("[\n{}\n]\n", list.join(",\n")).replace("[\n\n]", "[]"));
    } else {
        for (file, l) in &all {
            let _ = writeln!(
                out,
                "{file}:{}:{}: {}: {}: {}",
                l.line, l.column, l.level, l.rule, l.message
            );
        }
        let count = |level: &str| all.iter().filter(|(_, l)| l.level == level).count();
        let _ = writeln!(
            out,
            "{} error(s), {} warning(s), {} suggestion(s) in {} file(s)",
            errors,
            count("warning"),
            count("suggestion"),
            files.len()
        );
    }
    print!("{out}");
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A string as a JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[derive(Clone, Copy)]
enum StatsFormat {
    Table,
    Csv,
    Json,
}

fn stats_command(args: &[String]) -> Outcome {
    let mut paths = Vec::new();
    let mut format = StatsFormat::Table;
    let mut since = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| Failure(format!("stats: {name} needs a value")))
        };
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{STATS_HELP}");
                return Ok(ExitCode::SUCCESS);
            }
            "-f" | "--format" => {
                format = match value("--format")?.as_str() {
                    "table" => StatsFormat::Table,
                    "csv" => StatsFormat::Csv,
                    "json" => StatsFormat::Json,
                    other => {
                        return Err(Failure(format!(
                            "stats: unknown format `{other}` (use table, csv or json)"
                        )))
                    }
                }
            }
            "--since" => {
                let text = value("--since")?;
                since = Some(
                    chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                        .map_err(|_| Failure(format!("stats: --since `{text}` is not a date (use YYYY-MM-DD)")))?,
                );
            }
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(Failure(format!(
                    "stats: unknown option `{flag}` (see `postmortem stats --help`)"
                )));
            }
            path => paths.push(PathBuf::from(path)),
        }
    }
    if paths.is_empty() {
        return Err(Failure("stats: no path given (usage: postmortem stats PATH...)".into()));
    }
    let mut files = Vec::new();
    let mut unreadable = 0;
    for path in &paths {
        if let Err(message) = collect_reports(path, &mut files) {
            eprintln!("postmortem: stats: {message}");
            unreadable += 1;
        }
    }
    let mut rows = Vec::new();
    let mut undated = 0;
    for file in &files {
        match read_any_report(file) {
            Ok(report) => {
                let row = postmortem_core::stats::row(&file.display().to_string(), &report);
                match (since, row.started) {
                    (None, _) => rows.push(row),
                    (Some(since), Some(start)) if start.date_naive() >= since => rows.push(row),
                    (Some(_), Some(_)) => {}
                    (Some(_), None) => undated += 1,
                }
            }
            Err(Failure(message)) => {
                eprintln!("postmortem: stats: {message}");
                unreadable += 1;
            }
        }
    }
    if undated > 0 {
        eprintln!("postmortem: stats: {undated} report(s) have no impact start, so --since left them out");
    }
    if unreadable > 0 {
        eprintln!("postmortem: stats: {unreadable} file(s) could not be read");
    }
    if rows.is_empty() && unreadable == 0 && undated == 0 {
        return Err(Failure(
            "stats: no .json, .md, .markdown or .txt report found under the paths given".into(),
        ));
    }
    let text = match format {
        StatsFormat::Table => postmortem_core::stats::table(&rows),
        StatsFormat::Csv => postmortem_core::stats::csv(&rows),
        StatsFormat::Json => postmortem_core::stats::json(&rows, unreadable),
    };
    print!("{text}");
    Ok(if unreadable > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The reports at `path` (`.json`, and Markdown or text postmortems: `.md`, `.markdown`,
/// `.txt`), a file or a folder read recursively, in name order.
fn collect_reports(path: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    if meta.is_file() {
        files.push(path.to_owned());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for entry in entries {
        let hidden = entry.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if entry.is_dir() {
            collect_reports(&entry, files)?;
        } else if entry
            .extension()
            .is_some_and(|e| ["md", "markdown", "txt", "json"].iter().any(|x| e == *x))
        {
            files.push(entry);
        }
    }
    Ok(())
}

/// A report from a JSON file or a Markdown postmortem. A Markdown file in which no part of a
/// postmortem is found (a README) is refused rather than counted as an empty report.
fn read_any_report(path: &Path) -> Result<postmortem_core::Report, Failure> {
    if path.extension().is_some_and(|e| e == "json") {
        return read_report(path);
    }
    let report = import_markdown(&read_text(path)?).report;
    let summary = &report.summary;
    if report.timeline.is_empty() && summary.started_at.is_none() && summary.impact.trim().is_empty() {
        return Err(Failure(format!(
            "{}: no postmortem found in it (no timeline, start time or impact)",
            path.display()
        )));
    }
    Ok(report)
}

/// Reads and parses a report; `-` reads standard input.
fn read_report(path: &Path) -> Result<postmortem_core::Report, Failure> {
    let text = read_text(path)?;
    from_json(&text).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

/// Reads a text file; `-` reads standard input.
fn read_text(path: &Path) -> Result<String, Failure> {
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
