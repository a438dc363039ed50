//! Our own export, read back exactly.
//!
//! The writer's shape is known: `# title`, the line of the report's details (service, severity,
//! authors, incident, owner, tags), then the template's sections in a fixed order with fixed labels, and typed text escaped so that the
//! headings of level 1 to 3 are exactly the template's (`markdown/escape.rs`). So this reader
//! guesses nothing. It cuts the document at those headings and reads each section by the shape
//! its writer gives it; where a piece could be read two ways (bold at the start of a timeline
//! entry may be its time or its text), it keeps the reading that writes the same piece again.
//! The report is taken only when writing it gives back the whole document, so a report edited
//! by hand out of this shape, or another tool's, goes to the general importer instead.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};

use crate::markdown::layout::{self, ListField, Part, SectionLayout, SummaryItem, TextField};
use crate::markdown::{
    duration_line, format_percent, labels, mermaid, normalize_newlines, read_block, read_heading_text, read_paragraph,
    single_line, to_markdown_with, write_task, write_timeline_entry, ExportOptions, EXTRA_MARK, UNTITLED,
};
use crate::model::{
    CorrectiveTask, DetectionMethod, Dismissal, DueDate, EntryKind, ExtraSection, Image, ImpactFigure,
    IncidentReference, IssueSummary, LessonsLearned, Milestone, Moment, Priority, Report, Responder, Review,
    ReviewCheck, ReviewStatus, Role, Severity, TaskStatus, TaskType, Template, TimelineEntry, TimesFrom,
};
use crate::time::{parse_timezone, timezone_label, TimeDisplay};

use super::trim_blank_lines;

/// The report, if `source` is exactly what our exporter writes for it.
pub fn read(source: &str) -> Option<Report> {
    let source = normalize_newlines(source.strip_prefix('\u{feff}').unwrap_or(source));
    let document = source.trim_end();
    // The timeline's diagram is drawn from the entries: read without it, and check that the
    // report draws it again exactly.
    let (without_diagram, mermaid) = match without_diagram(document) {
        Some(rest) => (rest, true),
        None => (document.to_owned(), false),
    };
    let outline = Outline::cut(&without_diagram)?;
    let report = outline.report()?;
    let options = ExportOptions { mermaid };
    (to_markdown_with(&report, options).trim_end() == document).then_some(report)
}

/// The document without the Mermaid block our export puts first in the timeline section.
fn without_diagram(document: &str) -> Option<String> {
    let heading = "\n## Timeline\n\n";
    let at = document.find(&format!("{heading}{}", mermaid::OPEN))? + heading.len();
    let close = format!("\n{}", mermaid::CLOSE);
    let end = at + document[at..].find(&close)? + close.len();
    let end = end + usize::from(document[end..].starts_with('\n'));
    Some(format!("{}{}", &document[..at], &document[end..]))
}

/// The lines of a document's headings of level 1 to 3, with their level.
///
/// The writer escapes every typed line that could start a block, so in its output a heading
/// is a line that starts with `#`, `##` or `###` and a space, and nothing else is. Lines are
/// scanned for that, which is much quicker than parsing a long document another tool wrote
/// only to find it is not ours. Raw HTML and code fences (which an extra section's body keeps
/// as written) are where a line can start so and not be a heading: a document that has them
/// is parsed as CommonMark instead.
fn heading_lines(document: &str) -> Vec<(HeadingLevel, Range<usize>)> {
    let hides_headings = document.lines().any(|line| {
        line.starts_with('<') || line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~")
    });
    let line_end = |start: usize| document[start..].find('\n').map_or(document.len(), |n| start + n);
    let mut lines = Vec::new();
    if hides_headings {
        for (event, range) in Parser::new_ext(document, crate::preview::options()).into_offset_iter() {
            if let Event::Start(Tag::Heading { level, .. }) = event {
                if level <= HeadingLevel::H3 {
                    lines.push((level, range.start..line_end(range.start)));
                }
            }
        }
        return lines;
    }
    let mut start = 0;
    for line in document.split('\n') {
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        let level = match hashes {
            1 => Some(HeadingLevel::H1),
            2 => Some(HeadingLevel::H2),
            3 => Some(HeadingLevel::H3),
            _ => None,
        };
        if let Some(level) = level.filter(|_| matches!(line.as_bytes().get(hashes), None | Some(b' ' | b'\t'))) {
            lines.push((level, start..start + line.len()));
        }
        start += line.len() + 1;
    }
    lines
}

/// The document cut at its headings of level 1 to 3.
struct Outline<'a> {
    title: &'a str,
    /// Between the title and the first section: the metadata line, if any.
    preamble: &'a str,
    sections: Vec<Section<'a>>,
}

/// A level-2 section: its heading as written, its text before any level-3 heading, and its
/// level-3 parts.
struct Section<'a> {
    heading: &'a str,
    body: &'a str,
    parts: Vec<(&'a str, &'a str)>,
}

impl<'a> Outline<'a> {
    fn cut(document: &'a str) -> Option<Self> {
        let lines = heading_lines(document);
        let heading_text = |level: HeadingLevel, range: &Range<usize>| {
            let marker = "#".repeat(level as usize) + " ";
            let at_line_start = range.start == 0 || document.as_bytes()[range.start - 1] == b'\n';
            document[range.clone()]
                .strip_prefix(marker.as_str())
                .filter(|_| at_line_start)
        };
        let ((HeadingLevel::H1, first), rest) = lines.split_first()? else {
            return None;
        };
        if first.start != 0 {
            return None;
        }
        let title = heading_text(HeadingLevel::H1, first)?;
        // The text from the end of heading `n`'s line to the start of the next heading.
        let text_after = |n: usize| {
            let from = lines[n].1.end;
            let to = lines.get(n + 1).map_or(document.len(), |(_, next)| next.start);
            trim_blank_lines(&document[from.min(to)..to])
        };
        let mut outline = Outline {
            title,
            preamble: text_after(0),
            sections: Vec::new(),
        };
        for (n, (level, range)) in rest.iter().enumerate().map(|(n, line)| (n + 1, line)) {
            let heading = heading_text(*level, range)?;
            match level {
                HeadingLevel::H2 => outline.sections.push(Section {
                    heading,
                    body: text_after(n),
                    parts: Vec::new(),
                }),
                HeadingLevel::H3 => outline.sections.last_mut()?.parts.push((heading, text_after(n))),
                _ => return None,
            }
        }
        Some(outline)
    }

    fn report(&self) -> Option<Report> {
        let mut report = Report {
            title: read_heading_text(self.title),
            ..Default::default()
        };
        if report.title == UNTITLED {
            report.title.clear();
        }
        read_metadata(self.preamble, &mut report)?;
        // The template's sections come in their order, each at most once, before any extra one.
        // The timeline is read last: its times need the summary's date and timezone.
        let layout = layout::sections(report.template);
        let mut next = 0;
        let mut found = Vec::new();
        let mut sections = self.sections.iter().peekable();
        while let Some(section) = sections.peek() {
            let Some(at) = layout[next..].iter().position(|l| l.heading == section.heading) else {
                break;
            };
            found.push((&layout[next + at], *section));
            next += at + 1;
            sections.next();
        }
        let (timelines, others): (Vec<_>, Vec<_>) = found
            .into_iter()
            .partition(|(l, _)| l.parts.iter().any(|p| p.part == Part::Timeline));
        for (layout, section) in others.into_iter().chain(timelines) {
            read_section(layout, section, &mut report)?;
        }
        // The display's label is written out whenever an exact time shows it, and only then.
        let summary = &report.summary;
        let exact = [&summary.started_at, &summary.ended_at]
            .into_iter()
            .flatten()
            .chain(report.timeline.iter().filter_map(|e| e.time.as_ref()))
            .any(|m| m.exact().is_some());
        if !exact {
            report.summary.timezone = None;
        }
        for section in sections {
            no_parts(section)?;
            // An extra section's heading that names a template section carries the writer's mark.
            let heading = match section.heading.strip_suffix(EXTRA_MARK) {
                Some(marked) => marked,
                None if crate::import::names_a_section(section.heading) => return None,
                None => section.heading,
            };
            report.extra_sections.push(ExtraSection {
                heading: read_heading_text(heading),
                body: read_block(section.body),
            });
        }
        Some(report)
    }
}

fn no_parts(section: &Section) -> Option<()> {
    (section.parts.is_empty()).then_some(())
}

/// A section by its layout: the first part may sit directly under the section's heading,
/// the others under their level-3 headings, each in order and each optional.
fn read_section(layout: &SectionLayout, section: &Section, report: &mut Report) -> Option<()> {
    let mut parts = section.parts.iter().peekable();
    let mut body_read = false;
    for placed in layout.parts {
        let text = match placed.heading {
            None => {
                body_read = true;
                section.body
            }
            Some(heading) => match parts.next_if(|(name, _)| *name == heading) {
                Some((_, text)) => text,
                None => continue,
            },
        };
        read_part(placed.part, text, report)?;
    }
    (body_read || section.body.is_empty()).then_some(())?;
    parts.next().is_none().then_some(())
}

fn read_part(part: Part, text: &str, report: &mut Report) -> Option<()> {
    let rca = &mut report.root_cause_and_resolution;
    match part {
        Part::Summary(items) => {
            if let Some(label) = read_summary(text, items, &mut report.summary)? {
                report.summary.timezone = Some(label);
            }
        }
        Part::Timeline => read_timeline(text, report)?,
        Part::Text(field) => {
            let into = match field {
                TextField::RootCause => &mut rca.root_cause,
                TextField::Trigger => &mut rca.trigger,
                TextField::Resolution => &mut rca.resolution,
            };
            *into = read_block(text);
        }
        Part::List(field) => {
            let items = bullets(text)?;
            let into = match field {
                ListField::ContributingFactors => &mut rca.contributing_factors,
                ListField::Improvements => &mut report.measures.improvements,
                lesson => {
                    let lessons = report.lessons_learned.get_or_insert_with(LessonsLearned::default);
                    match lesson {
                        ListField::WentWell => &mut lessons.went_well,
                        ListField::WentWrong => &mut lessons.went_wrong,
                        _ => &mut lessons.got_lucky,
                    }
                }
            };
            *into = items;
        }
        Part::Tasks => {
            for item in items(text)? {
                report.measures.tasks.push(read_task(&item)?);
            }
        }
        Part::Responders => report.responders = read_responders(text)?,
        Part::Images => report.images = read_images(text)?,
        Part::Review => report.review = Some(read_review(text)?),
        // The table is worked out from the window and the timeline, which the rewrite checks;
        // only where it is measured from is the report's own.
        Part::KeyTimes => {
            report.summary.key_times_from = TimesFrom::ALL
                .iter()
                .copied()
                .find(|from| text.contains(crate::markdown::key_times_note(*from)))?;
        }
    }
    Some(())
}

/// `**Label:** value` parts joined by " · ", each label at most once and in the order given;
/// a value runs to the next part's label, which a value never holds. `None` when the text
/// holds anything else.
fn labelled_parts<'t>(text: &'t str, order: &[&'static str]) -> Option<Vec<(&'static str, &'t str)>> {
    let mut parts = Vec::new();
    let mut rest = text;
    let mut next = 0;
    while !rest.is_empty() {
        let (found, value) = order[next..]
            .iter()
            .enumerate()
            .find_map(|(n, label)| rest.strip_prefix(&format!("**{label}:** ")).map(|value| (n, value)))?;
        let label = order[next + found];
        next += found + 1;
        let end = order[next..]
            .iter()
            .filter_map(|later| value.find(&format!("{}**{later}:** ", labels::SEPARATOR)))
            .min()
            .unwrap_or(value.len());
        parts.push((label, &value[..end]));
        rest = value[end..].strip_prefix(labels::SEPARATOR).unwrap_or(&value[end..]);
    }
    Some(parts)
}

fn list(text: &str) -> Vec<String> {
    text.split(", ").map(str::to_owned).collect()
}

/// `**Service:** Auth · **Severity:** SEV2 · **Authors:** Ana, Bo · **Incident:** …`.
fn read_metadata(line: &str, report: &mut Report) -> Option<()> {
    const ORDER: [&str; 7] = [
        labels::SERVICE,
        labels::SEVERITY,
        labels::AUTHORS,
        labels::INCIDENT,
        labels::OWNER,
        labels::TAGS,
        labels::TEMPLATE,
    ];
    for (label, value) in labelled_parts(line, &ORDER)? {
        match label {
            labels::SERVICE => report.service = Some(value.to_owned()),
            labels::SEVERITY => report.severity = Some(Severity::parse(value)?),
            labels::AUTHORS => report.authors = list(value),
            labels::INCIDENT => report.incident = Some(read_incident(value)?),
            labels::OWNER => report.owner = Some(value.to_owned()),
            labels::TAGS => report.tags = list(value),
            _ => report.template = Template::ALL.iter().copied().find(|t| t.label() == value)?,
        }
    }
    Some(())
}

/// `[INC-1042](https://…)`, `<https://…>` or `INC-1042`.
fn read_incident(text: &str) -> Option<IncidentReference> {
    if let Some(url) = text.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
        return Some(IncidentReference {
            key: None,
            url: Some(url.to_owned()),
        });
    }
    if let Some(link) = text.strip_prefix('[') {
        let (key, url) = read_link(link)?;
        // A link whose text is its address, where `<address>` could not be written, is the
        // link alone.
        return Some(IncidentReference {
            key: (key.trim() != url.trim() || crate::markdown::autolinkable(&url)).then_some(key),
            url: Some(url),
        });
    }
    Some(IncidentReference {
        key: Some(text.to_owned()),
        url: None,
    })
}

/// `text](url)` as the writer writes a link after its `[`: the text unescaped, the address
/// out of its angle brackets.
fn read_link(link: &str) -> Option<(String, String)> {
    let inner = link.strip_suffix(')')?;
    let mut text = String::new();
    let mut chars = inner.char_indices();
    let url_at = loop {
        match chars.next()? {
            (_, '\\') => text.push(chars.next()?.1),
            (at, ']') => break at + 1,
            (_, c) => text.push(c),
        }
    };
    let url = inner[url_at..].strip_prefix('(')?;
    let url = url.strip_prefix('<').and_then(|u| u.strip_suffix('>')).unwrap_or(url);
    Some((text, url.to_owned()))
}

/// One item of a bullet list: its source lines as written, and its text without the marker
/// and with its continuation lines out-dented.
struct Item<'a> {
    source: &'a str,
    text: String,
}

/// The items of a bullet list the writer made: every line either starts an item with `- `,
/// continues one indented by two spaces, or is blank between paragraphs of one item.
fn items(list: &str) -> Option<Vec<Item<'_>>> {
    let mut items: Vec<Item> = Vec::new();
    let mut start = 0;
    for line in list.split_inclusive('\n') {
        let end = start + line.len();
        let content = line.trim_end_matches('\n');
        if let Some(first) = content.strip_prefix("- ").or((content == "-").then_some("")) {
            items.push(Item {
                source: &list[start..end],
                text: first.to_owned(),
            });
        } else {
            let item = items.last_mut()?;
            let continued = if content.is_empty() {
                ""
            } else {
                content.strip_prefix("  ")?
            };
            item.source = &list[start - item.source.len()..end];
            item.text.push('\n');
            item.text.push_str(continued);
        }
        start = end;
    }
    for item in &mut items {
        item.source = item.source.trim_end_matches('\n');
    }
    Some(items)
}

/// The summary's labelled bullets. Returns the display timezone's label when the duration
/// line shows one.
fn read_summary(body: &str, shown: &[SummaryItem], summary: &mut IssueSummary) -> Option<Option<String>> {
    let order: Vec<&str> = shown
        .iter()
        .map(|item| match item {
            SummaryItem::Duration => labels::DURATION,
            SummaryItem::Impact => labels::IMPACT,
            SummaryItem::UsersAffected => labels::USERS_AFFECTED,
            SummaryItem::BusinessImpact => labels::BUSINESS_IMPACT,
            SummaryItem::ImpactFigures => labels::IMPACT_FIGURES,
            SummaryItem::DetectedBy => labels::DETECTED_BY,
            SummaryItem::RootCause => labels::ROOT_CAUSE,
        })
        .collect();
    let mut next = 0;
    let mut label = None;
    for item in items(body)? {
        let (found, value) = order[next..].iter().enumerate().find_map(|(n, name)| {
            let label = format!("**{name}:**");
            let value = item.text.strip_prefix(&label)?;
            // The figures follow on lines of their own; every other value after a space.
            let value = if *name == labels::IMPACT_FIGURES {
                value.strip_prefix('\n')
            } else {
                value.strip_prefix(' ')
            };
            value.map(|value| (n, value))
        })?;
        let name = order[next + found];
        next += found + 1;
        if name == labels::IMPACT_FIGURES {
            summary.impact_figures = read_figures(value)?;
            continue;
        }
        let value = read_paragraph(value);
        match name {
            labels::DURATION => label = read_duration(&value, summary)?,
            labels::IMPACT => summary.impact = value,
            labels::USERS_AFFECTED => {
                let percent: f64 = value.strip_suffix('%')?.parse().ok()?;
                (format_percent(percent) == value).then_some(())?;
                summary.users_affected_percent = Some(percent);
            }
            labels::BUSINESS_IMPACT => summary.business_impact = Some(value),
            labels::DETECTED_BY => summary.detection = Some(DetectionMethod::from_name(&value)?),
            _ => summary.root_cause = value,
        }
    }
    Some(label)
}

/// `- Failed checkouts: 1,240` lines: a name (its colons escaped) and a value.
fn read_figures(lines: &str) -> Option<Vec<ImpactFigure>> {
    let mut figures = Vec::new();
    for item in items(lines)? {
        let text = item.text.as_str();
        // The first colon not escaped by a backslash ends the name.
        let mut escaped = false;
        let colon = text.char_indices().find_map(|(at, c)| {
            let found = (c == ':' && !escaped).then_some(at);
            escaped = c == '\\' && !escaped;
            found
        })?;
        let name = unescape(&read_paragraph(&text[..colon]));
        let value = text[colon + 1..].strip_prefix(' ').unwrap_or(&text[colon + 1..]);
        figures.push(ImpactFigure {
            name,
            value: value.to_owned(),
        });
    }
    Some(figures)
}

/// Text without the backslashes before the characters they escape.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

/// The start and end from the duration line, tried in the shapes [`duration_line`] writes,
/// exact times first; the first reading that writes the same line is kept.
fn read_duration(line: &str, summary: &mut IssueSummary) -> Option<Option<String>> {
    for (started_at, ended_at, label) in duration_readings(line) {
        let candidate = IssueSummary {
            started_at,
            ended_at,
            timezone: label.clone(),
            ..IssueSummary::default()
        };
        let written = duration_line(&candidate, &TimeDisplay::for_summary(&candidate));
        if written.is_some_and(|written| single_line(&written) == line) {
            summary.started_at = candidate.started_at;
            summary.ended_at = candidate.ended_at;
            return Some(label);
        }
    }
    None
}

type Reading = (Option<Moment>, Option<Moment>, Option<String>);

fn duration_readings(line: &str) -> Vec<Reading> {
    let mut readings = Vec::new();
    if let Some(start) = line
        .strip_prefix("from ")
        .and_then(|l| l.strip_suffix(", end not recorded"))
    {
        let (start, label) = full_moment(start);
        readings.push((Some(start), None, label));
    }
    if let Some(end) = line.strip_prefix("start not recorded, until ") {
        let (end, label) = full_moment(end);
        readings.push((None, Some(end), label));
    }
    for (split, _) in line.match_indices(" – ") {
        let (left, right) = (&line[..split], &line[split + " – ".len()..]);
        // Both exact: "2024-08-22 15:00 – 17:00 UTC (2 h)", the label once, at the end.
        let without_length = match right.rfind(" (") {
            Some(at) if right.ends_with(')') => &right[..at],
            _ => right,
        };
        for right in [without_length, right] {
            if let Some((end, label)) = right.rsplit_once(' ') {
                if let Some(display) = display_for(label) {
                    let start = display.read_date_time(left);
                    let with_start = TimeDisplay::for_summary(&IssueSummary {
                        started_at: start.map(Moment::Exact),
                        timezone: Some(label.to_owned()),
                        ..IssueSummary::default()
                    });
                    if let (Some(start), Some(end)) = (start, with_start.read_clock(end)) {
                        readings.push((
                            Some(Moment::Exact(start)),
                            Some(Moment::Exact(end)),
                            Some(label.to_owned()),
                        ));
                    }
                }
            }
        }
        let (start, start_label) = full_moment(left);
        let (end, end_label) = full_moment(right);
        readings.push((Some(start), Some(end), start_label.or(end_label)));
    }
    readings
}

/// "2024-08-22 15:00 UTC" as an exact moment with its label, or the author's words.
fn full_moment(text: &str) -> (Moment, Option<String>) {
    if let Some((date_time, label)) = text.rsplit_once(' ') {
        if let Some(at) = display_for(label).and_then(|display| display.read_date_time(date_time)) {
            return (Moment::Exact(at), Some(label.to_owned()));
        }
    }
    (Moment::AsWritten(text.to_owned()), None)
}

/// The display for a label the writer writes ("UTC", "UTC+05:30"), not for any zone text.
fn display_for(label: &str) -> Option<TimeDisplay> {
    let offset = parse_timezone(label).filter(|offset| timezone_label(*offset) == label)?;
    Some(TimeDisplay::for_summary(&IssueSummary {
        timezone: Some(timezone_label(offset)),
        ..IssueSummary::default()
    }))
}

fn read_timeline(body: &str, report: &mut Report) -> Option<()> {
    let items = items(body)?;
    // Without exact times in the summary, the display's label shows in the first exact entry.
    let label = report.summary.timezone.take().or_else(|| {
        items.iter().find_map(|item| {
            let time = item.text.strip_prefix("**")?.split("**").next()?;
            let (_, label) = time.rsplit_once(' ')?;
            display_for(label).map(|_| label.to_owned())
        })
    });
    report.summary.timezone = label;
    let display = TimeDisplay::for_summary(&report.summary);
    for item in &items {
        let entry = entry_readings(&item.text, &display).into_iter().find(|entry| {
            let mut written = String::new();
            write_timeline_entry(entry, &display, &mut written);
            written.trim_end() == item.source
        })?;
        report.timeline.push(entry);
    }
    Some(())
}

/// Every way the writer could have made this entry: with or without a bold time, with or
/// without a `*Kind (actor):*` tag.
fn entry_readings(text: &str, display: &TimeDisplay) -> Vec<TimelineEntry> {
    // The most structured readings first: the writer gives a time and a kind whenever it has
    // them, and a plain entry only when its text cannot be read as starting with either.
    let mut timed: Vec<(Option<Moment>, Option<Milestone>, &str)> = Vec::new();
    if let Some(after_open) = text.strip_prefix("**") {
        // Every "**", overlapping ones too: a time may end in "*" ("x***").
        let closes = (0..after_open.len()).filter(|&at| after_open.as_bytes()[at..].starts_with(b"**"));
        for close in closes {
            let after = &after_open[close + 2..];
            let time = display.read_moment(&after_open[..close]);
            if let Some((milestone, rest)) = after.strip_prefix(' ').and_then(milestone_mark) {
                timed.push((Some(time.clone()), Some(milestone), rest));
            }
            let rest = match after.strip_prefix(labels::DASH) {
                Some(rest) => rest,
                None if after.is_empty() => after,
                None => continue,
            };
            timed.push((Some(time), None, rest));
        }
    }
    if let Some((milestone, rest)) = milestone_mark(text) {
        timed.push((None, Some(milestone), rest));
    }
    timed.push((None, None, text));
    let mut readings = Vec::new();
    for (time, milestone, rest) in timed {
        let mut tagged = Vec::new();
        if let Some(after_open) = rest.strip_prefix('*') {
            for (close, _) in after_open.match_indices(":*") {
                let after = &after_open[close + 2..];
                let text = after.strip_prefix(' ').unwrap_or(after);
                let tag = &after_open[..close];
                let (kind, actor) = match tag.strip_suffix(')').and_then(|t| t.split_once(" (")) {
                    Some((kind, actor)) => (kind, Some(actor.to_owned())),
                    None => (tag, None),
                };
                if let Some(kind) = EntryKind::ALL.into_iter().find(|k| k.label() == kind) {
                    tagged.push((kind, actor, text));
                }
            }
        }
        if time.is_some() || milestone.is_some() || !crate::import::reads_as_entry_start(rest) {
            tagged.push((EntryKind::Other, None, rest));
        }
        for (kind, actor, text) in tagged {
            readings.push(TimelineEntry {
                time: time.clone(),
                kind,
                text: read_paragraph(text),
                actor,
                milestone,
            });
        }
    }
    readings
}

/// `(detected) — rest`: the milestone mark the writer puts after an entry's time.
fn milestone_mark(text: &str) -> Option<(Milestone, &str)> {
    let (mark, rest) = text.strip_prefix('(')?.split_once(')')?;
    let milestone = Milestone::ALL.iter().copied().find(|m| m.label() == mark)?;
    let rest = match rest.strip_prefix(labels::DASH) {
        Some(rest) => rest,
        None if rest.is_empty() => rest,
        None => return None,
    };
    Some((milestone, rest))
}

/// `[ ] text — **Owner:** Dana · **Due:** 2024-09-01 · **Priority:** P1 …`, details optional.
fn read_task(item: &Item) -> Option<CorrectiveTask> {
    const DETAILS: [&str; 6] = [
        labels::OWNER,
        labels::DUE,
        labels::PRIORITY,
        labels::TYPE,
        labels::TICKET,
        labels::STATUS,
    ];
    let (checked, text) = match (item.text.strip_prefix("[x] "), item.text.strip_prefix("[ ] ")) {
        (Some(text), _) => (true, text),
        (None, Some(text)) => (false, text),
        (None, None) => return None,
    };
    let status = TaskStatus::from_checked(checked);
    let mut readings = vec![CorrectiveTask {
        text: read_paragraph(text),
        status,
        ..CorrectiveTask::default()
    }];
    for (at, _) in text.match_indices(labels::DASH) {
        let Some(parts) = labelled_parts(&text[at + labels::DASH.len()..], &DETAILS) else {
            continue;
        };
        let mut task = CorrectiveTask {
            text: read_paragraph(&text[..at]),
            status,
            ..CorrectiveTask::default()
        };
        let mut readable = true;
        for (label, value) in parts {
            match label {
                labels::OWNER => task.owner = Some(value.to_owned()),
                labels::DUE => task.due = Some(DueDate::parse(value)),
                labels::PRIORITY => task.priority = Priority::from_name(value),
                labels::TYPE => task.kind = TaskType::from_name(value),
                labels::TICKET => task.ticket = Some(value.to_owned()),
                _ => match TaskStatus::from_name(value) {
                    Some(written) => task.status = written,
                    None => readable = false,
                },
            }
        }
        if readable {
            readings.push(task);
        }
    }
    readings.into_iter().rev().find(|task| {
        let mut written = String::new();
        write_task(task, &mut written);
        written.trim_end() == item.source
    })
}

fn bullets(list: &str) -> Option<Vec<String>> {
    Some(items(list)?.iter().map(|item| read_paragraph(&item.text)).collect())
}

/// `- Ana Lima — incident commander`, the role optional.
fn read_responders(body: &str) -> Option<Vec<Responder>> {
    let mut responders = Vec::new();
    for item in items(body)? {
        let mut readings = vec![Responder {
            name: read_paragraph(&item.text),
            role: None,
        }];
        for (at, _) in item.text.match_indices(labels::DASH) {
            readings.push(Responder {
                name: read_paragraph(&item.text[..at]),
                role: Some(Role::parse(&item.text[at + labels::DASH.len()..])),
            });
        }
        let responder = readings.into_iter().rev().find(|r| {
            let mut written = String::new();
            super::super::markdown::write_responders(std::slice::from_ref(r), &mut written);
            written.lines().next() == Some(item.source)
        })?;
        responders.push(responder);
    }
    Some(responders)
}

fn read_review(body: &str) -> Option<Review> {
    const ORDER: [&str; 6] = [
        labels::STATUS,
        labels::REVIEWERS,
        labels::REVIEW_DATE,
        labels::SHARED_WITH,
        labels::CHECKED,
        labels::DISMISSED,
    ];
    let mut review = Review::default();
    let mut next = 0;
    for item in items(body)? {
        let (found, value) = ORDER[next..].iter().enumerate().find_map(|(n, name)| {
            let label = format!("**{name}:**");
            let rest = item.text.strip_prefix(&label)?;
            let value = match *name {
                labels::DISMISSED => rest.strip_prefix('\n')?,
                _ => rest.strip_prefix(' ')?,
            };
            Some((n, value))
        })?;
        let name = ORDER[next + found];
        next += found + 1;
        if name == labels::DISMISSED {
            for dismissed in items(value)? {
                let (rule, quote) = match dismissed.text.split_once(": ") {
                    Some((rule, quote)) => (rule, read_paragraph(quote)),
                    None => (dismissed.text.strip_suffix(':')?, String::new()),
                };
                review.dismissed.push(Dismissal {
                    rule: rule.to_owned(),
                    quote,
                });
            }
            continue;
        }
        let value = read_paragraph(value);
        match name {
            labels::STATUS => review.status = ReviewStatus::from_name(&value)?,
            labels::REVIEWERS => review.reviewers = list(&value),
            labels::REVIEW_DATE => review.date = Some(DueDate::parse(&value)),
            labels::CHECKED => {
                review.checked = value
                    .split("; ")
                    .map(ReviewCheck::from_name)
                    .collect::<Option<Vec<_>>>()?
            }
            _ => review.shared_with = list(&value),
        }
    }
    Some(review)
}

/// `![alt](url)` paragraphs, the alt text's brackets escaped and the URL in angle brackets
/// when it has spaces or parentheses.
fn read_images(body: &str) -> Option<Vec<Image>> {
    let mut images = Vec::new();
    for line in body.lines().filter(|l| !l.is_empty()) {
        let (alt, url) = read_link(line.strip_prefix("![")?)?;
        images.push(Image { url, alt });
    }
    Some(images)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::to_markdown;

    #[test]
    fn reads_only_what_the_writer_wrote() {
        let report = Report {
            title: "Timeline of a DNS failure".into(),
            ..Default::default()
        };
        assert_eq!(read(&to_markdown(&report)), Some(report));
        // Edited by hand out of the writer's shape: left to the general importer.
        assert_eq!(read("# T\n\n## Timeline\n\n* 10:00 alert\n"), None);
        assert_eq!(read("Intro\n\n# T\n"), None);
        assert_eq!(read("# T\n\n## Issue Summary\n\n- **Impact:**  two spaces\n"), None);
    }
}
