//! Root cause and resolution, corrective measures (improvements and tasks, with owners and due
//! dates), lessons learned and images.

use super::outline::{Block, Body, Span};
use super::sections::{self, Group, Kind, Lesson, Section};
use super::summary::{asked_field, field_for, Field};
use super::text::{self, clean_phrase, split_label, strip_wrapper, words};
use super::when;
use super::{append, clean_cell, dedent, strip_list_marker, trim_blank_lines, Importer};
use crate::markdown::{read_block, read_paragraph};
use crate::model::{CorrectiveTask, DueDate, LessonsLearned, Priority, TaskStatus, TaskType};

impl Importer<'_> {
    /// Root cause and resolution. A section under a heading of its own is taken whole; a
    /// combined one is split by its labels, or else by which paragraphs talk about the fix.
    pub(super) fn read_cause(&mut self, section: &Section) {
        let body = self.region(section.body.start, section.body.end);
        if body.trim().is_empty() {
            return;
        }
        let labelled = section
            .blocks
            .clone()
            .any(|i| self.cause_label(&self.blocks[i]).is_some());
        if !labelled {
            let text = read_block(&body);
            match section.kind {
                Kind::Resolution => self.add_resolution(&text),
                Kind::RootCause if section.nested_in_rca => self.add_root_cause(&text),
                _ => self.split_cause_and_fix(section, &text),
            }
            return;
        }
        let mut target = if section.kind == Kind::Resolution {
            Field::Resolution
        } else {
            Field::RootCause
        };
        let mut label_depth = 0;
        let mut skip_until = 0;
        for index in section.blocks.clone() {
            let block = self.blocks[index].clone();
            if block.range.start < skip_until {
                continue;
            }
            if let Some((field, value)) = self.cause_label(&block) {
                // A question read as the label: the note of answered questions names it.
                if let Some((question, _)) = text::question_and_answer(&self.own_text(&block)) {
                    if !self.answered.iter().any(|q| q == question) {
                        self.answered.push(question.to_owned());
                    }
                }
                target = field;
                label_depth = block.depth();
                // "Root Cause: …" then "Resolution: …" on the next line of one paragraph.
                let mut part = String::new();
                for line in value.lines() {
                    let next = split_label(line).and_then(|(label, rest)| match field_for(&label)? {
                        field @ (Field::RootCause | Field::Resolution | Field::Trigger) => Some((field, rest)),
                        _ => None,
                    });
                    match next {
                        Some((field, rest)) => {
                            if !part.trim().is_empty() {
                                self.add_cause_text(target, &read_paragraph(&part));
                            }
                            (target, part) = (field, rest.to_owned());
                        }
                        None => append(&mut part, line, "\n"),
                    }
                }
                if !part.trim().is_empty() {
                    self.add_cause_text(target, &read_paragraph(&part));
                }
                continue;
            }
            if block.is_only_images() {
                self.report.images.extend(block.images.iter().cloned());
                continue;
            }
            let text = match block.body {
                Body::Item { depth, .. } if depth > label_depth && label_depth > 0 => {
                    // An item under a label: its text, and its own nested items with it.
                    skip_until = block.range.end;
                    read_block(&dedent(self.raw(&block.range), 2 * (depth - 1)))
                        .trim_start_matches(['-', '*', '+', ' '])
                        .to_owned()
                }
                Body::Item { depth, .. } => {
                    skip_until = block.range.end;
                    read_block(&dedent(self.raw(&block.range), 2 * (depth - 1)))
                }
                _ => read_block(trim_blank_lines(self.raw(&block.range))),
            };
            self.add_cause_text(target, &text);
        }
    }

    pub(super) fn cause_label(&self, block: &Block) -> Option<(Field, String)> {
        if !matches!(block.body, Body::Paragraph | Body::Item { .. }) {
            return None;
        }
        let text = self.own_text(block);
        // "Explain in detail what was causing the issue?" over its answer: a label too.
        if let Some((question, answer)) = text::question_and_answer(&text).filter(|_| block.body == Body::Paragraph) {
            if let Some(field @ (Field::RootCause | Field::Resolution)) = asked_field(question) {
                return Some((field, answer));
            }
        }
        let (label, value) = split_label(&text).or_else(|| sentence_label(&text))?;
        match field_for(&label)? {
            field @ (Field::RootCause | Field::Resolution | Field::Trigger) => Some((field, value.to_owned())),
            _ => None,
        }
    }

    pub(super) fn add_cause_text(&mut self, field: Field, text: &str) {
        match field {
            Field::Resolution => self.add_resolution(text),
            Field::Trigger => append(
                &mut self.report.root_cause_and_resolution.trigger,
                text.trim_matches('\n'),
                "\n\n",
            ),
            _ => self.add_root_cause(text),
        }
    }

    pub(super) fn add_root_cause(&mut self, text: &str) {
        append(
            &mut self.report.root_cause_and_resolution.root_cause,
            text.trim_matches('\n'),
            "\n\n",
        );
    }

    pub(super) fn add_resolution(&mut self, text: &str) {
        append(
            &mut self.report.root_cause_and_resolution.resolution,
            text.trim_matches('\n'),
            "\n\n",
        );
    }

    /// A section that mixes cause and fix without labels: paragraphs from the first one about
    /// the fix (other than the first) are the resolution; in a single paragraph, the sentences
    /// about the fix are.
    pub(super) fn split_cause_and_fix(&mut self, section: &Section, text: &str) {
        let paragraphs: Vec<&str> = text.split("\n\n").collect();
        if let Some(first_fix) = (1..paragraphs.len()).find(|&i| text::is_about_the_fix(paragraphs[i])) {
            self.add_root_cause(&paragraphs[..first_fix].join("\n\n"));
            self.add_resolution(&paragraphs[first_fix..].join("\n\n"));
            self.note(format!(
                "The resolution was taken from the paragraphs of “{}” that describe the fix.",
                section.heading.as_deref().unwrap_or("Root Cause")
            ));
            return;
        }
        let is_text = |p: &&str| !p.trim_start().starts_with("![");
        let prose: Vec<&str> = paragraphs.iter().copied().filter(is_text).collect();
        if prose.len() == 1 && self.report.root_cause_and_resolution.resolution.is_empty() {
            let others: Vec<&str> = paragraphs.iter().copied().filter(|p| !is_text(p)).collect();
            let text = prose[0];
            let ranges = text::sentences(text);
            let (mut cause, mut fix) = (Vec::new(), Vec::new());
            for (n, range) in ranges.iter().enumerate() {
                let sentence = text[range.clone()].trim();
                if n > 0 && text::is_about_the_fix(sentence) {
                    fix.push(sentence);
                } else {
                    cause.push(sentence);
                }
            }
            if !fix.is_empty() && !cause.is_empty() {
                self.add_root_cause(&cause.join(" "));
                for other in others {
                    self.add_root_cause(other);
                }
                self.add_resolution(&fix.join(" "));
                self.note(format!(
                    "The resolution was taken from the sentences of “{}” that describe the fix.",
                    section.heading.as_deref().unwrap_or("Root Cause")
                ));
                return;
            }
        }
        self.add_root_cause(text);
    }

    pub(super) fn read_measures(&mut self, section: &Section, group: Group) {
        let mut group = group;
        if group == Group::Tasks {
            self.explicit_tasks = true;
        }
        let mut label_depth: Option<usize> = None;
        let mut base_depth: Option<usize> = None;
        let blocks = self.text_blocks(section);
        // Measures written as paragraphs, with no list or table among them: a paragraph each.
        // (Beside a list, a paragraph is what the list is for, or an aside.)
        // A template's question and its answer ("What could be improved?") is not one.
        let is_measure = |text: &str| !text::frames_a_list(text.lines().next().unwrap_or_default());
        let as_paragraphs = blocks.iter().all(|b| match &b.body {
            Body::Paragraph => text::line_items(&self.own_text(b)).is_none(),
            Body::Heading { .. } => true,
            _ => false,
        }) && blocks
            .iter()
            .filter(|b| b.body == Body::Paragraph && is_measure(&self.own_text(b)))
            .count()
            >= 2;
        for block in blocks {
            match &block.body {
                Body::Paragraph if text::question_and_answer(&self.own_text(&block)).is_some() => {
                    let text = self.own_text(&block);
                    self.answer_measures(group, &text);
                }
                Body::Heading { .. } | Body::Paragraph => {
                    let text = self.own_text(&block);
                    let bare = strip_list_marker(&text);
                    match sections::group_label(bare) {
                        Some(g) => {
                            group = g;
                            if g == Group::Tasks {
                                self.explicit_tasks = true;
                            }
                            label_depth = None;
                            base_depth = None;
                        }
                        None if block.body == Body::Paragraph && as_paragraphs && is_measure(&text) => {
                            self.push_measure(group, &text, None)
                        }
                        None if block.body == Body::Paragraph => self.paragraph_measures(group, &block, &text),
                        None => {
                            let raw = self.raw(&block.range).to_owned();
                            self.keep_unplaced(&raw);
                        }
                    }
                }
                Body::Item { depth, task } => {
                    let text = self.own_text(&block);
                    let label = split_label(&text);
                    let label_group = label
                        .as_ref()
                        .and_then(|(l, _)| sections::group_label(l).or_else(|| sections::group_label(&text)));
                    if let (Some(g), Some((_, value))) = (label_group, &label) {
                        group = g;
                        if g == Group::Tasks {
                            self.explicit_tasks = true;
                        }
                        label_depth = Some(*depth);
                        base_depth = None;
                        // "Tasks:" with the tasks on the lines after it, in the same item.
                        for item in text::line_items(value).unwrap_or_else(|| vec![value.trim()]) {
                            if !item.is_empty() {
                                self.push_measure(group, item, task.map(TaskStatus::from_checked));
                            }
                        }
                        continue;
                    }
                    if label_depth.is_some_and(|d| *depth <= d) {
                        label_depth = None;
                        base_depth = None;
                    }
                    // "1. **Flowchart:**" over a diagram: a caption for what follows, not a measure.
                    if label.as_ref().is_some_and(|(_, value)| value.trim().is_empty())
                        && text.trim_end().ends_with([':', '*'])
                    {
                        self.keep_unplaced(&text);
                        continue;
                    }
                    let base = *base_depth.get_or_insert(*depth);
                    match self.measures.last_mut() {
                        Some(last) if *depth > base => append(&mut last.text, &read_paragraph(&text), "\n"),
                        _ => self.push_measure(group, &text, task.map(TaskStatus::from_checked)),
                    }
                }
                Body::Table { rows } => self.read_measure_table(rows, group),
                _ => {
                    let raw = self.raw(&block.range).to_owned();
                    self.keep_unplaced(&raw);
                }
            }
        }
    }

    /// A paragraph in a list of measures written one measure a line, without list markers. A
    /// paragraph of prose (often what the list is for) and a line that introduces the list or
    /// sums it up are kept in "Unplaced".
    /// "What could be improved?" over the author's answer: the measures the question asks
    /// for. An answer that says nothing ("See above") is kept unplaced.
    fn answer_measures(&mut self, group: Group, text: &str) {
        let Some((question, answer)) = text::question_and_answer(text) else {
            return;
        };
        if text::is_non_answer(&answer) {
            self.keep_unplaced(text);
            return;
        }
        let said = words(question);
        let asks = |keys: &[&str]| keys.iter().any(|k| said.contains(&format!(" {k} ")));
        let group = if asks(&["task", "tasks", "todo", "action items"]) {
            Group::Tasks
        } else if asks(&["improved", "improve", "improvements", "fixed", "better"]) {
            Group::Improvements
        } else {
            group
        };
        self.answered.push(question.to_owned());
        for item in text::line_items(&answer).unwrap_or_else(|| vec![answer.as_str()]) {
            self.push_measure(group, item, None);
        }
    }

    fn paragraph_measures(&mut self, group: Group, block: &Block, text: &str) {
        let Some(items) = text::line_items(text) else {
            let raw = self.raw(&block.range).to_owned();
            self.keep_unplaced(&raw);
            return;
        };
        for item in items {
            if text::frames_a_list(item) {
                self.keep_unplaced(item);
            } else {
                self.push_measure(group, item, None);
            }
        }
    }

    pub(super) fn push_measure(&mut self, group: Group, text: &str, status: Option<TaskStatus>) {
        // "TODO: …" is a task to do, in whichever list it stands.
        let (group, text) = match text.get(..5).filter(|p| p.eq_ignore_ascii_case("todo:")) {
            Some(_) => (Group::Tasks, text[5..].trim_start()),
            None => (group, text),
        };
        self.measures.push(Measure {
            group,
            text: read_paragraph(text),
            status,
            table: false,
        });
    }

    /// The list a table belongs to when its first column is headed as one ("Action Item").
    pub(super) fn measure_table_group(&self, rows: &[Vec<Span>]) -> Option<Group> {
        let first = rows.first()?.first()?;
        sections::group_label(&clean_cell(self.raw(first)))
    }

    /// A table of action items: one task a row, with the owner and status columns read.
    pub(super) fn read_measure_table(&mut self, rows: &[Vec<Span>], group: Group) {
        let Some((header, rows)) = rows.split_first() else {
            return;
        };
        let names: Vec<String> = header.iter().map(|c| words(&clean_phrase(self.raw(c)))).collect();
        let is = |n: &String, keys: &[&str]| keys.iter().any(|k| n.contains(&format!(" {k} ")));
        let owner_col = names
            .iter()
            .position(|n| is(n, &["owner", "assignee", "who", "responsible", "dri"]));
        let due_col = names.iter().position(|n| is(n, &["due", "deadline", "eta"]));
        let text_col = names
            .iter()
            .position(|n| is(n, &["action", "item", "task", "description", "what"]))
            .unwrap_or(0);
        // "| # | Action |" numbering 1, 2, 3…: the list's own order says it.
        let numbering = (0..header.len()).find(|&i| {
            let name = clean_phrase(self.raw(&header[i]));
            matches!(name.trim(), "#" | "No." | "No" | "Nr" | "")
                && rows.iter().enumerate().all(|(n, row)| {
                    row.get(i)
                        .is_some_and(|c| clean_cell(self.raw(c)) == (n + 1).to_string())
                })
        });
        for row in rows {
            let cell = |i: usize| row.get(i).map(|c| clean_cell(self.raw(c))).unwrap_or_default();
            let mut text = cell(text_col);
            let mut status = None;
            let mut details = Vec::new();
            let mut extra_lines = Vec::new();
            for (i, name) in header.iter().enumerate() {
                let value = cell(i);
                if i == text_col || [owner_col, due_col, numbering].contains(&Some(i)) || value.is_empty() {
                    continue;
                }
                let read = match words(&clean_phrase(&value)).trim() {
                    "done" | "completed" | "complete" | "closed" | "fixed" => Some(TaskStatus::Done),
                    "in progress" | "ongoing" | "started" | "wip" => Some(TaskStatus::InProgress),
                    "todo" | "to do" | "open" | "not started" => Some(TaskStatus::Open),
                    "won t do" | "wont do" | "wontfix" | "won t fix" | "cancelled" | "canceled" => {
                        Some(TaskStatus::WontDo)
                    }
                    _ => None,
                };
                let column = clean_phrase(self.raw(name));
                // A status the task's box shows, or a priority, type or ticket it has a field
                // for, is said once, there.
                if read.is_some() && is(&names[i], &["status", "state", "done"]) {
                    status = read;
                } else if let Some(field) = task_field(&names[i], &value) {
                    extra_lines.push(format!("{}: {value}", field.label()));
                } else {
                    status = read.or(status);
                    details.push(format!("{column}: {value}"));
                }
            }
            if !details.is_empty() {
                append(&mut text, &format!("({})", details.join("; ")), " ");
            }
            let mut lines = vec![text];
            if let Some(owner) = owner_col.map(cell).filter(|o| !o.is_empty()) {
                lines.push(format!("Owner: {owner}"));
            }
            if let Some(due) = due_col.map(cell).filter(|d| !d.is_empty()) {
                lines.push(format!("Due: {due}"));
            }
            lines.extend(extra_lines);
            self.measures.push(Measure {
                group: if group == Group::Improvements {
                    group
                } else {
                    Group::Tasks
                },
                text: lines.join("\n"),
                status,
                table: true,
            });
        }
        if group != Group::Improvements {
            self.explicit_tasks = true;
        }
    }

    pub(super) fn read_lessons(&mut self, section: &Section, part: Option<Lesson>) {
        let Some(part) = part else {
            if self.read_labelled_parts(section) || self.read_status_points(section) {
                return;
            }
            // Text directly under "Lessons Learned", outside its three parts.
            if section
                .blocks
                .clone()
                .any(|i| !matches!(self.blocks[i].body, Body::Other))
            {
                self.keep_extra(section);
            }
            return;
        };
        let (items, leftover) = self.points(section);
        let lessons = self.report.lessons_learned.get_or_insert_with(LessonsLearned::default);
        let items = items.iter().map(|item| one_line(item));
        match part {
            Lesson::WentWell => lessons.went_well.extend(items),
            Lesson::WentWrong => lessons.went_wrong.extend(items),
            Lesson::GotLucky => lessons.got_lucky.extend(items),
        }
        for text in leftover {
            self.keep_unplaced(&text);
        }
    }

    /// "**TODO**: monitor systemd", "**DONE**: added the wiki to monitoring": points that open
    /// with where they stand are tasks, in whatever section they are written; the rest of the
    /// section stays under its heading. Returns whether there were any.
    fn read_status_points(&mut self, section: &Section) -> bool {
        let points: Vec<(String, String, bool)> = self.blocks[section.blocks.clone()]
            .iter()
            .map(|block| {
                let point = matches!(block.body, Body::Paragraph | Body::Item { depth: 1, .. });
                (self.own_text(block), self.raw(&block.range).trim().to_owned(), point)
            })
            .collect();
        let led = |(text, _, point): &(String, String, bool)| *point && status_lead(text).is_some();
        if !points.iter().any(led) {
            return false;
        }
        let mut kept = Vec::new();
        for point in &points {
            match status_lead(&point.0).filter(|_| led(point)) {
                Some((status, rest)) => self.push_measure(Group::Tasks, rest, Some(status)),
                None => kept.push(point.1.clone()),
            }
        }
        let kept = kept.join("\n\n");
        if !kept.trim().is_empty() {
            self.keep_under(section, &kept);
        }
        true
    }

    /// Text kept as written: under the section's heading, or unplaced when it has none.
    fn keep_under(&mut self, section: &Section, text: &str) {
        match &section.heading {
            Some(heading) => self.report.extra_sections.push(crate::model::ExtraSection {
                heading: heading.clone(),
                body: read_block(text),
            }),
            None => self.keep_unplaced(text),
        }
    }

    /// A section's points, one per list item (nested items joined to theirs) or paragraph, and
    /// the blocks that are neither (tables, code), to be kept as written.
    fn points(&self, section: &Section) -> (Vec<String>, Vec<String>) {
        let mut items: Vec<String> = Vec::new();
        let mut leftover = Vec::new();
        for index in section.blocks.clone() {
            let block = &self.blocks[index];
            match block.body {
                Body::Item { depth: 1, .. } => {
                    let text = read_paragraph(&self.own_text(block));
                    if !text.is_empty() {
                        items.push(text);
                    }
                }
                Body::Item { .. } => {
                    if let Some(last) = items.last_mut() {
                        append(last, &read_paragraph(&self.own_text(block)), "\n");
                    }
                }
                // "### What went well" over "Not much.": a point written as a paragraph.
                Body::Paragraph => items.push(read_paragraph(&self.own_text(block))),
                _ => leftover.push(self.raw(&block.range).to_owned()),
            }
        }
        (items, leftover)
    }

    /// "## Trigger": the change or event that set the failure off, a field of its own.
    pub(super) fn read_trigger(&mut self, section: &Section) {
        let text = read_block(&self.region(section.body.start, section.body.end));
        append(
            &mut self.report.root_cause_and_resolution.trigger,
            text.trim_matches('\n'),
            "\n\n",
        );
    }

    /// "## Contributing Factors": a list of one-line points; written as prose, it is more of
    /// the root cause.
    pub(super) fn read_factors(&mut self, section: &Section) {
        let listed = section
            .blocks
            .clone()
            .any(|i| matches!(self.blocks[i].body, Body::Item { .. }));
        if !listed {
            return self.read_cause(section);
        }
        let (points, leftover) = self.points(section);
        let factors = &mut self.report.root_cause_and_resolution.contributing_factors;
        factors.extend(points.iter().map(|point| one_line(point)));
        for text in leftover {
            self.keep_unplaced(&text);
        }
    }

    /// "- **What went well:**" with the points nested under it, "- **Preventative
    /// measures:**" with the measures: list items that are labels act as the part headings.
    /// False, reading nothing, when no item is such a label.
    fn read_labelled_parts(&mut self, section: &Section) -> bool {
        let part_of = |text: &str| {
            text::split_label(text)
                .filter(|(_, value)| value.trim().is_empty())
                .and_then(|(label, _)| sections::classify(&label))
                .filter(|kind| matches!(kind, Kind::Lessons(Some(_)) | Kind::Measures(_)))
        };
        let blocks: Vec<Block> = self.blocks[section.blocks.clone()].to_vec();
        let labels = blocks
            .iter()
            .filter(|b| matches!(b.body, Body::Item { depth: 1, .. }) && part_of(&self.own_text(b)).is_some())
            .count();
        if labels == 0 {
            return false;
        }
        let mut part: Option<Kind> = None;
        for block in &blocks {
            let text = self.own_text(block);
            match (&block.body, part) {
                (Body::Item { depth: 1, .. }, _) => {
                    part = part_of(&text);
                    if part.is_none() {
                        self.keep_unplaced(&text);
                    }
                }
                (Body::Item { .. }, Some(Kind::Lessons(Some(lesson)))) => {
                    let item = one_line(&read_paragraph(&text));
                    let lessons = self.report.lessons_learned.get_or_insert_with(LessonsLearned::default);
                    match lesson {
                        Lesson::WentWell => lessons.went_well.push(item),
                        Lesson::WentWrong => lessons.went_wrong.push(item),
                        Lesson::GotLucky => lessons.got_lucky.push(item),
                    }
                }
                (Body::Item { .. }, Some(Kind::Measures(group))) => self.push_measure(group, &text, None),
                _ => {
                    let raw = self.raw(&block.range).to_owned();
                    self.keep_unplaced(&raw);
                }
            }
        }
        true
    }

    /// A section of images ("## Graphs"): the images go to the report's images; text beside
    /// them (captions, or prose under a heading that only sounds like images) stays a section
    /// under its heading.
    pub(super) fn read_images(&mut self, section: &Section) {
        let text: Vec<String> = self
            .text_blocks(section)
            .iter()
            .map(|block| self.raw(&block.range).trim().to_owned())
            .collect();
        if !text.is_empty() {
            self.keep_under(section, &text.join("\n\n"));
        }
    }

    /// Measures from a list with no heading of their own are tasks, unless the report lists
    /// its tasks separately, in which case they are the improvements.
    pub(super) fn settle_measures(&mut self) {
        let explicit_tasks = self.explicit_tasks;
        let mut guessed = None;
        for measure in std::mem::take(&mut self.measures) {
            let as_task = match measure.group {
                Group::Tasks => true,
                Group::Improvements => false,
                Group::Any => {
                    guessed = Some(!explicit_tasks);
                    !explicit_tasks
                }
            };
            if as_task || measure.status.is_some() || measure.table {
                self.report.measures.tasks.push(one_line_task(read_task(
                    &measure.text,
                    measure.status.unwrap_or_default(),
                )));
            } else {
                self.report.measures.improvements.push(one_line(&measure.text));
            }
        }
        match guessed {
            Some(true) => self.note("Measures listed without a Tasks or Improvements heading were read as tasks."),
            Some(false) => {
                self.note("Measures listed without a heading were read as improvements, as the tasks are listed apart.")
            }
            None => {}
        }
    }
}

/// A measure before it is known whether an unlabelled list holds tasks or improvements.
pub(super) struct Measure {
    pub(super) group: Group,
    pub(super) text: String,
    pub(super) status: Option<TaskStatus>,
    pub(super) table: bool,
}

/// Where a point says it stands, and the rest: "**TODO**: …", "DONE: …", "**DOING** …",
/// "Action point: …".
fn status_lead(text: &str) -> Option<(TaskStatus, &str)> {
    let text = text.trim_start();
    let (label, rest) = match strip_wrapper(text) {
        Some((inner, rest)) => (inner.trim().trim_end_matches(':').trim_end(), rest),
        None => {
            let (label, rest) = text.split_once(':')?;
            let label = label.trim();
            // Without emphasis, only capitals mark a status: "Done: …" may be prose.
            let named = matches!(label.to_ascii_lowercase().as_str(), "action point" | "action item");
            if !named && !label.bytes().all(|b| b.is_ascii_uppercase() || b == b' ') {
                return None;
            }
            (label, rest)
        }
    };
    let status = match label.to_ascii_lowercase().as_str() {
        "todo" | "to do" | "action point" | "action item" => TaskStatus::Open,
        "doing" | "in progress" | "wip" | "ongoing" => TaskStatus::InProgress,
        "done" | "fixed" | "completed" => TaskStatus::Done,
        "won't do" | "wont do" | "won't fix" => TaskStatus::WontDo,
        _ => return None,
    };
    let rest = rest.trim_start().strip_prefix(':').unwrap_or(rest).trim();
    (!rest.is_empty()).then_some((status, rest))
}

/// A task's owner and due date, from our export's tail (`— **Owner:** X · **Due:** D`) or
/// from lines and phrases such as `Owner: @amina` and `Due: 22 July 2026`.
pub(super) fn read_task(text: &str, status: TaskStatus) -> CorrectiveTask {
    let mut task = CorrectiveTask {
        status,
        ..Default::default()
    };
    let mut body = text.to_owned();
    if let Some(at) = body.rfind(" — **Owner:** ").or_else(|| body.rfind(" — **Due:** ")) {
        let tail = body[at + " — ".len()..].to_owned();
        let parts: Vec<Option<(String, String)>> = tail
            .split(" · ")
            .map(|p| split_label(p).map(|(l, v)| (l, v.to_owned())))
            .collect();
        if parts
            .iter()
            .all(|p| matches!(p, Some((l, _)) if l == "owner" || l == "due"))
        {
            for (label, value) in parts.into_iter().flatten() {
                if label == "owner" {
                    task.owner = Some(value);
                } else {
                    task.due = Some(DueDate::parse(&value));
                }
            }
            body.truncate(at);
            task.text = body;
            return task;
        }
    }
    let mut lines = Vec::new();
    for line in body.lines() {
        let mut line = line.to_owned();
        if let Some((label, value)) = split_label(&line) {
            let value = value.trim();
            if matches!(label.as_str(), "owner" | "owners" | "assignee" | "responsible" | "dri") && task.owner.is_none()
            {
                task.owner = Some(value.to_owned());
                continue;
            }
            match task_field(&format!(" {label} "), value) {
                Some(TaskField::Priority) if task.priority.is_none() => {
                    task.priority = Priority::from_name(value);
                    continue;
                }
                Some(TaskField::Type) if task.kind.is_none() => {
                    task.kind = TaskType::from_name(value);
                    continue;
                }
                Some(TaskField::Ticket) if task.ticket.is_none() => {
                    task.ticket = Some(value.to_owned());
                    continue;
                }
                _ => {}
            }
        }
        for label in ["Due date:", "Due:", "Deadline:", "ETA:"] {
            let lower = line.to_ascii_lowercase();
            if let Some(at) = lower.find(&label.to_ascii_lowercase()) {
                let at_boundary = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
                if at_boundary && task.due.is_none() {
                    let value = line[at + label.len()..].trim().trim_end_matches('.').trim();
                    task.due = Some(due_date(value));
                    line = line[..at]
                        .trim_end()
                        .trim_end_matches(['-', '\u{2014}', ',', ';'])
                        .trim_end()
                        .to_owned();
                    break;
                }
            }
        }
        if !line.trim().is_empty() {
            lines.push(line);
        }
    }
    task.text = lines.join("\n");
    task
}

/// A task's field that a column or a label of its own can give.
#[derive(Clone, Copy)]
enum TaskField {
    Priority,
    Type,
    Ticket,
}

impl TaskField {
    fn label(self) -> &'static str {
        match self {
            Self::Priority => "Priority",
            Self::Type => "Type",
            Self::Ticket => "Ticket",
        }
    }
}

/// The task field a column or label names, when its value fits it: the priority for `P1`,
/// the type for `prevent`, the ticket for `AUTH-88`. `name` is in [`words`] form.
fn task_field(name: &str, value: &str) -> Option<TaskField> {
    let is = |keys: &[&str]| keys.iter().any(|k| name.contains(&format!(" {k} ")));
    let value = value.trim();
    if is(&["priority", "prio"]) && Priority::from_name(value).is_some() {
        Some(TaskField::Priority)
    } else if is(&["type", "kind", "category"]) && TaskType::from_name(value).is_some() {
        Some(TaskField::Type)
    } else if is(&["ticket", "bug", "issue", "jira", "tracking"])
        && !value.is_empty()
        && !value.contains(char::is_whitespace)
    {
        Some(TaskField::Ticket)
    } else {
        None
    }
}

pub(super) fn due_date(value: &str) -> DueDate {
    match when::date_only(value) {
        Some(date) => DueDate::Date(date),
        None => DueDate::parse(value),
    }
}

/// Improvements, tasks, lessons and contributing factors are one line each in the editor, so an item written over
/// several lines ("**Patch the pool:**" then "Apply the new settings") reads as one.
pub(super) fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn one_line_task(task: CorrectiveTask) -> CorrectiveTask {
    CorrectiveTask {
        text: one_line(&task.text),
        ..task
    }
}

/// A bold sentence that names a part of a cause, as a formal report heads its paragraphs:
/// "**Root cause.** The table…", "5.1 **Direct cause.** The balancers…".
fn sentence_label(text: &str) -> Option<(String, &str)> {
    let line = text.trim_start();
    let line = text::clause_number(line).map_or(line, |n| &line[n..]);
    let (inner, rest) = strip_wrapper(line)?;
    let label = inner.trim().strip_suffix('.')?;
    (label.split_whitespace().count() <= 4 && (rest.is_empty() || rest.starts_with([' ', '\n'])))
        .then(|| (text::words(label).trim().to_owned(), rest.trim_start()))
}
