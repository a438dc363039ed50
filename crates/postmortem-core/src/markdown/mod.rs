//! Markdown export: the report as GitHub-flavoured Markdown in the shape teams already write
//! by hand (`# title`, `## Issue Summary`, `## Timeline`, `## Root Cause and Resolution`,
//! `## Corrective and Preventative Measures`, then optional sections).
//!
//! The output is deterministic, and parts the author left empty leave no empty headings.
//! The preview, the file export and the CLI all use this one writer.

mod escape;

pub use escape::{normalize_newlines, read_block, read_heading_text, read_paragraph, single_line};
use escape::{push_block, push_heading_text, push_paragraph};

use crate::model::{
    CorrectiveMeasures, CorrectiveTask, EntryKind, ExtraSection, Image, ImpactFigure, IncidentReference, IssueSummary,
    LessonsLearned, Moment, Report, Responder, Review, RootCauseAndResolution, TaskStatus, TimelineEntry,
};
use crate::time::{format_duration, TimeDisplay};

/// The section headings the export uses, also what the importer and the app look for.
pub mod headings {
    pub const SUMMARY: &str = "Issue Summary";
    pub const TIMELINE: &str = "Timeline";
    pub const ROOT_CAUSE_AND_RESOLUTION: &str = "Root Cause and Resolution";
    pub const MEASURES: &str = "Corrective and Preventative Measures";
    pub const LESSONS: &str = "Lessons Learned";
    pub const IMAGES: &str = "Images";
    /// Every section heading the template writes at level 2, in the order it writes them.
    pub const IN_ORDER: [&str; 8] = [
        SUMMARY,
        TIMELINE,
        ROOT_CAUSE_AND_RESOLUTION,
        MEASURES,
        LESSONS,
        RESPONDERS,
        IMAGES,
        REVIEW,
    ];
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
    let mut out = String::with_capacity(4096 + 160 * report.timeline.len());
    write_markdown(report, &mut out);
    out
}

/// Appends the report as Markdown to `out`.
pub fn write_markdown(report: &Report, out: &mut String) {
    let start = out.len();
    for_each_block(report, |block| out.push_str(&block));
    // One trailing newline, whatever the last section was.
    while out[start..].ends_with("\n\n") {
        out.pop();
    }
}

/// The document in consecutive pieces that each render on their own: the title, each section,
/// and the timeline in runs of [`TIMELINE_BLOCK_ENTRIES`] entries. Joined, they are the
/// document (but for its final newline). The preview renders them separately so that a
/// keystroke re-renders only the piece it changed.
pub fn markdown_blocks(report: &Report) -> Vec<String> {
    let mut blocks = Vec::new();
    for_each_block(report, |block| blocks.push(block));
    blocks
}

fn for_each_block(report: &Report, mut emit: impl FnMut(String)) {
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
    emit_section(&|out| write_summary(&report.summary, &times, out));
    write_timeline(&report.timeline, &times, &mut emit_section);
    emit_section(&|out| write_root_cause_and_resolution(&report.root_cause_and_resolution, out));
    emit_section(&|out| write_measures(&report.measures, out));
    if let Some(lessons) = &report.lessons_learned {
        emit_section(&|out| write_lessons(lessons, out));
    }
    emit_section(&|out| write_responders(&report.responders, out));
    emit_section(&|out| write_images(&report.images, out));
    if let Some(review) = &report.review {
        emit_section(&|out| write_review(review, out));
    }
    for section in &report.extra_sections {
        emit_section(&|out| write_extra_section(section, out));
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
            let mut out = String::from("[");
            push_link_text(&mut out, &key);
            out.push_str("](");
            push_link_destination(&mut out, url.trim());
            out.push(')');
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

fn write_summary(summary: &IssueSummary, times: &TimeDisplay, out: &mut String) {
    let mut body = String::new();
    if let Some(duration) = duration_line(summary, times) {
        labelled_bullet(&mut body, labels::DURATION, &single_line(&duration));
    }
    if !is_blank(&summary.impact) {
        labelled_bullet(&mut body, labels::IMPACT, &summary.impact);
    }
    if let Some(percent) = summary.users_affected_percent {
        labelled_bullet(&mut body, labels::USERS_AFFECTED, &format_percent(percent));
    }
    if let Some(business) = non_blank(&summary.business_impact) {
        labelled_bullet(&mut body, labels::BUSINESS_IMPACT, business);
    }
    let figures: Vec<&ImpactFigure> = summary
        .impact_figures
        .iter()
        .filter(|f| !is_blank(&f.name) || !is_blank(&f.value))
        .collect();
    if !figures.is_empty() {
        body.push_str("- **");
        body.push_str(labels::IMPACT_FIGURES);
        body.push_str(":**\n");
        for figure in figures {
            // "Failed checkouts: 1,240": the name is one line, and a colon or backslash in it
            // is escaped, so the first bare colon ends it.
            body.push_str("  - ");
            let name = single_line(&figure.name).replace('\\', "\\\\").replace(':', "\\:");
            push_paragraph(&mut body, &name, "    ");
            body.push(':');
            if !is_blank(&figure.value) {
                body.push(' ');
                body.push_str(&single_line(&figure.value));
            }
            body.push('\n');
        }
    }
    if let Some(detection) = summary.detection {
        labelled_bullet(&mut body, labels::DETECTED_BY, detection.label());
    }
    if !is_blank(&summary.root_cause) {
        labelled_bullet(&mut body, labels::ROOT_CAUSE, &summary.root_cause);
    }
    if !body.is_empty() {
        heading(out, 2, headings::SUMMARY);
        out.push_str(&body);
        out.push('\n');
    }
}

/// The timeline as one or more blocks. Only the last ends with a blank line: a blank line
/// between items would make the joined list a loose one.
fn write_timeline(timeline: &[TimelineEntry], times: &TimeDisplay, emit: &mut impl FnMut(&dyn Fn(&mut String))) {
    let entries: Vec<&TimelineEntry> = timeline.iter().filter(|e| !is_timeline_entry_empty(e)).collect();
    let chunks: Vec<&[&TimelineEntry]> = entries.chunks(TIMELINE_BLOCK_ENTRIES).collect();
    for (n, chunk) in chunks.iter().enumerate() {
        emit(&|out| {
            if n == 0 {
                heading(out, 2, headings::TIMELINE);
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

fn write_root_cause_and_resolution(section: &RootCauseAndResolution, out: &mut String) {
    let factors: Vec<&String> = section.contributing_factors.iter().filter(|f| !is_blank(f)).collect();
    if is_blank(&section.root_cause)
        && is_blank(&section.trigger)
        && factors.is_empty()
        && is_blank(&section.resolution)
    {
        return;
    }
    heading(out, 2, headings::ROOT_CAUSE_AND_RESOLUTION);
    let mut block = |label: &str, text: &str| {
        if !is_blank(text) {
            heading(out, 3, label);
            push_block(out, text.trim_matches('\n'));
            out.push('\n');
        }
    };
    block(headings::ROOT_CAUSE, &section.root_cause);
    block(headings::TRIGGER, &section.trigger);
    if !factors.is_empty() {
        heading(out, 3, headings::CONTRIBUTING_FACTORS);
        for factor in factors {
            bullet(out, factor);
        }
        out.push('\n');
    }
    let mut block = |label: &str, text: &str| {
        if !is_blank(text) {
            heading(out, 3, label);
            push_block(out, text.trim_matches('\n'));
            out.push('\n');
        }
    };
    block(headings::RESOLUTION, &section.resolution);
}

fn write_measures(measures: &CorrectiveMeasures, out: &mut String) {
    let improvements: Vec<&String> = measures.improvements.iter().filter(|i| !is_blank(i)).collect();
    let tasks: Vec<&CorrectiveTask> = measures.tasks.iter().filter(|t| !is_task_empty(t)).collect();
    if improvements.is_empty() && tasks.is_empty() {
        return;
    }
    heading(out, 2, headings::MEASURES);
    if !improvements.is_empty() {
        heading(out, 3, headings::IMPROVEMENTS);
        for improvement in improvements {
            bullet(out, improvement);
        }
        out.push('\n');
    }
    if !tasks.is_empty() {
        heading(out, 3, headings::TASKS);
        for task in tasks {
            write_task(task, out);
        }
        out.push('\n');
    }
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

fn write_lessons(lessons: &LessonsLearned, out: &mut String) {
    let groups = [
        (headings::WENT_WELL, &lessons.went_well),
        (headings::WENT_WRONG, &lessons.went_wrong),
        (headings::GOT_LUCKY, &lessons.got_lucky),
    ];
    if groups.iter().all(|(_, items)| items.iter().all(|i| is_blank(i))) {
        return;
    }
    heading(out, 2, headings::LESSONS);
    for (label, items) in groups {
        if items.iter().any(|i| !is_blank(i)) {
            heading(out, 3, label);
            for item in items.iter().filter(|i| !is_blank(i)) {
                bullet(out, item);
            }
            out.push('\n');
        }
    }
}

/// `- Ana Lima — incident commander`
pub(crate) fn write_responders(responders: &[Responder], out: &mut String) {
    let responders: Vec<&Responder> = responders.iter().filter(|r| !is_blank(&r.name)).collect();
    if responders.is_empty() {
        return;
    }
    heading(out, 2, headings::RESPONDERS);
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
    heading(out, 2, headings::REVIEW);
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
    out.push('\n');
}

fn write_images(images: &[Image], out: &mut String) {
    let images: Vec<&Image> = images.iter().filter(|i| !is_blank(&i.url)).collect();
    if images.is_empty() {
        return;
    }
    heading(out, 2, headings::IMAGES);
    for image in images {
        out.push_str("![");
        push_link_text(out, &single_line(&image.alt));
        out.push_str("](");
        push_link_destination(out, image.url.trim());
        out.push_str(")\n\n");
    }
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

fn write_extra_section(section: &ExtraSection, out: &mut String) {
    if is_blank(&section.heading) && is_blank(&section.body) {
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
    if !is_blank(&section.body) {
        push_block(out, section.body.trim_matches('\n'));
        out.push('\n');
    }
}

#[cfg(test)]
mod tests;
