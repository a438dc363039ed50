//! Everything validation and the writing rules find in a report, each placed at a line and
//! column of the file it was read from, as `postmortem lint` prints it.
//!
//! A finding names a field of the report (`timeline[3].text`); in the file, it is found where
//! that field's text is (and within it, where the phrase of a piece of writing advice is). A
//! finding about something missing is placed at the heading of the section it belongs in, or
//! at the start of the file.

use serde_json::Value;

use crate::form::{card_of, cards};
use crate::model::Report;
use crate::validate::{validate, Level};
use crate::writing;

/// One finding, placed in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lint {
    pub rule: String,
    /// `error`, `warning` or `suggestion`.
    pub level: &'static str,
    pub message: String,
    /// The field, as validation names it.
    pub path: String,
    /// The phrase a piece of writing advice is about.
    pub quote: Option<String>,
    /// 1-based, in the file.
    pub line: usize,
    pub column: usize,
}

/// The file a report was read from, for placing findings.
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    Markdown(&'a str),
    Json(&'a str),
}

impl Source<'_> {
    fn text(&self) -> &str {
        match self {
            Source::Markdown(t) | Source::Json(t) => t,
        }
    }
}

/// Every finding of validation and of the writing rules (but for `rules_off`), in file order.
pub fn lint(report: &Report, source: Source, rules_off: &[String]) -> Vec<Lint> {
    let tree = serde_json::to_value(report).unwrap_or(Value::Null);
    let mut out = Vec::new();
    for finding in validate(report) {
        let at = place(report, &tree, source, &finding.path, None);
        out.push(Lint {
            rule: finding.rule.to_owned(),
            level: match finding.level {
                Level::Error => "error",
                Level::Warning => "warning",
            },
            message: finding.message,
            path: finding.path,
            quote: None,
            line: at.0,
            column: at.1,
        });
    }
    for advice in writing::review(report, rules_off) {
        let at = place(report, &tree, source, &advice.path, Some(&advice.quote));
        out.push(Lint {
            rule: advice.rule.id.to_owned(),
            level: advice.rule.strength.key(),
            message: format!(
                "\u{201c}{}\u{201d}: {} {}",
                advice.quote, advice.rule.why, advice.rule.instead
            ),
            path: advice.path,
            quote: Some(advice.quote),
            line: at.0,
            column: at.1,
        });
    }
    if let Source::Markdown(text) = source {
        let quiet = exceptions(text);
        out.retain(|l| {
            !quiet
                .iter()
                .any(|(rule, lines)| (rule == "*" || *rule == l.rule) && lines.contains(&l.line))
        });
    }
    out.sort_by_key(|l| (l.line, l.column));
    out
}

/// The lines where the file turns rules off, as markdownlint's comments do:
/// `<!-- postmortem-lint disable RULE… -->` up to `<!-- postmortem-lint enable RULE… -->` (or
/// the end), and `<!-- postmortem-lint disable-next-line RULE… -->`; no rule named means all.
fn exceptions(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut quiet = Vec::new();
    let mut open: Vec<(String, usize)> = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for (n, line) in lines.iter().enumerate() {
        let number = n + 1;
        let Some(rest) = line.trim().strip_prefix("<!--").and_then(|r| r.strip_suffix("-->")) else {
            continue;
        };
        let mut words = rest.split_whitespace();
        if words.next() != Some("postmortem-lint") {
            continue;
        }
        let action = words.next().unwrap_or_default();
        let mut rules: Vec<String> = words.map(str::to_owned).collect();
        if rules.is_empty() {
            rules.push("*".into());
        }
        for rule in rules {
            match action {
                "disable" => open.push((rule, number)),
                "enable" => {
                    let (matching, others): (Vec<_>, Vec<_>) =
                        open.drain(..).partition(|(r, _)| *r == rule || rule == "*");
                    quiet.extend(matching.into_iter().map(|(r, from)| (r, from..number)));
                    open = others;
                }
                "disable-next-line" => quiet.push((rule, number + 1..number + 2)),
                _ => {}
            }
        }
    }
    quiet.extend(open.into_iter().map(|(r, from)| (r, from..lines.len() + 1)));
    quiet
}

/// Where a finding about `path` goes in the file: at its text, or where it is missing.
pub fn place_of(report: &Report, source: Source, path: &str) -> (usize, usize) {
    let tree = serde_json::to_value(report).unwrap_or(Value::Null);
    place(report, &tree, source, path, None)
}

/// The text of a field of the report, by its path (`timeline[3].text`).
fn field_text<'v>(tree: &'v Value, path: &str) -> Option<&'v str> {
    let mut node = tree;
    for part in path.split('.') {
        let (key, indices) = match part.find('[') {
            Some(at) => (&part[..at], &part[at..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            node = node.get(key)?;
        }
        for index in indices.split(['[', ']']).filter(|i| !i.is_empty()) {
            node = node.get(index.parse::<usize>().ok()?)?;
        }
    }
    node.as_str()
}

/// (line, column) of a byte offset, both 1-based, the column in characters.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// Where a needle is in the file, as the file writes it (JSON escapes it).
fn find(source: Source, needle: &str, from: usize) -> Option<usize> {
    let needle = needle.trim();
    if needle.is_empty() {
        return None;
    }
    let written = match source {
        Source::Markdown(_) => needle.to_owned(),
        Source::Json(_) => {
            let quoted = serde_json::to_string(needle).ok()?;
            quoted[1..quoted.len() - 1].to_owned()
        }
    };
    let text = source.text();
    text.get(from..)?.find(&written).map(|at| from + at)
}

/// The paths to look for, nearest first: the field, then its item's text (a task's owner is
/// missing, its text is there), then the item.
fn nearby(path: &str) -> Vec<String> {
    let mut paths = vec![path.to_owned()];
    if let Some(item) = path.rfind('.').map(|at| &path[..at]).filter(|item| item.ends_with(']')) {
        paths.push(format!("{item}.text"));
        paths.push(item.to_owned());
    }
    paths
}

fn place(report: &Report, tree: &Value, source: Source, path: &str, quote: Option<&str>) -> (usize, usize) {
    let text = source.text();
    // The field's first line, as far as it is written unchanged (escaping may change the rest).
    let first_line = |path: &str| {
        field_text(tree, path)
            .and_then(|t| t.lines().map(str::trim).find(|l| !l.is_empty()))
            .map(|l| l.chars().take(40).collect::<String>())
    };
    let field_at = nearby(path)
        .iter()
        .find_map(|p| first_line(p).and_then(|f| find(source, &f, 0)));
    if let Some(quote) = quote {
        let at = find(source, quote, field_at.unwrap_or(0)).or_else(|| find(source, quote, 0));
        if let Some(at) = at {
            return line_column(text, at);
        }
    }
    if let Some(at) = field_at {
        return line_column(text, at);
    }
    // Missing: the section it belongs in (Markdown), or the field's key (JSON).
    let found = match source {
        Source::Markdown(_) => {
            let all = cards(report.template);
            let heading = all[card_of(&all, path)].heading;
            find(source, &format!("## {heading}"), 0).or_else(|| {
                // A report not in our layout: the section's name wherever it stands.
                let lower = text.to_lowercase();
                lower
                    .find(&heading.to_lowercase())
                    .filter(|at| text.is_char_boundary(*at))
            })
        }
        Source::Json(_) => {
            let key = path
                .rsplit(['.', ']'])
                .find(|k| !k.is_empty() && !k.chars().all(|c| c.is_ascii_digit() || c == '['));
            key.and_then(|k| find(source, &format!("\"{}\"", k.split('[').next().unwrap_or(k)), 0))
        }
    };
    found.map_or((1, 1), |at| line_column(text, at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{import_markdown, to_json, to_markdown};

    #[test]
    fn findings_are_placed_where_their_text_is() {
        let mut report = Report {
            title: "Queue stall".into(),
            ..Default::default()
        };
        report.summary.impact = "Invoices went out late.".into();
        report.root_cause_and_resolution.root_cause =
            "A lease expired.\n\nThe on-call should have noticed the lag.".into();
        let markdown = to_markdown(&report);
        let read = import_markdown(&markdown).report;
        let lints = lint(&read, Source::Markdown(&markdown), &[]);
        let advice = lints
            .iter()
            .find(|l| l.rule == "blameless/counterfactual")
            .expect("advice");
        let line = markdown.lines().nth(advice.line - 1).unwrap();
        assert!(
            line[line.char_indices().nth(advice.column - 1).unwrap().0..].starts_with("should have noticed"),
            "{line}"
        );
        // Missing: at the heading of its section.
        let resolution = lints.iter().find(|l| l.rule == "required/resolution").unwrap();
        assert_eq!(
            markdown.lines().nth(resolution.line - 1),
            Some("## Root Cause and Resolution")
        );
        assert_eq!(resolution.column, 1);

        let json = to_json(&report);
        let lints = lint(&report, Source::Json(&json), &[]);
        let advice = lints.iter().find(|l| l.rule == "blameless/counterfactual").unwrap();
        assert!(json
            .lines()
            .nth(advice.line - 1)
            .unwrap()
            .contains("should have noticed"));
        assert!(lints
            .iter()
            .any(|l| l.level == "error" && l.rule == "required/timeline"));
    }

    #[test]
    fn comments_in_the_file_turn_rules_off_for_a_stretch() {
        let text = "# T\n\n<!-- postmortem-lint disable blameless/counterfactual -->\nWe should have paged.\n<!-- postmortem-lint enable blameless/counterfactual -->\nWe should have paged again.\n<!-- postmortem-lint disable-next-line -->\nAlso obviously broken!!\n";
        let quiet = exceptions(text);
        assert_eq!(
            quiet,
            vec![("blameless/counterfactual".into(), 3..5), ("*".into(), 8..9)]
        );
    }
}
