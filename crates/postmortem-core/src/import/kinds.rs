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

use super::text::words;
use crate::model::EntryKind;

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
    RULES
        .iter()
        .find(|(_, phrases)| phrases.iter().any(|p| says(&text, p)))
        .map_or(EntryKind::Other, |(kind, _)| *kind)
}

/// Whether `text` (as [`words`] gives it: lower case, single spaces, a space at each end)
/// holds the phrase as whole words.
fn says(text: &str, phrase: &str) -> bool {
    match phrase.strip_suffix('*') {
        Some(start) => text.contains(&format!(" {start}")),
        None => text.contains(&format!(" {phrase} ")),
    }
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
