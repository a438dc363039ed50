//! The timeline: entries from list items, lines, table rows, code lines and headings, with
//! the times people write, dates from date lines, and the zone from wherever the report gives it.

use std::borrow::Cow;
use std::ops::Range;

use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta, Timelike};

use super::outline::{Body, Span};
use super::sections::{Kind, Section};
use super::text::{self, clean_phrase, split_label, strip_wrapper, words};
use super::when::{self, When, Zone};
use super::{append, clean_cell, plural, resolve, strip_list_marker, Importer, Written};
use crate::markdown::read_paragraph;
use crate::model::{EntryKind, Moment, TimelineEntry};
use crate::time::timezone_label;

impl Importer<'_> {
    /// A report with no section named as its timeline may still hold one under a name of its
    /// own ("## Past incidents" over "(7:20 UTC) …" updates, a day's heading over "08:00 …"
    /// lines): a section whose paragraphs and items mostly open with a time is read as the
    /// timeline, as a reader would take it. Returns the sections so read.
    pub(super) fn timelines_by_content(&mut self, sections: &mut [Section]) -> Vec<usize> {
        if sections.iter().any(|s| s.kind == Kind::Timeline) {
            return Vec::new();
        }
        let found: Vec<(usize, usize, usize)> = sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == Kind::Extra)
            .filter_map(|(index, section)| {
                let (timed, lines) = self.timed_lines(section);
                // A heading that is a date (a day of a status history) needs only one.
                let dated = section
                    .heading
                    .as_deref()
                    .is_some_and(super::sections::starts_with_time);
                (timed * 3 >= lines * 2 && (timed >= 3 || dated && timed >= 1)).then_some((index, timed, lines))
            })
            .collect();
        if found.iter().map(|(_, timed, _)| timed).sum::<usize>() < 3 {
            return Vec::new();
        }
        for &(index, timed, lines) in &found {
            sections[index].kind = Kind::Timeline;
            self.note(format!(
                "The section “{}” was read as the timeline: {timed} of its {lines} lines and items open with a time.",
                sections[index].heading.as_deref().unwrap_or_default()
            ));
        }
        found.into_iter().map(|(index, _, _)| index).collect()
    }

    /// How many of a section's lines open with a clock time, and how many there are: a list
    /// item or a wrapped paragraph counts once, a paragraph of time-led lines once a line.
    /// Where the section is a list, its top-level items are its lines: the paragraphs beside
    /// them introduce them or go on with one.
    fn timed_lines(&self, section: &Section) -> (usize, usize) {
        let blocks = &self.blocks[section.blocks.clone()];
        let top = super::outline::top_item_depth(blocks);
        let (mut timed, mut lines) = (0, 0);
        for block in blocks {
            match block.body {
                Body::Item { depth, .. } if Some(depth) != top => {}
                Body::Paragraph if top.is_some() => {}
                Body::Item { .. } => {
                    lines += 1;
                    timed += usize::from(
                        block
                            .lines
                            .first()
                            .is_some_and(|l| clock_first(strip_list_marker(self.raw(l)))),
                    );
                }
                Body::Paragraph => {
                    let led = block.lines.iter().filter(|l| clock_first(self.raw(l))).count();
                    timed += led;
                    lines += led.max(1);
                }
                _ => {}
            }
        }
        (timed, lines)
    }

    /// The timeline: entries from list items, lines, table rows, code lines and headings.
    pub(super) fn read_timeline(&mut self, section: &Section) {
        let mut zone = section.heading.as_deref().and_then(when::zone_in);
        if zone.is_some() {
            self.note("The timeline's timezone was taken from its heading.");
        }
        let mut entries: Vec<DraftEntry> = Vec::new();
        let mut stages: Vec<String> = Vec::new();
        self.timeline_stage = None;
        // "### April 16th, 2018" over the day's updates.
        let mut date: Option<NaiveDate> = section
            .heading
            .as_deref()
            .and_then(when::when_prefix)
            .filter(|w| w.clock.is_none())
            .and_then(|w| w.date)
            .and_then(|d| d.with_year(self.year()));
        let mut base_depth: Option<usize> = None;
        // The depth of the stage label ("- _Escalation:_") whose nested items are entries.
        let mut stage_depth: Option<usize> = None;
        let mut unreadable = 0;
        let blocks = self.text_blocks(section);
        // "### 11:00" with paragraphs under it: the paragraphs are that entry's text.
        let mut under_time_heading = false;
        for (index, block) in blocks.iter().enumerate() {
            let heading_entry = std::mem::take(&mut under_time_heading);
            match &block.body {
                // "### 10:07-10:29 AM: Emergency coordination" over entries with times of their
                // own names a phase; the entries are the events.
                Body::Heading { .. }
                    if clock_first(&super::sections::heading_text(&self.own_text(block)))
                        && self.heads_timed_entries(&blocks[index + 1..]) =>
                {
                    let text = super::sections::heading_text(&self.own_text(block));
                    self.push_entry(&mut entries, None, None, date, &text);
                }
                Body::Heading { .. } if self.read_stage_label(&self.own_text(block), &mut stages) => {}
                Body::Heading { .. } => {
                    let text = self.own_text(block);
                    // A date on its own, or an entry whose text follows in paragraphs.
                    let before = entries.len();
                    self.timeline_line(&text, &mut entries, &mut date, &mut zone, false);
                    under_time_heading = entries.len() > before && entries.last().is_some_and(|e| e.when.is_some());
                }
                Body::Paragraph => {
                    let text = self.own_text(block);
                    let has_time = block.lines.iter().any(|l| clock_first(self.raw(l)));
                    // "All times UTC" sets the zone; "2020-04-28 (all times CET):" is read below
                    // as a date line, which sets both.
                    let dated = split_time(text.trim()).is_some_and(|(when, _, _)| when.is_some());
                    if !has_time && !dated {
                        if let Some(found) = zone_note(&text) {
                            zone = Some(found);
                            self.note(format!("The timeline's timezone was taken from “{}”.", text.trim()));
                            continue;
                        }
                    }
                    if !has_time && block.lines.len() == 1 && self.read_stage_label(&text, &mut stages) {
                        continue;
                    }
                    if let Some((question, answer)) = text::question_and_answer(&text) {
                        self.answer_entry(question, &answer, &mut entries, &mut date, &mut zone);
                        continue;
                    }
                    let mut continues = heading_entry;
                    under_time_heading = heading_entry && !has_time;
                    for line in &block.lines {
                        let line = self.raw(line).to_owned();
                        // "21:14 - … <br> 21:20 - …": a break tag ends a line as a newline does.
                        for (n, part) in text::split_breaks(&line).into_iter().enumerate() {
                            let joined = continues && n == 0;
                            continues =
                                self.timeline_line(part, &mut entries, &mut date, &mut zone, joined || continues)
                                    || continues;
                        }
                    }
                }
                Body::Item { depth, .. } => {
                    let text = self.own_text(block);
                    let base = *base_depth.get_or_insert(*depth);
                    // "- _Escalation:_" over nested items: a stage's label, and the items under
                    // it are its entries, each of its own.
                    let heads_items = matches!(blocks.get(index + 1).map(|b| &b.body),
                        Some(Body::Item { depth: next, .. }) if next > depth);
                    if heads_items && !clock_first(&text) && self.read_stage_label(&text, &mut stages) {
                        stage_depth = Some(*depth);
                        continue;
                    }
                    if stage_depth.is_some_and(|d| *depth <= d) {
                        stage_depth = None;
                    }
                    let entry_depth = stage_depth.map_or(base, |d| d + 1);
                    // A nested item is the entry above it continued, unless it starts with a time
                    // of its own (times grouped under a date item).
                    // Under a stage, "- 15:00 UTC" then "- Detected by an alert" is a time
                    // alone, then its text.
                    let time_alone =
                        |last: &DraftEntry| stage_depth.is_some() && last.when.is_some() && last.text.trim().is_empty();
                    match entries.last_mut() {
                        Some(last) if (*depth > entry_depth || time_alone(last)) && !clock_first(&text) => {
                            append(&mut last.text, &read_paragraph(&text), "\n")
                        }
                        _ => {
                            self.timeline_line(&text, &mut entries, &mut date, &mut zone, false);
                        }
                    }
                }
                Body::Table { rows } => {
                    unreadable += self.timeline_table(rows, &mut entries, &mut zone);
                }
                Body::Code { text } => {
                    // Each line once: its indentation, its text, and whether a time leads it.
                    let rows: Vec<(usize, &str, bool)> = text
                        .lines()
                        .filter(|l| !l.trim().is_empty())
                        .map(|line| {
                            let bare = strip_list_marker(line.trim());
                            let timed = clock_first(bare) || relative_time_len(bare).is_some();
                            (line.len() - line.trim_start().len(), bare, timed)
                        })
                        .collect();
                    // A timeline kept in a code block has a time on its lines; a block without
                    // any (a log excerpt, an error message) belongs to the entry above it.
                    let timed = rows.iter().any(|(_, _, timed)| *timed);
                    match entries.last_mut() {
                        Some(last) if !timed => {
                            let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
                            append(&mut last.text, &lines.join("\n"), "\n");
                        }
                        _ => {
                            // A line without a time of its own continues the entry above it:
                            // indented under its text, it is that text wrapped, as fixed-width
                            // timelines wrap it.
                            let mut lines: Vec<(usize, String)> = Vec::new();
                            for (indent, bare, timed) in rows {
                                match lines.last_mut() {
                                    Some((above, text)) if !timed && indent > *above => {
                                        text.push(' ');
                                        text.push_str(bare);
                                    }
                                    _ => lines.push((indent, bare.to_owned())),
                                }
                            }
                            let mut continues = false;
                            for (_, line) in &lines {
                                continues = self.timeline_line(line, &mut entries, &mut date, &mut zone, continues)
                                    || continues;
                            }
                        }
                    }
                }
                _ => self.keep_unplaced(self.raw(&block.range)),
            }
        }
        if unreadable > 0 {
            self.note(format!(
                "{unreadable} timeline time{} could not be read and {} kept as written.",
                plural(unreadable),
                super::was_were(unreadable)
            ));
        }
        if !stages.is_empty() {
            self.note(format!(
                "The timeline's labels {} were read as the kind of the entries under them.",
                stages.join(", ")
            ));
        }
        self.timeline_stage = None;
        self.count_from_stated_zero(&mut entries);
        self.note_abbreviation(zone);
        let zone = zone.or(self.summary_zone()).or(self.doc_zone);
        for entry in &mut entries {
            entry.zone = entry.zone.or(zone);
        }
        self.pending_timeline.extend(entries);
    }

    /// "T0 = 2024-04-09 03:12 UTC" over entries at "T+6m", "T+1h05m": the entries happened
    /// then, and read so, they count in the key times. The line stating the zero is no
    /// event; its words are kept unplaced. Without a stated zero, relative times stay as
    /// written.
    fn count_from_stated_zero(&mut self, entries: &mut Vec<DraftEntry>) {
        let states_zero = |e: &DraftEntry| {
            let text = e.text.trim_start();
            let after = text.strip_prefix("T0").or_else(|| text.strip_prefix("T"));
            e.when.is_some_and(|w| w.clock.is_some()) && after.is_some_and(|a| a.trim_start().starts_with(['=', ':']))
        };
        let relative =
            |e: &DraftEntry| e.when.is_none() && e.written.as_deref().is_some_and(|w| offset_seconds(w).is_some());
        if !entries.iter().any(relative) {
            return;
        }
        let Some(at) = entries.iter().position(states_zero) else {
            return;
        };
        let zero_entry = entries.remove(at);
        let Some(zero) = zero_entry.when else { return };
        self.keep_unplaced(&zero_entry.text);
        let Some(clock) = zero.clock else { return };
        let date = zero.date.and_then(|d| d.with_year(self.year())).or(zero_entry.date);
        let start = date.unwrap_or_default().and_time(clock.time());
        let mut read = 0;
        for entry in entries.iter_mut().filter(|e| relative(e)) {
            let Some(seconds) = entry.written.as_deref().and_then(offset_seconds) else {
                continue;
            };
            let at = start + TimeDelta::seconds(seconds);
            entry.when = Some(When {
                date: date.map(|_| when::DateParts {
                    year: Some(at.year()),
                    month: at.month(),
                    day: at.day(),
                    ambiguous: false,
                }),
                clock: Some(when::Clock {
                    hour: at.hour(),
                    minute: at.minute(),
                    second: at.second(),
                    pm: None,
                    short_hour: false,
                }),
                zone: zero.zone,
                start: 0,
                end: 0,
            });
            entry.written = Some(at.format("%H:%M").to_string());
            entry.zone = zero.zone.or(entry.zone);
            read += 1;
        }
        self.note(format!(
            "{read} timeline time{} written from T0 ({}) {} read as the clock times they name.",
            plural(read),
            zero_entry.written.as_deref().unwrap_or("the stated start"),
            super::was_were(read)
        ));
    }

    /// "**Issue Detection:**", "### Escalation": a label naming a stage of the response, over
    /// the entries of that stage. Read, it is the kind of the untagged entries after it.
    fn read_stage_label(&mut self, text: &str, stages: &mut Vec<String>) -> bool {
        let label = clean_phrase(text);
        let label = label.trim().trim_end_matches(':').trim_end();
        let bare = split_label(text).is_none_or(|(_, value)| value.trim().is_empty());
        if !bare || label.is_empty() || split_time(label).is_some() {
            return false;
        }
        let Some(kind) = super::kinds::stage_label(label) else {
            return false;
        };
        stages.push(format!("“{label}”"));
        self.timeline_stage = Some((kind, label.to_owned()));
        true
    }

    /// A template's question with its answer ("How was the issue detected?" over "Monitoring
    /// alerted us"): the answer is the entry, of the kind the question asks about; an answer
    /// that is only a time ("When was it detected?" over "3:00pm") is the question's moment.
    fn answer_entry(
        &mut self,
        question: &str,
        answer: &str,
        entries: &mut Vec<DraftEntry>,
        date: &mut Option<NaiveDate>,
        zone: &mut Option<Zone>,
    ) {
        self.answered.push(question.to_owned());
        let asked = super::kinds::kind_from_words(question);
        let outer = self.timeline_stage.take();
        if asked != EntryKind::Other {
            self.timeline_stage = Some((asked, question.to_owned()));
        }
        let only_time = split_time(answer)
            .is_some_and(|(when, _, rest)| when.is_some_and(|w| w.clock.is_some()) && rest.trim().is_empty());
        let told = if only_time {
            format!("{answer} — {question}")
        } else {
            answer.to_owned()
        };
        let mut continues = false;
        for line in told.lines() {
            continues = self.timeline_line(line, entries, date, zone, continues) || continues;
        }
        self.timeline_stage = outer;
    }

    /// Whether the blocks up to the next heading hold a line that starts with a clock time
    /// (a date heading over them is their date, read as such).
    fn heads_timed_entries(&self, after: &[super::outline::Block]) -> bool {
        after
            .iter()
            .take_while(|b| !matches!(b.body, Body::Heading { .. }))
            .filter(|b| matches!(b.body, Body::Item { .. } | Body::Paragraph))
            .flat_map(|b| b.lines.iter())
            .any(|l| clock_first(strip_list_marker(self.raw(l))))
    }

    /// One line of a timeline. Returns whether it started or continued an entry (so that
    /// the next line of the same paragraph may continue it).
    pub(super) fn timeline_line(
        &mut self,
        line: &str,
        entries: &mut Vec<DraftEntry>,
        date: &mut Option<NaiveDate>,
        zone: &mut Option<Zone>,
        continues: bool,
    ) -> bool {
        let mut line = line.trim();
        if line.is_empty() {
            return continues;
        }
        // "- Time: October 12, 2023, 3:30 PM (UTC)" under "**Issue Detection:**": the time of
        // that stage, told by its label.
        let stage_time;
        let mut labelled = None;
        if let Some((label, value)) = split_label(line) {
            let time = split_time(value).filter(|(when, _, _)| when.is_some_and(|w| w.clock.is_some()));
            let timed = time.is_some();
            if timed && matches!(label.as_str(), "time" | "when" | "at" | "timestamp" | "date and time") {
                let stage = self
                    .timeline_stage
                    .as_ref()
                    .map_or(label.as_str(), |(_, text)| text.as_str());
                stage_time = format!("{value} — {stage}");
                line = &stage_time;
            } else if let Some(time) = time.filter(|_| split_time(&label).is_none()) {
                labelled = Some(labelled_time(line, value, time));
            }
        }
        match labelled.or_else(|| split_time(line)) {
            Some((None, written, rest)) => {
                self.push_entry(entries, None, Some(written), *date, &rest);
                true
            }
            Some((Some(when), _, rest)) if when.clock.is_none() => {
                // "2015-10-21" or "2015-10-21 (all times UTC)": the date of the entries after it.
                let note = zone_note(&rest);
                // "6th November 2022:" heads the entries of that day.
                if rest.trim().trim_end_matches(':').trim().is_empty() || note.is_some() {
                    *date = when.date.and_then(|d| d.with_year(self.year()));
                    if note.is_some() {
                        *zone = note;
                        self.note(format!("The timeline's timezone was taken from “{}”.", line.trim()));
                    }
                    return false;
                }
                // "2021-08-27: At 12:50:07 UTC, issue exploited.": the day, then the time.
                let day = when.date.and_then(|d| d.with_year(self.year()));
                if let Some(at) = when::find_moment(&rest).filter(|_| opens_with_time(&rest)) {
                    let written = format!("{} {}", &line[when.start..when.end], &rest[at.start..at.end]);
                    let entry_zone = at.zone.or(*zone);
                    self.push_entry(entries, Some(at), Some(written), day.or(*date), &rest);
                    if let Some(last) = entries.last_mut() {
                        last.zone = entry_zone;
                    }
                    return true;
                }
                self.push_entry(entries, None, None, *date, line);
                true
            }
            Some((Some(when), written, rest)) => {
                // A date written in an entry is that entry's; only a date line on its own
                // sets the date of the entries after it.
                if let Some(d) = when.date.and_then(|d| d.with_year(self.year())) {
                    if when.date.is_some_and(|d| d.ambiguous) {
                        self.note(format!("“{written}” was read month first ({}).", d.format("%-d %B %Y")));
                    }
                }
                let entry_zone = when.zone.or(*zone);
                self.note_abbreviation(when.zone);
                self.push_entry(entries, Some(when), Some(written), *date, &rest);
                if let Some(last) = entries.last_mut() {
                    last.zone = entry_zone;
                }
                true
            }
            // A timeline told in prose puts each event on a line of its own, opening with its
            // time, or with its stage's label ("Escalation: …"): that line is the next entry,
            // not more of the one above.
            None if continues && !opens_with_time(line) && split_label(line).is_none() => {
                if let Some(last) = entries.last_mut() {
                    append(&mut last.text, &read_paragraph(line), "\n");
                }
                true
            }
            None => {
                // "Service was fully recovered by 4:45 PM (UTC).": an event that tells its one
                // time of day inside its sentence happened then. With two times or none, the
                // line has no one time and stays untimed.
                let clocks: Vec<When> = when::all_whens(line)
                    .into_iter()
                    .filter(|w| w.clock.is_some())
                    .collect();
                match clocks.as_slice() {
                    [when] => {
                        let written = line[when.start..when.end].to_owned();
                        let entry_zone = when.zone.or(*zone);
                        self.push_entry(entries, Some(*when), Some(written), *date, line);
                        if let Some(last) = entries.last_mut() {
                            last.zone = entry_zone;
                        }
                    }
                    _ => self.push_entry(entries, None, None, *date, line),
                }
                true
            }
        }
    }

    /// "21:14 — DNS changes take effect. <START OF OUTAGE>", "(**outage ends**)": entries
    /// that say they open or close the outage give its window when the summary states none.
    pub(super) fn window_from_markers(&mut self) {
        const OPENS: &[&str] = &[
            " start of outage ",
            " outage starts ",
            " outage begins ",
            " start of incident ",
            " incident start ",
            " incident starts ",
            " incident began ",
            " outage start ",
            " impact starts ",
        ];
        const CLOSES: &[&str] = &[
            " end of outage ",
            " outage ends ",
            " outage over ",
            " end of incident ",
            " incident end ",
            " incident ends ",
            " incident resolved ",
            " outage end ",
            " impact ends ",
        ];
        let summary = &self.report.summary;
        if let (Some(start), None) = (&summary.started_at, &summary.ended_at) {
            // The summary told when it began, not when it was over: the first entry after the
            // start that tells the recovery.
            let after_start = |at: &Moment| match (at.exact(), start.exact()) {
                (Some(at), Some(start)) => at > start,
                _ => clock_of(at).zip(clock_of(start)).is_some_and(|(at, start)| at > start),
            };
            let recovery = self
                .report
                .timeline
                .iter()
                .find(|e| e.time.as_ref().is_some_and(after_start) && text::tells_recovery(&e.text));
            if let Some(end) = recovery.and_then(|e| e.time.clone()) {
                self.report.summary.ended_at = Some(end);
                self.note(
                    "The end of the incident is the first timeline entry after its start that tells the recovery.",
                );
            }
            return;
        }
        if summary.started_at.is_some() || summary.ended_at.is_some() {
            return;
        }
        let (mut start, mut end) = (None, None);
        let mut lower = String::new();
        for entry in &self.report.timeline {
            // Most entries name no outage at all: only those are read word by word.
            lower.clear();
            lower.push_str(&entry.text);
            lower.make_ascii_lowercase();
            if !["outage", "incident", "impact"].iter().any(|k| lower.contains(k)) {
                continue;
            }
            let said = words(&entry.text);
            if start.is_none() && OPENS.iter().any(|k| said.contains(k)) {
                start = entry.time.clone();
            }
            if end.is_none() && CLOSES.iter().any(|k| said.contains(k)) {
                end = entry.time.clone();
            }
        }
        if start.is_some() || end.is_some() {
            self.report.summary.started_at = start;
            self.report.summary.ended_at = end;
            self.note("The start and end of the incident were read from the timeline entries marked as such.");
            return;
        }
        // No entry is marked: the entry that tells the failure began ("the site went down")
        // and a later one that tells it was over ("back to normal"), when the timeline has both.
        let mut timed = self.report.timeline.iter().filter(|e| e.time.is_some());
        // A failure begins near the top of its timeline: only the first entries are read for
        // it, which keeps a timeline of thousands of entries quick.
        let Some(onset) = timed.by_ref().take(50).find(|e| text::tells_onset(&e.text)) else {
            return;
        };
        // "Down for 5 hours and 6 minutes": of the entries that tell a recovery, the one that
        // many hours after the onset, when the summary states the length; else the first.
        let onset_at = onset.time.as_ref().and_then(Moment::exact);
        let stated_end = text::stated_length(&self.report.summary.impact)
            .zip(onset_at)
            .map(|(l, at)| at + l);
        let at_stated_end = |e: &&TimelineEntry| {
            let at = e.time.as_ref().and_then(Moment::exact);
            stated_end
                .zip(at)
                .is_some_and(|(end, at)| (at - end).num_seconds().abs() <= 60)
        };
        let confirmed = stated_end.and_then(|_| {
            timed
                .clone()
                .find(at_stated_end)
                .filter(|e| text::tells_recovery(&e.text))
        });
        let Some(recovery) = confirmed.or_else(|| timed.find(|e| text::tells_recovery(&e.text))) else {
            return;
        };
        let (start, end) = (onset.time.clone(), recovery.time.clone());
        self.report.summary.started_at = start;
        self.report.summary.ended_at = end;
        self.note(
            "The start and end of the incident are the timeline entries that tell the failure began and was over.",
        );
    }

    pub(super) fn push_entry(
        &mut self,
        entries: &mut Vec<DraftEntry>,
        when: Option<When>,
        written: Option<String>,
        date: Option<NaiveDate>,
        rest: &str,
    ) {
        let (kind, actor, text) = split_kind(rest.trim());
        // Untagged (a tag, even `*Other:*`, shortens the text): the words say the kind.
        let tagged = text.len() != rest.trim().len();
        // Under a stage's label, the label is the author's word on the kind; else the words'.
        let (kind, guessed) = match &self.timeline_stage {
            _ if tagged => (kind, false),
            Some((stage, _)) => (*stage, false),
            None => (super::kinds::kind_from_words(text), true),
        };
        entries.push(DraftEntry {
            when,
            written,
            date,
            zone: None,
            text: read_paragraph(text),
            kind,
            guessed: guessed && kind != EntryKind::Other,
            actor,
        });
    }

    /// A table of events: the time column (by its header, or the first), the rest as text.
    pub(super) fn timeline_table(
        &mut self,
        rows: &[Vec<Span>],
        entries: &mut Vec<DraftEntry>,
        zone: &mut Option<Zone>,
    ) -> usize {
        let Some((header, rows)) = rows.split_first() else {
            return 0;
        };
        let names: Vec<String> = header.iter().map(|c| clean_cell(self.raw(c))).collect();
        let keyed: Vec<String> = names.iter().map(|n| words(n)).collect();
        let source = self.source;
        let cell_when = |row: &Vec<Span>, i: usize| {
            let raw = row.get(i).and_then(|c| source.get(c.clone())).unwrap_or_default();
            when::when_prefix(&clean_phrase(&clean_cell(raw)))
        };
        // The time column is the one whose cells read as clock times (not always the first,
        // nor the one headed "Date"); the header decides only between equals.
        let columns = names.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
        let count =
            |test: &dyn Fn(When) -> bool, i: usize| rows.iter().filter(|r| cell_when(r, i).is_some_and(test)).count();
        let clocks: Vec<usize> = (0..columns).map(|i| count(&|w| w.clock.is_some(), i)).collect();
        let named = keyed
            .iter()
            .position(|n| [" time ", " when ", " timestamp "].iter().any(|k| n.contains(k)))
            .or_else(|| keyed.iter().position(|n| n.contains(" date ")));
        let best = clocks.iter().copied().max().unwrap_or(0);
        let time_col = match named {
            Some(n) if clocks.get(n).copied().unwrap_or(0) == best => n,
            _ if best > 0 => clocks.iter().position(|&c| c == best).unwrap_or(0),
            _ => named.unwrap_or(0),
        };
        // A column of dates beside the time column gives each row its date.
        let date_col = (0..columns)
            .filter(|&i| i != time_col)
            .find(|&i| count(&|w| w.date.is_some() && w.clock.is_none(), i) * 2 > rows.len());
        if let Some(found) = when::zone_in(&names[time_col]) {
            *zone = Some(found);
            self.note("The timeline's timezone was taken from its table header.");
        }
        let actor_col = keyed
            .iter()
            .position(|n| [" who ", " actor ", " owner ", " by "].iter().any(|k| n.contains(k)));
        let mut unreadable = 0;
        let mut dated_only = 0;
        for row in rows {
            let cell = |i: usize| row.get(i).map(|c| clean_cell(self.raw(c))).unwrap_or_default();
            let time_text = clean_phrase(&cell(time_col));
            let date = date_col
                .and_then(|i| cell_when(row, i))
                .and_then(|w| w.date)
                .and_then(|d| d.with_year(self.year()));
            let mut parts = Vec::new();
            for i in 0..row.len().max(names.len()) {
                if i != time_col && Some(i) != actor_col && (Some(i) != date_col || date.is_none()) {
                    let value = cell(i);
                    if !value.is_empty() {
                        parts.push(value);
                    }
                }
            }
            let text = parts.join(" — ");
            let actor = actor_col.map(cell).filter(|a| !a.is_empty());
            let whole = when::when_prefix(&time_text).filter(|w| w.end == time_text.len());
            let when = whole.filter(|w| w.clock.is_some());
            match when {
                Some(when) => self.push_entry(entries, Some(when), Some(time_text.clone()), date, &text),
                // A day with no time of day: an untimed entry, its day leading its text, so the
                // key times never rest on a guessed hour.
                None if whole.is_some_and(|w| w.date.is_some()) => {
                    self.push_entry(entries, None, None, date, &format!("{time_text} — {text}"));
                    dated_only += 1;
                }
                None => {
                    self.push_entry(entries, None, None, date, &text);
                    if !time_text.is_empty() {
                        unreadable += 1;
                        if let Some(last) = entries.last_mut() {
                            last.written = Some(time_text.clone());
                        }
                    }
                }
            }
            if let (Some(actor), Some(last)) = (actor, entries.last_mut()) {
                last.actor = Some(actor);
            }
        }
        if dated_only > 0 {
            self.note(format!(
                "{dated_only} timeline row{} gave a day but no time; {} kept without a time, the day at the start of the text.",
                plural(dated_only),
                if dated_only == 1 { "it is" } else { "they are" },
            ));
        }
        unreadable
    }

    /// Says which offset a zone abbreviation ("PST") was read as.
    pub(super) fn note_abbreviation(&mut self, zone: Option<Zone>) {
        if let Some(seasonal) = zone.and_then(|z| z.seasonal) {
            let standard = zone.map(|z| z.offset).unwrap_or(seasonal.summer);
            self.note(format!(
                "{} was read as the local time of each date: {} in winter, {} in summer.",
                seasonal.names,
                timezone_label(standard),
                timezone_label(seasonal.summer)
            ));
            return;
        }
        if let Some((name, offset)) = zone.and_then(|z| z.abbreviation.map(|name| (name, z.offset))) {
            self.note(format!(
                "{name} was read as {} (a fixed offset, without daylight-saving changes).",
                timezone_label(offset)
            ));
        }
    }

    /// `dated_by_start`: the date for times written without one is the incident's stated
    /// start, as in our own export; otherwise it was found elsewhere, which is worth a note.
    pub(super) fn resolve_timeline(
        &mut self,
        entries: Vec<DraftEntry>,
        date: Option<NaiveDate>,
        zone: Option<Zone>,
        dated_by_start: bool,
    ) {
        let year = self.year();
        let mut previous: Option<NaiveTime> = None;
        let mut carried: Option<NaiveDate> = None;
        let mut zone_from_summary = false;
        let mut date_from_summary = false;
        let guessed = entries.iter().filter(|e| e.guessed).count();
        // A status page lists its updates newest first; read in that order, every step back
        // would look like an afternoon or a new day. Such a timeline is resolved as written,
        // then turned round.
        let newest_first = runs_backward(&entries);
        // "13:20" anywhere says the clock is a 24-hour one: "1:00" is then one in the morning.
        let twenty_four_hour = entries
            .iter()
            .filter_map(|e| e.when.as_ref()?.clock.as_ref())
            .any(|c| c.pm.is_none() && c.hour >= 13);
        let first = self.report.timeline.len();
        let mut afternoon: Vec<(String, String)> = Vec::new();
        // A timeline that runs past midnight without saying so: "23:50 …" then "00:20 …".
        let (mut day_base, mut days_on, mut past_midnight) = (None, 0, 0);
        for entry in entries {
            let mut time = None;
            let prior = previous;
            if let Some(mut when) = entry.when {
                if let Some(clock) = when.clock.as_mut() {
                    // "1:52" after "12:16" in a 12-hour timeline without AM/PM is 13:52.
                    let t = clock.time();
                    if clock.pm.is_none() && clock.short_hour && clock.hour < 12 && !twenty_four_hour && !newest_first {
                        if let Some(prev) = previous {
                            let later = t + TimeDelta::hours(12);
                            if t < prev && later >= prev {
                                clock.pm = Some(true);
                                afternoon.push((
                                    entry.written.clone().unwrap_or_default(),
                                    later.format("%H:%M").to_string(),
                                ));
                            }
                        }
                    }
                    previous = Some(clock.time());
                }
                // "2022-01-27 11:00 …" then "14:35 …": a time written without a day is on the
                // day of the dated entry before it.
                if let Some(day) = when.date.and_then(|d| d.with_year(year)) {
                    carried = Some(day);
                }
                let base = entry.date.or(carried).or(date);
                let new_day = base != day_base;
                if new_day {
                    (day_base, days_on) = (base, 0);
                }
                let clock = when.clock.map(|c| c.time());
                let wrapped = clock
                    .zip(prior)
                    .is_some_and(|(t, p)| t < p && p - t > TimeDelta::hours(12));
                if !new_day && when.date.is_none() && wrapped && !newest_first {
                    days_on += 1;
                    past_midnight += 1;
                }
                let entry_date = base.map(|day| day + TimeDelta::days(days_on));
                let entry_zone = entry.zone.or(zone);
                zone_from_summary |= when.zone.is_none() && entry.zone.is_none() && zone.is_some();
                date_from_summary |= when.date.is_none() && entry.date.is_none() && date.is_some();
                let written = Written {
                    when: Some(when),
                    text: entry.written.clone().unwrap_or_default(),
                };
                time = Some(resolve(&written, entry_date, entry_zone, year));
            } else if let Some(text) = entry.written {
                time = Some(Moment::AsWritten(text));
            }
            self.report.timeline.push(crate::model::TimelineEntry {
                time,
                kind: entry.kind,
                text: entry.text,
                actor: entry.actor,
                milestone: None,
            });
        }
        if newest_first {
            self.report.timeline[first..].reverse();
            self.note("The timeline was written newest first; its entries were put in time order.");
        }
        // One note for them all: a long timeline may have dozens.
        match afternoon.len() {
            0 => {}
            1 => self.note(format!(
                "{} was read as {}: the timeline runs forward and gives no AM/PM.",
                afternoon[0].0, afternoon[0].1
            )),
            n => {
                let some: Vec<String> = afternoon.iter().take(3).map(|(w, t)| format!("{w} as {t}")).collect();
                self.note(format!(
                    "{n} times written without AM/PM were read as afternoon times, since the timeline runs forward: {}{}.",
                    some.join(", "),
                    if n > 3 { ", …" } else { "" }
                ));
            }
        }
        let exact = self
            .report
            .timeline
            .iter()
            .any(|e| e.time.as_ref().and_then(Moment::exact).is_some());
        if exact && past_midnight > 0 {
            self.note(format!(
                "The timeline passes midnight {past_midnight} time{} without giving the day; the times after it were read on the next day.",
                plural(past_midnight)
            ));
        }
        if guessed > 0 {
            self.note(format!(
                "{guessed} timeline {} no kind; {} read from {} words (detection, mitigation, resolution…), and the key times follow them. Check them in the form.",
                if guessed == 1 { "entry had" } else { "entries had" },
                if guessed == 1 { "it was" } else { "they were" },
                if guessed == 1 { "its" } else { "their" },
            ));
        }
        if exact && zone_from_summary {
            self.note("Timeline times without a timezone were read in the summary's timezone.");
        }
        if exact && date_from_summary && !dated_by_start && !self.dated_by_title {
            self.note("Timeline times without a date were read on the date the report gives elsewhere.");
        }
    }
}

/// Whether a timeline's times mostly step back as it is read: newest first. Steps are taken
/// between neighbouring timed entries, by date where both give a different one, else by clock;
/// a single step back (a night passing) never makes it so.
fn runs_backward(entries: &[DraftEntry]) -> bool {
    // (year if written, month, day): a year missing on either side is not compared.
    type Day = (Option<i32>, u32, u32);
    let times: Vec<(Option<Day>, NaiveTime)> = entries
        .iter()
        .filter_map(|e| {
            let when = e.when.as_ref()?;
            let day = when
                .date
                .map(|d| (d.year, d.month, d.day))
                .or_else(|| e.date.map(|d| (Some(d.year()), d.month(), d.day())));
            Some((day, when.clock.as_ref()?.time()))
        })
        .collect();
    let (mut forward, mut back) = (0, 0);
    for pair in times.windows(2) {
        let ((d0, t0), (d1, t1)) = (pair[0], pair[1]);
        let order = match (d0, d1) {
            (Some((y0, m0, a0)), Some((y1, m1, a1)))
                if (m0, a0) != (m1, a1) || y0.zip(y1).is_some_and(|(a, b)| a != b) =>
            {
                let years = y0.zip(y1).map_or(std::cmp::Ordering::Equal, |(a, b)| a.cmp(&b));
                years.then((m0, a0).cmp(&(m1, a1)))
            }
            _ => t0.cmp(&t1),
        };
        match order {
            std::cmp::Ordering::Less => forward += 1,
            std::cmp::Ordering::Greater => back += 1,
            std::cmp::Ordering::Equal => {}
        }
    }
    back >= 2 && back > 2 * forward
}

/// A timeline entry before its time is resolved.
pub(super) struct DraftEntry {
    pub(super) when: Option<When>,
    /// The time as written, kept when it cannot be made exact.
    pub(super) written: Option<String>,
    pub(super) date: Option<NaiveDate>,
    pub(super) zone: Option<Zone>,
    pub(super) text: String,
    pub(super) kind: EntryKind,
    /// The kind was read from the entry's words, not a tag.
    pub(super) guessed: bool,
    pub(super) actor: Option<String>,
}

/// The time at the start of a timeline line and the rest: `**15:00 UTC:** text`,
/// `- 3:00 PM GMT - text`, `14:10 ::::: text`. The time is `None` for our export's way of
/// writing a time it could not read: in bold, then an em dash (`**around noon** — text`).
pub(super) fn split_time(line: &str) -> Option<(Option<When>, String, Cow<'_, str>)> {
    // "~18:30", "≈ 18:30", "approx. 18:30": a time given roughly is still the entry's time.
    let line = line.trim_start();
    if let Some(end) = relative_time_len(line) {
        return Some((None, line[..end].to_owned(), strip_separator(&line[end..]).into()));
    }
    let line = ["~", "≈", "approx. ", "ca. ", "around "]
        .iter()
        .find_map(|p| {
            line.strip_prefix(p)
                .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit() || c == ' '))
        })
        .map_or(line, str::trim_start);
    // "[14:05] text", "(14:05) text", "`14:05` text"
    for (open, close) in [('[', ']'), ('(', ')'), ('`', '`')] {
        if let Some(inside) = line.strip_prefix(open) {
            if let Some(end) = inside.find(close) {
                let inner = inside[..end].trim();
                let rest = strip_separator(&inside[end + 1..]);
                let first = when::when_prefix(inner);
                if let Some(span) = first
                    .and_then(|first| leading_span(inner, first))
                    .filter(|span| span.2.end == inner.len())
                {
                    return Some(span_entry(inner, span, rest));
                }
                if let Some(when) = first.filter(|w| w.end == inner.len() && w.clock.is_some()) {
                    return Some((Some(when), inner.to_owned(), rest.into()));
                }
            }
        }
    }
    if let Some((inner, rest)) = strip_wrapper(line) {
        let inner_trimmed = inner.trim().trim_end_matches(':').trim_end();
        let first = when::when_prefix(inner_trimmed);
        if let Some(span) = first
            .and_then(|first| leading_span(inner_trimmed, first))
            .filter(|span| span.2.end == inner_trimmed.len())
        {
            return Some(span_entry(inner_trimmed, span, strip_separator(rest)));
        }
        if let Some(when) = first {
            if when.end == inner_trimmed.len() {
                return Some((Some(when), inner_trimmed.to_owned(), strip_separator(rest).into()));
            }
        }
        if rest.starts_with(" \u{2014} ") && !inner.contains('*') && line.starts_with("**") {
            return Some((None, inner.to_owned(), strip_separator(rest).into()));
        }
        // The time and the text in one bold run: "**09:11 PM UTC — Exploit executed**".
        let (when, written, after) = separated_time(inner_trimmed, first?)?;
        let marker = &line[..(line.len() - inner.len() - rest.len()) / 2];
        let text = format!("{marker}{}{marker}{rest}", strip_separator(after).trim_end());
        return Some((when, written, text.into()));
    }
    let first = when::when_prefix(line)?;
    if let Some(span) = leading_span(line, first).filter(|span| is_separated(&line[span.2.end..])) {
        let rest = strip_separator(&line[span.2.end..]);
        return Some(span_entry(line, span, rest));
    }
    let (when, written, rest) = separated_time(line, first)?;
    Some((when, written, strip_separator(rest).into()))
}

/// "13:55-14:10 UTC", "14:40 – 14:45": a span of time opening `text`: its start (with the
/// zone written after its end), where the start is written, and where the end is; `first`
/// is the moment `text` opens with.
fn leading_span(text: &str, first: When) -> Option<(When, Range<usize>, Range<usize>)> {
    // Only the line's opening is looked at: a timeline is read line by line, often more than
    // once, and a span starts where the line does. A cut mid-way must leave the span whole.
    if first.start != 0 || first.clock.is_none() {
        return None;
    }
    let after = text[first.end..].trim_start();
    if ![
        "-", "\u{2013}", "\u{2014}", "to ", "until ", "till ", "through ", "and ", "\u{2192}",
    ]
    .iter()
    .any(|joint| after.get(..joint.len()).is_some_and(|a| a.eq_ignore_ascii_case(joint)))
    {
        return None;
    }
    let mut cut = text.len().min(96);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let (from, to) = when::find_range(&text[..cut]).filter(|(from, _)| from.start == 0)?;
    (cut == text.len() || to.end + 8 <= cut).then_some((from, from.start..from.end, to.start..to.end))
}

/// An entry at the start of a span; the span's end stays in its text, since an entry holds
/// one time: "(until 14:10 UTC) Rolled back".
fn span_entry<'a>(
    text: &str,
    (from, start, end): (When, Range<usize>, Range<usize>),
    rest: &str,
) -> (Option<When>, String, Cow<'a, str>) {
    (
        Some(from),
        text[start].to_owned(),
        format!("(until {}) {rest}", &text[end]).into(),
    )
}

/// "**Time of Detection:** 2025-08-18 23:25 UTC (Prometheus alerts)": a field line whose
/// value is a time is an entry at that time; its label tells what happened.
/// `time` is the value read as one.
fn labelled_time<'a>(
    line: &str,
    value: &str,
    (when, written, rest): (Option<When>, String, Cow<'_, str>),
) -> (Option<When>, String, Cow<'a, str>) {
    let label = line[..line.len() - value.len()]
        .trim()
        .trim_matches(['*', '_'])
        .trim_end()
        .trim_end_matches(':')
        .trim_matches(['*', '_'])
        .trim();
    let rest = rest.trim();
    let text = match rest {
        "" => label.to_owned(),
        aside if aside.starts_with('(') => format!("{label} {aside}"),
        _ => format!("{label}: {rest}"),
    };
    (when, written, text.into())
}

/// Whether a line starts with a clock time ("14:05 …", "**2:00 PM** …").
fn clock_first(line: &str) -> bool {
    split_time(line).is_some_and(|(w, _, _)| w.is_some_and(|w| w.clock.is_some()))
}

/// "At 14:09 UTC, the engineer confirmed…", "Around 9:40 the pages began": a sentence that
/// opens with the time of what it tells.
fn opens_with_time(line: &str) -> bool {
    let line = line.trim_start();
    // ASCII lowercasing keeps every byte where it was, so the lead's length cuts `line` too.
    let lower = line.to_ascii_lowercase();
    [
        "at around ",
        "at about ",
        "at approximately ",
        "at ",
        "around ",
        "approximately ",
        "by ",
    ]
    .iter()
    .find(|lead| lower.starts_with(*lead))
    .is_some_and(|lead| clock_first(&line[lead.len()..]))
}

/// The length of a time given from the start of the incident at the start of a line: "T+5m",
/// "T+1h30m", "T-2 min", "T+00:05". Kept as written: it names no clock time.
fn relative_time_len(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    if !matches!(bytes.first(), Some(b'T' | b't')) || !matches!(bytes.get(1), Some(b'+' | b'-')) {
        return None;
    }
    let mut at = 2;
    let mut parts = 0;
    loop {
        let digits = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit() || **b == b':')
            .count();
        if digits == 0 {
            break;
        }
        at += digits;
        let space = usize::from(bytes.get(at) == Some(&b' '));
        let unit = bytes[at + space..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let word = line[at + space..at + space + unit].to_ascii_lowercase();
        const UNITS: &[&str] = &[
            "s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute", "minutes", "h", "hr", "hrs", "hour",
            "hours", "d", "day", "days",
        ];
        if UNITS.contains(&word.as_str()) {
            at += space + unit;
        } else if !line[at - digits..at].contains(':') {
            return None;
        }
        parts += 1;
    }
    (parts > 0 && bytes.get(at).is_none_or(|b| !b.is_ascii_alphanumeric())).then_some(at)
}

/// The seconds a relative time names: "T+5m" 300, "T+1h05m" 3900, "T-2 min" -120,
/// "T+00:05" 300 (hours and minutes).
fn offset_seconds(written: &str) -> Option<i64> {
    let end = relative_time_len(written)?;
    let sign = if written.as_bytes()[1] == b'-' { -1 } else { 1 };
    let body = written[2..end].to_ascii_lowercase();
    if body.contains(':') {
        let mut parts = body.split(':').map(|p| p.trim().parse::<i64>().ok());
        let (hours, minutes) = (parts.next()??, parts.next()??);
        return Some(sign * (hours * 3600 + minutes * 60));
    }
    let mut total = 0;
    let mut number = String::new();
    let mut chars = body.chars().filter(|c| *c != ' ').peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let mut unit = c.to_string();
        while let Some(next) = chars.next_if(char::is_ascii_alphabetic) {
            unit.push(next);
        }
        let seconds = match unit.chars().next() {
            Some('s') => 1,
            Some('m') => 60,
            Some('h') => 3600,
            Some('d') => 86_400,
            _ => return None,
        };
        total += number.parse::<i64>().ok()? * seconds;
        number.clear();
    }
    (number.is_empty()).then_some(sign * total)
}

/// The time `line` opens with (`when`), if the text after it is set apart from it.
fn separated_time(line: &str, when: When) -> Option<(Option<When>, String, &str)> {
    let rest = &line[when.end..];
    is_separated(rest).then(|| (Some(when), line[when.start..when.end].to_owned(), rest))
}

/// Whether the text after a time is set apart from it (or there is none).
fn is_separated(rest: &str) -> bool {
    rest.is_empty() || rest.starts_with([' ', ':', '-', '\u{2013}', '\u{2014}', '|', ',', ')', '.'])
}

/// One separator between a time and its text: " — ", " - ", ": ", " ::::: ", " | ".
pub(super) fn strip_separator(rest: &str) -> &str {
    let rest = rest.trim_start();
    let after = if rest.starts_with(':') {
        rest.trim_start_matches(':')
    } else {
        ["\u{2014}", "\u{2013}", "--", "-", "|", ","]
            .iter()
            .find_map(|s| rest.strip_prefix(s))
            .unwrap_or(rest)
    };
    if after.len() == rest.len() || after.is_empty() || after.starts_with(char::is_whitespace) {
        after.trim_start()
    } else {
        rest
    }
}

/// `*Detection (Dana):* text` → the kind, the actor and the text.
pub(super) fn split_kind(text: &str) -> (EntryKind, Option<String>, &str) {
    if let Some(tag) = text.strip_prefix('*').filter(|t| !t.starts_with('*')) {
        if let Some(close) = tag.find(":*") {
            let inner = &tag[..close];
            let (name, actor) = match inner.split_once(" (") {
                Some((name, actor)) if actor.ends_with(')') => (name, Some(actor[..actor.len() - 1].to_owned())),
                _ => (inner, None),
            };
            if let Some(kind) = EntryKind::from_name(name) {
                return (kind, actor, tag[close + 2..].trim_start());
            }
        }
    }
    (EntryKind::Other, None, text)
}

/// "( All times EDT )", "All times are in UTC.": a short note that sets the timeline's zone.
pub(super) fn zone_note(text: &str) -> Option<Zone> {
    let lower = words(text);
    let short = text.split_whitespace().count() <= 8;
    (short && (lower.contains(" times ") || lower.contains(" time ") || text.trim().starts_with('(')))
        .then(|| when::zone_in(text))
        .flatten()
}

/// The time of day of a moment, exact or as written ("~5:08pm").
fn clock_of(moment: &Moment) -> Option<NaiveTime> {
    match moment {
        Moment::Exact(at) => Some(at.time()),
        Moment::AsWritten(text) => when::find_moment(text)?.clock.map(|c| c.time()),
    }
}
