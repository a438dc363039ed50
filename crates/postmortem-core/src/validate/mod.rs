//! What a reader of the postmortem would find missing or wrong, as data: each [`Finding`] names
//! the field (a path such as `timeline[2].time`), how serious it is, and what to do about it.
//! The app shows findings inline as the author types; the CLI prints them. Findings never stop
//! an export: a draft may need sharing before it is finished.

use std::fmt;

use chrono::{DateTime, FixedOffset};

use crate::model::{EntryKind, Milestone, Moment, Report, ReviewStatus, TaskStatus, TimesFrom};
use crate::time::parse_timezone;
use crate::time::TimeDisplay;

/// Said when the share of users affected is out of range, by validation and by the form.
pub const PERCENT_RANGE_MESSAGE: &str = "The share of users affected must be a number from 0 to 100.";

/// An executive reads the summary, not an essay: past this many words it is flagged.
pub const SUMMARY_WORD_LIMIT: usize = 120;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// The report is wrong or missing something every postmortem needs.
    Error,
    /// Worth a second look; the report can stand without it.
    Warning,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Which check found it (`required/impact`), as `postmortem lint` names it.
    pub rule: &'static str,
    /// The field, as a path into the JSON document: `summary.impact`, `timeline[3].time`.
    pub path: String,
    pub level: Level,
    /// What is wrong and how to fix it, in a sentence or two.
    pub message: String,
}

impl Finding {
    fn error(rule: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            rule,
            path: path.into(),
            level: Level::Error,
            message: message.into(),
        }
    }

    fn warning(rule: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            rule,
            path: path.into(),
            level: Level::Warning,
            message: message.into(),
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.level.label(), self.path, self.message)
    }
}

/// Everything worth telling the author, in the order the sections appear.
pub fn validate(report: &Report) -> Vec<Finding> {
    let mut findings = Vec::new();
    check_title(report, &mut findings);
    check_summary(report, &mut findings);
    check_timeline(report, &mut findings);
    check_root_cause_and_resolution(report, &mut findings);
    check_measures(report, &mut findings);
    check_images(report, &mut findings);
    check_extra_sections(report, &mut findings);
    check_people_and_severity(report, &mut findings);
    check_milestones(report, &mut findings);
    findings
}

/// Version 2's fields: one entry per milestone, named responders and figures, a severity the
/// numbers can be ordered by.
fn check_people_and_severity(report: &Report, findings: &mut Vec<Finding>) {
    for (index, entry) in report.timeline.iter().enumerate() {
        let Some(milestone) = entry.milestone else {
            continue;
        };
        if let Some(first) = report.timeline[..index]
            .iter()
            .position(|e| e.milestone == Some(milestone))
        {
            findings.push(Finding::error(
                "milestone/once",
                format!("timeline[{index}].milestone"),
                format!(
                    "Entry {} already marks when the incident was {}; only one entry can.",
                    first + 1,
                    milestone.label()
                ),
            ));
        }
    }
    if let Some(severity) = &report.severity {
        if severity.rank().is_none() {
            findings.push(Finding::warning("severity/scale", 
                "severity",
                format!(
                    "“{}” is on no scale this tool knows (SEV0–SEV4, P0–P4, Critical to Low), so reports cannot be ordered by it.",
                    severity.label()
                ),
            ));
        }
    }
    if let Some(review) = &report.review {
        let done = matches!(review.status, ReviewStatus::Reviewed | ReviewStatus::Published);
        if done && review.reviewers.iter().all(|r| blank(r)) {
            findings.push(Finding::warning(
                "review/reviewers",
                "review.reviewers",
                format!(
                    "The postmortem is marked {}; say who reviewed it.",
                    review.status.label()
                ),
            ));
        }
    }
    for (index, responder) in report.responders.iter().enumerate() {
        if blank(&responder.name) && responder.role.is_some() {
            findings.push(Finding::error(
                "required/responder-name",
                format!("responders[{index}].name"),
                "This responder has a role but no name.",
            ));
        }
    }
    for (index, figure) in report.summary.impact_figures.iter().enumerate() {
        if blank(&figure.name) && !blank(&figure.value) {
            findings.push(Finding::error(
                "required/figure-name",
                format!("summary.impact_figures[{index}].name"),
                "Say what this figure counts, e.g. “Failed checkouts”.",
            ));
        }
    }
}

/// The marked milestones, for the key times: in order (detected, acknowledged, mitigated,
/// resolved), at a full date and time, and not before the impact began.
fn check_milestones(report: &Report, findings: &mut Vec<Finding>) {
    const ORDER: [Milestone; 4] = [
        Milestone::Detected,
        Milestone::Acknowledged,
        Milestone::Mitigated,
        Milestone::Resolved,
    ];
    let times = TimeDisplay::for_summary(&report.summary);
    let start = report.summary.started_at.as_ref().and_then(Moment::exact);
    let end = report.summary.ended_at.as_ref().and_then(Moment::exact);
    let mut previous: Option<(Milestone, usize, DateTime<FixedOffset>)> = None;
    let marked = |m: Milestone| report.timeline.iter().position(|e| e.milestone == Some(m));
    for (index, entry) in report.timeline.iter().enumerate() {
        let Some(milestone) = entry.milestone else {
            continue;
        };
        let path = format!("timeline[{index}].milestone");
        let Some(at) = entry.time.as_ref().and_then(Moment::exact) else {
            findings.push(Finding::warning("milestone/exact-time", 
                path,
                format!(
                    "This entry marks when the incident was {}, but its time is not a full date and time, so the key times leave it out.",
                    milestone.label()
                ),
            ));
            continue;
        };
        if start.is_some_and(|start| at < start) {
            findings.push(Finding::warning(
                "milestone/before-start",
                path,
                format!(
                    "This entry marks {} before the impact start. If the impact began earlier, move the start.",
                    milestone.label()
                ),
            ));
        } else if matches!(milestone, Milestone::Detected | Milestone::Acknowledged) && end.is_some_and(|end| at > end)
        {
            findings.push(Finding::warning(
                "milestone/after-end",
                path,
                format!(
                    "This entry marks {} after the impact end. Check the end, or this entry's time.",
                    milestone.label()
                ),
            ));
        }
    }
    for milestone in ORDER {
        let Some(index) = marked(milestone) else { continue };
        let Some(at) = report.timeline[index].time.as_ref().and_then(Moment::exact) else {
            continue;
        };
        if let Some((before, before_index, before_at)) = previous.filter(|(_, _, b)| at < *b) {
            findings.push(Finding::error("milestone/order", 
                format!("timeline[{index}].milestone"),
                format!(
                    "Marked {} at {}, before {} at {} (entry {}). The moments go detected, acknowledged, mitigated, resolved: check the times or the marks.",
                    milestone.label(),
                    times.clock(at),
                    before.label(),
                    times.clock(before_at),
                    before_index + 1
                ),
            ));
        }
        previous = Some((milestone, index, at));
    }
    if report.summary.key_times_from == TimesFrom::Declared && marked(Milestone::Declared).is_none() {
        findings.push(Finding::warning(
            "milestone/declared",
            "summary.key_times_from",
            "The key times are measured from the declaration, but no timeline entry is marked declared.",
        ));
    }
}

/// How many errors and warnings there are.
pub fn count(findings: &[Finding]) -> (usize, usize) {
    let errors = findings.iter().filter(|f| f.level == Level::Error).count();
    (errors, findings.len() - errors)
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

fn check_title(report: &Report, findings: &mut Vec<Finding>) {
    if blank(&report.title) {
        findings.push(Finding::error("required/title", 
            "title",
            "The title is empty. Name the incident as readers will search for it, e.g. \"Checkout outage after TLS certificate renewal\".",
        ));
    }
}

fn check_summary(report: &Report, findings: &mut Vec<Finding>) {
    let summary = &report.summary;
    let start = check_moment(summary.started_at.as_ref(), "summary.started_at", "start", findings);
    let end = check_moment(summary.ended_at.as_ref(), "summary.ended_at", "end", findings);
    if summary.started_at.is_none() {
        findings.push(Finding::error(
            "required/start",
            "summary.started_at",
            "The start time is missing. Give the date and time the impact began.",
        ));
    }
    if summary.ended_at.is_none() {
        findings.push(Finding::warning(
            "required/end",
            "summary.ended_at",
            "The end time is missing. Give the time the impact ended, or say in the summary that it is ongoing.",
        ));
    }
    if let (Some(start), Some(end)) = (start, end) {
        if end <= start {
            findings.push(Finding::error(
                "window/order",
                "summary.ended_at",
                "The end is not after the start. Check the dates and the AM/PM of both times.",
            ));
        }
    }
    if let Some(zone) = summary.timezone.as_deref().filter(|z| !blank(z)) {
        if parse_timezone(zone).is_none() {
            findings.push(Finding::error(
                "window/timezone",
                "summary.timezone",
                format!(
                    "The timezone \"{}\" is not understood. Use UTC or a fixed offset such as UTC+02:00.",
                    zone.trim()
                ),
            ));
        }
    }
    if blank(&summary.impact) {
        findings.push(Finding::error(
            "required/impact",
            "summary.impact",
            "The impact is empty. Say what users experienced: what failed, for whom, and how badly.",
        ));
    }
    if let Some(percent) = summary.users_affected_percent {
        if !(0.0..=100.0).contains(&percent) {
            findings.push(Finding::error(
                "summary/percent",
                "summary.users_affected_percent",
                PERCENT_RANGE_MESSAGE,
            ));
        }
    }
    if blank(&summary.root_cause) {
        findings.push(Finding::error(
            "required/summary-root-cause",
            "summary.root_cause",
            "The root cause is empty. Give it in one sentence; the detail goes further down.",
        ));
    }
    let words = word_count(&summary.impact)
        + word_count(&summary.root_cause)
        + summary.business_impact.as_deref().map_or(0, word_count);
    if words > SUMMARY_WORD_LIMIT {
        findings.push(Finding::warning("summary/length", 
            "summary",
            format!("The summary is {words} words long; executives read about {SUMMARY_WORD_LIMIT}. Move detail to Root Cause and Resolution."),
        ));
    }
}

/// Warns when a time is not a full timestamp and returns it when it is.
fn check_moment(
    moment: Option<&Moment>,
    path: &str,
    what: &str,
    findings: &mut Vec<Finding>,
) -> Option<DateTime<FixedOffset>> {
    match moment? {
        Moment::Exact(at) => Some(*at),
        Moment::AsWritten(text) if blank(text) => {
            findings.push(Finding::error(
                "time/empty",
                path,
                format!("The {what} time is empty. Enter a date and time, or remove the time."),
            ));
            None
        }
        Moment::AsWritten(text) => {
            findings.push(Finding::warning("time/exact", 
                path,
                format!("The {what} time \"{}\" is not a full date and time, so it cannot be ordered or measured. Enter a date, a time and a timezone.", text.trim()),
            ));
            None
        }
    }
}

fn check_timeline(report: &Report, findings: &mut Vec<Finding>) {
    let timeline = &report.timeline;
    if timeline.is_empty() {
        findings.push(Finding::error("required/timeline", 
            "timeline",
            "The timeline is empty. Add what happened in order: when it was detected, what was tried, who was called, what fixed it.",
        ));
        return;
    }
    let window = (
        report.summary.started_at.as_ref().and_then(Moment::exact),
        report.summary.ended_at.as_ref().and_then(Moment::exact),
    );
    let mut latest: Option<DateTime<FixedOffset>> = None;
    for (index, entry) in timeline.iter().enumerate() {
        let path = format!("timeline[{index}]");
        if blank(&entry.text) {
            findings.push(Finding::error(
                "required/entry-text",
                format!("{path}.text"),
                "This entry has no text. Say what happened, or remove the entry.",
            ));
        }
        let time_path = format!("{path}.time");
        let Some(at) = check_moment(entry.time.as_ref(), &time_path, "entry's", findings) else {
            continue;
        };
        if latest.is_some_and(|previous| at < previous) {
            findings.push(Finding::warning(
                "timeline/order",
                time_path.clone(),
                "This entry is earlier than the one before it. Sort the timeline by time, or fix the time.",
            ));
        }
        latest = latest.max(Some(at));
        if window.0.is_some_and(|start| at < start) && entry.kind != EntryKind::Other {
            findings.push(Finding::warning("timeline/before-start", 
                time_path,
                "This entry is before the incident's start. If it triggered the incident, mark it as \"Other\"; otherwise check the start time.",
            ));
        } else if window.1.is_some_and(|end| at > end)
            && !matches!(entry.kind, EntryKind::Communication | EntryKind::Other)
        {
            findings.push(Finding::warning(
                "timeline/after-end",
                time_path,
                "This entry is after the incident's end. Check the end time or this entry's time.",
            ));
        }
    }
    for (kind, advice) in [
        (
            EntryKind::Detection,
            "No entry is marked Detection. Readers need to know when and how the problem was noticed.",
        ),
        (
            EntryKind::Resolution,
            "No entry is marked Resolution. Readers need to know when service was restored.",
        ),
    ] {
        if !timeline.iter().any(|e| e.kind == kind) {
            findings.push(Finding::warning("timeline/detection-resolution", "timeline", advice));
        }
    }
}

fn check_root_cause_and_resolution(report: &Report, findings: &mut Vec<Finding>) {
    let section = &report.root_cause_and_resolution;
    if blank(&section.root_cause) {
        findings.push(Finding::error(
            "required/root-cause",
            "root_cause_and_resolution.root_cause",
            "The detailed root cause is empty. Explain the chain of events that led to the failure.",
        ));
    }
    if blank(&section.resolution) {
        findings.push(Finding::error(
            "required/resolution",
            "root_cause_and_resolution.resolution",
            "The resolution is empty. Explain what restored service and how it was verified.",
        ));
    }
}

fn check_measures(report: &Report, findings: &mut Vec<Finding>) {
    let measures = &report.measures;
    if measures.improvements.is_empty() && measures.tasks.is_empty() {
        findings.push(Finding::error(
            "required/measures",
            "measures",
            "No corrective or preventative measures. Add at least one task that makes a repeat less likely.",
        ));
    }
    for (index, improvement) in measures.improvements.iter().enumerate() {
        if blank(improvement) {
            findings.push(Finding::error(
                "required/improvement-text",
                format!("measures.improvements[{index}]"),
                "This improvement is empty. Write it, or remove it.",
            ));
        }
    }
    for (index, task) in measures.tasks.iter().enumerate() {
        let path = format!("measures.tasks[{index}]");
        if blank(&task.text) {
            findings.push(Finding::error(
                "required/task-text",
                format!("{path}.text"),
                "This task is empty. Write it, or remove it.",
            ));
        }
        if matches!(task.status, TaskStatus::Done | TaskStatus::WontDo) {
            continue;
        }
        if task.owner.as_deref().is_none_or(blank) {
            findings.push(Finding::warning(
                "task/owner",
                format!("{path}.owner"),
                "This task has no owner. Tasks without an owner rarely get done.",
            ));
        }
        if task.due.as_ref().is_none_or(|due| blank(&due.to_json_string())) {
            findings.push(Finding::warning(
                "task/due",
                format!("{path}.due"),
                "This task has no due date. Give a date or an ETA such as \"next sprint\".",
            ));
        }
    }
}

fn check_images(report: &Report, findings: &mut Vec<Finding>) {
    for (index, image) in report.images.iter().enumerate() {
        let path = format!("images[{index}]");
        if !is_web_url(&image.url) {
            findings.push(Finding::error(
                "image/url",
                format!("{path}.url"),
                format!(
                    "\"{}\" is not a web address. Use a full http:// or https:// URL.",
                    image.url.trim()
                ),
            ));
        }
        if blank(&image.alt) {
            findings.push(Finding::warning(
                "image/description",
                format!("{path}.alt"),
                "This image has no description. Describe it for readers who cannot see it.",
            ));
        }
    }
}

/// An absolute http(s) URL with a host and no spaces.
pub fn is_web_url(url: &str) -> bool {
    let url = url.trim();
    let rest = url
        .get(..8)
        .filter(|p| p.eq_ignore_ascii_case("https://"))
        .map(|_| &url[8..])
        .or_else(|| {
            url.get(..7)
                .filter(|p| p.eq_ignore_ascii_case("http://"))
                .map(|_| &url[7..])
        });
    rest.is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty()
            && !url.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>' || c == '"')
    })
}

fn check_extra_sections(report: &Report, findings: &mut Vec<Finding>) {
    for (index, section) in report.extra_sections.iter().enumerate() {
        if blank(&section.heading) {
            findings.push(Finding::error(
                "required/section-heading",
                format!("extra_sections[{index}].heading"),
                "This section has no heading. Name it, or remove the section.",
            ));
        }
    }
}

#[cfg(test)]
mod tests;
