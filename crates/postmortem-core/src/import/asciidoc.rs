//! Reports written in AsciiDoc (`= Title`, `== Section`, `|===` tables, `. step`,
//! `Term:: text`), as teams keep them beside their code, read as the Markdown they stand for.
//! Read as Markdown unchanged, such a report has no headings and its tables are lines of bars.
//!
//! Only a document that heads two or more lines `== ` (and fewer with `## `) is taken for
//! AsciiDoc. Nothing is dropped but markup: the document's display settings (`:toc:`,
//! `:sectnums:`) and block attributes (`[cols="1,2"]`) say how to show it, not what happened.

use super::text_table::{empty_header, header_rule};

pub const NOTE: &str =
    "The report is written in AsciiDoc (“== Section”, “|===” tables); it was read as the Markdown it stands for.";

/// Document attributes that only set how the document is shown.
const DISPLAY_ATTRIBUTES: [&str; 22] = [
    "toc",
    "toclevels",
    "toc-title",
    "sectnums",
    "sectnumlevels",
    "sectanchors",
    "sectlinks",
    "icons",
    "imagesdir",
    "source-highlighter",
    "experimental",
    "nofooter",
    "noheader",
    "doctype",
    "stylesheet",
    "linkcss",
    "lang",
    "idprefix",
    "idseparator",
    "hardbreaks",
    "showtitle",
    "table-caption",
];

/// The report in Markdown, or `None` when it is not written in AsciiDoc.
pub fn as_markdown(source: &str) -> Option<String> {
    if !is_asciidoc(source) {
        return None;
    }
    let lines: Vec<&str> = source.lines().collect();
    let mut out = String::with_capacity(source.len() + source.len() / 8);
    let mut attributes: Option<String> = None;
    let mut n = 0;
    while n < lines.len() {
        let line = lines[n];
        let trimmed = line.trim_end();
        n += 1;
        // Block attributes (`[NOTE]`, `[cols="1,2,6",options="header"]`, `[[anchor]]`) apply
        // to the block after them.
        if trimmed.starts_with('[') && trimmed.ends_with(']') && !trimmed.contains("](") {
            attributes = Some(trimmed[1..trimmed.len() - 1].to_owned());
            continue;
        }
        let block = attributes.take().unwrap_or_default();
        if let Some(note) = admonition(&block) {
            out.push_str(&format!("**{note}:**\n\n"));
        }
        if trimmed == "|===" || trimmed == ",===" {
            let end = lines[n..]
                .iter()
                .position(|l| l.trim_end() == trimmed)
                .map_or(lines.len(), |e| n + e);
            out.push_str(&table(&lines[n..end], &block));
            out.push('\n');
            n = (end + 1).min(lines.len());
            continue;
        }
        if let Some(fence) = delimiter(trimmed) {
            let end = lines[n..]
                .iter()
                .position(|l| l.trim_end() == trimmed)
                .map_or(lines.len(), |e| n + e);
            let inner = &lines[n..end];
            match fence {
                Delimited::Code => {
                    out.push_str("```\n");
                    for l in inner {
                        out.push_str(l);
                        out.push('\n');
                    }
                    out.push_str("```\n");
                }
                Delimited::Quote => {
                    for l in inner {
                        out.push_str(&format!("> {}\n", inline(l)).replace("> \n", ">\n"));
                    }
                }
                // An example, a sidebar or an admonition's box: its text, as it reads.
                Delimited::Open => {
                    let inner: String = inner.iter().map(|l| format!("{l}\n")).collect();
                    if let Some(markdown) = as_markdown_body(&inner) {
                        out.push_str(&markdown);
                    }
                }
            }
            n = (end + 1).min(lines.len());
            continue;
        }
        out.push_str(&line_markdown(trimmed));
        out.push('\n');
    }
    Some(out)
}

/// The inside of a delimited block, read as the document is.
fn as_markdown_body(text: &str) -> Option<String> {
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(&line_markdown(line.trim_end()));
        out.push('\n');
    }
    Some(out)
}

fn is_asciidoc(source: &str) -> bool {
    let mut sections = 0;
    let mut hashes = 0;
    let mut fenced = false;
    for line in source.lines().take(5000) {
        if line.starts_with("```") || line == "----" {
            fenced = !fenced;
        }
        if fenced {
            continue;
        }
        if section_level(line).is_some_and(|level| level >= 2) {
            sections += 1;
        }
        if line.starts_with("## ") {
            hashes += 1;
        }
    }
    sections >= 2 && hashes < sections
}

/// `== Timeline` is level 2, `= Title` level 1.
fn section_level(line: &str) -> Option<usize> {
    let marks = line.bytes().take_while(|b| *b == b'=').count();
    ((1..=6).contains(&marks) && line[marks..].starts_with(' ') && !line[marks..].trim().is_empty()).then_some(marks)
}

enum Delimited {
    Code,
    Quote,
    Open,
}

/// A delimited block's fence: `----` listing, `....` literal, `____` quote, `====` example,
/// `****` sidebar, `--` open, `////` comment (kept, quoted: an author wrote it).
fn delimiter(line: &str) -> Option<Delimited> {
    let first = line.bytes().next()?;
    let same = line.bytes().all(|b| b == first);
    match (first, same, line.len()) {
        (b'-', true, 2) => Some(Delimited::Open),
        (b'-' | b'.', true, 4..) => Some(Delimited::Code),
        (b'_' | b'/', true, 4..) => Some(Delimited::Quote),
        (b'=' | b'*' | b'+', true, 4..) => Some(Delimited::Open),
        _ => None,
    }
}

/// `NOTE`, `TIP`, `IMPORTANT`, `WARNING`, `CAUTION` as a block's style.
fn admonition(attributes: &str) -> Option<&'static str> {
    let style = attributes.split(',').next().unwrap_or_default().trim();
    [
        ("NOTE", "Note"),
        ("TIP", "Tip"),
        ("IMPORTANT", "Important"),
        ("WARNING", "Warning"),
        ("CAUTION", "Caution"),
    ]
    .iter()
    .find(|(name, _)| *name == style)
    .map(|(_, label)| *label)
}

/// One line outside delimited blocks.
fn line_markdown(line: &str) -> String {
    if let Some(level) = section_level(line) {
        return format!("{} {}", "#".repeat(level), inline(line[level..].trim()));
    }
    // `:name: value`: a document attribute. Display settings are left out; the rest (author,
    // revision date, description) is text of the report.
    if let Some((name, value)) = line.strip_prefix(':').and_then(|l| l.split_once(':')) {
        if !name.is_empty() && !name.contains(' ') {
            let bare = name.trim_start_matches('!').trim_end_matches('!');
            if DISPLAY_ATTRIBUTES.contains(&bare) {
                return String::new();
            }
            return format!("{}: {}", bare.replace(['-', '_'], " "), inline(value.trim()));
        }
    }
    // A line comment, and a hard break's `+` alone, are markup; a page break too.
    if line == "+" || line == "<<<" || (line.starts_with("//") && !line.starts_with("///")) {
        return match line.strip_prefix("//") {
            Some(comment) if !comment.trim().is_empty() => format!("> {}", comment.trim()),
            _ => String::new(),
        };
    }
    if line == "'''" {
        return "---".to_owned();
    }
    // `.Block title`
    if let Some(title) = line
        .strip_prefix('.')
        .filter(|t| t.starts_with(|c: char| c.is_alphanumeric()))
    {
        return format!("**{}**", inline(title));
    }
    // Lists: `* item`, `** nested`, `. step`, `.. nested step`, `- item`.
    let marks = line.bytes().take_while(|b| *b == b'*' || *b == b'.').count();
    if marks > 0 && line[marks..].starts_with(' ') && line.bytes().take(marks).all(|b| b == line.as_bytes()[0]) {
        let depth = marks - 1;
        // Markdown nests an item under "1. " by three spaces, under "- " by two.
        let (marker, indent) = if line.starts_with('.') {
            ("1.", "   ")
        } else {
            ("-", "  ")
        };
        return format!("{}{marker} {}", indent.repeat(depth), inline(line[marks..].trim()));
    }
    // `Term:: definition`, `Term::` over its text.
    if let Some((term, definition)) = line
        .split_once(":: ")
        .or_else(|| line.strip_suffix("::").map(|t| (t, "")))
    {
        if !term.is_empty() && term.len() <= 60 && !term.contains("://") {
            return format!("- **{}:** {}", inline(term.trim()), inline(definition.trim()));
        }
    }
    let line = line.strip_suffix(" +").unwrap_or(line);
    inline(line)
}

/// Inline markup: `*bold*` as `**bold**`, `https://x[text]` and `link:x[text]` as links,
/// `<<anchor,text>>` as its text, `image:x[alt]` as an image, `footnote:[text]` in brackets.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find(['*', '<', 'h', 'l', 'i', 'f']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(found) = bold(rest).or_else(|| xref(rest)).or_else(|| macro_link(rest)) {
            out.push_str(&found.0);
            rest = &rest[found.1..];
        } else {
            let next = rest.chars().next().map_or(1, char::len_utf8);
            out.push_str(&rest[..next]);
            rest = &rest[next..];
        }
    }
    out.push_str(rest);
    out
}

/// `*bold*` at a word's start: the Markdown and the length read.
fn bold(text: &str) -> Option<(String, usize)> {
    let inner = text.strip_prefix('*')?;
    if inner.starts_with(['*', ' ']) {
        return None;
    }
    let end = inner.find('*')?;
    let after = inner[end + 1..].chars().next();
    (end > 0 && !inner[..end].ends_with(' ') && after.is_none_or(|c| !c.is_alphanumeric()))
        .then(|| (format!("**{}**", &inner[..end]), end + 2))
}

fn xref(text: &str) -> Option<(String, usize)> {
    let inner = text.strip_prefix("<<")?;
    let end = inner.find(">>")?;
    let (anchor, label) = inner[..end].split_once(',').unwrap_or((&inner[..end], ""));
    let label = if label.trim().is_empty() { anchor } else { label.trim() };
    Some((label.to_owned(), end + 4))
}

/// `https://x[text]`, `link:x[text]`, `image:x[alt]`, `image::x[alt]`, `footnote:[text]`.
fn macro_link(text: &str) -> Option<(String, usize)> {
    let open = text.find('[')?;
    let target = &text[..open];
    if target.contains(char::is_whitespace) {
        return None;
    }
    let close = open + text[open..].find(']')?;
    let label = &text[open + 1..close];
    let label = label.split(',').next().unwrap_or_default().trim_matches('"');
    let markdown = if let Some(url) = target.strip_prefix("image::").or_else(|| target.strip_prefix("image:")) {
        format!("![{label}]({url})")
    } else if target == "footnote:" {
        format!(" ({label})")
    } else if let Some(url) = target.strip_prefix("link:") {
        format!("[{}]({url})", if label.is_empty() { url } else { label })
    } else if target.starts_with("https://") || target.starts_with("http://") {
        if label.is_empty() {
            target.to_owned()
        } else {
            format!("[{label}]({target})")
        }
    } else {
        return None;
    };
    Some((markdown, close + 1))
}

/// A `|===` table's lines as a Markdown table. Cells start at `|`, on one line or many; the
/// columns are counted by `cols="…"` or by the first row's cells.
fn table(lines: &[&str], attributes: &str) -> String {
    let declared = attribute(attributes, "cols").map(|cols| {
        cols.split(',')
            .map(|c| {
                c.split_once('*')
                    .and_then(|(n, _)| n.trim().parse::<usize>().ok())
                    .unwrap_or(1)
            })
            .sum::<usize>()
    });
    let first_row = lines.iter().find(|l| !l.trim().is_empty());
    let width = declared
        .or_else(|| first_row.map(|l| cells_of(l).len()))
        .unwrap_or(1)
        .max(1);
    // A header when the options say so, or when the first row stands alone over a blank line.
    let header = attribute(attributes, "options").is_some_and(|o| o.contains("header"))
        || attributes.contains("%header")
        || lines.get(1).is_some_and(|l| l.trim().is_empty()) && first_row.is_some_and(|l| cells_of(l).len() == width);
    let cells: Vec<String> = lines.iter().flat_map(|l| cells_of(l)).collect();
    let mut out = String::new();
    for (n, row) in cells.chunks(width).enumerate() {
        if n == 0 && !header {
            out.push_str(&empty_header(width));
            out.push_str(&header_rule(width));
        }
        let mut row: Vec<String> = row.iter().map(|c| inline(c).replace('|', "\\|")).collect();
        row.resize(width, String::new());
        out.push_str(&format!("| {} |\n", row.join(" | ")));
        if n == 0 && header {
            out.push_str(&header_rule(width));
        }
    }
    out
}

/// The cells a table line starts: `|a |b` is two; a line without `|` goes on the cell above
/// (returned as one cell that joins it).
fn cells_of(line: &str) -> Vec<String> {
    let line = line.trim();
    if line.is_empty() {
        return Vec::new();
    }
    match line.strip_prefix('|') {
        Some(rest) => rest.split('|').map(|c| c.trim().to_owned()).collect(),
        None => vec![line.to_owned()],
    }
}

/// `name="value"` or `name=value` in a block's attribute list.
fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let at = attributes.find(&format!("{name}="))?;
    let value = &attributes[at + name.len() + 1..];
    Some(match value.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next().unwrap_or_default(),
        None => value.split(',').next().unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_asciidoc_report_reads_as_markdown() {
        let source = "= Queue stalled on Monday\nOps Team <ops@example.org>\n:toc: left\n:sectnums:\n\n\
                      [NOTE]\n====\nInternal only.\n====\n\n== Summary\n\nInvoices *waited* for two hours.\n\n\
                      == Response\n\n[horizontal]\nIncident commander:: Mara Quist\n\n== Timeline\n\n\
                      [cols=\"1,4\",options=\"header\"]\n|===\n|Time (UTC) |Event\n|09:12 |Alert fired.\n|09:40\n|Queue drained, see https://status.example[status].\n|===\n\n\
                      == Follow-ups\n\n. Alert earlier.\n.. On depth, not age.\n* [ ] Review limits\n";
        let markdown = as_markdown(source).unwrap();
        assert_eq!(
            markdown,
            "# Queue stalled on Monday\nOps Team <ops@example.org>\n\n\n\n**Note:**\n\nInternal only.\n\n## Summary\n\n\
             Invoices **waited** for two hours.\n\n## Response\n\n- **Incident commander:** Mara Quist\n\n## Timeline\n\n\
             | Time (UTC) | Event |\n| --- | --- |\n| 09:12 | Alert fired. |\n| 09:40 | Queue drained, see [status](https://status.example). |\n\n\n\
             ## Follow-ups\n\n1. Alert earlier.\n   1. On depth, not age.\n- [ ] Review limits\n"
        );
    }

    #[test]
    fn markdown_is_not_asciidoc() {
        assert_eq!(
            as_markdown("# Outage\n\n## Timeline\n\n== not a heading\n\n## Fix\n"),
            None
        );
        assert_eq!(as_markdown("Title\n=====\n\nText\n"), None);
    }
}
