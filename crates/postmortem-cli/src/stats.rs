//! `postmortem stats`: key times across a folder of reports.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::files::{self, Skip};
use crate::{Failure, Outcome};

pub const STATS_HELP: &str = "\
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

#[derive(Clone, Copy)]
enum StatsFormat {
    Table,
    Csv,
    Json,
}

pub fn stats_command(args: &[String]) -> Outcome {
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
    let (files, problems) = files::collect(&paths, &[])?;
    let mut unreadable = problems.len();
    for problem in problems {
        eprintln!("postmortem: stats: {problem}");
    }
    let mut rows = Vec::new();
    let mut undated = 0;
    for file in &files {
        match files::read(file) {
            Ok(read) => {
                let row = postmortem_core::stats::row(&file.display().to_string(), &read.report);
                match (since, row.started) {
                    (None, _) => rows.push(row),
                    (Some(since), Some(start)) if start.date_naive() >= since => rows.push(row),
                    (Some(_), Some(_)) => {}
                    (Some(_), None) => undated += 1,
                }
            }
            Err(Skip::NotAPostmortem(message) | Skip::Unreadable(Failure(message))) => {
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
