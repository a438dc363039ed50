//! The `postmortem` command end to end, on the golden example reports in `tests/golden/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden")
}

/// The example reports, each with its expected Markdown.
fn golden_reports() -> Vec<PathBuf> {
    let mut reports: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("tests/golden exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    reports.sort();
    assert!(
        reports.len() >= 5,
        "at least five golden reports, found {}",
        reports.len()
    );
    reports
}

fn postmortem(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("postmortem-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

#[test]
fn export_gives_the_golden_markdown_byte_for_byte() {
    for json in golden_reports() {
        let expected = std::fs::read_to_string(json.with_extension("md")).expect("golden Markdown exists");
        let output = postmortem(&["export", json.to_str().unwrap()]);
        assert!(output.status.success(), "{}: {}", json.display(), stderr(&output));
        assert_eq!(
            stdout(&output),
            expected,
            "{} differs from its golden Markdown",
            json.display()
        );
    }
}

#[test]
fn export_writes_to_a_file_with_o() {
    let json = &golden_reports()[0];
    let out = scratch("out.md");
    let output = postmortem(&[
        "export",
        json.to_str().unwrap(),
        "--format",
        "md",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        std::fs::read_to_string(json.with_extension("md")).unwrap()
    );
}

#[test]
fn json_export_round_trips_losslessly() {
    for json in golden_reports() {
        let original = postmortem_core::from_json(&std::fs::read_to_string(&json).unwrap()).expect("golden JSON reads");
        let output = postmortem(&["export", json.to_str().unwrap(), "--format", "json"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let exported = stdout(&output);
        assert_eq!(
            postmortem_core::from_json(&exported).expect("export reads back"),
            original,
            "{}",
            json.display()
        );
        // The checked-in files are canonical, so exporting them changes nothing.
        assert_eq!(
            exported,
            std::fs::read_to_string(&json).unwrap(),
            "{} is not in canonical form",
            json.display()
        );
    }
}

#[test]
fn validate_exits_0_without_errors_and_lists_warnings() {
    let json = golden_dir().join("03-queue-backlog.json");
    let output = postmortem(&["validate", json.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(
        text.contains("warning: measures.tasks[0].owner: This task has no owner."),
        "{text}"
    );
    assert!(text.ends_with("0 error(s), 8 warning(s)\n"), "{text}");
}

#[test]
fn validate_exits_1_on_errors() {
    let file = scratch("draft.json");
    std::fs::write(&file, r#"{"format":"postmortem","version":1,"title":""}"#).unwrap();
    let output = postmortem(&["validate", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("error: title: The title is empty."), "{text}");
    assert!(text.contains("error: timeline: The timeline is empty."), "{text}");
}

#[test]
fn bad_input_is_one_line_on_stderr_with_exit_2() {
    let cases = [
        (
            "not-json.json",
            "{ nope".as_bytes(),
            "not valid JSON: key must be a string at line 1 column 3",
        ),
        (
            "foreign.json",
            br#"{"format":"adr","version":1}"#.as_slice(),
            "`format` is \"adr\", but a postmortem document has \"postmortem\"",
        ),
        (
            "future.json",
            br#"{"format":"postmortem","version":7}"#.as_slice(),
            "`version` is 7, newer than this tool reads (2)",
        ),
        (
            "range.json",
            br#"{"format":"postmortem","version":1,"title":"T","summary":{"users_affected_percent":-3}}"#.as_slice(),
            "`summary.users_affected_percent`: -3 is out of range",
        ),
        ("binary.json", b"\xff\xfe{}".as_slice(), "not UTF-8 text"),
    ];
    for (name, content, message) in cases {
        let file = scratch(name);
        std::fs::write(&file, content).unwrap();
        for command in ["export", "validate"] {
            let output = postmortem(&[command, file.to_str().unwrap()]);
            assert_eq!(output.status.code(), Some(2), "{command} {name}");
            let err = stderr(&output);
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.starts_with(&format!("postmortem: {}: ", file.display())), "{err}");
            assert!(err.contains(message), "{command} {name}: {err}");
            assert!(output.stdout.is_empty());
        }
    }
}

#[test]
fn missing_file_and_bad_usage_exit_2() {
    let missing = postmortem(&["export", "/nonexistent/report.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("/nonexistent/report.json: cannot read"));
    for args in [
        &["frobnicate"][..],
        &["export"],
        &["export", "a.json", "--format", "pdf"],
        &["export", "a.json", "--colour"],
        &["validate"],
        &["validate", "a", "b"],
    ] {
        let output = postmortem(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&output).lines().count(), 1, "{args:?}");
    }
}

#[test]
fn help_on_each_command() {
    for (args, needle) in [
        (&["--help"][..], "Usage:"),
        (&["export", "--help"], "--format md|json"),
        (&["validate", "--help"], "Exit status: 0 no errors"),
        (&["import", "--help"], "--format json|md"),
    ] {
        let output = postmortem(args);
        assert!(output.status.success(), "{args:?}");
        assert!(stdout(&output).contains(needle), "{args:?}");
    }
}

#[test]
fn reads_standard_input_with_a_dash() {
    use std::io::Write;
    let json = &golden_reports()[0];
    let mut child = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .args(["export", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(json).unwrap())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert_eq!(
        stdout(&output),
        std::fs::read_to_string(json.with_extension("md")).unwrap()
    );
}

#[test]
fn import_reads_the_golden_markdown_back_into_its_report() {
    for json in golden_reports() {
        let md = json.with_extension("md");
        let output = postmortem(&["import", md.to_str().unwrap(), "--format", "md"]);
        assert!(output.status.success(), "{}: {}", md.display(), stderr(&output));
        assert_eq!(
            stdout(&output),
            std::fs::read_to_string(&md).unwrap(),
            "{}",
            md.display()
        );
    }
}

#[test]
fn import_of_every_shared_sample_gives_a_report_and_notes() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples");
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in [samples.clone(), samples.join("more")] {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if (name.ends_with(".txt") || name.ends_with(".md")) && name != "README.md" {
                files.push(path);
            }
        }
    }
    assert_eq!(files.len(), 15);
    for file in files {
        let out = scratch("imported.json");
        let output = postmortem(&["import", file.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert!(output.status.success(), "{}: {}", file.display(), stderr(&output));
        let validated = postmortem(&["validate", out.to_str().unwrap()]);
        assert_ne!(
            validated.status.code(),
            Some(2),
            "{}: {}",
            file.display(),
            stderr(&validated)
        );
    }
}

#[test]
fn import_reads_standard_input_and_notes_what_it_guessed() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .args(["import", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let text = "# Disk full\n\n## Timeline (all times PST)\n\n- 10:00 am disk alert\n\nStray line.\n";
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("\"title\": \"Disk full\""),
        "{}",
        stdout(&output)
    );
    assert!(
        stderr(&output).contains("postmortem: note: PST was read as UTC-08:00"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn import_of_a_binary_file_fails_with_exit_2() {
    let path = scratch("picture.md");
    std::fs::write(&path, [0x89, b'P', b'N', b'G', 0xff, 0xfe]).unwrap();
    let output = postmortem(&["import", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not UTF-8"), "{}", stderr(&output));
}

#[test]
fn every_template_exports_its_golden_markdown_and_reads_back_exactly() {
    let report = golden_dir().join("06-search-alias-swap.json");
    let original = postmortem_core::from_json(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let mut checked = 0;
    for template in postmortem_core::Template::ALL {
        let golden = match template {
            postmortem_core::Template::Classic => golden_dir().join("06-search-alias-swap.md"),
            other => golden_dir().join(format!("templates/06-search-alias-swap.{}.md", other.key())),
        };
        let output = postmortem(&["export", report.to_str().unwrap(), "--template", template.key()]);
        assert!(output.status.success(), "{}", stderr(&output));
        let markdown = stdout(&output);
        assert_eq!(markdown, std::fs::read_to_string(&golden).unwrap(), "{template:?}");
        let imported = postmortem_core::import_markdown(&markdown);
        assert!(imported.notes.is_empty(), "{template:?}: {:?}", imported.notes);
        let mut expected = original.clone();
        expected.template = *template;
        assert_eq!(imported.report, expected, "{template:?}");
        checked += 1;
    }
    assert_eq!(checked, 4);
}

#[test]
fn new_prints_an_empty_report_in_a_template() {
    let output = postmortem(&["new", "--template", "atlassian"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = postmortem_core::from_json(&stdout(&output)).expect("a report the app opens");
    assert_eq!(report.template, postmortem_core::Template::Atlassian);
    assert!(report.lessons_learned.is_some());
    let markdown = stdout(&postmortem(&["new", "--template", "google-sre", "--format", "md"]));
    assert_eq!(markdown, "# Untitled postmortem\n\n**Template:** Google SRE\n");
    let blank = postmortem_core::from_json(&stdout(&postmortem(&["new", "--template", "blank"]))).unwrap();
    assert_eq!(blank, postmortem_core::Report::default());
    let unknown = postmortem(&["new", "--template", "itil"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown template `itil` (use classic, google-sre, pagerduty, atlassian)"));
}

fn stats_json(args: &[&str]) -> (serde_json::Value, Output) {
    let mut all = vec!["stats", "--format", "json"];
    all.extend_from_slice(args);
    let output = postmortem(&all);
    let value = serde_json::from_str(&stdout(&output)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&output)));
    (value, output)
}

/// A report's key times are the same read from its JSON or from its Markdown export, and
/// are the ones its timeline's marks give (checked by hand against the golden timeline).
#[test]
fn stats_gives_each_report_its_key_times() {
    let json = golden_dir().join("06-search-alias-swap.json");
    let md = golden_dir().join("06-search-alias-swap.md");
    let (value, output) = stats_json(&[json.to_str().unwrap(), md.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let reports = value["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 2);
    for report in reports {
        assert_eq!(report["started"], "2026-05-12T13:40:00+02:00");
        assert_eq!(report["detected"], "2026-05-12T13:46:00+02:00");
        assert_eq!(report["time_to_detect_minutes"], 6);
        assert_eq!(report["time_to_acknowledge_minutes"], 3);
        assert_eq!(report["time_to_mitigate_minutes"], 27);
        assert_eq!(report["time_to_resolve_minutes"], 45);
        assert_eq!(report["inferred"], serde_json::json!([]));
    }
    let all = &value["summary"][0];
    assert_eq!(all["group"], "all");
    assert_eq!(all["key_times"]["time_to_resolve_minutes"]["median"], 45.0);
}

/// Over the shared real reports: every one is read (the folder's README and facts file are
/// named on standard error as not postmortems, and counted), and the key times of three
/// agree with their timelines as read by hand:
/// - 000: impact 15:00, first alert 15:05, investigation 15:15, settings reverted 16:15,
///   services restored 16:30;
/// - 29: impact and alerts 14:10, logs investigated 14:25, a restart at 14:40 that did not
///   help, the fix deployed 16:10, fully restored 16:45;
/// - 13: the breakdown 2024-01-10 07:00, detected 07:15, fixed and restored on 2024-01-15 13:00.
#[test]
fn stats_over_the_shared_samples_reads_every_report() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples");
    let (value, output) = stats_json(&[samples.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "README.md and expected.json are not reports"
    );
    let err = stderr(&output);
    assert!(err.contains("README.md: no postmortem found"), "{err}");
    assert!(err.contains("expected.json"), "{err}");
    assert!(err.contains("2 file(s) could not be read"), "{err}");
    assert_eq!(value["unreadable"], 2);
    let reports = value["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 15);
    let find = |prefix: &str| {
        reports
            .iter()
            .find(|r| r["file"].as_str().unwrap().contains(prefix))
            .unwrap_or_else(|| panic!("{prefix}"))
    };
    let minutes = |r: &serde_json::Value| {
        ["detect", "acknowledge", "mitigate", "resolve"].map(|m| r[format!("time_to_{m}_minutes")].as_i64())
    };
    assert_eq!(minutes(find("000_")), [Some(5), Some(10), Some(75), Some(90)]);
    assert_eq!(minutes(find("29_")), [Some(0), Some(15), Some(120), Some(155)]);
    assert_eq!(find("13_")["time_to_detect_minutes"], 15);
    assert_eq!(find("13_")["time_to_resolve_minutes"], 7560);
}

#[test]
fn stats_keeps_going_past_a_bad_file_and_filters_by_date() {
    let dir = scratch("stats");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(golden_dir().join("06-search-alias-swap.json"), dir.join("a.json")).unwrap();
    std::fs::copy(golden_dir().join("01-checkout-tls.json"), dir.join("b.json")).unwrap();
    std::fs::write(dir.join("broken.json"), "{ not json").unwrap();
    let (value, output) = stats_json(&[dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("broken.json"), "{}", stderr(&output));
    assert_eq!(value["reports"].as_array().unwrap().len(), 2);
    std::fs::remove_file(dir.join("broken.json")).unwrap();
    let (value, output) = stats_json(&[dir.to_str().unwrap(), "--since", "2026-05-01"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let files: Vec<&str> = value["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with("a.json"));
    let csv = postmortem(&["stats", dir.to_str().unwrap(), "--format", "csv"]);
    let text = stdout(&csv);
    assert!(
        text.starts_with("file,title,severity,started,detected,acknowledged,mitigated,resolved,time_to_detect_minutes"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 3);
    let table = stdout(&postmortem(&["stats", dir.to_str().unwrap()]));
    assert!(table.contains("time to resolve"), "{table}");
    let bad = postmortem(&["stats", dir.to_str().unwrap(), "--since", "May"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("not a date"));
}

/// `lint` places each finding at its line and column in the Markdown it read, names its rule,
/// and exits 1 only for errors.
#[test]
fn lint_places_findings_in_the_file() {
    let md = scratch("lint.md");
    std::fs::write(
        &md,
        "# Queue stall\n\n## Issue Summary\n\n- **Impact:** Invoices went out late.\n\n## Root Cause and Resolution\n\n### Root Cause\n\nA lease expired. The on-call should have noticed the lag.\n\n## Corrective and Preventative Measures\n\n- [ ] Be more careful with leases.\n",
    )
    .unwrap();
    let output = postmortem(&["lint", md.to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "errors: the timeline is missing\n{text}");
    let file = md.display().to_string();
    assert!(
        text.contains(&format!(
            "{file}:11:30: warning: blameless/counterfactual: “should have noticed”"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{file}:15:7: warning: actionable/try-harder: “Be more careful”"
        )),
        "{text}"
    );
    assert!(text.contains(": error: required/timeline: "), "{text}");
    assert!(text.lines().last().unwrap().contains("error(s)"), "{text}");

    let json = postmortem(&[
        "lint",
        "--format",
        "json",
        md.to_str().unwrap(),
        "--off",
        "actionable/try-harder",
    ]);
    let findings: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let all = findings.as_array().unwrap();
    let advice = all.iter().find(|f| f["rule"] == "blameless/counterfactual").unwrap();
    assert_eq!(
        (advice["line"].as_u64(), advice["column"].as_u64()),
        (Some(11), Some(30))
    );
    assert_eq!(advice["level"], "warning");
    assert_eq!(advice["file"], file.as_str());
    assert!(all.iter().all(|f| f["rule"] != "actionable/try-harder"));
    assert!(all
        .iter()
        .all(|f| ["error", "warning", "suggestion"].contains(&f["level"].as_str().unwrap())));

    // A finished report: no errors, exit 0; an unreadable one: exit 2.
    let golden = golden_dir().join("01-checkout-tls.md");
    assert_eq!(postmortem(&["lint", golden.to_str().unwrap()]).status.code(), Some(0));
    let bad = scratch("bad.json");
    std::fs::write(&bad, "{").unwrap();
    let failed = postmortem(&["lint", bad.to_str().unwrap()]);
    assert_eq!(failed.status.code(), Some(2));
    assert!(stderr(&failed).contains("bad.json"));
}

/// A folder of real reports, our goldens and broken files: every finding that quotes a phrase
/// is at a line and column where that phrase is; each broken file gets its message; the four
/// formats say the same findings.
#[test]
fn lint_over_a_folder_in_every_format() {
    let dir = scratch("lint-folder");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("samples")).unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples");
    for entry in std::fs::read_dir(&samples)
        .unwrap()
        .chain(std::fs::read_dir(samples.join("more")).unwrap())
    {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt" || e == "md") {
            std::fs::copy(&path, dir.join("samples").join(path.file_name().unwrap())).unwrap();
        }
    }
    for golden in golden_reports() {
        std::fs::copy(&golden, dir.join(golden.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.join("written.md"),
        "# Queue stall\n\n## Issue Summary\n\n- **Impact:** Invoices went out late.\n\n## Root Cause and Resolution\n\n### Root Cause\n\nThe on-call should have noticed the lag. What a mess!!\n",
    )
    .unwrap();
    std::fs::write(dir.join("binary.md"), b"\x00\x01\x02PNG").unwrap();
    std::fs::write(dir.join("empty.md"), "").unwrap();
    std::fs::write(dir.join("huge.md"), "x".repeat(5 * 1024 * 1024 + 1)).unwrap();
    std::fs::write(dir.join("broken.json"), "{ \"format\": ").unwrap();
    std::fs::write(dir.join(".hidden.md"), "# Not read\n").unwrap();
    std::fs::write(dir.join(".ignore"), "ignored/\n").unwrap();
    std::fs::create_dir_all(dir.join("ignored")).unwrap();
    std::fs::write(dir.join("ignored/skipped.json"), "{").unwrap();

    let text = postmortem(&["lint", dir.to_str().unwrap()]);
    assert_eq!(text.status.code(), Some(2), "unreadable files fail the run");
    let err = stderr(&text);
    for (file, why) in [
        ("binary.md", "binary"),
        ("empty.md", "empty"),
        ("huge.md", "too large"),
        ("broken.json", "broken.json"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(file) && l.contains(why)),
            "{file}: {err}"
        );
    }
    assert!(
        !err.contains("skipped.json") && !stdout(&text).contains(".hidden.md"),
        "{err}"
    );
    let out = stdout(&text);
    let mut quoted = 0;
    for line in out.lines().filter(|l| l.contains(": “")) {
        let mut parts = line.splitn(4, ':');
        let (file, row, column) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
        let phrase = line.split('“').nth(1).unwrap().split('”').next().unwrap();
        let source = std::fs::read_to_string(file).unwrap();
        let at = source.lines().nth(row.parse::<usize>().unwrap() - 1).unwrap();
        let from: String = at.chars().skip(column.parse::<usize>().unwrap() - 1).collect();
        assert!(from.starts_with(phrase), "{line}\n{at}");
        quoted += 1;
    }
    assert!(quoted >= 3, "{out}");
    let count = out
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: ") || l.contains(": suggestion: "))
        .count();

    let json: serde_json::Value = serde_json::from_str(&stdout(&postmortem(&[
        "lint",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(json.as_array().unwrap().len(), count);

    let github = stdout(&postmortem(&["lint", dir.to_str().unwrap(), "--format", "github"]));
    assert_eq!(github.lines().count(), count);
    let line = github.lines().find(|l| l.contains("blameless/counterfactual")).unwrap();
    assert!(line.starts_with("::warning file="), "{line}");
    assert!(
        line.contains(",line=11,col=13,title=blameless/counterfactual::"),
        "{line}"
    );
    assert!(!line.contains("file=./"), "{line}");

    let sarif: serde_json::Value = serde_json::from_str(&stdout(&postmortem(&[
        "lint",
        dir.to_str().unwrap(),
        "--format",
        "sarif",
    ])))
    .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "postmortem");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), count);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1 && region["startColumn"].as_u64().unwrap() >= 1);
    }
    let counterfactual = rules.iter().find(|r| r["id"] == "blameless/counterfactual").unwrap();
    assert!(counterfactual["helpUri"].as_str().unwrap().starts_with("https://"));

    // Without the broken files, warnings fail only when denied.
    for broken in ["binary.md", "empty.md", "huge.md", "broken.json"] {
        std::fs::remove_file(dir.join(broken)).unwrap();
    }
    let written = dir.join("written.md");
    let _ = std::fs::remove_dir_all(dir.join("samples"));
    for golden in golden_reports() {
        let _ = std::fs::remove_file(dir.join(golden.file_name().unwrap()));
    }
    std::fs::write(
        &written,
        std::fs::read_to_string(golden_dir().join("01-checkout-tls.md"))
            .unwrap()
            .replace("Root Cause:** ", "Root Cause:** Obviously, "),
    )
    .unwrap();
    let lenient = postmortem(&["lint", dir.to_str().unwrap()]);
    assert_eq!(lenient.status.code(), Some(0), "{}", stdout(&lenient));
    let strict = postmortem(&[
        "lint",
        dir.to_str().unwrap(),
        "--deny",
        "warnings",
        "--off",
        "tone/condescending",
    ]);
    assert_eq!(strict.status.code(), Some(0), "{}", stdout(&strict));
}

/// `fmt --check` passes on our goldens; a report written in another shape would change, and
/// `--check` writes nothing; `fmt` rewrites it as the export writes it, keeping CRLF.
#[test]
fn fmt_checks_and_rewrites_in_the_canonical_shape() {
    let check = postmortem(&["fmt", "--check", golden_dir().to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}{}", stdout(&check), stderr(&check));
    let canonical = std::fs::read_to_string(golden_dir().join("02-dns-ttl.md")).unwrap();
    // The same report, with a bullet marker and spacing an author might use.
    let reshaped = canonical
        .replacen("\n- ", "\n* ", 1)
        .replacen("\n\n## Timeline", "\n\n\n## Timeline", 1);
    assert_ne!(reshaped, canonical);
    let file = scratch("reshaped.md");
    std::fs::write(&file, &reshaped).unwrap();
    let check = postmortem(&["fmt", "--check", file.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1), "{}{}", stdout(&check), stderr(&check));
    assert!(stdout(&check).contains("would change"), "{}", stdout(&check));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        reshaped,
        "--check writes nothing"
    );
    let fmt = postmortem(&["fmt", file.to_str().unwrap()]);
    assert_eq!(fmt.status.code(), Some(0), "{}", stderr(&fmt));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), canonical);

    let crlf = scratch("crlf.md");
    std::fs::write(&crlf, reshaped.replace('\n', "\r\n")).unwrap();
    assert_eq!(postmortem(&["fmt", crlf.to_str().unwrap()]).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&crlf).unwrap(), canonical.replace('\n', "\r\n"));

    // A report read with guesses is left alone unless forced.
    let guessed = scratch("guessed.md");
    std::fs::write(
        &guessed,
        "# Outage\n\n## Overview\n\nThe API was down.\n\n## Timeline\n\n- 10:00 alert fired\n",
    )
    .unwrap();
    let before = std::fs::read_to_string(&guessed).unwrap();
    let left = postmortem(&["fmt", guessed.to_str().unwrap()]);
    assert_eq!(left.status.code(), Some(0));
    assert!(stderr(&left).contains("left as it is"), "{}", stderr(&left));
    assert_eq!(std::fs::read_to_string(&guessed).unwrap(), before);
    assert_eq!(
        postmortem(&["fmt", "--force", guessed.to_str().unwrap()]).status.code(),
        Some(0)
    );
    assert!(std::fs::read_to_string(&guessed).unwrap().contains("## Issue Summary"));
}

/// A comment in the report turns a rule off for its stretch of lines.
#[test]
fn lint_honours_comments_that_turn_rules_off() {
    let md = scratch("quiet.md");
    std::fs::write(
        &md,
        "# Queue stall\n\n## Issue Summary\n\n- **Impact:** Invoices went out late.\n\n## Root Cause and Resolution\n\n### Root Cause\n\n<!-- postmortem-lint disable-next-line blameless/counterfactual -->\nThe on-call should have noticed the lag.\n\nThe lead should have paged the team.\n",
    )
    .unwrap();
    let text = stdout(&postmortem(&["lint", md.to_str().unwrap()]));
    let counterfactuals: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("blameless/counterfactual"))
        .collect();
    assert_eq!(counterfactuals.len(), 1, "{text}");
    assert!(counterfactuals[0].contains(":14:10:"), "{text}");
}

/// `.postmortem.toml`, found upwards from each file: rules off or at another level, phrases
/// allowed, fields required, the template `fmt` uses; a bad key is named with its line.
#[test]
fn a_repository_config_shapes_lint_and_fmt() {
    let dir = scratch("configured");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("reports/2026")).unwrap();
    let report = dir.join("reports/2026/queue.md");
    std::fs::write(
        &report,
        std::fs::read_to_string(golden_dir().join("02-dns-ttl.md"))
            .unwrap()
            .replace("- **Root Cause:** ", "- **Root Cause:** Obviously!! "),
    )
    .unwrap();
    std::fs::write(
        dir.join(".postmortem.toml"),
        "template = \"atlassian\"\nrequire = [\"incident\"]\nallow = [\"obviously\"]\n\n[rules]\n\"tone/exclamation\" = \"off\"\n\"time/exact\" = \"error\"\n",
    )
    .unwrap();
    let output = postmortem(&["lint", report.to_str().unwrap()]);
    let text = stdout(&output);
    assert!(
        !text.contains("tone/exclamation") && !text.contains("tone/condescending"),
        "{text}"
    );
    assert!(text.contains(": error: time/exact: "), "{text}");
    assert!(
        text.contains(": error: required/incident: This repository requires `incident`"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&postmortem(&["lint", "--print-config", report.to_str().unwrap()]));
    assert!(
        printed.contains("template = \"atlassian\"") && printed.contains("\"time/exact\" = \"error\""),
        "{printed}"
    );

    // fmt lays the report out in the repository's template.
    let fmt = postmortem(&["fmt", report.to_str().unwrap()]);
    assert_eq!(fmt.status.code(), Some(0), "{}", stderr(&fmt));
    assert!(std::fs::read_to_string(&report)
        .unwrap()
        .contains("## Incident Summary"));

    std::fs::write(
        dir.join(".postmortem.toml"),
        "[rules]\n\"tone/exclamation\" = \"off\"\n\"tone/loud\" = \"off\"\n",
    )
    .unwrap();
    let bad = postmortem(&["lint", report.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains(".postmortem.toml:3: rules: unknown rule `tone/loud`"),
        "{}",
        stderr(&bad)
    );
}
