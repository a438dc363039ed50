//! The timeline as a Mermaid `gantt` diagram, which GitHub and GitLab draw from a fenced
//! ```` ```mermaid ```` block: the impact window as a bar, each timed entry as a milestone in a
//! section of its kind.
//!
//! Entry text goes into the diagram as task names, which Mermaid's gantt grammar ends at a
//! colon and cuts at `#` and `;`, and in which a leading keyword (`section`, `title`) would be
//! read as one. So a name is the entry's number and a short, single-line form of its text
//! with those characters replaced by look-alikes that mean the same to a reader; the entry's
//! full text is in the timeline below the diagram. Times are written in the report's display
//! timezone without an offset, so the axis shows the report's clock wherever it is viewed.

use chrono::{DateTime, FixedOffset};

use crate::model::{EntryKind, Moment, Report};
use crate::time::TimeDisplay;

/// The longest task name, in characters, before it is cut with "…".
const NAME_LENGTH: usize = 60;

/// The fence's opening line: the own reader finds the diagram by it.
pub(crate) const OPEN: &str = "```mermaid\n";
pub(crate) const CLOSE: &str = "```\n";

/// The diagram, fenced and followed by a blank line; nothing when no entry has a full time.
pub fn write_diagram(report: &Report, times: &TimeDisplay, out: &mut String) {
    let at = |m: &Option<Moment>| m.as_ref().and_then(Moment::exact);
    let timed: Vec<(usize, DateTime<FixedOffset>)> = report
        .timeline
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((i, at(&e.time)?)))
        .collect();
    if timed.is_empty() {
        return;
    }
    let local = |t: DateTime<FixedOffset>| t.with_timezone(&times.offset()).format("%Y-%m-%d %H:%M:%S").to_string();
    out.push_str(OPEN);
    out.push_str("gantt\n");
    out.push_str(&format!("    title Timeline in {}\n", name(times.label())));
    out.push_str("    dateFormat YYYY-MM-DD HH:mm:ss\n");
    out.push_str("    axisFormat %H:%M\n");
    if let (Some(start), Some(end)) = (at(&report.summary.started_at), at(&report.summary.ended_at)) {
        if start <= end {
            out.push_str("    section Impact\n");
            out.push_str(&format!("    Impact window :crit, {}, {}\n", local(start), local(end)));
        }
    }
    for kind in EntryKind::ALL {
        let entries: Vec<&(usize, DateTime<FixedOffset>)> =
            timed.iter().filter(|(i, _)| report.timeline[*i].kind == kind).collect();
        if entries.is_empty() {
            continue;
        }
        out.push_str(&format!("    section {}\n", kind.label()));
        for (index, time) in entries {
            let entry = &report.timeline[*index];
            // The milestone first, where a long text's cut cannot hide it.
            let text = match entry.milestone {
                Some(m) => format!("{} — {}", capitalised(m.label()), entry.text),
                None => entry.text.clone(),
            };
            let style = if entry.milestone.is_some() {
                "milestone, active"
            } else {
                "milestone"
            };
            out.push_str(&format!(
                "    {}. {} :{style}, {}, 0m\n",
                index + 1,
                name(&text),
                local(*time)
            ));
        }
    }
    out.push_str(CLOSE);
    out.push('\n');
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A task name Mermaid reads as text: one line, short, with the characters its grammar
/// gives a meaning replaced.
fn name(text: &str) -> String {
    let line = crate::markdown::single_line(text);
    let mut name = String::new();
    for c in line.chars() {
        match c {
            ':' => name.push('∶'),
            ';' => name.push(','),
            '#' => name.push('♯'),
            '%' => name.push('٪'),
            '"' => name.push('”'),
            '<' => name.push('‹'),
            '>' => name.push('›'),
            '`' | '\\' | '{' | '}' => name.push(' '),
            c if c.is_control() => name.push(' '),
            c => name.push(c),
        }
    }
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.char_indices().nth(NAME_LENGTH) {
        Some((cut, _)) => format!("{}…", name[..cut].trim_end()),
        None if name.is_empty() => "(no text)".to_owned(),
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_hold_nothing_the_grammar_reads() {
        let n = name("Alert: p95 > 200ms; see #ops \"now\" 50%% `x`\nsecond line");
        assert_eq!(n, "Alert∶ p95 › 200ms, see ♯ops ”now” 50٪٪ x second line");
        assert!(!n.contains([':', ';', '#', '"', '%', '\n']));
        assert_eq!(name("   "), "(no text)");
        assert_eq!(name(&"a".repeat(80)).chars().count(), NAME_LENGTH + 1);
    }
}
