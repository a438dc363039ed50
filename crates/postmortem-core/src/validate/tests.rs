//! Each rule with a report that breaks it and the complete report that does not.

use super::*;
use crate::model::*;

fn at(text: &str) -> Moment {
    Moment::parse(text)
}

fn entry(time: &str, kind: EntryKind, text: &str) -> TimelineEntry {
    TimelineEntry {
        time: Some(at(time)),
        kind,
        text: text.into(),
        actor: None,
        ..Default::default()
    }
}

/// A report with nothing to find.
fn complete() -> Report {
    Report {
        title: "Search results empty after index rebuild".into(),
        summary: IssueSummary {
            started_at: Some(at("2025-03-04T10:00:00+00:00")),
            ended_at: Some(at("2025-03-04T11:30:00+00:00")),
            timezone: Some("UTC".into()),
            impact: "Searches returned no results for everyone.".into(),
            users_affected_percent: Some(100.0),
            business_impact: None,
            root_cause: "A rebuild job swapped in an empty index.".into(),
            ..Default::default()
        },
        timeline: vec![
            entry("2025-03-04T09:55:00+00:00", EntryKind::Other, "Rebuild job starts."),
            entry(
                "2025-03-04T10:05:00+00:00",
                EntryKind::Detection,
                "Alert on zero-result rate.",
            ),
            entry(
                "2025-03-04T11:30:00+00:00",
                EntryKind::Resolution,
                "Old index restored.",
            ),
        ],
        root_cause_and_resolution: RootCauseAndResolution {
            root_cause: "The job...".into(),
            resolution: "We restored...".into(),
            ..Default::default()
        },
        measures: CorrectiveMeasures {
            improvements: vec!["Check index size before swapping.".into()],
            tasks: vec![CorrectiveTask {
                text: "Add a size guard".into(),
                owner: Some("Search team".into()),
                due: Some(DueDate::parse("2025-04-01")),
                status: TaskStatus::Open,
                ..Default::default()
            }],
        },
        images: vec![Image {
            url: "https://grafana.example.com/d/abc".into(),
            alt: "Zero-result rate".into(),
        }],
        extra_sections: vec![ExtraSection {
            heading: "Appendix".into(),
            body: "Query used.".into(),
        }],
        ..Default::default()
    }
}

fn findings_at(report: &Report, path: &str) -> Vec<Finding> {
    validate(report).into_iter().filter(|f| f.path == path).collect()
}

fn assert_only(report: &Report, path: &str, level: Level, needle: &str) {
    let all = validate(report);
    assert_eq!(all.len(), 1, "expected one finding, got {all:#?}");
    assert_eq!(all[0].path, path);
    assert_eq!(all[0].level, level);
    assert!(all[0].message.contains(needle), "{:?} lacks {needle:?}", all[0].message);
}

#[test]
fn complete_report_has_no_findings() {
    assert_eq!(validate(&complete()), vec![]);
}

#[test]
fn empty_title() {
    let mut r = complete();
    r.title = "  ".into();
    assert_only(&r, "title", Level::Error, "title is empty");
}

#[test]
fn missing_start_and_end() {
    let mut r = complete();
    r.summary.started_at = None;
    assert!(findings_at(&r, "summary.started_at")
        .iter()
        .any(|f| f.level == Level::Error && f.message.contains("start time is missing")));
    let mut r = complete();
    r.summary.ended_at = None;
    assert_only(&r, "summary.ended_at", Level::Warning, "end time is missing");
}

#[test]
fn end_not_after_start() {
    let mut r = complete();
    r.summary.ended_at = Some(at("2025-03-04T10:00:00+00:00"));
    let found = findings_at(&r, "summary.ended_at");
    assert!(
        found
            .iter()
            .any(|f| f.level == Level::Error && f.message.contains("not after the start")),
        "{found:?}"
    );
}

#[test]
fn times_that_are_not_timestamps() {
    let mut r = complete();
    r.summary.started_at = Some(at("around ten"));
    let found = findings_at(&r, "summary.started_at");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].level, Level::Warning);
    assert!(found[0].message.contains("\"around ten\" is not a full date and time"));
    r.summary.started_at = Some(at(""));
    assert!(findings_at(&r, "summary.started_at")
        .iter()
        .any(|f| f.level == Level::Error));
}

#[test]
fn unknown_timezone() {
    let mut r = complete();
    r.summary.timezone = Some("PST".into());
    assert_only(&r, "summary.timezone", Level::Error, "\"PST\" is not understood");
    r.summary.timezone = Some("UTC-08:00".into());
    assert_eq!(validate(&r), vec![]);
}

#[test]
fn empty_impact_and_root_cause() {
    let mut r = complete();
    r.summary.impact = "".into();
    assert_only(&r, "summary.impact", Level::Error, "impact is empty");
    let mut r = complete();
    r.summary.root_cause = "\n".into();
    assert_only(&r, "summary.root_cause", Level::Error, "one sentence");
}

#[test]
fn percentage_out_of_range() {
    for bad in [-1.0, 100.5, f64::NAN, f64::INFINITY] {
        let mut r = complete();
        r.summary.users_affected_percent = Some(bad);
        assert_only(&r, "summary.users_affected_percent", Level::Error, "from 0 to 100");
    }
    let mut r = complete();
    r.summary.users_affected_percent = Some(0.0);
    assert_eq!(validate(&r), vec![]);
}

#[test]
fn summary_too_long() {
    let mut r = complete();
    r.summary.impact = "word ".repeat(SUMMARY_WORD_LIMIT);
    assert_only(&r, "summary", Level::Warning, "executives read about");
}

#[test]
fn empty_timeline() {
    let mut r = complete();
    r.timeline.clear();
    assert_only(&r, "timeline", Level::Error, "timeline is empty");
}

#[test]
fn timeline_out_of_order() {
    let mut r = complete();
    r.timeline.swap(1, 2);
    let found = findings_at(&r, "timeline[2].time");
    assert!(
        found.iter().any(|f| f.message.contains("earlier than the one before")),
        "{found:?}"
    );
}

#[test]
fn timeline_outside_the_window() {
    let mut r = complete();
    r.timeline
        .push(entry("2025-03-04T12:00:00+00:00", EntryKind::Mitigation, "Late"));
    assert_only(&r, "timeline[3].time", Level::Warning, "after the incident's end");
    let mut r = complete();
    r.timeline[0].kind = EntryKind::Investigation;
    assert_only(&r, "timeline[0].time", Level::Warning, "before the incident's start");
}

#[test]
fn timeline_without_detection_or_resolution() {
    let mut r = complete();
    r.timeline[1].kind = EntryKind::Investigation;
    assert_only(&r, "timeline", Level::Warning, "No entry is marked Detection");
    let mut r = complete();
    r.timeline[2].kind = EntryKind::Mitigation;
    assert_only(&r, "timeline", Level::Warning, "No entry is marked Resolution");
}

#[test]
fn empty_timeline_entry() {
    let mut r = complete();
    r.timeline[1].text = " ".into();
    assert_only(&r, "timeline[1].text", Level::Error, "no text");
}

#[test]
fn empty_root_cause_and_resolution_detail() {
    let mut r = complete();
    r.root_cause_and_resolution.root_cause.clear();
    assert_only(
        &r,
        "root_cause_and_resolution.root_cause",
        Level::Error,
        "chain of events",
    );
    let mut r = complete();
    r.root_cause_and_resolution.resolution.clear();
    assert_only(
        &r,
        "root_cause_and_resolution.resolution",
        Level::Error,
        "restored service",
    );
}

#[test]
fn no_measures() {
    let mut r = complete();
    r.measures = CorrectiveMeasures::default();
    assert_only(&r, "measures", Level::Error, "at least one task");
}

#[test]
fn empty_improvement_and_task() {
    let mut r = complete();
    r.measures.improvements.push(String::new());
    assert_only(&r, "measures.improvements[1]", Level::Error, "improvement is empty");
    let mut r = complete();
    r.measures.tasks[0].text.clear();
    assert_only(&r, "measures.tasks[0].text", Level::Error, "task is empty");
}

#[test]
fn task_without_owner_or_due_date() {
    let mut r = complete();
    r.measures.tasks[0].owner = None;
    assert_only(&r, "measures.tasks[0].owner", Level::Warning, "no owner");
    let mut r = complete();
    r.measures.tasks[0].due = None;
    assert_only(&r, "measures.tasks[0].due", Level::Warning, "no due date");
    // A task already done needs neither.
    r.measures.tasks[0].owner = None;
    r.measures.tasks[0].status = TaskStatus::Done;
    assert_eq!(validate(&r), vec![]);
}

#[test]
fn invalid_image_urls() {
    for bad in [
        "javascript:alert(1)",
        "grafana/d/abc",
        "https://",
        "https://exa mple.com",
        "ftp://example.com/x.png",
    ] {
        let mut r = complete();
        r.images[0].url = bad.into();
        assert_only(&r, "images[0].url", Level::Error, "not a web address");
    }
    let mut r = complete();
    r.images[0].alt.clear();
    assert_only(&r, "images[0].alt", Level::Warning, "no description");
}

#[test]
fn extra_section_without_heading() {
    let mut r = complete();
    r.extra_sections[0].heading.clear();
    assert_only(&r, "extra_sections[0].heading", Level::Error, "no heading");
}

#[test]
fn counts_errors_and_warnings() {
    let mut r = complete();
    r.title.clear();
    r.summary.ended_at = None;
    assert_eq!(count(&validate(&r)), (1, 1));
}

#[test]
fn one_entry_per_milestone_and_a_severity_on_a_scale() {
    let mut r = complete();
    r.timeline[1].milestone = Some(Milestone::Detected);
    r.timeline[2].milestone = Some(Milestone::Detected);
    r.severity = Severity::parse("Major-ish");
    let messages =
        |r: &Report, path: &str| -> Vec<String> { findings_at(r, path).into_iter().map(|f| f.message).collect() };
    assert_eq!(
        messages(&r, "timeline[2].milestone"),
        ["Entry 2 already marks when the incident was detected; only one entry can."]
    );
    assert!(messages(&r, "timeline[1].milestone").is_empty());
    assert!(messages(&r, "severity")[0].contains("on no scale"));
    r.severity = Severity::parse("sev-0");
    assert_eq!(r.severity.as_ref().map(Severity::label), Some("SEV0"));
    assert!(messages(&r, "severity").is_empty());
}

#[test]
fn marked_milestones_go_in_order() {
    let mut r = complete();
    r.timeline[1].milestone = Some(Milestone::Resolved);
    r.timeline[2].milestone = Some(Milestone::Detected);
    assert_only(
        &r,
        "timeline[1].milestone",
        Level::Error,
        "Marked resolved at 10:05, before detected at 11:30 (entry 3)",
    );
    r.timeline[1].milestone = Some(Milestone::Detected);
    r.timeline[2].milestone = Some(Milestone::Resolved);
    assert_eq!(validate(&r), vec![]);
}

#[test]
fn a_milestone_needs_a_full_time_and_the_impact_to_have_begun() {
    let mut r = complete();
    r.timeline[1].milestone = Some(Milestone::Detected);
    r.timeline[1].time = Some(Moment::AsWritten("a few minutes later".into()));
    let found = findings_at(&r, "timeline[1].milestone");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("not a full date and time"));
    let mut r = complete();
    r.timeline[0].milestone = Some(Milestone::Declared);
    assert_only(&r, "timeline[0].milestone", Level::Warning, "before the impact start");
}

#[test]
fn measuring_from_a_declaration_needs_one() {
    let mut r = complete();
    r.summary.key_times_from = TimesFrom::Declared;
    assert_only(
        &r,
        "summary.key_times_from",
        Level::Warning,
        "no timeline entry is marked declared",
    );
    r.timeline[1].milestone = Some(Milestone::Declared);
    assert_eq!(validate(&r), vec![]);
}

#[test]
fn a_reviewed_postmortem_names_its_reviewers() {
    let mut r = complete();
    r.review = Some(Review {
        status: ReviewStatus::Reviewed,
        ..Default::default()
    });
    assert_only(&r, "review.reviewers", Level::Warning, "say who reviewed it");
    r.review.as_mut().unwrap().reviewers = vec!["Jun Takeda".into()];
    assert_eq!(validate(&r), vec![]);
}
