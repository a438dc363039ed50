//! Reports written in reStructuredText, as projects documented with Sphinx keep them: section
//! titles underlined (and sometimes overlined) with a run of `=`, `-`, `~`, `^`…, `#.` for
//! numbered items, `` `text <address>`_ `` for links. Read as Markdown unchanged, a title
//! underlined with `~~~` opens a code block that swallows the rest of the report, and one
//! with `^^^` runs into the text under it.
//!
//! A document is taken for reStructuredText when it has two titles or more and one of them is
//! written in a way Markdown has no heading for (an overline, or a character other than `=`
//! and `-`). Levels follow the order in which the styles first appear, as in reStructuredText.

use super::text_table::{rule_columns, Rows};

/// The characters reStructuredText underlines titles with.
const ADORNMENTS: &[u8] = b"=-~^\"'`#*+_:.";

/// The report in Markdown, or `None` when it is not written in reStructuredText.
pub fn as_markdown(source: &str) -> Option<String> {
    // Most reports have no line of adornment at all; titles need them, and the first come
    // near the top: the first 64 KB tell.
    let top = &source[..super::text::floor_char_boundary(source, 64 * 1024)];
    if top.lines().filter(|l| adornment(l).is_some()).take(2).count() < 2 {
        return None;
    }
    let lines: Vec<&str> = source.lines().collect();
    let titles = titles(&lines);
    let foreign = titles.iter().any(|t| t.style.1 || !matches!(t.style.0, b'=' | b'-'));
    if titles.len() < 2 || !foreign {
        return None;
    }
    let mut styles: Vec<(u8, bool)> = Vec::new();
    let mut out = String::with_capacity(source.len());
    let mut next = titles.iter().peekable();
    let mut n = 0;
    while n < lines.len() {
        if let Some(title) = next.next_if(|t| t.first == n) {
            let level = match styles.iter().position(|s| *s == title.style) {
                Some(at) => at + 1,
                None => {
                    styles.push(title.style);
                    styles.len()
                }
            };
            out.push_str(&format!(
                "\n{} {}\n\n",
                "#".repeat(level.min(6)),
                lines[title.text].trim()
            ));
            n = title.end;
            continue;
        }
        if let Some(end) = simple_table(&lines, n, &mut out).or_else(|| directive(&lines, n, &mut out)) {
            n = end;
            continue;
        }
        let line = lines[n];
        let indent = line.len() - line.trim_start().len();
        if let Some((name, value)) = field(line) {
            // ":Incident manager: Camille Roussel": a labelled line, one paragraph each.
            out.push_str(&format!("**{name}:** {}\n\n", links(value)));
        } else if let Some(item) = line.trim_start().strip_prefix("#. ") {
            out.push_str(&format!("{}1. {}\n", &line[..indent], links(item)));
        } else if line.trim() == "::" {
            // A literal block's marker alone: the indented block under it is code in Markdown too.
            out.push('\n');
        } else if let Some(text) = line.strip_suffix("::").filter(|t| !t.trim().is_empty()) {
            // "Output was::" before a literal block reads "Output was:".
            out.push_str(&format!("{}:\n", links(text.trim_end_matches(' '))));
        } else {
            out.push_str(&links(line));
            out.push('\n');
        }
        n += 1;
    }
    Some(out)
}

/// The note that says the report was read from reStructuredText.
pub const NOTE: &str = "The report is written in reStructuredText (titles underlined with “=”, “-”, “~”, “^”…); it was read as the Markdown it stands for.";

struct Title {
    /// The first line: the overline, or the text.
    first: usize,
    text: usize,
    /// The line after the underline.
    end: usize,
    /// The adornment's character, and whether it is above the text too.
    style: (u8, bool),
}

/// The section titles: a line of text under a run of one adornment character at least as long
/// as it, with the same run above it or a blank line (or the start) before it.
fn titles(lines: &[&str]) -> Vec<Title> {
    let mut found = Vec::new();
    let mut n = 0;
    while n + 1 < lines.len() {
        let blank_before = n == 0 || lines[n - 1].trim().is_empty();
        let text = lines[n].trim_end();
        let under = adornment(lines[n + 1]);
        let overline = n
            .checked_sub(1)
            .and_then(|above| adornment(lines[above]).map(|a| (above, a)));
        let is_text = !text.trim().is_empty() && adornment(text).is_none();
        match under {
            Some((mark, length)) if is_text && length >= text.trim().chars().count() => {
                let overlined = overline.filter(|(_, (above, _))| *above == mark);
                let first = overlined.map_or(n, |(above, _)| above);
                let before_first = first == 0 || lines[first - 1].trim().is_empty();
                if overlined.is_some() && before_first || overlined.is_none() && blank_before {
                    found.push(Title {
                        first,
                        text: n,
                        end: n + 2,
                        style: (mark, overlined.is_some()),
                    });
                    n += 2;
                    continue;
                }
            }
            _ => {}
        }
        n += 1;
    }
    found
}

/// `:Name: value` at the start of a line, outside a directive: a field list's item.
fn field(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix(':')?;
    let (name, value) = rest
        .split_once(": ")
        .or_else(|| rest.strip_suffix(':').map(|n| (n, "")))?;
    let plain = !name.is_empty() && name.len() <= 40 && !name.contains(['`', ':']);
    plain.then(|| (name.trim(), value.trim()))
}

/// A simple table from line `n` (a border of `=` runs, the header, a border, the rows, a
/// border), written as a Markdown table; the line after it, or `None` when none starts there.
fn simple_table(lines: &[&str], n: usize, out: &mut String) -> Option<usize> {
    let border = |line: &str| rule_columns(line, b'=');
    let mut rows = Rows::new(border(lines[n])?);
    let mut borders = 1;
    let mut header = 0;
    let mut end = n + 1;
    while end < lines.len() {
        let line = lines[end];
        end += 1;
        if border(line).is_some() {
            borders += 1;
            // A second border with rows after it closes the header.
            if borders == 2 && end < lines.len() && !lines[end].trim().is_empty() {
                header = rows.rows.len();
                continue;
            }
            break;
        }
        if !line.trim().is_empty() {
            rows.push(line);
        }
    }
    if borders < 2 || rows.rows.is_empty() {
        return None;
    }
    out.push_str(&rows.markdown(header, links));
    Some(end)
}

/// A directive from line `n` (`.. code-block:: bash`, `.. note::`, `.. contents::`) and the
/// indented block under it, written as Markdown; the line after it, or `None`.
fn directive(lines: &[&str], n: usize, out: &mut String) -> Option<usize> {
    let (name, argument) = lines[n].strip_prefix(".. ")?.split_once("::")?;
    let name = name.trim();
    if name.is_empty() || name.contains(char::is_whitespace) {
        return None;
    }
    let argument = argument.trim();
    let mut end = n + 1;
    while end < lines.len() && (lines[end].trim().is_empty() || lines[end].starts_with([' ', '\t'])) {
        end += 1;
    }
    // Its options (`:depth: 2`) come first; the body is what is left, dedented.
    let block: Vec<&str> = lines[n + 1..end]
        .iter()
        .map(|l| l.trim_start())
        .skip_while(|l| l.starts_with(':') || l.is_empty())
        .collect();
    let body = block.join("\n");
    let body = body.trim_end();
    match name {
        "code-block" | "code" | "sourcecode" => out.push_str(&format!("\n```{argument}\n{body}\n```\n\n")),
        // Markup a tool expands (a table of contents, an index): nothing of the report's own.
        "contents" | "toctree" | "sectnum" | "index" | "highlight" | "default-role" | "meta" => {}
        "image" | "figure" => {
            out.push_str(&format!(
                "\n![{}]({argument})\n\n",
                if body.is_empty() { "" } else { body }
            ));
        }
        _ => {
            let title = if argument.is_empty() {
                name.to_owned()
            } else {
                format!("{name}: {argument}")
            };
            out.push_str(&format!("\n> **{title}**\n"));
            for line in body.lines() {
                out.push_str(&format!("> {}\n", links(line)));
            }
            out.push('\n');
        }
    }
    Some(end)
}

/// A line of one adornment character repeated (three times at least): it and how many.
fn adornment(line: &str) -> Option<(u8, usize)> {
    // Told from its first two bytes for most lines, before the line is scanned.
    let first = *line.as_bytes().first()?;
    if !ADORNMENTS.contains(&first) || line.as_bytes().get(1) != Some(&first) {
        return None;
    }
    let line = line.trim_end();
    (line.len() >= 3 && ADORNMENTS.contains(&first) && line.bytes().all(|b| b == first)).then_some((first, line.len()))
}

/// `` `text <https://…>`_ `` written as `[text](https://…)`.
fn links(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('`') {
        let tail = &rest[open + 1..];
        let link = tail.find(">`_").and_then(|close| {
            let inner = &tail[..close];
            let (text, address) = inner.rsplit_once(" <")?;
            (!text.contains('`')).then(|| (format!("[{}]({address})", text.trim()), close + 3))
        });
        match link {
            Some((markdown, used)) => {
                out.push_str(&rest[..open]);
                out.push_str(&markdown);
                // "`…`__" (an anonymous link) has a second underscore.
                let after = &tail[used..];
                rest = after.strip_prefix('_').unwrap_or(after);
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_take_levels_in_the_order_their_styles_appear() {
        let rst = "=========================\n2024-02-11 Mirror outage\n=========================\n\nSummary\n=======\n\nStale indexes, see `the log <https://e.com/l>`_.\n\nTimeline\n~~~~~~~~\n\n* 02:00 - sync fails\n\nAction items\n^^^^^^^^^^^^\n\n#. Remove stale locks\n   #. on start\n\nSummary again\n=============\n";
        let markdown = as_markdown(rst).expect("an overlined title");
        for expected in [
            "\n# 2024-02-11 Mirror outage\n",
            "\n## Summary\n",
            "[the log](https://e.com/l).",
            "\n### Timeline\n",
            "\n#### Action items\n",
            "1. Remove stale locks\n   1. on start\n",
            "\n## Summary again\n",
        ] {
            assert!(markdown.contains(expected), "{expected:?} in:\n{markdown}");
        }
        assert!(!markdown.contains("~~~"), "{markdown}");
    }

    #[test]
    fn field_lists_simple_tables_and_directives() {
        let rst = "Mirror outage\n~~~~~~~~~~~~~\n\n:Incident manager: Camille Roussel\n:Status: Final\n\n\
                   .. contents:: Table of contents\n   :depth: 2\n\nAction items\n~~~~~~~~~~~~\n\n\
                   ====  ===================  ==========\n#     Action               Owner\n\
                   ====  ===================  ==========\n1     Remove stale locks   Yanis\n      on every start\n\
                   2     Alert on lag | now   Camille\n====  ===================  ==========\n\n\
                   .. code-block:: bash\n\n   rm /var/lock/sync\n\n.. note::\n\n   The lock was a week old.\n\n\
                   The log said::\n\n    lock held\n";
        let markdown = as_markdown(rst).expect("two titles underlined with ~");
        for expected in [
            "**Incident manager:** Camille Roussel\n\n",
            "| # | Action | Owner |\n| --- | --- | --- |\n| 1 | Remove stale locks on every start | Yanis |\n",
            "| 2 | Alert on lag \\| now | Camille |\n",
            "```bash\nrm /var/lock/sync\n```",
            "> **note**\n> The lock was a week old.\n",
            "The log said:\n\n    lock held\n",
        ] {
            assert!(markdown.contains(expected), "{expected:?} in:\n{markdown}");
        }
        assert!(!markdown.contains("contents"), "{markdown}");
    }

    #[test]
    fn markdown_setext_headings_and_rules_are_left_alone() {
        assert_eq!(as_markdown("Title\n=====\n\nSummary\n-------\n\ntext\n"), None);
        // A rule under a paragraph's second line, or a short underline, is no title.
        assert_eq!(
            as_markdown("Summary\n~~~~~~~\n\nsome\ntext\n~~~~\n\nLong title\n~~~\n"),
            None
        );
    }
}
