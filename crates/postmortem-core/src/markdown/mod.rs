//! Markdown export: the report as GitHub-flavoured Markdown in the shape teams already write
//! by hand: `# title`, the line of details, then the sections of the report's template
//! (`layout`: classic is `## Issue Summary`, `## Timeline`, `## Root Cause and Resolution`,
//! `## Corrective and Preventative Measures`, then the optional ones), then extra sections.
//!
//! The output is deterministic, and parts the author left empty leave no empty headings.
//! The preview, the file export and the CLI all use this one writer.

mod escape;
pub mod layout;
pub mod mermaid;

pub use escape::{normalize_newlines, read_block, read_heading_text, read_paragraph, single_line};
use escape::{push_block, push_heading_text, push_paragraph};
pub(crate) use escape::{CodeFences, Fence};

use std::fmt::Write as _;

use crate::metrics;
use crate::model::{
    CorrectiveTask, EntryKind, ExtraSection, Image, ImpactFigure, IncidentReference, IssueSummary, Moment, Report,
    Responder, Review, TaskStatus, TimelineEntry, TimesFrom,
};
use crate::time::{format_duration, TimeDisplay};
use layout::{ListField, Part, SummaryItem, TextField};

/// The classic template's headings, also what the importer's notes name (`layout` has every
/// template's).
pub mod headings {
    pub const SUMMARY: &str = "Issue Summary";
    pub const TIMELINE: &str = "Timeline";
    pub const ROOT_CAUSE_AND_RESOLUTION: &str = "Root Cause and Resolution";
    pub const MEASURES: &str = "Corrective and Preventative Measures";
    pub const LESSONS: &str = "Lessons Learned";
    pub const IMAGES: &str = "Images";
    pub const ROOT_CAUSE: &str = "Root Cause";
    pub const RESOLUTION: &str = "Resolution";
    pub const IMPROVEMENTS: &str = "Improvements";
    pub const TASKS: &str = "Tasks";
    pub const WENT_WELL: &str = "What went well";
    pub const WENT_WRONG: &str = "What went wrong";
    pub const GOT_LUCKY: &str = "Where we got lucky";
    pub const TRIGGER: &str = "Trigger";
    pub const CONTRIBUTING_FACTORS: &str = "Contributing Factors";
    pub const RESPONDERS: &str = "Responders";
    pub const REVIEW: &str = "Review";
    pub const KEY_TIMES: &str = "Key times";
}

/// The bold labels of the summary bullets, the line under the title and a task's details.
pub mod labels {
    pub const DURATION: &str = "Duration";
    pub const IMPACT: &str = "Impact";
    pub const USERS_AFFECTED: &str = "Users affected";
    pub const BUSINESS_IMPACT: &str = "Business impact";
    pub const ROOT_CAUSE: &str = "Root Cause";
    pub const SERVICE: &str = "Service";
    pub const SEVERITY: &str = "Severity";
    pub const AUTHORS: &str = "Authors";
    pub const OWNER: &str = "Owner";
    pub const DUE: &str = "Due";
    pub const PRIORITY: &str = "Priority";
    pub const TYPE: &str = "Type";
    pub const TICKET: &str = "Ticket";
    pub const STATUS: &str = "Status";
    pub const INCIDENT: &str = "Incident";
    pub const TAGS: &str = "Tags";
    pub const IMPACT_FIGURES: &str = "Impact figures";
    pub const DETECTED_BY: &str = "Detected by";
    pub const REVIEWERS: &str = "Reviewers";
    pub const REVIEW_DATE: &str = "Review date";
    pub const SHARED_WITH: &str = "Shared with";
    pub const CHECKED: &str = "Checked";
    pub const DISMISSED: &str = "Advice set aside";
    pub const TEMPLATE: &str = "Template";
    /// Between the parts of the line under the title and of a task's details.
    pub const SEPARATOR: &str = " · ";
    /// Before a timeline entry's text and a task's details.
    pub const DASH: &str = " — ";
}

/// The title used when the author has not written one yet.
pub const UNTITLED: &str = "Untitled postmortem";

/// Timeline entries per preview block (see [`markdown_blocks`]).
pub const TIMELINE_BLOCK_ENTRIES: usize = 25;

/// The report as a Markdown document.
pub fn to_markdown(report: &Report) -> String {
    to_markdown_with(report, ExportOptions::default())
}

/// What an export may add to the report's Markdown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// A Mermaid diagram of the timeline at the top of its section.
    pub mermaid: bool,
}

pub fn to_markdown_with(report: &Report, options: ExportOptions) -> String {
    let mut out = String::with_capacity(4096 + 160 * report.timeline.len());
    write_markdown_with(report, options, &mut out);
    out
}

/// Appends the report as Markdown to `out`.
pub fn write_markdown(report: &Report, out: &mut String) {
    write_markdown_with(report, ExportOptions::default(), out)
}

fn write_markdown_with(report: &Report, options: ExportOptions, out: &mut String) {
    let start = out.len();
    for_each_block(report, options, |block| out.push_str(&block));
    // One trailing newline, whatever the last section was.
    while out[start..].ends_with("\n\n") {
        out.pop();
    }
}

/// The document in consecutive pieces that each render on their own: the title, each section,
/// and the timeline in runs of [`TIMELINE_BLOCK_ENTRIES`] entries. Joined, they are the
/// document (but for its final newline). The preview renders them separately so that a
/// keystroke re-renders only the piece it changed.
pub fn markdown_blocks(report: &Report, options: ExportOptions) -> Vec<String> {
    let mut blocks = Vec::new();
    for_each_block(report, options, |block| blocks.push(block));
    blocks
}

fn for_each_block(report: &Report, options: ExportOptions, mut emit: impl FnMut(String)) {
    let times = TimeDisplay::for_summary(&report.summary);
    let mut block = String::from("# ");
    if report.title.trim().is_empty() {
        block.push_str(UNTITLED);
    } else {
        push_heading_text(&mut block, &report.title);
    }
    block.push_str("\n\n");
    write_metadata(report, &mut block);
    emit(block);
    let mut emit_section = |write: &dyn Fn(&mut String)| {
        let mut block = String::new();
        write(&mut block);
        if !block.is_empty() {
            emit(block);
        }
    };
    for section in layout::sections(report.template) {
        if section.parts.iter().any(|p| p.part == Part::Timeline) {
            let diagram = options.mermaid.then_some(report);
            write_timeline(section.heading, &report.timeline, diagram, &times, &mut emit_section);
            continue;
        }
        emit_section(&|out| {
            let mut body = String::new();
            for placed in section.parts {
                let mut content = String::new();
                write_part(placed.part, report, &times, &mut content);
                if content.is_empty() {
                    continue;
                }
                if let Some(part_heading) = placed.heading {
                    heading(&mut body, 3, part_heading);
                }
                body.push_str(&content);
            }
            if !body.is_empty() {
                heading(out, 2, section.heading);
                out.push_str(&body);
            }
        });
    }
    for section in &report.extra_sections {
        emit_section(&|out| write_extra_section(section, out));
    }
}

/// One part of a section, ending with a blank line; nothing when the report has none of it.
fn write_part(part: Part, report: &Report, times: &TimeDisplay, out: &mut String) {
    let lessons = report.lessons_learned.as_ref();
    let rca = &report.root_cause_and_resolution;
    match part {
        Part::Summary(items) => write_summary(&report.summary, items, times, out),
        Part::Timeline => {}
        Part::Text(field) => {
            let text = match field {
                TextField::RootCause => &rca.root_cause,
                TextField::Trigger => &rca.trigger,
                TextField::Resolution => &rca.resolution,
            };
            if !is_blank(text) {
                push_block(out, text.trim_matches('\n'));
                out.push('\n');
            }
        }
        Part::List(field) => {
            let items = match field {
                ListField::ContributingFactors => Some(&rca.contributing_factors),
                ListField::Improvements => Some(&report.measures.improvements),
                ListField::WentWell => lessons.map(|l| &l.went_well),
                ListField::WentWrong => lessons.map(|l| &l.went_wrong),
                ListField::GotLucky => lessons.map(|l| &l.got_lucky),
            };
            let items: Vec<&String> = items.into_iter().flatten().filter(|i| !is_blank(i)).collect();
            if !items.is_empty() {
                for item in items {
                    bullet(out, item);
                }
                out.push('\n');
            }
        }
        Part::Tasks => {
            let tasks: Vec<&CorrectiveTask> = report.measures.tasks.iter().filter(|t| !is_task_empty(t)).collect();
            if !tasks.is_empty() {
                for task in tasks {
                    write_task(task, out);
                }
                out.push('\n');
            }
        }
        Part::Responders => write_responders(&report.responders, out),
        Part::KeyTimes => write_key_times(report, times, out),
        Part::Images => write_images(&report.images, out),
        Part::Review => {
            if let Some(review) = &report.review {
                write_review(review, out);
            }
        }
    }
}

fn heading(out: &mut String, level: usize, text: &str) {
    for _ in 0..level {
        out.push('#');
    }
    out.push(' ');
    push_heading_text(out, text);
    out.push_str("\n\n");
}

/// `## Timeline ##`: a level-2 heading with a closing sequence.
fn write_heading_marked(out: &mut String, text: &str) {
    out.push_str("## ");
    push_heading_text(out, text);
    out.push_str(EXTRA_MARK);
    out.push_str("\n\n");
}

/// What ends an extra section's heading that has a template section's name.
pub const EXTRA_MARK: &str = " ##";

fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

fn non_blank(text: &Option<String>) -> Option<&str> {
    text.as_deref().filter(|t| !is_blank(t))
}

/// A bullet with a bold label: `- **Impact:** text`.
fn labelled_bullet(out: &mut String, label: &str, text: &str) {
    out.push_str("- **");
    out.push_str(label);
    out.push_str(":** ");
    push_paragraph(out, text, "  ");
    out.push('\n');
}

fn bullet(out: &mut String, text: &str) {
    out.push_str("- ");
    push_paragraph(out, text, "  ");
    out.push('\n');
}

/// Service, severity and authors on one line under the title.
fn write_metadata(report: &Report, out: &mut String) {
    let mut parts = Vec::new();
    if let Some(service) = non_blank(&report.service) {
        parts.push(format!("**{}:** {}", labels::SERVICE, single_line(service)));
    }
    if let Some(severity) = &report.severity {
        parts.push(format!("**{}:** {}", labels::SEVERITY, single_line(severity.label())));
    }
    let listed = |items: &[String]| -> Option<String> {
        let items: Vec<String> = items.iter().filter(|a| !is_blank(a)).map(|a| single_line(a)).collect();
        (!items.is_empty()).then(|| items.join(", "))
    };
    if let Some(authors) = listed(&report.authors) {
        parts.push(format!("**{}:** {authors}", labels::AUTHORS));
    }
    if let Some(incident) = report.incident.as_ref().filter(|i| !i.is_empty()) {
        parts.push(format!("**{}:** {}", labels::INCIDENT, incident_text(incident)));
    }
    if let Some(owner) = non_blank(&report.owner) {
        parts.push(format!("**{}:** {}", labels::OWNER, single_line(owner)));
    }
    if let Some(tags) = listed(&report.tags) {
        parts.push(format!("**{}:** {tags}", labels::TAGS));
    }
    if !report.template.is_classic() {
        parts.push(format!("**{}:** {}", labels::TEMPLATE, report.template.label()));
    }
    if !parts.is_empty() {
        // The first part starts with `**`, which cannot open a block, so no escaping is needed.
        out.push_str(&parts.join(labels::SEPARATOR));
        out.push_str("\n\n");
    }
}

/// Whether an address can stand as `<address>` (an autolink holds no spaces or brackets).
pub(crate) fn autolinkable(url: &str) -> bool {
    !url.trim()
        .contains(|c: char| c.is_whitespace() || "<>[]()\\`".contains(c))
}

/// `INC-1042`, `[INC-1042](https://…)`, or the link alone.
fn incident_text(incident: &IncidentReference) -> String {
    let key = non_blank(&incident.key).map(single_line);
    match (key, non_blank(&incident.url)) {
        (Some(key), Some(url)) => {
            let mut out = String::new();
            push_link(&mut out, "[", &key, url);
            out
        }
        (Some(key), None) => key,
        // A link alone is its own text, and an autolink where it can be one.
        (None, Some(url)) if autolinkable(url) => format!("<{}>", url.trim()),
        (None, Some(url)) => incident_text(&IncidentReference {
            key: Some(url.to_owned()),
            url: Some(url.to_owned()),
        }),
        (None, None) => String::new(),
    }
}

/// "2024-08-22 15:00 – 17:00 UTC (2 h)", or what the author wrote when the times are not exact.
pub fn duration_line(summary: &IssueSummary, times: &TimeDisplay) -> Option<String> {
    let full = |moment: &Moment| match moment.exact() {
        Some(at) => format!("{} {}", times.date_time(at), times.label()),
        None => times.moment(moment),
    };
    let line = match (&summary.started_at, &summary.ended_at) {
        (None, None) => return None,
        (Some(start), None) => format!("from {}, end not recorded", full(start)),
        (None, Some(end)) => format!("start not recorded, until {}", full(end)),
        (Some(start), Some(end)) => match (start.exact(), end.exact()) {
            (Some(start), Some(end)) => {
                let end_text = if times.same_day(start, end) {
                    times.clock(end)
                } else {
                    times.date_time(end)
                };
                let length = format_duration(end - start)
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default();
                format!("{} – {end_text} {}{length}", times.date_time(start), times.label())
            }
            _ => format!("{} – {}", full(start), full(end)),
        },
    };
    Some(line)
}

/// "45%", "12.5%": whole numbers without a decimal point.
pub fn format_percent(percent: f64) -> String {
    let rounded = (percent * 100.0).round() / 100.0;
    format!("{rounded}%")
}

/// The summary's labelled bullets that `items` names, in that order.
fn write_summary(summary: &IssueSummary, items: &[SummaryItem], times: &TimeDisplay, out: &mut String) {
    let start = out.len();
    for item in items {
        match item {
            SummaryItem::Duration => {
                if let Some(duration) = duration_line(summary, times) {
                    labelled_bullet(out, labels::DURATION, &single_line(&duration));
                }
            }
            SummaryItem::Impact if !is_blank(&summary.impact) => labelled_bullet(out, labels::IMPACT, &summary.impact),
            SummaryItem::UsersAffected => {
                if let Some(percent) = summary.users_affected_percent {
                    labelled_bullet(out, labels::USERS_AFFECTED, &format_percent(percent));
                }
            }
            SummaryItem::BusinessImpact => {
                if let Some(business) = non_blank(&summary.business_impact) {
                    labelled_bullet(out, labels::BUSINESS_IMPACT, business);
                }
            }
            SummaryItem::ImpactFigures => write_figures(&summary.impact_figures, out),
            SummaryItem::DetectedBy => {
                if let Some(detection) = summary.detection {
                    labelled_bullet(out, labels::DETECTED_BY, detection.label());
                }
            }
            SummaryItem::RootCause if !is_blank(&summary.root_cause) => {
                labelled_bullet(out, labels::ROOT_CAUSE, &summary.root_cause)
            }
            _ => {}
        }
    }
    if out.len() > start {
        out.push('\n');
    }
}

/// The key times as a table GitHub renders, then where they are measured from. Nothing in it
/// is the author's text (names of measures and moments, durations and clock times), so
/// nothing in it needs escaping.
fn write_key_times(report: &Report, times: &TimeDisplay, out: &mut String) {
    let figures = key_time_rows(report);
    if figures.is_empty() && report.summary.key_times_from.is_default() {
        return;
    }
    if !figures.is_empty() {
        out.push_str("| Key time | Duration | From | To |\n| --- | --- | --- | --- |\n");
        for figure in &figures {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                figure.measure.label(),
                figure.duration(),
                metrics::describe_end(&figure.from, times, false),
                metrics::describe_end(&figure.to, times, false)
            );
        }
        out.push('\n');
    }
    out.push_str(key_times_note(report.summary.key_times_from));
    if !figures.is_empty() {
        let _ = write!(out, " Times are {}.", times.label());
    }
    if figures.iter().any(metrics::Figure::inferred) {
        out.push(' ');
        out.push_str(metrics::INFERRED_NOTE);
    }
    out.push_str("\n\n");
}

/// The figures the table shows: none when the impact duration is all there is, as the
/// duration line already says it.
fn key_time_rows(report: &Report) -> Vec<metrics::Figure> {
    let figures = metrics::key_times(report).figures();
    if figures.iter().all(|f| f.measure == metrics::Measure::Impact) {
        return Vec::new();
    }
    figures
}

/// Whether the export has a key times part.
#[cfg(test)]
pub(crate) fn writes_key_times(report: &Report) -> bool {
    !key_time_rows(report).is_empty() || !report.summary.key_times_from.is_default()
}

/// The sentence that says where the key times are measured from.
pub(crate) fn key_times_note(from: TimesFrom) -> &'static str {
    match from {
        TimesFrom::ImpactStart => "Measured from the impact start.",
        TimesFrom::Declared => "Measured from the moment the incident was declared.",
    }
}

fn write_figures(figures: &[ImpactFigure], out: &mut String) {
    let figures: Vec<&ImpactFigure> = figures
        .iter()
        .filter(|f| !is_blank(&f.name) || !is_blank(&f.value))
        .collect();
    if figures.is_empty() {
        return;
    }
    out.push_str("- **");
    out.push_str(labels::IMPACT_FIGURES);
    out.push_str(":**\n");
    for figure in figures {
        // "Failed checkouts: 1,240": the name is one line, and a colon or backslash in it
        // is escaped, so the first bare colon ends it.
        out.push_str("  - ");
        let name = single_line(&figure.name).replace('\\', "\\\\").replace(':', "\\:");
        push_paragraph(out, &name, "    ");
        out.push(':');
        if !is_blank(&figure.value) {
            out.push(' ');
            out.push_str(&single_line(&figure.value));
        }
        out.push('\n');
    }
}

/// The timeline as one or more blocks. Only the last ends with a blank line: a blank line
/// between items would make the joined list a loose one.
/// The timeline section, in runs of entries; with `diagram`, the report's timeline drawn in
/// Mermaid first, in a block of its own (it changes with every entry).
fn write_timeline(
    section_heading: &str,
    timeline: &[TimelineEntry],
    diagram: Option<&Report>,
    times: &TimeDisplay,
    emit: &mut impl FnMut(&dyn Fn(&mut String)),
) {
    let entries: Vec<&TimelineEntry> = timeline.iter().filter(|e| !is_timeline_entry_empty(e)).collect();
    let chunks: Vec<&[&TimelineEntry]> = entries.chunks(TIMELINE_BLOCK_ENTRIES).collect();
    if chunks.is_empty() {
        return;
    }
    // The diagram changes with every entry, so it is a block of its own, with the heading;
    // without it the heading goes with the first run, so that they render as one piece.
    if let Some(report) = diagram {
        emit(&|out| {
            heading(out, 2, section_heading);
            mermaid::write_diagram(report, times, out);
        });
    }
    for (n, chunk) in chunks.iter().enumerate() {
        emit(&|out| {
            if n == 0 && diagram.is_none() {
                heading(out, 2, section_heading);
            }
            for entry in chunk.iter() {
                write_timeline_entry(entry, times, out);
            }
            if n + 1 == chunks.len() {
                out.push('\n');
            }
        });
    }
}

fn is_timeline_entry_empty(entry: &TimelineEntry) -> bool {
    entry.time.is_none() && is_blank(&entry.text) && non_blank(&entry.actor).is_none()
}

/// `- **15:05 UTC** — *Detection (Dana):* Pager fired for the 5xx rate.`
pub(crate) fn write_timeline_entry(entry: &TimelineEntry, times: &TimeDisplay, out: &mut String) {
    out.push_str("- ");
    let mut separator = "";
    if let Some(time) = &entry.time {
        let time = single_line(&times.moment(time));
        if !time.is_empty() {
            out.push_str("**");
            out.push_str(&time);
            out.push_str("**");
            separator = labels::DASH;
        }
    }
    // `(detected)` after the time: the moment of the incident the entry marks.
    if let Some(milestone) = entry.milestone {
        if !separator.is_empty() {
            out.push(' ');
        }
        out.push('(');
        out.push_str(milestone.label());
        out.push(')');
        separator = labels::DASH;
    }
    let actor = non_blank(&entry.actor).map(single_line);
    let text_reads_as_tag = !is_blank(&entry.text) && crate::import::reads_as_entry_start(entry.text.trim_start());
    let tag = match (entry.kind, actor) {
        (EntryKind::Other, None) if !text_reads_as_tag => None,
        (kind, None) => Some(kind.label().to_owned()),
        (kind, Some(actor)) => Some(format!("{} ({actor})", kind.label())),
    };
    if let Some(tag) = tag {
        out.push_str(separator);
        out.push('*');
        out.push_str(&tag);
        out.push_str(":*");
        separator = " ";
    }
    if !is_blank(&entry.text) {
        out.push_str(separator);
        push_paragraph(out, &entry.text, "  ");
    }
    out.push('\n');
}

fn is_task_empty(task: &CorrectiveTask) -> bool {
    is_blank(&task.text)
        && non_blank(&task.owner).is_none()
        && task.due.is_none()
        && task.priority.is_none()
        && task.kind.is_none()
        && non_blank(&task.ticket).is_none()
}

/// `- [ ] Add a TLS expiry alert — **Owner:** Dana · **Due:** 2024-09-01`
pub(crate) fn write_task(task: &CorrectiveTask, out: &mut String) {
    out.push_str(if task.is_done() { "- [x] " } else { "- [ ] " });
    push_paragraph(out, &task.text, "  ");
    let mut details = Vec::new();
    if let Some(owner) = non_blank(&task.owner) {
        details.push(format!("**{}:** {}", labels::OWNER, single_line(owner)));
    }
    if let Some(due) = &task.due {
        let due = single_line(&due.to_json_string());
        if !due.is_empty() {
            details.push(format!("**{}:** {due}", labels::DUE));
        }
    }
    if let Some(priority) = task.priority {
        details.push(format!("**{}:** {}", labels::PRIORITY, priority.label()));
    }
    if let Some(kind) = task.kind {
        details.push(format!("**{}:** {}", labels::TYPE, kind.label()));
    }
    if let Some(ticket) = non_blank(&task.ticket) {
        details.push(format!("**{}:** {}", labels::TICKET, single_line(ticket)));
    }
    // The box says open or done; the other states are written out.
    if matches!(task.status, TaskStatus::InProgress | TaskStatus::WontDo) {
        details.push(format!("**{}:** {}", labels::STATUS, task.status.label()));
    }
    if !details.is_empty() {
        out.push_str(labels::DASH);
        out.push_str(&details.join(labels::SEPARATOR));
    }
    out.push('\n');
}

/// `- Ana Lima — incident commander`
pub(crate) fn write_responders(responders: &[Responder], out: &mut String) {
    let responders: Vec<&Responder> = responders.iter().filter(|r| !is_blank(&r.name)).collect();
    if responders.is_empty() {
        return;
    }
    for responder in responders {
        out.push_str("- ");
        push_paragraph(out, &single_line(&responder.name), "  ");
        if let Some(role) = responder.role.as_ref().filter(|r| !is_blank(r.label())) {
            out.push_str(labels::DASH);
            out.push_str(&single_line(role.label()));
        }
        out.push('\n');
    }
    out.push('\n');
}

fn write_review(review: &Review, out: &mut String) {
    if review.is_empty() {
        return;
    }
    labelled_bullet(out, labels::STATUS, review.status.label());
    let listed = |items: &[String]| {
        items
            .iter()
            .filter(|i| !is_blank(i))
            .map(|i| single_line(i))
            .collect::<Vec<_>>()
    };
    let reviewers = listed(&review.reviewers);
    if !reviewers.is_empty() {
        labelled_bullet(out, labels::REVIEWERS, &reviewers.join(", "));
    }
    if let Some(date) = &review.date {
        labelled_bullet(out, labels::REVIEW_DATE, &single_line(&date.to_json_string()));
    }
    let shared = listed(&review.shared_with);
    if !shared.is_empty() {
        labelled_bullet(out, labels::SHARED_WITH, &shared.join(", "));
    }
    if !review.checked.is_empty() {
        let checks: Vec<&str> = review.checked.iter().map(|c| c.label()).collect();
        labelled_bullet(out, labels::CHECKED, &checks.join("; "));
    }
    // `rule: phrase`, one per line: a rule id never holds ": ", so the first one ends it.
    if !review.dismissed.is_empty() {
        let _ = writeln!(out, "- **{}:**", labels::DISMISSED);
        for dismissal in &review.dismissed {
            let _ = write!(out, "  - {}:", single_line(&dismissal.rule));
            let quote = single_line(&dismissal.quote);
            if !quote.is_empty() {
                out.push(' ');
                push_paragraph(out, &quote, "    ");
            }
            out.push('\n');
        }
    }
    out.push('\n');
}

fn write_images(images: &[Image], out: &mut String) {
    let images: Vec<&Image> = images.iter().filter(|i| !is_blank(&i.url)).collect();
    if images.is_empty() {
        return;
    }
    for image in images {
        push_link(out, "![", &single_line(&image.alt), &image.url);
        out.push_str("\n\n");
    }
}

/// `[text](url)` after `open` (`[` for a link, `![` for an image).
fn push_link(out: &mut String, open: &str, text: &str, url: &str) {
    out.push_str(open);
    push_link_text(out, text);
    out.push(']');
    push_link_target(out, url.trim(), "");
}

/// `(url "title")`, what follows a link's text; no title when it is empty.
pub(crate) fn push_link_target(out: &mut String, url: &str, title: &str) {
    out.push('(');
    push_link_destination(out, url);
    if !title.is_empty() {
        out.push_str(" \"");
        for c in title.chars() {
            if matches!(c, '"' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
    }
    out.push(')');
}

/// Brackets would end the text early; a backtick or `<` could open a code span or autolink
/// that runs over the `](`.
fn push_link_text(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, '[' | ']' | '\\' | '`' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A destination with spaces or parentheses goes in angle brackets; characters that would end
/// it early are percent-encoded.
fn push_link_destination(out: &mut String, url: &str) {
    let url: String = url.chars().filter(|c| !matches!(c, '\n' | '\r')).collect();
    let needs_brackets = url.contains(|c: char| c.is_whitespace() || c == '(' || c == ')');
    if needs_brackets {
        out.push('<');
    }
    for c in url.chars() {
        match c {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            _ => out.push(c),
        }
    }
    if needs_brackets {
        out.push('>');
    }
}

/// An extra section with nothing in it exports nothing, like every other part: a template's
/// own sections ("Five Whys") stay out of the file until they are written.
fn write_extra_section(section: &ExtraSection, out: &mut String) {
    if is_blank(&section.body) {
        return;
    }
    let title = if is_blank(&section.heading) {
        "Notes"
    } else {
        &section.heading
    };
    if crate::import::names_a_section(title) {
        // A closing sequence renders the same and tells a reader this is not the template's
        // section of that name.
        write_heading_marked(out, title);
    } else {
        heading(out, 2, title);
    }
    push_block(out, section.body.trim_matches('\n'));
    out.push('\n');
}

#[cfg(test)]
mod tests;
