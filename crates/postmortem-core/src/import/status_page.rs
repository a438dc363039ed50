//! An incident's updates as a status page shows them, pasted into a report: a paragraph per
//! update, `**Investigating** - We are looking into…` with its stamp on the line under it
//! (`Mar 12, 2024 - 13:05 PDT`), newest first. They are the incident's timeline, told to its
//! customers; read as Markdown they would be prose with times nobody reads.

use super::when;

/// The words status pages head their updates with.
const STATUSES: &[&str] = &[
    "investigating",
    "identified",
    "monitoring",
    "update",
    "resolved",
    "postmortem",
    "scheduled",
    "in progress",
    "verifying",
    "completed",
];

/// One update: its status, its text, its stamp as written and as a sortable moment.
struct Update<'a> {
    status: &'a str,
    text: String,
    stamp: String,
    at: Option<(chrono::NaiveDate, chrono::NaiveTime)>,
}

/// The source with each run of two or more updates taken out and written, oldest first, as a
/// timeline at the end; `None` when it has no such run.
pub fn as_timeline(source: &str) -> Option<String> {
    // Every update opens a line in bold with its status: a report without one has none.
    let opens_update = |at: usize| {
        let rest = source[at..]
            .trim_start_matches(['\n', ' '])
            .strip_prefix("**")
            .unwrap_or("");
        rest.split_once("**")
            .is_some_and(|(status, _)| STATUSES.contains(&status.trim().to_ascii_lowercase().as_str()))
    };
    if !(opens_update(0) || source.match_indices("\n**").any(|(at, _)| opens_update(at))) {
        return None;
    }
    let lines: Vec<&str> = source.lines().collect();
    let mut kept: Vec<&str> = Vec::with_capacity(lines.len());
    let mut updates: Vec<Update> = Vec::new();
    // The updates of the current run, each with the lines it was written on.
    let mut run: Vec<(std::ops::Range<usize>, Update)> = Vec::new();
    let mut n = 0;
    while n < lines.len() {
        let end = lines[n..]
            .iter()
            .position(|l| l.trim().is_empty())
            .map_or(lines.len(), |p| n + p);
        if end > n {
            if let Some(update) = update(&lines[n..end]) {
                run.push((n..end, update));
                n = end + 1;
                continue;
            }
        }
        flush(&mut run, &lines, &mut kept, &mut updates);
        kept.extend(&lines[n..end.min(lines.len())]);
        if end < lines.len() {
            kept.push("");
        }
        n = end + 1;
    }
    flush(&mut run, &lines, &mut kept, &mut updates);
    if updates.is_empty() {
        return None;
    }
    // Newest first, as pages show them; a timeline reads oldest first.
    let newest_first = updates.first().and_then(|u| u.at) > updates.last().and_then(|u| u.at);
    if newest_first {
        updates.reverse();
    }
    let mut out = kept.join("\n");
    out.push_str("\n\n## Timeline\n\n");
    for update in &updates {
        out.push_str(&format!(
            "- {} — {}: {}\n",
            update.stamp,
            update.status,
            update.text.replace('\n', " ")
        ));
    }
    Some(out)
}

/// Ends a run: two updates or more go to the timeline; one alone stays where it was.
fn flush<'a>(
    run: &mut Vec<(std::ops::Range<usize>, Update<'a>)>,
    lines: &[&'a str],
    kept: &mut Vec<&'a str>,
    updates: &mut Vec<Update<'a>>,
) {
    if run.len() >= 2 {
        updates.extend(run.drain(..).map(|(_, update)| update));
    } else {
        for (written, _) in run.drain(..) {
            kept.extend(&lines[written]);
            kept.push("");
        }
    }
}

/// The note that says what was done.
pub const NOTE: &str = "The status page updates pasted in the report (“Investigating”, “Resolved”…) were read as its timeline, oldest first, and moved to the end.";

/// `**Identified** - text…` over a stamp line: the update, or `None`.
fn update<'a>(paragraph: &[&'a str]) -> Option<Update<'a>> {
    let (stamp, text) = paragraph.split_last()?;
    let first = text.first()?.trim_start().strip_prefix("**")?;
    let (status, rest) = first.split_once("**")?;
    let rest = rest
        .trim_start()
        .strip_prefix('-')
        .or_else(|| rest.trim_start().strip_prefix('\u{2013}'))?;
    if !STATUSES.contains(&status.trim().to_ascii_lowercase().as_str()) {
        return None;
    }
    // "Mar 12, 2024 - 13:05 PDT": the date, a dash, the time.
    let stamp = stamp.trim().replacen(" - ", " ", 1);
    let when = when::when_prefix(&stamp).filter(|w| w.clock.is_some() && w.end >= stamp.trim_end().len())?;
    let mut words = vec![rest.trim().to_owned()];
    words.extend(text[1..].iter().map(|l| l.trim().to_owned()));
    let at = when
        .date
        .and_then(|d| d.with_year(None))
        .zip(when.clock.map(|c| c.time()));
    Some(Update {
        status: status.trim(),
        text: words.join("\n"),
        stamp,
        at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn updates_newest_first_become_a_timeline_oldest_first() {
        let page = "# Delayed webhooks\n\nIncident Report for Acme\n\n**Resolved** - All events delivered.\nMar 12, 2024 - 16:47 PDT\n\n\
                    **Identified** - A retry change\ncrowded the queue.\nMar 12, 2024 - 13:36 PDT\n\n\
                    **Investigating** - We are looking into delays.\nMar 12, 2024 - 13:05 PDT\n\nThis incident affected: Webhooks.\n";
        let out = as_timeline(page).expect("three updates");
        assert!(
            out.starts_with("# Delayed webhooks\n\nIncident Report for Acme\n\nThis incident affected: Webhooks.\n"),
            "{out}"
        );
        assert!(
            out.ends_with(
                "## Timeline\n\n- Mar 12, 2024 13:05 PDT — Investigating: We are looking into delays.\n\
                 - Mar 12, 2024 13:36 PDT — Identified: A retry change crowded the queue.\n\
                 - Mar 12, 2024 16:47 PDT — Resolved: All events delivered.\n"
            ),
            "{out}"
        );
        // One update alone, or bold text that is not one, stays where it is.
        let one = "**Resolved** - All events delivered.\nMar 12, 2024 - 16:47 PDT\n\n**Note** - see below.\nMar 12\n";
        assert_eq!(as_timeline(one), None);
    }
}
