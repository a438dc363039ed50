use super::layout;
use super::*;
use crate::model::*;
use crate::test_support::{block_markdown, config, paragraph_field, raw_text};
use proptest::prelude::*;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

fn at(text: &str) -> Option<Moment> {
    Some(Moment::parse(text))
}

#[test]
fn empty_report_is_just_a_title() {
    assert_eq!(to_markdown(&Report::default()), "# Untitled postmortem\n");
}

#[test]
fn summary_bullets_and_duration() {
    let report = Report {
        title: "Login failures".into(),
        service: Some("Auth".into()),
        severity: Severity::parse("SEV2"),
        authors: vec!["Ana".into(), "Bo".into()],
        summary: IssueSummary {
            started_at: at("2025-01-31T23:10:00+00:00"),
            ended_at: at("2025-02-01T01:40:00+00:00"),
            timezone: Some("UTC+01:00".into()),
            impact: "Users could not log in.".into(),
            users_affected_percent: Some(12.5),
            business_impact: Some("Support tickets tripled.".into()),
            root_cause: "An expired signing key.".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(
        to_markdown(&report),
        "# Login failures\n\n\
         **Service:** Auth · **Severity:** SEV2 · **Authors:** Ana, Bo\n\n\
         ## Issue Summary\n\n\
         - **Duration:** 2025-02-01 00:10 – 02:40 UTC+01:00 (2 h 30 min)\n\
         - **Impact:** Users could not log in.\n\
         - **Users affected:** 12.5%\n\
         - **Business impact:** Support tickets tripled.\n\
         - **Root Cause:** An expired signing key.\n"
    );
}

#[test]
fn duration_across_midnight_and_as_written() {
    let times = |s: &IssueSummary| duration_line(s, &TimeDisplay::for_summary(s));
    let mut summary = IssueSummary {
        started_at: at("2025-01-31T23:10:00Z"),
        ended_at: at("2025-02-01T00:20:00Z"),
        ..Default::default()
    };
    assert_eq!(
        times(&summary).unwrap(),
        "2025-01-31 23:10 – 2025-02-01 00:20 UTC (1 h 10 min)"
    );
    summary.ended_at = at("00:20 the next day");
    assert_eq!(times(&summary).unwrap(), "2025-01-31 23:10 UTC – 00:20 the next day");
    summary.ended_at = None;
    assert_eq!(times(&summary).unwrap(), "from 2025-01-31 23:10 UTC, end not recorded");
    summary.started_at = None;
    assert_eq!(times(&summary), None);
}

#[test]
fn timeline_entries_carry_time_kind_and_actor() {
    let report = Report {
        title: "T".into(),
        summary: IssueSummary {
            started_at: at("2025-01-31T23:10:00Z"),
            ..Default::default()
        },
        timeline: vec![
            TimelineEntry {
                time: at("2025-01-31T23:12:00Z"),
                kind: EntryKind::Detection,
                text: "Pager fired.".into(),
                actor: Some("Dana".into()),
                ..Default::default()
            },
            TimelineEntry {
                time: at("2025-02-01T00:05:30Z"),
                kind: EntryKind::Other,
                text: "Status page updated.".into(),
                actor: None,
                ..Default::default()
            },
            TimelineEntry {
                time: at("shortly after"),
                kind: EntryKind::MisleadingPath,
                text: "Suspected DNS.".into(),
                actor: None,
                ..Default::default()
            },
            TimelineEntry {
                time: None,
                kind: EntryKind::Other,
                text: "# Not a heading\n- not a bullet".into(),
                actor: None,
                ..Default::default()
            },
        ],
        ..Default::default()
    };
    assert_eq!(
        to_markdown(&report),
        "# T\n\n## Issue Summary\n\n- **Duration:** from 2025-01-31 23:10 UTC, end not recorded\n\n\
         ### Key times\n\n| Key time | Duration | From | To |\n| --- | --- | --- | --- |\n\
         | Time to detect | 2 min | impact start, 23:10 | detected, 23:12 (entry 1, inferred) |\n\n\
         Measured from the impact start. Times are UTC. Inferred: no entry is marked with that milestone, so the first \
         entry of its kind is used (detection; investigation or escalation; mitigation; resolution).\n\n## Timeline\n\n\
         - **23:12 UTC** — *Detection (Dana):* Pager fired.\n\
         - **2025-02-01 00:05:30 UTC** — Status page updated.\n\
         - **shortly after** — *Misleading path:* Suspected DNS.\n\
         - \\# Not a heading\n  \\- not a bullet\n"
    );
}

#[test]
fn measures_lessons_images_and_extra_sections() {
    let report = Report {
        title: "T".into(),
        root_cause_and_resolution: RootCauseAndResolution {
            root_cause: "Because.\n\n# Sneaky heading".into(),
            resolution: String::new(),
            ..Default::default()
        },
        measures: CorrectiveMeasures {
            improvements: vec!["Better alerts".into(), "  ".into()],
            tasks: vec![
                CorrectiveTask {
                    text: "Rotate keys".into(),
                    owner: Some("Sec".into()),
                    due: Some(DueDate::parse("2025-03-01")),
                    status: TaskStatus::Done,
                    ..Default::default()
                },
                CorrectiveTask {
                    text: "Write runbook".into(),
                    owner: None,
                    due: Some(DueDate::parse("Q3")),
                    status: TaskStatus::Open,
                    ..Default::default()
                },
            ],
        },
        lessons_learned: Some(LessonsLearned {
            went_well: vec!["Fast rollback".into()],
            went_wrong: vec![],
            got_lucky: vec!["Low traffic".into()],
        }),
        images: vec![Image {
            url: "https://example.com/a graph.png".into(),
            alt: "Error [rate]".into(),
        }],
        extra_sections: vec![ExtraSection {
            heading: "Appendix".into(),
            body: "```\nunclosed".into(),
        }],
        ..Default::default()
    };
    assert_eq!(
        to_markdown(&report),
        "# T\n\n## Root Cause and Resolution\n\n### Root Cause\n\nBecause.\n\n\\# Sneaky heading\n\n\
         ## Corrective and Preventative Measures\n\n### Improvements\n\n- Better alerts\n\n\
         ### Tasks\n\n- [x] Rotate keys — **Owner:** Sec · **Due:** 2025-03-01\n- [ ] Write runbook — **Due:** Q3\n\n\
         ## Lessons Learned\n\n### What went well\n\n- Fast rollback\n\n### Where we got lucky\n\n- Low traffic\n\n\
         ## Images\n\n![Error \\[rate\\]](<https://example.com/a graph.png>)\n\n\
         ## Appendix\n\n```\nunclosed\n```\n"
    );
}

/// The headings a reader sees when the Markdown is rendered, as (level, text).
fn rendered_headings(markdown: &str) -> Vec<(HeadingLevel, String)> {
    let mut headings = Vec::new();
    let mut current: Option<(HeadingLevel, String)> = None;
    for event in Parser::new_ext(markdown, crate::preview::options()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            _ => {}
        }
    }
    headings
}

/// Whatever an author might type, in any field: raw typing, or Markdown's building blocks.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![raw_text(), block_markdown(), paragraph_field()]
}

/// A report with every field filled with hostile text. Each starts with "x" so that no field
/// is blank and the template's outline is the same for every case.
fn hostile_report() -> impl Strategy<Value = Report> {
    let x = || hostile_text().prop_map(|t| format!("x{t}"));
    (
        classic_hostile_report(),
        (x(), x(), x(), x(), x(), x()),
        (x(), x(), x(), x(), x(), x()),
        prop::sample::select(Template::ALL),
    )
        .prop_map(
            |(
                mut report,
                (key, url, tag, owner, name, role),
                (figure, value, trigger, factor, ticket, reviewer),
                template,
            )| {
                report.incident = Some(IncidentReference {
                    key: Some(key),
                    url: Some(url),
                });
                report.tags = vec![tag.clone(), tag];
                report.owner = Some(owner);
                report.responders = vec![Responder {
                    name,
                    role: Some(Role::parse(&role)),
                }];
                report.summary.impact_figures = vec![ImpactFigure { name: figure, value }];
                report.summary.detection = Some(DetectionMethod::CustomerReport);
                report.root_cause_and_resolution.trigger = trigger;
                report.root_cause_and_resolution.contributing_factors = vec![factor];
                report.timeline[1].milestone = Some(Milestone::Detected);
                report.timeline[0].milestone = Some(Milestone::Declared);
                let task = &mut report.measures.tasks[0];
                task.ticket = Some(ticket);
                task.priority = Some(Priority::P1);
                task.kind = Some(TaskType::Detect);
                task.status = TaskStatus::WontDo;
                report.template = template;
                // Both ways of measuring, the other written out in the key times part.
                if template != Template::Classic {
                    report.summary.key_times_from = TimesFrom::Declared;
                }
                report.review = Some(Review {
                    status: ReviewStatus::InReview,
                    reviewers: vec![reviewer.clone()],
                    date: Some(DueDate::AsWritten(reviewer.clone())),
                    shared_with: vec![reviewer.clone()],
                    checked: vec![ReviewCheck::TasksAgreed, ReviewCheck::CauseExplainsTrigger],
                    // A phrase as dismissals keep it: one line.
                    dismissed: vec![Dismissal {
                        rule: "blameless/counterfactual".into(),
                        quote: single_line(&reviewer),
                    }],
                });
                report
            },
        )
}

/// The classic sections, every field filled with hostile text.
fn classic_hostile_report() -> impl Strategy<Value = Report> {
    let x = || hostile_text().prop_map(|t| format!("x{t}"));
    (
        (x(), x(), x(), x()),
        (x(), x(), x(), x(), x()),
        (x(), x(), x(), x()),
        (x(), x(), x(), x(), x()),
        (x(), x(), x()),
    )
        .prop_map(
            |(
                (title, service, author, impact),
                (business, summary_cause, entry, actor, written_time),
                (cause, resolution, improvement, task),
                (owner, due, lesson, alt, heading),
                (body, second_body, url),
            )| Report {
                title,
                service: Some(service),
                severity: Severity::parse("SEV2"),
                authors: vec![author],
                summary: IssueSummary {
                    started_at: at("2025-01-31T23:10:00Z"),
                    ended_at: Some(Moment::AsWritten(written_time.clone())),
                    impact,
                    users_affected_percent: Some(5.0),
                    business_impact: Some(business),
                    root_cause: summary_cause,
                    ..Default::default()
                },
                timeline: vec![
                    TimelineEntry {
                        text: entry.clone(),
                        ..Default::default()
                    },
                    TimelineEntry {
                        time: Some(Moment::AsWritten(written_time)),
                        kind: EntryKind::Detection,
                        text: entry,
                        actor: Some(actor),
                        ..Default::default()
                    },
                ],
                root_cause_and_resolution: RootCauseAndResolution {
                    root_cause: cause,
                    resolution,
                    ..Default::default()
                },
                measures: CorrectiveMeasures {
                    improvements: vec![improvement],
                    tasks: vec![CorrectiveTask {
                        text: task,
                        owner: Some(owner),
                        due: Some(DueDate::AsWritten(due)),
                        status: TaskStatus::Open,
                        ..Default::default()
                    }],
                },
                lessons_learned: Some(LessonsLearned {
                    went_well: vec![lesson.clone()],
                    went_wrong: vec![lesson.clone()],
                    got_lucky: vec![lesson],
                }),
                images: vec![Image {
                    url: format!("https://img.example/{url}"),
                    alt,
                }],
                extra_sections: vec![
                    ExtraSection { heading, body },
                    ExtraSection {
                        heading: "Timeline".into(),
                        body: second_body,
                    },
                ],
                ..Default::default()
            },
        )
}

/// The classic template's outline for a report with every part filled, written out.
const CLASSIC_OUTLINE: [&str; 21] = [
    "H2 Issue Summary",
    "H3 Key times",
    "H2 Timeline",
    "H2 Root Cause and Resolution",
    "H3 Root Cause",
    "H3 Trigger",
    "H3 Contributing Factors",
    "H3 Resolution",
    "H2 Corrective and Preventative Measures",
    "H3 Improvements",
    "H3 Tasks",
    "H2 Lessons Learned",
    "H3 What went well",
    "H3 What went wrong",
    "H3 Where we got lucky",
    "H2 Responders",
    "H2 Images",
    "H2 Review",
    // The extra sections: the author's heading (only its level is compared), then one headed
    // like a template section.
    "H2",
    "H2 Timeline",
    "end",
];

/// A template's outline for a report with every part filled: its layout's headings, then the
/// extra sections' (the title and the first extra heading are the author's text: levels only).
/// The key times are there when the report's times give them.
fn full_outline(template: Template, key_times: bool) -> Vec<String> {
    let mut outline = vec!["H1".to_owned()];
    for section in layout::sections(template) {
        outline.push(format!("H2 {}", section.heading));
        outline.extend(
            section
                .parts
                .iter()
                .filter(|p| key_times || p.part != Part::KeyTimes)
                .filter_map(|p| p.heading)
                .map(|h| format!("H3 {h}")),
        );
    }
    outline.extend(["H2".to_owned(), "H2 Timeline".to_owned(), "end".to_owned()]);
    outline
}

#[test]
fn the_classic_outline_is_the_one_readers_know() {
    assert_eq!(
        full_outline(Template::Classic, true)[1..],
        CLASSIC_OUTLINE.map(String::from)
    );
}

proptest! {
    #![proptest_config(config(512))]

    /// Whatever is typed into any field, the rendered document's headings of level 1 to 3,
    /// at any depth (inside lists and quotes too), are exactly the template's, in order: none
    /// added, none hidden inside code or HTML.
    #[test]
    fn typed_text_never_breaks_the_section_structure(report in hostile_report()) {
        let markdown = to_markdown(&report);
        let expected = full_outline(report.template, super::writes_key_times(&report));
        let mut outline: Vec<String> = rendered_headings(&markdown)
            .into_iter()
            .filter(|(level, _)| *level <= HeadingLevel::H3)
            .enumerate()
            .map(|(n, (level, text))| match expected.get(n) {
                Some(e) if !e.contains(' ') => format!("{level:?}"),
                _ => format!("{level:?} {text}"),
            })
            .collect();
        outline.push("end".into());
        prop_assert_eq!(outline, expected, "{}", markdown);
    }

    /// The export of any report reads back as a report whose export is the same text: the
    /// exact reader takes it, and nothing moves between fields.
    #[test]
    fn any_export_reads_back_to_the_same_markdown(report in hostile_report()) {
        let markdown = to_markdown(&report);
        let imported = crate::import_markdown(&markdown);
        prop_assert!(imported.notes.is_empty(), "{:?}\n{}", imported.notes, markdown);
        prop_assert_eq!(to_markdown(&imported.report), markdown);
        // Read once, a report is in the editor's own terms, and from then on comes back whole.
        let again = crate::import_markdown(&to_markdown(&imported.report));
        prop_assert_eq!(again.report, imported.report);
    }

    /// With the timeline drawn in Mermaid, the export still reads back exactly, and the
    /// diagram holds nothing that ends its fence or changes the outline.
    #[test]
    fn an_export_with_its_diagram_reads_back(report in hostile_report()) {
        let mut report = report;
        report.timeline[0].time = at("2025-01-31T23:15:00Z");
        let options = ExportOptions { mermaid: true };
        let markdown = to_markdown_with(&report, options);
        prop_assert!(markdown.contains("```mermaid\ngantt\n"), "{}", markdown);
        let imported = crate::import_markdown(&markdown);
        prop_assert!(imported.notes.is_empty(), "{:?}\n{}", imported.notes, markdown);
        prop_assert_eq!(to_markdown_with(&imported.report, options), markdown.clone());
        let headings: Vec<_> = rendered_headings(&markdown).into_iter().filter(|(l, _)| *l <= HeadingLevel::H3).collect();
        let plain: Vec<_> = rendered_headings(&to_markdown(&report)).into_iter().filter(|(l, _)| *l <= HeadingLevel::H3).collect();
        prop_assert_eq!(headings, plain);
    }

    #[test]
    fn export_is_deterministic(report in hostile_report()) {
        prop_assert_eq!(to_markdown(&report), to_markdown(&report.clone()));
    }
}

#[test]
fn blocks_join_into_the_document() {
    let entries = (0..60)
        .map(|i| TimelineEntry {
            text: format!("entry {i}"),
            ..Default::default()
        })
        .collect();
    let report = Report {
        title: "T".into(),
        timeline: entries,
        extra_sections: vec![ExtraSection {
            heading: "A".into(),
            body: "b".into(),
        }],
        ..Default::default()
    };
    let blocks = markdown_blocks(&report, ExportOptions::default());
    // Title, three runs of the timeline, the extra section.
    assert_eq!(blocks.len(), 5, "{blocks:#?}");
    assert!(blocks[1].starts_with("## Timeline\n\n- entry 0\n"));
    assert!(blocks[2].starts_with("- entry 25\n") && blocks[2].ends_with("- entry 49\n"));
    let joined = blocks.concat();
    assert_eq!(
        joined.trim_end_matches('\n'),
        to_markdown(&report).trim_end_matches('\n')
    );
    // The joined timeline is still one tight list.
    assert!(!to_markdown(&report).contains("entry 24\n\n"));
}

proptest! {
    #[test]
    fn blocks_always_join_into_the_document(report in hostile_report(), extra in 0usize..60, mermaid: bool) {
        let mut report = report;
        report.timeline.extend((0..extra).map(|i| TimelineEntry { text: format!("e{i}"), ..Default::default() }));
        let options = ExportOptions { mermaid };
        let joined = markdown_blocks(&report, options).concat();
        let document = to_markdown_with(&report, options);
        prop_assert_eq!(joined.trim_end_matches('\n'), document.trim_end_matches('\n'));
    }
}
