//! Writing review: explainable rules that say where a postmortem's prose blames, judges or
//! stays vague, as the author types and in CI.
//!
//! The rules follow the blameless-postmortem literature: counterfactuals and hindsight ("should
//! have", "had they…, it would not have…"), which judge a decision by what was learned later
//! (Dekker; the Google SRE book's "Postmortem Culture"); words that judge people ("careless"),
//! a person or "human error" named as the cause, which end the inquiry where it should start
//! (PagerDuty's postmortem guide; Learning from Incidents); animated or condescending tone; and
//! corrective tasks that cannot be done or checked, or that ask people to try harder instead
//! of changing the system (the SRE Workbook's annotated example).
//!
//! False alarms cost more than misses: a rule that fires on "the job failed to upload" or on a
//! plan's "should" gets switched off. So the rules about people look for a person as the
//! subject (a role, a team, a pronoun or a name), and every finding is advice (a suggestion
//! or a warning, never an error) that the author can dismiss.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::Report;

/// How strongly a rule speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    Suggestion,
    Warning,
}

impl Strength {
    pub fn key(self) -> &'static str {
        match self {
            Strength::Suggestion => "suggestion",
            Strength::Warning => "warning",
        }
    }
}

/// One writing rule, described once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// `family/name`, as findings, settings and `lint` name it.
    pub id: &'static str,
    pub strength: Strength,
    /// Why it matters, in one sentence.
    pub why: &'static str,
    /// What to write instead: a prompt, not a rewrite.
    pub instead: &'static str,
    /// Where the advice comes from.
    pub source: &'static str,
}

const SRE_CULTURE: &str = "https://sre.google/sre-book/postmortem-culture/";
const SRE_WORKBOOK: &str = "https://sre.google/workbook/postmortem-culture/";
const PAGERDUTY: &str = "https://postmortems.pagerduty.com/culture/blameless/";

pub const COUNTERFACTUAL: Rule = Rule {
    id: "blameless/counterfactual",
    strength: Strength::Warning,
    why: "Saying what someone should or could have done judges a decision by what was only learned later.",
    instead: "Describe what they saw and knew at the time, and why the action made sense then.",
    source: PAGERDUTY,
};
pub const HINDSIGHT: Rule = Rule {
    id: "blameless/hindsight",
    strength: Strength::Warning,
    why: "\u{201c}Had X, Y would not have happened\u{201d} rewrites the past instead of explaining it.",
    instead: "Describe what happened and what made that path likely; put the better path in a corrective task.",
    source: PAGERDUTY,
};
pub const LAPSE: Rule = Rule {
    id: "blameless/lapse",
    strength: Strength::Warning,
    why: "\u{201c}Forgot\u{201d}, \u{201c}neglected\u{201d} or \u{201c}failed to\u{201d} about a person frames a gap in the system as a personal lapse.",
    instead: "Say what would have prompted the step (a checklist, a tool, an alert) and that it was missing.",
    source: SRE_CULTURE,
};
pub const JUDGEMENT: Rule = Rule {
    id: "blameless/judgement",
    strength: Strength::Warning,
    why: "Words that judge people make them defend themselves instead of explaining what happened.",
    instead: "Describe the action and its context without the judgement.",
    source: SRE_CULTURE,
};
pub const PERSON_AS_CAUSE: Rule = Rule {
    id: "blameless/person-as-cause",
    strength: Strength::Warning,
    why: "Naming a person as the cause stops the inquiry where it should start.",
    instead: "Describe what about the system let one action have this effect.",
    source: SRE_CULTURE,
};
pub const HUMAN_ERROR: Rule = Rule {
    id: "blameless/human-error",
    strength: Strength::Warning,
    why: "\u{201c}Human error\u{201d} is where an explanation begins, not a cause.",
    instead: "Ask why the error was easy to make and hard to catch, and write that down.",
    source: "https://www.learningfromincidents.io/blog/human-error-is-not-a-root-cause",
};
pub const EXCLAMATION: Rule = Rule {
    id: "tone/exclamation",
    strength: Strength::Suggestion,
    why: "Runs of exclamation marks read as alarm, not analysis.",
    instead: "State the fact plainly; let the impact figures carry the weight.",
    source: SRE_WORKBOOK,
};
pub const INSULT: Rule = Rule {
    id: "tone/insult",
    strength: Strength::Suggestion,
    why: "Insulting the system or the team puts readers on the defensive.",
    instead: "Say what is wrong with it, specifically: what it lacks, what it does badly, since when.",
    source: SRE_WORKBOOK,
};
pub const CONDESCENDING: Rule = Rule {
    id: "tone/condescending",
    strength: Strength::Suggestion,
    why: "\u{201c}Obviously\u{201d} and \u{201c}anyone could see\u{201d} are hindsight that talks down to the people involved.",
    instead: "Say what the signal was, and why it was or was not noticed at the time.",
    source: PAGERDUTY,
};
pub const TRY_HARDER: Rule = Rule {
    id: "actionable/try-harder",
    strength: Strength::Warning,
    why: "Asking people to be careful or to remember changes nothing the next person will meet.",
    instead: "Change the system so that the step happens or the mistake is caught: automate, check, alert, guard.",
    source: SRE_WORKBOOK,
};
pub const VAGUE_TASK: Rule = Rule {
    id: "actionable/vague",
    strength: Strength::Warning,
    why: "A task with a vague verb and no object or measure cannot be done, or be seen to be done.",
    instead: "Name the system and what will be true when it is done (\u{201c}Alert when replication lag exceeds 30 s\u{201d}).",
    source: SRE_WORKBOOK,
};

pub const RULES: [Rule; 11] = [
    COUNTERFACTUAL,
    HINDSIGHT,
    LAPSE,
    JUDGEMENT,
    PERSON_AS_CAUSE,
    HUMAN_ERROR,
    EXCLAMATION,
    INSULT,
    CONDESCENDING,
    TRY_HARDER,
    VAGUE_TASK,
];

pub fn rule(id: &str) -> Option<Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// What a piece of text is, for the rules that apply to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    /// Summary, timeline, root cause and other prose.
    Narrative = 0,
    /// A corrective task or an improvement. (The values index the cache's maps.)
    Task = 1,
}

/// One piece of advice about a phrase of a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Advice {
    pub rule: Rule,
    /// The field, as validation findings name it (`timeline[3].text`).
    pub path: String,
    /// The phrase, as a byte range of the field's text.
    pub span: Range<usize>,
    /// The phrase, on one line.
    pub quote: String,
}

// --- Reading a sentence ------------------------------------------------------------------------

/// A word of the text: where it is, its lower-case form, and its case as written.
#[derive(Clone, Debug)]
struct Word {
    span: Range<usize>,
    lower: String,
    /// Starts with a capital letter.
    capital: bool,
    /// Written in capitals throughout ("SRE", "DNS").
    acronym: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-' || c == '_'
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (start, is_word_char(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                start = None;
                let raw = &text[s..i];
                let trimmed = raw.trim_matches(|c: char| !c.is_alphanumeric());
                if trimmed.is_empty() {
                    continue;
                }
                let offset = s + raw.find(trimmed).unwrap_or(0);
                let letters: Vec<char> = trimmed.chars().filter(|c| c.is_alphabetic()).collect();
                out.push(Word {
                    span: offset..offset + trimmed.len(),
                    lower: if trimmed.contains('\u{2019}') {
                        trimmed.to_lowercase().replace('\u{2019}', "'")
                    } else {
                        trimmed.to_lowercase()
                    },
                    capital: trimmed.chars().next().is_some_and(char::is_uppercase),
                    acronym: letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()),
                });
            }
            _ => {}
        }
    }
    out
}

/// The text's words cut into runs wherever the text between two words holds one of `marks`.
fn runs(text: &str, words: &[Word], marks: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..words.len() {
        let next = words.get(i + 1).map_or(text.len(), |w| w.span.start);
        if text[words[i].span.end..next].contains(marks) || i + 1 == words.len() {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out
}

/// Sentences.
const SENTENCE_ENDS: &[char] = &['.', '!', '?', '\n'];
/// Clauses: cut at commas, colons and the like too, so that a subject is looked for next to
/// its verb.
const CLAUSE_ENDS: &[char] = &['.', '!', '?', '\n', ';', ':', ',', '(', ')'];

/// Words that name people: roles and teams as postmortems write them, and pronouns. (A
/// `match`, which compiles to a few comparisons per word.)
fn is_person(word: &str) -> bool {
    matches!(
        word,
        "i" | "we"
            | "you"
            | "he"
            | "she"
            | "they"
            | "someone"
            | "somebody"
            | "nobody"
            | "everyone"
            | "anyone"
            | "engineer"
            | "engineers"
            | "developer"
            | "developers"
            | "dev"
            | "devs"
            | "operator"
            | "operators"
            | "admin"
            | "admins"
            | "administrator"
            | "sre"
            | "sres"
            | "on-call"
            | "oncall"
            | "responder"
            | "responders"
            | "team"
            | "teams"
            | "staff"
            | "support"
            | "captain"
            | "lead"
            | "manager"
            | "owner"
            | "reviewer"
            | "reviewers"
            | "author"
            | "person"
            | "people"
            | "colleague"
            | "colleagues"
            | "intern"
            | "contractor"
            | "dba"
            | "commander"
            | "ops"
            | "we've"
            | "they've"
    )
}

/// Capitalised words that open a clause without naming anyone.
fn never_a_name(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "it"
            | "its"
            | "our"
            | "their"
            | "his"
            | "her"
            | "at"
            | "on"
            | "in"
            | "after"
            | "before"
            | "when"
            | "while"
            | "during"
            | "then"
            | "if"
            | "once"
            | "because"
            | "since"
            | "but"
            | "and"
            | "so"
    )
}

/// Whether the subject words before a verb name a person: a role, a team or a pronoun ("the
/// release captain", "we"), or, with `names`, a name: one or two capitalised words, no article,
/// no acronym ("Alex", "Jun Takeda"). A product can look like a name ("Grafana"), so the rule
/// where systems are the usual subject ("failed to") does not take names.
fn person_among(subject: &[Word], names: bool) -> bool {
    let role = subject.iter().any(|w| is_person(&w.lower));
    let named = names
        && (1..=2).contains(&subject.len())
        && subject
            .iter()
            .all(|w| w.capital && !w.acronym && !never_a_name(&w.lower) && w.lower.chars().all(char::is_alphabetic));
    role || named
}

/// The words `from..=to` as one span of the text.
fn span_of(words: &[Word], from: usize, to: usize) -> Range<usize> {
    words[from].span.start..words[to.min(words.len() - 1)].span.end
}

/// Where `phrase` (lower-case words) starts among `words`.
fn find_phrase(words: &[&str], phrase: &[&str]) -> Option<usize> {
    if phrase.len() > words.len() {
        return None;
    }
    (0..=words.len() - phrase.len()).find(|&i| words[i..i + phrase.len()] == *phrase)
}

// --- The rules ---------------------------------------------------------------------------------

/// Words after "should have" that make "have" mean owning something.
fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "some"
            | "any"
            | "more"
            | "less"
            | "no"
            | "enough"
            | "our"
            | "their"
            | "its"
            | "his"
            | "her"
            | "this"
            | "that"
            | "these"
            | "those"
            | "better"
            | "fewer"
            | "many"
            | "several"
            | "each"
            | "every"
            | "one"
            | "two"
            | "alerts"
            | "tests"
    )
}

/// A person's lapse, as hindsight calls it.
fn is_lapse(word: &str) -> bool {
    matches!(word, "forgot" | "forgotten" | "neglected" | "overlooked")
}
/// Words that judge people.
fn is_judgement(word: &str) -> bool {
    matches!(
        word,
        "careless"
            | "carelessly"
            | "carelessness"
            | "sloppy"
            | "sloppily"
            | "reckless"
            | "recklessly"
            | "negligent"
            | "negligence"
            | "lazy"
            | "laziness"
            | "incompetent"
            | "incompetence"
            | "stupid"
            | "dumb"
            | "idiotic"
            | "clueless"
            | "irresponsible"
            | "thoughtless"
            | "inexcusable"
            | "unprofessional"
            | "foolish"
            | "boneheaded"
            | "inattentive"
            | "inattention"
            | "hasty"
            | "hastily"
            | "lax"
            | "complacent"
            | "complacency"
            | "oblivious"
            | "absent-minded"
    )
}
/// Words that insult a system or a team.
fn is_insult(word: &str) -> bool {
    matches!(
        word,
        "mess"
            | "garbage"
            | "trash"
            | "crap"
            | "crappy"
            | "junk"
            | "joke"
            | "nightmare"
            | "embarrassing"
            | "shameful"
            | "pathetic"
            | "ridiculous"
            | "useless"
            | "idiots"
            | "morons"
            | "clowns"
            | "disgrace"
            | "laughable"
            | "abysmal"
    )
}
const ERRORS: [[&str; 2]; 6] = [
    ["human", "error"],
    ["operator", "error"],
    ["user", "error"],
    ["pilot", "error"],
    ["human", "mistake"],
    ["human", "failure"],
];

/// Every finding of the writing rules on one text: the rule and the span of the phrase.
pub fn check_text(text: &str, place: Place) -> Vec<Found> {
    let all = words(text);
    let mut found: Vec<Found> = Vec::new();
    for clause in runs(text, &all, CLAUSE_ENDS) {
        check_clause(&all[clause], &mut found);
    }
    check_whole(text, &all, place, &mut found);
    found.sort_by_key(|(rule, span)| (span.start, rule.id));
    found.dedup_by(|a, b| a.0.id == b.0.id && a.1.start < b.1.end);
    found
}

/// The rules about what a person did, in one clause: "should have noticed", "forgot to".
fn check_clause(w: &[Word], found: &mut Vec<Found>) {
    let lower: Vec<&str> = w.iter().map(|w| w.lower.as_str()).collect();
    for i in 0..lower.len() {
        // "should have noticed", "could have escalated", "ought to have", "should've":
        // counterfactuals about a person ("would have" only counts in a conditional, below).
        let modal_have = match lower[i] {
            "should" | "could" | "might" => match lower.get(i + 1) {
                Some(&"have") => Some(i + 1),
                Some(&"not") if lower.get(i + 2) == Some(&"have") => Some(i + 2),
                _ => None,
            },
            "ought" if lower.get(i + 1..i + 3) == Some(&["to", "have"][..]) => Some(i + 2),
            "should've" | "could've" | "shouldn't've" | "couldn't've" => Some(i),
            "shouldn't" | "couldn't" if lower.get(i + 1) == Some(&"have") => Some(i + 1),
            _ => None,
        };
        // "should have a test" is a plan to own something, not a counterfactual.
        let owning = |have: usize| lower.get(have + 1).is_some_and(|next| is_determiner(next));
        if let Some(have) = modal_have.filter(|have| !owning(*have)) {
            if have + 1 < lower.len() && person_among(&w[..i], true) {
                found.push((COUNTERFACTUAL, span_of(w, i, have + 1)));
            }
        }
        // "forgot to pause", "neglected the check": a person's lapse. "Failed to" only with a
        // role or team as the subject: systems fail to do things all the time.
        let lapse = is_lapse(lower[i]) && person_among(&w[..i], true)
            || lower[i] == "failed" && lower.get(i + 1) == Some(&"to") && person_among(&w[..i], false);
        if lapse {
            let end = if lower.get(i + 1) == Some(&"to") { i + 2 } else { i };
            found.push((LAPSE, span_of(w, i, end)));
        }
        if lower.get(i..i + 2) == Some(&["didn't", "bother"][..])
            || lower.get(i..i + 3) == Some(&["did", "not", "bother"][..])
        {
            found.push((LAPSE, span_of(w, i, i + 2)));
        }
    }
}

/// The rules that read the whole text: hindsight conditionals, judgement, blame, tone, and
/// for tasks, whether they can be done.
fn check_whole(text: &str, all: &[Word], place: Place, found: &mut Vec<Found>) {
    let lower: Vec<&str> = all.iter().map(|w| w.lower.as_str()).collect();
    // "Had the runbook been followed, … would not have …"; "If they had …, it would have …",
    // within one sentence.
    for sentence in runs(text, all, SENTENCE_ENDS) {
        let w = &lower[sentence.clone()];
        let would_have = (0..w.len()).find(|&i| {
            matches!(w[i], "would" | "wouldn't")
                && (w.get(i + 1) == Some(&"have") || w.get(i + 1..i + 3) == Some(&["not", "have"][..]))
        });
        if let Some(at) = would_have {
            let conditional =
                w.first() == Some(&"had") || (0..at).any(|i| w[i] == "if" && w[i + 1..at].contains(&"had"));
            if conditional {
                found.push((HINDSIGHT, span_of(all, sentence.start, sentence.start + at + 1)));
            }
        }
    }
    if let Some(i) = find_phrase(&lower, &["if", "only"]) {
        found.push((HINDSIGHT, span_of(all, i, i + 1)));
    }
    for (i, word) in lower.iter().enumerate() {
        if is_judgement(word) {
            found.push((JUDGEMENT, all[i].span.clone()));
        }
        // "Mess" only as a verdict ("a complete mess"), not "cleaning up the mess".
        let verdict =
            *word != "mess" || i > 0 && matches!(lower[i - 1], "a" | "complete" | "total" | "such" | "hot" | "utter");
        if is_insult(word) && verdict {
            found.push((INSULT, all[i].span.clone()));
        }
        if *word == "obviously" {
            found.push((CONDESCENDING, all[i].span.clone()));
        }
        // "Alex's fault", "the fault of the on-call", "the team is to blame", "blamed".
        let next = lower.get(i + 1).copied();
        let blamed = word.ends_with("'s") && next == Some("fault")
            || *word == "fault" && next == Some("of") && person_among(&all[i + 2..(i + 5).min(all.len())], true)
            || matches!(*word, "blame" | "blamed")
                && i > 0
                && matches!(lower[i - 1], "to" | "was" | "were" | "is" | "are")
                // "nobody is to blame", "no one was blamed" say the opposite.
                && !lower[i.saturating_sub(4)..i]
                    .iter()
                    .any(|w| matches!(*w, "nobody" | "no" | "not" | "isn't" | "wasn't" | "never"))
            || *word == "at" && next == Some("fault");
        if blamed {
            found.push((PERSON_AS_CAUSE, span_of(all, i, i + 1)));
        }
    }
    for phrase in ERRORS {
        if let Some(i) = find_phrase(&lower, &phrase) {
            found.push((HUMAN_ERROR, span_of(all, i, i + 1)));
        }
    }
    let phrases: [(&[&str], Rule); 8] = [
        (&["anyone", "could", "see"], CONDESCENDING),
        (&["anyone", "could", "have"], CONDESCENDING),
        (&["any", "idiot"], CONDESCENDING),
        (&["everyone", "knows"], CONDESCENDING),
        (&["needless", "to", "say"], CONDESCENDING),
        (&["nobody", "cares"], INSULT),
        (&["no", "one", "cares"], INSULT),
        (&["who", "cares"], INSULT),
    ];
    for (phrase, rule) in phrases {
        if let Some(i) = find_phrase(&lower, phrase) {
            found.push((rule, span_of(all, i, i + phrase.len() - 1)));
        }
    }
    if let Some(at) = ["!!", "?!", "!?"].iter().filter_map(|p| text.find(p)).min() {
        let end = at + text[at..].chars().take_while(|c| matches!(c, '!' | '?')).count();
        found.push((EXCLAMATION, at..end));
    }
    if place == Place::Task {
        check_task(&lower, all, found);
    }
}

/// Verbs that start a task without saying what will change.
fn is_vague_verb(word: &str) -> bool {
    matches!(
        word,
        "improve"
            | "fix"
            | "review"
            | "revisit"
            | "enhance"
            | "optimize"
            | "optimise"
            | "address"
            | "handle"
            | "look"
            | "investigate"
            | "consider"
            | "clean"
            | "rethink"
            | "strengthen"
            | "harden"
            | "update"
            | "evaluate"
            | "explore"
    )
}
/// What a task asks of people rather than of the system.
const TRY_HARDER_PHRASES: &[&[&str]] = &[
    &["be", "careful"],
    &["be", "more", "careful"],
    &["more", "careful"],
    &["be", "vigilant"],
    &["be", "more", "vigilant"],
    &["pay", "attention"],
    &["pay", "more", "attention"],
    &["try", "harder"],
    &["remember", "to"],
    &["don't", "forget"],
    &["do", "not", "forget"],
    &["remind"],
    &["reminder"],
    &["reminders"],
    &["be", "aware"],
    &["make", "sure", "to"],
    &["double-check"],
    &["double", "check"],
];
const NEVER_AGAIN: &[&[&str]] = &[
    &["never", "happens", "again"],
    &["never", "happen", "again"],
    &["doesn't", "happen", "again"],
    &["does", "not", "happen", "again"],
    &["won't", "happen", "again"],
    &["prevent", "this", "from", "happening"],
    &["avoid", "this", "in", "the", "future"],
    &["prevent", "recurrence"],
    &["prevent", "future", "incidents"],
];

/// Whether a corrective task can be done and checked.
fn check_task(lower: &[&str], all: &[Word], found: &mut Vec<Found>) {
    let Some(&first) = lower.first() else {
        return;
    };
    for phrase in TRY_HARDER_PHRASES {
        if let Some(i) = find_phrase(lower, phrase) {
            found.push((TRY_HARDER, span_of(all, i, i + phrase.len() - 1)));
            return;
        }
    }
    // "Train engineers to …", "Train people not to …": people, not the system.
    if first == "train" && lower.get(1).is_some_and(|w| is_person(w)) {
        found.push((TRY_HARDER, span_of(all, 0, 1)));
        return;
    }
    // A number or an identifier (`payments-api`, `max_conns`, a path) makes a task specific.
    let specific = all.iter().any(|w| {
        w.lower
            .contains(|c: char| c.is_ascii_digit() || matches!(c, '_' | '.' | '/'))
    });
    if specific {
        return;
    }
    for phrase in NEVER_AGAIN {
        if let Some(i) = find_phrase(lower, phrase) {
            found.push((VAGUE_TASK, span_of(all, i, i + phrase.len() - 1)));
            return;
        }
    }
    // A vague verb and a few words: "Improve the deploy process."
    if is_vague_verb(first) && lower.len() <= 5 {
        found.push((VAGUE_TASK, span_of(all, 0, all.len() - 1)));
    }
}

/// What the rules found in texts already read, so that a keystroke reads only the text it
/// changed. Holds the texts of the last review only.
#[derive(Default)]
pub struct Cache {
    /// By place (prose, task), then by text: looked up by `&str`, so a text read before is
    /// moved from the last review's map to this one's without being copied.
    seen: [HashMap<String, Vec<Found>>; 2],
}

/// A rule and the span of the phrase it found.
type Found = (Rule, Range<usize>);

/// The writing advice on every prose field and every task of a report, but for what the
/// report dismissed and the rules turned off.
pub fn review(report: &Report, off: &[String]) -> Vec<Advice> {
    review_with(report, off, &mut Cache::default())
}

/// [`review`], reading again only the texts `cache` has not seen.
pub fn review_with(report: &Report, off: &[String], cache: &mut Cache) -> Vec<Advice> {
    let mut out = Vec::new();
    let mut previous = std::mem::take(&mut cache.seen);
    let mut check = |path: String, text: &str, place: Place| {
        if text.trim().is_empty() {
            return;
        }
        let slot = place as usize;
        let (key, found) = match previous[slot].remove_entry(text) {
            Some(entry) => entry,
            None => match cache.seen[slot].get(text) {
                Some(found) => (text.to_owned(), found.clone()),
                None => (text.to_owned(), check_text(text, place)),
            },
        };
        for (rule, span) in found.iter().cloned() {
            if off.iter().any(|o| o == rule.id) {
                continue;
            }
            // One line, as dismissals keep it (and as the export writes them).
            let quote = text[span.clone()].split_whitespace().collect::<Vec<_>>().join(" ");
            if report.dismissed(rule.id, &quote) {
                continue;
            }
            out.push(Advice {
                rule,
                path: path.clone(),
                span,
                quote,
            });
        }
        cache.seen[slot].insert(key, found);
    };
    let s = &report.summary;
    check("summary.impact".into(), &s.impact, Place::Narrative);
    if let Some(b) = &s.business_impact {
        check("summary.business_impact".into(), b, Place::Narrative);
    }
    check("summary.root_cause".into(), &s.root_cause, Place::Narrative);
    for (i, e) in report.timeline.iter().enumerate() {
        check(format!("timeline[{i}].text"), &e.text, Place::Narrative);
    }
    let rca = &report.root_cause_and_resolution;
    check(
        "root_cause_and_resolution.root_cause".into(),
        &rca.root_cause,
        Place::Narrative,
    );
    check(
        "root_cause_and_resolution.trigger".into(),
        &rca.trigger,
        Place::Narrative,
    );
    check(
        "root_cause_and_resolution.resolution".into(),
        &rca.resolution,
        Place::Narrative,
    );
    for (i, f) in rca.contributing_factors.iter().enumerate() {
        check(
            format!("root_cause_and_resolution.contributing_factors[{i}]"),
            f,
            Place::Narrative,
        );
    }
    for (i, t) in report.measures.improvements.iter().enumerate() {
        check(format!("measures.improvements[{i}]"), t, Place::Task);
    }
    for (i, t) in report.measures.tasks.iter().enumerate() {
        check(format!("measures.tasks[{i}].text"), &t.text, Place::Task);
    }
    if let Some(l) = &report.lessons_learned {
        for (name, list) in [
            ("went_well", &l.went_well),
            ("went_wrong", &l.went_wrong),
            ("got_lucky", &l.got_lucky),
        ] {
            for (i, t) in list.iter().enumerate() {
                check(format!("lessons_learned.{name}[{i}]"), t, Place::Narrative);
            }
        }
    }
    for (i, x) in report.extra_sections.iter().enumerate() {
        check(format!("extra_sections[{i}].body"), &x.body, Place::Narrative);
    }
    out
}

#[cfg(test)]
mod tests;
