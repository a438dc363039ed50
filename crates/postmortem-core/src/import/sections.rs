//! Cutting the document into sections by its headings, and knowing a section by its name in
//! the many ways authors write it ("Issue Summary", "Incident Overview", "📜 Timeline",
//! "Root Cause and Fix", "Action Items (TODO)", "Corrective and Preventive Measures").

use std::ops::Range;

use super::outline::{Block, Body};
use super::text::{clean_phrase, split_label, strip_wrapper, words};
use crate::markdown::{layout, read_heading_text};
use crate::model::Template;

/// Which list a measure belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Improvements,
    Tasks,
    /// Not said: decided once the whole report has been read.
    Any,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lesson {
    WentWell,
    WentWrong,
    GotLucky,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Before the first section heading.
    Preamble,
    Summary,
    Timeline,
    /// Root cause and resolution together.
    Rca,
    RootCause,
    /// What set the failure off ("Trigger"; Atlassian's "Fault").
    Trigger,
    /// "Contributing Factors": what made the failure possible or worse, as points.
    Factors,
    Resolution,
    Measures(Group),
    Lessons(Option<Lesson>),
    Images,
    /// "Detection": how the team found out, in the author's words.
    Detection,
    Authors,
    /// "Responders", "Incident roles", "Who": people and their roles.
    Responders,
    Date,
    /// Our export's key times: worked out from the timeline, so not read but for where they
    /// are measured from.
    KeyTimes,
    Extra,
}

impl Kind {
    fn is_known(self) -> bool {
        !matches!(self, Kind::Preamble | Kind::Extra)
    }

    /// The name of the place a section of this kind is read into, as `template` heads it in
    /// the form and the export: "Summary" goes to "Impact" in Google's template, to "Issue
    /// Summary" in the classic one.
    pub fn name_in(self, template: Template) -> Option<String> {
        use crate::markdown::layout::{ListField, Part, SummaryItem, TextField};
        let sections = layout::sections(template);
        let section_of = |part: Part| sections.iter().find(|s| s.parts.iter().any(|p| p.part == part));
        // A part under its own heading is named by it, else by its section's.
        let place_of = |part: Part| {
            let section = section_of(part)?;
            let placed = section.parts.iter().find(|p| p.part == part)?;
            Some(placed.heading.unwrap_or(section.heading).to_owned())
        };
        let lesson = |lesson: Lesson| match lesson {
            Lesson::WentWell => ListField::WentWell,
            Lesson::WentWrong => ListField::WentWrong,
            Lesson::GotLucky => ListField::GotLucky,
        };
        match self {
            Kind::Summary => {
                let summary = sections.iter().find(|s| {
                    s.parts
                        .iter()
                        .any(|p| matches!(p.part, Part::Summary(items) if items.contains(&SummaryItem::Impact)))
                })?;
                Some(summary.heading.to_owned())
            }
            Kind::Timeline => place_of(Part::Timeline),
            Kind::Rca => {
                let cause = section_of(Part::Text(TextField::RootCause))?;
                let fix = section_of(Part::Text(TextField::Resolution))?;
                Some(if cause.heading == fix.heading {
                    cause.heading.to_owned()
                } else {
                    format!("{} and {}", cause.heading, fix.heading)
                })
            }
            Kind::RootCause => place_of(Part::Text(TextField::RootCause)),
            Kind::Trigger => place_of(Part::Text(TextField::Trigger)),
            Kind::Factors => place_of(Part::List(ListField::ContributingFactors)),
            Kind::Resolution => place_of(Part::Text(TextField::Resolution)),
            Kind::Measures(Group::Any) => section_of(Part::Tasks).map(|s| s.heading.to_owned()),
            Kind::Measures(Group::Improvements) => place_of(Part::List(ListField::Improvements)),
            Kind::Measures(Group::Tasks) => place_of(Part::Tasks),
            Kind::Lessons(None) => section_of(Part::List(ListField::WentWell)).map(|s| s.heading.to_owned()),
            Kind::Lessons(Some(part)) => place_of(Part::List(lesson(part))),
            Kind::Images => place_of(Part::Images),
            // Kept as the author wrote it: the form has only the method for it.
            Kind::Detection => None,
            Kind::KeyTimes => place_of(Part::KeyTimes),
            Kind::Authors => Some("Authors".to_owned()),
            Kind::Responders => place_of(Part::Responders),
            Kind::Preamble | Kind::Date | Kind::Extra => None,
        }
    }

    /// Whether a heading of this kind inside a `parent` section is one of its parts.
    fn is_part_of(self, parent: Kind) -> bool {
        matches!(
            (parent, self),
            (
                Kind::Rca,
                Kind::RootCause | Kind::Resolution | Kind::Trigger | Kind::Factors
            ) | (Kind::RootCause, Kind::Trigger | Kind::Factors)
                | (_, Kind::KeyTimes)
                | (Kind::Measures(_), Kind::Measures(_))
                | (Kind::Lessons(_), Kind::Lessons(Some(_)))
        )
    }

    /// Whether this kind and `other` are two parts of one section: "Trigger" and "Resolution".
    fn is_sibling_of(self, other: Kind) -> bool {
        self != other && self.family() == other.family() && !other.is_part_of(self) && self != Kind::Rca
    }

    /// The section's family: a bold line naming another family starts a new section.
    fn family(self) -> u8 {
        match self {
            Kind::Summary | Kind::KeyTimes => 1,
            Kind::Timeline => 2,
            Kind::Rca | Kind::RootCause | Kind::Trigger | Kind::Factors | Kind::Resolution => 3,
            Kind::Measures(_) => 4,
            Kind::Lessons(_) => 5,
            Kind::Detection => 6,
            _ => 0,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub kind: Kind,
    /// The heading as the author wrote it (cleaned of emphasis and emoji).
    pub heading: Option<String>,
    level: u8,
    /// The blocks after the heading.
    pub blocks: Range<usize>,
    /// The source after the heading line, up to the next section.
    pub body: Range<usize>,
    /// A "Root Cause" part of a "Root Cause and Resolution" section.
    pub nested_in_rca: bool,
}

/// A section's kind from its heading's words.
pub fn classify(heading: &str) -> Option<Kind> {
    let mut w = words(&clean_phrase(heading));
    // "7. Actions", "2.1 Timeline": a section's number says nothing of what it is.
    while let Some(rest) = w
        .strip_prefix(' ')
        .and_then(|r| r.split_once(' '))
        .filter(|(first, _)| !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit()))
        .map(|(_, rest)| format!(" {rest}"))
    {
        w = rest;
    }
    let has = |keys: &[&str]| keys.iter().any(|k| w.contains(&format!(" {k} ")));
    if w.trim().is_empty() {
        return None;
    }
    if w.split(' ').filter(|s| !s.is_empty()).count() > 9 {
        // A long heading may name its section first and then say more about it: "Timeline
        // (all times PST) Saturday Oct 30th - Monday Nov 1st. All times approximate".
        let head = heading
            .split(['(', ':', '.', '\u{2014}', '\u{2013}'])
            .next()
            .unwrap_or_default();
        return (head.len() < heading.len()).then(|| classify(head)).flatten();
    }
    if has(&["what went well", "went well", "what worked"]) {
        return Some(Kind::Lessons(Some(Lesson::WentWell)));
    }
    if has(&[
        "what went wrong",
        "went wrong",
        "went poorly",
        "went badly",
        "what didn t go well",
        "what could have gone better",
        "what didn t work",
    ]) {
        return Some(Kind::Lessons(Some(Lesson::WentWrong)));
    }
    if has(&["where we got lucky", "got lucky", "lucky"]) {
        return Some(Kind::Lessons(Some(Lesson::GotLucky)));
    }
    if has(&[
        "lessons learned",
        "lessons learnt",
        "lessons",
        "learnings",
        "how d we do",
        "how did we do",
    ]) {
        return Some(Kind::Lessons(None));
    }
    if w.trim() == "key times" {
        return Some(Kind::KeyTimes);
    }
    if has(&[
        "timeline",
        "time line",
        "chronology",
        "sequence of events",
        "timeline of events",
        "incident log",
        // A letter to a customer: "When it happened".
        "when it happened",
    ]) {
        return Some(Kind::Timeline);
    }
    if let Some(group) = group_label(heading) {
        return Some(Kind::Measures(group));
    }
    // "Preventative measures" or "Prevention" alone, beside "Next steps": the broad
    // improvements; the combined "Corrective and Preventative Measures" holds both lists.
    let corrective = has(&["corrective"]);
    let preventive = has(&["preventative", "preventive", "prevention", "preventing"]);
    if preventive != corrective && !has(&["action items", "actions", "tasks", "next steps", "follow up"]) {
        return Some(Kind::Measures(Group::Improvements));
    }
    // "Actions" alone, or agreed; "Actions taken" tells the fix (below).
    if matches!(
        w.trim(),
        "actions" | "agreed actions" | "follow up actions" | "next actions" | "actions arising"
    ) {
        return Some(Kind::Measures(Group::Any));
    }
    if has(&[
        "corrective",
        "preventative",
        "preventive",
        "prevention",
        "preventing",
        "follow up",
        "follow ups",
        "followups",
        "next steps",
        "measures",
        "remedial",
        "action plan",
        // What a public report promises: "What we're changing", "What we are doing about it".
        "what we re changing",
        "what we are changing",
        "what we will change",
        "what we re doing about it",
        "what we are doing about it",
        "what we re doing next",
        "what we are doing next",
        "what happens next",
        "changes we re making",
        "changes we are making",
        "preventing recurrence",
        // A formal report's "Recommendations" are its actions.
        "recommendations",
        "recommended actions",
        // What a team will do from now on.
        "looking forward",
        "moving forward",
        "going forward",
    ]) {
        return Some(Kind::Measures(Group::Any));
    }
    // The parts of a cause that templates give a field each, when a heading names one alone.
    // "Response" alone, beside "Detection" and "Cause", tells what was done about it.
    match w.trim() {
        "response" | "our response" | "incident response" | "response and recovery" => return Some(Kind::Resolution),
        "trigger" | "triggers" | "the trigger" => return Some(Kind::Trigger),
        // A team's own shorthand under "what happened": "why", "why it broke".
        "why" | "why it broke" | "why it failed" | "why did it happen" => return Some(Kind::RootCause),
        "contributing factors" | "contributing factor" | "contributing causes" => return Some(Kind::Factors),
        _ => {}
    }
    let cause = has(&[
        "root cause",
        "root causes",
        "cause",
        "causes",
        "why it happened",
        "contributing factors",
        "trigger",
        "fault",
        "five whys",
    ]);
    let fix = has(&[
        "resolution",
        "fix",
        "fixes",
        "remediation",
        "recovery",
        "resolved",
        "how it was fixed",
        "how we fixed it",
        "how we recovered",
        "how we resolved",
        "restoration",
        "service restoration",
        "actions taken",
        "mitigation",
        "mitigations",
        "remediations",
        "solution",
    ]);
    match (cause, fix) {
        (true, true) => return Some(Kind::Rca),
        (true, false) => return Some(Kind::RootCause),
        (false, true) => return Some(Kind::Resolution),
        _ => {}
    }
    // "Detection", "How it was detected"; "Detection improvements" are measures (above).
    if (has(&["detection"]) && w.split(' ').filter(|s| !s.is_empty()).count() <= 3)
        || matches!(
            w.trim(),
            "how it was detected" | "how we detected it" | "how was it detected" | "how we found out" | "discovery"
        )
    {
        return Some(Kind::Detection);
    }
    if has(&[
        "summary",
        "overview",
        "background",
        "tl dr",
        "tldr",
        "abstract",
        "impact",
        "what happened",
        "what it meant for you",
        "what this means for you",
        "incident description",
        "description",
        "introduction",
    ]) {
        return Some(Kind::Summary);
    }
    if has(&["images", "photos", "screenshots", "graphs", "figures"])
        && w.split(' ').filter(|s| !s.is_empty()).count() <= 2
    {
        return Some(Kind::Images);
    }
    match w.trim() {
        "author" | "authors" | "written by" => Some(Kind::Authors),
        "responders"
        | "incident responders"
        | "responder"
        | "incident roles"
        | "roles"
        | "roles and responsibilities"
        | "who"
        | "who was involved"
        | "people"
        | "people involved"
        | "participants"
        | "incident team"
        | "response team"
        | "responding team"
        | "team"
        | "personnel" => Some(Kind::Responders),
        "date" | "incident date" | "incident dates" | "incident date s" | "dates" | "date s" => Some(Kind::Date),
        _ => None,
    }
}

/// A label naming a list of measures: "Improvements/Fixes", "Tasks", "Action Items (TODO)".
pub fn group_label(text: &str) -> Option<Group> {
    let w = words(&clean_phrase(without_aside(text)));
    if w.split(' ').filter(|s| !s.is_empty()).count() > 5 {
        return None;
    }
    let has = |keys: &[&str]| keys.iter().any(|k| w.contains(&format!(" {k} ")));
    if has(&[
        "improvements",
        "improvement",
        "improvements fixes",
        "improvements needed",
    ]) {
        return Some(Group::Improvements);
    }
    if has(&[
        "tasks",
        "task list",
        "task",
        "action items",
        "action item",
        "todo",
        "to do",
        "to dos",
        "todos",
    ]) {
        return Some(Group::Tasks);
    }
    None
}

/// A name without the aside in brackets after it, and its colon and emphasis:
/// "**Action Items (The Honey-Do List):**" is "**Action Items", "Timeline (all times in
/// Pacific Time)" is "Timeline".
pub fn without_aside(text: &str) -> &str {
    let text = text.trim().trim_end_matches(['*', '_', ':', ' ']);
    match text.strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
        Some((name, _)) if !name.trim().trim_matches(['*', '_']).is_empty() => name.trim_end(),
        _ => text,
    }
}

/// A heading's text as the author wrote it, without emphasis around it or emoji at its ends.
pub fn heading_text(markdown: &str) -> String {
    let text = read_heading_text(&without_anchors(markdown));
    let cleaned = clean_phrase(&text);
    if cleaned.is_empty() {
        text
    } else {
        cleaned
    }
}

/// A heading without the anchors documentation sites put in it: `[#](…#id)` links and
/// `<a href="#id" id="id"></a>` tags with no text.
fn without_anchors(markdown: &str) -> String {
    let mut text = markdown.to_owned();
    for open in ["[#](", "[¶](", "[](", "[🔗]("] {
        while let Some(at) = text.find(open) {
            let Some(close) = text[at..].find(')') else { break };
            text.replace_range(at..at + close + 1, "");
        }
    }
    while let Some(at) = text.find("<a ") {
        let Some(close) = text[at..].find("</a>") else { break };
        let inner = &text[at..at + close];
        if inner
            .find('>')
            .is_some_and(|gt| inner[gt + 1..].trim().trim_matches('#').is_empty())
        {
            text.replace_range(at..at + close + 4, "");
        } else {
            break;
        }
    }
    text.trim().to_owned()
}

/// `#Heading` written without the space CommonMark needs: the level and the text.
pub fn hash_heading(line: &str) -> Option<(u8, String)> {
    let line = line.trim();
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[hashes..];
    let starts_text = rest.chars().next().is_some_and(|c| c.is_alphabetic() || c == '*');
    ((1..=6).contains(&hashes) && starts_text && !line.contains('\n'))
        .then(|| (hashes as u8, clean_phrase(&read_heading_text(rest))))
}

/// What a block is as a heading: a real one, `#Heading`, or a short line that names a known
/// section on its own ("**Timeline:**", "Issue Summary"), as level 7.
fn heading_of(block: &Block, source: &str) -> Option<(u8, String)> {
    match block.body {
        // A heading with no words ("##" alone) is a rule between parts, not a section.
        Body::Heading { level } => {
            let text = heading_text(&block.text(source));
            (!words(&text).trim().is_empty()).then_some((level, text))
        }
        Body::Paragraph if block.lines.len() == 1 && block.images.is_empty() => {
            let line = block.text(source);
            if let Some(found) = hash_heading(&line) {
                return Some(found);
            }
            // "**Timeline** (UTC)": an aside in brackets after the name is part of it.
            let aside = |rest: &str| {
                let rest = rest.trim().trim_end_matches(':');
                rest.is_empty() || (rest.starts_with('(') && rest.ends_with(')') && rest.len() <= 40)
            };
            let wrapped = strip_wrapper(line.trim()).filter(|(_, rest)| aside(rest));
            let plain_label = line.trim_end().ends_with(':') && split_label(&line).is_some_and(|(_, v)| v.is_empty());
            let short = line.split_whitespace().count() <= 8;
            let text = match wrapped {
                Some((inner, rest)) if !rest.trim().trim_end_matches(':').is_empty() => {
                    format!("{} {}", clean_phrase(inner), rest.trim().trim_end_matches(':'))
                }
                _ => clean_phrase(&line),
            };
            ((wrapped.is_some() || plain_label) && short && classify(&line).is_some()).then_some((7, text))
        }
        _ => None,
    }
}

/// The sections of a document, in order. `title` is the block that is the title (skipped).
pub fn split(blocks: &[Block], source: &str, title: Option<usize>) -> Vec<Section> {
    let start_at = title.map_or(0, |t| blocks[t].range.end);
    let mut sections = Vec::new();
    let mut current = Section {
        kind: Kind::Preamble,
        heading: None,
        level: 0,
        blocks: title.map_or(0, |t| t + 1)..title.map_or(0, |t| t + 1),
        body: start_at..start_at,
        nested_in_rca: false,
    };
    let first = title.map_or(0, |t| t + 1);
    let mut rca_level: Option<u8> = None;
    let mut tasks_level: Option<u8> = None;
    for (index, block) in blocks.iter().enumerate().skip(first) {
        if let Some((level, text)) = heading_of(block, source) {
            let kind = classify(&text);
            let starts = match kind {
                // A bold line naming a section starts one in a report laid out with such lines;
                // under a real heading it is the author's text.
                // Under "**Trigger**", "**Resolution**" is the next part of the cause, not text.
                // "**Detection:**" in a timeline is the stage of the entries under it.
                Some(Kind::Detection) if level == 7 && current.kind == Kind::Timeline => false,
                Some(kind) if level == 7 => {
                    (current.kind == Kind::Preamble || current.level == 7)
                        && (kind.family() != current.kind.family()
                            || kind.is_part_of(current.kind)
                            || kind.is_sibling_of(current.kind))
                }
                // A timeline is never a part of another section's text: "### Timeline (UTC)"
                // under "## Recovery" is the report's timeline; nor are measures: "### Long-term
                // improvements" under "## Remediation" are what is still to do (but "### 14:05
                // Follow-up call" in a timeline is an entry).
                Some(kind) => {
                    !current.kind.is_known()
                        || level <= current.level
                        || kind.is_part_of(current.kind)
                        || (kind == Kind::Timeline && current.kind != Kind::Timeline)
                        || (matches!(kind, Kind::Measures(_))
                            && !(current.kind == Kind::Timeline && starts_with_time(&text)))
                        // "## What went wrong" under "# Resolution": another section's name.
                        // A timeline's "### Detection" or "### Recovery" is a stage of it, and
                        // a "### Summary" inside a section sums that section up.
                        || (matches!(kind, Kind::Lessons(_))
                            && current.kind != Kind::Timeline
                            && kind.family() != current.kind.family())
                }
                // "### 10:07-10:29 AM: Emergency coordination" in a timeline is an entry.
                None if current.kind == Kind::Timeline && starts_with_time(&text) => false,
                None => current.kind == Kind::Preamble || level <= current.level,
            };
            if starts {
                let nested_in_rca = matches!(kind, Some(Kind::RootCause | Kind::Resolution))
                    && rca_level.is_some_and(|rca| level > rca);
                if !nested_in_rca {
                    rca_level = (kind == Some(Kind::Rca)).then_some(level);
                }
                let mut kind = kind.unwrap_or(Kind::Extra);
                // "Action items" in parts ("Process improvements", "Technical improvements"):
                // the parts are kinds of action item, not a list of their own.
                match (kind, tasks_level) {
                    (Kind::Measures(Group::Improvements), Some(parent))
                        if level > parent && words(&text).trim() != "improvements" =>
                    {
                        kind = Kind::Measures(Group::Tasks);
                    }
                    (Kind::Measures(_), Some(parent)) if level > parent => {}
                    _ => tasks_level = (kind == Kind::Measures(Group::Tasks)).then_some(level),
                }
                current.body.end = block.range.start;
                sections.push(current);
                current = Section {
                    kind,
                    heading: Some(text),
                    level,
                    blocks: index + 1..index + 1,
                    body: block.range.end..block.range.end,
                    nested_in_rca,
                };
                continue;
            }
        }
        current.blocks.end = index + 1;
    }
    current.body.end = source.len();
    sections.push(current);
    sections
}

/// A section's name for comparing: "Root Causes" and "Root Cause", "Action Item" and
/// "Action Items" are the same name.
pub fn section_name(heading: &str) -> String {
    words(&clean_phrase(heading))
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| w.strip_suffix('s').unwrap_or(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The template whose section names the report's headings use, when one does clearly better
/// than the classic four sections (by two headings or more): a report with "Summary",
/// "Impact", "Detection", "Action Items" and "Lessons Learned" was written from Google's
/// template, and reads best in it. Returns it with the headings that matched it.
pub fn closest_template<'h>(headings: &[&'h str]) -> Option<(Template, Vec<&'h str>)> {
    let mut named: Vec<(String, &'h str)> = headings.iter().map(|h| (section_name(h), *h)).collect();
    // One heading per name: "Root Cause" and "Root Causes" count once.
    named.sort_by(|a, b| a.0.cmp(&b.0));
    named.dedup_by(|a, b| a.0 == b.0);
    let matched = |template: Template| -> Vec<&'h str> {
        let names: Vec<String> = layout::sections(template)
            .iter()
            .flat_map(|s| std::iter::once(s.heading).chain(s.parts.iter().filter_map(|p| p.heading)))
            .map(section_name)
            .collect();
        let mut found: Vec<&'h str> = named
            .iter()
            .filter(|(n, _)| names.contains(n))
            .map(|(_, h)| *h)
            .collect();
        // In the report's order, as the note lists them.
        found.sort_by_key(|h| headings.iter().position(|x| x == h));
        found
    };
    let classic = matched(Template::Classic).len();
    // Reversed, so that of two templates that match as well, the first listed wins.
    Template::ALL
        .iter()
        .rev()
        .filter(|t| **t != Template::Classic)
        .map(|t| (*t, matched(*t)))
        .filter(|(_, found)| found.len() >= classic + 2)
        .max_by_key(|(_, found)| found.len())
}

/// In a report written from `template`, a part of the cause under the name that template
/// gives it is read as that part: Atlassian's "Fault" is the trigger, not more of the cause.
pub fn read_as_in(section: &mut Section, template: Template) {
    use crate::markdown::layout::{ListField, Part, TextField};
    let Some(name) = section.heading.as_deref().map(section_name) else {
        return;
    };
    let named = layout::sections(template)
        .iter()
        .find(|s| section_name(s.heading) == name);
    let part = named.and_then(|s| s.parts.first()).map(|p| p.part);
    // Atlassian's "Response" lists the responders.
    if part == Some(Part::Responders) && !section.kind.is_known() {
        section.kind = Kind::Responders;
        return;
    }
    if section.kind.family() != Kind::RootCause.family() {
        return;
    }
    let kind = match part {
        Some(Part::Text(TextField::Trigger)) => Kind::Trigger,
        Some(Part::Text(TextField::RootCause)) => Kind::RootCause,
        Some(Part::Text(TextField::Resolution)) => Kind::Resolution,
        Some(Part::List(ListField::ContributingFactors)) => Kind::Factors,
        _ => return,
    };
    section.kind = kind;
}

/// Where a report has a section that is its summary by name ("Issue Summary", "TL;DR"), the
/// sections that only read like one ("Introduction", "Background", "Overview", "Description")
/// are sections of their own, as the author wrote them beside it; "Impact" still fills the
/// summary's impact. Without such a section, they are the summary.
pub fn settle_summaries(sections: &mut [Section]) {
    let says = |section: &Section, keys: &[&str]| {
        let said = words(section.heading.as_deref().unwrap_or_default());
        keys.iter().any(|k| said.contains(k))
    };
    let named = |section: &Section| says(section, &[" summary ", " tl dr ", " tldr ", " abstract "]);
    let fills_a_field = |section: &Section| says(section, &[" impact ", " impacted "]);
    if !sections.iter().any(|s| s.kind == Kind::Summary && named(s)) {
        return;
    }
    for section in sections.iter_mut() {
        if section.kind == Kind::Summary && !named(section) && !fills_a_field(section) {
            section.kind = Kind::Extra;
        }
    }
}

/// A report inside a larger document, as a project's README holds one after its own sections
/// ("## Postmortem: Database Server Outage" over "### Issue Summary", "### Timeline", …):
/// the heading that names the report and holds, under it, more of the report's sections than
/// the rest of the document does. The sections around it are the document's, not the
/// report's: they become extra sections, and the heading's own text (an author line) is read
/// as the report's preamble. The index of that heading's section, or None.
pub fn report_within(sections: &mut [Section]) -> Option<usize> {
    let families = |part: &[Section]| {
        let mut seen: Vec<u8> = part.iter().map(|s| s.kind.family()).filter(|f| *f > 0).collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    };
    let names_a_report = |heading: &str| {
        let said = words(heading);
        let named = [
            " postmortem ",
            " post mortem ",
            " incident report ",
            " retrospective ",
            " outage ",
        ]
        .iter()
        .any(|k| said.contains(k));
        // "Postmortem" alone is a heading of the report, not its name.
        named && said.split(' ').filter(|w| !w.is_empty()).count() > 1
    };
    let (index, end) = sections.iter().enumerate().find_map(|(index, section)| {
        if section.kind != Kind::Extra || !section.heading.as_deref().is_some_and(names_a_report) {
            return None;
        }
        let end = sections[index + 1..]
            .iter()
            .position(|s| s.level <= section.level)
            .map_or(sections.len(), |n| index + 1 + n);
        let inside = families(&sections[index + 1..end]);
        let outside = families(&sections[..index]).max(families(&sections[end..]));
        (inside >= 3 && inside > outside && (index > 1 || end < sections.len())).then_some((index, end))
    })?;
    for (n, section) in sections.iter_mut().enumerate() {
        if n < index && section.kind != Kind::Preamble || n >= end {
            section.kind = Kind::Extra;
        }
    }
    sections[index].kind = Kind::Preamble;
    Some(index)
}

/// Whether a heading opens with a time or a date ("~9:43 AM: Identifying the issue").
pub(super) fn starts_with_time(heading: &str) -> bool {
    let heading = heading.trim_start_matches(['~', '\u{2248}', ' ']);
    super::when::when_prefix(heading).is_some_and(|w| w.start == 0)
}
