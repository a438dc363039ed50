//! Reports written in Org mode (`#+TITLE:`, `* Section`, `** TODO task`, `- 22:14 :: event`,
//! `| a | b |` tables), as Emacs users keep them, read as the Markdown they stand for. Read as
//! Markdown unchanged, such a report's sections are list items and its tasks are too.
//!
//! Only a document with an Org keyword line (`#+TITLE:`) or a second-level heading (`** `)
//! at the start of a line, and two or more `* ` headings, is taken for Org. Nothing is dropped
//! but markup and the settings that say how to show the document (`#+STARTUP:`).

use super::text_table::{empty_header, header_rule};

pub const NOTE: &str =
    "The report is written in Org mode (“* Section”, “** TODO”); it was read as the Markdown it stands for.";

/// Keywords that only set how the document is shown or exported.
const DISPLAY_KEYWORDS: [&str; 9] = [
    "startup",
    "options",
    "setupfile",
    "language",
    "exclude_tags",
    "select_tags",
    "html_head",
    "latex_class",
    "latex_header",
];

/// The report in Markdown, or `None` when it is not written in Org mode.
pub fn as_markdown(source: &str) -> Option<String> {
    if !is_org(source) {
        return None;
    }
    let mut out = String::with_capacity(source.len() + source.len() / 8);
    let mut code = false;
    let mut in_table = false;
    let mut drawer = false;
    let lines: Vec<&str> = source.lines().collect();
    for (n, line) in lines.iter().copied().enumerate() {
        let trimmed = line.trim();
        let lower = trimmed.to_ascii_lowercase();
        if lower.starts_with("#+begin_src") || lower.starts_with("#+begin_example") {
            out.push_str("```\n");
            code = true;
            continue;
        }
        if code {
            if lower.starts_with("#+end_src") || lower.starts_with("#+end_example") {
                out.push_str("```\n");
                code = false;
            } else {
                out.push_str(line);
                out.push('\n');
            }
            continue;
        }
        let table_line = trimmed.starts_with('|');
        if in_table && !table_line {
            in_table = false;
        }
        if table_line {
            if is_rule(trimmed) {
                continue;
            }
            if !in_table {
                in_table = true;
                let width = cells(trimmed).len();
                // The header is the row over a rule, as Org draws it.
                let next_is_rule = lines.get(n + 1).is_some_and(|l| is_rule(l.trim()));
                out.push('\n');
                if next_is_rule {
                    out.push_str(&format!("| {} |\n", cells(trimmed).join(" | ")));
                    out.push_str(&header_rule(width));
                    continue;
                }
                out.push_str(&empty_header(width));
                out.push_str(&header_rule(width));
            }
            out.push_str(&format!("| {} |\n", cells(trimmed).join(" | ")));
            continue;
        }
        // `:PROPERTIES:` … `:END:`: a drawer's properties are labels.
        if trimmed.eq_ignore_ascii_case(":properties:") || trimmed.eq_ignore_ascii_case(":logbook:") {
            drawer = true;
            continue;
        }
        if drawer {
            if trimmed.eq_ignore_ascii_case(":end:") {
                drawer = false;
            } else if let Some((key, value)) = trimmed.strip_prefix(':').and_then(|t| t.split_once(':')) {
                out.push_str(&format!(
                    "{}: {}\n\n",
                    key.replace('_', " ").to_lowercase(),
                    inline(value.trim())
                ));
            } else {
                out.push_str(&inline(trimmed));
                out.push('\n');
            }
            continue;
        }
        out.push_str(&line_markdown(line));
        out.push('\n');
    }
    Some(out)
}

fn is_org(source: &str) -> bool {
    let mut keywords = 0;
    let mut top = 0;
    let mut second = 0;
    for line in source.lines().take(5000) {
        if keyword(line).is_some() {
            keywords += 1;
        }
        match heading(line) {
            Some((1, _)) => top += 1,
            Some(_) => second += 1,
            None => {}
        }
        if line.starts_with("# ") || line.starts_with("## ") {
            return false;
        }
    }
    top >= 2 && (keywords > 0 || second > 0)
}

/// `#+TITLE: value`: the keyword in lower case and its value.
fn keyword(line: &str) -> Option<(String, &str)> {
    let (key, value) = line.strip_prefix("#+")?.split_once(':')?;
    (!key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        .then(|| (key.to_ascii_lowercase(), value.trim()))
}

/// `** Heading`: its level and its text.
fn heading(line: &str) -> Option<(usize, &str)> {
    let stars = line.bytes().take_while(|b| *b == b'*').count();
    (stars > 0 && line[stars..].starts_with(' ') && !line[stars..].trim().is_empty())
        .then(|| (stars, line[stars..].trim()))
}

/// `|---+---|`
fn is_rule(line: &str) -> bool {
    line.starts_with("|-") && line.bytes().all(|b| b"|-+: ".contains(&b))
}

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| inline(c.trim())).collect()
}

fn line_markdown(line: &str) -> String {
    if let Some((key, value)) = keyword(line) {
        return match key.as_str() {
            "title" => format!("# {}", inline(value)),
            "filetags" => {
                let tags: Vec<&str> = value.split(':').filter(|t| !t.trim().is_empty()).collect();
                format!("Tags: {}\n", tags.join(", "))
            }
            key if DISPLAY_KEYWORDS.contains(&key) || key.starts_with("end_") || key.starts_with("begin_") => {
                String::new()
            }
            key => format!("{}: {}\n", key.replace('_', " "), inline(&timestamps(value))),
        };
    }
    if let Some((level, text)) = heading(line) {
        let (text, tags) = split_tags(text);
        // "** TODO Page the on-call :bettina:": a task, with its owner in the tag.
        for (word, done) in [("TODO", false), ("DONE", true)] {
            if let Some(task) = text.strip_prefix(word).filter(|t| t.starts_with(' ')) {
                let owner = tags
                    .map(|t| format!("\n  Owner: {}", t.replace(':', ", ")))
                    .unwrap_or_default();
                let check = if done { "x" } else { " " };
                return format!("- [{check}] {}{owner}", inline(task.trim()));
            }
        }
        // A heading's tags say how to export it (`:noexport:`), not what it is about.
        return format!("{} {}", "#".repeat((level + 1).min(6)), inline(&timestamps(text)));
    }
    let trimmed = line.trim_start();
    if let Some(deadline) = trimmed
        .strip_prefix("DEADLINE:")
        .or_else(|| trimmed.strip_prefix("SCHEDULED:"))
    {
        return format!("  Due: {}", timestamps(deadline.trim()));
    }
    // `- term :: text`: a time's entry, or a label.
    let indent = &line[..line.len() - trimmed.len()];
    if let Some(item) = trimmed.strip_prefix("- ").or_else(|| trimmed.strip_prefix("+ ")) {
        if let Some((term, text)) = item.split_once(" :: ") {
            let term = timestamps(term.trim());
            return if term.starts_with(|c: char| c.is_ascii_digit()) {
                format!("{indent}- {term} \u{2014} {}", inline(text.trim()))
            } else {
                format!("{indent}- **{}:** {}", inline(&term), inline(text.trim()))
            };
        }
        return format!("{indent}- {}", inline(item));
    }
    inline(&timestamps(line))
}

/// "Text   :tag:other:": the text and its tags.
fn split_tags(text: &str) -> (&str, Option<&str>) {
    let trimmed = text.trim_end();
    if let Some(start) = trimmed.rfind(char::is_whitespace) {
        let tags = &trimmed[start + 1..];
        if tags.len() > 2 && tags.starts_with(':') && tags.ends_with(':') && !tags.contains(' ') {
            return (trimmed[..start].trim_end(), Some(tags.trim_matches(':')));
        }
    }
    (trimmed, None)
}

/// `<2024-05-19 Sun>`, `[2024-05-19 Sun 10:00]` and `<…>--<…>` ranges as their dates
/// ("2024-05-19", "2024-05-19 10:00").
fn timestamps(text: &str) -> String {
    let mut out = text.to_owned();
    for (open, close) in [('<', '>'), ('[', ']')] {
        let mut from = 0;
        while let Some(at) = out[from..].find(open).map(|a| a + from) {
            let Some(end) = out[at..].find(close).map(|e| e + at) else {
                break;
            };
            let inner = out[at + 1..end].to_owned();
            let dated = inner.len() >= 10
                && inner.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                && inner.as_bytes()[4] == b'-';
            if dated {
                // The weekday Org writes after the date says nothing the date does not.
                let inner: String = inner
                    .split(' ')
                    .filter(|w| !(w.len() == 3 && w.chars().all(char::is_alphabetic)))
                    .collect::<Vec<_>>()
                    .join(" ");
                out.replace_range(at..=end, &inner);
                from = at + inner.len();
            } else {
                from = end + 1;
            }
        }
    }
    out.replace("--", "\u{2013}")
}

/// Inline markup: `*bold*`, `=code=`, `~code~`, `[[address][text]]`, `[[address]]`.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find(['*', '=', '~', '[']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let mark = rest.as_bytes()[0];
        let before_ok = out.chars().last().is_none_or(|c| !c.is_alphanumeric());
        if mark == b'[' && rest.starts_with("[[") {
            if let Some(end) = rest.find("]]") {
                let inner = &rest[2..end];
                match inner.split_once("][") {
                    Some((url, label)) => out.push_str(&format!("[{label}]({url})")),
                    None => out.push_str(&format!("<{inner}>")),
                }
                rest = &rest[end + 2..];
                continue;
            }
        }
        if mark != b'[' && before_ok {
            let inner = &rest[1..];
            if let Some(end) = inner.find(mark as char) {
                let word = &inner[..end];
                let after_ok = inner[end + 1..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                if !word.is_empty() && !word.starts_with(' ') && !word.ends_with(' ') && after_ok {
                    let wrapped = if mark == b'*' {
                        format!("**{word}**")
                    } else {
                        format!("`{word}`")
                    };
                    out.push_str(&wrapped);
                    rest = &inner[end + 1..];
                    continue;
                }
            }
        }
        out.push(mark as char);
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_org_report_reads_as_markdown() {
        let source = "#+TITLE: Queue stalled\n#+STARTUP: showall\n\n* Summary\nThe =billing= queue *stalled*.\n\n\
                      * People\n| Role | Who |\n|------+-----|\n| Lead | Mara Quist |\n\n* Timeline\n** <2024-05-19 Sun>\n\
                      - 22:14 :: Alert fired.\n\n* Follow-up\n** TODO Page at weekends   :teo:\n   DEADLINE: <2024-06-30 Sun>\n\
                      ** DONE Upgrade firmware\n";
        let markdown = as_markdown(source).unwrap();
        assert_eq!(
            markdown,
            "# Queue stalled\n\n\n## Summary\nThe `billing` queue **stalled**.\n\n## People\n\n| Role | Who |\n| --- | --- |\n\
             | Lead | Mara Quist |\n\n## Timeline\n### 2024-05-19\n- 22:14 \u{2014} Alert fired.\n\n## Follow-up\n\
             - [ ] Page at weekends\n  Owner: teo\n  Due: 2024-06-30\n- [x] Upgrade firmware\n"
        );
    }

    #[test]
    fn a_markdown_list_is_not_org() {
        assert_eq!(as_markdown("* one\n* two\n* three\n"), None);
        assert_eq!(as_markdown("# Outage\n\n* one\n** two\n* three\n"), None);
    }
}
