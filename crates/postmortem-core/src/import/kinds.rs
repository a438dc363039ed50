//! An entry's kind from its words, for timelines that tag none: "The error-rate alert fires"
//! is a detection, "Rolled back to v41" a mitigation, "Service restored for all users" the
//! resolution. The key times infer their moments from kinds, so an imported report gets
//! figures without the author marking every entry; the import notes say the kinds were
//! guessed, and the form shows them to correct.
//!
//! The phrases are the vocabulary of incident response (what detection, escalation,
//! mitigation and recovery are called), not the wording of any one report. Where an entry
//! says two things ("rolled back, and errors returned to normal"), the later stage of the
//! response wins, as it is the one the entry reports reaching; a path that turned out wrong
//! wins over everything, since it says what the entry was not.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::text::words;
use crate::model::{DetectionMethod, EntryKind};

/// Phrases as whole words; one ending in `*` is a word start ("investigat*"). The first rule
/// with a phrase in the entry decides.
const RULES: [(EntryKind, &[&str]); 8] = [
    (
        EntryKind::MisleadingPath,
        &[
            "initially suspected",
            "initially thought",
            "red herring",
            "false lead",
            "misleading",
            "turned out not",
            "ruled out",
            "was not the cause",
            "wasn t the cause",
            "not the root cause",
            "did not help",
            "didn t help",
            "no effect",
            "no improvement",
            "issue persisted",
            "problem persisted",
            "errors persisted",
            "still failing",
            "did not resolve",
            "didn t resolve",
            "without success",
            "unsuccessful*",
            "initial assumption",
        ],
    ),
    (
        EntryKind::Resolution,
        &[
            "resolved",
            "resolution",
            "restored",
            "fully recovered",
            "recovered",
            "recovery complete",
            "back to normal",
            "returned to normal",
            "returns to normal",
            "back online",
            "normal operation",
            "operating normally",
            "fully operational",
            "all clear",
            "incident closed",
            "closed the incident",
            "incident ends",
            "incident ended",
            "marked as resolved",
            "stable again",
            "confirmed stable",
            "back at baseline",
            "back to baseline",
            "healthy again",
        ],
    ),
    (
        EntryKind::Mitigation,
        &[
            "mitigat*",
            "rolled back",
            "rolls back",
            "roll back",
            "rollback",
            "revert*",
            "restart*",
            "reboot*",
            "failed over",
            "fail over",
            "failover",
            "hotfix",
            "hot fix",
            "workaround",
            "redeploy*",
            "scaled up",
            "scaled out",
            "scale up",
            "disabled",
            "disables",
            "blocked",
            "throttl*",
            "rate limit*",
            "drained",
            "flushed",
            "purged",
            "cleared",
            "patched",
            "deployed a fix",
            "deploys a fix",
            "fix deployed",
            "fix was deployed",
            "applied a fix",
            "applies a fix",
            "fix applied",
        ],
    ),
    (
        EntryKind::Communication,
        &[
            "status page",
            "statuspage",
            "communicat*",
            "announc*",
            "posted an update",
            "posts an update",
            "customers were notified",
            "notified customers",
            "notifies customers",
            "informed customers",
            "email to customers",
            "tweet*",
            "public update",
        ],
    ),
    (
        EntryKind::Escalation,
        &[
            "escalat*",
            "called in",
            "looped in",
            "brought in",
            "pulled in",
            "joined",
            "joins",
            "paged the",
            "pages the",
            "engaged",
            "contacted",
            "war room",
            "bridge",
            "incident declared",
            "declared an incident",
            "declares an incident",
            "incident commander",
        ],
    ),
    // Someone starting to respond, which often names the alert it answers ("acknowledged
    // the alert"): the start of the response, not the detection.
    (
        EntryKind::Investigation,
        &[
            "acknowledg*",
            "began investigating",
            "started investigating",
            "begins investigating",
            "starts investigating",
            "responded",
            "responding",
        ],
    ),
    (
        EntryKind::Detection,
        &[
            "alert*",
            "alarm*",
            "pager",
            "paged",
            "page fired",
            "detected",
            "detects",
            "noticed",
            "notices",
            "reported",
            "spotted",
            "flagged",
            "discovered",
            "first report*",
            "complain*",
            "monitoring",
            "monitor fired",
        ],
    ),
    (
        EntryKind::Investigation,
        &[
            "investigat*",
            "looked into",
            "looks into",
            "looking into",
            "checked",
            "checks",
            "examin*",
            "inspect*",
            "analy*",
            "debug*",
            "diagnos*",
            "identified",
            "identifies",
            "traced",
            "found that",
            "finds that",
            "root cause",
            "reviewed",
            "reviewing",
            "began looking",
            "troubleshoot*",
        ],
    ),
];

/// The kind an untagged entry's words suggest, or `Other`.
pub fn kind_from_words(text: &str) -> EntryKind {
    let text = words(text);
    let index = index();
    // The earliest rule any phrase of which the entry says.
    let mut best: Option<usize> = None;
    let mut at = 1; // `words` starts with a space
    for word in text[1..].split(' ').filter(|w| !w.is_empty()) {
        let rest = &text[at..];
        let phrases = index.may_start(word).then(|| index.by_first_word.get(word)).flatten();
        for &(rule, phrase, whole) in phrases.into_iter().flatten() {
            if best.is_none_or(|b| rule < b) && rest.starts_with(phrase) {
                let after = rest.as_bytes().get(phrase.len());
                if !whole || after == Some(&b' ') {
                    best = Some(rule);
                }
            }
        }
        let starts = word.get(..START_KEY).and_then(|key| index.word_starts.get(key));
        for &(rule, prefix) in starts.into_iter().flatten() {
            if best.is_none_or(|b| rule < b) && word.starts_with(prefix) {
                best = Some(rule);
            }
        }
        at += word.len() + 1;
    }
    best.map_or(EntryKind::Other, |rule| RULES[rule].0)
}

/// The stage of the response a label names, for timelines grouped by stage under labels
/// ("**Issue Detection:**", "Actions taken:", "Escalation:"); `None` for any other label
/// ("Day 1:", "Monday:"), which stays an entry of its own.
pub fn stage_label(label: &str) -> Option<EntryKind> {
    let said = words(label);
    if said.split(' ').filter(|w| !w.is_empty()).count() > 4 {
        return None;
    }
    let named = |stage: &[&str]| stage.iter().any(|s| said.contains(&format!(" {s} ")));
    if named(&["misleading", "dead ends", "red herrings"]) {
        Some(EntryKind::MisleadingPath)
    } else if named(&["detection", "detected", "discovery"]) {
        Some(EntryKind::Detection)
    } else if named(&["escalation", "escalations", "escalated"]) {
        Some(EntryKind::Escalation)
    } else if named(&["mitigation", "mitigations", "workaround"]) {
        Some(EntryKind::Mitigation)
    } else if named(&["resolution", "recovery", "resolved", "fix"]) {
        Some(EntryKind::Resolution)
    } else if named(&[
        "actions taken",
        "investigation",
        "diagnosis",
        "debugging",
        "response",
        "troubleshooting",
    ]) {
        Some(EntryKind::Investigation)
    } else {
        None
    }
}

/// The rules' phrases by their first word, so that an entry is checked only against the
/// phrases that start with one of its words: a long timeline has thousands of entries, and
/// the rules some hundred phrases.
struct Index {
    /// First word → (rule, phrase, whether it must end at a word's end).
    by_first_word: HashMap<&'static str, Vec<(usize, &'static str, bool)>, Quick>,
    /// One-word starts ("investigat*") by their first letters, with their rule.
    word_starts: HashMap<&'static str, Vec<(usize, &'static str)>, Quick>,
    /// For each first byte, the lengths (bit n: n bytes, up to 63) of the phrases' first
    /// words: most words of an entry start no phrase, and are passed over without a lookup.
    first_word_shapes: [u64; 256],
}

impl Index {
    fn may_start(&self, word: &str) -> bool {
        let shapes = self.first_word_shapes[usize::from(word.as_bytes()[0])];
        word.len() < 64 && shapes & (1 << word.len()) != 0
    }
}

/// How many letters of a word start ("inv" of "investigat*") find it; every start has more.
const START_KEY: usize = 3;

/// The index's keys are the rules' own words, not input an attacker picks to collide:
/// FNV-1a hashes them in a fraction of the default hasher's time.
type Quick = BuildHasherDefault<Fnv>;

struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = Index {
            by_first_word: HashMap::default(),
            word_starts: HashMap::default(),
            first_word_shapes: [0; 256],
        };
        for (rule, (_, phrases)) in RULES.iter().enumerate() {
            for phrase in phrases.iter() {
                let (phrase, whole) = match phrase.strip_suffix('*') {
                    Some(start) => (start, false),
                    None => (*phrase, true),
                };
                match phrase.split_once(' ') {
                    None if !whole => {
                        assert!(phrase.len() > START_KEY, "a word start longer than its key");
                        index
                            .word_starts
                            .entry(&phrase[..START_KEY])
                            .or_default()
                            .push((rule, phrase));
                    }
                    None => index
                        .by_first_word
                        .entry(phrase)
                        .or_default()
                        .push((rule, phrase, true)),
                    Some((first, _)) => index
                        .by_first_word
                        .entry(first)
                        .or_default()
                        .push((rule, phrase, whole)),
                }
            }
        }
        for word in index.by_first_word.keys() {
            assert!(
                !word.is_empty() && word.len() < 64,
                "a phrase's first word of 1 to 63 bytes"
            );
            index.first_word_shapes[usize::from(word.as_bytes()[0])] |= 1 << word.len();
        }
        index
    })
}

/// How a team found out, from the words that tell it: the method named first ("Customers
/// wrote in before the alert fired": a customer report).
pub fn detection_method(text: &str) -> Option<DetectionMethod> {
    const SAID: &[(DetectionMethod, &[&str])] = &[
        (
            DetectionMethod::CustomerReport,
            &[
                "customer",
                "customers",
                "user reported",
                "users reported",
                "support ticket",
                "support tickets",
                "complaint",
                "complaints",
            ],
        ),
        (
            DetectionMethod::AutomatedCheck,
            &[
                "synthetic",
                "probe",
                "health check",
                "healthcheck",
                "canary",
                "smoke test",
                "uptime check",
            ],
        ),
        (
            DetectionMethod::Alert,
            &[
                "alert",
                "alerts",
                "alerted",
                "alerting",
                "paged",
                "pagerduty",
                "opsgenie",
                "monitoring",
            ],
        ),
        (
            DetectionMethod::Staff,
            &["noticed", "an engineer", "a colleague", "an employee", "staff"],
        ),
    ];
    let said = words(text);
    SAID.iter()
        .filter_map(|(method, phrases)| {
            let first = phrases.iter().filter_map(|p| said.find(&format!(" {p} "))).min()?;
            Some((first, *method))
        })
        .min_by_key(|(first, _)| *first)
        .map(|(_, method)| method)
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntryKind::*;

    #[test]
    fn the_stages_of_a_response_by_their_words() {
        for (text, kind) in [
            ("The p99 latency alert fires in #ops.", Detection),
            ("A customer reported failed checkouts via support.", Detection),
            ("On-call acknowledged the page and began investigating.", Investigation),
            ("Escalated to the database team.", Escalation),
            (
                "Initially suspected a DNS problem; this turned out not to be the cause.",
                MisleadingPath,
            ),
            ("Rolled back the deploy to v41.", Mitigation),
            ("Restarted the workers; the issue persisted.", MisleadingPath),
            (
                "The on-call engineer acknowledged the alert and opened an incident.",
                Investigation,
            ),
            ("Engineers were alerted and began investigating.", Investigation),
            ("The error rate reaches 10% while /health still reports healthy.", Other),
            ("The team found the config had been incorrectly updated.", Other),
            ("Rolled back the deploy; error rates returned to normal.", Resolution),
            ("Service fully restored.", Resolution),
            ("Status page updated with an apology.", Communication),
            ("Deploy of commit a3f9c21 completes.", Other),
            // Words inside other words are not the phrase.
            ("The realerting job ran.", Other),
        ] {
            assert_eq!(kind_from_words(text), kind, "{text}");
        }
    }
}
