//! Keeping user-typed Markdown inside the place the template puts it.
//!
//! Authors type Markdown, and it is exported as Markdown, so emphasis, code and links pass
//! through. What must not pass is anything that changes the *document's* structure: a line
//! starting with `#` that would open a new section, a list marker that would split a timeline
//! entry, an unclosed code fence or HTML block that would swallow every section after it.
//! Such line starts are backslash-escaped, which CommonMark renders as the literal character.

/// Writes one paragraph of inline text (a timeline entry, a summary field, a task).
/// Lines are kept as soft breaks, indented by `indent` so that they stay inside the list item
/// they belong to; blank lines are dropped because a field is a single paragraph.
pub fn push_paragraph(out: &mut String, text: &str, indent: &str) {
    let mut first = true;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !first {
            out.push('\n');
            out.push_str(indent);
        }
        first = false;
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
/// one of the template's headings. Headings of level 1 to 3 would compete with the template's
/// own, HTML blocks and setext underlines could swallow or restyle neighbouring text, and an
/// unclosed fence would turn the rest of the document into code: those are neutralised.
/// Everything else, including fenced code, is kept as written.
pub fn push_block(out: &mut String, text: &str) {
    let mut fence: Option<Fence> = None;
    let mut previous_blank = true;
    for line in text.lines() {
        let line = line.trim_end();
        if let Some(open) = &fence {
            out.push_str(line);
            out.push('\n');
            if open.is_closed_by(line) {
                fence = None;
            }
            continue;
        }
        if let Some(opened) = Fence::opened_by(line) {
            fence = Some(opened);
            out.push_str(line);
        } else if let Some(at) = block_breaking_position(line, previous_blank) {
            out.push_str(&line[..at]);
            out.push('\\');
            out.push_str(&line[at..]);
        } else {
            out.push_str(line);
        }
        out.push('\n');
        previous_blank = line.trim().is_empty();
    }
    if let Some(open) = fence {
        out.push_str(&open.closing());
        out.push('\n');
    }
}

/// Reads back what [`push_paragraph`] wrote: continuation lines lose their indentation and the
/// backslash put before a block-starting line start is taken out again.
pub fn read_paragraph(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
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

/// Reads back what [`push_block`] wrote: the backslashes it put before headings, setext
/// underlines and HTML are taken out, outside fenced code.
pub fn read_block(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut fence: Option<Fence> = None;
    let mut previous_blank = true;
    for (n, line) in markdown.lines().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        if let Some(open) = &fence {
            out.push_str(line);
            if open.is_closed_by(line) {
                fence = None;
            }
            continue;
        }
        if let Some(opened) = Fence::opened_by(line) {
            fence = Some(opened);
            out.push_str(line);
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let at = if indent > 3 {
            None
        } else {
            Some(indent + container_markers_len(&line[indent..]))
        };
        match at.filter(|&at| line[at..].starts_with('\\')) {
            Some(at) => {
                let unescaped = format!("{}{}", &line[..at], &line[at + 1..]);
                if block_breaking_position(&unescaped, previous_blank) == Some(at) {
                    out.push_str(&unescaped);
                } else {
                    out.push_str(line);
                }
            }
            None => out.push_str(line),
        }
        previous_blank = line.trim().is_empty();
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
        // A list marker needs a space after it; `*emphasis*` and `--flag` stay as they are.
        Some(&m @ (b'-' | b'+' | b'*')) => followed_by_space(1) || is_rule(m),
        Some(b'_') => is_rule(b'_'),
        Some(&m @ (b'`' | b'~')) => run_of(m) >= 3,
        Some(b'<') => !looks_like_autolink(line),
        // "[ ] " or "[x] " would turn a plain list item into a task.
        Some(b'[') => matches!(bytes.get(1..3), Some(b" ]" | b"x]" | b"X]")),
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

/// Within a block body, only what would reach outside the body is escaped: the position to
/// put a backslash at, after any indentation and list or quote markers (a list item or a quote
/// can hold a heading too).
fn block_breaking_position(line: &str, previous_blank: bool) -> Option<usize> {
    let indent = line.len() - line.trim_start().len();
    if indent > 3 {
        return None; // indented code
    }
    let start = indent + container_markers_len(&line[indent..]);
    let rest = &line[start..];
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    // "#Heading" without the space is not a CommonMark heading, but people write it as one and
    // the importer reads it so; escaping it keeps the body a body when read back.
    let heading = (1..=3).contains(&hashes) && matches!(rest.as_bytes().get(hashes), None | Some(b' ' | b'\t'))
        || (1..=3).contains(&hashes) && rest[hashes..].starts_with(|c: char| c.is_alphabetic());
    let only = |c: char| !rest.is_empty() && rest.trim_end().chars().all(|x| x == c);
    // A setext underline would make the paragraph above it a heading.
    let underline = only('=') || (only('-') && !previous_blank);
    let html = rest.starts_with('<') && !looks_like_autolink(rest);
    (heading || underline || html).then_some(start)
}

/// The length of the list-item and block-quote markers a line starts with ("> - 1. ").
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

struct Fence {
    marker: char,
    length: usize,
}

impl Fence {
    fn opened_by(line: &str) -> Option<Self> {
        let trimmed = line.trim_start();
        if line.len() - trimmed.len() > 3 {
            return None;
        }
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let length = trimmed.chars().take_while(|c| *c == marker).count();
        // A backtick fence's info string may not contain backticks.
        let info_ok = marker == '~' || !trimmed[length..].contains('`');
        (length >= 3 && info_ok).then_some(Self { marker, length })
    }

    fn is_closed_by(&self, line: &str) -> bool {
        let trimmed = line.trim();
        line.len() - line.trim_start().len() <= 3
            && trimmed.chars().count() >= self.length
            && trimmed.chars().all(|c| c == self.marker)
    }

    fn closing(&self) -> String {
        std::iter::repeat_n(self.marker, self.length).collect()
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
            paragraph("first\n\n# not a heading\n- not a bullet"),
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
    }
}
