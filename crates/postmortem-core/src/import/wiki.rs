//! Reports written in Jira's and Confluence's wiki markup (`h2. Timeline`, `* item`, `# step`,
//! `||Time||Event||`, `[text|address]`), as they are pasted from a ticket or a page, read as
//! the Markdown they stand for. Read as Markdown unchanged, such a report has no headings, and
//! its numbered steps (`# step`) turn into headings of their own.
//!
//! Only a document that heads two or more lines `hN.` is taken for wiki markup; nothing in it
//! is dropped but the markup itself.

use super::text_table::{empty_header, header_rule};

/// The report in Markdown, or `None` when it is not written in wiki markup.
pub fn as_markdown(source: &str) -> Option<String> {
    if !has_two_headings(source) {
        return None;
    }
    let mut out = String::with_capacity(source.len() + source.len() / 8);
    let mut code = false;
    let mut quote = false;
    let mut in_table = false;
    for line in source.lines() {
        let trimmed = line.trim();
        if let Some(macro_name) = block_macro(trimmed) {
            match macro_name {
                Macro::Code(language) => {
                    end_table(&mut out, &mut in_table);
                    out.push_str("```");
                    // The language of the opening fence; the closing one has none.
                    if !code {
                        out.push_str(language);
                    }
                    out.push('\n');
                    code = !code;
                }
                Macro::Quote => quote = !quote,
                // A panel's title is text of the report; the box around it is not.
                Macro::Panel(title) => {
                    if let Some(title) = title {
                        out.push_str(&format!("\n**{title}**\n\n"));
                    }
                }
            }
            continue;
        }
        if code {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let row = table_row(trimmed);
        if row.is_none() {
            end_table(&mut out, &mut in_table);
        }
        if quote {
            out.push_str("> ");
        }
        if let Some((level, text)) = heading(line) {
            out.push_str(&format!("\n{} {}\n\n", "#".repeat(level), inline(text)));
        } else if let Some(text) = trimmed.strip_prefix("bq. ") {
            out.push_str(&format!("> {}\n", inline(text)));
        } else if let Some((cells, header)) = row {
            if !in_table {
                out.push('\n');
                if !header {
                    out.push_str(&empty_header(cells.len()));
                    out.push_str(&header_rule(cells.len()));
                }
            }
            let cells: Vec<String> = cells.iter().map(|c| inline(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
            if header {
                out.push_str(&header_rule(cells.len()));
            }
            in_table = true;
        } else if let Some((indent, marker, text)) = list_item(trimmed) {
            out.push_str(&format!("{indent}{marker} {}\n", inline(text)));
        } else if trimmed.len() >= 4 && trimmed.bytes().all(|b| b == b'-') {
            // A rule; with no blank line above it, Markdown would make the line above a heading.
            out.push_str("\n---\n\n");
        } else {
            out.push_str(&inline(line));
            out.push('\n');
        }
    }
    if code {
        out.push_str("```\n");
    }
    Some(out)
}

/// The note that says the report was read from wiki markup.
pub const NOTE: &str =
    "The report is written in Jira or Confluence wiki markup (“h2.” headings, “#” steps, “||” tables); it was read as the Markdown it stands for.";

/// Whether two lines are headed `hN.`: found from the dots, which a long report without
/// wiki markup has few of at a line's start, rather than by reading every line.
fn has_two_headings(source: &str) -> bool {
    // A report heads its first sections near its top: the first 64 KB tell.
    let source = &source[..super::text::floor_char_boundary(source, 64 * 1024)];
    let bytes = source.as_bytes();
    source
        .match_indices('.')
        .filter(|&(at, _)| {
            at >= 2
                && bytes[at - 2] == b'h'
                && (b'1'..=b'6').contains(&bytes[at - 1])
                && bytes.get(at + 1) == Some(&b' ')
        })
        .filter(|&(at, _)| {
            let line_start = source[..at - 2].rfind('\n').map_or(0, |n| n + 1);
            heading(&source[line_start..]).is_some()
        })
        .take(2)
        .count()
        == 2
}

/// `h2. Timeline`: the level and the text.
fn heading(line: &str) -> Option<(usize, &str)> {
    let rest = line.trim_start().strip_prefix('h')?;
    let level = rest.get(..1)?.parse::<usize>().ok().filter(|l| (1..=6).contains(l))?;
    let text = rest[1..].strip_prefix(". ")?.trim();
    (!text.is_empty()).then_some((level, text))
}

enum Macro<'a> {
    /// `{code}`, `{code:java}`, `{noformat}`: opens or closes code, in the language named.
    Code(&'a str),
    /// `{quote}`: opens or closes a quote.
    Quote,
    /// `{panel:title=Impact}`, `{info}`, `{note}`, `{expand}` and their ends: a box, with its title.
    Panel(Option<&'a str>),
}

/// A line that is one block macro and nothing else.
fn block_macro(line: &str) -> Option<Macro<'_>> {
    let inner = line.strip_prefix('{')?.strip_suffix('}')?;
    let (name, parameters) = inner.split_once(':').unwrap_or((inner, ""));
    let title = parameters
        .split('|')
        .find_map(|p| p.trim().strip_prefix("title="))
        .map(str::trim)
        .filter(|t| !t.is_empty());
    match name {
        "code" => Some(Macro::Code(
            parameters.split('|').next().filter(|l| !l.contains('=')).unwrap_or(""),
        )),
        "noformat" => Some(Macro::Code("")),
        "quote" => Some(Macro::Quote),
        "panel" | "info" | "note" | "tip" | "warning" | "expand" => Some(Macro::Panel(
            title.or((name == "expand" && !parameters.is_empty()).then_some(parameters)),
        )),
        _ => None,
    }
}

/// `||Time||Event||` (a header) or `|10:02|Alert fired|`: the cells, and whether it is a header.
fn table_row(line: &str) -> Option<(Vec<&str>, bool)> {
    let header = line.starts_with("||");
    let separator = if header { "||" } else { "|" };
    let inner = line.strip_prefix(separator)?;
    let inner = inner.strip_suffix(separator).unwrap_or(inner);
    let cells = split_cells(inner, separator);
    (line.len() > 2 && !cells.is_empty()).then_some((cells, header))
}

/// The cells of a row, split at `separator` outside links: `[runbook|https://…]` is one cell.
fn split_cells<'a>(row: &'a str, separator: &str) -> Vec<&'a str> {
    let mut cells = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut at = 0;
    while at < row.len() {
        let rest = &row[at..];
        if rest.starts_with('[') {
            depth += 1;
        } else if rest.starts_with(']') {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && rest.starts_with(separator) {
            cells.push(row[start..at].trim());
            at += separator.len();
            start = at;
            continue;
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    cells.push(row[start..].trim());
    cells
}

fn end_table(out: &mut String, in_table: &mut bool) {
    if std::mem::take(in_table) {
        out.push('\n');
    }
}

/// `* item`, `** nested`, `# step`, `#* mixed`: the indentation that nests it in Markdown, its
/// marker there, and its text.
fn list_item(line: &str) -> Option<(String, &'static str, &str)> {
    let markers = line.bytes().take_while(|b| matches!(b, b'*' | b'#' | b'-')).count();
    let text = line[markers..].strip_prefix(' ')?;
    let chain = &line.as_bytes()[..markers];
    // "- item" is a list item in both; "--" or "*-" is not a wiki list.
    if markers == 0 || (chain.contains(&b'-') && markers > 1) {
        return None;
    }
    let width = |marker: &u8| if *marker == b'#' { 3 } else { 2 };
    let indent = " ".repeat(chain[..markers - 1].iter().map(width).sum());
    let marker = if chain[markers - 1] == b'#' { "1." } else { "-" };
    Some((indent, marker, text))
}

/// Inline markup: `*bold*`, `{{code}}`, `[text|address]`, `[address]`, `[~user]`.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find(['*', '{', '[']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let before = out.chars().next_back();
        let (written, used) = if let Some(inner) = tail.strip_prefix("{{").and_then(|t| t.split_once("}}")) {
            (format!("`{}`", inner.0), inner.0.len() + 4)
        } else if tail.starts_with('[') {
            match link(tail) {
                Some((markdown, used)) => (markdown, used),
                None => ("[".to_owned(), 1),
            }
        } else if tail.starts_with('*') && before.is_none_or(|c| !c.is_alphanumeric()) {
            match strong(tail) {
                Some(inner) => (format!("**{inner}**"), inner.len() + 2),
                None => ("*".to_owned(), 1),
            }
        } else {
            (tail[..1].to_owned(), 1)
        };
        out.push_str(&written);
        rest = &tail[used..];
    }
    out.push_str(rest);
    out
}

/// `*bold text*` at the start of `tail`: the text, when it closes before a word would go on.
fn strong(tail: &str) -> Option<&str> {
    let inner = &tail[1..];
    let end = inner.find('*')?;
    let text = &inner[..end];
    let after = inner[end + 1..].chars().next();
    let trimmed = !text.starts_with(' ') && !text.ends_with(' ') && !text.is_empty();
    (trimmed && after.is_none_or(|c| !c.is_alphanumeric() && c != '*')).then_some(text)
}

/// `[text|address]`, `[address]` or `[~user]` at the start of `tail`: its Markdown, and how
/// many bytes it took.
fn link(tail: &str) -> Option<(String, usize)> {
    let end = tail.find(']')?;
    let inner = &tail[1..end];
    if inner.contains('[') {
        return None;
    }
    let is_address = |a: &str| a.starts_with("http://") || a.starts_with("https://") || a.starts_with("mailto:");
    let markdown = match inner.split_once('|') {
        Some((text, address)) if is_address(address.trim()) => format!("[{}]({})", text.trim(), address.trim()),
        None if is_address(inner) => format!("<{inner}>"),
        None => format!("@{}", inner.strip_prefix('~')?),
        _ => return None,
    };
    Some((markdown, end + 1))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::test_support::config;

    #[test]
    fn headings_lists_and_tables_become_markdown() {
        let wiki = "h1. Build cache corruption\n\nh2. Summary\nBuilds failed for *3 hours*.\n\nh2. Timeline\n||Time||Event||\n|09:00|first failures|\n|11:10|cache purged, see [runbook|https://example.com/r]|\n\nh2. Action items\n# Monitor disk\n## on every node\n#* ask [~dana]\n* Verify {{sha256}} sums\n";
        let markdown = as_markdown(wiki).expect("two headings make wiki markup");
        for expected in [
            "# Build cache corruption\n",
            "## Summary\n",
            "Builds failed for **3 hours**.",
            "| Time | Event |\n| --- | --- |\n| 09:00 | first failures |\n",
            "[runbook](https://example.com/r)",
            "1. Monitor disk\n   1. on every node\n   - ask @dana\n",
            "- Verify `sha256` sums\n",
        ] {
            assert!(markdown.contains(expected), "{expected:?} in:\n{markdown}");
        }
    }

    #[test]
    fn code_quotes_and_panels() {
        let wiki = "h2. Root cause\n{code:bash}\n# not a step\n* not an item\n{code}\n{quote}\nwe are down\n{quote}\n{panel:title=Impact}\n12% of users\n{panel}\nh2. Timeline\n";
        let markdown = as_markdown(wiki).unwrap();
        assert!(
            markdown.contains("```bash\n# not a step\n* not an item\n```\n"),
            "{markdown}"
        );
        assert!(markdown.contains("> we are down\n"), "{markdown}");
        assert!(markdown.contains("**Impact**\n\n12% of users"), "{markdown}");
    }

    #[test]
    fn markdown_is_left_alone() {
        assert_eq!(as_markdown("# Title\n\n## Summary\n\nh2. once, in text\n"), None);
        // A rule under a line of text, and emphasis inside words, stay what they were.
        let markdown = as_markdown("h2. A\nsome text\n----\nh2. B\n2*3*4 and snake*case*\n").unwrap();
        assert!(markdown.contains("some text\n\n---\n"), "{markdown}");
        assert!(markdown.contains("2*3*4 and snake*case*"), "{markdown}");
    }

    proptest! {
        #![proptest_config(config(300))]

        /// Whatever the markup around it, every word of the report is still there.
        #[test]
        fn no_word_is_dropped(pieces in prop::collection::vec(prop::sample::select(&[
            "h2. Summary\n", "h3. Time line\n", "* item\n", "## step\n", "||a||b||\n", "|c|d|\n", "{code}\n",
            "{quote}\n", "{panel:title=Note}\n", "{panel}\n", "*bold* ", "{{mono}} ", "[text|https://e.com] ",
            "[~user] ", "[broken ", "plain words\n", "----\n", "bq. quoted\n", "\n",
        ][..]), 0..30)) {
            let wiki = format!("h1. Title\nh2. Second\n{}", pieces.concat());
            let markdown = as_markdown(&wiki).unwrap();
            let words = |text: &str| -> Vec<String> {
                let mut words: Vec<String> = text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.len() > 1 && !matches!(*w, "h1" | "h2" | "h3" | "bq" | "code" | "quote" | "panel" | "title"))
                    .map(str::to_owned)
                    .collect();
                words.sort();
                words.dedup();
                words
            };
            let kept = words(&markdown);
            for word in words(&wiki) {
                prop_assert!(kept.contains(&word), "{word} lost from {wiki:?}:\n{markdown}");
            }
        }
    }
}
