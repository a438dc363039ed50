//! Keeping user-typed Markdown inside the place the template puts it.
//!
//! Authors type Markdown and it is exported as Markdown, so emphasis, code, links, lists and
//! fences pass through. What must not pass is anything that changes the document's outline
//! (its headings of level 1 to 3 are the template's) or swallows the sections after a field.
//! There are two kinds of field, with one rule each:
//!
//! - A *paragraph field* (a summary field, a timeline entry, a task, a lesson) is the text of
//!   one list item. It holds no blocks, so every line start that could open one (a heading,
//!   list, quote, fence, HTML, table row, setext underline or rule) is backslash-escaped.
//! - A *block field* (root cause, resolution, an extra section's body) keeps its blocks. What a
//!   line means there depends on the containers around it: `    # x` after a paragraph is text,
//!   but after `- ` it is a heading inside the list item. No rule per line can know that, so the
//!   body is parsed with pulldown-cmark, the parser the preview renders with. Every heading of
//!   level 1 to 3 at any depth, every setext underline and every HTML block gets a backslash
//!   before the character that makes it, and the body is parsed again until it has none. A fence
//!   still open at the body's top level is closed (inside a list or quote the next section's
//!   heading closes it).
//!
//! The readers take out exactly the backslashes the writers put in, which they check by writing
//! their result again, so `import(export(report))` gives the report back.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

/// Lines as the author meant them: Windows and old Mac line ends become `\n`.
pub fn normalize_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// Writes the text of one list item (a timeline entry, a summary field, a task). Lines are
/// kept as soft breaks and paragraphs as paragraphs, indented by `indent` so that they stay
/// inside the item they belong to.
pub fn push_paragraph(out: &mut String, text: &str, indent: &str) {
    let text = normalize_newlines(text);
    let mut first = true;
    let mut paragraph_break = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            paragraph_break = !first;
            continue;
        }
        if !first {
            out.push('\n');
            if paragraph_break {
                out.push('\n');
            }
            out.push_str(indent);
        }
        first = false;
        paragraph_break = false;
        push_escaped_line_start(out, line);
    }
}

/// Text for a single line (a heading, a label value): line breaks become spaces.
pub fn single_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes a heading's text. A trailing run of `#` would be read as the heading's closing
/// sequence and vanish, so it is escaped.
pub fn push_heading_text(out: &mut String, text: &str) {
    let text = single_line(text);
    let kept = text.trim_end_matches('#');
    out.push_str(kept);
    if kept.len() < text.len() {
        out.push('\\');
        out.push_str(&text[kept.len()..]);
    }
}

/// Writes a block of Markdown (root cause, resolution, an extra section body) that sits under
/// one of the template's headings, ending with a newline.
pub fn push_block(out: &mut String, text: &str) {
    let text = normalize_newlines(text);
    // Blank lines at either end would read back as part of the neighbouring headings' space.
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
    let last = lines.iter().rposition(|l| !l.is_empty()).map_or(first, |n| n + 1);
    let mut body = String::with_capacity(text.len() + 8);
    for line in &lines[first..last] {
        body.push_str(line);
        body.push('\n');
    }
    // Each round escapes every construct the parser finds; escaping one can turn the lines
    // after it into a new one (an underline escaped makes its paragraph run on), hence again.
    for _ in 0..=body.len() {
        let breaks = outline_breaks(&body);
        if breaks.at.is_empty() {
            if let Some(closing) = breaks.open_fence {
                body.push_str(&closing);
                body.push('\n');
            }
            break;
        }
        for &at in breaks.at.iter().rev() {
            body.insert(at, '\\');
        }
    }
    out.push_str(&body);
}

/// What in a block body would reach outside it.
struct Breaks {
    /// Byte positions that need a backslash before them, in order.
    at: Vec<usize>,
    /// The closing line for a fence left open at the top level.
    open_fence: Option<String>,
}

fn outline_breaks(body: &str) -> Breaks {
    let mut at = Vec::new();
    let mut open_fence = None;
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, crate::preview::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) if level <= HeadingLevel::H3 => at.push(heading_mark(body, range)),
            Event::Start(Tag::HtmlBlock) => at.extend(body[range.clone()].find('<').map(|i| range.start + i)),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) if depth == 0 => open_fence = unclosed(&body[range]),
            Event::Start(Tag::List(_) | Tag::Item | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_)) => depth += 1,
            Event::End(TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) => {
                depth = depth.saturating_sub(1)
            }
            _ => {}
        }
    }
    at.sort_unstable();
    at.dedup();
    Breaks { at, open_fence }
}

/// Where the backslash goes for a heading: before the `#` of an ATX heading, before the
/// underline of a setext one (its last line).
fn heading_mark(body: &str, range: Range<usize>) -> usize {
    let text = body[range.clone()].trim_end();
    match text.rfind('\n') {
        Some(last_line) => {
            let underline = &text[last_line + 1..];
            let marker = underline.chars().last().unwrap_or('=');
            let run = underline.len() - underline.trim_end_matches(marker).len();
            range.start + text.len() - run
        }
        None => range.start + text.find('#').unwrap_or(0),
    }
}

/// The closing line a fenced code block needs, if its source does not end with one.
fn unclosed(code: &str) -> Option<String> {
    let mut lines = code.lines();
    let fence = Fence::opened_by(lines.next()?)?;
    match lines.last() {
        Some(last) if fence.is_closed_by(last) => None,
        _ => Some(fence.closing()),
    }
}

/// Reads back what [`push_paragraph`] wrote: continuation lines lose their indentation, the
/// blank line between paragraphs stays, and the backslash put before a block-starting line
/// start is taken out again.
pub fn read_paragraph(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut paragraph_break = false;
    for line in markdown.lines().map(str::trim) {
        if line.is_empty() {
            paragraph_break = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if paragraph_break { "\n\n" } else { "\n" });
        }
        paragraph_break = false;
        out.push_str(&unescape_line_start(line));
    }
    out
}

/// The line without the backslash [`push_escaped_line_start`] would have added to it.
fn unescape_line_start(line: &str) -> std::borrow::Cow<'_, str> {
    let at = run_of_digits(line.as_bytes());
    if line[at..].starts_with('\\') {
        let unescaped = format!("{}{}", &line[..at], &line[at + 1..]);
        if starts_a_block(&unescaped) && run_of_digits(unescaped.as_bytes()) == at {
            return unescaped.into();
        }
    }
    line.into()
}

/// Reads back what [`push_heading_text`] wrote: a trailing run of `#` loses its backslash.
pub fn read_heading_text(markdown: &str) -> String {
    let text = markdown.trim();
    let kept = text.trim_end_matches('#');
    match kept.strip_suffix('\\') {
        Some(before) if kept.len() < text.len() => format!("{before}{}", &text[kept.len()..]),
        _ => text.to_owned(),
    }
}

/// Reads back what [`push_block`] wrote. A backslash after a line's indentation and container
/// markers, before `#`, `=`, `-` or `<`, may be the writer's or the author's: all are taken
/// out, the result is written again, and on the lines where that does not put the backslash
/// back it was the author's and stays.
pub fn read_block(markdown: &str) -> String {
    let markdown = normalize_newlines(markdown);
    let lines: Vec<&str> = markdown.lines().collect();
    let escapes: Vec<Option<usize>> = lines.iter().map(|line| writer_escape(line)).collect();
    let mut authors = vec![false; lines.len()];
    let mut text = String::new();
    for _ in 0..4 {
        text = without_escapes(&lines, &escapes, &authors);
        let mut written = String::with_capacity(markdown.len() + 8);
        push_block(&mut written, &text);
        let mut changed = false;
        for (n, line) in written.lines().enumerate().take(lines.len()) {
            if escapes[n].is_some() && !authors[n] && line != lines[n].trim_end() {
                authors[n] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    text
}

/// Where a backslash that [`push_block`] may have written sits on this line.
fn writer_escape(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start().len();
    let at = indent + container_markers_len(&line[indent..]);
    let rest = line[at..].strip_prefix('\\')?;
    let only = |c: char| rest.trim_end().chars().all(|x| x == c);
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    let heading = (1..=3).contains(&hashes) && matches!(rest.as_bytes().get(hashes), None | Some(b' ' | b'\t'));
    let underline = rest.starts_with(['=', '-']) && (only('=') || only('-'));
    (heading || underline || rest.starts_with('<')).then_some(at)
}

fn without_escapes(lines: &[&str], escapes: &[Option<usize>], authors: &[bool]) -> String {
    let mut out = String::new();
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        match escapes[n].filter(|_| !authors[n]) {
            Some(at) => {
                out.push_str(&line[..at]);
                out.push_str(&line[at + 1..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// A line-start character that makes a new block (heading, list item, quote, fence, HTML,
/// table row, setext underline, thematic break) gets a backslash in front of it.
fn push_escaped_line_start(out: &mut String, line: &str) {
    if !starts_a_block(line) {
        out.push_str(line);
        return;
    }
    // A backslash escapes only punctuation: for "1. step" it goes before the delimiter.
    let at = run_of_digits(line.as_bytes());
    out.push_str(&line[..at]);
    out.push('\\');
    out.push_str(&line[at..]);
}

fn starts_a_block(line: &str) -> bool {
    let bytes = line.as_bytes();
    let run_of = |marker: u8| bytes.iter().take_while(|&&b| b == marker).count();
    let followed_by_space = |at: usize| matches!(bytes.get(at), None | Some(b' ' | b'\t'));
    let is_rule = |marker: u8| {
        bytes.iter().filter(|&&b| b == marker).count() >= 3 && bytes.iter().all(|&b| b == marker || b == b' ')
    };
    match bytes.first() {
        // Escaping these is always harmless: no inline construct starts with them.
        Some(b'#' | b'>' | b'=' | b'|') => true,
        // A setext underline may be a single `-`: "--" under a line makes it a heading.
        Some(b'-') => followed_by_space(1) || bytes.iter().all(|&b| b == b'-' || b == b' '),
        // A list marker needs a space after it; `*emphasis*` and `--flag` stay as they are.
        Some(&m @ (b'+' | b'*')) => followed_by_space(1) || is_rule(m),
        Some(b'_') => is_rule(b'_'),
        Some(&m @ (b'`' | b'~')) => run_of(m) >= 3,
        Some(b'<') => !looks_like_autolink(line),
        // "[ ] " or "[x] " would turn a plain list item into a task; "[label]: url" would
        // vanish as a link definition.
        Some(b'[') => {
            matches!(bytes.get(1..3), Some(b" ]" | b"x]" | b"X]"))
                || line.find(']').is_some_and(|end| line[end + 1..].starts_with(':'))
        }
        // "2024. " or "3) " would start an ordered list.
        Some(b'0'..=b'9') => {
            let digits = run_of_digits(bytes);
            digits <= 9 && matches!(bytes.get(digits), Some(b'.' | b')')) && followed_by_space(digits + 1)
        }
        _ => false,
    }
}

fn run_of_digits(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// The length of the list-item and block-quote markers a line starts with ("> - 1. "),
/// with the white space after each.
fn container_markers_len(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut at = 0;
    loop {
        let marker_end = match bytes.get(at) {
            Some(b'>') => at + 1,
            Some(b'-' | b'+' | b'*') if matches!(bytes.get(at + 1), Some(b' ' | b'\t')) => at + 1,
            Some(b'0'..=b'9') => {
                let digits = run_of_digits(&bytes[at..]);
                match bytes.get(at + digits..at + digits + 2) {
                    Some([b'.' | b')', b' ' | b'\t']) => at + digits + 1,
                    _ => return at,
                }
            }
            _ => return at,
        };
        at = marker_end
            + bytes[marker_end..]
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t'))
                .count();
    }
}

fn looks_like_autolink(rest: &str) -> bool {
    rest.find('>').is_some_and(|end| {
        let inner = &rest[1..end];
        !inner.is_empty() && !inner.contains(char::is_whitespace) && (inner.contains(':') || inner.contains('@'))
    })
}

/// How far a line's text is indented, a tab running to the next stop of four columns.
fn indent_columns(line: &str) -> usize {
    let mut column = 0;
    for c in line.chars() {
        match c {
            ' ' => column += 1,
            '\t' => column = column / 4 * 4 + 4,
            _ => break,
        }
    }
    column
}

/// A fenced code block's opening: its marker and how many of them.
pub(crate) struct Fence {
    pub(crate) marker: char,
    length: usize,
}

impl Fence {
    /// The fence a line of a document opens, at most three columns in.
    pub(crate) fn opens_line(line: &str) -> Option<Self> {
        Self::opened_by(line).filter(|_| indent_columns(line) <= 3)
    }

    /// The fence a block's first line opens (the parser has found the block already).
    fn opened_by(line: &str) -> Option<Self> {
        let trimmed = line.trim_start();
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let length = trimmed.chars().take_while(|c| *c == marker).count();
        // A backtick fence's info string may not contain backticks.
        let info_ok = marker == '~' || !trimmed[length..].contains('`');
        (length >= 3 && info_ok).then_some(Self { marker, length })
    }

    pub(crate) fn is_closed_by(&self, line: &str) -> bool {
        let trimmed = line.trim();
        indent_columns(line) <= 3 && trimmed.chars().count() >= self.length && trimmed.chars().all(|c| c == self.marker)
    }

    fn closing(&self) -> String {
        std::iter::repeat_n(self.marker, self.length).collect()
    }
}

/// A document's fenced code, followed line by line.
#[derive(Default)]
pub(crate) struct CodeFences {
    open: Option<Fence>,
}

impl CodeFences {
    /// Whether `line`, the document's next, is fenced code: it opens, holds or closes a fence.
    pub(crate) fn is_code(&mut self, line: &str) -> bool {
        match &self.open {
            Some(open) => {
                if open.is_closed_by(line) {
                    self.open = None;
                }
                true
            }
            None => {
                self.open = Fence::opens_line(line);
                self.open.is_some()
            }
        }
    }

    /// Whether the lines so far left a fence open.
    pub(crate) fn is_open(&self) -> bool {
        self.open.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str) -> String {
        let mut out = String::new();
        push_paragraph(&mut out, text, "  ");
        out
    }

    fn block(text: &str) -> String {
        let mut out = String::new();
        push_block(&mut out, text);
        out
    }

    #[test]
    fn paragraph_lines_stay_in_their_list_item() {
        assert_eq!(
            paragraph("first\n# not a heading\n- not a bullet"),
            "first\n  \\# not a heading\n  \\- not a bullet"
        );
        assert_eq!(paragraph("1. step"), "1\\. step");
        assert_eq!(paragraph("[x] not a task"), "\\[x] not a task");
        assert_eq!(
            paragraph("[a link](https://example.com)"),
            "[a link](https://example.com)"
        );
        assert_eq!(paragraph("plain *emphasis* and `code`"), "plain *emphasis* and `code`");
        assert_eq!(
            paragraph("a\n*emphasis* first\n`code` first\n--verbose\n* bullet\n***"),
            "a\n  *emphasis* first\n  `code` first\n  --verbose\n  \\* bullet\n  \\***"
        );
        assert_eq!(paragraph("```\n~~~"), "\\```\n  \\~~~");
    }

    #[test]
    fn heading_text_keeps_trailing_hashes() {
        let mut out = String::new();
        push_heading_text(&mut out, "Outage in C#\nservice ##");
        assert_eq!(out, "Outage in C# service \\##");
    }

    #[test]
    fn block_keeps_markdown_but_not_top_level_headings() {
        assert_eq!(block("# Big\n#### Small\n- item"), "\\# Big\n#### Small\n- item\n");
        assert_eq!(block("Text\n---\n\n---"), "Text\n\\---\n\n---\n");
        assert_eq!(
            block("<!-- open comment\n<https://example.com>"),
            "\\<!-- open comment\n<https://example.com>\n"
        );
        assert_eq!(
            block("- # in a list\n> ## in a quote\n1. - ### nested\n- item"),
            "- \\# in a list\n> \\## in a quote\n1. - \\### nested\n- item\n"
        );
    }

    #[test]
    fn block_closes_an_unclosed_fence_and_leaves_code_alone() {
        assert_eq!(
            block("```sql\n# not escaped\nSELECT 1;"),
            "```sql\n# not escaped\nSELECT 1;\n```\n"
        );
        assert_eq!(block("~~~~\ncode\n~~~~\n# after"), "~~~~\ncode\n~~~~\n\\# after\n");
        // Inside a list item the next section's heading closes the fence: no closing line,
        // which would open a new fence at the top level.
        assert_eq!(block("- ```\n  code"), "- ```\n  code\n");
    }

    #[test]
    fn what_a_line_means_depends_on_its_container() {
        // An empty list item's content may start on the next line, indented.
        assert_eq!(block("x\n\n- \n    # "), "x\n\n-\n    \\#\n");
        assert_eq!(block("- a\n\n    # b"), "- a\n\n    \\# b\n");
        // After a paragraph the same indentation is text, and stays as it is.
        assert_eq!(block("a\n    # b"), "a\n    # b\n");
        assert_eq!(block("-\t# tab"), "-\t\\# tab\n");
        assert_eq!(block("> quote\n> ==="), "> quote\n> \\===\n");
        assert_eq!(block("<pre>\nunclosed"), "\\<pre>\nunclosed\n");
        assert_eq!(block("a\r\n# b\rc"), "a\n\\# b\nc\n");
    }

    #[test]
    fn block_reads_back_what_it_wrote() {
        for text in [
            "x\n\n- \n    # ",
            "- a\n\n    # b",
            "# Big\n#### Small\n- item",
            "Text\n---\n\n---",
            "<!-- c\n<https://example.com>",
            "\\<b>bold</b> typed with its escape",
            "> quote\n> ===",
            "```sql\n# not escaped\n```",
            "1. - ### nested",
        ] {
            let written = block(text);
            // The writer drops white space at line ends, which Markdown does not show.
            let shown: Vec<&str> = text.lines().map(str::trim_end).collect();
            assert_eq!(read_block(&written), shown.join("\n"), "{written:?}");
        }
    }

    #[test]
    fn paragraphs_stay_paragraphs() {
        assert_eq!(paragraph("one\n\n\ntwo\nthree"), "one\n\n  two\n  three");
        assert_eq!(read_paragraph("one\n\n  two\n  three"), "one\n\ntwo\nthree");
        assert_eq!(paragraph("a\n--\n[x]: /url"), "a\n  \\--\n  \\[x]: /url");
        assert_eq!(read_paragraph("a\n  \\--\n  \\[x]: /url"), "a\n--\n[x]: /url");
    }
}
