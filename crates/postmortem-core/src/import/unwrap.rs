//! Paragraphs that an editor hard-wrapped at a fixed width, joined back into one line each.
//!
//! Markdown renders a soft line break as a space, so a wrapped paragraph looks the same in the
//! preview either way. In the form's text boxes, which wrap by themselves, lines broken at
//! column 80 read as sentences cut in half.
//!
//! Two steps, as a reader would judge it. The whole document first: it was wrapped when many
//! of its paragraph lines that go on to another line end near one width ([`wrap_width`]).
//! Then each break in a field: it is the wrapper's when the line before is full and the text
//! goes on mid-sentence. Lines a person broke on purpose (a sentence or a label per line, a
//! short list written without markers, a time per line, a quoted chat log) keep their breaks.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::outline::{Block, Body};
use super::reads_as_entry_start;
use super::text::{apply_edits, split_label};
use crate::preview;

/// The narrowest width taken for a wrapper's: shorter lines are a list or a verse.
const MIN_WIDTH: usize = 50;

/// The width the document was wrapped at, if it was. Of the lines that a paragraph or item
/// goes on from (its last line left out), a wrapper's end between 85% of its width and the
/// width: the width is the one with the most lines so, and the document was wrapped when they
/// are at least 2 in 5 of its lines. A document with a sentence or a clause per line has lines
/// of all lengths, and one written by a person who hard-wraps only some paragraphs still
/// shows the width in those.
pub fn wrap_width(source: &str, blocks: &[Block]) -> Option<usize> {
    let mut widths: Vec<usize> = Vec::new();
    for block in blocks {
        if !matches!(block.body, Body::Paragraph | Body::Item { .. }) {
            continue;
        }
        let Some((_, going_on)) = block.lines.split_last() else {
            continue;
        };
        for line in going_on {
            // The line as the wrapper saw it: from the start of its source line, markers and
            // indentation included. A quote's lines are the quoted author's.
            let line_start = source[..line.start].rfind('\n').map_or(0, |at| at + 1);
            let Some(written) = source.get(line_start..line.end) else {
                continue;
            };
            if written[..line.start - line_start].contains('>') {
                continue;
            }
            widths.push(written.trim_end().chars().count());
        }
    }
    widths.sort_unstable();
    // For each width, the lines that end within 85% of it: a window sliding over the sorted
    // widths.
    let mut best = (0, 0);
    let mut low = 0;
    for (high, &width) in widths.iter().enumerate() {
        while widths[low] * 20 < width * 17 {
            low += 1;
        }
        if width >= MIN_WIDTH && high + 1 - low > best.1 {
            best = (width, high + 1 - low);
        }
    }
    let (width, near) = best;
    (near >= 4 && near * 5 >= widths.len() * 2).then_some(width)
}

/// `text` with each paragraph that was wrapped at `width` on one line; `None` when none was.
pub fn unwrap_paragraphs(text: &str, width: usize) -> Option<String> {
    // Most fields are one line; parsing them would cost a timeline of thousands of entries.
    if !text.contains('\n') {
        return None;
    }
    let mut joins: Vec<Range<usize>> = Vec::new();
    let mut run = Run::default();
    let mut quotes = 0usize;
    for (event, range) in Parser::new_ext(text, preview::options()).into_offset_iter() {
        match event {
            Event::Start(tag) if is_inline(&tag) => run.inline(range.start),
            // An element's end is found by its text; its range is the whole element's.
            Event::End(tag) if is_inline_end(tag) => {}
            Event::Start(Tag::BlockQuote(_)) => {
                run.finish(text, width, &mut joins);
                quotes += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                run.finish(text, width, &mut joins);
                quotes = quotes.saturating_sub(1);
            }
            Event::Start(_) | Event::End(_) => run.finish(text, width, &mut joins),
            // A quoted log or chat keeps its lines, even where Markdown would join them.
            Event::SoftBreak if quotes == 0 => run.soft_break(range),
            Event::SoftBreak | Event::HardBreak => run.hold(),
            // "`cannot execute INSERT in a read-only` / `transaction`" wrapped over two lines:
            // its line ending is a break like any other (Markdown shows it as a space).
            Event::Code(_) if quotes == 0 && text[range.clone()].contains('\n') => {
                let mut from = range.start;
                for (at, _) in text[range.clone()].match_indices('\n') {
                    let end = range.start + at;
                    let next = end + 1 + text[end + 1..].len() - text[end + 1..].trim_start_matches([' ', '\t']).len();
                    run.inline_to(from..end);
                    run.soft_break(end..next);
                    from = next;
                }
                run.inline_to(from..range.end);
            }
            _ => run.inline_to(range),
        }
    }
    run.finish(text, width, &mut joins);
    if joins.is_empty() {
        return None;
    }
    let edits = joins.into_iter().map(|join| (join, " ".to_owned())).collect();
    Some(apply_edits(text, edits))
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

/// The lines of one run of inline text (a paragraph, or a tight list item's text), as offsets.
#[derive(Default)]
struct Run {
    /// Where each line starts and ends, the break that follows it excluded.
    lines: Vec<Range<usize>>,
    /// The current line: its start, once its first event is seen, and its end so far.
    line: Option<Range<usize>>,
    /// A soft break was seen and the next line has not started yet.
    after_break: bool,
    /// A hard break or a quote: the run is kept as written.
    held: bool,
}

impl Run {
    fn inline(&mut self, at: usize) {
        self.inline_to(at..at);
    }

    fn inline_to(&mut self, range: Range<usize>) {
        match &mut self.line {
            Some(line) if !self.after_break => line.end = line.end.max(range.end),
            _ => {
                self.line = Some(range);
                self.after_break = false;
            }
        }
    }

    fn soft_break(&mut self, at: Range<usize>) {
        if let Some(line) = self.line.take() {
            self.lines.push(line.start..line.end.max(at.start));
        }
        self.after_break = true;
    }

    fn hold(&mut self) {
        self.held = true;
        self.after_break = true;
        if let Some(line) = self.line.take() {
            self.lines.push(line);
        }
    }

    /// Ends the run: when its breaks are a wrapper's, each becomes a join (the break, the
    /// spaces around it and the next line's indentation, to be replaced by one space).
    fn finish(&mut self, text: &str, width: usize, joins: &mut Vec<Range<usize>>) {
        let mut run = std::mem::take(self);
        if let Some(line) = run.line.take() {
            run.lines.push(line);
        }
        if run.held || run.lines.len() < 2 {
            return;
        }
        let lines: Vec<&str> = run.lines.iter().map(|r| text[r.clone()].trim()).collect();
        for breaks in wrapped_breaks(&lines, width) {
            for n in breaks {
                let before = &run.lines[n];
                let end = before.start + text[before.clone()].trim_end().len();
                // Up to the next line's first character: the parser's text of "\*" starts
                // after the backslash, which must stay.
                let next = run.lines[n + 1].start;
                let line_start = text[end..next].find('\n').map_or(next, |at| end + at + 1);
                let indent =
                    text[line_start..next].len() - text[line_start..next].trim_start_matches([' ', '\t']).len();
                joins.push(end..line_start + indent);
            }
        }
    }
}

/// The breaks of a paragraph (by the line before them) that a wrapper at `width` made, in
/// runs to be joined. A break is a wrapper's when the line before is full (the next line's
/// first word would not have fitted on it) and the next line does not start like an item, a
/// label or a time. A run of such breaks is joined when most of them fall mid-sentence: lines
/// that each end a sentence were broken so on purpose.
fn wrapped_breaks(lines: &[&str], width: usize) -> Vec<Range<usize>> {
    // For each break: `None` when its author made it, else whether it falls mid-sentence.
    let breaks: Vec<Option<bool>> = lines
        .windows(2)
        .enumerate()
        .map(|(n, pair)| {
            let (before, after) = (pair[0], pair[1]);
            let next_word = after.split_whitespace().next().map_or(0, |w| w.chars().count());
            let length = before.chars().count();
            // A wrapper fills a line up to its width; a person's break leaves room. The slack
            // allows for wrapping by hand, where widths drift by a word or two, and for the
            // indentation of a nested item. The first line may have lost a time, a label or
            // the entries before it on its source line, so its length tells nothing: it was
            // wrapped when its sentence goes on in lower case. A line may run past the width by
            // its last word (an editor breaks at the space typed after it, and a link's address
            // has none); longer than that, it was not wrapped at that width, unless its
            // sentence goes on: a reference link given its address in place made it longer.
            let goes_on = after.starts_with(char::is_lowercase);
            let full = (length + 1 + next_word) * 4 >= width * 3 || (n == 0 && goes_on);
            let too_long = !goes_on
                && before
                    .rsplit_once(' ')
                    .is_some_and(|(kept, _)| kept.chars().count() > width + 2);
            let mid_sentence = !before.ends_with(['.', '!', '?', ':', ';']) || goes_on;
            // "1." or "-" alone opens an empty item: the line after it is the item's, not
            // more of a wrapped line.
            let bare_marker = matches!(before, "-" | "*" | "+")
                || before
                    .strip_suffix(['.', ')'])
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            (full && !too_long && !bare_marker && !starts_own_line(after)).then_some(mid_sentence)
        })
        .collect();
    let mut runs = Vec::new();
    let mut start = 0;
    for run in breaks.split(Option::is_none) {
        let mid_sentence = run.iter().filter(|b| **b == Some(true)).count();
        if !run.is_empty() && mid_sentence * 2 >= run.len() {
            runs.push(start..start + run.len());
        }
        start += run.len() + 1;
    }
    runs
}

/// A line that starts like one of a list written without Markdown's markers: a bullet sign, a
/// number ("2)", which Markdown cannot start a list with here), a label or a time; or a line
/// of columns.
fn starts_own_line(line: &str) -> bool {
    let first = line.chars().next().unwrap_or(' ');
    let sign = !first.is_alphanumeric() && !"([`*_~'\"“‘$<".contains(first);
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = digits > 0
        && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
        && matches!(line.as_bytes().get(digits + 1), None | Some(b' ' | b'\t'));
    // "1.2 The file was regenerated": a formal report's numbered clause.
    let clause = digits > 0 && line.as_bytes().get(digits) == Some(&b'.') && {
        let rest = &line[digits + 1..];
        let more = rest.bytes().take_while(u8::is_ascii_digit).count();
        more > 0 && rest[more..].starts_with(' ')
    };
    // "Duration: two hours", "status: mitigated": a short label. A wrapped sentence can have
    // a colon early on ("the cause was simple: …"), but seldom after a capital and at most
    // three words, or right after its first word.
    let label = split_label(line).is_some_and(|(label, _)| {
        let words = label.split(' ').count();
        words == 1 || (first.is_uppercase() && words <= 3)
    });
    // "Normal   MetricSuccessful   Metric 'latency' Completed": columns lined up with spaces,
    // a log or a table pasted as text. Two spaces after a full stop are only a typist's habit.
    let columns = line.contains('\t')
        || line
            .trim_end()
            .match_indices("  ")
            .any(|(at, _)| !line[..at].ends_with(['.', '!', '?', ':', ' ']) && at > 0);
    sign || numbered || clause || label || columns || reads_as_entry_start(line)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::preview::{write_html, RemoteImages};
    use crate::test_support::{block_markdown, config, raw_text};

    const WIDTH: usize = 72;

    fn unwrap(text: &str) -> String {
        unwrap_paragraphs(text, WIDTH).unwrap_or_else(|| text.to_owned())
    }

    const WRAPPED: &str = "The billing worker kept retrying the same batch of invoices after the\n\
                           database failed over, and each retry opened a new connection until the\n\
                           pool was exhausted for every other service.";

    fn width_of(source: &str) -> Option<usize> {
        wrap_width(source, &super::super::outline::read(source))
    }

    #[test]
    fn a_document_wrapped_at_a_fixed_width_is_told_from_one_with_a_sentence_per_line() {
        let wrapped = format!("# Queue outage\n\n{WRAPPED}\n\n- {WRAPPED}\n\n{WRAPPED}\n");
        assert!(
            width_of(&wrapped).is_some_and(|w| (68..=74).contains(&w)),
            "{:?}",
            width_of(&wrapped)
        );
        let by_sentence = "The deploy went out at noon.\nNobody noticed anything unusual at first, because the \
                           dashboards were green.\nThe queue grew.\n\nWe rolled back at one,\nand the \
                           queue drained within the hour, long before the next deploy window opened.\nDone.\n";
        assert_eq!(width_of(by_sentence), None);
        let quoted = WRAPPED
            .lines()
            .map(|l| format!("> {l}\n"))
            .collect::<String>()
            .repeat(3);
        assert_eq!(width_of(&quoted), None);
        assert_eq!(width_of("Checkout\nPayments\nSearch\nLogin\nSignup\n"), None);
    }

    #[test]
    fn a_paragraph_wrapped_at_a_fixed_width_is_one_line() {
        assert_eq!(
            unwrap(WRAPPED),
            "The billing worker kept retrying the same batch of invoices after the database failed \
             over, and each retry opened a new connection until the pool was exhausted for every \
             other service."
        );
    }

    #[test]
    fn a_code_span_wrapped_over_two_lines_is_joined_with_the_rest() {
        let text = "Every write routed through the two stale pools failed with `cannot execute\n\
                    INSERT in a read-only transaction`. Because requests are spread evenly, about\n\
                    40% of writes failed.";
        assert_eq!(
            unwrap(text),
            "Every write routed through the two stale pools failed with `cannot execute INSERT in a \
             read-only transaction`. Because requests are spread evenly, about 40% of writes failed."
        );
    }

    #[test]
    fn only_the_wrapped_paragraphs_are_joined_and_the_rest_is_kept_byte_for_byte() {
        let text = format!("{WRAPPED}\n\n```\nretry 1\nretry 2\n```\n\nShort line.\nAnother short line.\n");
        let out = unwrap(&text);
        assert!(out.starts_with("The billing worker kept retrying the same batch of invoices after the database"));
        assert!(
            out.ends_with("every other service.\n\n```\nretry 1\nretry 2\n```\n\nShort line.\nAnother short line.\n")
        );
    }

    #[test]
    fn lines_broken_on_purpose_keep_their_breaks() {
        let kept = [
            // A formal report's numbered clauses.
            "1.1 The scheduled batch that builds the bulk payment file failed at the\n1.2 The file was regenerated and submitted to the payment scheme in time.",
            // One label per line.
            "Customers affected: every tenant in the EU region during the window\nDuration: two hours and ten minutes, from the deploy to the rollback",
            // Short lines: a list written without markers.
            "Checkout\nPayments\nSearch",
            // A sentence per line.
            "The deploy went out at noon and nobody noticed anything unusual at first.\nThe queue began to grow within ten minutes of the rollout finishing.",
            // A time per line.
            "10:02 the pager fired for elevated error rates on the checkout service\n10:09 the on-call engineer acknowledged and began looking at dashboards",
            // A log pasted as text, its columns lined up.
            "Warning  MetricFailed      AnalysisRun  Metric 'success-rate' Completed. Result: Failed\nNormal   MetricSuccessful  AnalysisRun  Metric 'latency' Completed. Result: Successful",
            // Front matter that Markdown does not know as such.
            "name: \"Incident report for the validator stall of the seventeenth\"\nabout: \"the standard template\"",
            // Items numbered without Markdown's list syntax.
            "We decided to take three steps to keep this from happening again soon:\n2) add an alert on the connection pool's saturation before it is full",
        ];
        for text in kept {
            assert_eq!(unwrap_paragraphs(text, WIDTH), None, "{text}");
        }
    }

    #[test]
    fn a_first_line_shortened_by_what_was_read_off_it_is_joined_when_its_sentence_goes_on() {
        // "21:27 - Monitoring system sends second" ended a source line full of earlier entries.
        assert_eq!(
            unwrap("Monitoring system sends second\ne-mail, reporting the site is down."),
            "Monitoring system sends second e-mail, reporting the site is down."
        );
    }

    #[test]
    fn a_break_made_on_purpose_splits_a_paragraph_and_only_the_wrapped_part_is_joined() {
        let text = "From the monitoring data (the highlighted line is the moving average of the\n\
                    successful pings):\n![](pings.png)";
        assert_eq!(
            unwrap(text),
            "From the monitoring data (the highlighted line is the moving average of the successful \
             pings):\n![](pings.png)"
        );
    }

    #[test]
    fn a_line_made_longer_by_a_link_given_its_address_is_joined_when_its_sentence_goes_on() {
        let text =
            "As the review of [the earlier stall](https://example.com/incidents/0002-validator-stall.md) found, the\n\
                    validator had been failing for a week before anyone was paged about it at all.";
        assert_eq!(unwrap(text), text.replace("the\n", "the "));
    }

    #[test]
    fn a_wrapped_list_item_is_one_line_and_stays_an_item() {
        let text = "- The billing worker kept retrying the same batch of invoices after the\n  \
                    database failed over, and each retry opened a new connection.\n- Short item";
        assert_eq!(
            unwrap(text),
            "- The billing worker kept retrying the same batch of invoices after the database \
             failed over, and each retry opened a new connection.\n- Short item"
        );
    }

    #[test]
    fn emphasis_and_links_across_a_break_are_joined_whole() {
        let text = "The billing worker kept retrying the *same batch of invoices after\nthe* database failed \
                    over; see [the retry\npolicy](https://example.com/retries) for how often it tries.";
        assert_eq!(
            unwrap(text),
            "The billing worker kept retrying the *same batch of invoices after the* database failed \
             over; see [the retry policy](https://example.com/retries) for how often it tries."
        );
    }

    #[test]
    fn quotes_and_hard_breaks_are_kept_as_written() {
        let quote = "> The billing worker kept retrying the same batch of invoices after the\n\
                     > database failed over, and each retry opened a new connection until the";
        assert_eq!(unwrap_paragraphs(quote, WIDTH), None);
        let hard = "The billing worker kept retrying the same batch of invoices after the  \n\
                    database failed over, and each retry opened a new connection until the\n\
                    pool was exhausted.";
        assert_eq!(unwrap_paragraphs(hard, WIDTH), None);
    }

    #[test]
    fn spaces_at_a_break_leave_one_space() {
        let text = WRAPPED.replace('\n', " \n");
        assert!(!unwrap(&text).contains("  "));
    }

    /// The joins are only ever where Markdown shows a space: the preview is the same.
    fn rendered(markdown: &str) -> String {
        let mut html = String::new();
        write_html(markdown, RemoteImages::Load, &mut html);
        html.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    proptest! {
        #![proptest_config(config(300))]

        #[test]
        fn joining_never_changes_what_the_preview_shows(
            text in prop_oneof![block_markdown(), raw_text()],
            width in 8usize..90,
        ) {
            if let Some(joined) = unwrap_paragraphs(&text, width) {
                prop_assert_eq!(rendered(&joined), rendered(&text), "{:?} became {:?}", text, joined);
            }
        }
    }
}
