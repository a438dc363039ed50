//! Small readers for the text inside one block: labels (`**Impact:** …`), emphasis around a
//! whole phrase, heading words, sentences and percentages.

/// Lower-case words separated by single spaces, with a space at each end, so that
/// `contains(" root cause ")` matches whole words. Emoji and punctuation become spaces.
pub fn words(text: &str) -> String {
    // Built as bytes: most text is ASCII, and a timeline of thousands of entries is read word
    // by word several times.
    let mut out: Vec<u8> = Vec::with_capacity(text.len() + 2);
    out.push(b' ');
    let mut after_space = true;
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        for b in rest[..ascii].bytes() {
            if b.is_ascii_alphanumeric() {
                out.push(b.to_ascii_lowercase());
                after_space = false;
            } else if !after_space {
                out.push(b' ');
                after_space = true;
            }
        }
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            if c.is_alphanumeric() {
                let mut buffer = [0; 4];
                for lower in c.to_lowercase() {
                    out.extend_from_slice(lower.encode_utf8(&mut buffer).as_bytes());
                }
                after_space = false;
            } else if !after_space {
                out.push(b' ');
                after_space = true;
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    if !after_space {
        out.push(b' ');
    }
    String::from_utf8(out).expect("ASCII bytes and whole encoded characters")
}

/// If the text starts with `**…**`, `__…__`, `*…*` or `_…_`, the inside and what follows.
pub fn strip_wrapper(text: &str) -> Option<(&str, &str)> {
    let marker = ["**", "__", "*", "_"].into_iter().find(|m| text.starts_with(m))?;
    let after = &text[marker.len()..];
    let close = after.find(marker)?;
    let inner = &after[..close];
    if inner.trim().is_empty() || inner.starts_with(' ') {
        return None;
    }
    Some((inner, &after[close + marker.len()..]))
}

/// The whole text without emphasis around all of it, emoji and symbols at either end, and a
/// trailing colon: "**📜 Timeline:**" → "Timeline".
pub fn clean_phrase(text: &str) -> String {
    let mut text = text.trim();
    while let Some((inner, rest)) = strip_wrapper(text) {
        if !rest.trim().is_empty() && rest.trim() != ":" {
            break;
        }
        text = inner.trim();
    }
    // Emoji and symbols at the ends go; ASCII punctuation and quotes are the author's text.
    let edge = |c: char| c.is_whitespace() || !(c.is_ascii() || c.is_alphanumeric() || "“”‘’«»…".contains(c));
    text.trim_matches(edge)
        .trim_end_matches(':')
        .trim_matches(edge)
        .to_owned()
}

/// A label at the start of a line and the value after it: `**Impact:** text`,
/// `**Impact**: text`, `*Impact:* text`, `Impact: text`, `root_cause: "text"`.
pub fn split_label(line: &str) -> Option<(String, &str)> {
    let line = line.trim_start();
    // "1.3 **Outage window:** …": a formal report's clause number before its label.
    let line = line
        .starts_with(|c: char| c.is_ascii_digit())
        .then(|| clause_number(line))
        .flatten()
        .map(|n| &line[n..])
        .filter(|rest| rest.starts_with("**") || rest.starts_with("__"))
        .unwrap_or(line);
    if let Some((inner, rest)) = strip_wrapper(line) {
        let inner = inner.trim();
        if let Some(label) = inner.strip_suffix(':') {
            return label_words(label).map(|l| (l, rest.trim_start()));
        }
        if let Some(value) = rest.strip_prefix(':') {
            return label_words(inner).map(|l| (l, value.trim_start()));
        }
        return None;
    }
    let colon = line.find(':')?;
    if colon > 48 {
        return None;
    }
    let value = &line[colon + 1..];
    if !(value.is_empty() || value.starts_with([' ', '\t', '\n'])) {
        return None;
    }
    let label = &line[..colon];
    if label.contains(['*', '_', '[', ']', '(', ')', '<', '>', '`', '#', '|']) && !label.contains('_') {
        return None;
    }
    label_words(label).map(|l| (l, value.trim_start()))
}

/// The length of a clause number and the space after it: "1.3 ", "10.2.1 ". A time
/// ("14.05") has two digits after its dot and is no clause number.
pub fn clause_number(line: &str) -> Option<usize> {
    let number = line.split(' ').next()?;
    let parts: Vec<&str> = number.trim_end_matches('.').split('.').collect();
    let clause = parts.len() >= 2
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[1..].iter().all(|p| p.len() == 1 || !p.starts_with('0'))
        && !(parts.len() == 2 && parts[1].len() == 2);
    (clause && line.len() > number.len()).then_some(number.len() + 1)
}

/// A label is one to six words starting with a letter.
fn label_words(label: &str) -> Option<String> {
    let label = label.trim().replace('_', " ");
    let cleaned = clean_phrase(&label);
    let count = cleaned.split_whitespace().count();
    let starts_with_letter = cleaned.chars().next().is_some_and(char::is_alphabetic);
    (starts_with_letter && (1..=6).contains(&count) && !cleaned.contains(['*', '`', '[', '|']))
        .then(|| words(&cleaned).trim().to_owned())
}

/// `source` with each range replaced by its text, in the order of the ranges; a range that
/// overlaps one before it is left out.
pub fn apply_edits(source: &str, mut edits: Vec<(std::ops::Range<usize>, String)>) -> String {
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out = String::with_capacity(source.len() + edits.len() * 24);
    let mut from = 0;
    for (range, replacement) in edits {
        if range.start < from {
            continue;
        }
        out.push_str(&source[from..range.start]);
        out.push_str(&replacement);
        from = range.end;
    }
    out.push_str(&source[from..]);
    out
}

/// Whether Markdown has text of its own, besides images and their descriptions.
pub fn has_prose(markdown: &str) -> bool {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut images = 0usize;
    Parser::new(markdown).any(|event| match event {
        Event::Start(Tag::Image { .. }) => {
            images += 1;
            false
        }
        Event::End(TagEnd::Image) => {
            images = images.saturating_sub(1);
            false
        }
        Event::Text(text) | Event::Code(text) => images == 0 && text.chars().any(char::is_alphanumeric),
        _ => false,
    })
}

/// A YAML-style value: without a list marker and quotes around it.
pub fn unquote(value: &str) -> &str {
    let value = value.trim();
    let value = value.strip_prefix("- ").unwrap_or(value).trim();
    if value.len() >= 2 && value.starts_with('"') && value.ends_with('"') {
        &value[1..value.len() - 1]
    } else {
        value
    }
}

/// The byte ranges of the sentences of a text.
pub fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if !matches!(b, b'.' | b'!' | b'?' | b'\n') {
            continue;
        }
        let next = bytes.get(i + 1).copied();
        // A line break ends a sentence, unless the line goes on in lower case: a paragraph
        // wrapped by hand ("…has\nbeen deployed").
        let ends = if b == b'\n' {
            !text[i + 1..]
                .trim_start_matches([' ', '\t'])
                .starts_with(|c: char| c.is_lowercase())
        } else {
            next.is_none() || matches!(next, Some(b' ' | b'\n'))
        };
        // "e.g. " and "approx. " do not end a sentence.
        // (A no-break space is two bytes: the word starts after all of it.)
        let word_start = text[..i]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(p, c)| p + c.len_utf8());
        let word = &text[word_start..i];
        let dotted = word.len() <= 5 && word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.');
        let short = word.len() <= 2 && word.chars().all(char::is_lowercase);
        let abbreviation = b == b'.' && (dotted || short);
        if ends && !abbreviation {
            let sentence = start..i + 1;
            if !text[sentence.clone()].trim().is_empty() {
                ranges.push(sentence);
            }
            start = i + 1;
        }
    }
    if !text[start..].trim().is_empty() {
        ranges.push(start..text.len());
    }
    ranges
}

/// A percentage of users in a sentence: "affecting 80% of users", "65% of the users were
/// affected", "100% downtime – users could not log in". A percentage of something else
/// ("31% of login attempts") is not one.
pub fn percent_of_users(text: &str) -> Option<(f64, String)> {
    const PEOPLE: [&str; 9] = [
        " user",
        " users",
        " userbase",
        " customer",
        " customers",
        " client",
        " clients",
        " visitors",
        " people",
    ];
    // "About 10% were sending in complaints … 100% of our userbase was probably affected":
    // of several shares of users, the one said to be affected.
    const AFFECTED: [&str; 6] = [
        " affected ",
        " affecting ",
        " impacted ",
        " experienced ",
        " unable ",
        " could not ",
    ];
    let mut first = None;
    for range in sentences(text) {
        let sentence = &text[range];
        let lower = words(sentence);
        let mentions_people = PEOPLE.iter().any(|p| lower.contains(&format!("{p} ")));
        let Some(percent_at) = sentence.find('%') else { continue };
        let number: String = sentence[..percent_at]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let Ok(value) = number.parse::<f64>() else { continue };
        if !(0.0..=100.0).contains(&value) {
            continue;
        }
        let after = words(&sentence[percent_at + 1..]);
        let of_what = after.strip_prefix(" of ").map(|rest| {
            let next: Vec<&str> = rest.split_whitespace().take(3).collect();
            next.join(" ")
        });
        let counts = match of_what {
            Some(what) => {
                let first_noun = what
                    .split(' ')
                    // "100% of our 3000 users": the count is of the users.
                    .find(|w| {
                        !matches!(*w, "the" | "our" | "all" | "its" | "their") && !w.bytes().all(|b| b.is_ascii_digit())
                    })
                    .unwrap_or("");
                PEOPLE.iter().any(|p| p.trim() == first_noun) || (first_noun == "them" && mentions_people)
            }
            // "reached 100% capacity" is a machine's share, whoever the sentence names.
            None => {
                let resource = [
                    "capacity",
                    "cpu",
                    "memory",
                    "disk",
                    "utilization",
                    "utilisation",
                    "usage",
                    "load",
                    "full",
                ];
                mentions_people && !after.split_whitespace().next().is_some_and(|w| resource.contains(&w))
            }
        };
        if counts {
            if AFFECTED.iter().any(|k| lower.contains(k)) {
                return Some((value, sentence.trim().to_owned()));
            }
            first.get_or_insert_with(|| (value, sentence.trim().to_owned()));
        }
    }
    first
}

/// Words that say a sentence is about how the incident was fixed.
pub fn is_about_the_fix(text: &str) -> bool {
    let lower = words(text);
    [
        " resolv",
        " resolution",
        " fixed",
        " fix ",
        " fixes ",
        " restor",
        " rolled back",
        " roll back",
        " revert",
        " remediat",
        " recovered",
        " mitigat",
        " redeploy",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Words that say a sentence names the root cause.
pub fn names_the_cause(text: &str) -> u8 {
    let lower = words(text);
    // "At this point the root cause was not clear yet": a sentence that says the cause was
    // not known does not name it.
    let unknown = [
        " not clear ",
        " unclear ",
        " unknown ",
        " not known ",
        " not yet ",
        " still investigating ",
    ];
    if unknown.iter().any(|k| lower.contains(k)) {
        0
    } else if lower.contains(" root cause ") {
        3
    } else if lower.contains(" caused by ") || lower.contains(" was caused ") || lower.contains(" cause was ") {
        2
    } else if [
        " due to ",
        " because ",
        " a bug in ",
        " triggered by ",
        " resulted from ",
        " stemmed from ",
        " misconfiguration ",
        " misconfigured ",
    ]
    .iter()
    .any(|k| lower.contains(k))
    {
        1
    } else {
        0
    }
}

/// Whether a sentence tells the outage beginning: "went down", "became inaccessible".
pub fn tells_onset(text: &str) -> bool {
    let lower = words(text);
    [
        " went down ",
        " was down ",
        " were down ",
        " down at ",
        " became unavailable ",
        " became inaccessible ",
        " became unresponsive ",
        " stopped working ",
        " stopped responding ",
        " started failing ",
        " began failing ",
        " began to fail ",
        " begins to fail ",
        " starts failing ",
        " begins to drop ",
        " began to drop ",
        " started dropping ",
        " outage began ",
        " outage started ",
        " incident began ",
        " incident started ",
        " went offline ",
        " went dark ",
        " crashed ",
        " halted ",
        " first outage ",
        // What the users met, as a summary's first sentence often tells the start.
        " go down ",
        " goes down ",
        " became unreachable ",
        " was unreachable ",
        " were unable to ",
        " could not access ",
        " couldn t access ",
        " encounter difficulties ",
        " encountered difficulties ",
        " experienced difficulties ",
        " encountered errors ",
        " experienced errors ",
        " experienced an outage ",
        " experienced downtime ",
        " outage occurred ",
        " downtime occurred ",
    ]
    .iter()
    .any(|k| lower.contains(k))
        // A timeline entry that is the outage itself: "Outage.", "Outage of the API".
        || (lower.starts_with(" outage ")
            && ![" resolved ", " ended ", " ends ", " over ", " fixed ", " mitigated ", " recovered "]
                .iter()
                .any(|k| lower.contains(k)))
}

/// How long the outage lasted, where a sentence says so: "went down for a period of 5 hours
/// and 6 minutes", "a 45-minute outage", "the outage lasted 2 hours". Lengths that are not the
/// outage's ("escalated after 15 minutes") are not read: the sentence must speak of the outage.
pub fn stated_length(text: &str) -> Option<chrono::TimeDelta> {
    const CUES: &[&str] = &[
        " lasted ",
        " lasting ",
        " duration ",
        " period of ",
        " downtime ",
        " outage ",
        " down for ",
        " unavailable for ",
        " offline for ",
    ];
    sentences(text).into_iter().find_map(|range| {
        let said = words(&text[range]);
        if !CUES.iter().any(|cue| said.contains(cue)) {
            return None;
        }
        let tokens: Vec<&str> = said.split(' ').filter(|t| !t.is_empty()).collect();
        let seconds_of = |unit: &str| match unit {
            "hours" | "hour" | "hrs" | "hr" | "h" => Some(3600),
            "minutes" | "minute" | "mins" | "min" | "m" => Some(60),
            "seconds" | "second" | "secs" | "sec" | "s" => Some(1),
            _ => None,
        };
        let mut total = 0i64;
        let mut i = 0;
        while i + 1 < tokens.len() {
            let number = tokens[i].parse::<i64>().ok().filter(|n| *n < 10_000);
            match (number, seconds_of(tokens[i + 1])) {
                (Some(n), Some(unit)) => {
                    total += n * unit;
                    i += 2;
                    // "5 hours and 6 minutes", "1 hour 20 minutes": one length in two parts.
                    if tokens.get(i) == Some(&"and") {
                        i += 1;
                    }
                    continue;
                }
                _ if total > 0 => break,
                _ => i += 1,
            }
        }
        (total > 0).then(|| chrono::TimeDelta::seconds(total))
    })
}

/// Whether a sentence tells the outage ending: "restored", "all-clear", "back up".
pub fn tells_recovery(text: &str) -> bool {
    let lower = words(text);
    [
        " restored ",
        " all clear ",
        " back up ",
        " back online ",
        " back to normal ",
        " returns to normal ",
        " returned to normal ",
        " fully recovered ",
        " was resolved ",
        " were resolved ",
        " resolved at ",
        " resolved by ",
        " ended at ",
        " came back ",
        " recovered at ",
        " recovered by ",
    ]
    .iter()
    .any(|k| lower.contains(k))
}

/// How surely a sentence says how the incident was ended: 0 when it does not.
pub fn names_the_fix(text: &str) -> u8 {
    let lower = words(text);
    let has = |keys: &[&str]| keys.iter().any(|k| lower.contains(k));
    if has(&[
        " resolved by ",
        " fixed by ",
        " mitigated by ",
        " was resolved ",
        " was fixed ",
    ]) {
        2
    } else if has(&[
        " rolled back ",
        " rollback ",
        " was restored ",
        " were restored ",
        " service was restored ",
        " restored by ",
        " back to normal ",
        " reverted ",
        " was mitigated ",
        " been mitigated ",
        " be mitigated ",
    ]) {
        1
    } else {
        0
    }
}

/// The largest char boundary of `text` at or below `at`.
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_no_break_space_before_a_full_stop_is_one_character() {
        let text = "It stopped\u{a0}e.g. here. Then\u{3000}it went on.";
        let ends: Vec<&str> = sentences(text).into_iter().map(|r| text[r].trim()).collect();
        assert_eq!(ends, ["It stopped\u{a0}e.g. here.", "Then\u{3000}it went on."]);
    }

    #[test]
    fn labels_in_their_common_forms() {
        let label = |s: &str| split_label(s).map(|(l, v)| (l, v.to_owned()));
        assert_eq!(
            label("**Impact:** all users"),
            Some(("impact".into(), "all users".into()))
        );
        assert_eq!(
            label("**Impact**: all users"),
            Some(("impact".into(), "all users".into()))
        );
        assert_eq!(label("*Root Cause:*"), Some(("root cause".into(), String::new())));
        assert_eq!(label("root_cause: \"x\""), Some(("root cause".into(), "\"x\"".into())));
        assert_eq!(label("Start Time: 14:00"), Some(("start time".into(), "14:00".into())));
        assert_eq!(label("**14:00 UTC:** alert"), None);
        assert_eq!(label("see https://example.com"), None);
        assert_eq!(label("**Automate SSL:** write a script").unwrap().0, "automate ssl");
        assert_eq!(label("This is a long sentence that happens to have: a colon"), None);
    }

    #[test]
    fn cleans_headings() {
        assert_eq!(clean_phrase("**📜 Timeline**"), "Timeline");
        assert_eq!(clean_phrase("**Issue Summary:**"), "Issue Summary");
        assert_eq!(clean_phrase("Crisis 🐢"), "Crisis");
        assert_eq!(words("Root Cause & Fix!"), " root cause fix ");
    }

    #[test]
    fn percentages_of_users_only() {
        assert_eq!(
            percent_of_users("Approximately 65% of the users were affected.")
                .unwrap()
                .0,
            65.0
        );
        assert_eq!(
            percent_of_users("That's what our users saw: 80% of them waited.")
                .unwrap()
                .0,
            80.0
        );
        assert_eq!(
            percent_of_users("100% downtime – Users could not log in.").unwrap().0,
            100.0
        );
        assert_eq!(
            percent_of_users("HTTP 500 for 31% of login attempts. Users were sad."),
            None
        );
        assert_eq!(percent_of_users("CPU at 95%."), None);
    }

    #[test]
    fn splits_sentences() {
        let text = "It broke, e.g. the API. Then we fixed it! Done";
        let parts: Vec<&str> = sentences(text).into_iter().map(|r| text[r].trim()).collect();
        assert_eq!(parts, ["It broke, e.g. the API.", "Then we fixed it!", "Done"]);
    }
}

/// A line cut at its `<br>` tags (`<br/>`, `<BR />`), which authors use as line ends.
pub fn split_breaks(line: &str) -> Vec<&str> {
    let lower = line.to_ascii_lowercase();
    let mut parts = Vec::new();
    let mut from = 0;
    let mut search = 0;
    while let Some(at) = lower[search..].find("<br").map(|i| i + search) {
        let tag_end = lower[at + 3..]
            .find('>')
            .map(|i| at + 3 + i + 1)
            .filter(|&end| lower[at + 3..end - 1].trim().trim_end_matches('/').trim().is_empty());
        match tag_end {
            Some(end) => {
                parts.push(&line[from..at]);
                from = end;
                search = end;
            }
            None => search = at + 3,
        }
    }
    parts.push(&line[from..]);
    parts.retain(|p| !p.trim().is_empty());
    if parts.is_empty() {
        parts.push(line);
    }
    parts
}

#[cfg(test)]
mod break_tests {
    use super::split_breaks;

    #[test]
    fn cuts_lines_at_break_tags() {
        assert_eq!(split_breaks("a<br> b <BR/>c<br />"), vec!["a", " b ", "c"]);
        assert_eq!(split_breaks("<brand> stays"), vec!["<brand> stays"]);
        assert_eq!(split_breaks("plain"), vec!["plain"]);
    }
}

/// A template's question with the author's answer under it, as the templates that ask
/// their sections as questions are often filled in ("What was the root cause?" and, on the
/// next line, "`A typo in the config`"): the question, and the answer without the code span
/// some wrap it in. None when the first line asks nothing or nothing answers it.
pub fn question_and_answer(text: &str) -> Option<(&str, String)> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let question = lines.next()?;
    if !question.trim_end_matches(['*', '_']).ends_with('?') {
        return None;
    }
    let answer: Vec<&str> = lines
        .map(|line| {
            line.strip_prefix('`')
                .and_then(|l| l.strip_suffix('`'))
                .filter(|inner| !inner.contains('`'))
                .unwrap_or(line)
                .trim()
        })
        .collect();
    // Two questions in a row are a list of questions, not an answer.
    if answer.is_empty() || answer.iter().any(|l| l.ends_with('?')) {
        return None;
    }
    Some((question, answer.join("\n")))
}

/// An answer that says nothing of its own: "See above", "N/A", "None".
pub fn is_non_answer(answer: &str) -> bool {
    matches!(
        words(answer).trim(),
        "" | "see above" | "same as above" | "as above" | "n a" | "na" | "none" | "nothing" | "tbd" | "todo"
    )
}

/// The lines of a paragraph written one item a line, without list markers ("Add an alert.",
/// "Write a runbook"): at least two lines, none of them a wrapped sentence. A line that goes on
/// in lower case, or follows one cut after "the", "to" or a comma, is a wrap; so is a short line
/// that does not end its sentence. Wrapped prose is None.
pub fn line_items(text: &str) -> Option<Vec<&str>> {
    const CUT: &[&str] = &["the", "a", "an", "to", "of", "and", "or", "our", "its", "their"];
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.len() < 2 {
        return None;
    }
    let starts_capital = |line: &str| {
        line.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let whole = |line: &str| {
        let last = line.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
        let closed = line.ends_with(['.', '!', '?', ')', ';']);
        !CUT.contains(&last.as_str())
            && !line.ends_with([',', ':', '-', '–'])
            && (closed || line.split_whitespace().count() >= 3)
    };
    (lines[1..].iter().all(|l| starts_capital(l)) && lines.iter().all(|l| whole(l))).then_some(lines)
}

/// A sentence that sums up the items before it ("By implementing these measures we aim to…")
/// or introduces the ones after it ("We will:", a template's "What could be improved?"),
/// rather than being one.
pub fn frames_a_list(text: &str) -> bool {
    let text = text.trim();
    let opening = format!(
        "{} ",
        words(text)
            .split(' ')
            .filter(|w| !w.is_empty())
            .take(4)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let sums_up = [
        "overall ",
        "in summary ",
        "in conclusion ",
        "to summarize ",
        "together these ",
        "with these ",
        "through these ",
    ];
    text.ends_with([':', '?'])
        || sums_up.iter().any(|start| opening.starts_with(start))
        // "By implementing these…", "By taking this approach…", but not "By Friday, add…".
        || (opening.starts_with("by ") && [" these ", " this ", " the above "].iter().any(|w| opening.contains(w)))
}

#[cfg(test)]
mod line_item_tests {
    use super::{frames_a_list, line_items, names_the_cause, question_and_answer, stated_length};

    #[test]
    fn a_sentence_that_says_the_cause_was_unknown_does_not_name_it() {
        assert_eq!(names_the_cause("The root cause was a full disk."), 3);
        assert_eq!(names_the_cause("At first the root cause was not clear."), 0);
        assert_eq!(names_the_cause("Errors rose; the cause is still unknown."), 0);
    }

    #[test]
    fn reads_one_item_a_line_but_not_wrapped_prose() {
        assert_eq!(
            line_items("Add an alert.\nWrite a runbook."),
            Some(vec!["Add an alert.", "Write a runbook."])
        );
        assert_eq!(
            line_items("Add disk alerts\nRotate the logs daily"),
            Some(vec!["Add disk alerts", "Rotate the logs daily"])
        );
        // Wrapped: the second line goes on in lower case, or the first is cut after "the".
        assert_eq!(
            line_items("We restarted the web server and\nwatched it for an hour."),
            None
        );
        assert_eq!(line_items("We restarted the\nNginx service"), None);
        assert_eq!(line_items("The fix went to\nLondon first, then to\nParis."), None);
        assert_eq!(line_items("Thanks\nAlice"), None);
        // Some close their sentence and some do not.
        assert_eq!(
            line_items("Page the team.\nAdd disk alerts"),
            Some(vec!["Page the team.", "Add disk alerts"])
        );
        assert_eq!(line_items("One line only."), None);
    }

    #[test]
    fn knows_a_sentence_that_frames_the_items() {
        assert!(frames_a_list(
            "By implementing these measures, we aim to reduce errors."
        ));
        assert!(frames_a_list("The following will be done:"));
        assert!(frames_a_list("Together these steps close the gap."));
        assert!(frames_a_list("What are the things that could be improved?"));
        assert!(!frames_a_list("Add an alert on disk usage."));
        assert!(!frames_a_list("Bypass the cache for admin pages."));
        assert!(!frames_a_list("By Friday, add an alert on disk usage."));
        assert!(!frames_a_list("These farmers will be paid in the next upgrade."));
    }

    #[test]
    fn reads_the_length_of_the_outage_but_not_other_lengths() {
        let minutes = |text: &str| stated_length(text).map(|l| l.num_minutes());
        assert_eq!(
            minutes("The site went down for a period of 5 hours and 6 minutes."),
            Some(306)
        );
        assert_eq!(minutes("The outage lasted 45 minutes, from noon."), Some(45));
        assert_eq!(minutes("We escalated after 15 minutes."), None);
        assert_eq!(minutes("Down for a while."), None);
    }

    #[test]
    fn a_question_over_its_answer() {
        assert_eq!(
            question_and_answer("What was the root cause?  \n`A typo`"),
            Some(("What was the root cause?", "A typo".to_owned()))
        );
        // A list of questions, or a question with nothing under it, answers nothing.
        assert_eq!(question_and_answer("What happened?\nWhy?"), None);
        assert_eq!(question_and_answer("What happened?"), None);
        assert_eq!(question_and_answer("It broke.\nWe fixed it."), None);
    }
}
