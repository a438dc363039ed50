//! The issue summary, and what comes before the first section: labelled lines and bullets
//! (`**Duration:** …`, `Start Time: …`, `root_cause: "…"`), values on the lines after their
//! label, and prose, from which a time range, a share of users and a root-cause sentence are read.

use chrono::{NaiveDate, TimeDelta};

use super::measures::one_line;
use super::outline::{Body, Span};
use super::sections::Section;
use super::text::{self, clean_phrase, split_label, unquote, words};
use super::when::{self, When, Zone};
use super::{append, clean_cell, resolve, Importer, Written, UNPLACED};
use crate::markdown::read_paragraph;
use crate::model::{Moment, Responder, Role, Severity};

impl Importer<'_> {
    /// The summary (or what comes before the first section): labelled lines fill fields;
    /// prose is the summary's impact text, or unplaced before the first section.
    pub(super) fn read_labelled(&mut self, section: &Section, is_summary: bool) {
        let mut pending: Option<(Field, usize, bool)> = None; // field, item depth, value was empty
        let mut lead = !is_summary;
        for block in self.text_blocks(section) {
            let first = std::mem::take(&mut lead) && block.body == Body::Paragraph;
            match &block.body {
                Body::Paragraph | Body::Item { .. } | Body::Heading { .. } => {}
                Body::Meta { text } => {
                    self.read_front_matter(text);
                    continue;
                }
                Body::Table { rows } => {
                    self.read_table(rows, &block.range);
                    continue;
                }
                _ => {
                    let raw = self.raw(&block.range).to_owned();
                    self.keep_unplaced(&raw);
                    continue;
                }
            }
            if block.body == Body::Paragraph {
                let text = self.own_text(&block);
                if let Some((field, answer)) = text::question_and_answer(&text)
                    .and_then(|(question, answer)| Some((asked_field(question)?, question, answer)))
                    .map(|(field, question, answer)| {
                        self.answered.push(question.to_owned());
                        (field, answer)
                    })
                {
                    self.fill(field, &answer, &answer, false);
                    pending = None;
                    continue;
                }
            }
            let depth = block.depth();
            // A `<br>` ends a line as a newline does: "Component: site<br> Duration: 15 hours".
            let lines: Vec<String> = if matches!(block.body, Body::Paragraph) {
                block
                    .lines
                    .iter()
                    .flat_map(|l| text::split_breaks(self.raw(l)))
                    .map(|l| l.trim_start().to_owned())
                    .collect()
            } else {
                vec![self.own_text(&block)]
            };
            let any_label = lines
                .iter()
                .any(|l| split_label(l).and_then(|(label, _)| field_for(&label)).is_some());
            if !any_label {
                let attached = match pending {
                    Some((_, label_depth, empty)) => depth > label_depth || empty,
                    None => false,
                };
                let text = lines.join("\n");
                match pending {
                    Some((field, _, _)) if attached => self.fill(field, unquote(&text), &text, true),
                    _ if is_summary => {
                        self.append_impact(&text);
                        self.impact_is_prose = true;
                    }
                    // "*Posted April 26 by Mirela Kovač*" above the lead: the next paragraph
                    // may still be it.
                    _ if first => lead = !self.read_lead(&text) && block.lines.len() == 1,
                    _ => self.read_preamble_line(&text),
                }
                if matches!(block.body, Body::Paragraph) {
                    pending = None;
                }
                continue;
            }
            for line in lines {
                if self.read_metadata_line(&line) {
                    pending = None;
                    continue;
                }
                match split_label(&line).and_then(|(label, value)| field_for(&label).map(|f| (f, value))) {
                    Some((field, value)) => {
                        let empty = value.trim().is_empty();
                        if !empty {
                            self.fill(field, unquote(value), &line, false);
                        }
                        pending = Some((field, depth, empty));
                    }
                    // "**Incident roles:**" over "- Duty manager / Incident Commander: Rhys Ode".
                    None if matches!(pending, Some((Field::Responders, d, empty)) if depth > d || empty) => {
                        if !self.read_responder_line(&line) {
                            self.keep_unplaced(&line);
                        }
                    }
                    // A label no field takes ("**Status:** …") ends the value above it.
                    None if split_label(&line).is_some_and(|(_, value)| !value.trim().is_empty()) => {
                        pending = None;
                        self.keep_unplaced(&line);
                    }
                    None => match pending {
                        Some((field, _, _)) => self.fill(field, unquote(&line), &line, true),
                        // A sentence beside the labels is the summary told in prose.
                        None if is_summary => {
                            self.append_impact(&line);
                            self.impact_is_prose = true;
                        }
                        None => self.read_preamble_line(&line),
                    },
                }
            }
        }
    }

    /// A table beside the summary: labels and values ("| **Detected** | 2021-03-05 23:27 |", as
    /// report headers are often laid out), or action items (as one-page templates have them);
    /// any other is kept unplaced.
    fn read_table(&mut self, rows: &[Vec<Span>], range: &Span) {
        if let Some(labelled) = self.label_rows(rows) {
            for row in labelled {
                let (label, value) = (clean_cell(self.raw(&row[0])), clean_cell(self.raw(&row[1])));
                let whole = format!("{label}: {value}");
                match split_label(&whole).and_then(|(label, _)| field_for(&label)) {
                    Some(field) => self.fill(field, &value, &whole, false),
                    None if !value.is_empty() || !label.is_empty() => self.keep_unplaced(&whole),
                    None => {}
                }
            }
        } else if let Some(group) = self.measure_table_group(rows) {
            self.read_measure_table(rows, group);
        } else {
            let raw = self.raw(range).to_owned();
            self.keep_unplaced(&raw);
        }
    }

    /// A two-column table whose first column is labels (bold, or a field's name): its rows of
    /// labels, without a header that only names the columns.
    fn label_rows<'r>(&self, rows: &'r [Vec<Span>]) -> Option<&'r [Vec<Span>]> {
        let is_label = |row: &Vec<Span>| {
            let label = clean_cell(self.raw(&row[0]));
            let bold = text::strip_wrapper(&label).is_some_and(|(_, rest)| rest.trim().is_empty());
            let named = split_label(&format!("{label}: x")).is_some_and(|(label, _)| field_for(&label).is_some());
            label.split_whitespace().count() <= 4 && (bold || named)
        };
        // A header with no text over two columns: a table of labels as other markup writes
        // one (a pasted document's `Status:<tab>Closed` lines).
        let unnamed = rows
            .first()
            .is_some_and(|header| header.len() == 2 && header.iter().all(|c| clean_cell(self.raw(c)).is_empty()));
        let rows = match rows.split_first() {
            Some((header, rest)) if unnamed || self.is_label_header(header) => rest,
            _ => rows,
        };
        let short = |row: &Vec<Span>| clean_cell(self.raw(&row[0])).split_whitespace().count() <= 4;
        let labelled = rows.iter().filter(|row| row.len() == 2 && is_label(row)).count();
        let all_short = unnamed && rows.iter().all(|row| row.len() == 2 && short(row));
        (rows.iter().all(|row| row.len() == 2) && labelled >= 2 && (labelled * 3 >= rows.len() * 2 || all_short))
            .then_some(rows)
    }

    /// "| Field | Value |": a header that names the columns of a table of labels.
    fn is_label_header(&self, header: &[Span]) -> bool {
        let name = |n: usize| {
            header
                .get(n)
                .map(|c| words(&clean_cell(self.raw(c))))
                .unwrap_or_default()
        };
        let (left, right) = (name(0), name(1));
        let names_labels = [
            " field ",
            " key ",
            " property ",
            " attribute ",
            " item ",
            " label ",
            " name ",
        ];
        let names_values = [
            " value ",
            " values ",
            " details ",
            " detail ",
            " description ",
            " info ",
        ];
        header.len() == 2 && names_labels.iter().any(|k| left == *k) && names_values.iter().any(|k| right == *k)
    }

    /// A line before the first section: a date the report is about, the metadata line of our
    /// own export, or text kept unplaced.
    pub(super) fn read_preamble_line(&mut self, line: &str) {
        if let Some(date) = when::date_only(&clean_phrase(line)) {
            self.doc_date = Some((date, line.to_owned()));
            return;
        }
        // "All times in PDT (UTC-7).": the zone of every time in the report. The line is
        // kept, since the zone is shown only where a time is exact.
        if let Some(zone) = super::timeline::zone_note(line).filter(|_| self.doc_zone.is_none()) {
            self.doc_zone = Some(zone);
            self.note(format!("The report's timezone was taken from “{}”.", line.trim()));
        }
        if self.read_metadata_line(line) {
            return;
        }
        self.keep_unplaced(line);
    }

    /// The first paragraph under the title, before any section or label: a blog post's lead
    /// ("The mainnet stopped due to double signing. No funds were lost.") sums the report up,
    /// so it opens the summary. A short line (a date, a byline) is read as any line before the
    /// first section.
    /// Whether it was the lead.
    fn read_lead(&mut self, text: &str) -> bool {
        let prose = text::sentences(text).len() >= 2
            && text.split_whitespace().count() >= 12
            && text.trim_end().ends_with(['.', '!']);
        if !prose {
            self.read_preamble_line(text);
            return false;
        }
        self.append_impact(text);
        self.impact_is_prose = true;
        self.note("The paragraph before the first section was read as the start of the summary.");
        true
    }

    /// YAML front matter: each `key: value` a field takes fills it (`start:`, `severity:`,
    /// `incident_commander:`), a key's list (`authors:` over `- Felix Braun`) as one value;
    /// the rest is kept unplaced, `date:` too: a static site's page date is when the post went
    /// up, not when the incident happened.
    pub(super) fn read_front_matter(&mut self, text: &str) {
        let mut lines = text.lines().peekable();
        while let Some(line) = lines.next() {
            let mut whole = line.to_owned();
            let mut items = Vec::new();
            while let Some(item) = lines.next_if(|l| l.starts_with([' ', '\t']) && !l.trim().is_empty()) {
                whole.push('\n');
                whole.push_str(item);
                items.push(item);
            }
            let labelled = split_label(line)
                .and_then(|(label, value)| field_for(&label).map(|f| (f, value)))
                .filter(|(field, _)| *field != Field::Date);
            // A comment says more of the value: `- Chidi Nwosu  # platform on-call` is the
            // responder and the role, as "Chidi Nwosu (platform on-call)" says it.
            let value_of = |text: &str| match yaml_comment(text) {
                (value, Some(comment)) => format!("{} ({comment})", unquote(value)),
                (value, None) => unquote(value).to_owned(),
            };
            match labelled {
                Some((field, value)) if !value.trim().is_empty() && items.is_empty() => {
                    self.fill(field, &value_of(value), line, false)
                }
                Some((field, _)) if !items.is_empty() => {
                    let values: Vec<String> = items.iter().map(|item| value_of(item)).collect();
                    self.fill(field, &values.join(", "), line, false)
                }
                _ => self.keep_unplaced(&whole),
            }
        }
    }

    /// Our export's line under the title: `**Service:** X · **Severity:** SEV2 · **Authors:** A, B`.
    pub(super) fn read_metadata_line(&mut self, line: &str) -> bool {
        if !line.contains(" · ") {
            return false;
        }
        let fields: Option<Vec<(Field, &str)>> = line
            .split(" · ")
            .map(|p| split_label(p).and_then(|(label, value)| field_for(&label).map(|f| (f, value))))
            .collect();
        let Some(fields) = fields else { return false };
        for (field, value) in fields {
            self.fill(field, value, line, false);
        }
        true
    }

    pub(super) fn append_impact(&mut self, text: &str) {
        let text = read_paragraph(text);
        append(&mut self.report.summary.impact, &text, "\n");
    }

    /// Puts a labelled value where it belongs. `whole` is the line it came from, kept
    /// unplaced when the value cannot be read.
    pub(super) fn fill(&mut self, field: Field, value: &str, whole: &str, continuation: bool) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        match field {
            Field::Duration => {
                if !self.read_duration(value) {
                    if text::stated_length(&format!("lasted {value}")).is_some() {
                        // "~15 seconds of errors": a length with no time, kept as written
                        // unless a window is read elsewhere (the export's duration line then
                        // states it).
                        self.length.get_or_insert_with(|| whole.to_owned());
                    } else {
                        self.keep_unplaced(whole);
                    }
                }
            }
            // "resolved: true" in a status page's front matter says whether, not when.
            Field::Start | Field::End
                if matches!(value.to_ascii_lowercase().as_str(), "true" | "false" | "yes" | "no") =>
            {
                self.keep_unplaced(whole);
            }
            Field::Start | Field::End => {
                let found = when::find_moment(value);
                if let Some(when) = found {
                    let rest = format!("{} {}", &value[..when.start], &value[when.end..]);
                    if has_words_beyond_time(&rest) {
                        self.keep_unplaced(whole);
                    }
                }
                let written = Written {
                    when: found,
                    text: value.to_owned(),
                };
                let slot = if field == Field::Start {
                    &mut self.start
                } else {
                    &mut self.end
                };
                if slot.is_none() {
                    *slot = Some(written);
                } else {
                    self.keep_unplaced(whole);
                }
            }
            Field::Length => self.length = Some(whole.to_owned()),
            Field::Impact => self.append_impact(value),
            Field::Percent => match parse_percent(value) {
                Some(percent) if self.report.summary.users_affected_percent.is_none() => {
                    self.report.summary.users_affected_percent = Some(percent);
                    let rest = value.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '%');
                    if !rest.trim().is_empty() {
                        self.append_impact(value);
                    }
                }
                _ => self.append_impact(whole),
            },
            Field::Business => {
                let business = self.report.summary.business_impact.get_or_insert_with(String::new);
                append(business, &read_paragraph(value), "\n");
            }
            Field::RootCause => append(&mut self.report.summary.root_cause, &read_paragraph(value), "\n"),
            Field::Trigger => append(
                &mut self.report.root_cause_and_resolution.trigger,
                &read_paragraph(value),
                "\n\n",
            ),
            Field::Factors => self
                .report
                .root_cause_and_resolution
                .contributing_factors
                .push(one_line(&read_paragraph(value))),
            Field::Resolution => append(
                &mut self.report.root_cause_and_resolution.resolution,
                &read_paragraph(value),
                "\n\n",
            ),
            Field::Service => {
                let service = self.report.service.get_or_insert_with(String::new);
                // A line more of the value is its text wrapped; another label, another service.
                append(service, &read_paragraph(value), if continuation { " " } else { "; " });
            }
            Field::Severity => match Severity::from_label(&value.replace([' ', '-', '_'], "")) {
                Some(severity) if self.report.severity.is_none() => self.report.severity = Some(severity),
                _ => {
                    self.note(format!(
                        "The severity “{value}” is not one of SEV1–SEV4; it was kept in “{UNPLACED}”."
                    ));
                    self.keep_unplaced(whole);
                }
            },
            Field::Authors => self.add_authors(value),
            // "**Incident roles:**" over "- Duty manager / Incident Commander: Rhys Ode".
            Field::Responders if continuation && self.read_responder_line(value) => {}
            Field::Responders => {
                let role = split_label(whole)
                    .and_then(|(label, _)| responder_role(&label))
                    .flatten();
                // "Incident roles: Hye-jin Wang (Incident Commander), Jakob Petrov (Ops Lead)".
                let named: Vec<(String, Option<Role>)> = names(value)
                    .into_iter()
                    .map(|name| match name.strip_suffix(')').and_then(|n| n.split_once(" (")) {
                        Some((person, said)) => (person.trim().to_owned(), Some(super::responders::role_of(said))),
                        None => (name, role.clone()),
                    })
                    .collect();
                // "On-call: paged twice, answered in 4 minutes" tells of them, not who they were.
                if named.iter().any(|(name, _)| name.split_whitespace().count() > 4) {
                    self.keep_unplaced(whole);
                    return;
                }
                for (name, role) in named {
                    if !self.report.responders.iter().any(|r| r.name == name) {
                        self.report.responders.push(Responder { name, role });
                    }
                }
            }
            Field::Owner => match &self.report.owner {
                None => self.report.owner = Some(clean_phrase(&read_paragraph(value))),
                Some(_) => self.keep_unplaced(whole),
            },
            Field::Title => {
                if self.report.title.trim().is_empty() {
                    self.report.title = value.to_owned();
                    self.note("The title was taken from a “title:” line.");
                } else {
                    self.keep_unplaced(whole);
                }
            }
            // "6 November 2022, between 12:39 and 17:17 UTC": the date and the window.
            Field::Date if when::find_range(value).is_some() && self.start.is_none() => {
                if !self.read_duration(value) {
                    self.read_preamble_line(value);
                }
            }
            Field::Date => self.read_preamble_line(value),
            Field::Timezone => match when::zone_in(value) {
                Some(zone) => self.doc_zone = Some(zone),
                None => self.keep_unplaced(whole),
            },
            Field::Container if !continuation && incident_reference(value).is_some() => {
                self.fill(Field::Incident, value, whole, false)
            }
            Field::Container => {
                if continuation {
                    self.keep_unplaced(whole);
                }
            }
            Field::Incident => match incident_reference(value) {
                Some(reference) if self.report.incident.is_none() => self.report.incident = Some(reference),
                _ => self.keep_unplaced(whole),
            },
            Field::Tags => {
                let value = value.trim();
                let listed = value
                    .strip_prefix('[')
                    .and_then(|v| v.strip_suffix(']'))
                    .unwrap_or(value);
                for tag in listed.split(',').map(|t| unquote(t.trim()).trim_start_matches('#')) {
                    if !tag.is_empty() && !self.report.tags.iter().any(|t| t == tag) {
                        self.report.tags.push(tag.to_owned());
                    }
                }
            }
        }
    }

    /// "August 22, 2024, 15:00 - 17:00 UTC", our own "2024-08-22 15:00 – 17:00 UTC (2 h)",
    /// "from 2024-08-22 15:00 UTC, end not recorded". False when no time could be read.
    pub(super) fn read_duration(&mut self, value: &str) -> bool {
        // "2 hours (March 1, 2025, 2:00 PM to 4:00 PM UTC)": the length, then the window in
        // brackets.
        if let (length, Some(window)) = split_trailing_parenthesis(value) {
            if when::find_range(length).is_none()
                && when::find_range(window).is_some()
                && text::stated_length(&format!("lasted {length}")).is_some()
            {
                self.length.get_or_insert_with(|| length.trim().to_owned());
                return self.read_duration(window);
            }
        }
        let value = strip_trailing_length(value);
        let written = |text: &str| Written {
            when: when::find_moment(text),
            text: text.trim().to_owned(),
        };
        if let Some(start) = value
            .strip_prefix("from ")
            .and_then(|v| v.strip_suffix(", end not recorded"))
        {
            self.start.get_or_insert_with(|| written(start));
            return true;
        }
        if let Some(end) = value.strip_prefix("start not recorded, until ") {
            self.end.get_or_insert_with(|| written(end));
            return true;
        }
        if let Some((start, end)) = when::find_range(value) {
            let rest = format!("{} {}", &value[..start.start], &value[end.end..]);
            // "From 6:00 AM to 12:00 PM, students were greeted with errors …": a sentence that
            // tells the window is the summary's prose too; a few words beside it are kept.
            if words(&rest).split_whitespace().count() >= 8 {
                self.append_impact(value);
                self.impact_is_prose = true;
            } else if has_words_beyond_time(&rest)
                || split_trailing_parenthesis(value).1.is_some_and(has_words_beyond_time)
            {
                self.keep_unplaced(value);
            }
            if self.start.is_none() && self.end.is_none() {
                self.start = Some(Written::found_in(value, start));
                self.end = Some(Written::found_in(value, end));
            }
            return true;
        }
        // "20 seconds at 3:00:00pm", "45 minutes from 14:00": a length and the time it began.
        let moments: Vec<When> = when::all_whens(value)
            .into_iter()
            .filter(|w| w.clock.is_some())
            .collect();
        if let ([start], true) = (
            moments.as_slice(),
            text::stated_length(&format!("lasted {value}")).is_some(),
        ) {
            self.start.get_or_insert_with(|| Written::found_in(value, *start));
            self.length.get_or_insert_with(|| value.to_owned());
            return true;
        }
        // Two ends that are not both times: "around noon – 2024-08-22 17:00 UTC". One of them
        // must be a time: "~15 seconds of errors; ~2 minutes to full capacity" is two lengths.
        for separator in [" – ", " - ", " to "] {
            if let Some((start, end)) = value.split_once(separator) {
                if when::all_whens(value).is_empty() {
                    break;
                }
                if self.start.is_none() && self.end.is_none() {
                    self.start = Some(written(start));
                    self.end = Some(written(end));
                }
                return true;
            }
        }
        false
    }

    pub(super) fn add_authors(&mut self, text: &str) {
        for name in names(text) {
            // A report that names its author twice (a byline and a header line) has one.
            if !self.report.authors.contains(&name) {
                self.report.authors.push(name);
            }
        }
    }

    pub(super) fn summary_date(&self) -> Option<NaiveDate> {
        let year = self.year();
        self.start
            .as_ref()
            .and_then(|w| w.when)
            .and_then(|w| w.date)
            .and_then(|d| d.with_year(year))
    }

    pub(super) fn resolve_summary(&mut self, date: Option<NaiveDate>, zone: Option<Zone>) {
        let year = self.year();
        let start = self.start.take().map(|written| {
            let moment = resolve(&written, date, zone, year);
            (written, moment)
        });
        let start_exact = start.as_ref().and_then(|(_, m)| m.exact());
        let end = self.end.take().map(|written| {
            let end_date = written
                .when
                .and_then(|w| w.date)
                .and_then(|d| d.with_year(year))
                .or(start_exact.map(|s| s.date_naive()))
                .or(date);
            let mut moment = resolve(&written, end_date, zone, year);
            if let (Some(start), Some(end)) = (start_exact, moment.exact()) {
                if end < start && written.when.is_some_and(|w| w.date.is_none()) {
                    moment = Moment::Exact(end + TimeDelta::days(1));
                    self.notes
                        .push("The end time is earlier than the start, so it was read as the next day.".into());
                }
            }
            moment
        });
        if let Some((written, moment)) = start {
            if written.when.is_some_and(|w| w.date.is_none()) && moment.exact().is_some() && !self.dated_by_title {
                self.note("The incident's date was taken from elsewhere in the report (its duration line has none).");
            }
            self.report.summary.started_at = Some(moment);
        }
        self.report.summary.ended_at = end;
        let both_exact = self
            .report
            .summary
            .started_at
            .as_ref()
            .and_then(Moment::exact)
            .is_some()
            && self.report.summary.ended_at.as_ref().and_then(Moment::exact).is_some();
        if let Some(length) = self.length.take() {
            if !both_exact {
                self.keep_unplaced(&length);
            }
        }
    }

    /// A percentage of users and a root-cause sentence, when the summary is prose.
    /// "On April 14, at about 9:40am, all services became inaccessible … restored by 12:10pm":
    /// with no range stated, the first time in a sentence that tells the outage beginning is
    /// the start, and a later one in a sentence that tells it ending is the end.
    pub(super) fn window_from_story(&mut self) {
        let impact = self.report.summary.impact.clone();
        let mut start: Option<When> = None;
        let mut end: Option<When> = None;
        for range in text::sentences(&impact) {
            let sentence = &impact[range.clone()];
            // "3am of the following night": a day told relative to another cannot be read.
            let relative = [" following ", " next ", " previous ", " yesterday ", " tomorrow "]
                .iter()
                .any(|k| words(sentence).contains(k));
            let Some(mut when) = when::find_moment(sentence).filter(|_| !relative) else {
                continue;
            };
            when.start += range.start;
            when.end += range.start;
            if start.is_none() && text::tells_onset(sentence) {
                start = Some(when);
            } else if start.is_some() && text::tells_recovery(sentence) {
                end = Some(when);
            }
        }
        let Some(mut start) = start else { return };
        // "Down at 1am … all-clear at 2017-02-09 11:35 AM": one date for both, when the start
        // gives none and comes earlier in the day.
        if let (None, Some(end)) = (start.date, end) {
            if end.date.is_some() && start.clock.zip(end.clock).is_some_and(|(s, e)| s.time() <= e.time()) {
                start.date = end.date;
            }
        }
        self.start = Some(Written::found_in(&impact, start));
        self.end = end.map(|end| Written::found_in(&impact, end));
        self.note("The start and end of the incident were read from the sentences of the summary that tell them.");
        if start.date.is_none() && self.doc_date.is_none() {
            let date = when::all_whens(&impact)
                .into_iter()
                .find_map(|w| w.date.and_then(|d| d.with_year(None)));
            self.doc_date = date.map(|date| (date, String::new()));
        }
    }

    pub(super) fn settle_summary(&mut self) {
        // A report with no resolution section often ends its summary with how it ended.
        if self.report.root_cause_and_resolution.resolution.trim().is_empty() && self.impact_is_prose {
            let impact = self.report.summary.impact.clone();
            let best = text::sentences(&impact)
                .into_iter()
                .map(|r| (text::names_the_fix(&impact[r.clone()]), r))
                .filter(|(score, r)| *score > 0 && text::names_the_cause(&impact[r.clone()]) == 0)
                .max_by_key(|(score, r)| (*score, r.start));
            if let Some((_, range)) = best {
                self.report.root_cause_and_resolution.resolution = impact[range.clone()].trim().to_owned();
                self.report.summary.impact = without_sentence(&impact, range);
                self.notes
                    .push("The resolution is the sentence of the summary that says how the incident ended.".into());
            }
        }
        let summary = &mut self.report.summary;
        if summary.users_affected_percent.is_none() {
            if let Some((percent, _)) = text::percent_of_users(&summary.impact) {
                summary.users_affected_percent = Some(percent);
                self.notes.push(format!(
                    "The share of users affected ({}) was read from the impact text.",
                    crate::markdown::format_percent(percent)
                ));
            }
        }
        if summary.root_cause.trim().is_empty() && self.impact_is_prose {
            let impact = summary.impact.clone();
            // Beside a root-cause section that tells it in full, only a sentence that says
            // "root cause" or "caused by" is taken out of the impact: "Due to PRs failing to
            // merge, the code freeze slipped a day" tells the impact, and stays there.
            let weakest = if self.report.root_cause_and_resolution.root_cause.trim().is_empty() {
                1
            } else {
                2
            };
            let best = text::sentences(&impact)
                .into_iter()
                .map(|r| (text::names_the_cause(&impact[r.clone()]), r))
                .filter(|(score, _)| *score >= weakest)
                .max_by_key(|(score, r)| (*score, std::cmp::Reverse(r.start)));
            if let Some((_, range)) = best {
                summary.root_cause = impact[range.clone()].trim().to_owned();
                summary.impact = without_sentence(&impact, range);
                self.notes
                    .push("The root cause in the summary is the sentence of the summary that names it.".into());
            }
        }
    }
}

/// The impact once a sentence of it has gone to another field. When nothing of its own would
/// be left ("A bug kept the version from being updated. It lasted nine hours before it was
/// restored." under "Summary"), it keeps the sentence too: the impact must say what happened,
/// and an empty one would only be flagged for the author to fill with the same words.
fn without_sentence(impact: &str, sentence: std::ops::Range<usize>) -> String {
    let rest = format!("{}{}", impact[..sentence.start].trim_end(), &impact[sentence.end..]);
    if text::has_prose(&rest) {
        rest.trim().to_owned()
    } else {
        impact.trim().to_owned()
    }
}

/// An incident's key or link as a label gives it: `INC-207`, `#2291`, a URL, or
/// `[INC-207](https://…)`. A value in words ("Login outage") is not one.
fn incident_reference(value: &str) -> Option<crate::model::IncidentReference> {
    let value = unquote(value).trim();
    let key_like = |t: &str| {
        t.len() <= 40
            && t.bytes().any(|b| b.is_ascii_digit())
            && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_#./".contains(&b))
    };
    let url_like =
        |t: &str| (t.starts_with("https://") || t.starts_with("http://")) && !t.contains(char::is_whitespace);
    let linked = value
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(')'))
        .and_then(|v| v.split_once("]("));
    let (key, url) = match linked {
        Some((key, url)) if key_like(key) && url_like(url) => (Some(key), Some(url)),
        _ if url_like(value.trim_start_matches('<').trim_end_matches('>')) => {
            (None, Some(value.trim_start_matches('<').trim_end_matches('>')))
        }
        _ if key_like(value) => (Some(value), None),
        _ => return None,
    };
    Some(crate::model::IncidentReference {
        key: key.map(str::to_owned),
        url: url.map(str::to_owned),
    })
}

/// A YAML value and the comment after it (`# …` after a space), if any.
fn yaml_comment(text: &str) -> (&str, Option<&str>) {
    match text.find(" #").or_else(|| text.find("\t#")) {
        Some(at) if !text[..at].trim().is_empty() => (text[..at].trim(), Some(text[at + 2..].trim())),
        _ => (text, None),
    }
}

/// The people a value names: "Lee Chen, Ana Ruiz and Sam".
fn names(text: &str) -> Vec<String> {
    let text = clean_phrase(&read_paragraph(text));
    text.split([',', ';', '\n'])
        .flat_map(|n| n.split(" and "))
        .map(|name| name.trim().trim_start_matches("- ").trim().to_owned())
        .filter(|name| !name.is_empty())
        .collect()
}

/// A label that names who responded: `Some(role)` for a role ("Incident Commander", "Scribe",
/// "Comms lead"), `Some(None)` for responders with no role named ("Responders", "On-call").
pub(super) fn responder_role(label: &str) -> Option<Option<Role>> {
    let role = match label {
        "incident commander"
        | "ic"
        | "incident lead"
        | "incident manager"
        | "major incident manager"
        | "mim"
        | "incident coordinator" => Role::IncidentCommander,
        "scribe" | "note taker" | "notetaker" => Role::Scribe,
        "communications lead" | "comms lead" | "communications manager" => Role::Communications,
        "subject expert" | "subject matter expert" | "subject matter experts" | "sme" | "smes" => Role::SubjectExpert,
        "responders" | "responder" | "on call" | "on call engineer" | "on call engineers" | "participants"
        | "incident roles" | "roles" => return Some(None),
        _ => return None,
    };
    Some(Some(role))
}

/// What a labelled line fills.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Field {
    Duration,
    Start,
    End,
    Length,
    Impact,
    Percent,
    Business,
    RootCause,
    Trigger,
    /// Contributing factors: one for each line or item under the label.
    Factors,
    Resolution,
    Service,
    Severity,
    Authors,
    /// Who responded, in the role the label names.
    Responders,
    /// Who sees the postmortem through.
    Owner,
    Title,
    Date,
    Timezone,
    /// A label that only groups what follows ("issue_summary:").
    Container,
    /// The incident's key in a tracker, or its link ("Incident ID: INC-207").
    Incident,
    Tags,
}

/// The field a template's question asks for: "Duration of the outage with start and end
/// times?", "What was the root cause?", "What was the impact?", "How was the issue fixed?".
pub(super) fn asked_field(question: &str) -> Option<Field> {
    let w = words(question);
    let has = |k: &str| w.contains(&format!(" {k} "));
    if (has("root") && has("cause")) || has("causing") {
        Some(Field::RootCause)
    } else if has("duration") || (has("start") && has("end")) {
        Some(Field::Duration)
    } else if has("how") && (has("fixed") || has("resolved") || has("fix") || has("resolve")) {
        Some(Field::Resolution)
    } else if has("impact") || has("affected") {
        Some(Field::Impact)
    } else {
        None
    }
}

/// A label in words not listed above: "Incident start", "Time to resolve", "Customer impact".
fn loose_field(label: &str) -> Option<Field> {
    let w = words(label);
    let has = |k: &str| w.contains(&format!(" {k} "));
    if w.split(' ').filter(|s| !s.is_empty()).count() > 4 {
        return None;
    }
    if has("root") && has("cause") {
        Some(Field::RootCause)
    } else if has("business") || has("revenue") {
        Some(Field::Business)
    } else if has("impact") || has("impacted") {
        Some(Field::Impact)
    } else if has("severity") {
        Some(Field::Severity)
    } else if has("duration") {
        Some(Field::Duration)
    } else if (has("resolution") || has("fix") || has("remediation")) && !has("time") && !has("date") {
        // "Resolution detail", "The fix we shipped"; "Resolution time" is the end.
        Some(Field::Resolution)
    } else if (has("start") || has("began") || has("begin") || has("onset")) && !has("end") {
        Some(Field::Start)
    } else if has("end") || has("ended") || has("recovered") || has("recovery") {
        Some(Field::End)
    } else {
        None
    }
}

pub(super) fn field_for(label: &str) -> Option<Field> {
    let field = match label {
        "duration"
        | "outage duration"
        | "duration of the outage"
        | "duration of outage"
        | "time"
        | "when"
        | "outage window"
        | "incident window"
        | "window"
        | "impact window"
        | "period"
        | "time frame"
        | "timeframe"
        | "incident duration" => Field::Duration,
        "start" | "start time" | "started" | "began" | "start date" | "started at" | "outage start" => Field::Start,
        "end" | "end time" | "ended" | "end date" | "ended at" | "resolved at" | "resolved" | "outage end"
        | "resolved when" | "resolvedwhen" => Field::End,
        "total duration" | "length" | "total downtime" | "downtime" => Field::Length,
        "impact" | "user impact" | "customer impact" | "impact on users" | "symptoms" | "summary" | "description"
        | "overview" | "what happened" => Field::Impact,
        "users affected" | "affected users" | "users impacted" | "percentage of users affected" | "share of users" => {
            Field::Percent
        }
        "business impact" | "financial impact" | "cost" => Field::Business,
        "root cause" | "root causes" | "cause" | "root cause summary" => Field::RootCause,
        "trigger" | "triggers" | "triggered by" | "direct cause" | "immediate cause" | "proximate cause" => {
            Field::Trigger
        }
        "contributing factors" | "contributing factor" | "contributing causes" => Field::Factors,
        "resolution"
        | "fix"
        | "the fix"
        | "solution"
        | "remediation"
        | "how it was fixed"
        | "resolution and recovery" => Field::Resolution,
        "service" | "service affected" | "affected service" | "services affected" | "affected services" | "system"
        | "component" => Field::Service,
        "severity" | "sev" | "severity level" => Field::Severity,
        "author" | "authors" | "written by" | "prepared by" | "created by" | "authored by" | "report author" => {
            Field::Authors
        }
        "postmortem owner" | "report owner" | "document owner" => Field::Owner,
        _ if responder_role(label).is_some() => Field::Responders,
        "title" | "incident title" | "incident name" | "report title" => Field::Title,
        "incident id" | "incident number" | "incident no" | "ticket number" | "incident ref" | "incident reference"
        | "incident key" | "incident ticket" | "incident link" | "ticket" | "jira" | "jira ticket"
        | "tracking issue" => Field::Incident,
        "tags" | "labels" | "keywords" => Field::Tags,
        "date" | "incident date" | "date of incident" => Field::Date,
        "timezone" | "time zone" | "all times" => Field::Timezone,
        "postmortem" | "post mortem" | "issue summary" | "incident summary" | "incident" | "report" => Field::Container,
        _ => return loose_field(label),
    };
    Some(field)
}

pub(super) fn parse_percent(value: &str) -> Option<f64> {
    let number: String = value
        .trim()
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let percent: f64 = number.parse().ok()?;
    (value.contains('%') && (0.0..=100.0).contains(&percent)).then_some(percent)
}

/// A trailing part in parentheses: "… 17:00 UTC (2 hours 30 minutes)" → the text before it
/// and "2 hours 30 minutes".
fn split_trailing_parenthesis(value: &str) -> (&str, Option<&str>) {
    let value = value.trim().trim_end_matches('.');
    match (value.rfind(" ("), value.ends_with(')')) {
        (Some(open), true) => (value[..open].trim_end(), Some(&value[open + 2..value.len() - 1])),
        _ => (value, None),
    }
}

/// The value without a trailing length in parentheses ("(2 h)"); a zone in parentheses
/// ("(UTC)") stays.
fn strip_trailing_length(value: &str) -> &str {
    match split_trailing_parenthesis(value) {
        (before, Some(inner)) if when::zone_in(inner).is_none_or(|_| inner.split_whitespace().count() != 1) => before,
        _ => value.trim().trim_end_matches('.'),
    }
}

/// Whether text left around a time says more than the time does ("Outage from … to …" does
/// not; "(Yes, it was a long and painful 2 hours!)" does).
pub(super) fn has_words_beyond_time(text: &str) -> bool {
    const FILLER: [&str; 27] = [
        "from",
        "to",
        "until",
        "till",
        "and",
        "on",
        "at",
        "between",
        "the",
        "of",
        "hours",
        "hour",
        "minutes",
        "minute",
        "mins",
        "min",
        "h",
        "total",
        "approximately",
        "about",
        "approx",
        "outage",
        "duration",
        "utc",
        "gmt",
        "roughly",
        "around",
    ];
    words(text)
        .split(' ')
        .filter(|w| !w.is_empty() && w.chars().any(char::is_alphabetic))
        .any(|w| !FILLER.contains(&w) && when::zone_in(&w.to_ascii_uppercase()).is_none())
}
