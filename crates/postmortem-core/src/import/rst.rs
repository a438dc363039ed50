//! Reports written in reStructuredText, as projects documented with Sphinx keep them: section
//! titles underlined (and sometimes overlined) with a run of `=`, `-`, `~`, `^`…, `#.` for
//! numbered items, `` `text <address>`_ `` for links. Read as Markdown unchanged, a title
//! underlined with `~~~` opens a code block that swallows the rest of the report, and one
//! with `^^^` runs into the text under it.
//!
//! A document is taken for reStructuredText when it has two titles or more and one of them is
//! written in a way Markdown has no heading for (an overline, or a character other than `=`
//! and `-`). Levels follow the order in which the styles first appear, as in reStructuredText.

/// The characters reStructuredText underlines titles with.
const ADORNMENTS: &[u8] = b"=-~^\"'`#*+_:.";

/// The report in Markdown, or `None` when it is not written in reStructuredText.
pub fn as_markdown(source: &str) -> Option<String> {
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
        let line = lines[n];
        let indent = line.len() - line.trim_start().len();
        match line.trim_start().strip_prefix("#. ") {
            Some(item) => out.push_str(&format!("{}1. {}", &line[..indent], links(item))),
            None => out.push_str(&links(line)),
        }
        out.push('\n');
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

/// A line of one adornment character repeated (three times at least): it and how many.
fn adornment(line: &str) -> Option<(u8, usize)> {
    let line = line.trim_end();
    let first = *line.as_bytes().first()?;
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
    fn markdown_setext_headings_and_rules_are_left_alone() {
        assert_eq!(as_markdown("Title\n=====\n\nSummary\n-------\n\ntext\n"), None);
        // A rule under a paragraph's second line, or a short underline, is no title.
        assert_eq!(
            as_markdown("Summary\n~~~~~~~\n\nsome\ntext\n~~~~\n\nLong title\n~~~\n"),
            None
        );
    }
}
