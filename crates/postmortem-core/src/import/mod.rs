//! Markdown import: an existing postmortem, however it was written, read into a [`Report`].
//!
//! The document is read with pulldown-cmark into blocks ([`outline`]), cut into sections by
//! its headings (real ones, `#Heading` without the space, or a bold line naming a section),
//! and each section is read by what it is: labelled summary lines, timeline entries with the
//! times people write ([`when`]), root cause and resolution, measures and tasks, lessons.
//!
//! Nothing is dropped: text that fits no field goes to an extra section (its own heading, or
//! "Unplaced"), images keep their URLs, and every guess is listed in [`Imported::notes`].
//! Reading our own export gives back the report that was exported.

mod asciidoc;
mod html;
mod html_doc;
mod kinds;
mod measures;
mod org;
mod outline;
mod own;
mod prepare;
mod responders;
mod rst;
mod sections;
mod status_page;
mod summary;
mod text;
mod text_table;
mod timeline;
mod unwrap;
mod when;
mod wiki;

use chrono::{Datelike, NaiveDate};

use crate::markdown::{normalize_newlines, read_block, UNTITLED};
use crate::model::{EntryKind, ExtraSection, LessonsLearned, Moment, Report, TimesFrom};
use crate::time::timezone_label;
use measures::Measure;
use outline::{Block, Body, Span};
use sections::{Kind, Section};
use text::{clean_phrase, strip_wrapper};
use timeline::DraftEntry;
use when::{When, Zone};

/// The heading of the section that keeps text no field took.
pub const UNPLACED: &str = "Unplaced";

/// A report read from Markdown, with what the reader should check.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub report: Report,
    /// What was guessed or could not be read, in words for the author.
    pub notes: Vec<String>,
    /// What was left out because the app works it out again from the rest (our export's key
    /// times table, the timeline's diagram): no guess, nothing of the author's lost.
    pub regenerated: Vec<String>,
}

/// Reads a Markdown postmortem. Never fails and never panics: whatever the text, the result
/// is a report that holds all of it.
pub fn import_markdown(source: &str) -> Imported {
    if let Some(report) = own::read(source) {
        return Imported {
            report,
            notes: Vec::new(),
            regenerated: Vec::new(),
        };
    }
    let source = normalize_newlines(source.strip_prefix('\u{feff}').unwrap_or(source));
    let prepared = prepare::prepare(&source);
    let blocks = outline::read(&prepared.text);
    let mut importer = Importer::new(&prepared.text, blocks);
    importer.notes = prepared.notes;
    importer.regenerated = prepared.regenerated;
    importer.run();
    importer.finish()
}

/// Whether a reader would take this heading for one of the template's sections. Our export
/// writes an extra section headed so with a mark, and reads it back only with that mark.
pub(crate) fn names_a_section(heading: &str) -> bool {
    let heading = crate::markdown::single_line(heading);
    sections::classify(&heading).is_some_and(|kind| kind != Kind::Extra)
        || crate::markdown::layout::is_section_heading(&heading)
}

/// Whether a timeline entry's text, written without a time or kind before it, would read as
/// starting with one (`10:00 alert`, `**Update** — …`, `*Detection:* …`). Our export writes
/// such an entry with its kind, so that its text stays text.
pub(crate) fn reads_as_entry_start(text: &str) -> bool {
    let first_line = text.lines().next().unwrap_or_default();
    // Bold up to a dash, or bold to the end of the text, is how the export writes a time.
    let bold_time = first_line.strip_prefix("**").is_some_and(|rest| {
        let ends = |at: usize| {
            rest[at + 2..].starts_with(" \u{2014} ") || (at + 2 == rest.len() && rest.len() == text.len() - 2)
        };
        (0..rest.len()).any(|at| rest.as_bytes()[at..].starts_with(b"**") && ends(at))
    });
    let milestone = first_line
        .strip_prefix('(')
        .and_then(|t| t.split_once(')'))
        .is_some_and(|(mark, _)| crate::model::Milestone::from_name(mark).is_some());
    bold_time
        || milestone
        || timeline::split_time(first_line).is_some()
        || timeline::split_kind(first_line).2.len() != first_line.len()
}

/// A summary time as written, read when the report's date and zone are known.
#[derive(Clone, Debug)]
struct Written {
    when: Option<When>,
    text: String,
}

impl Written {
    /// The part of `text` that `when` was read from.
    fn found_in(text: &str, when: When) -> Self {
        Self {
            text: text[when.start..when.end].to_owned(),
            when: Some(when),
        }
    }
}

struct Importer<'a> {
    source: &'a str,
    blocks: Vec<Block>,
    report: Report,
    notes: Vec<String>,
    regenerated: Vec<String>,
    unplaced: Vec<String>,
    start: Option<Written>,
    end: Option<Written>,
    length: Option<String>,
    /// A date the report is about (a Date line, or the title), for times written without one.
    doc_date: Option<(NaiveDate, String)>,
    /// The date of times written without one is the title's, and a note says so.
    dated_by_title: bool,
    doc_zone: Option<Zone>,
    measures: Vec<Measure>,
    explicit_tasks: bool,
    /// Whether the summary's impact text came from prose (so a root-cause sentence may be in it).
    impact_is_prose: bool,
    pending_timeline: Vec<DraftEntry>,
    /// The stage a timeline label names ("**Issue Detection:**" over the entries of it), with
    /// the label as written: the kind of the untagged entries under it.
    timeline_stage: Option<(EntryKind, String)>,
    /// A template's questions whose answers were read into the fields they ask for.
    answered: Vec<String>,
}

impl<'a> Importer<'a> {
    fn new(source: &'a str, blocks: Vec<Block>) -> Self {
        Self {
            source,
            blocks,
            report: Report::default(),
            notes: Vec::new(),
            regenerated: Vec::new(),
            unplaced: Vec::new(),
            start: None,
            end: None,
            length: None,
            doc_date: None,
            dated_by_title: false,
            doc_zone: None,
            measures: Vec::new(),
            explicit_tasks: false,
            impact_is_prose: false,
            pending_timeline: Vec::new(),
            timeline_stage: None,
            answered: Vec::new(),
        }
    }

    fn note(&mut self, note: impl Into<String>) {
        let note = note.into();
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    fn raw(&self, span: &Span) -> &'a str {
        self.source.get(span.clone()).unwrap_or("")
    }

    /// A block's own text as Markdown, one line per line.
    fn own_text(&self, block: &Block) -> String {
        block.text(self.source)
    }

    /// The source of a run of blocks, as a block of Markdown.
    fn region(&self, from: usize, to: usize) -> String {
        let text = self.source.get(from..to.max(from)).unwrap_or("");
        trim_blank_lines(text).to_owned()
    }

    /// A section's blocks, but for paragraphs holding only images: those go to the images.
    fn text_blocks(&mut self, section: &Section) -> Vec<Block> {
        let mut blocks = Vec::with_capacity(section.blocks.len());
        for block in &self.blocks[section.blocks.clone()] {
            if block.is_only_images() {
                self.report.images.extend(block.images.iter().cloned());
            } else {
                blocks.push(block.clone());
            }
        }
        blocks
    }

    fn keep_unplaced(&mut self, text: &str) {
        let text = trim_blank_lines(text);
        if !text.trim().is_empty() {
            self.unplaced.push(text.to_owned());
        }
    }

    fn run(&mut self) {
        let title_block = self.find_title();
        let mut sections = sections::split(&self.blocks, self.source, title_block);
        sections::settle_summaries(&mut sections);
        if let Some(index) = sections::report_within(&mut sections) {
            let heading = sections[index].heading.clone().unwrap_or_default();
            let document = std::mem::replace(&mut self.report.title, heading.clone());
            self.note(format!(
                "The report is the part of the document under “{heading}”, which is its title; the document's own title (“{document}”) and the sections around the report were kept as they are, as sections of their own."
            ));
        }
        let headings: Vec<&str> = sections.iter().filter_map(|s| s.heading.as_deref()).collect();
        let closest = sections::closest_template(&headings)
            .map(|(template, matched)| (template, matched.iter().map(|h| format!("“{h}”")).collect::<Vec<_>>()));
        if let Some((template, matched)) = closest {
            self.report.template = template;
            for section in &mut sections {
                sections::read_as_in(section, template);
            }
            self.note(format!(
                "The report is shown in the {} template, whose sections it uses: {}.",
                template.label(),
                matched.join(", ")
            ));
        }
        self.wrong_as_the_cause(&mut sections);
        let timed_sections = self.timelines_by_content(&mut sections);
        let mut timelines = Vec::new();
        for (index, section) in sections.iter().enumerate() {
            if !timed_sections.contains(&index) {
                self.note_renamed(section);
            }
            match section.kind {
                Kind::Timeline => timelines.push(section.clone()),
                _ => self.read_section(section),
            }
        }
        for section in &timelines {
            self.read_timeline(section);
        }
    }

    /// The block that is the title, with its text. What comes before it (front matter,
    /// images) is placed here; without a title block, the preamble reads it.
    fn find_title(&mut self) -> Option<usize> {
        // A blog post's front matter names it when its level-one headings are its sections
        // ("# Technical details", "# What are the next steps?").
        let level_ones = self
            .blocks
            .iter()
            .filter(|b| matches!(b.body, Body::Heading { level: 1 }))
            .count();
        let found = match level_ones {
            0 | 1 => self.first_level_one_heading().or_else(|| self.front_matter_title()),
            _ => self.front_matter_title().or_else(|| self.first_level_one_heading()),
        };
        let (index, title) = match found {
            Some(found) => found,
            None => self.title_block()?,
        };
        self.report.title = title;
        // Front matter's `title:` line is the title read, or says what the heading says; the
        // rest of it is read as labels are.
        let title = clean_phrase(&self.report.title);
        let title_line = |l: &str| {
            l.trim_start()
                .strip_prefix("title")
                .map(|r| r.trim_start())
                .and_then(|r| r.strip_prefix(':').or_else(|| r.strip_prefix('=')))
                .is_some_and(|value| clean_phrase(text::unquote(value.trim())) == title)
        };
        let front_matter = |text: &str| text.lines().filter(|l| !title_line(l)).collect::<Vec<_>>().join("\n");
        if let Body::Meta { text } = &self.blocks[index].body {
            let rest = front_matter(text);
            self.read_front_matter(&rest);
        }
        let before: Vec<Block> = self.blocks[..index].to_vec();
        for block in before {
            match &block.body {
                Body::Meta { text } => {
                    let rest = front_matter(text);
                    self.read_front_matter(&rest);
                }
                Body::Paragraph if block.is_only_images() => self.report.images.extend(block.images.iter().cloned()),
                Body::Other => {}
                _ => {
                    let raw = self.raw(&block.range).to_owned();
                    self.keep_unplaced(&raw);
                }
            }
        }
        Some(index)
    }

    /// `title: "…"` in YAML front matter, as static site generators keep a post's title.
    fn front_matter_title(&self) -> Option<(usize, String)> {
        let (index, block) = self
            .blocks
            .iter()
            .enumerate()
            .find(|(_, b)| matches!(b.body, Body::Meta { .. }))?;
        let Body::Meta { text } = &block.body else {
            return None;
        };
        // YAML (`title: …`) or TOML (`title = "…"`, between `+++` lines).
        let title = text.lines().find_map(|l| {
            let rest = l.trim_start().strip_prefix("title")?.trim_start();
            rest.strip_prefix(':').or_else(|| rest.strip_prefix('='))
        })?;
        let title = title.trim().trim_matches(['"', '\'']).trim();
        (!title.is_empty()).then(|| (index, title.to_owned()))
    }

    /// A level-one heading before any section: the title, even after a stray line or two.
    fn first_level_one_heading(&self) -> Option<(usize, String)> {
        for (index, block) in self.blocks.iter().enumerate() {
            if let Body::Heading { level } = block.body {
                let text = sections::heading_text(&self.own_text(block));
                if sections::classify(&text).is_some() && !self.names_the_report(index) {
                    return None;
                }
                if level == 1 {
                    return Some((index, text));
                }
            }
        }
        None
    }

    /// "# DNS resolution failures in eu-west" over "## What happened" and "## Timeline": the
    /// one level-one heading, above sections that name themselves, names the report, even when
    /// a word of it names a section. One of three words or fewer ("# Incident Summary") is
    /// that section.
    fn names_the_report(&self, index: usize) -> bool {
        let level_one = |b: &Block| matches!(b.body, Body::Heading { level: 1 });
        let names_a_section = |b: &Block| sections::classify(&sections::heading_text(&self.own_text(b))).is_some();
        let block = &self.blocks[index];
        let sections_below = self.blocks[index + 1..]
            .iter()
            .filter(|b| matches!(b.body, Body::Heading { level } if level > 1) && names_a_section(b))
            .count();
        level_one(block)
            && self.blocks.iter().filter(|b| level_one(b)).count() == 1
            && sections_below >= 2
            && sections::heading_text(&self.own_text(block)).split_whitespace().count() > 3
    }

    fn title_block(&mut self) -> Option<(usize, String)> {
        for (index, block) in self.blocks.iter().enumerate() {
            match &block.body {
                Body::Heading { level } if *level <= 3 => {
                    let text = sections::heading_text(&self.own_text(block));
                    let has_h1 = self.blocks.iter().any(|b| matches!(b.body, Body::Heading { level: 1 }));
                    // "1. Incident identification": a numbered heading is a section's.
                    // ("2024 outage review" is a title: a section's number has a dot.)
                    let numbered = text.split_once(' ').is_some_and(|(n, _)| {
                        n.contains('.')
                            && n.trim_end_matches('.')
                                .split('.')
                                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                    });
                    if sections::classify(&text).is_some() || (*level > 1 && has_h1) || numbered {
                        return None;
                    }
                    return Some((index, text));
                }
                Body::Paragraph if block.is_only_images() => continue,
                // A wiki's page note above the title ("> Page owner: …, last edited …").
                Body::Paragraph if index == 0 && self.in_quote(block) => continue,
                Body::Paragraph => {
                    let line = self.own_text(block);
                    if let Some((level, text)) = sections::hash_heading(&line) {
                        return (level <= 2 && sections::classify(&text).is_none()).then_some((index, text));
                    }
                    if self.first_line_names_report(index, &line) {
                        self.note("The title was taken from the first line, above the first section.");
                        return Some((index, clean_phrase(line.trim())));
                    }
                    // A bold line on its own before anything else: "**Postmortem: Nginx outage**".
                    let (inner, rest) = strip_wrapper(line.trim())?;
                    if rest.trim().is_empty() && block.lines.len() == 1 && sections::classify(inner).is_none() {
                        self.note("The title was taken from the bold line at the top.");
                        return Some((index, clean_phrase(inner)));
                    }
                    return None;
                }
                Body::Meta { .. } | Body::Other => continue,
                _ => return None,
            }
        }
        None
    }

    /// "Postmortem Report: Outage on November 6, 2023" over "Issue Summary:": in a plain-text
    /// report, a short first line straight above a section's name is the report's name, even
    /// with a colon after a word that names one (not a field's label: "Duration: 2 hours").
    fn first_line_names_report(&self, index: usize, line: &str) -> bool {
        let line = line.trim();
        let short = !line.contains('\n') && line.split_whitespace().count() <= 16 && !line.ends_with(['.', '!', '?']);
        // Before a colon, only what names a report: "Postmortem Report:", "Incident:".
        let labels_a_field = text::split_label(line).is_some_and(|(label, _)| {
            ![
                "postmortem",
                "post mortem",
                "incident",
                "report",
                "outage",
                "rca",
                "retrospective",
                "review",
            ]
            .iter()
            .any(|name| label.contains(name))
        });
        let next_names_a_section = self.blocks.get(index + 1).is_some_and(|next| {
            let text = clean_phrase(self.own_text(next).trim())
                .trim_end_matches(':')
                .trim()
                .to_owned();
            !text.contains('\n') && sections::classify(&text).is_some_and(|k| k != Kind::Extra)
        });
        short
            && !line.starts_with(['*', '_', '#', '<', '[', '!'])
            && !line.contains("<br")
            && !labels_a_field
            && next_names_a_section
    }

    /// "What went wrong" told in paragraphs, in a report with no root cause section: a post
    /// for customers tells its cause so. Lessons are points, written as a list.
    fn wrong_as_the_cause(&self, sections: &mut [Section]) {
        if sections
            .iter()
            .any(|s| matches!(s.kind, Kind::Rca | Kind::RootCause | Kind::Trigger))
        {
            return;
        }
        let prose = |s: &Section| {
            let blocks = &self.blocks[s.blocks.clone()];
            blocks.iter().any(|b| b.body == Body::Paragraph)
                && blocks
                    .iter()
                    .all(|b| matches!(b.body, Body::Paragraph | Body::Code { .. }))
        };
        if let Some(section) = sections
            .iter_mut()
            .find(|s| s.kind == Kind::Lessons(Some(sections::Lesson::WentWrong)) && prose(s))
        {
            // The note that the section was read as the root cause says so.
            section.kind = Kind::RootCause;
        }
    }

    /// Whether a block is quoted: a `>` before it on its first line.
    fn in_quote(&self, block: &Block) -> bool {
        let start = block.range.start.min(self.source.len());
        let line_start = self.source[..start].rfind('\n').map_or(0, |at| at + 1);
        self.source
            .get(line_start..start)
            .is_some_and(|before| before.contains('>'))
    }

    /// Says which field a section under another name went to: "Overview" → Issue Summary.
    fn note_renamed(&mut self, section: &Section) {
        let (Some(heading), Some(name)) = (&section.heading, section.kind.name_in(self.report.template)) else {
            return;
        };
        if sections::section_name(heading) != sections::section_name(&name) {
            self.note(format!("The section “{heading}” was read as {name}."));
        }
    }

    fn read_section(&mut self, section: &Section) {
        match section.kind {
            Kind::Preamble => self.read_labelled(section, false),
            Kind::Summary => self.read_labelled(section, true),
            Kind::Timeline => self.read_timeline(section),
            Kind::Rca | Kind::RootCause | Kind::Resolution => self.read_cause(section),
            Kind::Trigger => self.read_trigger(section),
            Kind::Factors => self.read_factors(section),
            Kind::Measures(group) => self.read_measures(section, group),
            Kind::Lessons(part) => self.read_lessons(section, part),
            Kind::Images => self.read_images(section),
            Kind::Detection => {
                let text = self.region(section.body.start, section.body.end);
                if let (None, Some(method)) = (self.report.summary.detection, kinds::detection_method(&text)) {
                    self.report.summary.detection = Some(method);
                    self.note(format!(
                        "How the incident was detected ({}) was read from the words of “{}”, which is kept as written.",
                        method.label(),
                        section.heading.as_deref().unwrap_or_default()
                    ));
                }
                self.keep_extra(section);
            }
            Kind::Authors => {
                let text = self.region(section.body.start, section.body.end);
                self.add_authors(&text);
            }
            Kind::Responders => self.read_responders(section),
            Kind::Date => {
                let text = self.region(section.body.start, section.body.end);
                let phrase = clean_phrase(&text);
                if let Some(date) = when::when_prefix(&phrase).and_then(|w| w.date) {
                    if let Some(date) = date.with_year(None) {
                        self.doc_date = Some((date, text.clone()));
                    }
                }
                // "2019-07-25 - 2019-10-10": the days the incident ran from and to.
                let days = [" - ", " \u{2013} ", " to ", " until "].iter().find_map(|joint| {
                    let (from, to) = phrase.trim().split_once(joint)?;
                    when::date_only(from)
                        .and(when::date_only(to))
                        .map(|_| (from.trim(), to.trim()))
                });
                if let (Some((from, to)), None, None) = (days, &self.start, &self.end) {
                    let written = |text: &str| Written {
                        when: when::when_prefix(text),
                        text: text.to_owned(),
                    };
                    (self.start, self.end) = (Some(written(from)), Some(written(to)));
                    self.note(format!(
                        "The incident's days ({}) were read as its start and end.",
                        phrase.trim()
                    ));
                }
                self.keep_extra(section);
            }
            Kind::KeyTimes => {
                let text = self.region(section.body.start, section.body.end);
                if let Some(from) = TimesFrom::ALL
                    .iter()
                    .find(|from| text.contains(crate::markdown::key_times_note(**from)))
                {
                    self.report.summary.key_times_from = *from;
                }
                self.regenerated.push(
                    "The key times table was not read: they are worked out again from the timeline's times and milestones."
                        .to_owned(),
                );
            }
            Kind::Extra if self.holds_labels(section) => {
                self.note(format!(
                    "The labels under “{}” were read into the fields they name.",
                    section.heading.as_deref().unwrap_or_default()
                ));
                self.read_labelled(section, false);
            }
            Kind::Extra => self.keep_extra(section),
        }
    }

    /// A section under a name of its own ("Incident identification", "Details") whose lines
    /// are mostly labels the form has fields for: read as the labels above the first section.
    fn holds_labels(&self, section: &Section) -> bool {
        // A section under a known name kept as written (a second summary) stays so.
        if section
            .heading
            .as_deref()
            .is_none_or(|h| sections::classify(h).is_some())
        {
            return false;
        }
        let blocks = &self.blocks[section.blocks.clone()];
        if blocks.iter().any(|b| matches!(b.body, Body::Heading { .. })) {
            return false;
        }
        // Each paragraph or item by its first line: a label's value may wrap, or be the items
        // nested under it.
        let top = outline::top_item_depth(blocks);
        let lines: Vec<&str> = blocks
            .iter()
            .filter(|b| match b.body {
                Body::Paragraph => true,
                Body::Item { depth, .. } => Some(depth) == top,
                _ => false,
            })
            .filter_map(|b| b.lines.first().map(|l| self.raw(l).trim()))
            .collect();
        let labels = lines
            .iter()
            .filter(|l| {
                let line = strip_list_marker(l);
                text::split_label(line)
                    .and_then(|(label, _)| summary::field_for(&label))
                    .is_some_and(|f| f != summary::Field::Container)
            })
            .count();
        labels >= 2 && labels * 2 >= lines.len()
    }

    fn keep_extra(&mut self, section: &Section) {
        // "## Appendix" over "### Chat log" and "### Graphs": a section of its own for each
        // part, named after both, since the export's sections have no parts (a heading inside
        // a section's text would change the export's outline).
        let parts: Vec<(usize, String)> = {
            let levels = |b: &Block| match b.body {
                Body::Heading { level } => Some(level),
                _ => None,
            };
            let blocks = &self.blocks[section.blocks.clone()];
            let top = blocks.iter().filter_map(levels).min();
            blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| top.is_some() && levels(b) == top)
                .map(|(n, b)| (section.blocks.start + n, sections::heading_text(&self.own_text(b))))
                .collect()
        };
        let Some(&(first, _)) = parts.first() else {
            self.keep_extra_part(section.heading.clone().unwrap_or_default(), section.body.clone(), false);
            return;
        };
        let parent = section.heading.clone().unwrap_or_default();
        self.keep_extra_part(parent.clone(), section.body.start..self.blocks[first].range.start, true);
        for (n, (index, name)) in parts.iter().enumerate() {
            let end = parts
                .get(n + 1)
                .map_or(section.body.end, |(next, _)| self.blocks[*next].range.start);
            let heading = if parent.is_empty() {
                name.clone()
            } else {
                format!("{parent} / {name}")
            };
            self.keep_extra_part(heading, self.blocks[*index].range.end..end, false);
        }
    }

    /// One section kept as written. A heading with nothing under it is kept unplaced (an
    /// empty section is not exported), unless its parts carry its name.
    fn keep_extra_part(&mut self, mut heading: String, body: std::ops::Range<usize>, named_by_parts: bool) {
        let body = read_block(&self.region(body.start, body.end));
        // "## Date: 12th March 2023": a labelled value written as a heading.
        let labelled = text::split_label(&heading)
            .filter(|(_, value)| !value.trim().is_empty())
            .and_then(|(label, value)| summary::field_for(&label).map(|field| (field, value.to_owned())));
        if let Some((field, value)) = labelled {
            let whole = heading.clone();
            self.fill(field, &value, &whole, false);
            heading.clear();
        }
        if heading.is_empty() && body.trim().is_empty() {
            return;
        }
        if heading.is_empty() {
            self.keep_unplaced(&body);
            return;
        }
        if body.trim().is_empty() {
            if !named_by_parts {
                self.keep_unplaced(&heading);
            }
            return;
        }
        self.report.extra_sections.push(ExtraSection { heading, body });
    }

    fn summary_zone(&self) -> Option<Zone> {
        [&self.start, &self.end]
            .into_iter()
            .flatten()
            .find_map(|w| w.when.and_then(|w| w.zone))
    }

    /// The year for dates written without one.
    /// "… a reboot notice on May 10, 2020 …": a summary told in prose that gives one date,
    /// with its year, gives the day of the times written without one.
    fn date_from_impact(&mut self) {
        let impact = &self.report.summary.impact;
        // Every date it writes is that one day: "From February 11 to February 25, 2026" gives two.
        let mut days: Vec<(u32, u32)> = Vec::new();
        let mut dated = None;
        for date in when::all_whens(impact).into_iter().filter_map(|w| w.date) {
            days.push((date.month, date.day));
            if !date.ambiguous {
                dated = dated.or(date.with_year(None));
            }
        }
        days.sort_unstable();
        days.dedup();
        if let (Some(date), 1) = (dated, days.len()) {
            self.doc_date = Some((date, String::new()));
            self.note(format!(
                "Times without a date were read on {}, the one date the summary gives.",
                date.format("%-d %B %Y")
            ));
        }
    }

    fn year(&self) -> Option<i32> {
        self.start
            .as_ref()
            .and_then(|w| w.when)
            .and_then(|w| w.date)
            .and_then(|d| d.year)
            .or(self.doc_date.as_ref().map(|(d, _)| d.year()))
    }
}

// The timeline entries wait until the summary has been read: their date and zone may come
// from it, and the summary's may come from them.
impl Importer<'_> {
    fn finish(mut self) -> Imported {
        if self.start.is_none() && self.end.is_none() && self.impact_is_prose {
            let impact = self.report.summary.impact.clone();
            if let Some((start, end)) = when::find_range(&impact) {
                self.start = Some(Written::found_in(&impact, start));
                self.end = Some(Written::found_in(&impact, end));
                self.note("The start and end of the incident were read from the summary's text.");
                // "From 6:00 a.m. to 12:16 p.m. GMT+1, January 14, 2020, …": a date written
                // beside the range is its date.
                if start.date.is_none() && end.date.is_none() && self.doc_date.is_none() {
                    // Beside it: within a line's length, or in the same sentence ("On
                    // 02-15-2022, the site was down for half an hour, from 7:00 to 7:30").
                    let sentence = text::sentences(&impact)
                        .into_iter()
                        .find(|r| r.contains(&start.start))
                        .unwrap_or(start.start..end.end);
                    let near = |w: &When| {
                        (w.start + 60 >= start.start && w.start <= end.end + 60) || sentence.contains(&w.start)
                    };
                    let date = when::all_whens(&impact)
                        .into_iter()
                        .filter(|w| w.clock.is_none() && near(w))
                        .find_map(|w| w.date.and_then(|d| d.with_year(None)));
                    self.doc_date = date.map(|date| (date, String::new()));
                }
            }
        }
        if self.start.is_none() && self.end.is_none() && self.impact_is_prose {
            self.window_from_story();
        }
        if self.doc_date.is_none() && self.impact_is_prose {
            self.date_from_impact();
        }
        let summary_date = self.summary_date();
        let summary_zone = self.summary_zone().or(self.doc_zone);
        let entries = std::mem::take(&mut self.pending_timeline);
        let first_zone = entries.iter().find_map(|e| e.zone);
        let first_date = entries.iter().find_map(|e| e.date);
        let zone = summary_zone.or(first_zone);
        self.note_abbreviation(summary_zone);
        if summary_date.or(first_date).is_none() && self.doc_date.is_none() {
            self.date_from_title(&entries);
        }
        let date = summary_date.or(first_date).or(self.doc_date.as_ref().map(|(d, _)| *d));
        self.resolve_summary(date, zone);
        let start_date = self
            .report
            .summary
            .started_at
            .as_ref()
            .and_then(Moment::exact)
            .map(|s| s.date_naive());
        self.resolve_timeline(entries, start_date.or(date), zone, start_date.is_some());
        self.window_from_markers();
        if let Some(zone) = zone.or(first_zone) {
            let summary = &self.report.summary;
            let exact = [&summary.started_at, &summary.ended_at]
                .into_iter()
                .flatten()
                .any(|m| m.exact().is_some())
                || self
                    .report
                    .timeline
                    .iter()
                    .any(|e| e.time.as_ref().and_then(Moment::exact).is_some());
            if exact {
                // A seasonal zone ("PST/PDT") is shown as its offset on the incident's day.
                let offset = start_date.or(date).map_or(zone.offset, |day| zone.offset_on(day));
                self.report.summary.timezone = Some(timezone_label(offset));
            }
        }
        self.settle_measures();
        self.settle_summary();
        if let Some((date, line)) = self.doc_date.take() {
            let start = self.report.summary.started_at.as_ref().and_then(Moment::exact);
            if start.map(|s| s.date_naive()) != Some(date) {
                self.keep_unplaced(&line);
            }
        }
        if self.report.title.trim() == UNTITLED {
            self.report.title.clear();
        }
        if self
            .report
            .lessons_learned
            .as_ref()
            .is_some_and(LessonsLearned::is_empty)
        {
            self.report.lessons_learned = None;
        }
        if !self.answered.is_empty() {
            let questions: Vec<String> = self.answered.iter().map(|q| format!("“{q}”")).collect();
            self.note(format!(
                "The report answers its template's questions; the answers were read into the fields they ask for: {}.",
                questions.join(", ")
            ));
        }
        if !self.unplaced.is_empty() {
            let count = self.unplaced.len();
            self.note(format!(
                "{count} passage{} that fit no field {} kept in the section “{UNPLACED}”.",
                plural(count),
                was_were(count)
            ));
            self.report.extra_sections.push(ExtraSection {
                heading: UNPLACED.to_owned(),
                body: self.unplaced.join("\n\n"),
            });
        }
        self.join_wrapped_lines();
        Imported {
            report: self.report,
            notes: self.notes,
            regenerated: self.regenerated,
        }
    }

    /// A report hard-wrapped at 80 columns would fill the form's text boxes with sentences cut
    /// in half; its paragraphs are joined, which the preview and export show the same.
    fn join_wrapped_lines(&mut self) {
        let Some(width) = unwrap::wrap_width(self.source, &self.blocks) else {
            return;
        };
        let report = &mut self.report;
        let rcr = &mut report.root_cause_and_resolution;
        let lessons = report
            .lessons_learned
            .iter_mut()
            .flat_map(|l| l.went_well.iter_mut().chain(&mut l.went_wrong).chain(&mut l.got_lucky));
        let fields = [
            &mut report.summary.impact,
            &mut report.summary.root_cause,
            &mut rcr.root_cause,
            &mut rcr.trigger,
            &mut rcr.resolution,
        ]
        .into_iter()
        .chain(&mut rcr.contributing_factors)
        .chain(report.timeline.iter_mut().map(|e| &mut e.text))
        .chain(lessons)
        .chain(report.extra_sections.iter_mut().map(|s| &mut s.body));
        let mut joined = 0;
        for field in fields {
            if let Some(one_line) = unwrap::unwrap_paragraphs(field, width) {
                *field = one_line;
                joined += 1;
            }
        }
        if joined > 0 {
            self.note(format!(
                "The report's lines were wrapped at {width} characters; the paragraphs of {joined} field{} were joined into one line each.",
                plural(joined)
            ));
        }
    }

    /// "May 30th, 2019 Prow flakiness": with no date anywhere else, the title's full date is
    /// the day of the times written without one. A title's date is most often the incident's;
    /// the note says where it came from, so that a publication date can be spotted.
    fn date_from_title(&mut self, entries: &[DraftEntry]) {
        let clock = |when: &Option<When>| when.is_some_and(|w| w.clock.is_some());
        let undated = entries.iter().any(|e| clock(&e.when))
            || [&self.start, &self.end].into_iter().flatten().any(|w| clock(&w.when));
        if !undated {
            return;
        }
        let mut dates = when::all_whens(&self.report.title)
            .into_iter()
            .filter_map(|w| w.date.filter(|d| d.year.is_some()));
        if let (Some(date), None) = (dates.next(), dates.next()) {
            if let Some(date) = date.with_year(None) {
                self.doc_date = Some((date, String::new()));
                self.dated_by_title = true;
                self.note(format!(
                    "Times written without a date were read on {date}, the date in the title."
                ));
            }
        }
    }
}

fn resolve(written: &Written, date: Option<NaiveDate>, zone: Option<Zone>, year: Option<i32>) -> Moment {
    let Some(when) = written.when else {
        return Moment::AsWritten(written.text.clone());
    };
    let own_date = when.date.and_then(|d| d.with_year(year));
    match when.exact(own_date.or(date), zone) {
        Some(at) => Moment::Exact(at),
        None if written.text.trim().is_empty() => Moment::AsWritten(String::new()),
        None => Moment::AsWritten(written.text.trim().to_owned()),
    }
}

fn append(field: &mut String, text: &str, separator: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if !field.trim().is_empty() {
        field.push_str(separator);
    }
    field.push_str(text);
}

fn strip_list_marker(line: &str) -> &str {
    let line = line.trim_start();
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return rest.trim_start();
        }
    }
    line
}

/// A table cell as text: without the surrounding pipes and spaces.
fn clean_cell(raw: &str) -> String {
    raw.trim().trim_matches('|').trim().to_owned()
}

/// Removes up to `columns` spaces from the start of every line after the first.
fn dedent(text: &str, columns: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.lines().enumerate() {
        if n > 0 {
            out.push('\n');
            let spaces = line.len() - line.trim_start_matches(' ').len();
            out.push_str(&line[spaces.min(columns)..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Text without blank lines at either end (the first line keeps its indentation).
fn trim_blank_lines(text: &str) -> &str {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            start += line.len();
        } else {
            break;
        }
    }
    text[start..].trim_end()
}

/// "was" for one, "were" for more, as a note says of what it counts.
fn was_were(n: usize) -> &'static str {
    if n == 1 {
        "was"
    } else {
        "were"
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests;
