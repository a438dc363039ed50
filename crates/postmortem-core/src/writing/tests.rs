use super::*;
use crate::model::{CorrectiveTask, Dismissal, Review};

fn ids(text: &str, place: Place) -> Vec<&'static str> {
    check_text(text, place).into_iter().map(|(rule, _)| rule.id).collect()
}

fn quotes(text: &str, place: Place) -> Vec<String> {
    check_text(text, place)
        .into_iter()
        .map(|(_, span)| text[span].to_owned())
        .collect()
}

/// The labelled sentences of `../shared/review/examples.tsv`, each put where its place says
/// (prose into the root cause, tasks into a corrective task) in a report of its own: a
/// `flag` sentence gets a finding of its family, an `ok` one no writing finding at all.
/// `WRITING_SET=dev` or `held-out` checks one part (every third sentence is held out).
#[test]
fn the_shared_examples_are_judged_as_labelled() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/review/examples.tsv");
    let text = std::fs::read_to_string(path).expect("../shared/review/examples.tsv");
    let set = std::env::var("WRITING_SET").unwrap_or_else(|_| "all".into());
    let mut wrong = Vec::new();
    let mut judged = 0;
    let rows = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    for (n, line) in rows.enumerate() {
        let held_out = (n + 1) % 3 == 0;
        if (set == "dev" && held_out) || (set == "held-out" && !held_out) {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let [expect, family, place, sentence] = cells[..] else {
            panic!("four columns: {line}");
        };
        let mut report = Report::default();
        match place {
            "task" => report.measures.tasks.push(CorrectiveTask {
                text: sentence.into(),
                ..Default::default()
            }),
            _ => report.root_cause_and_resolution.root_cause = sentence.into(),
        }
        let advice = review(&report, &[]);
        let families: Vec<&str> = advice.iter().map(|a| a.rule.id.split('/').next().unwrap()).collect();
        let right = match expect {
            "flag" => families.contains(&family),
            _ => families.is_empty(),
        };
        judged += 1;
        if !right {
            wrong.push(format!(
                "{expect} {family}: {sentence} → {:?}",
                advice.iter().map(|a| a.rule.id).collect::<Vec<_>>()
            ));
        }
    }
    println!(
        "writing rules, {set}: {} of {judged} judged as labelled",
        judged - wrong.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// What the rules must not fire on: systems that fail, plans that should, names in facts.
#[test]
fn no_advice_on_plain_factual_writing() {
    for (text, place) in [
        ("The backup job failed to upload its archive.", Place::Narrative),
        (
            "Grafana failed to render the panel, so the on-call used the CLI.",
            Place::Narrative,
        ),
        ("Lee restarted the primary at 14:05.", Place::Narrative),
        ("Priya paged the database team, who joined at 09:20.", Place::Narrative),
        (
            "The new limit should reduce memory use once deployed.",
            Place::Narrative,
        ),
        (
            "The cache should have expired after 60 seconds, but its TTL was set in hours.",
            Place::Narrative,
        ),
        ("The team had no alert on certificate expiry.", Place::Narrative),
        (
            "We ran the failover script; it would have taken 20 minutes to finish.",
            Place::Narrative,
        ),
        ("Add a disaster recovery drill for the payments database.", Place::Task),
        ("Review every alert rule for a runbook link by 2026-07-01.", Place::Task),
        ("Fix `retry_backoff` in the payments client.", Place::Task),
        ("Train the anomaly model on the new traffic shape.", Place::Task),
        ("A fault in the disk controller corrupted two blocks.", Place::Narrative),
        (
            "This is a blameless review; nobody is to blame for the alert gap.",
            Place::Narrative,
        ),
        ("We should have a test for the download endpoint.", Place::Narrative),
        (
            "The janitors are cleaning up the mess and we should be back soon.",
            Place::Narrative,
        ),
        (
            "If the gate had passed, the rollout went on. It would have been fine either way, the logs say.",
            Place::Narrative,
        ),
    ] {
        assert_eq!(ids(text, place), Vec::<&str>::new(), "{text}");
    }
}

#[test]
fn each_rule_quotes_its_phrase() {
    let q = |t| quotes(t, Place::Narrative);
    assert_eq!(q("The SRE should have noticed the lag."), ["should have noticed"]);
    assert_eq!(q("Alex forgot to pause the rollout."), ["forgot to pause"]);
    assert_eq!(q("The on-call engineer failed to escalate."), ["failed to escalate"]);
    assert_eq!(q("A careless change broke it."), ["careless"]);
    assert_eq!(q("It was the operator's fault."), ["operator's fault"]);
    assert_eq!(q("Cause: human error."), ["human error"]);
    assert_eq!(q("If only we had waited."), ["If only"]);
    assert_eq!(
        q("If they had checked the graph, it would have been caught."),
        ["If they had checked the graph, it would have"]
    );
    assert_eq!(q("Obviously the disk was full."), ["Obviously"]);
    assert_eq!(q("Down again?!"), ["?!"]);
    assert_eq!(quotes("Remind engineers to rotate keys.", Place::Task), ["Remind"]);
    assert_eq!(quotes("Improve monitoring.", Place::Task), ["Improve monitoring"]);
    // Task rules stay on tasks.
    assert!(q("Improve monitoring.").is_empty());
}

#[test]
fn dismissed_advice_and_rules_turned_off_stay_quiet() {
    let mut report = Report::default();
    report.summary.impact = "The SRE should have noticed. Obviously.".into();
    assert_eq!(review(&report, &[]).len(), 2);
    assert_eq!(review(&report, &["tone/condescending".into()]).len(), 1);
    report.review = Some(Review {
        dismissed: vec![Dismissal {
            rule: "blameless/counterfactual".into(),
            quote: "should have noticed".into(),
        }],
        ..Default::default()
    });
    let left: Vec<&str> = review(&report, &[]).iter().map(|a| a.rule.id).collect();
    assert_eq!(left, ["tone/condescending"]);
    // The same phrase moved to another field stays dismissed.
    report.summary.impact.clear();
    report.timeline.push(crate::model::TimelineEntry {
        text: "The SRE should have noticed.".into(),
        ..Default::default()
    });
    assert!(review(&report, &[]).is_empty());
}

#[test]
fn every_rule_says_why_and_what_instead() {
    for rule in RULES {
        assert!(rule.id.contains('/'), "{}", rule.id);
        assert!(
            rule.why.ends_with('.') && rule.instead.ends_with(['.', ')']),
            "{}",
            rule.id
        );
        assert!(rule.source.starts_with("https://"), "{}", rule.id);
        assert_eq!(self::rule(rule.id), Some(rule));
    }
}

/// The cache gives what a fresh review gives, as texts change under it.
#[test]
fn a_cached_review_is_a_fresh_review() {
    let mut cache = Cache::default();
    let mut report = Report::default();
    report.summary.impact = "The SRE should have noticed.".into();
    report.measures.tasks.push(CorrectiveTask {
        text: "Improve monitoring.".into(),
        ..Default::default()
    });
    assert_eq!(review_with(&report, &[], &mut cache), review(&report, &[]));
    report.summary.impact = "The SRE noticed.".into();
    assert_eq!(review_with(&report, &[], &mut cache), review(&report, &[]));
    report.root_cause_and_resolution.root_cause = "Improve monitoring.".into();
    // The same words as prose are not a task.
    assert_eq!(review_with(&report, &[], &mut cache), review(&report, &[]));
    assert_eq!(review(&report, &[]).len(), 1);
}
