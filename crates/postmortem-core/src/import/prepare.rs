//! The first stage of reading: the report as Markdown whose shape a parser can see.
//!
//! People paste reports in ways that hide their structure from a Markdown parser: the whole
//! report inside one code fence (as a chat assistant gives it), section names on a line of
//! their own but with no blank line before the text under them (so the name and the text are
//! one paragraph), section names wrapped in HTML (`<p>Timeline</p>`, `<h2>…</h2>`), links
//! written by reference with their addresses at the end, Jira's wiki markup or
//! reStructuredText. This stage
//! undoes those, outside code, and says what it did; it never drops text.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag};

use super::outline;
use super::sections::{classify, Kind};
use super::text::{apply_edits, clean_phrase};
use crate::markdown::push_link_target;
use crate::markdown::{CodeFences, Fence};

pub struct Prepared {
    pub text: String,
    pub notes: Vec<String>,
    /// What was left out to be worked out again (see `Imported::regenerated`).
    pub regenerated: Vec<String>,
}

/// One rewriting of the text: the text it gives and the note that says how, or nothing.
type Stage = fn(&str) -> Option<(String, String)>;

pub fn prepare(source: &str) -> Prepared {
    let mut notes = Vec::new();
    let stages: [Stage; 8] = [
        |text| {
            let note = "The report was inside a code block, and was read from inside it.";
            unwrap_fence(text).map(|inner| (inner, note.to_owned()))
        },
        // Another markup than Markdown: one of them at most.
        |text| {
            let wiki = || super::wiki::as_markdown(text).map(|m| (m, super::wiki::NOTE.to_owned()));
            wiki()
                .or_else(|| super::rst::as_markdown(text).map(|m| (m, super::rst::NOTE.to_owned())))
                .or_else(|| super::html_doc::as_markdown(text))
                .or_else(|| super::asciidoc::as_markdown(text).map(|m| (m, super::asciidoc::NOTE.to_owned())))
                .or_else(|| super::org::as_markdown(text).map(|m| (m, super::org::NOTE.to_owned())))
        },
        |text| {
            let note = "Links written by reference (“[text][name]”, with the address further down) were given their address in place, so that each field keeps it.";
            inline_all_references(text).map(|inlined| (inlined, note.to_owned()))
        },
        |text| {
            let (text, count) = super::html::images_as_markdown(text)?;
            let note = format!(
                "{count} HTML image{} (<img>) {} read as Markdown images; sizes and alignment were left out.",
                super::plural(count),
                super::was_were(count)
            );
            Some((text, note))
        },
        |text| super::status_page::as_timeline(text).map(|t| (t, super::status_page::NOTE.to_owned())),
        |text| {
            let (text, count) = plain_forms(text)?;
            let note = format!(
                "{count} line{} of a plain-text form (a name in capitals over its value, “Role ..... Name”, “a) item”) {} read as labels and list items.",
                super::plural(count),
                super::was_were(count)
            );
            Some((text, note))
        },
        |text| {
            let (text, count) = super::text_table::tab_tables(text)?;
            let note = format!(
                "Text parted by tabs, as pasted from a document, was read as {count} table{} and the lists and numbered lines it holds.",
                super::plural(count)
            );
            Some((text, note))
        },
        |text| {
            let (text, count) = super::text_table::plain_tables(text)?;
            let note = format!(
                "{count} table{} drawn with spaces {} read as Markdown table{0}.",
                super::plural(count),
                super::was_were(count)
            );
            Some((text, note))
        },
    ];
    let mut unwrapped = source.to_owned();
    for stage in stages {
        if let Some((text, note)) = stage(&unwrapped) {
            unwrapped = text;
            notes.push(note);
        }
    }
    let (undrawn, diagrams) = without_timeline_diagrams(&unwrapped);
    let regenerated = (diagrams > 0)
        .then(|| {
            "A Mermaid diagram of the timeline was left out: the app draws the timeline from its entries.".to_owned()
        })
        .into_iter()
        .collect();
    let (text, dedented) = dedent_prose_blocks(&isolate_section_lines(&undrawn));
    if dedented > 0 {
        notes.push("Indented text that reads as prose (Markdown would show it as code) was read as text.".to_owned());
    }
    Prepared {
        text,
        notes,
        regenerated,
    }
}

/// A report typed as a plain-text form, as e-mails and word processors carry it:
/// - `INCIDENT TITLE` in capitals over its one-line value, where the name is a field's label,
///   is that label: `INCIDENT TITLE: value`;
/// - `Scribe ........ Lisa Porter`, a name and a value parted by dot leaders, is `Scribe:
///   Lisa Porter`;
/// - `a) item`, `b) item` (or `(a)`, `a.`), in order from `a`, are list items.
///
/// The rewritten text and the lines rewritten; `None` when none was. Code is left as it is.
fn plain_forms(source: &str) -> Option<(String, usize)> {
    // Most reports have none of the three: a look at each line's first bytes tells.
    let may_hold = source.contains("....")
        || source.split('\n').any(|line| match line.trim_start().as_bytes() {
            [b'(', b'a', b')', ..] | [b'a', b')' | b'.', b' ', ..] => true,
            [a, b, ..] => a.is_ascii_uppercase() && b.is_ascii_uppercase(),
            _ => false,
        });
    if !may_hold {
        return None;
    }
    let lines: Vec<&str> = source.lines().collect();
    let mut out = String::with_capacity(source.len() + 64);
    let mut code = CodeFences::default();
    let mut rewritten = 0;
    let mut next_letter: Option<u8> = None;
    for (n, line) in lines.iter().enumerate() {
        if code.is_code(line) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let trimmed = line.trim();
        let blank = |k: usize| lines.get(k).is_none_or(|l| l.trim().is_empty());
        let capitals = trimmed.len() >= 4
            && trimmed.chars().any(char::is_alphabetic)
            && trimmed.chars().all(|c| c.is_ascii_uppercase() || c == ' ' || c == '/')
            && trimmed.split_whitespace().count() <= 4;
        let names_field = || {
            let label = super::text::words(&trimmed.to_lowercase()).trim().to_owned();
            super::summary::field_for(&label).is_some_and(|f| f != super::summary::Field::Container)
                && classify(trimmed).is_none_or(|k| k == Kind::Extra)
        };
        // The name over its value, alone between blank lines.
        if capitals && (n == 0 || blank(n - 1)) && !blank(n + 1) && blank(n + 2) && names_field() {
            out.push_str(trimmed);
            out.push(':');
            out.push(' ');
            rewritten += 1;
            continue;
        }
        if let Some((name, value)) = dot_leader(trimmed) {
            out.push_str(&format!("{name}: {value}\n"));
            rewritten += 1;
            continue;
        }
        // "a) item": the letter that comes next, or `a` to start a list.
        let letter = lettered(trimmed);
        match letter {
            Some((l, rest)) if l == b'a' || next_letter == Some(l) => {
                let alone = l == b'a' && lettered_after(&lines[n + 1..]).is_none_or(|next| next != b'b');
                if alone {
                    out.push_str(line);
                    out.push('\n');
                    continue;
                }
                out.push_str(&format!("- {rest}\n"));
                next_letter = Some(l + 1);
                rewritten += 1;
                continue;
            }
            _ if !line.starts_with(' ') && !trimmed.is_empty() => next_letter = None,
            _ => {}
        }
        out.push_str(line);
        out.push('\n');
    }
    (rewritten > 0).then_some((out, rewritten))
}

/// The letter of the next lettered line below, skipping the lines of the item above.
fn lettered_after(lines: &[&str]) -> Option<u8> {
    lines
        .iter()
        .find(|l| !l.starts_with(' ') && !l.trim().is_empty())
        .and_then(|l| lettered(l.trim()))
        .map(|(letter, _)| letter)
}

/// `a) text`, `(a) text`, `a. text`: the letter and the text.
fn lettered(line: &str) -> Option<(u8, &str)> {
    let bytes = line.as_bytes();
    let (letter, rest) = match bytes {
        [b'(', l, b')', b' ', ..] => (*l, &line[4..]),
        [l, b')' | b'.', b' ', ..] => (*l, &line[3..]),
        _ => return None,
    };
    (letter.is_ascii_lowercase() && !rest.trim().is_empty()).then(|| (letter, rest.trim()))
}

/// `Scribe ........ Lisa Porter`: the name and the value a run of four or more dots parts.
fn dot_leader(line: &str) -> Option<(&str, &str)> {
    let at = line.find("....")?;
    let name = line[..at].trim();
    let value = line[at..].trim_start_matches('.').trim();
    let words = name.split_whitespace().count();
    ((1..=6).contains(&words) && !value.is_empty() && name.starts_with(char::is_alphabetic)).then_some((name, value))
}

/// `[text][name]`, `[name][]`, `[name]` and their images, with `[name]: address` elsewhere:
/// the importer places each part of the report in its own field, where a reference would
/// lose its address. Each link and image gets its address in place, `[text](address "title")`,
/// and a definition that was used is taken out; one that was not stays visible, as text.
/// `None` when the report has no definitions, or when no rewriting keeps every address.
fn inline_references(source: &str) -> Option<String> {
    // Taking a definition's line out can join what it kept apart (a list and the indented
    // line after it); shown as text instead, it keeps the blocks as they were.
    let removed = inline_references_with(source, false)?;
    let before = destinations(source);
    if destinations(&removed) == before {
        return Some(removed);
    }
    inline_references_with(source, true).filter(|shown| destinations(shown) == before)
}

/// Every link's and image's address and title, in order: where a reader can go from the report.
fn destinations(markdown: &str) -> Vec<(String, String)> {
    Parser::new_ext(markdown, outline::options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, title, .. } | Tag::Image { dest_url, title, .. }) => {
                Some((dest_url.to_string(), title.to_string()))
            }
            _ => None,
        })
        .collect()
}

/// One round of [`inline_references`]; with `show_used`, a used definition is shown as text
/// too, rather than taken out.
fn inline_references_with(source: &str, show_used: bool) -> Option<String> {
    if !source.contains("]:") {
        return None;
    }
    let parser = Parser::new_ext(source, outline::options());
    let definitions: HashMap<String, Range<usize>> = parser
        .reference_definitions()
        .iter()
        .map(|(label, definition)| (link_label(label), definition.span.clone()))
        .collect();
    if definitions.is_empty() {
        return None;
    }
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut used: Vec<&Range<usize>> = Vec::new();
    for (event, range) in parser.into_offset_iter() {
        let (Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            ..
        })
        | Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            ..
        })) = event
        else {
            continue;
        };
        // An image's range can stop before the `[]` of a collapsed reference.
        let mut end = range.end;
        if link_type == LinkType::Collapsed && !source[..end].ends_with("[]") && source[end..].starts_with("[]") {
            end += 2;
        }
        let written = &source[range.start..end];
        // Where the link's text ends and what follows it goes: `[name]` after the text, `[]`,
        // or nothing for a shortcut.
        let (text_end, label) = match link_type {
            LinkType::Reference => match written.rfind('[') {
                Some(open) => (range.start + open, &written[open + 1..written.len() - 1]),
                None => continue,
            },
            LinkType::Collapsed => (end - 2, &source[range.start..end - 3]),
            LinkType::Shortcut => (end, &source[range.start..end - 1]),
            _ => continue,
        };
        let label = label.trim_start_matches('!').trim_start_matches('[');
        if let Some(definition) = definitions.get(&link_label(label)) {
            used.push(definition);
        }
        let mut target = String::new();
        push_link_target(&mut target, &dest_url, &title);
        edits.push((text_end..end, target));
    }
    for span in definitions.values() {
        // A definition's span ends with its line; the line break after it goes too.
        let end = span.end + usize::from(source[span.end..].starts_with('\n'));
        if used.contains(&span) && !show_used {
            edits.push((span.start..end, String::new()));
        } else {
            // "[name]: address" of no link: escaped, so that its address is read as text.
            let open = span.start + source[span.start..].find('[').unwrap_or(0);
            edits.push((open..open, "\\".to_owned()));
        }
    }
    Some(apply_edits(source, edits))
}

/// [`inline_references`] until no definition is left: a second definition of a name counts
/// only once the first is gone. Each round takes out or shows at least one.
fn inline_all_references(source: &str) -> Option<String> {
    let mut inlined = inline_references(source)?;
    for _ in 0..16 {
        match inline_references(&inlined) {
            Some(again) => inlined = again,
            None => break,
        }
    }
    Some(inlined)
}

/// A reference's label as Markdown matches it: case and runs of white space do not count.
fn link_label(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Text indented by four spaces or a tab after a blank line is code to a Markdown parser, but
/// people indent items and paragraphs by habit. A run of such lines that reads as prose loses
/// its indentation, and how many runs did is returned; code, logs and commands stay code.
fn dedent_prose_blocks(source: &str) -> (String, usize) {
    let lines: Vec<&str> = source.lines().collect();
    let indented = |l: &str| l.starts_with('\t') || l.starts_with("    ");
    let mut out = String::with_capacity(source.len());
    let mut code = CodeFences::default();
    let mut dedented = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let after_blank = i == 0 || lines[i - 1].trim().is_empty();
        if code.is_code(line) {
            // Code is left as it is.
        } else if after_blank && indented(line) && !line.trim().is_empty() {
            let end = (i..lines.len())
                .find(|&j| !lines[j].trim().is_empty() && !indented(lines[j]))
                .unwrap_or(lines.len());
            let run = &lines[i..end];
            if reads_as_prose(run) {
                let cut = run
                    .iter()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| indent_of(l))
                    .min()
                    .unwrap_or(0);
                for l in run {
                    out.push_str(unindent(l, cut));
                    out.push('\n');
                }
                dedented += 1;
                i = end;
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
        i += 1;
    }
    (out, dedented)
}

/// The columns of a line's indentation, a tab counting four (as Markdown counts it).
fn indent_of(line: &str) -> usize {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// The line without the first `columns` of its indentation.
fn unindent(line: &str, columns: usize) -> &str {
    let mut taken = 0;
    for (at, c) in line.char_indices() {
        let width = if c == '\t' { 4 } else { 1 };
        if !c.is_whitespace() || taken + width > columns {
            return &line[at..];
        }
        taken += width;
    }
    ""
}

/// Whether indented lines are sentences or list items of words rather than code or a log: no
/// line with code's punctuation, none opening with a digit (log stamps, numbers), and most
/// lines of five words or more.
fn reads_as_prose(lines: &[&str]) -> bool {
    const CODE: &[&str] = &[
        "{", "}", ";", " = ", "=>", "->", "::", "</", "/>", "$ ", "#!", "&&", "||", "()",
    ];
    let text: Vec<&str> = lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    let long = text.iter().filter(|l| l.split_whitespace().count() >= 5).count();
    !text.is_empty()
        && long * 2 >= text.len()
        && text.iter().all(|l| {
            let words = l.trim_start_matches(['*', '-', '+', ' ']);
            words.chars().next().is_some_and(char::is_alphabetic) && !CODE.iter().any(|c| l.contains(c))
        })
}

/// The text without its Mermaid `gantt` or `timeline` diagrams, and how many there were. Their
/// lines restate the timeline's entries, and would otherwise be read as entries again.
fn without_timeline_diagrams(source: &str) -> (String, usize) {
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let mut out = String::with_capacity(source.len());
    let mut dropped = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let diagram = Fence::opens_line(line).filter(|fence| {
            let info = line.trim().trim_start_matches(fence.marker).trim();
            let first = lines[i + 1..].iter().map(|l| l.trim()).find(|l| !l.is_empty());
            info.eq_ignore_ascii_case("mermaid")
                && first.is_some_and(|f| f.starts_with("gantt") || f.starts_with("timeline"))
        });
        let Some(fence) = diagram else {
            out.push_str(line);
            i += 1;
            continue;
        };
        let Some(close) = lines[i + 1..].iter().position(|l| fence.is_closed_by(l)) else {
            out.push_str(line);
            i += 1;
            continue;
        };
        dropped += 1;
        i += close + 2;
        if lines.get(i).is_some_and(|l| l.trim().is_empty()) {
            i += 1;
        }
    }
    (out, dropped)
}

/// The inside of a fence that holds the report: a fence of Markdown (or of no language) that
/// holds most of the text and, inside it, headings or section names.
fn unwrap_fence(source: &str) -> Option<String> {
    let lines: Vec<&str> = source.lines().collect();
    let open = lines.iter().position(|l| Fence::opens_line(l).is_some())?;
    let fence = Fence::opens_line(lines[open])?;
    let info = lines[open]
        .trim_start()
        .trim_start_matches(fence.marker)
        .trim()
        .to_ascii_lowercase();
    if !matches!(info.as_str(), "" | "markdown" | "md" | "text" | "txt") {
        return None;
    }
    let close = open + 1 + lines[open + 1..].iter().position(|l| fence.is_closed_by(l))?;
    let inside = &lines[open + 1..close];
    let outside: usize = lines[..open].iter().chain(&lines[close + 1..]).map(|l| l.len()).sum();
    let inside_len: usize = inside.iter().map(|l| l.len()).sum();
    let heading = |l: &str| {
        let t = l.trim_start();
        t.starts_with('#') && t.trim_start_matches('#').starts_with(' ')
    };
    let sections = inside
        .iter()
        .filter(|l| heading(l) || section_line(l).is_some())
        .count();
    if inside_len < 2 * outside.max(1) || sections < 2 {
        return None;
    }
    let mut out: Vec<&str> = lines[..open].to_vec();
    out.push("");
    out.extend_from_slice(inside);
    out.push("");
    out.extend_from_slice(&lines[close + 1..]);
    Some(out.join("\n"))
}

/// The section a line names on its own, and how to write it so that the reader sees a
/// section line: "Timeline", "Issue Summary:", `<p><b>Timeline</b></p>`, `<h2>Timeline</h2>`.
fn section_line(line: &str) -> Option<(Kind, String)> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.len() > 80 {
        return None;
    }
    // Lines that are already list items, quotes, table rows or headings are left to the parser.
    if trimmed.starts_with(['-', '*', '+', '>', '|', '#', '!', '[']) && !trimmed.starts_with("**") {
        return None;
    }
    let (text, html_level) = strip_tags(trimmed);
    let text = clean_phrase(&text);
    if text.is_empty() || text.split_whitespace().count() > 7 || !text.starts_with(char::is_uppercase) {
        return None;
    }
    // A "Label: value" line is a labelled field, not a section name.
    let plain = trimmed
        .trim_end_matches(['*', '_', ':', ' '])
        .trim_start_matches(['*', '_']);
    if plain.contains(':') && html_level.is_none() {
        return None;
    }
    // Without markup, a name is short and looks like one: a colon after it, or Title Case,
    // or at most three words; a sentence ("The timeline shows it.") is text.
    let marked = html_level.is_some() || trimmed.starts_with("**") || trimmed.starts_with("__");
    // An aside in brackets after the name is not part of it: "Timeline (all times in Pacific Time)".
    let words: Vec<&str> = super::sections::without_aside(&text).split_whitespace().collect();
    let title_case = words.iter().all(|w| !w.starts_with(char::is_lowercase) || w.len() <= 3);
    let named = trimmed.ends_with(':') || title_case || words.len() <= 3;
    // A short question names a section as a template asks it: "What happened?".
    let sentence = text.ends_with(['.', '!']) || (text.ends_with('?') && words.len() > 5);
    if !marked && (sentence || words.len() > 6 || !named) {
        return None;
    }
    let kind = classify(&text).filter(|k| !matches!(k, Kind::Extra | Kind::Preamble | Kind::Date | Kind::Authors))?;
    let written = match html_level {
        Some(level) => format!("{} {text}", "#".repeat(level)),
        None => format!("**{text}:**"),
    };
    Some((kind, written))
}

/// "1. EXECUTIVE SUMMARY", "4) Root cause", "2.3 Timeline": a numbered line shaped like a
/// section's name, in capitals or title case; the line as written, trimmed, and the section it
/// names, if one.
fn numbered_section_line(line: &str) -> Option<(&str, Option<Kind>)> {
    let trimmed = line.trim();
    let number = trimmed.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.').count();
    let rest = trimmed[number..].strip_prefix(')').unwrap_or(&trimmed[number..]);
    let name = rest.strip_prefix(' ')?.trim();
    let digits = trimmed[..number].bytes().any(|b| b.is_ascii_digit());
    let named = name.split_whitespace().count() <= 6
        && name
            .split_whitespace()
            .all(|w| !w.starts_with(char::is_lowercase) || w.len() <= 3)
        && !name.ends_with(['.', '!', '?']);
    (digits && named && line.len() - line.trim_start().len() < 4)
        .then_some((trimmed, classify(name).filter(|k| *k != Kind::Extra)))
}

/// The text of a line without its HTML tags, and the level when it was an HTML heading.
fn strip_tags(line: &str) -> (String, Option<usize>) {
    let mut text = String::with_capacity(line.len());
    let mut level = None;
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            text.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        if let Some(n) = tag.strip_prefix('h').and_then(|n| n.parse::<usize>().ok()) {
            level = Some(n.clamp(1, 6));
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    (text, level)
}

/// A heading that names a section and goes on with its first sentence after a colon
/// ("## Root Cause: A typo in the config."): the heading alone, and the text.
fn heading_with_text(line: &str) -> Option<(String, &str)> {
    let marks = line.len() - line.trim_start_matches('#').len();
    let rest = line.get(marks..)?;
    if !(2..=6).contains(&marks) || !rest.starts_with(' ') {
        return None;
    }
    let (name, tail) = rest.split_once(':')?;
    let tail = tail.trim();
    classify(name).filter(|k| !matches!(k, Kind::Extra | Kind::Preamble | Kind::Date | Kind::Authors))?;
    (tail.split_whitespace().count() >= 4).then(|| (format!("{} {}", &line[..marks], name.trim()), tail))
}

/// Puts every line that names a section on its own outside code between blank lines, written
/// as a section line, so that it does not run into the paragraph under it.
fn isolate_section_lines(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + 64);
    let mut code = CodeFences::default();
    let mut previous_blank = true;
    let lines: Vec<&str> = source.lines().collect();
    // "Timeline" over "--------" is a heading already.
    let setext = |n: usize| !lines[n].trim().is_empty() && lines.get(n + 1).is_some_and(|l| is_setext_underline(l));
    // In a report whose section names are real Markdown headings, plain lines stay text.
    let has_headings = lines.iter().enumerate().any(|(n, l)| {
        let t = l.trim_start();
        let atx = t.starts_with('#')
            && t.trim_start_matches('#').starts_with(' ')
            && classify(t.trim_start_matches('#')).is_some();
        atx || (setext(n) && classify(t).is_some())
    });
    // A report whose sections are numbered lines ("1. SUMMARY", "2. TIMELINE"): two that
    // name known sections, alone between blank lines, show the style.
    let alone =
        |n: usize| (n == 0 || lines[n - 1].trim().is_empty()) && lines.get(n + 1).is_none_or(|l| l.trim().is_empty());
    let numbered_sections = lines
        .iter()
        .enumerate()
        .filter(|(n, l)| alone(*n) && numbered_section_line(l).is_some_and(|(_, kind)| kind.is_some()))
        .take(2)
        .count()
        == 2;
    // Numbered the same way, with each section's text right under its name ("5. Root Cause"
    // over its first line): three such lines after a blank line show the style.
    let after_blank = |n: usize| n == 0 || lines[n - 1].trim().is_empty();
    let numbered_over_text = lines
        .iter()
        .enumerate()
        .filter(|(n, l)| after_blank(*n) && numbered_section_line(l).is_some_and(|(_, kind)| kind.is_some()))
        .take(3)
        .count()
        == 3;
    // The lines that ran on from a section line were its paragraph's; set apart from it, an
    // indented one would turn into code, so they lose the indentation.
    let mut ran_on = false;
    let mut underline_read = false;
    for (n, line) in lines.iter().enumerate() {
        let mut line = *line;
        if std::mem::take(&mut underline_read) {
            continue;
        }
        if setext(n) && !code.is_open() {
            // "1. SUMMARY" over "----------": a numbered section name, which Markdown would
            // read as a list item over a rule. Written with hashes, it is the heading it looks.
            let numbered = line.trim_start().bytes().next().is_some_and(|b| b.is_ascii_digit());
            if numbered && !line.starts_with("    ") {
                let level = if lines[n + 1].trim_start().starts_with('=') {
                    "#"
                } else {
                    "##"
                };
                out.push_str(&format!("{level} {}\n", line.trim()));
                underline_read = true;
            } else {
                out.push_str(line);
                out.push('\n');
            }
            previous_blank = false;
            continue;
        }
        if code.is_code(line) {
            // Code is left as it is.
        } else if let Some((_, written)) = section_line(line).filter(|_| !has_headings || line.contains('<')) {
            if !previous_blank {
                out.push('\n');
            }
            out.push_str(&written);
            out.push_str("\n\n");
            previous_blank = true;
            ran_on = true;
            continue;
        } else if let Some((name, _)) = numbered_section_line(line)
            .filter(|(_, kind)| numbered_over_text && kind.is_some() && previous_blank && !has_headings)
        {
            // "5. Root Cause" over its text: the name, set apart from the text.
            out.push_str(&format!("## {name}\n\n"));
            previous_blank = true;
            continue;
        } else if let Some((name, _)) = numbered_section_line(line)
            .filter(|_| numbered_sections)
            .filter(|_| previous_blank && lines.get(n + 1).is_none_or(|l| l.trim().is_empty()) && !has_headings)
        {
            // "3. CHRONOLOGY" alone between blank lines: a formal report's numbered section,
            // which Markdown would read as a list of one item; "8. APPROVAL" beside it, in a
            // report numbered so, is one too.
            out.push_str(&format!("## {name}\n"));
            previous_blank = false;
            continue;
        } else if let Some((heading, tail)) = heading_with_text(line) {
            // "## Root Cause and Resolution: The root cause was…": the name, then its text.
            out.push_str(&heading);
            out.push_str("\n\n");
            out.push_str(tail);
            out.push('\n');
            previous_blank = false;
            continue;
        } else if line.trim().is_empty() {
            ran_on = false;
        } else if ran_on && line.len() - line.trim_start().len() >= 4 {
            line = line.trim_start();
        }
        out.push_str(line);
        out.push('\n');
        previous_blank = line.trim().is_empty();
    }
    out
}

/// `=====` or `-----` (up to three spaces in): under a line of text, it makes that line a
/// heading.
fn is_setext_underline(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let marks = line.trim();
    indent <= 3 && !marks.is_empty() && (marks.bytes().all(|b| b == b'=') || marks.bytes().all(|b| b == b'-'))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::test_support::config;

    proptest! {
        #![proptest_config(config(300))]

        /// Links by reference, in any container and any case, with definitions anywhere:
        /// in place, every link still goes where it went, and no definition is needed.
        #[test]
        fn links_in_place_go_where_their_references_went(pieces in prop::collection::vec(prop::sample::select(&[
            "[a]", "[text][A]", "![pic][b]", "[b][]", "[ a ]", "[missing]", "[c][]", "[x](inline.html)", " words ",
            "*[a]*", "`[a]`", "\n\n[a]: http://e.com/1\n\n", "\n\n[B]: <http://e.com/two words> 'T \"q\"'\n\n",
            "\n\n[c]:\n  http://e.com/(3)\n\n", "\n- item [b]\n", "\n> quote [text][a]\n", "\n\n    [a]: code\n\n",
            "\n# [a] heading\n", "\n\n> [q]: http://e.com/quoted\n\n[q]\n", "\n\n[unused]: http://e.com/u\n\n",
        ][..]), 0..24)) {
            let text = pieces.concat();
            let Some(inlined) = inline_all_references(&text) else {
                return Ok(());
            };
            prop_assert_eq!(destinations(&inlined), destinations(&text), "{:?}\nbecame {:?}", text, inlined);
            let left = Parser::new_ext(&inlined, outline::options());
            let used = left.reference_definitions().iter().count();
            prop_assert_eq!(used, 0, "{:?}\nbecame {:?}", text, inlined);
        }
    }

    #[test]
    fn a_plain_text_form_reads_as_labels_and_lists() {
        let text = "INCIDENT TITLE\nScanners offline\n\nINCIDENT TEAM\nScribe ........ Lisa Ode\n\n\
                    ACTIONS\n\na) Fix the job.\n   Owner: Craig.\nb) Add alerts.\n\na) alone stays as written.\n";
        let (out, count) = plain_forms(text).unwrap();
        assert_eq!(count, 4);
        assert_eq!(
            out,
            "INCIDENT TITLE: Scanners offline\n\nINCIDENT TEAM\nScribe: Lisa Ode\n\nACTIONS\n\n- Fix the job.\n   Owner: Craig.\n- Add alerts.\n\na) alone stays as written.\n"
        );
        assert_eq!(plain_forms("A sentence. Then more.\n\nSUMMARY\nText here.\n"), None);
    }

    #[test]
    fn section_names_on_their_own_line_are_set_apart() {
        let text =
            prepare("Issue Summary:\n  From 3:00 pm the site was slow.\nTimeline\n3:00 pm - first complaint\n").text;
        assert_eq!(
            text,
            "**Issue Summary:**\n\n  From 3:00 pm the site was slow.\n\n**Timeline:**\n\n3:00 pm - first complaint\n"
        );
        let html = prepare("<p><b>Root Cause</b></p>\ntext\n<h2>Timeline</h2>\n").text;
        assert_eq!(html, "**Root Cause:**\n\ntext\n\n## Timeline\n\n");
        // Labelled fields, list items, sentences and code stay as they are.
        let kept = "Impact: slow pages\n- Timeline\nThe timeline shows it.\n```\nTimeline\n```\n";
        assert_eq!(prepare(kept).text, kept);
        // A heading that goes on with its text after a colon.
        assert_eq!(
            prepare("## Root Cause: A typo in the proxy config.\n").text,
            "## Root Cause\n\nA typo in the proxy config.\n"
        );
        let titled = "# Postmortem: the checkout outage of May\n\n## Timeline: UTC\n";
        assert_eq!(prepare(titled).text, titled);
    }

    #[test]
    fn indented_prose_is_text_and_indented_code_stays_code() {
        let prose = "## Measures\n\n    * Fixes:\n\tAdd an alert on the disk usage of each node.\n        Write a runbook for the failover.\n";
        let prepared = prepare(prose);
        assert_eq!(
            prepared.text,
            "## Measures\n\n* Fixes:\nAdd an alert on the disk usage of each node.\n    Write a runbook for the failover.\n"
        );
        assert_eq!(prepared.notes.len(), 1);
        for code in [
            "## Fix\n\n    server {\n        listen 80;\n    }\n",
            "## Log\n\n    2024-01-02 10:00:01 ERROR the upstream timed out again\n",
            "## Run\n\n    sudo service nginx restart\n",
        ] {
            assert_eq!(prepare(code).text, code);
        }
    }

    #[test]
    fn a_report_pasted_inside_a_fence_is_read_from_inside() {
        let prepared = prepare("Here is your postmortem:\n\n```markdown\n# Outage\n\n## Timeline\n\n- 10:00 alert\n\n## Root Cause\n\nA bug.\n```\n");
        assert!(prepared.text.contains("\n# Outage\n"), "{}", prepared.text);
        assert!(!prepared.text.contains("```"), "{}", prepared.text);
        assert_eq!(prepared.notes.len(), 1);
        // A fence of code in a report stays code.
        let code = "# T\n\n## Timeline\n\n- 10:00 x\n\n```sql\nSELECT 1;\n```\n";
        assert_eq!(prepare(code).text, code);
    }
}
