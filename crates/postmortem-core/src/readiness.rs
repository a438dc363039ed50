//! What a reviewer checks before a postmortem is done, after the Google SRE and PagerDuty
//! review criteria. The report answers most checks itself; the rest a reviewer ticks, and the
//! ticks are kept in the report (`review.checked`).

use crate::metrics::{KeyTimes, Measure};
use crate::model::{Moment, Report, ReviewCheck, TaskType};
use crate::writing::{Advice, Strength};

/// One check and where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub label: &'static str,
    pub done: bool,
    /// What is missing, for a check the report answers; `None` once done.
    pub missing: Option<String>,
    /// The reviewer's check, ticked by hand; `None` for the ones the report answers.
    pub manual: Option<ReviewCheck>,
}

fn auto(label: &'static str, missing: Option<String>) -> Check {
    Check {
        label,
        done: missing.is_none(),
        missing,
        manual: None,
    }
}

/// Every check, in the order a reviewer reads the report, given its key times
/// (`metrics::key_times`) and the writing advice it has (`writing::review`).
pub fn checklist(report: &Report, times: &KeyTimes, advice: &[Advice]) -> Vec<Check> {
    let s = &report.summary;
    let exact = |m: &Option<Moment>| m.as_ref().and_then(Moment::exact);
    let mut checks = Vec::new();

    let impact_missing: Vec<&str> = [
        (s.impact.trim().is_empty(), "what users saw"),
        (
            s.users_affected_percent.is_none() && s.impact_figures.is_empty(),
            "how many were affected (a share or a figure)",
        ),
        (
            exact(&s.started_at).is_none() || exact(&s.ended_at).is_none(),
            "the impact's start and end",
        ),
    ]
    .into_iter()
    .filter_map(|(missing, what)| missing.then_some(what))
    .collect();
    checks.push(auto(
        "The impact is complete: who, how many, how long",
        (!impact_missing.is_empty()).then(|| format!("Missing: {}.", impact_missing.join("; "))),
    ));

    let timed: Vec<_> = report.timeline.iter().filter_map(|e| exact(&e.time)).collect();
    let starts_before = match (timed.iter().min(), exact(&s.started_at)) {
        (Some(first), Some(start)) => *first <= start,
        _ => false,
    };
    let detected = times.figure(Measure::Detect).is_some()
        || report.timeline.iter().any(|e| e.kind == crate::EntryKind::Detection);
    let resolved = times.figure(Measure::Resolve).is_some()
        || report.timeline.iter().any(|e| e.kind == crate::EntryKind::Resolution);
    let timeline_missing: Vec<&str> = [
        (!starts_before, "an entry at or before the impact start"),
        (!detected, "the detection"),
        (!resolved, "the resolution"),
    ]
    .into_iter()
    .filter_map(|(missing, what)| missing.then_some(what))
    .collect();
    checks.push(auto(
        "The timeline runs from before the impact to its resolution",
        (!timeline_missing.is_empty()).then(|| format!("Missing: {}.", timeline_missing.join("; "))),
    ));

    let uncomputed: Vec<&str> = [Measure::Detect, Measure::Mitigate, Measure::Resolve]
        .into_iter()
        .filter(|m| times.figure(*m).is_none())
        .map(Measure::label)
        .collect();
    checks.push(auto(
        "The key times can be worked out",
        (!uncomputed.is_empty()).then(|| {
            format!(
                "Not yet: {}. Mark the timeline's milestones, or give the entries their kinds.",
                uncomputed.join(", ").to_lowercase()
            )
        }),
    ));

    let tasks: Vec<_> = report
        .measures
        .tasks
        .iter()
        .filter(|t| !t.text.trim().is_empty())
        .collect();
    let incomplete = tasks
        .iter()
        .filter(|t| t.owner.is_none() || t.due.is_none() || t.priority.is_none())
        .count();
    checks.push(auto(
        "Every task has an owner, a due date and a priority",
        match (tasks.len(), incomplete) {
            (0, _) => Some("There are no tasks yet.".into()),
            (_, 0) => None,
            (_, 1) => Some("1 task lacks one of them.".into()),
            (_, n) => Some(format!("{n} tasks lack one of them.")),
        },
    ));
    checks.push(auto(
        "At least one task prevents a repeat, not only mitigates",
        (!tasks.iter().any(|t| t.kind == Some(TaskType::Prevent)))
            .then(|| "No task has the type \u{201c}prevent\u{201d}.".into()),
    ));

    let warnings = advice.iter().filter(|a| a.rule.strength == Strength::Warning).count();
    checks.push(auto(
        "No open writing warnings",
        match warnings {
            0 => None,
            1 => Some("1 warning is open: dismiss it or rewrite the phrase.".into()),
            n => Some(format!("{n} warnings are open: dismiss them or rewrite the phrases.")),
        },
    ));

    let shared = report
        .review
        .as_ref()
        .is_some_and(|r| r.shared_with.iter().any(|s| !s.trim().is_empty()));
    checks.push(auto(
        "It has been shared with the people it affects",
        (!shared).then(|| "Say who it was shared with, under Review.".into()),
    ));

    let ticked = |check: ReviewCheck| report.review.as_ref().is_some_and(|r| r.checked.contains(&check));
    for check in ReviewCheck::ALL.iter().copied() {
        checks.push(Check {
            label: manual_label(check),
            done: ticked(check),
            missing: None,
            manual: Some(check),
        });
    }
    checks
}

/// A reviewer's check as the checklist says it.
pub fn manual_label(check: ReviewCheck) -> &'static str {
    match check {
        ReviewCheck::CauseExplainsTrigger => "The root cause and contributing factors explain the trigger",
        ReviewCheck::TasksAgreed => "Each task's owner has agreed to it",
    }
}

/// (done, all): "7 of 9 ready".
pub fn readiness(checks: &[Check]) -> (usize, usize) {
    (checks.iter().filter(|c| c.done).count(), checks.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::from_json;
    use crate::metrics::key_times;

    fn checklist(report: &Report, advice: &[Advice]) -> Vec<Check> {
        super::checklist(report, &key_times(report), advice)
    }

    fn golden(name: &str) -> Report {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/golden");
        from_json(&std::fs::read_to_string(format!("{dir}/{name}.json")).unwrap()).unwrap()
    }

    #[test]
    fn a_blank_report_is_far_from_ready_and_says_why() {
        let checks = checklist(&Report::default(), &[]);
        assert_eq!(readiness(&checks), (1, 9), "{checks:#?}");
        assert!(checks[0].missing.as_deref().unwrap().contains("what users saw"));
        assert!(checks[3].missing.as_deref().unwrap().contains("no tasks"));
    }

    #[test]
    fn the_reviewer_ticks_what_the_report_cannot_answer() {
        let mut report = golden("06-search-alias-swap");
        let before = readiness(&checklist(&report, &[]));
        let review = report.review.get_or_insert_with(Default::default);
        review.checked = vec![ReviewCheck::TasksAgreed];
        let after = readiness(&checklist(&report, &[]));
        assert_eq!(after.0, before.0 + 1);
        let checks = checklist(&report, &[]);
        let automatic: Vec<(&str, bool)> = checks
            .iter()
            .filter(|c| c.manual.is_none())
            .map(|c| (c.label, c.done))
            .collect();
        assert!(automatic.iter().take(3).all(|(_, done)| *done), "{checks:#?}");
    }
}
