use super::*;
use crate::model::*;
use crate::{from_json, to_markdown};
use chrono::{DateTime, FixedOffset, TimeZone};
use proptest::prelude::*;

fn import(text: &str) -> Report {
    import_markdown(text).report
}

#[test]
fn our_golden_reports_read_back_exactly() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/golden");
    let mut read = 0;
    for entry in std::fs::read_dir(dir).expect("golden folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let mut report = from_json(&std::fs::read_to_string(&path).expect("golden json")).expect("golden report");
            // The export shows times in one timezone; the import records it even where the
            // start time's offset implied it.
            if report.summary.timezone.is_none() && report.summary.started_at.as_ref().and_then(Moment::exact).is_some()
            {
                let display = crate::time::TimeDisplay::for_summary(&report.summary);
                report.summary.timezone = Some(display.label().to_owned());
            }
            let imported = import_markdown(&to_markdown(&report));
            assert_eq!(imported.report, report, "{}", path.display());
            assert!(imported.notes.is_empty(), "{}: {:?}", path.display(), imported.notes);
            read += 1;
        }
    }
    assert_eq!(read, 6);
}

#[test]
fn bold_label_report_without_headings() {
    let report = import(
        "**Checkout outage**\n\n**Issue Summary:**\n- **Duration:** March 3, 2025, 09:10 - 10:00 UTC\n\
         - **Impact:** Payments failed for 40% of users.\n- **Root Cause:** An expired certificate.\n\n\
         **Timeline:**\n- **09:10 UTC:** Alerts fired.\n- **09:30 UTC:** Escalated to the payments team.\n\n\
         **Corrective and Preventative Measures:**\n- **Improvements:**\n  - Alert on certificate expiry.\n\
         - **Tasks:**\n  1. Renew certificates automatically.\n",
    );
    assert_eq!(report.title, "Checkout outage");
    let start = report.summary.started_at.as_ref().and_then(Moment::exact).unwrap();
    assert_eq!(start.to_rfc3339(), "2025-03-03T09:10:00+00:00");
    assert_eq!(report.summary.users_affected_percent, Some(40.0));
    assert_eq!(report.summary.root_cause, "An expired certificate.");
    assert_eq!(report.timeline.len(), 2);
    assert_eq!(report.timeline[1].text, "Escalated to the payments team.");
    assert_eq!(report.measures.improvements, ["Alert on certificate expiry."]);
    assert_eq!(report.measures.tasks[0].text, "Renew certificates automatically.");
    assert_eq!(report.summary.timezone.as_deref(), Some("UTC"));
}

#[test]
fn times_grouped_under_date_lines_with_the_zone_in_the_heading() {
    let report = import(
        "# Queue stall\n\n## Timeline (all times PST)\n\n### March 3, 2025\n\n- 11:50 pm - Backlog grows\n\n\
         ### March 4, 2025\n\n- 12:20 am - Consumers restarted\n- sometime later - Queue drained\n",
    );
    let times: Vec<String> = report
        .timeline
        .iter()
        .map(|e| e.time.as_ref().map(Moment::to_json_string).unwrap_or_default())
        .collect();
    assert_eq!(times, ["2025-03-03T23:50:00-08:00", "2025-03-04T00:20:00-08:00", ""]);
    assert_eq!(report.timeline[2].text, "sometime later - Queue drained");
    assert_eq!(report.summary.timezone.as_deref(), Some("UTC-08:00"));
}

#[test]
fn times_without_a_day_follow_the_dated_entry_before_them_past_midnight() {
    let imported = import_markdown(
        "# T\n\n## Timeline (UTC)\n\n- 2024-05-01 22:10 Alert fired\n- 23:50 Failover started\n\
         - 00:20 Failover done\n- 09:00 Review\n- 2024-05-03 10:00 Follow-up\n",
    );
    assert_eq!(
        times_of(&imported.report),
        [
            "2024-05-01T22:10:00+00:00",
            "2024-05-01T23:50:00+00:00",
            "2024-05-02T00:20:00+00:00",
            "2024-05-02T09:00:00+00:00",
            "2024-05-03T10:00:00+00:00"
        ]
    );
    assert!(
        imported.notes.iter().any(|n| n.contains("passes midnight")),
        "{:?}",
        imported.notes
    );
}

#[test]
fn the_window_is_read_from_entries_that_tell_the_failure_began_and_ended() {
    let report = import(
        "# T\n\n## Timeline (UTC)\n\n- 2024-05-01 09:50 Deploy of the new cache\n- 10:00 The API went down\n\
         - 10:05 Paged the on-call\n- 10:40 Traffic back to normal\n- 11:00 Review booked\n",
    );
    let at = |m: &Option<Moment>| m.as_ref().map(Moment::to_json_string);
    assert_eq!(
        at(&report.summary.started_at).as_deref(),
        Some("2024-05-01T10:00:00+00:00")
    );
    assert_eq!(
        at(&report.summary.ended_at).as_deref(),
        Some("2024-05-01T10:40:00+00:00")
    );
    // The summary tells the start only: the end is the first recovery after it.
    let report = import(
        "# T\n\n## Summary\n\nOn May 1, 2024, at ~5:08pm, the shop went down after a deploy.\n\n\
         ## Timeline\n\n- 16:40 Deploy\n- 17:08 Shop down\n- 17:50 Shop back up\n- 18:25 Back up again\n",
    );
    assert!(report.summary.started_at.is_some());
    let end = at(&report.summary.ended_at);
    assert!(end.as_deref().is_some_and(|e| e.contains("17:50")), "{end:?}");
}

#[test]
fn table_timeline_keeps_unreadable_times_as_written() {
    let imported = import_markdown(
        "# T\n\n## Timeline\n\n| Time (UTC) | Event | Who |\n|---|---|---|\n\
         | 2024-05-01 10:00 | Deploy | Ana |\n| 10:7:3 | Typo time | Bo |\n| 2024-05-02 | Patch released | |\n",
    );
    let timeline = &imported.report.timeline;
    assert_eq!(timeline.len(), 3);
    assert_eq!(timeline[0].actor.as_deref(), Some("Ana"));
    assert_eq!(timeline[1].time, Some(Moment::AsWritten("10:7:3".into())));
    // A day without a time of day is no time: the entry keeps the day in its text.
    assert_eq!(timeline[2].time, None);
    assert_eq!(timeline[2].text, "2024-05-02 — Patch released");
    assert!(
        imported.notes.iter().any(|n| n.contains("could not be read")),
        "{:?}",
        imported.notes
    );
}

#[test]
fn tasks_with_owners_and_due_dates() {
    let report = import(
        "# T\n\n## Action Items\n\n- [x] Rotate keys\n  Owner: @amina\n  Tracking: `SEC-1`. Due: 22 July 2026.\n\
         - [ ] Add an alert - ETA: 2 weeks\n",
    );
    let tasks = &report.measures.tasks;
    assert_eq!(tasks.len(), 2);
    assert!(tasks[0].is_done());
    assert_eq!(tasks[0].owner.as_deref(), Some("@amina"));
    assert_eq!(
        tasks[0].due,
        Some(DueDate::Date(NaiveDate::from_ymd_opt(2026, 7, 22).unwrap()))
    );
    assert_eq!(tasks[0].text, "Rotate keys Tracking: `SEC-1`.");
    assert_eq!(tasks[1].due, Some(DueDate::AsWritten("2 weeks".into())));
    assert_eq!(tasks[1].text, "Add an alert");
}

#[test]
fn measures_written_one_a_line_without_list_markers() {
    let source = [
        "# T",
        "",
        "## Tasks",
        "",
        "Add an alert on disk usage.",
        "Write a runbook for the failover",
        "TODO: page the owner of the queue",
        "By doing these we hope to catch it sooner.",
        "",
        "## Corrective and Preventative Measures",
        "",
        "    * Improvements:",
        "    Review every config change before it ships.",
        "    Test the restore from backup each month.",
        "    * Tasks:",
        "\tMove the backups to a second region.",
    ]
    .join("\n");
    let imported = import_markdown(&source);
    let measures = &imported.report.measures;
    let tasks: Vec<&str> = measures.tasks.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        tasks,
        [
            "Add an alert on disk usage.",
            "Write a runbook for the failover",
            "page the owner of the queue",
            "Move the backups to a second region."
        ]
    );
    assert_eq!(
        measures.improvements,
        [
            "Review every config change before it ships.",
            "Test the restore from backup each month."
        ]
    );
    // The sentence that sums the list up is not a task, and is kept.
    let unplaced = imported
        .report
        .extra_sections
        .iter()
        .find(|s| s.heading == UNPLACED)
        .unwrap();
    assert!(unplaced.body.contains("By doing these we hope"), "{}", unplaced.body);
}

#[test]
fn measures_written_as_paragraphs_are_one_each_but_not_beside_a_list() {
    let report = import(
        "# T\n\n## Follow-up\n\nThe monitor should page more people, not\nonly the owner.\n\n\
         The docs site check points at the wrong host. (fixed)\n\nWhat else could be improved?\n`Nothing`\n",
    );
    assert_eq!(report.measures.tasks.len(), 2, "{:?}", report.measures);
    // Beside a list, a paragraph is what the list is for.
    let report =
        import("# T\n\n## Action items\n\nWe agreed on these in the review.\n\n- Add an alert\n- Write a runbook\n");
    assert_eq!(report.measures.tasks.len(), 2, "{:?}", report.measures);
}

#[test]
fn unknown_sections_and_stray_text_are_kept() {
    let imported = import_markdown(
        "Some words before anything.\n\n# Title\n\n## Customer Letter\n\nDear all, sorry.\n\n\
         ## Timeline\n\n- 10:00 Alert\n\n---\n\n<div>raw html</div>\n",
    );
    let report = &imported.report;
    assert_eq!(report.extra_sections[0].heading, "Customer Letter");
    assert_eq!(report.extra_sections[0].body, "Dear all, sorry.");
    let unplaced = report.extra_sections.iter().find(|s| s.heading == UNPLACED).unwrap();
    assert!(
        unplaced.body.contains("Some words before anything."),
        "{}",
        unplaced.body
    );
    assert!(unplaced.body.contains("<div>raw html</div>"), "{}", unplaced.body);
}

#[test]
fn images_and_links_keep_their_urls() {
    let report = import(
        "![graph](https://example.com/g.png)\n\n# T\n\n## Issue Summary\n\n\
         - **Impact:** see [the status page](https://status.example.com)\n",
    );
    assert_eq!(report.images[0].url, "https://example.com/g.png");
    assert_eq!(
        report.summary.impact,
        "see [the status page](https://status.example.com)"
    );
}

#[test]
fn empty_and_odd_inputs() {
    assert_eq!(import(""), Report::default());
    assert_eq!(import("# Untitled postmortem\n"), Report::default());
    let report = import("just a line");
    assert_eq!(report.extra_sections[0].body, "just a line");
}

#[test]
fn a_megabyte_of_markdown_imports() {
    let entry = "- **14:05 UTC** — *Detection (Dana):* Pager fired for the 5xx rate on `checkout`.\n";
    let mut text = String::from("# Big\n\n## Timeline\n\n");
    while text.len() < 1024 * 1024 {
        text.push_str(entry);
    }
    let report = import(&text);
    assert!(report.timeline.len() > 10_000);
}

#[test]
fn labelled_preamble_and_a_dated_timeline_with_bracketed_times() {
    let imported = import_markdown(
        "# Search returned stale results\n\n**Date:** 2025-02-11\n\n**Authors:** Kim, Ola\n\n\
         **Severity:** Sev-2\n\n**Status:** Action items in progress\n\n\
         **Incident start:** 2025-02-11 09:40 UTC\n\n**Time of recovery:** 2025-02-11 11:05 UTC\n\n\
         **Customer impact:** Searches showed prices up to an hour old.\n\n\
         ## Contributing Factors\n\nThe index refresher lost its lease and nobody noticed.\n\n\
         ## Timeline\n\n2025-02-11 (all times UTC)\n\n- [09:40] Refresher stops renewing its lease\n\
         - `10:15` Support reports stale prices\n- 11:05 Refresher restarted, index fresh\n",
    );
    let report = &imported.report;
    assert_eq!(report.authors, ["Kim", "Ola"]);
    assert_eq!(report.severity, Severity::parse("SEV2"));
    let exact = |m: &Option<Moment>| m.as_ref().and_then(Moment::exact).map(|t| t.to_rfc3339());
    assert_eq!(
        exact(&report.summary.started_at).as_deref(),
        Some("2025-02-11T09:40:00+00:00")
    );
    assert_eq!(
        exact(&report.summary.ended_at).as_deref(),
        Some("2025-02-11T11:05:00+00:00")
    );
    assert_eq!(report.summary.impact, "Searches showed prices up to an hour old.");
    assert_eq!(
        report.root_cause_and_resolution.root_cause,
        "The index refresher lost its lease and nobody noticed."
    );
    let times: Vec<Option<String>> = report.timeline.iter().map(|e| exact(&e.time)).collect();
    assert_eq!(
        times,
        [
            Some("2025-02-11T09:40:00+00:00".to_owned()),
            Some("2025-02-11T10:15:00+00:00".to_owned()),
            Some("2025-02-11T11:05:00+00:00".to_owned())
        ]
    );
    assert_eq!(report.timeline[1].text, "Support reports stale prices");
    let unplaced = &report
        .extra_sections
        .iter()
        .find(|s| s.heading == UNPLACED)
        .unwrap()
        .body;
    assert!(unplaced.contains("Action items in progress"), "{unplaced}");
}

fn times_of(report: &Report) -> Vec<String> {
    report
        .timeline
        .iter()
        .map(|e| e.time.as_ref().map(Moment::to_json_string).unwrap_or_default())
        .collect()
}

#[test]
fn section_names_on_plain_lines_with_text_run_on_under_them() {
    let report = import(
        "Outage of the web tier\n\nIssue Summary:\n        From 3:00 pm to 5:00 pm the site was slow.\n\n\
         Timeline:\n        3:00 pm - First complaint\n        3:15 pm - More complaints\n\n\
         Root cause:\n        A spilled drink took out the primary.\n",
    );
    assert_eq!(report.timeline.len(), 2, "{:#?}", report.timeline);
    assert_eq!(report.timeline[1].text, "More complaints");
    assert!(
        report.summary.impact.starts_with("From 3:00 pm"),
        "{:?}",
        report.summary
    );
    assert_eq!(
        report.root_cause_and_resolution.root_cause,
        "A spilled drink took out the primary."
    );
}

#[test]
fn a_window_in_prose_takes_the_date_written_beside_it() {
    let report = import(
        "# T\n\n## Issue Summary\n\nFrom 6:00 a.m. to 12:16 p.m. GMT+1, January 14, 2020, every request failed.\n",
    );
    let exact = |m: &Option<Moment>| m.as_ref().map(Moment::to_json_string);
    assert_eq!(
        exact(&report.summary.started_at).as_deref(),
        Some("2020-01-14T06:00:00+01:00")
    );
    assert_eq!(
        exact(&report.summary.ended_at).as_deref(),
        Some("2020-01-14T12:16:00+01:00")
    );
}

#[test]
fn times_grouped_under_date_bullets_rough_times_and_bold_runs() {
    let report = import(
        "# T\n\n## Timeline\n\n- **March 3, 2024:**\n  - 10:00 AM UTC: Container reset\n  - ~11:30 AM UTC: Access lost\n\
         - **March 4, 2024:**\n  - 10:05 AM UTC: Escalated\n    with more detail\n\n\
         ### March 5, 2024\n\n* **09:11:59 PM UTC — Keys restored** (ticket 7)\n",
    );
    assert_eq!(
        times_of(&report),
        [
            "2024-03-03T10:00:00+00:00",
            "2024-03-03T11:30:00+00:00",
            "2024-03-04T10:05:00+00:00",
            "2024-03-05T21:11:59+00:00"
        ]
    );
    assert_eq!(report.timeline[2].text, "Escalated\nwith more detail");
    assert_eq!(report.timeline[3].text, "**Keys restored** (ticket 7)");
}

#[test]
fn times_in_other_orders_relative_and_spaced() {
    let report = import(
        "# T\n\n## Timeline (all times PST) Saturday Oct 30th 2021 - Monday Nov 1st, 2021. All times approximate\n\n\
         03, 14, 2024, 10:00 AM UTC - Alert\n\n3rd of March 2025 12:00 UTC - Review\n\n[ 4: 45 am PST ] - Deploy\n\n\
         13:55 PM PST - Alarm\n\nT+5m - Pager fired\n",
    );
    let times = times_of(&report);
    assert_eq!(times[0], "2024-03-14T10:00:00+00:00");
    assert_eq!(times[1], "2025-03-03T12:00:00+00:00");
    // Without a day of their own, these are on the day of the dated entry before them.
    assert_eq!(times[2], "2025-03-03T04:45:00-08:00");
    assert_eq!(report.timeline[2].text, "Deploy");
    assert_eq!(times[3], "2025-03-03T13:55:00-08:00");
    assert_eq!(report.timeline[3].text, "Alarm");
    assert_eq!(times[4], "T+5m");
    assert_eq!(report.timeline[4].text, "Pager fired");
}

#[test]
fn a_table_with_its_times_in_the_second_column_and_dates_in_the_first() {
    let report = import(
        "# T\n\n## Timeline\n\n| Day | Time (UTC) | What |\n|---|---|---|\n\
         | 2024-05-01 | 10:00 | Deploy |\n| 2024-05-02 | 09:30 | Rollback |\n",
    );
    assert_eq!(
        times_of(&report),
        ["2024-05-01T10:00:00+00:00", "2024-05-02T09:30:00+00:00"]
    );
    assert_eq!(report.timeline[1].text, "Rollback");
}

#[test]
fn front_matter_titles_anchored_headings_and_fenced_reports() {
    let report = import("---\ntitle: \"Disk full on db-1\"\ndate: 2020-04-29\n---\n\n## Prolog\n\nIt filled.\n");
    assert_eq!(report.title, "Disk full on db-1");
    let anchored = import(
        "# T\n\n### [#](https://docs.example/pm.html#timeline)Timeline <a href=\"#timeline\" id=\"timeline\"></a>\n\n- 10:00 UTC alert\n",
    );
    assert_eq!(anchored.timeline.len(), 1);
    assert!(anchored.extra_sections.is_empty(), "{:?}", anchored.extra_sections);
    let fenced = import_markdown(
        "Sure, here is the postmortem:\n\n```markdown\n# Cache stampede\n\n## Timeline\n\n- 10:00 UTC alert\n\n\
         ## Root Cause\n\nA cold cache.\n```\n",
    );
    assert_eq!(fenced.report.title, "Cache stampede");
    assert_eq!(fenced.report.root_cause_and_resolution.root_cause, "A cold cache.");
    assert!(
        fenced.notes.iter().any(|n| n.contains("code block")),
        "{:?}",
        fenced.notes
    );
}

// ---- Round trip: for any report the editor can hold, reading its export gives it back. ----

use crate::test_support::{config, line_field, paragraph_field, phrase, separate_blocks_markdown};

/// Titles and extra-section headings that name a template section, which a reader could take
/// for that section.
const SECTION_LIKE: &[&str] = &[
    "Timeline of a DNS failure",
    "Issue summary: checkout outage on 1 March",
    "Root cause and resolution of the queue backlog",
    "Corrective measures after the disk filled",
    "Lessons learned",
    "Corrective and Preventative Measures",
    "Timeline",
    "Action Items",
];

fn title() -> impl Strategy<Value = String> {
    // A title in emphasis from end to end reads back without it ("# **Outage**").
    prop_oneof![
        phrase(6).prop_map(|t| format!("Outage {t}")),
        prop::sample::select(SECTION_LIKE).prop_map(String::from),
    ]
}

fn offset() -> impl Strategy<Value = FixedOffset> {
    prop::sample::select(&[0, 3600, -5 * 3600, 19800, -12600][..]).prop_map(|s| FixedOffset::east_opt(s).unwrap())
}

fn instant(offset: FixedOffset) -> impl Strategy<Value = DateTime<FixedOffset>> {
    (0i64..3 * 24 * 60, prop::bool::weighted(0.2), 0u32..60).prop_map(move |(minutes, with_seconds, seconds)| {
        let base = offset.with_ymd_and_hms(2024, 8, 22, 12, 0, 0).unwrap();
        base + chrono::TimeDelta::minutes(minutes)
            + chrono::TimeDelta::seconds(if with_seconds { seconds.max(1) as i64 } else { 0 })
    })
}

fn moment(offset: FixedOffset) -> impl Strategy<Value = Moment> {
    prop_oneof![
        4 => instant(offset).prop_map(Moment::Exact),
        1 => prop::sample::select(&["around noon", "shortly after", "unknown"][..]).prop_map(|t| Moment::AsWritten(t.into())),
    ]
}

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(&["Dana", "Ana Lima", "SRE team", "Bo"][..]).prop_map(String::from)
}

fn entry(offset: FixedOffset) -> impl Strategy<Value = TimelineEntry> {
    (
        prop::option::weighted(0.9, moment(offset)),
        prop::sample::select(&EntryKind::ALL[..]),
        paragraph_field(),
        prop::option::of(name()),
        prop::option::weighted(0.3, prop::sample::select(Milestone::ALL)),
    )
        .prop_map(|(time, kind, text, actor, milestone)| TimelineEntry {
            time,
            kind,
            text,
            actor,
            milestone,
        })
}

fn task() -> impl Strategy<Value = CorrectiveTask> {
    (
        line_field(),
        prop::option::of(name()),
        prop::option::of(prop::sample::select(&["2024-09-01", "next sprint", "Q3"][..])),
        (
            prop::sample::select(TaskStatus::ALL),
            prop::option::of(prop::sample::select(Priority::ALL)),
            prop::option::of(prop::sample::select(TaskType::ALL)),
            prop::option::of(prop::sample::select(&["OPS-12", "https://t.example/1"][..])),
        ),
    )
        .prop_map(|(text, owner, due, (status, priority, kind, ticket))| CorrectiveTask {
            text,
            owner,
            due: due.map(DueDate::parse),
            priority,
            kind,
            ticket: ticket.map(String::from),
            status,
        })
}

/// The fields version 2 added around the classic sections.
#[derive(Clone, Debug)]
struct Around {
    incident: Option<IncidentReference>,
    tags: Vec<String>,
    owner: Option<String>,
    responders: Vec<Responder>,
    figures: Vec<ImpactFigure>,
    detection: Option<DetectionMethod>,
    trigger: String,
    factors: Vec<String>,
    review: Option<Review>,
    template: Template,
}

fn around() -> impl Strategy<Value = Around> {
    let incident = prop::option::of(
        (
            prop::option::of(prop::sample::select(&["INC-1042", "#77"][..])),
            prop::option::of(prop::sample::select(
                &["https://t.example/i/1", "https://t.example/a b"][..],
            )),
        )
            .prop_filter("a key or a link", |(k, u)| k.is_some() || u.is_some())
            .prop_map(|(key, url)| IncidentReference {
                key: key.map(String::from),
                url: url.map(String::from),
            }),
    );
    let responder = (
        name(),
        prop::option::of(prop::sample::select(
            &["incident_commander", "scribe", "on-call lead"][..],
        )),
    )
        .prop_map(|(name, role)| Responder {
            name,
            role: role.map(Role::parse),
        });
    let figure = (phrase(3), prop::sample::select(&["1,240", "none", "about 3%", ""][..])).prop_map(|(name, value)| {
        ImpactFigure {
            name: format!("Figure {name}"),
            value: value.to_owned(),
        }
    });
    let review = prop::option::of(
        (
            prop::sample::select(ReviewStatus::ALL),
            prop::collection::vec(name(), 0..3),
            prop::option::of(prop::sample::select(&["2026-05-15", "next week"][..])),
            prop::collection::vec(
                prop::sample::select(&["#search", "eng-all"][..]).prop_map(String::from),
                0..2,
            ),
            prop::collection::vec(prop::sample::select(ReviewCheck::ALL), 0..3),
            prop::collection::vec(
                (prop::sample::select(&crate::writing::RULES[..]), phrase(4)).prop_map(|(rule, quote)| Dismissal {
                    rule: rule.id.to_owned(),
                    quote: crate::markdown::single_line(&quote),
                }),
                0..3,
            ),
        )
            .prop_map(|(status, reviewers, date, shared_with, checked, dismissed)| Review {
                status,
                reviewers,
                date: date.map(DueDate::parse),
                shared_with,
                checked,
                dismissed,
            })
            .prop_filter("a review says something", |r| !r.is_empty()),
    );
    (
        incident,
        prop::collection::vec(phrase(1), 0..3),
        prop::option::of(name()),
        prop::collection::vec(responder, 0..3),
        prop::collection::vec(figure, 0..3),
        prop::option::of(prop::sample::select(DetectionMethod::ALL)),
        prop::option::of(separate_blocks_markdown()),
        prop::collection::vec(line_field(), 0..3),
        review,
        prop::sample::select(Template::ALL),
    )
        .prop_map(
            |(incident, tags, owner, responders, figures, detection, trigger, factors, review, template)| Around {
                incident,
                tags,
                owner,
                responders,
                figures,
                detection,
                trigger: trigger.unwrap_or_default(),
                factors,
                review,
                template,
            },
        )
}

fn report() -> impl Strategy<Value = Report> {
    offset().prop_flat_map(|offset| {
        let summary = (
            prop::option::of(moment(offset)),
            prop::option::of(moment(offset)),
            paragraph_field(),
            prop::option::of((0u32..=10_000).prop_map(|n| f64::from(n) / 100.0)),
            prop::option::of(paragraph_field()),
            paragraph_field(),
        )
            .prop_map(
                |(started_at, ended_at, impact, users_affected_percent, business_impact, root_cause)| IssueSummary {
                    started_at,
                    ended_at,
                    timezone: None,
                    impact,
                    users_affected_percent,
                    business_impact,
                    root_cause,
                    ..Default::default()
                },
            );
        let lessons = prop::option::of(
            (
                prop::collection::vec(line_field(), 0..2),
                prop::collection::vec(line_field(), 0..2),
                prop::collection::vec(line_field(), 0..2),
            )
                .prop_map(|(went_well, went_wrong, got_lucky)| LessonsLearned {
                    went_well,
                    went_wrong,
                    got_lucky,
                }),
        );
        let extra = prop::collection::vec(
            (
                prop_oneof![
                    phrase(3).prop_map(|h| format!("Appendix {h}")),
                    prop::sample::select(SECTION_LIKE).prop_map(String::from)
                ],
                separate_blocks_markdown(),
            )
                .prop_map(|(heading, body)| ExtraSection { heading, body }),
            0..2,
        );
        (
            title(),
            prop::option::of(phrase(2)),
            prop::option::of(
                prop_oneof![prop::sample::select(&Severity::SUGGESTED[..]), Just("Major outage"),]
                    .prop_map(|s| Severity::parse(s).unwrap()),
            ),
            prop::collection::vec(name(), 0..3),
            summary,
            prop::collection::vec(entry(offset), 0..6),
            (separate_blocks_markdown(), separate_blocks_markdown()),
            (
                prop::collection::vec(line_field(), 0..3),
                prop::collection::vec(task(), 0..3),
            ),
            lessons,
            prop::collection::vec(
                (phrase(2), 0u8..9).prop_map(|(alt, n)| Image {
                    url: format!("https://img.example/{n}.png"),
                    alt,
                }),
                0..2,
            ),
            (extra, around()),
        )
            .prop_map(
                move |(
                    title,
                    service,
                    severity,
                    authors,
                    summary,
                    timeline,
                    rca,
                    measures,
                    lessons,
                    images,
                    (extra, around),
                )| {
                    let mut report = Report {
                        title,
                        service,
                        severity,
                        authors,
                        summary,
                        timeline,
                        root_cause_and_resolution: RootCauseAndResolution {
                            root_cause: rca.0,
                            resolution: rca.1,
                            ..Default::default()
                        },
                        measures: CorrectiveMeasures {
                            improvements: measures.0,
                            tasks: measures.1,
                        },
                        lessons_learned: lessons.filter(|l| !l.is_empty()),
                        images,
                        extra_sections: extra,
                        incident: around.incident,
                        tags: around.tags,
                        owner: around.owner,
                        responders: around.responders,
                        review: around.review,
                        template: around.template,
                    };
                    report.summary.impact_figures = around.figures;
                    report.summary.detection = around.detection;
                    report.root_cause_and_resolution.trigger = around.trigger;
                    report.root_cause_and_resolution.contributing_factors = around.factors;
                    // The display timezone is written out whenever an exact time shows it.
                    let exact = report
                        .summary
                        .started_at
                        .iter()
                        .chain(report.summary.ended_at.iter())
                        .chain(report.timeline.iter().filter_map(|e| e.time.as_ref()))
                        .any(|m| m.exact().is_some());
                    if exact {
                        report.summary.timezone = Some(crate::time::timezone_label(offset));
                    }
                    report
                },
            )
    })
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn reading_an_export_gives_the_report_back(report in report()) {
        let markdown = to_markdown(&report);
        let imported = import_markdown(&markdown);
        prop_assert_eq!(&imported.report, &report, "{}\nnotes: {:?}", markdown, imported.notes);
        prop_assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    }

    /// Whatever the text, import returns a report and never panics.
    #[test]
    fn any_text_imports(text in "[-#*_>|`\\[\\]()!:0-9a-zA-Z \\n\u{2014}.]{0,400}") {
        let imported = import_markdown(&text);
        let _ = to_markdown(&imported.report);
    }

    /// Lines that look like timelines, tables and labels, shuffled: never a panic.
    #[test]
    fn postmortem_shaped_text_imports(lines in prop::collection::vec(prop::sample::select(&[
        "## Timeline", "# Title", "**Issue Summary:**", "- **Duration:** 15:00 - 17:00 UTC", "| Time | Event |",
        "|---|---|", "| 10:00 | x |", "- 3:00 PM GMT - alert", "    - 11:16 ::::: deploy", "### Root Cause",
        "- [ ] task — **Owner:** A", "Owner: B", "Due: 31.12.2024", "![i](u)", "1. step", "---", "```", "",
        "January 10, 7:00 AM: x", "##TODO", "  - nested", "> quote", "Impact:", "**Root Cause:**",
        "2025-03-12 — halt", "March 3, 2025 — é", "10:00 — x", "— 10:00 —", "12.03.2025 · 9h", "T+5m ✓",
    ][..]), 0..40)) {
        let text = lines.join("\n");
        let imported = import_markdown(&text);
        let _ = to_markdown(&imported.report);
    }
}

/// An export edited by hand no longer reads exactly; its key times table is still not taken
/// for the author's text, and where the times are measured from is kept.
#[test]
fn an_edited_export_drops_its_key_times_table_and_keeps_its_measure() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/golden");
    let mut report = from_json(&std::fs::read_to_string(format!("{dir}/06-search-alias-swap.json")).unwrap()).unwrap();
    report.timeline[0].milestone = Some(Milestone::Declared);
    report.summary.key_times_from = TimesFrom::Declared;
    let edited = to_markdown(&report).replace("## Timeline", "## Timeline of events") + "\nA line added by hand.\n";
    let imported = import_markdown(&edited);
    assert_eq!(imported.report.summary.key_times_from, TimesFrom::Declared);
    assert_eq!(imported.report.timeline.len(), report.timeline.len());
    assert!(
        imported
            .report
            .extra_sections
            .iter()
            .all(|s| !s.body.contains("Key time")),
        "{:?}",
        imported.report.extra_sections
    );
    assert!(
        imported
            .regenerated
            .iter()
            .any(|n| n.contains("key times table was not read")),
        "{:?}",
        imported.regenerated
    );
}

/// An edited export with its Mermaid diagram: the diagram is drawn from the entries, so it
/// is left out (and said so), never read as entries or kept as text.
#[test]
fn an_edited_export_leaves_its_diagram_out() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/golden");
    let report = from_json(&std::fs::read_to_string(format!("{dir}/06-search-alias-swap.json")).unwrap()).unwrap();
    let options = crate::markdown::ExportOptions { mermaid: true };
    let edited = crate::markdown::to_markdown_with(&report, options) + "\nA line added by hand.\n";
    let imported = import_markdown(&edited);
    assert_eq!(imported.report.timeline.len(), report.timeline.len());
    let everything = format!("{:?}", imported.report);
    assert!(
        !everything.contains("gantt") && !everything.contains("dateFormat"),
        "{everything}"
    );
    assert!(
        imported.regenerated.iter().any(|n| n.contains("Mermaid")),
        "{:?}",
        imported.regenerated
    );
}

// Shapes found in real reports the importer was not built on (our own wording here).

#[test]
fn a_one_page_header_of_labels_and_an_action_table() {
    let report = import(
        "# Queue stall\n\n##\n\n**Date of incident**: 4 May 2024 between 10:00 UTC and 11:30 UTC  \n\
         **Authors**: Ana, Ben  \n**Status**: Closed  \n**Root Causes**: A lock was never released.  \n\
         **Trigger**: A worker restart.  \n**Resolution**: Restarted the broker.\n\n\
         | Action Item | Owner | Status |\n| --- | --- | --- |\n| Add a lock timeout | Ana | DONE |\n| Alert on queue age | Ben | TODO |\n",
    );
    assert_eq!(report.authors, ["Ana", "Ben"]);
    assert_eq!(report.summary.root_cause, "A lock was never released.");
    assert_eq!(report.root_cause_and_resolution.trigger, "A worker restart.");
    assert_eq!(report.root_cause_and_resolution.resolution, "Restarted the broker.");
    let start = report
        .summary
        .started_at
        .as_ref()
        .and_then(Moment::exact)
        .expect("start");
    assert_eq!(start.to_rfc3339(), "2024-05-04T10:00:00+00:00");
    assert_eq!(report.measures.tasks.len(), 2);
    assert_eq!(report.measures.tasks[0].status, TaskStatus::Done);
    let unplaced = report
        .extra_sections
        .iter()
        .find(|s| s.heading == UNPLACED)
        .expect("unplaced");
    assert!(unplaced.body.contains("**Status**: Closed"), "{}", unplaced.body);
}

#[test]
fn a_header_table_of_labels_gives_the_window() {
    let report = import(
        "| Queue stall | |\n| --- | --- |\n| **Systems** | broker |\n| **Start** | 2024-05-04 10:00 |\n\
         | **Resolved** | 2024-05-04 11:30 |\n\n## Summary\n\nThe queue stalled.\n",
    );
    assert!(report.summary.started_at.is_some() && report.summary.ended_at.is_some());
}

#[test]
fn timeline_lines_cut_by_break_tags_and_logs_kept_with_their_entry() {
    let report = import(
        "# Stall\n\n## Timeline (all times UTC)\n\n### 2024-05-04\n\n10:00 - Deploy starts.<br> 10:05 - Queue \
         age alarm. **<START OF OUTAGE>**<br> 10:40 - Broker restarted.\n\n```\nERROR lock held by worker-3\n```\n\n\
         11:30 - Queue drained. **<END OF OUTAGE>**\n",
    );
    let texts: Vec<&str> = report.timeline.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(report.timeline.len(), 4, "{texts:?}");
    assert!(texts[2].contains("ERROR lock held"), "{texts:?}");
    let start = report
        .summary
        .started_at
        .as_ref()
        .and_then(Moment::exact)
        .expect("start");
    assert_eq!(start.to_rfc3339(), "2024-05-04T10:05:00+00:00");
    assert!(report.summary.ended_at.as_ref().and_then(Moment::exact).is_some());
}

#[test]
fn time_headings_over_timed_bullets_name_phases() {
    let report = import(
        "# Stall\n\n## Summary\n\nThe queue stalled.\n\n## Recovery\n\nWe recovered.\n\n### Timeline (UTC)\n\n\
         ### 10:00-10:30: Finding it\n\n- 10:02 alarm\n- 10:20 cause found\n\n### 10:30-11:00: Fixing it\n\n\
         - 10:40 broker restarted\n",
    );
    let timed = report.timeline.iter().filter(|e| e.time.is_some()).count();
    assert_eq!(timed, 3, "{:?}", report.timeline);
    assert_eq!(report.timeline.len(), 5);
    assert_eq!(report.root_cause_and_resolution.resolution, "We recovered.");
}

#[test]
fn the_window_from_the_story_the_summary_tells() {
    let report = import(
        "# Stall\n\n## Summary\n\nOn May 4, 2024, at about 10:05am, the checkout went down. \
         Service was restored at 11:30am once the broker was restarted.\n\n## Timeline\n\n- 10:05am alarm\n",
    );
    let summary = &report.summary;
    assert!(
        summary.started_at.is_some() && summary.ended_at.is_some(),
        "{summary:?}"
    );
    assert!(!report.root_cause_and_resolution.resolution.is_empty());
}

#[test]
fn parts_of_action_items_are_action_items() {
    let report = import(
        "# Stall\n\n## Action items\n\n### Process improvements\n\n1. Page on queue age.\n\n\
         ### Technical improvements\n\n1. Lock timeout.\n2. Broker metrics.\n",
    );
    assert_eq!(
        (report.measures.tasks.len(), report.measures.improvements.len()),
        (3, 0)
    );
}

#[test]
fn label_items_under_lessons_are_its_parts() {
    let report = import(
        "# Stall\n\n## Learnings and next steps\n\n- **What went well:**\n  - Paged fast.\n\
         - **What didn't go well:**\n  - No lock timeout.\n- **Preventative measures:**\n  - Add a lock timeout.\n  - Alert on queue age.\n\n\
         ## Next steps\n\n1. Book the review.\n",
    );
    let lessons = report.lessons_learned.expect("lessons");
    assert_eq!((lessons.went_well.len(), lessons.went_wrong.len()), (1, 1));
    assert_eq!(report.measures.improvements.len(), 2);
    assert_eq!(report.measures.tasks.len(), 1);
}

#[test]
fn a_template_answered_question_by_question() {
    let imported = import_markdown(
        "# Login outage\n\n# Issue Summary\n\nDuration of the outage, with start and end times?  \n\
         `15 minutes at 9:00am UTC`\n\nWhat was the impact?  \n`Half of our users (50% of users) could not log in`\n\n\
         What was the root cause?\n`An expired session key`\n\n# Timeline\n\nWhen was the issue detected?  \n`9:02am UTC`\n\n\
         How was the issue resolved?  \n`Rotated the key`\n\n# Root cause and resolution\n\n\
         Explain what was causing the issue?\n`The key rotation job had stopped`\n\nExplain how the issue was fixed?\n\
         `Restarted the job`\n\n# Corrective and preventative measures\n\nWhat can be improved?\n`Alert on key age`\n\n\
         A list of tasks to address the issue?\n`See above`\n",
    );
    let report = &imported.report;
    // No date anywhere: the start is the time as written, the length kept beside it.
    assert_eq!(
        report
            .summary
            .started_at
            .as_ref()
            .map(Moment::to_json_string)
            .as_deref(),
        Some("9:00am UTC")
    );
    assert_eq!(report.summary.users_affected_percent, Some(50.0));
    assert_eq!(report.summary.root_cause, "An expired session key");
    assert_eq!(report.timeline.len(), 2);
    assert_eq!(report.timeline[0].kind, EntryKind::Detection);
    assert!(report.timeline[0].time.is_some(), "the detection's answer is its time");
    assert_eq!(report.timeline[1].kind, EntryKind::Resolution);
    assert_eq!(report.timeline[1].text, "Rotated the key");
    assert_eq!(
        report.root_cause_and_resolution.root_cause,
        "The key rotation job had stopped"
    );
    assert_eq!(report.root_cause_and_resolution.resolution, "Restarted the job");
    assert_eq!(report.measures.improvements, ["Alert on key age"]);
    assert!(report.measures.tasks.is_empty(), "“See above” is no task");
    assert!(imported.notes.iter().any(|n| n.contains("“What was the root cause?”")));
}

#[test]
fn timeline_stages_under_labels_and_times_told_inside_a_line() {
    let report = import(
        "# Disk full\n\n## Timeline\n\n**Detection:**\n\n- Time: May 2, 2024, 10:15 AM (UTC)\n- A disk alert paged the on-call.\n\n\
         **Actions Taken:**\n\n- Checked the log volume.\n\n**Resolution:**\n\n- Old logs were deleted and the service was back online by 11:05 AM (UTC).\n",
    );
    let kinds: Vec<EntryKind> = report.timeline.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            EntryKind::Detection,
            EntryKind::Detection,
            EntryKind::Investigation,
            EntryKind::Resolution
        ]
    );
    assert_eq!(report.timeline[0].text, "Detection");
    assert_eq!(
        times_of(&report),
        ["2024-05-02T10:15:00+00:00", "", "", "2024-05-02T11:05:00+00:00"]
    );
    // A line with two times has no one time.
    let two = import("# X\n\n## Timeline\n\n- Between 10:00 and 11:00 the queue grew.\n");
    assert!(two.timeline[0].time.is_none());
}

#[test]
fn a_dated_zone_line_dates_the_entries_and_a_stated_length_picks_the_end() {
    let report = import(
        "# Blog down\n\n## Overview\n\n**Date**: 2020-05-02\n\n**Impact**: The blog went down for a period of 3 hours and 10 minutes.\n\n\
         ## Timeline\n\n2020-05-01 (all times CET):\n\n* 09:00: first outage.\n* 09:30: back online again, but read-only.\n\
         * 12:10: back online again with all pages.\n",
    );
    assert_eq!(times_of(&report)[0], "2020-05-01T09:00:00+01:00");
    let window = [&report.summary.started_at, &report.summary.ended_at]
        .map(|m| m.as_ref().and_then(Moment::exact).map(|m| m.to_rfc3339()));
    assert_eq!(
        window,
        [
            Some("2020-05-01T09:00:00+01:00".to_owned()),
            Some("2020-05-01T12:10:00+01:00".to_owned())
        ]
    );
}

#[test]
fn a_duration_of_two_lengths_is_not_read_as_a_window() {
    let report = import(
        "# Failover drill\n\n**Duration:** ~20 seconds of failed writes; ~3 minutes to full capacity\n\n\
         ## Timeline\n\n- 10:00 Primary node stopped on purpose\n- 10:03 All replicas healthy\n",
    );
    assert_eq!(report.summary.started_at, None);
    assert_eq!(report.summary.ended_at, None);
    let unplaced = report.extra_sections.iter().find(|s| s.heading == UNPLACED).unwrap();
    assert!(
        unplaced
            .body
            .contains("~20 seconds of failed writes; ~3 minutes to full capacity"),
        "{}",
        unplaced.body
    );
}

/// A report in the shape of Google's template, with our own words.
const CACHE_STAMPEDE: &str = "# March 3rd, 2025 cache stampede\n\nCreated by: [Ana Lima](https://example.com/ana)\n\n\
    All times UTC.\n\n## Summary\n\nA cold cache sent every read to the database.\n\n\
    ## Impact\n\nReads were slow for two hours. Due to the slow reads, the nightly report ran late.\n\n\
    ## Root Cause\n\nThe cache was flushed by a deploy script and refilled all at once.\n\n\
    ## Detection\n\nA latency alert.\n\n## Action Items\n\n- Warm the cache before traffic moves\n\n\
    ## Lessons Learned\n\n### What went well\n\n- The alert fired at once\n\n\
    ## Timeline\n\n- 09:00 Deploy starts and the cache is flushed\n- 09:04 Latency alert fires\n\
    - 11:00 Cache is warm again and reads are fast\n";

#[test]
fn a_report_written_from_a_template_is_shown_in_it() {
    let imported = import_markdown(CACHE_STAMPEDE);
    assert_eq!(imported.report.template, Template::GoogleSre);
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.starts_with("The report is shown in the Google SRE template") && n.contains("“Detection”")),
        "{:?}",
        imported.notes
    );
    // The classic four sections stay classic.
    let classic = import(
        "# Disk full\n\n## Issue Summary\n\nThe disk filled.\n\n## Timeline\n\n- 10:00 Disk full alert\n\n\
         ## Root Cause and Resolution\n\nLogs were not rotated; they are now.\n\n\
         ## Corrective and Preventative Measures\n\n- Rotate logs daily\n",
    );
    assert_eq!(classic.template, Template::Classic);
}

#[test]
fn the_titles_date_dates_the_times_and_a_created_by_line_names_the_author() {
    let imported = import_markdown(CACHE_STAMPEDE);
    let report = &imported.report;
    assert_eq!(times_of(report)[0], "2025-03-03T09:00:00+00:00");
    assert!(
        imported.notes.iter().any(|n| n.contains("the date in the title")),
        "{:?}",
        imported.notes
    );
    // The link is kept: the export shows the name linked, as the author wrote it.
    assert_eq!(report.authors, ["[Ana Lima](https://example.com/ana)"]);
    // Beside its own root-cause section, a "due to" sentence of the impact stays there.
    assert!(report.summary.root_cause.is_empty(), "{}", report.summary.root_cause);
    assert!(
        report.summary.impact.contains("Due to the slow reads"),
        "{}",
        report.summary.impact
    );
}

#[test]
fn a_trigger_and_contributing_factors_fill_their_own_fields() {
    let report = import(
        "# Queue stall\n\n## Summary\n\nThe billing queue stalled.\n\n## Impact\n\nInvoices were late.\n\n\
         ## Root Causes\n\nThe consumers ran out of heap.\n\n## Contributing Factors\n\n- No alert on queue age\n\
         - Heap limit set years ago\n\n## Trigger\n\nA batch of large invoices.\n\n## Resolution\n\nThe heap limit was raised.\n",
    );
    let rca = &report.root_cause_and_resolution;
    assert_eq!(rca.root_cause, "The consumers ran out of heap.");
    assert_eq!(rca.trigger, "A batch of large invoices.");
    assert_eq!(
        rca.contributing_factors,
        ["No alert on queue age", "Heap limit set years ago"]
    );
    assert_eq!(rca.resolution, "The heap limit was raised.");
    // In Atlassian's template, "Fault" is the trigger's section.
    let atlassian = import(
        "# Queue stall\n\n## Incident Summary\n\nThe billing queue stalled.\n\n## Fault\n\nA batch of large invoices.\n\n\
         ## Impact\n\nInvoices were late.\n\n## Detection\n\nA customer wrote in.\n\n## Recovery\n\nThe heap limit was raised.\n\n\
         ## Root Cause\n\nThe consumers ran out of heap.\n\n## Corrective Actions\n\n- Alert on queue age\n",
    );
    assert_eq!(atlassian.template, Template::Atlassian);
    assert_eq!(
        atlassian.root_cause_and_resolution.trigger,
        "A batch of large invoices."
    );
    assert_eq!(
        atlassian.root_cause_and_resolution.root_cause,
        "The consumers ran out of heap."
    );
}

#[test]
fn list_items_that_label_a_stage_over_nested_items_make_each_item_an_entry() {
    let report = import(
        "# Login errors\n\n## Timeline\n\n- *Detection:*\n  - 2024-05-02 09:10 UTC\n  - Error rate alert fired.\n\
         - *Escalation:*\n  - Paged the database team.\n  - Opened a bridge call.\n- *Resolution:*\n  - Rolled back the pool size.\n",
    );
    let entries: Vec<(EntryKind, &str)> = report.timeline.iter().map(|e| (e.kind, e.text.as_str())).collect();
    assert_eq!(
        entries,
        [
            (EntryKind::Detection, "Error rate alert fired."),
            (EntryKind::Escalation, "Paged the database team."),
            (EntryKind::Escalation, "Opened a bridge call."),
            (EntryKind::Resolution, "Rolled back the pool size."),
        ]
    );
    assert_eq!(times_of(&report)[0], "2024-05-02T09:10:00+00:00");
}

#[test]
fn our_export_with_code_and_html_in_an_extra_section_reads_back_exactly() {
    // The quick heading scan gives way to a full parse where a line may start like a heading
    // and not be one: inside a code fence, or after raw HTML.
    for body in [
        "A log:\n\n```\n## not a heading\n# nor this\n```",
        "<details>\n## inside the HTML block\n</details>",
    ] {
        let report = Report {
            title: "Cache stampede".into(),
            extra_sections: vec![ExtraSection {
                heading: "Appendix".into(),
                body: body.into(),
            }],
            ..Default::default()
        };
        let imported = import_markdown(&to_markdown(&report));
        assert_eq!(imported.report.extra_sections, report.extra_sections, "{body}");
        assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    }
}

#[test]
fn a_report_inside_a_project_readme() {
    let imported = import_markdown(
        "# Ops course, week 4\n\n**Author:** Ada Lovelace\n\n## Introduction\n\nThis repository holds the week's exercises.\n\n\
         ## Tasks\n\n1. Write a postmortem.\n2. Make it readable.\n\n---\n\n## Postmortem: Search Index Outage\n\n\
         **Author:** Ada Lovelace\n\n### Issue Summary\n\nSearch returned errors for 40% of users.\n\n### Timeline\n\n\
         - 10:00 UTC - Alert fired.\n- 10:20 UTC - Index rebuilt.\n\n### Root Cause\n\nA full disk.\n\n\
         ### Corrective and Preventative Measures\n\n- Alert on disk usage.\n\n1. **Diagram:**\n\n   ```\n   disk -> index\n   ```\n",
    );
    let report = &imported.report;
    assert_eq!(report.title, "Postmortem: Search Index Outage");
    assert_eq!(report.authors, ["Ada Lovelace"]);
    assert_eq!(report.summary.users_affected_percent, Some(40.0));
    assert_eq!(report.timeline.len(), 2);
    // The README's own sections are kept as they are, its task list not read as the report's.
    let extra: Vec<&str> = report.extra_sections.iter().map(|s| s.heading.as_str()).collect();
    assert!(extra.contains(&"Introduction") && extra.contains(&"Tasks"), "{extra:?}");
    let measures: Vec<String> = report
        .measures
        .tasks
        .iter()
        .map(|t| t.text.clone())
        .chain(report.measures.improvements.iter().cloned())
        .collect();
    assert_eq!(measures, ["Alert on disk usage."], "a diagram's caption is no measure");
    assert!(imported.notes.iter().any(|n| n.contains("“Ops course, week 4”")));
}

#[test]
fn of_several_shares_of_users_the_one_affected() {
    let report = import(
        "# Slow site\n\n## Issue Summary\n\nOf our userbase of 50, about 10% sent complaints. We estimate 100% of our userbase was affected.\n",
    );
    assert_eq!(report.summary.users_affected_percent, Some(100.0));
}

#[test]
fn a_lead_paragraph_and_a_summary_wrapped_by_hand() {
    let imported = import_markdown(
        "---\ntitle: \"Relay halt\"\n---\n\nThe relay stopped due to an expired key and had to be restarted. No messages were lost.\n\n\
         ## What happened\n\nThe relay stopped signing at noon and stayed down for\nthree hours. A new key has been\n\
         issued and the halts should now be\nmitigated.\n",
    );
    let report = &imported.report;
    // The lead opens the summary; its sentence that names the cause is the root cause.
    assert!(
        report
            .summary
            .impact
            .starts_with("No messages were lost.\nThe relay stopped signing"),
        "{}",
        report.summary.impact
    );
    assert_eq!(
        report.summary.root_cause,
        "The relay stopped due to an expired key and had to be restarted."
    );
    // The sentence runs over three lines; it is one sentence, and it says how it ended.
    assert_eq!(
        report.root_cause_and_resolution.resolution,
        "A new key has been\nissued and the halts should now be\nmitigated."
    );
}

#[test]
fn the_parts_of_a_section_kept_as_written_are_sections_of_their_own() {
    let report = import(
        "# Queue backlog\n\n## Summary\n\nJobs waited for an hour.\n\n## Appendix\n\nRaw material.\n\n### Chat log\n\n> 10:02 is the queue stuck?\n\n\
         #### Later\n\nStill stuck.\n\n### Graphs\n\nQueue depth by minute.\n",
    );
    let sections: Vec<(&str, &str)> = report
        .extra_sections
        .iter()
        .map(|s| (s.heading.as_str(), s.body.as_str()))
        .collect();
    assert_eq!(
        sections,
        [
            ("Appendix", "Raw material."),
            // A deeper heading stays in its part, as text.
            (
                "Appendix / Chat log",
                "> 10:02 is the queue stuck?\n\n#### Later\n\nStill stuck."
            ),
            // "Graphs" sounds like images; with none, its text is a section all the same.
            ("Graphs", "Queue depth by minute."),
        ]
    );
}

#[test]
fn beside_a_summary_an_introduction_is_its_own_section_and_a_bare_heading_is_kept() {
    let report = import(
        "# Login errors\n\n## Introduction\n\nThis team runs the login service.\n\n## Issue Summary\n\nLogins failed for 20% of users.\n\n\
         ## Impact\n\nSupport tickets doubled.\n\n## Leadup\n\nA deploy on Monday.\n\n## Notes\n",
    );
    assert_eq!(
        report.summary.impact,
        "Logins failed for 20% of users.\nSupport tickets doubled."
    );
    let extra: Vec<&str> = report.extra_sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(extra, ["Introduction", "Leadup", UNPLACED]);
    assert_eq!(report.extra_sections[2].body, "Notes");
    // Without a summary by name, the introduction is the summary.
    let alone = import("# Login errors\n\n## Introduction\n\nLogins failed for 20% of users.\n");
    assert_eq!(alone.summary.users_affected_percent, Some(20.0));
}

/// A report hard-wrapped at 72 columns fills the form's boxes with whole paragraphs; its
/// timeline's times and a label written one per line are read as before.
#[test]
fn a_report_wrapped_at_a_fixed_width_fills_its_fields_with_whole_paragraphs() {
    let imported = import_markdown(
        "# Queue outage\n\n## Impact\n\n\
         For two hours the billing worker kept retrying the same batch of invoices\n\
         after the database failed over, and each retry opened a new connection\n\
         until the pool was exhausted for every other service in the region.\n\n\
         ## Timeline\n\n\
         - 10:02 UTC The pager fired for the connection pool on the billing database,\n  \
         which had reached its limit of five hundred connections a minute earlier.\n\
         - 10:40 UTC We stopped the billing worker and the pool drained within a\n  \
         couple of minutes, after which the other services recovered on their own.\n\n\
         ## Root Cause\n\n\
         The retry loop in the billing worker had no backoff and no limit, so a\n\
         failover that lasted thirty seconds turned into two hours of retries that\n\
         held every connection the database would give out.\n\n\
         Owner: billing team\nReviewed: yes\n",
    );
    let report = &imported.report;
    assert_eq!(
        report.summary.impact,
        "For two hours the billing worker kept retrying the same batch of invoices after the database \
         failed over, and each retry opened a new connection until the pool was exhausted for every other \
         service in the region."
    );
    assert!(!report.root_cause_and_resolution.root_cause.contains("a\nfailover"));
    assert!(report
        .root_cause_and_resolution
        .root_cause
        .ends_with("Owner: billing team\nReviewed: yes"));
    assert_eq!(report.timeline.len(), 2);
    assert!(report.timeline[0].text.ends_with(
        "on the billing database, which had reached its limit of five hundred connections a minute earlier."
    ));
    assert!(
        imported.notes.iter().any(|n| n.contains("wrapped at")),
        "{:?}",
        imported.notes
    );
}

/// Lines of every length, each a sentence or a label: the author's breaks are kept, and
/// nothing is said about wrapping.
#[test]
fn a_report_with_a_sentence_per_line_keeps_its_lines() {
    let source = "# Queue outage\n\n## Impact\n\n\
                  The billing worker kept retrying the same batch.\n\
                  Every other service in the region ran out of database connections.\n\
                  Checkout was down for two hours.\n\
                  Nobody could pay.\n\n\
                  ## Root Cause\n\n\
                  The retry loop had no backoff.\n\
                  It had no limit either, so a short failover became two hours of retries.\n";
    let imported = import_markdown(source);
    assert!(imported.report.summary.impact.contains("batch.\nEvery other"));
    assert!(imported
        .report
        .root_cause_and_resolution
        .root_cause
        .contains("backoff.\nIt had"));
    assert!(
        !imported.notes.iter().any(|n| n.contains("wrapped at")),
        "{:?}",
        imported.notes
    );
}

/// A summary that is only a cause and an ending fills the root cause and resolution and
/// stays the impact too: an import never leaves the impact empty when the report told it.
#[test]
fn a_summary_of_only_a_cause_and_an_ending_stays_the_impact() {
    let report = import(
        "# Stale cache\n\n## Summary\n\nA bug in the cache's health check kept the old version in service, \
         so checkout served stale prices.\n\nThe incident lasted two hours before normal operation was restored \
         without intervention.\n\n![Traffic falling, then rising](img/traffic.png)\n\n## Timeline\n\n- 10:00 Deploy\n",
    );
    assert!(report
        .summary
        .root_cause
        .starts_with("A bug in the cache's health check"));
    assert!(report
        .root_cause_and_resolution
        .resolution
        .starts_with("The incident lasted two hours"));
    assert!(
        report.summary.impact.starts_with("A bug in the cache's health check"),
        "{:?}",
        report.summary.impact
    );
}

/// Links written by reference keep their addresses in whichever field they land; the
/// definitions at the end are not left over as text, except one that no link used.
#[test]
fn links_by_reference_keep_their_addresses_in_every_field() {
    let imported = import_markdown(
        "# Stale cache\n\n## Root Cause\n\nThe health check ignored the version ([issue][health]).\n\n\
         ## Action Items\n\n- Fix the check ([pull request][fix-pr])\n- Add alerting, see [Alerting] and ![graph][]\n- Chart it ![the chart][graph] [fix-pr][]\n\n\
         [health]: https://example.com/issues/1\n[FIX-PR]: https://example.com/pull/2 \"The fix\"\n\
         [alerting]: https://example.com/issues/3\n[graph]: img/graph.png\n[unused]: https://example.com/other\n",
    );
    let report = &imported.report;
    assert_eq!(
        report.root_cause_and_resolution.root_cause,
        "The health check ignored the version ([issue](https://example.com/issues/1))."
    );
    let tasks: Vec<&str> = report.measures.tasks.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        tasks,
        [
            "Fix the check ([pull request](https://example.com/pull/2 \"The fix\"))",
            "Add alerting, see [Alerting](https://example.com/issues/3) and ![graph](img/graph.png)",
            "Chart it ![the chart](img/graph.png) [fix-pr](https://example.com/pull/2 \"The fix\")",
        ]
    );
    let markdown = to_markdown(report);
    assert!(!markdown.contains("[health]:"), "{markdown}");
    assert!(markdown.contains("https://example.com/other"), "{markdown}");
    assert!(
        imported.notes.iter().any(|n| n.contains("by reference")),
        "{:?}",
        imported.notes
    );
}

/// A template's root-cause questions read as labels are named in the note, like the others,
/// and an HTML image under them comes in as an image, not as a tag to read.
#[test]
fn root_cause_questions_are_noted_and_an_html_image_is_an_image() {
    let imported = import_markdown(
        "# Site down\n\n## Root cause and resolution\n\nWhat was causing the issue?  \n`A typo in the config`\n\n\
         How was the issue fixed?  \n`We corrected the typo`\n\n<p align=\"center\">\n<img src=\"img/fixed.png\" alt=\"Fixed\" width=\"300\">\n</p>\n",
    );
    let report = &imported.report;
    assert_eq!(report.root_cause_and_resolution.root_cause, "A typo in the config");
    assert_eq!(report.root_cause_and_resolution.resolution, "We corrected the typo");
    let note = imported
        .notes
        .iter()
        .find(|n| n.contains("answers its template's questions"));
    assert!(
        note.is_some_and(|n| n.contains("“What was causing the issue?”") && n.contains("“How was the issue fixed?”")),
        "{:?}",
        imported.notes
    );
    assert_eq!(report.images.len(), 1, "{:?}", report);
    assert_eq!(report.images[0].url, "img/fixed.png");
    assert!(!to_markdown(report).contains("<img"));
}

#[test]
fn setext_headings_are_sections_with_their_underlines_left_out() {
    let report = import(
        "Checkout latency\n================\n\nTimeline\n--------\n\n10:02 - Latency alert fires.\n\
         11:17 - Latency back to normal.\n\nRoot cause\n----------\n\nA pool size typo.\n\n\
         Resolution\n----------\n\nThe deploy was rolled back.\n",
    );
    assert_eq!(report.title, "Checkout latency");
    assert_eq!(report.timeline.len(), 2);
    assert_eq!(report.root_cause_and_resolution.root_cause, "A pool size typo.");
    assert_eq!(
        report.root_cause_and_resolution.resolution,
        "The deploy was rolled back."
    );
}

#[test]
fn the_one_level_one_heading_names_the_report_though_a_word_of_it_names_a_section() {
    let report = import(
        "# DNS resolution failures in eu-west\n\n## What happened\n\nResolvers stopped answering.\n\n\
         ## Timeline\n\n- 08:14 first errors\n- 09:02 errors at zero\n",
    );
    assert_eq!(report.title, "DNS resolution failures in eu-west");
    assert_eq!(report.summary.impact, "Resolvers stopped answering.");
    assert_eq!(report.root_cause_and_resolution.resolution, "");
    // Alone and short, such a heading is the section it names.
    let report = import("# Incident Summary\n\nThe API was down.\n\n## Timeline\n\n- 08:14 first errors\n\n## Root cause\n\nA bad deploy.\n");
    assert_eq!(report.summary.impact, "The API was down.");
}

#[test]
fn bold_line_parts_of_a_cause_are_sections_of_their_own() {
    let report = import(
        "**Search outage**\n\n**Summary**\n\nSearch returned nothing.\n\n**Root Causes**\n\nA cron job deleted the index.\n\n\
         **Trigger**\n\nThe nightly reindex.\n\n**Resolution**\n\nThe index was rebuilt.\n",
    );
    assert_eq!(report.root_cause_and_resolution.trigger, "The nightly reindex.");
    assert_eq!(report.root_cause_and_resolution.resolution, "The index was rebuilt.");
}

#[test]
fn a_report_in_jira_wiki_markup() {
    let imported = import_markdown(
        "h1. Build cache corruption\n\nh2. Summary\nCI builds failed because the cache held corrupt artifacts.\n\n\
         h2. Timeline\n||Time (UTC)||Event||\n|09:00|first failed builds|\n|11:10|cache purged, see [runbook|https://example.com/r]|\n\n\
         h2. Root cause\nA disk filled up.\n\nh2. Action items\n# Monitor disk usage\n# Verify checksums\n",
    );
    let report = &imported.report;
    assert_eq!(report.title, "Build cache corruption");
    assert_eq!(report.timeline.len(), 2);
    assert_eq!(
        report.timeline[1].text,
        "cache purged, see [runbook](https://example.com/r)"
    );
    assert_eq!(report.root_cause_and_resolution.root_cause, "A disk filled up.");
    let tasks: Vec<&str> = report.measures.tasks.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(tasks, ["Monitor disk usage", "Verify checksums"]);
    assert!(
        imported.notes.iter().any(|n| n.contains("wiki markup")),
        "{:?}",
        imported.notes
    );
}

#[test]
fn a_timeline_told_in_prose_has_an_entry_per_line_that_opens_with_its_time() {
    let report = import(
        "# Uploads failing\n\n## Summary\n\nUploads failed.\n\n## Timeline\n\nAt 14:02 UTC, the error rate alert fired\nand paged the on-call engineer.\n\
         Around 14:21 the expired credential was identified.\nBy 14:40 UTC uploads were succeeding again.\n",
    );
    assert_eq!(times_of(&report), ["14:02 UTC", "14:21", "14:40 UTC"]);
    assert_eq!(
        report.timeline[0].text,
        "At 14:02 UTC, the error rate alert fired\nand paged the on-call engineer."
    );
}

#[test]
fn a_field_value_header_table_with_roles_and_an_action_table_with_ticket_columns() {
    let report = import(
        "# Login failures\n\n| Field | Value |\n| --- | --- |\n| Start time | 2024-04-02 09:14 EST |\n\
         | End time | 2024-04-02 10:02 EST |\n| Incident Commander | Jordan Lee |\n| Scribe | Sam Park |\n\
         | Postmortem owner | Ana Ruiz |\n\n## Impact\n\nLogins failed.\n\n## Action Items\n\n\
         | Action | Owner | Priority | Type | Ticket | Status |\n| --- | --- | --- | --- | --- | --- |\n\
         | Warm the store | Jordan | P1 | prevent | AUTH-88 | In progress |\n| Limit rollouts | Sam | High | process | see board | Open |\n",
    );
    let start = report.summary.started_at.as_ref().and_then(Moment::exact).unwrap();
    assert_eq!(start.to_rfc3339(), "2024-04-02T09:14:00-05:00");
    let roles: Vec<(&str, Option<Role>)> = report
        .responders
        .iter()
        .map(|r| (r.name.as_str(), r.role.clone()))
        .collect();
    assert_eq!(
        roles,
        [
            ("Jordan Lee", Some(Role::IncidentCommander)),
            ("Sam Park", Some(Role::Scribe))
        ]
    );
    assert_eq!(report.owner.as_deref(), Some("Ana Ruiz"));
    let task = &report.measures.tasks[0];
    assert_eq!(
        (
            task.text.as_str(),
            task.priority,
            task.kind,
            task.ticket.as_deref(),
            task.status
        ),
        (
            "Warm the store",
            Some(Priority::P1),
            Some(TaskType::Prevent),
            Some("AUTH-88"),
            TaskStatus::InProgress
        )
    );
    // A value a field cannot hold stays in the task's words.
    let task = &report.measures.tasks[1];
    assert_eq!(task.text, "Limit rollouts (Priority: High; Ticket: see board)");
    assert_eq!((task.kind, task.status), (Some(TaskType::Process), TaskStatus::Open));
}

#[test]
fn region_times_and_european_clock_times() {
    let report = import(
        "# Backlog\n\n**Date:** 2024-08-14\n\n## Timeline (ET)\n\n- 2:14pm - queue alert\n- 14h45 - pool found empty\n",
    );
    assert_eq!(
        times_of(&report),
        ["2024-08-14T14:14:00-04:00", "2024-08-14T14:45:00-04:00"]
    );
    let winter = import("# Backlog\n\n## Timeline\n\n- 2024-01-10 09:00 PT - a winter entry\n");
    assert_eq!(times_of(&winter), ["2024-01-10T09:00:00-08:00"]);
    // "2h30" is more often a length than a time.
    assert!(when::find_moment("it lasted 2h30").is_none());
}

#[test]
fn a_detection_section_is_kept_and_tells_the_method() {
    let imported = import_markdown(
        "# Search outage\n\n**Summary**\n\nSearch was down.\n\n**Resolution**\n\nThe index was rebuilt.\n\n\
         **Detection**\n\nCustomers wrote in before the synthetic probe paged anyone.\n\n**Timeline**\n\n\
         **Detection:**\n\n- 03:02 probe fails\n",
    );
    let report = &imported.report;
    assert_eq!(report.root_cause_and_resolution.resolution, "The index was rebuilt.");
    assert_eq!(report.summary.detection, Some(DetectionMethod::CustomerReport));
    assert_eq!(report.extra_sections[0].heading, "Detection");
    assert!(report.extra_sections[0].body.starts_with("Customers wrote in"));
    // In the timeline, the same label is the stage of the entries under it.
    assert_eq!(report.timeline.len(), 1);
    assert_eq!(report.timeline[0].kind, EntryKind::Detection);
    assert_eq!(
        kinds::detection_method("An engineer noticed the error graph."),
        Some(DetectionMethod::Staff)
    );
    assert_eq!(kinds::detection_method("It was quiet."), None);
}

#[test]
fn front_matter_fields_roles_in_brackets_and_a_lead_under_a_byline() {
    let imported = import_markdown(
        "---\ntitle: \"Sale prices shown early\"\ndate: 2024-10-20\nstart: 2024-10-08T16:20:00+01:00\n\
         end: 2024-10-08T17:31:00+01:00\nincident_commander: Ade Bayo\nauthors:\n  - Felix Braun\n  - Greta Holm\n\
         tags: [pricing]\n---\n\n*Posted October 20 by Felix Braun*\n\nOn October 8, unpublished prices were shown to \
         every logged-in user. We are sorry for the confusion it caused.\n\n\
         Incident roles: Ade Bayo (Incident Commander), Jakob Petrov (Ops Lead)\n\n## How we fixed it\n\nThe flag was turned off.\n\n\
         ## What we're changing\n\n| # | Action |\n| --- | --- |\n| 1 | Review flag segments |\n| 2 | Alert on segment size |\n",
    );
    let report = &imported.report;
    assert_eq!(report.title, "Sale prices shown early");
    let start = report.summary.started_at.as_ref().and_then(Moment::exact).unwrap();
    assert_eq!(start.to_rfc3339(), "2024-10-08T16:20:00+01:00");
    assert_eq!(report.authors, ["Felix Braun", "Greta Holm"]);
    let roles: Vec<(&str, Option<Role>)> = report
        .responders
        .iter()
        .map(|r| (r.name.as_str(), r.role.clone()))
        .collect();
    assert_eq!(
        roles,
        [
            ("Ade Bayo", Some(Role::IncidentCommander)),
            ("Jakob Petrov", Some(Role::Other("Ops Lead".into())))
        ]
    );
    assert!(
        report.summary.impact.starts_with("On October 8, unpublished prices"),
        "{:?}",
        report.summary.impact
    );
    assert_eq!(report.root_cause_and_resolution.resolution, "The flag was turned off.");
    let tasks: Vec<&str> = report.measures.tasks.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(tasks, ["Review flag segments", "Alert on segment size"]);
    assert_eq!(report.tags, ["pricing"]);
    // The page's date (when the post went up) stays, unplaced.
    let unplaced = report.extra_sections.iter().find(|s| s.heading == UNPLACED).unwrap();
    assert!(unplaced.body.contains("date: 2024-10-20"), "{}", unplaced.body);
}

#[test]
fn numbered_underlined_section_names_and_a_letter_to_a_customer() {
    let report = import(
        "MAJOR INCIDENT REPORT: VPN OUTAGE\n=================================\n\n1. SUMMARY\n----------\n\nThe VPN was down.\n\n\
         2. CAUSE\n--------\n\nA certificate expired.\n\n3. TIMELINE OF EVENTS\n---------------------\n\n\
         7.58am   Certificate expires.\n10.20am  New certificate installed.\n\n4. RECOMMENDATIONS\n------------------\n\n\
         R1  Monitor certificate expiry.\n\nR2  Send renewal notices to a shared mailbox.\n",
    );
    assert_eq!(report.title, "MAJOR INCIDENT REPORT: VPN OUTAGE");
    assert_eq!(report.summary.impact, "The VPN was down.");
    assert_eq!(report.root_cause_and_resolution.root_cause, "A certificate expired.");
    assert_eq!(report.timeline.len(), 2);
    assert_eq!(report.measures.tasks.len(), 2);
    assert_eq!(report.measures.tasks[0].text, "R1  Monitor certificate expiry.");
    let letter = import(
        "# Checkout outage\n\n**What happened**\n\nCustomers could not pay.\n\n**When it happened**\n\n\
         The problem started at 7:42pm on Friday.\n\nBy 9:40am checkout was working again.\n\n\
         **What we're doing next**\n\n- Switch off automatic updates.\n",
    );
    let times: Vec<bool> = letter.timeline.iter().map(|e| e.time.is_some()).collect();
    assert_eq!(times, [true, true]);
    assert_eq!(letter.measures.tasks.len(), 1);
}

#[test]
fn status_page_updates_are_the_timeline() {
    let imported = import_markdown(
        "# Delayed webhooks\n\n**Resolved** - All events delivered.\nMar 12, 2024 - 16:47 PDT\n\n\
         **Investigating** - We are looking into delays.\nMar 12, 2024 - 13:05 PDT\n",
    );
    let texts: Vec<&str> = imported.report.timeline.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Investigating: We are looking into delays.",
            "Resolved: All events delivered."
        ]
    );
    let first = imported.report.timeline[0]
        .time
        .as_ref()
        .and_then(Moment::exact)
        .unwrap();
    assert_eq!(first.to_rfc3339(), "2024-03-12T13:05:00-07:00");
    assert!(
        imported.notes.iter().any(|n| n.contains("status page")),
        "{:?}",
        imported.notes
    );
}

#[test]
fn a_plain_text_report_with_numbered_sections_and_a_table_drawn_with_spaces() {
    let report = import(
        "POST-INCIDENT REVIEW\n\n1. EXECUTIVE SUMMARY\n\nThe payment file was late.\n\n2. CHRONOLOGY\n\n\
         \x20 21:40  Batch fails\n  03:15  Incident closed\n\n3. ROOT CAUSE\n\nDebug logging filled the disk.\n\n\
         4. ACTIONS\n\n  ID   Action                    Owner\n  ---  ------------------------  -----------\n\
         \x20 A1   Move logs to /var/log     App Support\n  A2   Fix alert routing for     Monitoring\n       merged teams\n\n\
         5. APPROVAL\n\nAccepted by the board.\n",
    );
    assert_eq!(report.summary.impact, "The payment file was late.");
    assert_eq!(report.timeline.len(), 2);
    assert_eq!(
        report.root_cause_and_resolution.root_cause,
        "Debug logging filled the disk."
    );
    let tasks: Vec<(&str, Option<&str>)> = report
        .measures
        .tasks
        .iter()
        .map(|t| (t.text.as_str(), t.owner.as_deref()))
        .collect();
    assert_eq!(
        tasks,
        [
            ("Move logs to /var/log (ID: A1)", Some("App Support")),
            ("Fix alert routing for merged teams (ID: A2)", Some("Monitoring"))
        ]
    );
    // In a report numbered so, a section no field takes is a section of its own.
    assert!(report
        .extra_sections
        .iter()
        .any(|s| s.heading == "5. APPROVAL" && s.body == "Accepted by the board."));
    // "reached 100% capacity" is no share of users.
    assert_eq!(
        import("# Batch\n\n## Summary\n\nThe customers' disk reached 100% capacity.\n")
            .summary
            .users_affected_percent,
        None
    );
}

#[test]
fn responders_sections_front_matter_before_the_title_and_a_tracker_key() {
    let report = import(
        "---\ntitle: Queue stalled\nincident_id: OPS-88\ntags: [queues, billing]\nscribe: Ilse Brandt\nresponders:\n  \
         - Omar Haddad   # billing on-call\n---\n\n# Queue stalled\n\n## Summary\n\nInvoices waited.\n\n\
         ## Incident roles\n\n| Role | Name |\n| --- | --- |\n| Incident Commander | Mara Quist |\n| DBRE on-call | Teo Varga |\n\n\
         ## Who\n\n- Comms lead: Ines van der Berg\n- @jlund (Juni Lund): subject expert, wrote the patch\n- Thanks to everyone who stayed late.\n",
    );
    assert_eq!(report.title, "Queue stalled");
    assert_eq!(report.incident.as_ref().and_then(|i| i.key.as_deref()), Some("OPS-88"));
    assert_eq!(report.tags, ["queues", "billing"]);
    let roles: Vec<(&str, &str)> = report
        .responders
        .iter()
        .map(|r| (r.name.as_str(), r.role.as_ref().map_or("", Role::label)))
        .collect();
    assert_eq!(
        roles,
        [
            ("Ilse Brandt", "scribe"),
            ("Omar Haddad", "billing on-call"),
            ("Mara Quist", "incident commander"),
            ("Teo Varga", "DBRE on-call"),
            ("Ines van der Berg", "communications"),
            ("Juni Lund", "subject expert"),
        ]
    );
    // What a line says beyond who and which role, and a line that names nobody, are kept.
    let unplaced = &report
        .extra_sections
        .iter()
        .find(|s| s.heading == UNPLACED)
        .unwrap()
        .body;
    assert!(
        unplaced.contains("wrote the patch") && unplaced.contains("stayed late"),
        "{unplaced}"
    );
    assert!(
        !unplaced.contains("title:"),
        "the front matter's title is the heading's: {unplaced}"
    );
}

#[test]
fn a_formal_report_with_clause_numbers_and_times_from_a_stated_zero() {
    let imported = import_markdown(
        "## 1. INCIDENT IDENTIFICATION\n\n1.1 **Title:** Payment API outage\n\n1.2 **Services affected:** card payments for\n\
         merchants in the east\n\n1.3 **Incident roles:**\n\n- Duty manager / Incident Commander: Rhys Ode\n\n\
         ## 2. CHRONOLOGY\n\nT0 = 2024-04-09 23:50 UTC (first alarm).\n\n    T+0m      Latency alarm.\n    \
         T+5m      On-call paged; finds the pool\n              exhausted.\n    T+1h05m   Pool raised; service back.\n\n\
         ## 3. ROOT CAUSE ANALYSIS\n\n3.1 **Direct cause.** The pool was exhausted.\n\n\
         3.2 **Root cause.** A config push halved the pool size.\n",
    );
    let report = &imported.report;
    assert_eq!(report.title, "Payment API outage");
    // A year is no section number: the heading is the title.
    assert_eq!(
        import("## 2024 outage review\n\n## Timeline\n\n- 10:00 paged\n").title,
        "2024 outage review"
    );
    assert_eq!(
        report.service.as_deref(),
        Some("card payments for merchants in the east")
    );
    assert_eq!(report.responders.len(), 1);
    // Two hats in one role stay as written.
    assert_eq!(
        report.responders[0].role,
        Some(Role::Other("Duty manager / Incident Commander".into()))
    );
    let times: Vec<String> = report
        .timeline
        .iter()
        .map(|e| e.time.as_ref().and_then(Moment::exact).unwrap().to_rfc3339())
        .collect();
    assert_eq!(
        times,
        [
            "2024-04-09T23:50:00+00:00",
            "2024-04-09T23:55:00+00:00",
            "2024-04-10T00:55:00+00:00"
        ]
    );
    assert!(
        report.timeline[1].text.ends_with("finds the pool exhausted."),
        "{:?}",
        report.timeline[1].text
    );
    assert!(
        imported.notes.iter().any(|n| n.contains("written from T0")),
        "{:?}",
        imported.notes
    );
    let cause = &report.root_cause_and_resolution;
    assert_eq!(cause.trigger, "The pool was exhausted.");
    assert_eq!(cause.root_cause, "A config push halved the pool size.");
}

#[test]
fn a_report_pasted_from_a_word_processor_with_tabs() {
    let report = import(
        "MAJOR INCIDENT REPORT\n\nIncident Title:\tDepot scanners offline\nIncident Number:\tINC0042\n\
         Incident Start:\t2024-08-20 05:52 UTC\nIncident End:\t2024-08-20 09:31 UTC\n\n1.\tSummary\nScanners lost the host.\n\n\
         2.\tIncident Team\nRole\tName\nIncident Manager\tMara Quist\nNetwork Engineer\tTeo Varga\n\n\
         3.\tTimeline of Events\nTime\tEvent\n05:52\tFirst reports.\n09:31\tScanners back.\n\n\
         4.\tRoot Cause\nThe new certificate used a key the firmware cannot read.\n",
    );
    assert_eq!(report.title, "Depot scanners offline");
    assert_eq!(report.incident.as_ref().and_then(|i| i.key.as_deref()), Some("INC0042"));
    assert!(report.summary.started_at.as_ref().and_then(Moment::exact).is_some());
    assert_eq!(report.summary.impact, "Scanners lost the host.");
    let names: Vec<&str> = report.responders.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Mara Quist", "Teo Varga"]);
    assert_eq!(report.timeline.len(), 2);
    assert_eq!(
        report.root_cause_and_resolution.root_cause,
        "The new certificate used a key the firmware cannot read."
    );
}

#[test]
fn a_status_history_newest_first_is_read_in_time_order_on_a_24_hour_clock() {
    let imported = import_markdown(
        "# Queue outage\n\n## Past incidents\n\n### June 4, 2025\n\n\
         (14:20 UTC) Resolved: all queues drain normally.\n\n\
         (13:05 UTC) Monitoring: consumers restarted.\n\n\
         (9:40 UTC) Identified: a full disk on the broker.\n\n\
         (1:15 UTC) Investigating: messages are delayed.\n",
    );
    let report = &imported.report;
    assert_eq!(
        times_of(report),
        [
            "2025-06-04T01:15:00+00:00",
            "2025-06-04T09:40:00+00:00",
            "2025-06-04T13:05:00+00:00",
            "2025-06-04T14:20:00+00:00"
        ]
    );
    assert_eq!(report.timeline[0].text, "Investigating: messages are delayed.");
    for note in ["read as the timeline", "newest first"] {
        assert!(
            imported.notes.iter().any(|n| n.contains(note)),
            "{note}: {:?}",
            imported.notes
        );
    }
    assert!(!imported
        .notes
        .iter()
        .any(|n| n.contains("afternoon") || n.contains("midnight")));
}

#[test]
fn a_section_of_timed_lines_under_another_name_is_the_timeline() {
    let imported = import_markdown(
        "# Login failures\n\n## What we saw\n\n08:02 UTC first errors in the login service\n\
         08:10 UTC on-call paged\n08:31 UTC bad config rolled back\n\n## Why\n\nA typo in the config.\n",
    );
    assert_eq!(imported.report.timeline.len(), 3);
    assert_eq!(imported.report.timeline[1].text, "on-call paged");
    // A section with a time or two in its prose stays what it was.
    let report = import(
        "# T\n\n## Timeline\n\n- 10:00 Up\n\n## Notes\n\n10:30 we met.\nIt went well, and we wrote it up.\n\
         Next we plan the work.\n",
    );
    assert_eq!(report.timeline.len(), 1);
}

#[test]
fn a_span_of_time_opens_an_entry_at_its_start_and_keeps_its_end() {
    let report = import(
        "# 2025-06-04 cache outage\n\n## Timeline (UTC)\n\n- 13:55-14:10 UTC: Two nodes drained.\n- **14:40 - 14:45** Caches warmed.\n\
         - (15:00 - 15:20 UTC) Traffic moved back.\n- 15:30 UTC Closed.\n",
    );
    let clocks: Vec<String> = report
        .timeline
        .iter()
        .map(|e| {
            e.time
                .as_ref()
                .and_then(Moment::exact)
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(clocks, ["13:55", "14:40", "15:00", "15:30"]);
    assert_eq!(report.timeline[0].text, "(until 14:10 UTC) Two nodes drained.");
    assert_eq!(report.timeline[1].text, "(until 14:45) Caches warmed.");
    assert_eq!(report.timeline[2].text, "(until 15:20 UTC) Traffic moved back.");
}

#[test]
fn a_span_of_days_is_read_as_its_first_day() {
    let report = import("# T\n\n## Timeline\n\n### May 26 - 27th, 2018\n\n- 22:00 UTC Started.\n");
    assert_eq!(times_of(&report), ["2018-05-26T22:00:00+00:00"]);
}

#[test]
fn measures_under_the_resolution_are_measures() {
    let report = import(
        "# T\n\n## Root cause\n\nA full disk.\n\n## Remediation\n\n### Immediate actions\n\n- Freed space on the broker.\n\n\
         ### Short-term improvements\n\n- Alert at 80% disk.\n- Rotate logs hourly.\n\n### Long-term improvements\n\n\
         - Move logs off the broker.\n",
    );
    assert!(report.root_cause_and_resolution.resolution.contains("Freed space"));
    let measures = report.measures.improvements.len() + report.measures.tasks.len();
    assert_eq!(measures, 3, "{:?}", report.measures);
}

#[test]
fn a_timeline_of_field_lines_reads_each_label_as_what_happened_then() {
    let report = import(
        "# T\n\n## Timeline of events\n\n- **Incident start:**   2025-08-18 23:15 UTC\n\
         - **Detected:**   2025-08-18 23:25 UTC (disk alerts)\n- **Degraded:** 2025-08-19 00:35-02:43 UTC\n\
         - **Stable:** 2025-08-19 02:50 UTC onwards\n",
    );
    let texts: Vec<&str> = report.timeline.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Incident start",
            "Detected (disk alerts)",
            "Degraded (until 02:43 UTC)",
            "Stable: onwards"
        ]
    );
    assert_eq!(times_of(&report)[2], "2025-08-19T00:35:00+00:00");
}

#[test]
fn a_plain_text_report_with_a_timeline_line_that_names_its_zone_in_words() {
    let imported = import_markdown(
        "Issue Summary\n\nOn May 10, 2020 the shop was down for an hour.\n\n\
         Timeline (all times in Pacific Time)\n\n10:30 PM: Reboot begins\n11:05 PM: Alerts sent\n11:30 PM: Site back\n\n\
         Root Cause\n\nThe data disk did not mount at boot.\n",
    );
    let report = &imported.report;
    assert_eq!(
        times_of(report),
        [
            "2020-05-10T22:30:00-07:00",
            "2020-05-10T23:05:00-07:00",
            "2020-05-10T23:30:00-07:00"
        ],
        "{:?}",
        imported.notes
    );
    assert_eq!(
        report.root_cause_and_resolution.root_cause,
        "The data disk did not mount at boot."
    );
}

#[test]
fn labels_over_nested_items_in_a_section_of_another_name_fill_their_fields() {
    let report = import(
        "# Validator outage\n\n## Summary\n\nBlocks were slow for three hours.\n\n## Technical analysis\n\n\
         - **Root cause**:\n    * Peers across the network were missing blocks.\n    * Our nodes were healthy.\n\
         - **Contributing factors**:\n    * A restart did not help.\n",
    );
    // A label is read as the summary's labels are.
    assert_eq!(
        report.summary.root_cause,
        "Peers across the network were missing blocks.\nOur nodes were healthy."
    );
    assert_eq!(
        report.root_cause_and_resolution.contributing_factors,
        ["A restart did not help."]
    );
}

#[test]
fn rules_around_a_section_are_no_front_matter() {
    let report = import(
        "---\ntitle: Broken web server\n---\n\n*Posted on August 11th, 2023*\n\n---\n### Background\n\n\
         Students use a container to learn.\n\n---\n## Issue Summary\n\nThe server was down.\n",
    );
    assert_eq!(report.title, "Broken web server");
    assert_eq!(report.summary.impact, "The server was down.");
    let background = report.extra_sections.iter().find(|s| s.heading == "Background");
    // The rule under it is the author's, kept as written.
    assert_eq!(
        background.map(|s| s.body.as_str()),
        Some("Students use a container to learn.\n\n---")
    );
}

#[test]
fn mitigations_are_the_resolution_and_looking_forward_the_measures() {
    let report = import(
        "# Relay outage\n\n## Summary\n\nInvalid blocks were served.\n\n## Mitigations\n\n### Builder\n\n\
         - The builder was shut down.\n\n## Looking Forward\n\n1. **Load tests**\n   - Stress the simulator.\n\
         2. **Bug bounty**\n   - Start a bounty programme.\n",
    );
    assert!(report.root_cause_and_resolution.resolution.contains("shut down"));
    assert_eq!(report.measures.tasks.len(), 2, "{:?}", report.measures);
}

#[test]
fn a_span_of_days_under_the_date_heading_is_the_window() {
    let imported = import_markdown(
        "# Security postmortem\n\n## Incident date(s)\n\n2019-07-25 - 2019-10-10\n\n## Summary\n\nA crash was reported.\n",
    );
    let summary = &imported.report.summary;
    let day = |m: &Option<Moment>| m.as_ref().map(|m| m.to_json_string()).unwrap_or_default();
    assert!(day(&summary.started_at).starts_with("2019-07-25"), "{summary:?}");
    assert!(day(&summary.ended_at).starts_with("2019-10-10"), "{summary:?}");
}

#[test]
fn lessons_under_the_resolution_are_lessons() {
    let report = import(
        "# Check-in outage\n\n# Summary\n\nCheck-ins failed.\n\n# Resolution\n\n- A hotfix was deployed.\n\n\
         ## What went well\n\n- Teams talked quickly.\n\n## What went wrong\n\n- Staging was broken.\n\n\
         # Timeline\n\n## Detection\n\n- 2023-08-15 08:02 Alerts fired.\n",
    );
    assert_eq!(report.root_cause_and_resolution.resolution, "- A hotfix was deployed.");
    let lessons = report.lessons_learned.expect("lessons");
    assert_eq!(lessons.went_well, ["Teams talked quickly."]);
    assert_eq!(lessons.went_wrong, ["Staging was broken."]);
    // A timeline's stage heading stays part of the timeline.
    assert_eq!(report.timeline.len(), 1);
}

#[test]
fn points_that_open_with_their_status_are_tasks() {
    let report = import(
        "# Disk full\n\n## Mitigation\n\nOld snapshots were removed.\n\n## Lessons learned\n\n\
         Disk graphs are easier to read than the command line.\n\n**DONE**: added the wiki to monitoring.\n\n\
         **TODO**: monitor systemd units.\n\n**DOING** check free space before imports.\n\n         Action point: publish the disk runbook.\n",
    );
    let tasks: Vec<(&str, TaskStatus)> = report
        .measures
        .tasks
        .iter()
        .map(|t| (t.text.as_str(), t.status))
        .collect();
    assert_eq!(
        tasks,
        [
            ("added the wiki to monitoring.", TaskStatus::Done),
            ("monitor systemd units.", TaskStatus::Open),
            ("check free space before imports.", TaskStatus::InProgress),
            ("publish the disk runbook.", TaskStatus::Open)
        ]
    );
    let lessons = report
        .extra_sections
        .iter()
        .find(|s| s.heading == "Lessons learned")
        .expect("kept");
    assert_eq!(lessons.body, "Disk graphs are easier to read than the command line.");
}

#[test]
fn a_status_pages_front_matter_says_when_it_was_resolved() {
    let report = import(
        "---\ntitle: Upstream network loss\nresolved: true\nresolvedWhen: 2025-07-29T04:51:41.609Z\n---\n\n\
         *Update* - Services are restored.\n",
    );
    assert_eq!(report.title, "Upstream network loss");
    let end = report.summary.ended_at.as_ref().and_then(Moment::exact).expect("end");
    assert_eq!(end.to_rfc3339(), "2025-07-29T04:51:41+00:00");
}

#[test]
fn a_plain_first_line_above_the_first_section_is_the_title() {
    let report = import(
        "Postmortem Report: Search outage on November 6, 2023\nIssue Summary:\n\
         Duration: November 6, 2023, from 10:00 AM to 10:45 AM (UTC).\nRoot Cause: A bad query plan.\n",
    );
    assert_eq!(report.title, "Postmortem Report: Search outage on November 6, 2023");
    assert!(report.summary.started_at.as_ref().and_then(Moment::exact).is_some());
    // A field's label is not a title.
    let report = import("Duration: 2 hours\nIssue Summary:\nThe site was down.\n");
    assert_eq!(report.title, "");
}

#[test]
fn labelled_lines_without_blank_lines_between_them_are_read_one_by_one() {
    let report = import(
        "Postmortem: Broken checkboxes\nTimeline:\nDetection Time: The issue was detected at 10:00 AM (UTC) by a user.\n\
         Escalation: The incident went to the web team.\nResolution: The issue was resolved at 10:45 AM (UTC).\n\
         Root Cause and Resolution:\nRoot Cause: The script did not bind the checkboxes.\n\
         Resolution: The binding was fixed.\n",
    );
    assert_eq!(report.timeline.len(), 3);
    assert!(report.timeline[2].time.is_some());
    let cause = &report.root_cause_and_resolution;
    assert_eq!(cause.root_cause, "The script did not bind the checkboxes.");
    assert_eq!(cause.resolution, "The binding was fixed.");
}

#[test]
fn a_dated_entry_whose_sentence_opens_with_its_time_is_timed() {
    let report = import(
        "# Chain split\n\n## Timeline\n\n- 2021-08-17: A bounty report came in.\n\
         - 2021-08-27: At 12:50:07 UTC, the flaw was exploited.\n",
    );
    assert_eq!(times_of(&report), ["", "2021-08-27T12:50:07+00:00"]);
    assert_eq!(report.timeline[1].text, "At 12:50:07 UTC, the flaw was exploited.");
}

#[test]
fn a_short_question_on_a_plain_line_names_a_section() {
    let report = import(
        "Web server downtime postmortem: when a semicolon broke the site\nWhat Happened?\n\
         Outage Duration: 2 hours (March 1, 2025, 2:00 PM to 4:00 PM UTC)\nImpact: Every request failed.\n\n\
         Timeline of Events\n2:00 PM UTC\nDeployed a new config.\n",
    );
    assert_eq!(
        report.title,
        "Web server downtime postmortem: when a semicolon broke the site"
    );
    let start = report
        .summary
        .started_at
        .as_ref()
        .and_then(Moment::exact)
        .expect("start");
    assert_eq!(start.to_rfc3339(), "2025-03-01T14:00:00+00:00");
    assert_eq!(report.summary.impact, "Every request failed.");
}

#[test]
fn a_blog_posts_front_matter_names_it_when_its_top_headings_are_sections() {
    let imported = import_markdown(
        "---\ntitle: May 18 downtime\n---\nYesterday, from 11:45 to 13:56 (Pacific Time), no one could open a project.\n\n\
         # Technical details\n\nHere is what happened, in Pacific Time:\n* In 2021 we changed how configuration is pushed.\n\
         * 10:28 on May 18, a build went out.\n* 11:45, the pipeline pushed the change.\nThe machines locked up.\n\
         * 13:56, the last alert stopped.\n\n# What are the next steps?\n\n* Stagger configuration changes.\n",
    );
    let report = &imported.report;
    assert_eq!(report.title, "May 18 downtime");
    let timed = report.timeline.iter().filter(|e| e.time.is_some()).count();
    assert_eq!(timed, 3, "{:?}", imported.notes);
}

#[test]
fn a_measures_label_with_an_aside_in_brackets_still_names_its_list() {
    let report = import(
        "# T\n\n## Corrective and Preventive Measures\n\n- **Improvements:**\n  1. Lint the config.\n\
         - **Action Items (The Honey-Do List):**\n  1. Add a config test.\n  2. Page on 502s.\n\n\
         ## Response\n\nWe rolled back the config.\n",
    );
    assert_eq!(report.measures.improvements, ["Lint the config."]);
    assert_eq!(report.measures.tasks.len(), 2, "{:?}", report.measures);
    assert_eq!(
        report.root_cause_and_resolution.resolution,
        "We rolled back the config."
    );
}
