//! Throughput of the core on reports with 10 to 1000 timeline entries: export to Markdown,
//! validate, the preview's Markdown-to-HTML, the JSON round trip, Markdown import and
//! autosave's serialisation. Run by `make bench`
//! (`cargo bench -p postmortem-core`); prints one line per measurement, median of many runs.

use std::hint::black_box;
use std::time::{Duration, Instant};

use postmortem_core::drafts::Draft;
use postmortem_core::{
    from_json, import_markdown, preview, to_json, to_markdown, validate, EntryKind, Moment, Report, TimelineEntry,
};

/// A report shaped like a long real one: a full summary and `entries` varied timeline entries.
fn report_with(entries: usize) -> Report {
    let mut report = from_json(include_str!("../../../tests/golden/01-checkout-tls.json")).expect("golden report");
    let start = report
        .summary
        .started_at
        .as_ref()
        .and_then(Moment::exact)
        .expect("exact start");
    report.timeline = (0..entries)
        .map(|i| TimelineEntry {
            time: Some(Moment::Exact(start + chrono::TimeDelta::seconds(i as i64 * 30))),
            kind: EntryKind::ALL[i % EntryKind::ALL.len()],
            text: format!(
                "Step {i}: checked the `payments-gateway` pods, restarted **two** of them and watched the error rate."
            ),
            actor: (i % 3 == 0).then(|| "On-call SRE".to_owned()),
            milestone: None,
        })
        .collect();
    report
}

/// Median time of `run`, repeated for about half a second.
fn median(mut run: impl FnMut()) -> Duration {
    let mut samples = Vec::new();
    let budget = Instant::now();
    while samples.len() < 5 || (budget.elapsed() < Duration::from_millis(500) && samples.len() < 2000) {
        let started = Instant::now();
        run();
        samples.push(started.elapsed());
    }
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    println!("| operation | entries | median | throughput |");
    println!("|---|---:|---:|---:|");
    for entries in [10, 100, 300, 1000] {
        let report = report_with(entries);
        let markdown = to_markdown(&report);
        let json = to_json(&report);
        let row = |name: &str, time: Duration, bytes: usize| {
            let mb_per_s = bytes as f64 / time.as_secs_f64() / 1e6;
            println!(
                "| {name} | {entries} | {:.1} µs | {mb_per_s:.0} MB/s |",
                time.as_secs_f64() * 1e6
            );
        };
        row(
            "export Markdown",
            median(|| drop(black_box(to_markdown(black_box(&report))))),
            markdown.len(),
        );
        row(
            "validate",
            median(|| drop(black_box(validate(black_box(&report))))),
            json.len(),
        );
        row(
            "writing review",
            median(|| drop(black_box(postmortem_core::writing::review(black_box(&report), &[])))),
            json.len(),
        );
        let mut cache = postmortem_core::writing::Cache::default();
        let mut edited = report.clone();
        let mut n = 0;
        row(
            "writing review, one entry typed in (cached)",
            median(|| {
                n += 1;
                if let Some(entry) = edited.timeline.first_mut() {
                    entry.text = format!("Step {n}: checked the pods.");
                }
                drop(black_box(postmortem_core::writing::review_with(
                    black_box(&edited),
                    &[],
                    &mut cache,
                )));
            }),
            json.len(),
        );
        row(
            "key times and chart",
            median(|| {
                let times = postmortem_core::metrics::key_times(black_box(&report));
                drop(black_box(postmortem_core::chart::chart(black_box(&report), &times)));
            }),
            json.len(),
        );
        row(
            "preview HTML",
            median(|| {
                drop(black_box(preview::to_html(
                    black_box(&markdown),
                    preview::RemoteImages::Load,
                )))
            }),
            markdown.len(),
        );
        row(
            "export JSON",
            median(|| drop(black_box(to_json(black_box(&report))))),
            json.len(),
        );
        row(
            "import JSON",
            median(|| drop(black_box(from_json(black_box(&json))))),
            json.len(),
        );
        row(
            "import Markdown",
            median(|| drop(black_box(import_markdown(black_box(&markdown))))),
            markdown.len(),
        );
        // What autosave does besides the browser's storage calls: read the stored copy's
        // envelope for its revision, then write the envelope with the report.
        let draft = Draft {
            id: "bench".into(),
            revision: 1,
            saved_at: "2026-03-14T10:00:00Z".into(),
            report: report.clone(),
        };
        let stored = draft.to_json();
        row(
            "autosave (read envelope, write draft)",
            median(|| {
                drop(black_box(Draft::header_from_json(black_box(&stored))));
                drop(black_box(black_box(&draft).to_json()));
            }),
            stored.len(),
        );
    }
    // A megabyte of someone else's Markdown: the importer must stay well under a second.
    let mut big = String::from("# Big\n\n## Timeline (all times PST)\n\n");
    while big.len() < 1024 * 1024 {
        big.push_str("- **3:05 PM** - Pager fired for the 5xx rate on `checkout`; see [graph](https://x.io/g).\n");
    }
    let time = median(|| drop(black_box(import_markdown(black_box(&big)))));
    println!(
        "| import Markdown, 1 MB written by hand | {} | {:.1} ms | {:.0} MB/s |",
        big.lines().count() - 4,
        time.as_secs_f64() * 1e3,
        big.len() as f64 / time.as_secs_f64() / 1e6
    );
}
