//! The timeline as a picture: where each timed entry falls on one time axis, the impact
//! window as a band, and the long silences between entries. Positions are fractions of the
//! axis (0 at its left end, 1 at its right), so the app draws them at any width and this
//! stays free of any drawing library.

use chrono::{DateTime, FixedOffset, TimeDelta};

use crate::metrics::KeyTimes;
use crate::model::{EntryKind, Milestone, Moment, Report};
use crate::time::{format_duration, TimeDisplay};

/// One timed entry on the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// The entry's index in the timeline.
    pub entry: usize,
    pub x: f64,
    pub kind: EntryKind,
    /// The moment of the incident it stands for: marked, or inferred from its kind.
    pub milestone: Option<Milestone>,
    pub inferred: bool,
    /// Its time as the export shows it ("09:03"). Not its text, so that typing in an entry
    /// leaves the chart as it is.
    pub clock: String,
}

/// A stretch with no entry, long against the whole axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Silence {
    pub from: f64,
    pub to: f64,
    /// "40 min".
    pub length: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Chart {
    /// The impact window on the axis, when both ends are full times.
    pub window: Option<(f64, f64)>,
    pub marks: Vec<Mark>,
    pub silences: Vec<Silence>,
    /// The ends of the axis, as the export shows times.
    pub axis: Option<(String, String)>,
    /// The entries whose time is only words (or missing), listed beside the chart.
    pub unplotted: Vec<usize>,
}

/// A silence is drawn when it is at least this share of the axis.
const SILENCE_SHARE: f64 = 0.2;

/// The chart of a report, whose key times (for the inferred milestones) are `key_times`.
pub fn chart(report: &Report, key_times: &KeyTimes) -> Chart {
    let exact = |m: &Option<Moment>| m.as_ref().and_then(Moment::exact);
    let times = TimeDisplay::for_summary(&report.summary);
    let mut unplotted = Vec::new();
    let mut timed: Vec<(usize, DateTime<FixedOffset>)> = Vec::new();
    for (index, entry) in report.timeline.iter().enumerate() {
        match exact(&entry.time) {
            Some(at) => timed.push((index, at)),
            None if !entry.text.trim().is_empty() => unplotted.push(index),
            None => {}
        }
    }
    let start = exact(&report.summary.started_at);
    let end = exact(&report.summary.ended_at);
    let ends = timed.iter().map(|(_, at)| *at).chain(start).chain(end);
    let (Some(first), Some(last)) = (ends.clone().min(), ends.max()) else {
        return Chart {
            unplotted,
            ..Chart::default()
        };
    };
    // A single moment still gets an axis: a minute either side.
    let (first, last) = if first == last {
        (first - TimeDelta::minutes(1), last + TimeDelta::minutes(1))
    } else {
        (first, last)
    };
    let span = (last - first).num_seconds() as f64;
    let x = |at: DateTime<FixedOffset>| (at - first).num_seconds() as f64 / span;
    let window = match (start, end) {
        (Some(s), Some(e)) if s <= e => Some((x(s), x(e))),
        _ => None,
    };
    let inferred = key_times.inferred();
    let marks: Vec<Mark> = timed
        .iter()
        .map(|&(entry, at)| {
            let e = &report.timeline[entry];
            let guessed = inferred.iter().find(|(_, i)| *i == entry).map(|(m, _)| *m);
            Mark {
                entry,
                x: x(at),
                kind: e.kind,
                milestone: e.milestone.or(guessed),
                inferred: e.milestone.is_none() && guessed.is_some(),
                clock: times.clock(at),
            }
        })
        .collect();
    let mut moments: Vec<DateTime<FixedOffset>> = timed.iter().map(|(_, at)| *at).collect();
    moments.sort();
    let silences = moments
        .windows(2)
        .filter(|w| x(w[1]) - x(w[0]) >= SILENCE_SHARE)
        .map(|w| Silence {
            from: x(w[0]),
            to: x(w[1]),
            length: format_duration(w[1] - w[0]).unwrap_or_default(),
        })
        .collect();
    Chart {
        window,
        marks,
        silences,
        axis: Some((times.clock(first), times.clock(last))),
        unplotted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TimelineEntry;

    fn chart(report: &Report) -> Chart {
        super::chart(report, &crate::metrics::key_times(report))
    }

    fn entry(time: &str, kind: EntryKind) -> TimelineEntry {
        TimelineEntry {
            time: Some(Moment::parse(time)),
            kind,
            text: "x".into(),
            ..Default::default()
        }
    }

    #[test]
    fn entries_fall_on_one_axis_with_the_window_and_the_silences() {
        let mut r = Report::default();
        r.summary.started_at = Some(Moment::parse("2026-03-14T09:00:00Z"));
        r.summary.ended_at = Some(Moment::parse("2026-03-14T10:00:00Z"));
        r.timeline = vec![
            entry("2026-03-14T08:40:00Z", EntryKind::Other),
            entry("2026-03-14T09:05:00Z", EntryKind::Detection),
            entry("2026-03-14T09:10:00Z", EntryKind::Investigation),
            entry("2026-03-14T10:00:00Z", EntryKind::Resolution),
            TimelineEntry {
                time: Some(Moment::AsWritten("later that week".into())),
                text: "Postmortem held.".into(),
                ..Default::default()
            },
        ];
        let c = chart(&r);
        assert_eq!(c.marks.len(), 4);
        assert_eq!(c.marks[0].x, 0.0);
        assert_eq!(c.marks[3].x, 1.0);
        assert_eq!(
            (c.marks[1].milestone, c.marks[1].inferred),
            (Some(Milestone::Detected), true)
        );
        assert_eq!(c.window, Some((0.25, 1.0)));
        assert_eq!(c.unplotted, vec![4]);
        assert_eq!(c.axis, Some(("08:40".into(), "10:00".into())));
        // 08:40 → 09:05 is 31% of the axis; 09:10 → 10:00 is 62%.
        assert_eq!(c.silences.len(), 2);
        assert_eq!(c.silences[1].length, "50 min");
    }

    #[test]
    fn no_full_time_no_axis() {
        let mut r = Report {
            timeline: vec![TimelineEntry {
                time: Some(Moment::AsWritten("around noon".into())),
                text: "x".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let c = chart(&r);
        assert!(c.axis.is_none() && c.marks.is_empty());
        assert_eq!(c.unplotted, vec![0]);
        r.timeline[0].time = Some(Moment::parse("2026-03-14T12:00:00Z"));
        assert_eq!(chart(&r).marks[0].x, 0.5);
    }
}
